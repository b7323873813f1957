"""Images in a chat message: made small before they are sent (and kept), put into a message as content parts,
and counted in tokens by the model's rule (``lib.tokens.images``).

A photo from a phone is 12 megapixels and several megabytes; a model sees at most 2048 px and, on the tile
rule, scales the short side to 768 anyway. So every image is re-encoded as a JPEG of at most ``MAX_SIDE``
pixels a side: the request, the token count and the kept conversation stay small.

>>> pic = prepare_image(sample_png(1600, 1200), name="board.png")
>>> (pic.width, pic.height, pic.original, pic.mime)
(1024, 768, (1600, 1200), 'image/jpeg')
>>> [p["type"] for p in user_content("What is this?", [pic])]
['text', 'image_url']
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from lib.tokens.counting import text_of as text_of  # a message's text, for the pages
from lib.tokens.images import Detail, ImageTokens, image_tokens
from lib.tokens.images import count_images as count_images
from lib.tokens.images import images_tokens as images_tokens

MAX_SIDE = 1024  # pixels: a model's tile rule works at 768 on the short side; enough to read a whiteboard
JPEG_QUALITY = 85
MAX_PIXELS = 50_000_000  # a decompression bomb is refused before it is decoded
IMAGE_TYPES = ("png", "jpg", "jpeg", "webp", "gif")
DETAILS: tuple[Detail, ...] = ("auto", "low", "high")
_DATA_URL = re.compile(r"^data:(image/[a-z+.-]+);base64,(.*)$", re.S)


class NotAnImage(ValueError):
    """The attached file is not an image Pillow can read (or is absurdly large)."""


@dataclass(frozen=True)
class Picture:
    """One image as it is sent: JPEG bytes, its size, its size before resizing, its name and the detail."""

    data: bytes
    width: int
    height: int
    original: tuple[int, int]
    name: str = ""
    detail: Detail = "auto"
    mime: str = "image/jpeg"

    @property
    def resized(self) -> bool:
        return self.original != (self.width, self.height)

    def data_url(self) -> str:
        return f"data:{self.mime};base64," + base64.b64encode(self.data).decode("ascii")

    def tokens(self, model: str) -> ImageTokens:
        return image_tokens(self.width, self.height, model, detail=self.detail)

    def with_detail(self, detail: Detail) -> Picture:
        return replace(self, detail=detail)


def prepare_image(
    raw: bytes, *, name: str = "", detail: Detail = "auto", max_side: int = MAX_SIDE
) -> Picture:
    """The image made ready to send: turned upright (EXIF), flattened on white, at most ``max_side`` a side,
    as a JPEG. Raises ``NotAnImage``."""
    try:
        with Image.open(io.BytesIO(raw)) as opened:
            if opened.width * opened.height > MAX_PIXELS:
                raise NotAnImage(f"{opened.width}x{opened.height} is too many pixels")
            # A JPEG decodes at 1/2, 1/4 or 1/8 scale for free (never below max_side): most of the time saved.
            opened.draft("RGB", (max_side, max_side))
            image = ImageOps.exif_transpose(opened)
            image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise NotAnImage(str(exc) or "not an image") from exc
    original = _upright_size(raw) or (image.width, image.height)
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    elif image.mode != "RGB":
        image = image.convert("RGB")
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=JPEG_QUALITY)
    return Picture(out.getvalue(), image.width, image.height, original, name, detail)


def _upright_size(raw: bytes) -> tuple[int, int] | None:
    """The full size of the image as seen upright (``draft`` may have decoded it smaller)."""
    try:
        with Image.open(io.BytesIO(raw)) as image:
            turned = image.getexif().get(0x0112) in (5, 6, 7, 8)  # EXIF orientations that swap the sides
            return (image.height, image.width) if turned else (image.width, image.height)
    except (UnidentifiedImageError, OSError):
        return None


def user_content(text: str, images: Sequence[Picture]) -> str | list[dict[str, Any]]:
    """A user message's ``content``: the text alone, or Chat Completions content parts (text, then images).

    The Responses request turns these parts into ``input_text`` / ``input_image`` (``lib.chat.request``).
    """
    if not images:
        return text
    parts: list[dict[str, Any]] = [{"type": "text", "text": text}] if text.strip() else []
    parts += [{"type": "image_url", "image_url": {"url": p.data_url(), "detail": p.detail}} for p in images]
    return parts


def shorten(messages: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The messages for showing: each image's base64 replaced by its size
    ("data:image/jpeg;base64,… 84 KB")."""

    def short(part: Any) -> Any:
        if isinstance(part, Mapping) and part.get("type") == "image_url":
            url = str(part["image_url"].get("url") or "")
            match = _DATA_URL.match(url)
            if match:
                kb = max(1, round(len(match.group(2)) * 3 / 4 / 1024))
                url = f"data:{match.group(1)};base64,… {kb} KB"
            return {"type": "image_url", "image_url": dict(part["image_url"], url=url)}
        return part

    return [
        dict(m, content=[short(p) for p in m["content"]]) if isinstance(m.get("content"), list) else dict(m)
        for m in messages
    ]


def sample_png(width: int, height: int) -> bytes:
    """A small test picture (a gradient with a dark square), as PNG bytes."""
    image = Image.new("RGB", (width, height), "white")
    for x in range(0, width, max(1, width // 16)):
        image.paste((x * 255 // max(1, width), 120, 200), (x, 0, min(width, x + max(1, width // 16)), height))
    image.paste((20, 20, 20), (width // 4, height // 4, width // 2, height // 2))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
