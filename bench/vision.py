"""Images in a chat message: preparing a photo (upright, flattened, at most 1024 px, JPEG) against Pillow's
own decode + thumbnail + save, and what counting the images adds to planning a request's cost.

Run: python bench/vision.py [--repeat N]
Target: a 12-megapixel phone photo ready in under 1 s on a 2-core laptop (once, when it is attached), and
counting image tokens in about a millisecond (it reads the image header only, never decodes the pixels).
"""

from __future__ import annotations

import argparse
import io
import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image

from lib import chat
from lib.chat import vision
from tests.harness import timing

median_ms = partial(timing.median_ms, warm_up=True)
SIZES = ((4032, 3024), (1600, 1200), (640, 480))


def _photo(width: int, height: int) -> bytes:
    # A noisy photo compresses like a real one (a flat test card would flatter the encoder).
    image = Image.effect_noise((width, height), 60).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=92)
    return out.getvalue()


def _raw(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        image.thumbnail((vision.MAX_SIDE, vision.MAX_SIDE))
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=vision.JPEG_QUALITY)
        return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"median of {args.repeat} runs\n")
    print(
        "{:<12} {:>9} {:>9} {:>11} {:>7} {:>9} {:>10}".format(
            "photo", "in KB", "out KB", "prepare ms", "raw ms", "ratio", "tokens"
        )
    )
    for width, height in SIZES:
        data = _photo(width, height)
        picture = vision.prepare_image(data)
        ms = median_ms(lambda data=data: vision.prepare_image(data), args.repeat)
        raw = median_ms(lambda data=data: _raw(data), args.repeat)
        sizes = f"{len(data) // 1024:>9} {len(picture.data) // 1024:>9}"
        print(
            f"{width}x{height:<7} {sizes} {ms:>11.1f} {raw:>7.1f}"
            f" {ms / raw:>8.2f}x {picture.tokens('gpt-4o').tokens:>10}"
        )

    picture = vision.prepare_image(_photo(4032, 3024))
    text = chat.build_messages(system="Be brief.", shots=[], history=[], user="What is on this board? " * 20)
    with_images = chat.build_messages(
        system="Be brief.", shots=[], history=[], user="What is on this board? " * 20, images=(picture,) * 3
    )
    plain = median_ms(lambda: chat.plan_cost(model="gpt-4o", messages=text, max_tokens=256), args.repeat * 4)
    counted = median_ms(
        lambda: chat.plan_cost(model="gpt-4o", messages=with_images, max_tokens=256), args.repeat * 4
    )
    print(f"\nplan_cost, text only: {plain:.2f} ms; with 3 images: {counted:.2f} ms ({counted / plain:.2f}x)")


if __name__ == "__main__":
    main()
