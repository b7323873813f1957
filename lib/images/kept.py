"""The gallery's images as plain JSON plus their bytes, for the work kept across a reload.

The bytes go to the store as a blob (``put`` returns its name); an image whose blob is gone (left out under
the browser's cap) is not restored.

>>> blobs = {}
>>> def put(data): blobs["b"] = data; return "b"
>>> image = GeneratedImage(b"png", "png", "effect-lab", {"size": "8x8"}, "p", None, 1.0, 0.1, 0.0)
>>> image_from_json(image_to_json(image, put), blobs.get) == image
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lib.images.generate import GeneratedImage

_PARAM_TYPES = (str, int, float, bool, type(None))


def image_to_json(image: GeneratedImage, put: Callable[[bytes], str]) -> dict[str, Any]:
    return {
        "blob": put(image.data),
        "format": image.format,
        "model": image.model,
        "params": {str(k): v for k, v in image.params.items() if isinstance(v, _PARAM_TYPES)},
        "prompt": image.prompt,
        "revised_prompt": image.revised_prompt,
        "created": image.created,
        "seconds": image.seconds,
        "cost_usd": image.cost_usd,
        "modifier": image.modifier,
        "grid": image.grid,
    }


def image_from_json(data: dict[str, Any], blob: Callable[[str], bytes | None]) -> GeneratedImage | None:
    """The image, or None when its bytes were not kept."""
    raw = blob(data.get("blob"))
    if raw is None:
        return None
    cost = data.get("cost_usd")
    return GeneratedImage(
        data=raw,
        format=str(data.get("format") or "png"),
        model=str(data.get("model") or ""),
        params={str(k): v for k, v in (data.get("params") or {}).items() if isinstance(v, _PARAM_TYPES)},
        prompt=str(data.get("prompt") or ""),
        revised_prompt=data["revised_prompt"] if isinstance(data.get("revised_prompt"), str) else None,
        created=float(data.get("created") or 0),
        seconds=float(data.get("seconds") or 0),
        cost_usd=float(cost) if isinstance(cost, int | float) else None,
        modifier=data["modifier"] if isinstance(data.get("modifier"), str) else None,
        grid=bool(data.get("grid")),
    )


def gallery_to_json(gallery: list[GeneratedImage], put: Callable[[bytes], str]) -> list[dict[str, Any]]:
    return [image_to_json(image, put) for image in gallery]


def gallery_from_json(data: Any, blob: Callable[[str], bytes | None]) -> list[GeneratedImage]:
    items = [image_from_json(d, blob) for d in data if isinstance(d, dict)] if isinstance(data, list) else []
    return [image for image in items if image is not None]
