"""Image generation: photo-style modifiers, prompt composition, per-model request rules, decoding.

The API accepts any model name and, if ``model`` is omitted, silently uses dall-e-2; the per-model rules
(sizes, quality, style, n, prompt length, what GPT-image models reject) are written in prose in OpenAI's spec,
so they live here, in one table the form is built from and every request is checked against before sending.

>>> compose_prompt("a cat on a windowsill", ["golden_hour", "portrait_85mm"])
'a cat on a windowsill, golden hour light, warm low sun, long soft shadows, 85mm portrait lens, f/1.8'
"""

from __future__ import annotations

import base64
import binascii
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

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
DEFAULT_MODEL = "dall-e-3"


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
        return MODELS[self.model]

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
    rules = MODELS.get(model)
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


# --- Photo-style modifiers ---

Group = Literal["focus", "motion", "lens", "light"]


@dataclass(frozen=True)
class Modifier:
    """A chip in the UI: the exact phrase it adds to the prompt, and a one-line explanation (ko/en)."""

    id: str
    group: Group
    phrase: str
    label: dict[str, str]
    explain: dict[str, str]
    effect: str | None = None  # the effect-lab operation that simulates it


MODIFIERS: tuple[Modifier, ...] = (
    Modifier(
        "dof_shallow",
        "focus",
        "shallow depth of field, creamy bokeh background",
        {"ko": "얕은 심도 (보케)", "en": "Shallow depth of field (bokeh)"},
        {
            "ko": "초점이 맞은 곳만 선명하고 배경은 동그란 빛망울로 부드럽게 녹아듭니다.",
            "en": "Only the focus point is sharp; the background melts into soft bokeh.",
        },
        "dof_shallow",
    ),
    Modifier(
        "dof_deep",
        "focus",
        "deep focus, everything sharp from foreground to background",
        {"ko": "깊은 심도 (팬 포커스)", "en": "Deep focus"},
        {
            "ko": "조리개를 조여 앞에서 뒤까지 모두 선명하게 찍습니다 (풍경 사진).",
            "en": "A small aperture keeps everything sharp, near and far (landscapes).",
        },
        "dof_deep",
    ),
    Modifier(
        "motion_blur",
        "motion",
        "motion blur on the fast-moving subject, long exposure",
        {"ko": "모션 블러 (빠른 피사체)", "en": "Motion blur (fast subject)"},
        {
            "ko": "셔터가 열려 있는 동안 움직인 피사체가 움직인 방향으로 번집니다.",
            "en": "A subject that moves while the shutter is open smears along its direction.",
        },
        "motion_blur",
    ),
    Modifier(
        "panning",
        "motion",
        "panning shot, sharp subject against a streaked background",
        {"ko": "패닝 샷", "en": "Panning shot"},
        {
            "ko": "카메라가 피사체를 따라가서 피사체는 선명하고 배경은 길게 흐릅니다.",
            "en": "The camera follows the subject: it stays sharp while the background streaks.",
        },
        "panning",
    ),
    Modifier(
        "wide_angle",
        "lens",
        "wide-angle lens, 16mm",
        {"ko": "광각 렌즈", "en": "Wide-angle lens"},
        {
            "ko": "넓은 장면을 담고 가장자리가 늘어나며 모서리가 어두워지기도 합니다.",
            "en": "Takes in a wide scene; edges stretch and corners may darken.",
        },
        "wide_angle",
    ),
    Modifier(
        "telephoto",
        "lens",
        "telephoto lens, 200mm, compressed perspective",
        {"ko": "망원 렌즈", "en": "Telephoto lens"},
        {
            "ko": "멀리 있는 것을 당겨 찍어 배경이 가깝고 납작해 보입니다 (원근 압축).",
            "en": "Pulls distant things close; the background looks near and flat (compression).",
        },
        "telephoto",
    ),
    Modifier(
        "fisheye",
        "lens",
        "fisheye lens, strong barrel distortion",
        {"ko": "어안 렌즈", "en": "Fisheye lens"},
        {
            "ko": "180도에 가까운 화각으로 직선이 둥글게 휘어 보입니다.",
            "en": "A near-180° view that bends straight lines into curves.",
        },
        "fisheye",
    ),
    Modifier(
        "macro",
        "lens",
        "macro lens, extreme close-up, fine detail",
        {"ko": "매크로 렌즈", "en": "Macro lens"},
        {
            "ko": "아주 가까이에서 작은 것을 크게 찍고, 초점 범위는 아주 얇습니다.",
            "en": "Photographs small things very close; the zone of focus is razor-thin.",
        },
        "macro",
    ),
    Modifier(
        "tilt_shift",
        "lens",
        "tilt-shift lens, miniature effect",
        {"ko": "틸트-시프트 (미니어처)", "en": "Tilt-shift (miniature)"},
        {
            "ko": "가운데 띠만 선명하고 위아래가 흐려져 실제 풍경이 모형처럼 보입니다.",
            "en": "A sharp band with blurred top and bottom makes a real scene look like a model.",
        },
        "tilt_shift",
    ),
    Modifier(
        "lens_35mm",
        "lens",
        "35mm lens, natural perspective",
        {"ko": "35mm 렌즈", "en": "35 mm lens"},
        {
            "ko": "사람 눈과 비슷한 자연스러운 원근으로, 거리 사진에 많이 씁니다.",
            "en": "A natural, eye-like perspective, common in street photography.",
        },
        "lens_35mm",
    ),
    Modifier(
        "portrait_85mm",
        "lens",
        "85mm portrait lens, f/1.8",
        {"ko": "85mm 인물 렌즈", "en": "85 mm portrait lens"},
        {
            "ko": "얼굴을 왜곡 없이 담고 배경을 부드럽게 날리는 인물 사진용 렌즈입니다.",
            "en": "Flattering, undistorted faces with a softly blurred background.",
        },
        "portrait_85mm",
    ),
    Modifier(
        "golden_hour",
        "light",
        "golden hour light, warm low sun, long soft shadows",
        {"ko": "골든 아워", "en": "Golden hour"},
        {
            "ko": "해 뜬 직후나 해 지기 직전, 낮은 해가 만드는 따뜻한 금빛과 긴 그림자.",
            "en": "Just after sunrise or before sunset: warm golden light and long shadows.",
        },
        "golden_hour",
    ),
    Modifier(
        "blue_hour",
        "light",
        "blue hour, soft cool twilight",
        {"ko": "블루 아워", "en": "Blue hour"},
        {
            "ko": "해가 진 뒤 잠깐, 하늘이 깊은 파란빛으로 물드는 시간입니다.",
            "en": "The short twilight after sunset when the sky turns deep blue.",
        },
        "blue_hour",
    ),
    Modifier(
        "cloudy",
        "light",
        "overcast sky, soft diffused light",
        {"ko": "흐린 날", "en": "Cloudy / overcast"},
        {
            "ko": "구름이 빛을 퍼뜨려 그림자가 약하고 색이 차분해집니다.",
            "en": "Clouds diffuse the light: faint shadows, muted colours.",
        },
        "cloudy",
    ),
    Modifier(
        "studio",
        "light",
        "studio lighting, softbox key light, clean background",
        {"ko": "스튜디오 조명", "en": "Studio lighting"},
        {
            "ko": "소프트박스 같은 조명으로 깨끗한 배경과 또렷한 피사체를 만듭니다.",
            "en": "Controlled softbox light: a clean background and a crisp subject.",
        },
        "studio",
    ),
)
MODIFIERS_BY_ID: dict[str, Modifier] = {m.id: m for m in MODIFIERS}
GROUPS: tuple[Group, ...] = ("focus", "motion", "lens", "light")


def compose_prompt(base: str, modifier_ids: Iterable[str] = (), free_text: str = "") -> str:
    """The exact prompt sent: the base, then each modifier's phrase, then the free-text modifier."""
    parts = [base.strip().rstrip(",")]
    parts += [MODIFIERS_BY_ID[m].phrase for m in modifier_ids]
    if free_text.strip():
        parts.append(free_text.strip())
    return ", ".join(p for p in parts if p)


def grid_prompts(base: str, modifier_ids: Sequence[str], free_text: str = "") -> list[tuple[str | None, str]]:
    """One prompt without modifiers, then one per modifier: (modifier id or None, final prompt)."""
    plain = [(None, compose_prompt(base, (), free_text))]
    return plain + [(m, compose_prompt(base, [m], free_text)) for m in modifier_ids]


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


def generate(
    client: Any, request: ImageRequest, *, modifier: str | None = None, grid: bool = False
) -> list[GeneratedImage]:
    """Send one request and decode every image in the answer."""
    import time

    from lib.pricing import image_cost_usd

    started = time.monotonic()
    response = client.images.generate(**request.params())
    seconds = time.monotonic() - started
    each = image_cost_usd(request.model, size=request.size, quality=request.quality)
    images = []
    for item in response.data or []:
        data, kind = decode_b64_image(getattr(item, "b64_json", None))
        images.append(
            GeneratedImage(
                data=data,
                format=kind,
                model=request.model,
                params={k: v for k, v in request.params().items() if k != "prompt"},
                prompt=request.prompt,
                revised_prompt=getattr(item, "revised_prompt", None),
                created=time.time(),
                seconds=seconds,
                cost_usd=each,
                modifier=modifier,
                grid=grid,
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
