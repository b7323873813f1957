"""Classroom mode in the UI: the shared limiter and day ledger, each student's ledger, and the sidebar meter
(with the key's rate limits as the server reports them). The paid-call gateway (``ui.paid``) books and
settles through these.

Their state lives in this server process by default, or in Redis when ``[classroom] store`` (or
``PLAYGROUND_REDIS_URL``) names one: then every replica behind the load balancer books against the same
budgets and waits in the same queue. When Redis does not answer, paid calls stop with a clear message and the
meter says so; pages that spend nothing are not affected.

The rules (``lib.classroom``) apply only to calls that spend the deployer's stored key. With Streamlit's
sign-in configured, a student's budget belongs to their account for the day; without it, to the browser's
id (``ui.persist``) for the day. Either way a reload does not reset it; "forget this browser" starts a new id,
and so a new session budget, while the class's day budget still caps everyone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from lib import classroom
from lib.classroom import AccountLedgers, Config, Ledger, RateLimiter
from lib.core.i18n import Lang, format_amount, t
from lib.core.packaged import state_dir as packaged_state_dir
from lib.core.settings import ProviderKind, Settings
from ui import persist, sidebar

WINDOW_S = 61.0
_METER = "_classroom_meter"


@dataclass
class Shared:
    """What all sessions of this server process share."""

    config: Config
    limiter: RateLimiter
    day: Ledger
    accounts: AccountLedgers = field(default_factory=AccountLedgers)  # students' ledgers for the day
    store: classroom.Store | None = None  # where all of the above keep their counts


def state_dir() -> Path:
    return packaged_state_dir()


@st.cache_resource(show_spinner=False)
def _shared(config_key: str, _config: Config) -> Shared:
    # Keyed by the configuration's text (and the store's fingerprint), so new limits or another store in the
    # secrets start anew. With Redis, the counts themselves are in Redis and survive this.
    store = classroom.open_store(_config.store.reveal() if _config.store is not None else None)
    return Shared(
        config=_config,
        # A minute and a second, counted from when each call returned (LimitedClient): the server counts a
        # call when it arrives, which under load can be seconds after our grant (bench/classroom.py saw 16
        # images in 59.1 s at the server when the window was counted from the grant).
        limiter=RateLimiter(_config.rates, window=WINDOW_S, store=store),
        day=Ledger(
            _config.day,
            scope="day",
            period=_config.today,
            path=state_dir() / "classroom-day.json",  # in memory only; Redis keeps its own
            zone=_config.timezone,
            store=store,
            name="class",
        ),
        accounts=AccountLedgers(store),
        store=store,
    )


def reset() -> None:
    """Forget the shared limiter and day counts of this process (tests; a new deployment does the same)."""
    _shared.clear()


def config() -> Config:
    return classroom.load_config(sidebar.secrets_mapping(), os.environ)


def shared() -> Shared:
    current = config()
    store = current.store.fingerprint() if current.store is not None else "memory"
    return _shared(f"{current!r} {store}", current)


def active(settings: Settings) -> bool:
    """True when a call with these settings spends the deployer's key under classroom rules."""
    return settings.uses_stored_key and classroom.applies(config(), settings.key_source)


def _account() -> str | None:
    try:
        if st.user.is_logged_in:
            return str(st.user.get("email") or st.user.get("sub") or "") or None
    except (AttributeError, KeyError):
        return None
    return None


def session_ledger() -> Ledger:
    """This student's ledger: per account and day when signed in, else per browser (the id its work is kept
    under, ``ui.persist``) and day, so a reload does not start a new budget."""
    common = shared()
    cfg = common.config
    account = _account()
    if account:
        return common.accounts.ledger(account, cfg.session, period=cfg.today, zone=cfg.timezone)
    return common.accounts.ledger(
        "browser:" + persist.browser_id(), cfg.session, period=cfg.today, zone=cfg.timezone
    )


# --- the sidebar meter ------------------------------------------------------------------------------------


def _label(name: str, lang: Lang) -> str:
    text = t(classroom.RESOURCE_LABEL_KEYS[name], lang)
    return text[:1].upper() + text[1:]


def render_meter(settings: Settings, lang: Lang) -> None:
    """In the sidebar: what is left for this session and for the class today (or why no limits apply)."""
    slot = st.sidebar.container(key="classroom_meter")
    st.session_state[_METER] = (slot, settings, lang)
    _draw_meter(slot, settings, lang)


def refresh_meter() -> None:
    """Redraw the meter after a page spent something in this run."""
    drawn = st.session_state.get(_METER)
    if drawn:
        slot, settings, lang = drawn
        slot.empty()
        _draw_meter(slot, settings, lang)


def _draw_meter(slot: Any, settings: Settings, lang: Lang) -> None:
    if settings.provider is ProviderKind.BUILTIN:
        return
    _draw_rate_limits(slot, settings, lang)
    if not settings.uses_stored_key:
        if settings.api_key is not None and config().enabled:
            slot.caption("🎒 " + t("class.own_key", lang))
        return
    if not active(settings):
        return
    mine, day = session_ledger(), shared().day
    try:
        used, rest = mine.used(), day.remaining()
    except classroom.StoreUnavailable:
        with slot.container():
            st.markdown("**🎒 " + t("class.meter", lang) + "**", help=t("class.meter_help", lang))
            st.caption("⚠️ " + t("class.store_down_meter", lang))
        return
    with slot.container():
        st.markdown("**🎒 " + t("class.meter", lang) + "**", help=t("class.meter_help", lang))
        st.caption(t("class.scope.session", lang))
        limits = mine.limits
        for name, limit in limits.items():
            if limit <= 0:
                continue
            left = max(0, limit - getattr(used, name))
            st.progress(
                min(1.0, left / limit),
                text=t(
                    "class.left",
                    lang,
                    label=_label(name, lang),
                    left=format_amount(left),
                    limit=format_amount(limit),
                ),
            )
        parts = [
            t(
                "class.left",
                lang,
                label=_label(name, lang),
                left=format_amount(max(0, getattr(rest, name))),
                limit=format_amount(limit),
            )
            for name, limit in day.limits.items()
            if limit > 0
        ]
        st.caption(t("class.scope.day", lang) + ": " + " · ".join(parts))
        if settings.provider is ProviderKind.OPENAI and shared().config.safe_mode:
            st.caption(t("mod.on", lang))
        elif shared().config.safe_mode:
            st.caption(t("mod.elsewhere", lang))


# --- the key's rate limits, as the server last reported them --------------------------------------------

LIMITS = "paid_rate_limits"  # fingerprint -> lib.core.http.RateLimits; written by ui.paid after each call


def _draw_rate_limits(slot: Any, settings: Settings, lang: Lang) -> None:
    """The lesson's "tokens per minute: over it, the system stops", seen live: what is left this minute."""
    limits = st.session_state.get(LIMITS, {}).get(settings.fingerprint())
    if limits is None:
        return
    parts = [
        t(key, lang, left=format_amount(left), limit=format_amount(limit))
        for key, left, limit in (
            ("paid.limit.requests", limits.remaining_requests, limits.limit_requests),
            ("paid.limit.tokens", limits.remaining_tokens, limits.limit_tokens),
        )
        if left is not None and limit
    ]
    if parts:
        slot.caption(
            "⏱️ " + t("paid.limit.title", lang) + " " + " · ".join(parts), help=t("paid.limit.help", lang)
        )
