"""Image requests: the per-model rules (sizes, quality, style, n, prompt length) and the request they make.

The API accepts any model name and, if ``model`` is omitted, silently uses dall-e-2; the per-model rules
(sizes, quality, style, n, prompt length, what GPT-image models reject) are written in prose in OpenAI's spec,
so they live here, in one table the form is built from and every request is checked against before sending."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from lib.core.amounts import Amounts
from lib.core.models import base_name, undated
from lib.images import sizes as free_sizes
from lib.images.errors import RequestRuleError

Family = Literal["dall-e-2", "dall-e-3", "gpt-image"]


@dataclass(frozen=True)
class ModelRules:
    """What one image model accepts. Empty tuples mean "the model has no such option"."""

    name: str
    family: Family
    sizes: tuple[str, ...]
    qualities: tuple[str, ...]
    max_prompt: int
    max_n: int
    styles: tuple[str, ...] = ()
    output_formats: tuple[str, ...] = ()
    backgrounds: tuple[str, ...] = ()
    custom_sizes: bool = False  # any WIDTHxHEIGHT within lib.images.sizes' rules, besides the presets
    edits: bool = False  # /v1/images/edits (with an optional mask)
    compression: bool = False  # output_compression 0-100 with jpeg or webp


_GPT_IMAGE = dict(
    family="gpt-image",
    sizes=("1024x1024", "1536x1024", "1024x1536", "auto"),
    qualities=("auto", "low", "medium", "high"),
    max_prompt=32000,
    max_n=10,
    output_formats=("png", "jpeg", "webp"),
    backgrounds=("auto", "opaque", "transparent"),
    edits=True,
    compression=True,
)
# gpt-image-2 (snapshot gpt-image-2-2026-04-21): free sizes; the form offers presets and a custom field.
_GPT_IMAGE_2 = dict(_GPT_IMAGE, sizes=free_sizes.PRESETS, custom_sizes=True)

MODELS: dict[str, ModelRules] = {
    rules.name: rules
    for rules in (
        ModelRules("gpt-image-1", **_GPT_IMAGE),  # type: ignore[arg-type]
        ModelRules("gpt-image-1-mini", **_GPT_IMAGE),  # type: ignore[arg-type]
        ModelRules("gpt-image-1.5", **_GPT_IMAGE),  # type: ignore[arg-type]
        ModelRules("gpt-image-2", **_GPT_IMAGE_2),  # type: ignore[arg-type]
        ModelRules(
            "dall-e-3",
            "dall-e-3",
            sizes=("1024x1024", "1792x1024", "1024x1792"),
            qualities=("standard", "hd"),
            max_prompt=4000,
            max_n=1,
            styles=("vivid", "natural"),
        ),
        ModelRules(
            "dall-e-2",
            "dall-e-2",
            sizes=("1024x1024", "512x512", "256x256"),
            qualities=("standard",),
            max_prompt=1000,
            max_n=10,
            edits=True,
        ),
    )
}
# Without a server's list (no key: the prompt-building view), the form shows today's image model; with a key,
# the catalogue's default (lib.core.catalogue) replaces it. DALL-E's rules stay for deployments that list it.
DEFAULT_MODEL = "gpt-image-2"
_GPT_IMAGE_ID = re.compile(r"^(gpt-image-|chatgpt-image)")


def rules_for(model: str) -> ModelRules | None:
    """The request rules of ``model``: its own, its undated snapshot's, or (a GPT image model the table does
    not name yet) those of today's GPT image model. None for a model of no image family.

    >>> rules_for("gpt-image-2-2026-04-21").max_prompt, rules_for("gpt-image-3").name, rules_for("llama")
    (32000, 'gpt-image-3', None)
    """
    name = base_name(model)
    known = MODELS.get(name) or MODELS.get(undated(name))
    if known is not None:
        return known if known.name == model else replace(known, name=model)
    if _GPT_IMAGE_ID.match(name):
        return replace(MODELS["gpt-image-2"], name=model)
    return None


@dataclass(frozen=True)
class ImageRequest:
    """One validated ``images.generate`` call."""

    model: str
    prompt: str
    size: str
    quality: str
    n: int = 1
    style: str | None = None
    output_format: str | None = None
    background: str | None = None
    output_compression: int | None = None

    @property
    def rules(self) -> ModelRules:
        return rules_for(self.model) or MODELS[self.model]

    def params(self) -> dict[str, Any]:
        """Keyword arguments for ``client.images.generate``; ``model`` is always sent."""
        out: dict[str, Any] = {
            "model": self.model,
            "prompt": self.prompt,
            "size": self.size,
            "quality": self.quality,
            "n": self.n,
        }
        if self.rules.family == "gpt-image":
            # GPT-image models always answer in base64 and reject response_format.
            out["output_format"] = self.output_format or "png"
            out["background"] = self.background or "auto"
            if self.output_compression is not None:
                out["output_compression"] = self.output_compression
        else:
            # URLs expire after 60 minutes: ask for the bytes.
            out["response_format"] = "b64_json"
            if self.style:
                out["style"] = self.style
        return out


def build_request(
    *,
    model: str,
    prompt: str,
    size: str | None = None,
    quality: str | None = None,
    n: int = 1,
    style: str | None = None,
    output_format: str | None = None,
    background: str | None = None,
    output_compression: int | None = None,
) -> ImageRequest:
    """Check a request against the model's rules; raises ``RequestRuleError`` naming what to change."""
    rules = rules_for(model)
    if rules is None:
        raise RequestRuleError("img.rule.model", model=model, models=", ".join(MODELS))
    text = prompt.strip()
    if not text:
        raise RequestRuleError("img.rule.empty")
    if len(text) > rules.max_prompt:
        raise RequestRuleError(
            "img.rule.too_long", model=model, limit=rules.max_prompt, over=len(text) - rules.max_prompt
        )
    size = (rules.sizes[0] if size is None else size).strip()
    if rules.custom_sizes:
        checked = free_sizes.check_size(size)  # raises naming the rule the size breaks
        size = checked.text if checked is not None else free_sizes.AUTO
    elif size not in rules.sizes:
        raise RequestRuleError("img.rule.size", model=model, value=size, allowed=", ".join(rules.sizes))
    quality = quality or rules.qualities[0]
    if quality not in rules.qualities:
        raise RequestRuleError(
            "img.rule.quality", model=model, value=quality, allowed=", ".join(rules.qualities)
        )
    if not 1 <= n <= rules.max_n:
        raise RequestRuleError("img.rule.n", model=model, max=rules.max_n)
    if style is not None and style not in rules.styles:
        raise RequestRuleError("img.rule.style", model=model)
    if output_format is not None and output_format not in rules.output_formats:
        raise RequestRuleError("img.rule.option", model=model, option="output_format")
    if background is not None and background not in rules.backgrounds:
        raise RequestRuleError("img.rule.option", model=model, option="background")
    if background == "transparent" and (output_format or "png") == "jpeg":
        raise RequestRuleError("img.rule.transparent_jpeg")
    if output_compression is not None:
        if not rules.compression or (output_format or "png") == "png":
            raise RequestRuleError("img.rule.compression")
        if not 0 <= output_compression <= 100:
            raise RequestRuleError("img.rule.compression")
    return ImageRequest(
        model=model,
        prompt=text,
        size=size,
        quality=quality,
        n=n,
        style=style or (rules.styles[0] if rules.styles else None),
        output_format=output_format or (rules.output_formats[0] if rules.output_formats else None),
        background=background or (rules.backgrounds[0] if rules.backgrounds else None),
        output_compression=output_compression,
    )


def plan_cost(requests: Sequence[ImageRequest | Any]) -> Amounts:
    """What a batch (one request, a modifier grid, or an edit) asks for: its requests and every image of
    each; an edit's images count as images, as generated ones do."""
    return Amounts(requests=len(requests), images=sum(r.n for r in requests))
