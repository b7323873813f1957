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


_GPT_IMAGE = dict(
    family="gpt-image",
    sizes=("1024x1024", "1536x1024", "1024x1536", "auto"),
    qualities=("auto", "low", "medium", "high"),
    max_prompt=32000,
    max_n=10,
    output_formats=("png", "jpeg", "webp"),
    backgrounds=("auto", "opaque", "transparent"),
)

MODELS: dict[str, ModelRules] = {
    rules.name: rules
    for rules in (
        ModelRules("gpt-image-1", **_GPT_IMAGE),  # type: ignore[arg-type]
        ModelRules("gpt-image-1-mini", **_GPT_IMAGE),  # type: ignore[arg-type]
        ModelRules("gpt-image-1.5", **_GPT_IMAGE),  # type: ignore[arg-type]
        ModelRules("gpt-image-2", **_GPT_IMAGE),  # type: ignore[arg-type]
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


class RequestRuleError(ValueError):
    """A request the chosen model would reject; ``key`` is an i18n key, ``values`` fill it in."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(f"{key}: {values}")
        self.key = key
        self.values = values


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
    size = size or rules.sizes[0]
    if size not in rules.sizes:
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
    return ImageRequest(
        model=model,
        prompt=text,
        size=size,
        quality=quality,
        n=n,
        style=style or (rules.styles[0] if rules.styles else None),
        output_format=output_format or (rules.output_formats[0] if rules.output_formats else None),
        background=background or (rules.backgrounds[0] if rules.backgrounds else None),
    )


def plan_cost(requests: Sequence[ImageRequest]) -> Amounts:
    """What a batch (one request, or a modifier grid) asks for: its requests and every image of each."""
    return Amounts(requests=len(requests), images=sum(r.n for r in requests))
