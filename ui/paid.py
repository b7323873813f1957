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
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

import openai
import streamlit as st

from lib import classroom
from lib.chat import local_llm
from lib.classroom import Amounts, LimitedClient, Retry, Wait, moderation
from lib.core import providers
from lib.core.catalogue import Catalogue
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


def list_models(settings: Settings, lang: Lang) -> tuple[list[dict] | None, str | None]:
    """The server's model list (cached per settings in the session) and, if it failed, why."""
    cache = st.session_state.setdefault("paid_models", {})
    key = settings.fingerprint()
    if key not in cache:
        try:
            cache[key] = (providers.list_models(client_for(settings)), None)
        except openai.OpenAIError as exc:
            cache[key] = (None, user_message(exc, lang, secrets=[settings.api_key]).text)
    return cache[key]


def catalogue(ctx: sidebar.Context) -> tuple[Catalogue | None, str | None]:
    """Today's models of the provider, sorted into tools (None for the built-in model and Azure, whose
    deployments are named in the sidebar), with the deployer's defaults from ``[models]`` in the secrets."""
    settings = ctx.settings
    if settings.provider in (ProviderKind.BUILTIN, ProviderKind.AZURE) or not settings.ready:
        return None, None
    listing, error = list_models(settings, ctx.lang)
    if listing is None:
        return None, error
    chosen = sidebar.secrets_mapping().get("models")
    return (
        Catalogue.from_listing(
            listing,
            today=datetime.now(UTC).date(),
            openai_only=settings.provider is ProviderKind.OPENAI,
            defaults=chosen if isinstance(chosen, dict) else None,
        ),
        None,
    )


def model_label(model: str, found: Catalogue | None, lang: Lang) -> str:
    """A picker's label: the id, and "shuts down 2027-01-14" when the server announced a date."""
    listed = found.get(model) if found is not None else None
    if listed is not None and listed.going(found.today):
        return f"{model} · ⏳ " + t("cat.shuts_down", lang, date=listed.shutdown.isoformat())
    return model


def check_connection(settings: Settings, lang: Lang) -> tuple[bool, str]:
    """Ask the server for its models once, without retries: proves the key and the address."""
    try:
        client = providers.make_client(settings, timeout=providers.CHECK_TIMEOUT_S, max_retries=0)
        models = client.models.list().data
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
    replacement: str | None = None  # a listed model to use instead of a retired one

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
    use_model: Callable[[str], None] | None = None,
) -> Outcome[T]:
    """Make one paid call (which may send several requests: a modifier grid, a long recording's parts).

    ``asked`` comes from the tool's ``plan_cost``; ``call`` receives the client to send through; ``used``
    reads what the result really used (tokens of an answer). Errors are worded once and drawn in ``where``
    (the page when None) unless ``quiet``; a Stop or a rerun during the call settles the booking from what was
    sent and lets the interruption go on. A model the server no longer runs comes back with the listed
    replacement in its family, offered as one click that calls ``use_model``."""
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
        return _failed(ctx, user_message(exc, lang, secrets=[settings.api_key]), area, quiet, use_model)
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
    "class_store": "🎒",
}


def show(message: UserMessage, where: Any = None) -> None:
    """Draw a user message: a classroom rule as a warning (nothing is broken), anything else as an error."""
    area = where if where is not None else st
    draw = area.warning if message.kind in ("budget", "moderation") else area.error
    draw(message.text, icon=_ICONS.get(message.kind, "⚠️"))


def _failed(
    ctx: sidebar.Context,
    message: UserMessage,
    area: Any,
    quiet: bool,
    use_model: Callable[[str], None] | None = None,
) -> Outcome:
    if message.kind == "auth":
        sidebar.record_failure(ctx.settings, message.text)
    replacement = None
    if message.kind in ("retired", "not_found") and message.model:
        found, _ = catalogue(ctx)
        replacement = found.replacement(message.model) if found is not None else None
    if not quiet:
        show(message, area)
        offer(ctx, replacement, use_model, area)
    return Outcome(message=message, replacement=replacement)


def offer(ctx: sidebar.Context, replacement: str | None, use_model: Callable[[str], None] | None, where=None):
    """One click to switch to the listed replacement of a retired model (the prompt and uploads stay)."""
    if replacement and use_model is not None:
        area = where if where is not None else st
        area.button(
            t("paid.use_instead", ctx.lang, model=replacement),
            key=f"paid_use_{replacement}",
            on_click=use_model,
            args=(replacement,),
            icon="🔁",
        )


def _record_limits(settings: Settings, limited: LimitedClient | None) -> None:
    if limited is not None and limited.limits is not None:
        st.session_state.setdefault(class_ui.LIMITS, {})[settings.fingerprint()] = limited.limits


def rate_limits(settings: Settings) -> RateLimits | None:
    """The key's per-minute limits as the server last reported them (None before the first paid call)."""
    return st.session_state.get(class_ui.LIMITS, {}).get(settings.fingerprint())
