"""The one sidebar: UI language, provider, key and connection check. Returns what the pages need."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from lib.core import local_servers, providers
from lib.core.i18n import LANGUAGES, Lang, t
from lib.core.settings import (
    DEFAULT_COMPATIBLE_BASE_URL,
    ProviderKind,
    Settings,
    SidebarInput,
    resolve,
    stored,
)
from ui.state import initial_lang, keep_widget_values

# Session-state keys of the sidebar widgets (one key field per provider, so a key typed for OpenAI is never
# sent to a server whose address someone typed for another provider).
LANG = "lang"
PROVIDER = "provider"
KEY_FIELDS = {kind: f"api_key_{kind.value}" for kind in ProviderKind if kind is not ProviderKind.BUILTIN}
BASE_URL = "base_url"
AZURE_ENDPOINT = "azure_endpoint"
AZURE_DEPLOYMENT = "azure_deployment"
AZURE_API_VERSION = "azure_api_version"
CHECKS = "connection_checks"  # fingerprint -> (ok, message)
_PERSISTENT = (PROVIDER, BASE_URL, AZURE_ENDPOINT, AZURE_DEPLOYMENT, AZURE_API_VERSION, *KEY_FIELDS.values())


@dataclass(frozen=True)
class Context:
    """What every page receives from the sidebar."""

    lang: Lang
    settings: Settings


def secrets_mapping() -> dict[str, Any]:
    """``st.secrets`` as a plain dict; empty when the app has no secrets file."""
    try:
        return st.secrets.to_dict()
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return {}


_SECRET_NAMES = ("key", "token", "secret", "pass")


def known_secrets(settings: Settings) -> list[str]:
    """Every key this session knows (typed in the sidebar, in use, or stored under a secret-looking name):
    what must never be written anywhere (``ui.persist`` replaces them before saving)."""
    found = [str(st.session_state.get(field) or "") for field in KEY_FIELDS.values()]
    if settings.api_key is not None:
        found.append(settings.api_key.reveal())

    def walk(mapping: Any) -> None:
        for name, value in mapping.items():
            if isinstance(value, dict):
                walk(value)
            elif isinstance(value, str) and any(word in str(name).lower() for word in _SECRET_NAMES):
                found.append(value)

    walk(secrets_mapping())
    return [value.strip() for value in found if value and value.strip()]


def render(check: Callable[[Settings, Lang], tuple[bool, str]]) -> Context:
    """Draw the sidebar and resolve the settings; ``check`` asks the server once (``ui.paid``)."""
    # The Azure fields are not drawn while OpenAI is chosen, and so on: keep them across provider switches.
    keep_widget_values(*_PERSISTENT)
    secrets = secrets_mapping()
    defaults = stored(secrets, os.environ)
    st.session_state.setdefault(LANG, initial_lang())
    st.session_state.setdefault(PROVIDER, defaults.provider.value)
    st.session_state.setdefault(BASE_URL, defaults.base_url or DEFAULT_COMPATIBLE_BASE_URL)
    st.session_state.setdefault(AZURE_ENDPOINT, defaults.azure_endpoint)
    st.session_state.setdefault(AZURE_DEPLOYMENT, defaults.azure_deployment)
    st.session_state.setdefault(AZURE_API_VERSION, defaults.azure_api_version)

    with st.sidebar:
        lang: Lang = st.segmented_control(
            t("side.language", st.session_state[LANG]),
            options=list(LANGUAGES),
            format_func=LANGUAGES.__getitem__,
            key=LANG,
            required=True,
        )
        choice, found = _provider_choice(lang)
        if found is not None:
            st.caption(t("side.found_models", lang, models=", ".join(found.models) or "-"))
            typed = SidebarInput(provider=ProviderKind.COMPATIBLE.value, base_url=found.base_url)
        else:
            kind = ProviderKind(choice)
            typed = _provider_fields(kind, lang, defaults.key_source(kind))
        settings = resolve(typed, secrets, os.environ)
        _status(settings, lang, check)
    return Context(lang=lang, settings=settings)


FOUND = "local:"  # provider options for a server found on this computer: "local:11434"


def _found_label(server: local_servers.LocalServer, lang: Lang) -> str:
    name = server.name or t("provider.compatible", lang)  # a port that is not a known server's
    return t("side.found_server", lang, name=name, port=server.port)


def _provider_choice(lang: Lang) -> tuple[str, local_servers.LocalServer | None]:
    """The provider box: the four providers, then each server found on this computer (asked once per
    process). Returns the choice and the found server it names, if it names one."""
    found = {f"{FOUND}{s.port}": s for s in local_servers.servers()}
    options = [k.value for k in ProviderKind] + list(found)
    if st.session_state.get(PROVIDER) not in options:  # a server that was found has gone away since
        st.session_state[PROVIDER] = ProviderKind.COMPATIBLE.value
    choice = st.selectbox(
        t("side.provider", lang),
        options=options,
        format_func=lambda v: (
            _found_label(found[v], lang)
            if v in found
            else t(providers.PROFILES[ProviderKind(v)].label_key, lang)
        ),
        key=PROVIDER,
    )
    return choice, found.get(choice)


def _look_again() -> None:
    local_servers.servers(refresh=True)


def _no_server_hint(lang: Lang) -> None:
    """Where the search for a local server ran and found nothing: how to get a Korean-capable model."""
    ports = local_servers.configured_ports()
    if not ports or local_servers.servers():
        return
    st.caption(t("side.no_local_server", lang, ports=", ".join(map(str, ports))))
    st.code(local_servers.INSTALL_COMMAND, language="bash", wrap_lines=True)
    st.button(t("side.look_again", lang), key="local_look_again", on_click=_look_again)


def _provider_fields(kind: ProviderKind, lang: Lang, stored_key_source: str | None) -> SidebarInput:
    if kind is ProviderKind.BUILTIN:
        st.caption(t("side.builtin_note", lang))
        _no_server_hint(lang)
        return SidebarInput(provider=kind.value)
    if kind is ProviderKind.COMPATIBLE:
        st.text_input(t("side.base_url", lang), key=BASE_URL, help=t("side.base_url_help", lang))
    if kind is ProviderKind.AZURE:
        st.text_input(
            t("side.azure_endpoint", lang), key=AZURE_ENDPOINT, placeholder="https://NAME.openai.azure.com/"
        )
        st.text_input(t("side.azure_deployment", lang), key=AZURE_DEPLOYMENT)
        st.text_input(t("side.azure_api_version", lang), key=AZURE_API_VERSION)
    label = t("side.api_key_optional" if kind is ProviderKind.COMPATIBLE else "side.api_key", lang)
    st.text_input(
        label,
        type="password",
        key=KEY_FIELDS[kind],
        help=t("side.key_help", lang),
        placeholder=t("side.key_placeholder_stored", lang) if stored_key_source else None,
        autocomplete="off",
    )
    return SidebarInput(
        provider=kind.value,
        api_key=st.session_state.get(KEY_FIELDS[kind], ""),
        base_url=st.session_state.get(BASE_URL, ""),
        azure_endpoint=st.session_state.get(AZURE_ENDPOINT, ""),
        azure_deployment=st.session_state.get(AZURE_DEPLOYMENT, ""),
        azure_api_version=st.session_state.get(AZURE_API_VERSION, ""),
    )


_FIELD_LABELS = {
    "azure_endpoint": "side.azure_endpoint",
    "azure_deployment": "side.azure_deployment",
}
_KEY_SOURCES = {"secrets": "source.secrets", "environment": "source.environment"}


def _status(settings: Settings, lang: Lang, check: Callable[[Settings, Lang], tuple[bool, str]]) -> None:
    if settings.provider is ProviderKind.BUILTIN:
        return
    if settings.uses_stored_key:
        st.caption("🔒 " + t("side.key_from", lang, source=t(_KEY_SOURCES[settings.key_source], lang)))
    if "api_key" in settings.missing:
        label = t(providers.PROFILES[settings.provider].label_key, lang)
        st.warning(t("side.key_missing", lang, provider=label), icon="🔑")
    other = [t(_FIELD_LABELS[m], lang) for m in settings.missing if m in _FIELD_LABELS]
    if other:
        st.warning(t("side.incomplete", lang, field=", ".join(other)))
    if settings.missing:
        return
    checks: dict[str, tuple[bool, str]] = st.session_state.setdefault(CHECKS, {})
    if st.button(t("side.check", lang), key="check_connection", width="stretch"):
        checks[settings.fingerprint()] = check(settings, lang)
    outcome = checks.get(settings.fingerprint())
    if outcome:
        ok, text = outcome
        (st.success if ok else st.error)(text, icon="✅" if ok else "⚠️")


def record_failure(settings: Settings, text: str) -> None:
    """Let a page report an auth failure so the sidebar shows it (once) next to the key."""
    st.session_state.setdefault(CHECKS, {})[settings.fingerprint()] = (False, text)


_CONTEXT = "_context"


def publish(context: Context) -> None:
    """Hand the resolved context to the page that runs next in this script run."""
    st.session_state[_CONTEXT] = context


def context() -> Context:
    """The context the entrypoint resolved in this run (pages call this, never the sidebar itself)."""
    return st.session_state[_CONTEXT]
