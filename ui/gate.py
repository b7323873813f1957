"""The passcode gate in front of every page, shown before the sidebar and the navigation run."""

import os
from collections.abc import Callable
from time import sleep

import streamlit as st

from lib.access import configured_passcode, delay_after, passcode_matches
from lib.i18n import Lang, normalise_lang, t

GRANTED = "access_granted"
FAILURES = "access_failures"


def require_access(secrets: dict, *, register: Callable[[str], object] | None = None) -> None:
    """Stop this run unless the app is open or this session gave the passcode; direct page URLs included,
    because the pages only run after this (``st.navigation`` is never reached)."""
    expected = configured_passcode(secrets, os.environ)
    if expected is None or st.session_state.get(GRANTED):
        return
    lang: Lang = st.session_state.get("lang") or normalise_lang(
        os.environ.get("PLAYGROUND_LANG") or st.context.locale
    )
    if register is not None:
        register(lang)
    st.title("🔒 " + t("gate.title", lang))
    st.markdown(t("gate.intro", lang))
    with st.form("gate", clear_on_submit=True):
        given = st.text_input(t("gate.passcode", lang), type="password", key="gate_passcode")
        submitted = st.form_submit_button(t("gate.enter", lang), type="primary")
    if submitted:
        failures = st.session_state.get(FAILURES, 0)
        sleep(delay_after(failures))  # slows guessing; only this session's script thread waits
        if passcode_matches(given, expected):
            st.session_state[GRANTED] = True
            st.session_state.pop(FAILURES, None)
            st.session_state.pop("gate_passcode", None)
            st.rerun()
        st.session_state[FAILURES] = failures + 1
        st.error(t("gate.wrong", lang, seconds=int(delay_after(failures + 1))), icon="🔒")
    st.stop()
