"""What an image costs in input tokens, by OpenAI's published rules for each model family.

Two rules (OpenAI's vision guide, "Calculating costs", as read in 2025-2026):

- **tiles** (gpt-4o, gpt-4.1, gpt-5, o1/o3): ``detail="low"`` is a flat base; otherwise the image is scaled to
  fit 2048x2048, then its short side to 768, and every 512-pixel tile costs the same.
- **patches** (gpt-4.1-mini/-nano, gpt-5-mini/-nano, o4-mini): 32-pixel patches, at most 1536 (a bigger image
  is scaled down first), times a per-model multiplier.

An unknown model is counted by the tile rule of gpt-4o (``ImageTokens.known`` False), which the UI says.

>>> image_tokens(1024, 1024, "gpt-4o").tokens, image_tokens(1024, 1024, "gpt-4o", detail="low").tokens
(765, 85)
>>> image_tokens(1800, 2400, "gpt-4.1-mini").tokens  # 1452 patches x 1.62
2353
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from lib.core.models import base_name, undated

Detail = Literal["auto", "low", "high"]

# (base tokens, tokens per 512 px tile)
TILE_RULE: dict[str, tuple[int, int]] = {
    "gpt-4o": (85, 170),
    "gpt-4.1": (85, 170),
    "gpt-4.5": (85, 170),
    "chatgpt-4o-latest": (85, 170),
    "gpt-4o-mini": (2833, 5667),
    "o1": (75, 150),
    "o1-pro": (75, 150),
    "o3": (75, 150),
    "gpt-5": (70, 140),
    "gpt-5-chat-latest": (70, 140),
}
# multiplier of the 32 px patch count
PATCH_RULE: dict[str, float] = {
    "gpt-4.1-mini": 1.62,
    "gpt-4.1-nano": 2.46,
    "gpt-5-mini": 1.62,
    "gpt-5-nano": 2.46,
    "o4-mini": 1.72,
}
PATCH = 32
MAX_PATCHES = 1536
_POINT_RELEASE = re.compile(r"^gpt-5\.\d+")  # gpt-5.4-mini is priced like gpt-5-mini until the table says not


@dataclass(frozen=True)
class ImageTokens:
    """Input tokens of one image, the rule that counted them, and whether the model is in the tables."""

    tokens: int
    rule: Literal["tiles", "patches"]
    known: bool


def _rule_name(model: str) -> str:
    name = undated(base_name(model))
    return _POINT_RELEASE.sub("gpt-5", name)


def _patches(width: int, height: int) -> int:
    raw = math.ceil(width / PATCH) * math.ceil(height / PATCH)
    if raw <= MAX_PATCHES:
        return raw
    r = math.sqrt(PATCH * PATCH * MAX_PATCHES / (width * height))
    r *= min(
        math.floor(width * r / PATCH) / (width * r / PATCH),
        math.floor(height * r / PATCH) / (height * r / PATCH),
    )
    return min(MAX_PATCHES, math.ceil(width * r / PATCH) * math.ceil(height * r / PATCH))


def _tiles(width: int, height: int) -> int:
    w, h = float(width), float(height)
    if max(w, h) > 2048:
        scale = 2048 / max(w, h)
        w, h = w * scale, h * scale
    if min(w, h) > 768:
        scale = 768 / min(w, h)
        w, h = w * scale, h * scale
    return math.ceil(w / 512) * math.ceil(h / 512)


def image_tokens(width: int, height: int, model: str, *, detail: Detail = "auto") -> ImageTokens:
    """Input tokens of a ``width`` x ``height`` image sent to ``model``. ``auto`` is counted as ``high``
    (the server may pick low for a small image; booking the larger figure never under-books)."""
    if width <= 0 or height <= 0:
        raise ValueError("an image has a positive width and height")
    name = _rule_name(model)
    if name in PATCH_RULE:
        return ImageTokens(math.ceil(_patches(width, height) * PATCH_RULE[name]), "patches", True)
    known = name in TILE_RULE
    base, tile = TILE_RULE.get(name, TILE_RULE["gpt-4o"])
    if detail == "low":
        return ImageTokens(base, "tiles", known)
    return ImageTokens(base + tile * _tiles(width, height), "tiles", known)


# --- images inside chat messages (content parts), counted with their text by counting.count_tokens ---

_HEADER_CHARS = 16_384  # base64 characters (12 KB) read for an image's size
_DATA_URL = re.compile(r"^data:(image/[a-z+.-]+);base64,(.*)$", re.S)
_DETAILS = ("auto", "low", "high")


def _image_size(url: str) -> tuple[int, int] | None:
    import base64
    import binascii
    import io

    from PIL import Image, UnidentifiedImageError  # only when a message carries an image

    match = _DATA_URL.match(url)
    if not match:
        return None
    encoded = match.group(2)
    # The header is near the start: decode a prefix first (the whole image only if the header is not in it).
    for chunk in (encoded[:_HEADER_CHARS], encoded):
        try:
            with Image.open(io.BytesIO(base64.b64decode(chunk, validate=False))) as image:
                return image.width, image.height  # the header only: no pixel is decoded
        except (binascii.Error, UnidentifiedImageError, OSError, SyntaxError):
            continue
    return None


def _image_parts(messages: Iterable[Mapping[str, Any]]) -> Iterable[Mapping[str, Any]]:
    for message in messages:
        content = message.get("content")
        if isinstance(content, list):
            yield from (
                p["image_url"] for p in content if isinstance(p, Mapping) and p.get("type") == "image_url"
            )


def count_images(messages: Iterable[Mapping[str, Any]]) -> int:
    return sum(1 for _ in _image_parts(messages))


def images_tokens(messages: Iterable[Mapping[str, Any]], model: str) -> int:
    """Input tokens of every image in ``messages`` for ``model`` (an image given by address, not data, is
    counted as a 2048 px square: the most it can cost).

    >>> images_tokens([{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "https://x"}}]}],
    ...               "gpt-4o")
    765
    """
    total = 0
    for part in _image_parts(messages):
        size = _image_size(str(part.get("url") or "")) or (2048, 2048)
        detail = part.get("detail") if part.get("detail") in _DETAILS else "auto"
        total += image_tokens(*size, model, detail=detail).tokens
    return total
