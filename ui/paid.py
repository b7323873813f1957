"""The one paid-call gateway: the only module that holds SDK clients for the pages and catches SDK errors.

A page says what it wants (``run(ctx, asked=..., call=..., moderate=...)``); this module does the rest, the
same way for every tool: classroom admission (budgets booked at once), safe-mode moderation, the shared queue,
the retries (in the open, with Stop), the call, settling or refunding the booking from what was really sent
(``lib.classroom.what_was_sent`` / ``settlement``), the wording of any error (``lib.messages``), the sidebar's
report of a wrong key, and the key's rate limits read off the response headers for the sidebar.

The built-in model goes through the same path (free, never queued), so its errors read the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import openai
import streamlit as st

from lib import classroom
from lib.chat import local_llm
from lib.classroom import Amounts, LimitedClient, Retry, Wait, moderation
from lib.core import providers
from lib.core.http import RateLimits
from lib.core.i18n import Lang, t
from lib.core.settings import ProviderKind, Settings
from lib.messages import UserMessage, user_message
from ui import classroom as class_ui
from ui import sidebar

T = TypeVar("T")


# --- clients ------------------------------------------------------------------------------------------------


@st.cache_resource(max_entries=32, show_spinner=False)
def _client(fingerprint: str, _settings: Settings) -> openai.OpenAI:
    # Keyed by the fingerprint (a digest of the address and key), never by the key in clear. The SDK's own
    # retries are off: LimitedClient retries, and says so while it waits.
    return providers.make_client(_settings, max_retries=0)


def client_for(settings: Settings) -> Any:
    """The client for these settings: the built-in model for the built-in provider, else the SDK's.
    Raises ``providers.NoClient`` while the settings are incomplete; ``LocalModelUnavailable`` when the
    built-in model cannot run here."""
    if settings.provider is ProviderKind.BUILTIN:
        return local_client()
    return _client(settings.fingerprint(), settings)


@st.cache_resource(show_spinner=False)
def _local_client() -> local_llm.LocalClient:
    return local_llm.LocalClient(local_llm.load())


def local_client() -> local_llm.LocalClient:
    """The built-in model, loaded once per process and shared (generation is serialised inside)."""
    reason = local_llm.unavailable_reason()
    if reason:
        raise local_llm.LocalModelUnavailable(reason)
    return _local_client()


# --- free calls: the model list and the connection check ----------------------------------------------------


def list_models(settings: Settings, lang: Lang) -> tuple[list[str], str | None]:
    """The server's model ids (cached per settings in the session) and, if the list failed, why."""
    cache = st.session_state.setdefault("paid_models", {})
    key = settings.fingerprint()
    if key not in cache:
        try:
            cache[key] = (providers.list_models(client_for(settings)), None)
        except openai.OpenAIError as exc:
            cache[key] = (None, user_message(exc, lang, secrets=[settings.api_key]).text)
    return cache[key]


def check_connection(settings: Settings, lang: Lang) -> tuple[bool, str]:
    """Ask the server for its models once, without retries: proves the key and the address."""
    try:
        client = providers.make_client(settings, timeout=providers.CHECK_TIMEOUT_S, max_retries=0)
        models = providers.list_models(client)
    except (openai.OpenAIError, providers.NoClient) as exc:
        return False, user_message(exc, lang, secrets=[settings.api_key]).text
    if settings.provider is ProviderKind.AZURE:
        # Azure lists models on the resource, not the deployment: the deployment is checked by the first call.
        return True, t("side.check_ok_azure", lang, deployment=settings.azure_deployment)
    return True, t("side.check_ok", lang, count=len(models))


# --- paid calls ---------------------------------------------------------------------------------------------


@dataclass
class Outcome(Generic[T]):
    """How a paid call ended: its value, or the message saying why not (already drawn unless ``quiet``)."""

    value: T | None = None
    message: UserMessage | None = None

    @property
    def ok(self) -> bool:
        return self.message is None


class _Refused(Exception):
    """A classroom rule or safe mode said no; ``message`` says why."""

    def __init__(self, message: UserMessage) -> None:
        super().__init__(message.text)
        self.message = message


def _admit(settings: Settings, lang: Lang, client: Any, asked: Amounts, moderate: Sequence[str]):
    """Book the budgets and run safe mode when classroom rules apply; returns the booking (or None)."""
    if not class_ui.active(settings):
        return None
    common = class_ui.shared()
    try:
        booking = classroom.reserve([class_ui.session_ledger(), common.day], asked)
    except classroom.BudgetExceeded as exc:
        raise _Refused(user_message(exc, lang)) from exc
    texts = [text for text in moderate if text and text.strip()]
    if common.config.safe_mode and texts and settings.provider is ProviderKind.OPENAI:
        try:
            verdict = moderation.check(client, texts)
        except openai.OpenAIError as exc:
            booking.refund()
            reason = user_message(exc, lang, secrets=[settings.api_key]).text
            raise _Refused(
                UserMessage("moderation_unavailable", t("mod.unavailable", lang, reason=reason))
            ) from exc
        if verdict.flagged:
            booking.refund()
            raise _Refused(UserMessage("moderation", moderation.refusal(verdict, lang)))
    return booking


def _wait_text(wait: Wait, lang: Lang) -> str:
    key = "class.paused" if wait.paused else "class.waiting"
    return t(key, lang, place=wait.place, seconds=max(1, round(wait.seconds)))


def _retry_text(retry: Retry, lang: Lang) -> str:
    key = "paid.retry.rate_limit" if retry.reason == "rate_limit" else "paid.retry.server"
    return t(key, lang, seconds=retry.seconds, attempt=retry.attempt, of=retry.of)


def run(
    ctx: sidebar.Context,
    *,
    asked: Amounts,
    call: Callable[[Any], T],
    moderate: Sequence[str] = (),
    used: Callable[[T], Amounts | None] | None = None,
    client: Any = None,
    where: Any = None,
    quiet: bool = False,
) -> Outcome[T]:
    """Make one paid call (which may send several requests: a modifier grid, a long recording's parts).

    ``asked`` comes from the tool's ``plan_cost``; ``call`` receives the client to send through; ``used``
    reads what the result really used (tokens of an answer). Errors are worded once and drawn in ``where``
    (the page when None) unless ``quiet``; a Stop or a rerun during the call settles the booking from what was
    sent and lets the interruption go on."""
    lang, settings = ctx.lang, ctx.settings
    area = where if where is not None else st
    notice = area.empty()
    booking, limited = None, None
    try:
        base = client if client is not None else client_for(settings)
        # The built-in model is free and runs here: no budget, no moderation, no queue.
        free = isinstance(base, local_llm.LocalClient)
        booking = None if free else _admit(settings, lang, base, asked, moderate)
        common = class_ui.shared() if booking is not None else None  # the class's queue, when it pays
        limited = LimitedClient(
            base,
            common.limiter if common is not None else None,
            on_wait=lambda wait: notice.info(_wait_text(wait, lang), icon="⏳"),
            on_retry=lambda retry: notice.warning(_retry_text(retry, lang), icon="⏳"),
            timeout=common.config.queue_timeout_seconds if common is not None else None,
        )
        value = call(limited)
    except _Refused as exc:
        return _failed(ctx, exc.message, area, quiet)
    except Exception as exc:
        _settle(booking, asked, limited, failed=True, cut=False)
        return _failed(ctx, user_message(exc, lang, secrets=[settings.api_key]), area, quiet)
    except BaseException:
        _settle(booking, asked, limited, failed=False, cut=True)
        raise
    finally:
        notice.empty()
        _record_limits(settings, limited)
    _settle(booking, asked, limited, failed=False, cut=False, used=used(value) if used else None)
    class_ui.refresh_meter()  # what is left of the budget and of the key's minute
    return Outcome(value=value)


def _settle(
    booking: Any, asked: Amounts, limited: LimitedClient | None, *, failed: bool, cut: bool, used=None
) -> None:
    if booking is None:
        return
    issued = limited.issued if limited is not None else 0
    completed = limited.completed if limited is not None else 0
    sent = classroom.what_was_sent(issued=issued, completed=completed, failed=failed, cut=cut)
    if sent == "partly" and not cut and used is None and limited is not None:
        used = limited.spent  # the requests that answered; the refused one was not billed
    booking.settle(classroom.settlement(asked, sent, used=used))
    class_ui.refresh_meter()


_ICONS = {
    "moderation": "🛡️",
    "moderation_unavailable": "🛡️",
    "budget": "🎒",
    "queue_timeout": "🎒",
    "too_large": "🎒",
}


def show(message: UserMessage, where: Any = None) -> None:
    """Draw a user message: a classroom rule as a warning (nothing is broken), anything else as an error."""
    area = where if where is not None else st
    draw = area.warning if message.kind in ("budget", "moderation") else area.error
    draw(message.text, icon=_ICONS.get(message.kind, "⚠️"))


def _failed(ctx: sidebar.Context, message: UserMessage, area: Any, quiet: bool) -> Outcome:
    if message.kind == "auth":
        sidebar.record_failure(ctx.settings, message.text)
    if not quiet:
        show(message, area)
    return Outcome(message=message)


def _record_limits(settings: Settings, limited: LimitedClient | None) -> None:
    if limited is not None and limited.limits is not None:
        st.session_state.setdefault(class_ui.LIMITS, {})[settings.fingerprint()] = limited.limits


def rate_limits(settings: Settings) -> RateLimits | None:
    """The key's per-minute limits as the server last reported them (None before the first paid call)."""
    return st.session_state.get(class_ui.LIMITS, {}).get(settings.fingerprint())
