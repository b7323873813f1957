"""Editing a photo with the model (``/v1/images/edits``): the request, its rules, masks and the prompt.

The edit endpoint takes multipart form data: the photo as ``image`` (the SDK sends a list as ``image[]``),
the prompt, and optionally a ``mask``: a PNG of the photo's size whose fully transparent pixels mark where the
model may change the photo. GPT image models take PNG, WebP or JPEG up to 50 MB; dall-e-2 one square PNG
under 4 MB."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, Literal

from lib.images.errors import RequestRuleError
from lib.images.modifiers import MODIFIERS_BY_ID
from lib.images.rules import ImageRequest, build_request, rules_for

MAX_IMAGE_BYTES = 50 * 2**20
MAX_DALLE2_BYTES = MAX_MASK_BYTES = 4 * 2**20
MaskShape = Literal["keep_centre", "edit_centre"]
MASK_SHAPES: tuple[MaskShape, ...] = ("keep_centre", "edit_centre")


def edit_prompt(modifier_id: str) -> str:
    """The prompt that asks the model for one modifier's effect on the photo, and nothing else.

    >>> edit_prompt("fisheye").startswith("Apply this photographic effect to the photo: ")
    True
    """
    phrase = MODIFIERS_BY_ID[modifier_id].phrase
    return (
        f"Apply this photographic effect to the photo: {phrase}. "
        "Keep the same scene, subject and framing; change only what this effect changes."
    )


@dataclass(frozen=True)
class EditRequest:
    """One validated ``images.edit`` call: the generation rules' checked fields plus the photo and mask."""

    base: ImageRequest
    image: bytes
    image_format: str
    mask: bytes | None = None

    @property
    def model(self) -> str:
        return self.base.model

    @property
    def n(self) -> int:
        return self.base.n

    @property
    def size(self) -> str:
        return self.base.size

    @property
    def quality(self) -> str:
        return self.base.quality

    @property
    def prompt(self) -> str:
        return self.base.prompt

    def params(self) -> dict[str, Any]:
        """Keyword arguments for ``client.images.edit`` (files as (name, bytes, type) tuples)."""
        out = {k: v for k, v in self.base.params().items() if k not in ("style",)}
        out["image"] = (f"photo.{self.image_format}", self.image, f"image/{self.image_format}")
        if self.mask is not None:
            out["mask"] = ("mask.png", self.mask, "image/png")
        return out


def _probe(data: bytes) -> tuple[str, tuple[int, int], str]:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            return (img.format or "").lower(), img.size, img.mode
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise RequestRuleError("img.rule.edit.image") from exc


def build_edit(
    *,
    model: str,
    prompt: str,
    image: bytes,
    mask: bytes | None = None,
    size: str | None = None,
    quality: str | None = None,
    output_format: str | None = None,
    background: str | None = None,
    output_compression: int | None = None,
) -> EditRequest:
    """Check an edit against the model's rules (those of generation, then the photo's and the mask's)."""
    rules = rules_for(model)
    if rules is not None and not rules.edits:
        raise RequestRuleError("img.rule.edit.model", model=model)
    base = build_request(
        model=model,
        prompt=prompt,
        size=size,
        quality=quality,
        output_format=output_format,
        background=background,
        output_compression=output_compression,
    )
    kind, (width, height), _ = _probe(image)
    if base.rules.family == "dall-e-2":
        if kind != "png" or width != height or len(image) >= MAX_DALLE2_BYTES:
            raise RequestRuleError("img.rule.edit.dalle2")
    elif kind not in ("png", "jpeg", "webp") or len(image) >= MAX_IMAGE_BYTES:
        raise RequestRuleError("img.rule.edit.image")
    if mask is not None:
        mask_kind, mask_size, mode = _probe(mask)
        if mask_kind != "png" or len(mask) >= MAX_MASK_BYTES or "A" not in mode:
            raise RequestRuleError("img.rule.edit.mask")
        if mask_size != (width, height):
            raise RequestRuleError(
                "img.rule.edit.mask_size",
                mask=f"{mask_size[0]}x{mask_size[1]}",
                image=f"{width}x{height}",
            )
    return EditRequest(base=base, image=image, image_format=kind, mask=mask)


def make_mask(image: bytes, shape: MaskShape) -> bytes:
    """A mask PNG of the photo's size: ``keep_centre`` lets the model change only the edges (a centred
    ellipse stays), ``edit_centre`` only that ellipse. Transparent (alpha 0) marks what may change."""
    from PIL import Image, ImageDraw

    _, (width, height), _ = _probe(image)
    keep, change = (255, 0) if shape == "keep_centre" else (0, 255)
    alpha = Image.new("L", (width, height), change)
    ImageDraw.Draw(alpha).ellipse(
        (width * 0.2, height * 0.15, width * 0.8, height * 0.85), fill=keep
    )  # about the middle half: where a subject usually is
    mask = Image.new("RGBA", (width, height), (0, 0, 0, 255))
    mask.putalpha(alpha)
    out = io.BytesIO()
    mask.save(out, format="PNG")
    return out.getvalue()


def mask_preview(image: bytes, mask: bytes) -> bytes:
    """The photo with what the model may change dimmed and tinted, so a class sees the mask on the photo."""
    from PIL import Image

    with Image.open(io.BytesIO(image)) as photo, Image.open(io.BytesIO(mask)) as m:
        base = photo.convert("RGB")
        alpha = m.convert("RGBA").getchannel("A").resize(base.size)
        tint = Image.blend(base, Image.new("RGB", base.size, (255, 0, 128)), 0.55)
        out = Image.composite(base, tint, alpha)  # opaque mask pixels keep the photo
        buffer = io.BytesIO()
        out.save(buffer, format="PNG")
        return buffer.getvalue()
