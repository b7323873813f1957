"""Sending an image request and decoding what comes back (the bytes are kept: URLs expire)."""

from __future__ import annotations

import base64
import binascii
import io
import time
from dataclasses import dataclass
from typing import Any

from lib.images.edit import EditRequest
from lib.images.rules import ImageRequest

# --- Results ---


class InvalidImageData(ValueError):
    """The server's answer held no usable image; ``key`` is an i18n key."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


MAX_IMAGE_BYTES = 50 * 1024 * 1024


def decode_b64_image(b64: str | None) -> tuple[bytes, str]:
    """Image bytes and their format ("png", "jpeg", "webp") from ``b64_json``, checked by decoding them."""
    from PIL import Image, UnidentifiedImageError

    if not b64:
        raise InvalidImageData("img.err.no_data")
    if len(b64) > MAX_IMAGE_BYTES * 4 // 3 + 4:
        raise InvalidImageData("img.err.too_large")
    try:
        data = base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidImageData("img.err.bad_base64") from exc
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = (probe.format or "").lower()
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise InvalidImageData("img.err.not_image") from exc
    if kind not in ("png", "jpeg", "webp", "gif"):
        raise InvalidImageData("img.err.not_image")
    return data, kind


@dataclass(frozen=True)
class GeneratedImage:
    """One image of the session gallery, with everything needed to explain and reproduce it."""

    data: bytes
    format: str
    model: str
    params: dict[str, Any]
    prompt: str
    revised_prompt: str | None
    created: float
    seconds: float
    cost_usd: float | None
    modifier: str | None = None  # the one modifier this image shows, in a modifier grid
    grid: bool = False
    source: bytes | None = None  # the photo an edit started from (None for a generated image)


def generate(
    client: Any, request: ImageRequest, *, modifier: str | None = None, grid: bool = False
) -> list[GeneratedImage]:
    """Send one request and decode every image in the answer."""
    started = time.monotonic()
    response = client.images.generate(**request.params())
    return _decode(response, request, started, modifier=modifier, grid=grid)


def edit(client: Any, request: EditRequest, *, modifier: str | None = None) -> list[GeneratedImage]:
    """Send one edit (multipart: the photo, the prompt, the optional mask) and decode what comes back."""
    started = time.monotonic()
    response = client.images.edit(**request.params())
    return _decode(response, request, started, modifier=modifier, source=request.image)


def _decode(
    response: Any,
    request: ImageRequest | EditRequest,
    started: float,
    *,
    modifier: str | None,
    grid: bool = False,
    source: bytes | None = None,
) -> list[GeneratedImage]:
    from lib.core.pricing import image_cost_usd

    seconds = time.monotonic() - started
    each = image_cost_usd(request.model, size=request.size, quality=request.quality)
    shown = request.base.params() if isinstance(request, EditRequest) else request.params()
    images = []
    for item in response.data or []:
        data, kind = decode_b64_image(getattr(item, "b64_json", None))
        images.append(
            GeneratedImage(
                data=data,
                format=kind,
                model=request.model,
                params={k: v for k, v in shown.items() if k != "prompt"},
                prompt=request.prompt,
                revised_prompt=getattr(item, "revised_prompt", None),
                created=time.time(),
                seconds=seconds,
                cost_usd=each,
                modifier=modifier,
                grid=grid,
                source=source,
            )
        )
    if not images:
        raise InvalidImageData("img.err.no_data")
    return images


def as_png(data: bytes) -> bytes:
    """The image as PNG bytes (GPT-image models may answer in JPEG or WebP)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        if img.format == "PNG":
            return data
        out = io.BytesIO()
        img.save(out, format="PNG")
        return out.getvalue()
