"""Time each effect of the lab on a 1024x1024 photo, against Pillow's own GaussianBlur(4).

Run: python bench/effects.py [--repeat N] [--size S]
Target: every effect under 300 ms at 1024x1024 on a 2-core laptop (a slider drag should feel immediate).
Medians of N runs of ``apply(effect_id, img)`` at the catalogue's defaults, and with every slider at its
maximum (motion at 45 degrees, the costliest direction); the ratio is the defaults' time against
``img.filter(ImageFilter.GaussianBlur(4))`` on the same image, the cheapest thing a page could do instead.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import ImageFilter

from lib.images.effects import EFFECTS, apply, load_image, to_png_bytes
from lib.images.sample_photo import sample_photo
from tests.harness import timing

TARGET_MS = 300.0


# Warmed up: first-call costs (imports, allocator) are not what a slider drag pays.
median_ms = partial(timing.median_ms, warm_up=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--size", type=int, default=1024, help="side of the square test photo")
    args = parser.parse_args()

    img = sample_photo((args.size, args.size))
    baseline = median_ms(lambda: img.filter(ImageFilter.GaussianBlur(4)), args.repeat)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{args.size}x{args.size} photo, median of {args.repeat} runs, {cores} cores")
    print(f"baseline GaussianBlur(4): {baseline:.1f} ms; target {TARGET_MS:.0f} ms an effect\n")
    print("{:<15} {:>12} {:>7} {:>12}  {}".format("effect", "default ms", "ratio", "max ms", "target"))
    slow = []
    for effect_id, effect in EFFECTS.items():
        heaviest = {p.name: p.max for p in effect.params} | (
            {"angle_deg": 45} if "angle_deg" in effect.defaults else {}
        )
        ms = median_ms(lambda effect_id=effect_id: apply(effect_id, img), args.repeat)
        ms_max = median_ms(lambda effect_id=effect_id, h=heaviest: apply(effect_id, img, **h), args.repeat)
        over = max(ms, ms_max) > TARGET_MS
        if over:
            slow.append(effect_id)
        print(
            f"{effect_id:<15} {ms:>12.1f} {ms / baseline:>6.1f}x {ms_max:>12.1f}  {'OVER' if over else 'ok'}"
        )

    png = to_png_bytes(img)
    print("\nsupporting steps")
    extras: dict[str, Callable[[], object]] = {
        f"sample_photo({args.size}x{args.size})": lambda: sample_photo((args.size, args.size)),
        "sample_photo(1024x768)": sample_photo,
        "to_png_bytes": lambda: to_png_bytes(img),
        f"load_image (PNG, {len(png) // 1024} KB)": lambda: load_image(png),
    }
    for name, fn in extras.items():
        print(f"{name:<32} {median_ms(fn, args.repeat):>9.1f} ms")
    print(f"\n{len(slow)} effect(s) over {TARGET_MS:.0f} ms" + (f": {', '.join(slow)}" if slow else ""))


if __name__ == "__main__":
    main()
