"""The Whisper result's cue rules (a preset, then each number) and its checks, each with a one-click fix."""

import streamlit as st

from lib.audio import subtitles
from lib.core.i18n import Lang, t
from ui.state import kept

NUMBERS = {  # kept widget -> (CueRules field, label key)
    "wh_r_chars": ("max_line_chars", "wh.rule.max_line_chars"),
    "wh_r_lines": ("max_lines", "wh.rule.max_lines"),
    "wh_r_gap": ("max_gap", "wh.rule.max_gap"),
    "wh_r_min": ("min_duration", "wh.rule.min_duration"),
    "wh_r_max": ("max_duration", "wh.rule.max_duration"),
    "wh_r_cps": ("max_cps", "wh.rule.max_cps"),
}
LIMITS = {  # field -> (min, max, step)
    "max_line_chars": (10, 80, 1),
    "max_lines": (1, 3, 1),
    "max_gap": (0.1, 5.0, 0.1),
    "min_duration": (0.1, 3.0, 0.1),
    "max_duration": (1.0, 15.0, 0.5),
    "max_cps": (5.0, 40.0, 1.0),
}
MAX_SHOWN = 40  # checks listed with a button; the count says how many there are


def _load_preset() -> None:
    preset = subtitles.PRESETS[st.session_state[kept("wh_r_preset")]]
    for key, (field, _label) in NUMBERS.items():
        st.session_state[kept(key)] = getattr(preset, field)


def rules_widget(lang: Lang) -> subtitles.CueRules:
    """A preset (standard or Korean) that fills the numbers, each of which can then be changed."""
    preset_key = kept("wh_r_preset", "standard")
    for key, (field, _label) in NUMBERS.items():
        kept(key, getattr(subtitles.PRESETS[st.session_state[preset_key]], field))
    with st.expander(t("wh.rules", lang)):
        name = st.segmented_control(
            t("wh.rule.preset", lang),
            list(subtitles.PRESETS),
            format_func=lambda p: t(subtitles.PRESET_LABEL_KEYS[p], lang),
            key=preset_key,
            required=True,
            on_change=_load_preset,
        )
        columns = st.columns(3)
        values = {}
        for k, (key, (field, label)) in enumerate(NUMBERS.items()):
            low, high, step = LIMITS[field]
            values[field] = columns[k % 3].number_input(t(label, lang), low, high, step=step, key=kept(key))
    preset = subtitles.PRESETS[name or "standard"]
    return subtitles.CueRules(
        max_line_chars=int(values["max_line_chars"]),
        max_lines=int(values["max_lines"]),
        max_gap=float(values["max_gap"]),
        min_duration=float(values["min_duration"]),
        max_duration=float(values["max_duration"]),
        max_cps=float(values["max_cps"]),
        cps_unit=preset.cps_unit,
        ellipsis=preset.ellipsis,
    )


def fixes_key(shown: int) -> str:
    return f"wh_fixes_{shown}"


def _add_fix(key: str, fix: subtitles.Fix) -> None:
    st.session_state.setdefault(key, []).append(fix)


def qa_panel(lang: Lang, issues: list, cues: list, shown: int, digest: str) -> None:
    """Each check with a button that fixes it: lengthen a cue read too fast, delete anything else."""
    key = fixes_key(shown)
    done = st.session_state.get(key, [])
    if done:
        st.button(
            t("wh.qa.reset", lang, n=len(done)),
            key=f"wh_fix_reset_{digest}",
            on_click=lambda: st.session_state.pop(key, None),
        )
    if not issues:
        st.caption("✅ " + t("wh.qa_ok", lang))
        return
    with st.expander(t("wh.qa", lang, n=len(issues)), icon="🔎", expanded=True):
        for k, issue in enumerate(issues[:MAX_SHOWN]):
            message = t(issue.message_key, lang, detail=issue.detail)
            text, action = st.columns([4, 1], vertical_alignment="center")
            text.markdown("- " + t("wh.qa_item", lang, index=issue.cue_index, message=message))
            fix = subtitles.fix_for(issue, cues)
            if fix is not None:
                label = "wh.qa.lengthen" if fix.action == "lengthen" else "wh.qa.delete"
                action.button(
                    t(label, lang, index=issue.cue_index),
                    key=f"wh_fix_{digest}_{k}",
                    on_click=_add_fix,
                    args=(key, fix),
                )
