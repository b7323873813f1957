"""The Images form's options: only those the chosen model accepts, gpt-image-2's free size checked live."""

from __future__ import annotations

from typing import Any

import streamlit as st

from lib import images
from lib.core.i18n import Lang, t
from ui.state import kept

VALUE_KEYS = {  # quality, style and background values -> their names in the UI language
    "auto": "img.value.auto",
    "low": "img.value.low",
    "medium": "img.value.medium",
    "high": "img.value.high",
    "standard": "img.value.standard",
    "hd": "img.value.hd",
    "vivid": "img.value.vivid",
    "natural": "img.value.natural",
    "opaque": "img.value.opaque",
    "transparent": "img.value.transparent",
}


def value_label(value: str, lang: Lang) -> str:
    """A value the API takes, as the form shows it ("생생하게 (vivid)"); unknown values as they are."""
    return t(VALUE_KEYS[value], lang) if value in VALUE_KEYS else value


def size_picker(lang: Lang, model: str, rules: images.ModelRules, where: Any, *, prefix: str = "img") -> str:
    """The size to send: a preset, or (gpt-image-2) a custom WIDTHxHEIGHT with the rule it breaks shown as it
    is typed. The request builder checks it again before anything is sent."""
    choices = [*rules.sizes, images.CUSTOM] if rules.custom_sizes else list(rules.sizes)
    size = where.selectbox(
        t("img.size", lang),
        choices,
        format_func=lambda s: t("img.size.custom", lang) if s == images.CUSTOM else value_label(s, lang),
        key=kept(f"{prefix}.size.{model}"),
    )
    if size != images.CUSTOM:
        if rules.custom_sizes and size != "auto" and images.check_size(size).experimental:
            where.caption(t("img.size.experimental", lang, size=size))
        return size
    size = where.text_input(
        t("img.size.custom_field", lang),
        key=kept(f"{prefix}.custom.{model}", "1536x864"),
        help=t("img.size.custom_help", lang),
    )
    try:
        checked = images.check_size(size)
    except images.RequestRuleError as exc:
        where.caption("✋ " + t(exc.key, lang, **exc.values))
    else:
        if checked is not None:
            key = "img.size.experimental" if checked.experimental else "img.size.ok"
            where.caption(t(key, lang, size=checked.text, ratio=checked.ratio))
    return size


def options(lang: Lang, model: str, rules: images.ModelRules) -> dict[str, Any]:
    """Size, quality, style, n, output format, background and compression, as ``build_request`` takes them;
    keys per model, so switching models never keeps a value the new model rejects."""
    cols = st.columns(4)
    chosen: dict[str, Any] = {"size": size_picker(lang, model, rules, cols[0])}
    chosen["quality"] = cols[1].selectbox(
        t("img.quality", lang),
        rules.qualities,
        format_func=lambda v: value_label(v, lang),
        key=kept(f"img.quality.{model}"),
    )
    chosen["style"] = (
        cols[2].selectbox(
            t("img.style", lang),
            rules.styles,
            format_func=lambda v: value_label(v, lang),
            key=kept(f"img.style.{model}"),
        )
        if rules.styles
        else None
    )
    chosen["n"] = int(
        cols[3].number_input(
            t("img.n", lang), min_value=1, max_value=rules.max_n, step=1, key=kept(f"img.n.{model}", 1)
        )
        if rules.max_n > 1
        else 1
    )
    chosen["output_format"] = chosen["background"] = chosen["output_compression"] = None
    if rules.output_formats:
        fmt_col, bg_col, comp_col = st.columns(3)
        chosen["output_format"] = fmt_col.selectbox(
            t("img.format", lang), rules.output_formats, key=kept(f"img.format.{model}")
        )
        chosen["background"] = bg_col.selectbox(
            t("img.background", lang),
            rules.backgrounds,
            format_func=lambda v: value_label(v, lang),
            key=kept(f"img.bg.{model}"),
        )
        if rules.compression and chosen["output_format"] != "png":
            chosen["output_compression"] = comp_col.slider(
                t("img.compression", lang), 0, 100, step=5, key=kept(f"img.compression.{model}", 100)
            )
    return chosen
