"""The passcode gate in front of every page, shown before the sidebar and the navigation run."""

import os
from collections.abc import Callable
from time import sleep

import streamlit as st

from lib.classroom.access import (
    configured_passcode,
    delay_after,
    email_allowed,
    login_providers,
    passcode_matches,
)
from lib.core.i18n import Lang, t
from ui.state import initial_lang

GRANTED = "access_granted"
FAILURES = "access_failures"


def require_access(secrets: dict, *, register: Callable[[str], object] | None = None) -> None:
    """Stop this run unless the app is open, the user signed in (when Streamlit's authentication is
    configured, it replaces the passcode) or this session gave the passcode; direct page URLs included,
    because the pages only run after this (``st.navigation`` is never reached)."""
    lang: Lang = st.session_state.get("lang") or initial_lang()
    providers = login_providers(secrets)
    if providers is not None:
        _require_login(secrets, providers, lang, register)
        return
    expected = configured_passcode(secrets, os.environ)
    if expected is None or st.session_state.get(GRANTED):
        return
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


def _require_login(
    secrets: dict, providers: list[str | None], lang: Lang, register: Callable[[str], object] | None
) -> None:
    if st.user.is_logged_in and email_allowed(st.user.get("email"), secrets):
        return
    if register is not None:
        register(lang)
    st.title("🔒 " + t("auth.title", lang))
    if st.user.is_logged_in:  # signed in, but not on the class list
        st.error(t("auth.not_allowed", lang, email=st.user.get("email") or "?"), icon="🔒")
        st.button(t("auth.logout", lang), key="auth_logout", on_click=st.logout)
        st.stop()
    st.markdown(t("auth.intro", lang))
    for provider in providers:
        label = t("auth.button_with", lang, provider=provider.title()) if provider else t("auth.button", lang)
        st.button(
            label,
            key=f"auth_login_{provider or 'default'}",
            type="primary",
            on_click=st.login,
            args=(provider,) if provider else (),
        )
    st.stop()


def account_box(secrets: dict, lang: Lang) -> None:
    """In the sidebar, when signed in: who, and a way to sign out."""
    if login_providers(secrets) is None or not st.user.is_logged_in:
        return
    with st.sidebar:
        name = st.user.get("name") or st.user.get("email") or ""
        st.text(t("auth.signed_in", lang, name=name))  # st.text: a name is shown as typed, never as markup
        st.button(t("auth.logout", lang), key="auth_logout", on_click=st.logout)
