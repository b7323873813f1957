"""Classroom mode in the UI: the shared limiter and day ledger (one per server process), each student's
ledger, the sidebar meter, and ``admit``, which every page runs before a paid call.

The rules (``lib.classroom``) apply only to calls that spend the deployer's stored key. With Streamlit's
sign-in configured, a student's budget belongs to their account for the day (a reload does not reset it);
without it, to the browser session.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openai
import streamlit as st

from lib import classroom, moderation
from lib.classroom import Amounts, Booking, Config, Ledger, LimitedClient, RateLimiter, Wait
from lib.errors import format_amount, user_message
from lib.i18n import Lang, t
from lib.packaged import app_cache_dir
from lib.settings import ProviderKind, Settings
from ui import sidebar

_SESSION = "classroom_ledger"
WINDOW_S = 61.0
_METER = "_classroom_meter"


@dataclass
class Shared:
    """What all sessions of this server process share."""

    config: Config
    limiter: RateLimiter
    day: Ledger
    accounts: dict[str, Ledger] = field(default_factory=dict)  # signed-in users' ledgers for the day


def state_dir() -> Path:
    return Path(os.environ.get("PLAYGROUND_STATE_DIR") or app_cache_dir())


@st.cache_resource(show_spinner=False)
def _shared(config_key: str, _config: Config) -> Shared:
    # Keyed by the configuration's text, so new limits in the secrets start a new limiter.
    return Shared(
        config=_config,
        # A minute and a second, counted from when each call returned (LimitedClient): the server counts a
        # call when it arrives, which under load can be seconds after our grant (bench/classroom.py saw 16
        # images in 59.1 s at the server when the window was counted from the grant).
        limiter=RateLimiter(_config.rates, window=WINDOW_S),
        day=Ledger(
            _config.day,
            scope="day",
            period=_config.today,
            path=state_dir() / "classroom-day.json",
            zone=_config.timezone,
        ),
    )


def reset() -> None:
    """Forget the shared limiter and day counts of this process (tests; a new deployment does the same)."""
    _shared.clear()


def config() -> Config:
    return classroom.load_config(sidebar.secrets_mapping())


def shared() -> Shared:
    current = config()
    return _shared(repr(current), current)


def active(settings: Settings) -> bool:
    """True when a call with these settings spends the deployer's key under classroom rules."""
    return settings.provider is not ProviderKind.BUILTIN and classroom.applies(config(), settings.key_source)


def _account() -> str | None:
    try:
        if st.user.is_logged_in:
            return str(st.user.get("email") or st.user.get("sub") or "") or None
    except (AttributeError, KeyError):
        return None
    return None


def session_ledger() -> Ledger:
    """This student's ledger: per account and day when signed in, else per browser session."""
    common = shared()
    cfg = common.config
    account = _account()
    if account:
        with common.day._lock:
            ledger = common.accounts.get(account)
            if ledger is None or ledger.limits != cfg.session:
                ledger = Ledger(cfg.session, scope="session", period=cfg.today, zone=cfg.timezone)
                common.accounts[account] = ledger
            return ledger
    ledger = st.session_state.get(_SESSION)
    if ledger is None or ledger.limits != cfg.session:
        ledger = Ledger(cfg.session, scope="session", zone=cfg.timezone)
        st.session_state[_SESSION] = ledger
    return ledger


# --- the sidebar meter ------------------------------------------------------------------------------------


def _label(name: str, lang: Lang) -> str:
    text = t(f"class.res.{name}", lang)
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
    if settings.key_source not in ("secrets", "environment"):
        if settings.api_key is not None and config().enabled:
            slot.caption("🎒 " + t("class.own_key", lang))
        return
    if not active(settings):
        return
    mine, day = session_ledger(), shared().day
    with slot.container():
        st.markdown("**🎒 " + t("class.meter", lang) + "**", help=t("class.meter_help", lang))
        st.caption(t("class.scope.session", lang))
        used, limits = mine.used(), mine.limits
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
        rest = day.remaining()
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


# --- before a paid call -----------------------------------------------------------------------------------


@dataclass
class Pass:
    """Leave to make a paid call: the client to use (queued when classroom rules apply) and the booking."""

    client: Any
    booking: Booking | None = None
    placeholder: Any = None

    def settle(self, actual: Amounts | None = None) -> None:
        """The call went through: book what it really used (``None``: what was asked)."""
        self._finish()
        if self.booking is not None:
            self.booking.settle(actual)
            refresh_meter()

    def refund(self) -> None:
        """Nothing reached the server (or it refused before doing work)."""
        self._finish()
        if self.booking is not None:
            self.booking.refund()
            refresh_meter()

    def _finish(self) -> None:
        if self.placeholder is not None:
            self.placeholder.empty()


def _wait_text(wait: Wait, lang: Lang) -> str:
    key = "class.paused" if wait.paused else "class.waiting"
    return t(key, lang, place=wait.place, seconds=max(1, round(wait.seconds)))


def admit(
    settings: Settings,
    lang: Lang,
    client: Any,
    amounts: Amounts,
    *,
    moderate: Sequence[str] = (),
    where: Any = None,
) -> Pass | None:
    """Run the classroom checks before a paid call: the budgets (booked at once), then safe mode. Draws the
    reason and returns None when the call must not go; otherwise the ``Pass`` to call through. Outside
    classroom mode the pass carries the plain client."""
    if not active(settings):
        return Pass(client)
    area = where if where is not None else st
    common = shared()
    try:
        booking = classroom.reserve([session_ledger(), common.day], amounts)
    except classroom.BudgetExceeded as exc:
        area.warning(user_message(exc, lang).text, icon="🎒")
        return None
    texts = [text for text in moderate if text and text.strip()]
    if common.config.safe_mode and texts and settings.provider is ProviderKind.OPENAI:
        try:
            verdict = moderation.check(client, texts)
        except openai.OpenAIError as exc:
            booking.refund()
            reason = user_message(exc, lang, secrets=[settings.api_key]).text
            area.error(t("mod.unavailable", lang, reason=reason), icon="🛡️")
            return None
        if verdict.flagged:
            booking.refund()
            area.warning(moderation.refusal(verdict, lang), icon="🛡️")
            return None
    placeholder = area.empty()
    limited = LimitedClient(
        client,
        common.limiter,
        on_wait=lambda wait: placeholder.info(_wait_text(wait, lang)),
        timeout=common.config.queue_timeout_seconds,
    )
    return Pass(limited, booking, placeholder)
