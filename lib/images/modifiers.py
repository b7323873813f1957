"""Photo-style prompt modifiers (data) and the prompt they make.

>>> compose_prompt("a cat on a windowsill", ["golden_hour", "portrait_85mm"])
'a cat on a windowsill, golden hour light, warm low sun, long soft shadows, 85mm portrait lens, f/1.8'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

# --- Photo-style modifiers ---

Group = Literal["focus", "motion", "lens", "light"]


@dataclass(frozen=True)
class Modifier:
    """A chip in the UI: the exact phrase it adds to the prompt, its label and a one-line explanation (i18n
    keys; the strings are in ``lib/images/strings.py``)."""

    id: str
    group: Group
    phrase: str
    label_key: str
    explain_key: str
    effect: str | None = None  # the effect-lab operation that simulates it


MODIFIERS: tuple[Modifier, ...] = (
    Modifier(
        "dof_shallow",
        "focus",
        "shallow depth of field, creamy bokeh background",
        "img.modifier.dof_shallow",
        "img.modifier.dof_shallow.explain",
        "dof_shallow",
    ),
    Modifier(
        "dof_deep",
        "focus",
        "deep focus, everything sharp from foreground to background",
        "img.modifier.dof_deep",
        "img.modifier.dof_deep.explain",
        "dof_deep",
    ),
    Modifier(
        "motion_blur",
        "motion",
        "motion blur on the fast-moving subject, long exposure",
        "img.modifier.motion_blur",
        "img.modifier.motion_blur.explain",
        "motion_blur",
    ),
    Modifier(
        "panning",
        "motion",
        "panning shot, sharp subject against a streaked background",
        "img.modifier.panning",
        "img.modifier.panning.explain",
        "panning",
    ),
    Modifier(
        "wide_angle",
        "lens",
        "wide-angle lens, 16mm",
        "img.modifier.wide_angle",
        "img.modifier.wide_angle.explain",
        "wide_angle",
    ),
    Modifier(
        "telephoto",
        "lens",
        "telephoto lens, 200mm, compressed perspective",
        "img.modifier.telephoto",
        "img.modifier.telephoto.explain",
        "telephoto",
    ),
    Modifier(
        "fisheye",
        "lens",
        "fisheye lens, strong barrel distortion",
        "img.modifier.fisheye",
        "img.modifier.fisheye.explain",
        "fisheye",
    ),
    Modifier(
        "macro",
        "lens",
        "macro lens, extreme close-up, fine detail",
        "img.modifier.macro",
        "img.modifier.macro.explain",
        "macro",
    ),
    Modifier(
        "tilt_shift",
        "lens",
        "tilt-shift lens, miniature effect",
        "img.modifier.tilt_shift",
        "img.modifier.tilt_shift.explain",
        "tilt_shift",
    ),
    Modifier(
        "lens_35mm",
        "lens",
        "35mm lens, natural perspective",
        "img.modifier.lens_35mm",
        "img.modifier.lens_35mm.explain",
        "lens_35mm",
    ),
    Modifier(
        "portrait_85mm",
        "lens",
        "85mm portrait lens, f/1.8",
        "img.modifier.portrait_85mm",
        "img.modifier.portrait_85mm.explain",
        "portrait_85mm",
    ),
    Modifier(
        "golden_hour",
        "light",
        "golden hour light, warm low sun, long soft shadows",
        "img.modifier.golden_hour",
        "img.modifier.golden_hour.explain",
        "golden_hour",
    ),
    Modifier(
        "blue_hour",
        "light",
        "blue hour, soft cool twilight",
        "img.modifier.blue_hour",
        "img.modifier.blue_hour.explain",
        "blue_hour",
    ),
    Modifier(
        "cloudy",
        "light",
        "overcast sky, soft diffused light",
        "img.modifier.cloudy",
        "img.modifier.cloudy.explain",
        "cloudy",
    ),
    Modifier(
        "studio",
        "light",
        "studio lighting, softbox key light, clean background",
        "img.modifier.studio",
        "img.modifier.studio.explain",
        "studio",
    ),
)
MODIFIERS_BY_ID: dict[str, Modifier] = {m.id: m for m in MODIFIERS}
GROUPS: tuple[Group, ...] = ("focus", "motion", "lens", "light")
GROUP_LABEL_KEYS: dict[Group, str] = {
    "focus": "img.group.focus",
    "motion": "img.group.motion",
    "lens": "img.group.lens",
    "light": "img.group.light",
}


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
