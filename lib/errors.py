"""Exceptions -> one short user message (Korean or English). Never echoes a key.

Errors are caught by class (the SDK's typed errors), never by matching strings. Any detail taken from a
server's answer passes through ``redact`` first, because some servers echo the key they were sent.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import openai

from lib.i18n import t
from lib.settings import Secret
from lib.vocab import VocabularyUnavailable

Kind = Literal[
    "auth",
    "permission",
    "rate_limit",
    "quota",
    "not_found",
    "bad_request",
    "content_policy",
    "budget",
    "queue_timeout",
    "too_large",
    "server",
    "timeout",
    "connection",
    "config",
    "context",
    "vocab",
    "unexpected",
]
# Error codes of a prompt refused by the safety system (DALL-E, then GPT-image models).
_POLICY_CODES = frozenset({"content_policy_violation", "moderation_blocked"})

# OpenAI keys ("sk-...", "sk-proj-..."), Azure's 32/84-character hex-ish keys, and bearer headers.
_KEY_PATTERNS = (
    re.compile(r"sk-[A-Za-z0-9_\-]{8,}"),
    re.compile(r"(?i)bearer\s+[A-Za-z0-9_\-\.=]{8,}"),
    re.compile(r"\b[A-Za-z0-9]{32}\b|\b[A-Za-z0-9]{84}\b"),
)
_MAX_DETAIL = 300


def redact(text: str, secrets: Iterable[Secret | str | None] = ()) -> str:
    """``text`` with known secrets and anything shaped like an API key replaced by "[redacted]".

    >>> redact("Incorrect API key provided: sk-proj-abcdefghijklmnop. See ...")
    'Incorrect API key provided: [redacted]. See ...'
    """
    for secret in secrets:
        value = secret.reveal() if isinstance(secret, Secret) else secret
        if value:
            text = text.replace(value, "[redacted]")
    for pattern in _KEY_PATTERNS:
        text = pattern.sub("[redacted]", text)
    return text


@dataclass(frozen=True)
class UserMessage:
    """What the UI shows for an error."""

    kind: Kind
    text: str
    status: int | None = None
    retry_after: float | None = None  # seconds, when the server said


def retry_after_seconds(headers: object) -> float | None:
    """Seconds to wait from ``retry-after-ms`` / ``retry-after`` / ``x-ratelimit-reset-*`` headers, if any."""
    get = getattr(headers, "get", None)
    if get is None:
        return None
    ms = get("retry-after-ms")
    if ms:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    seconds = get("retry-after")
    if seconds:
        try:
            return max(0.0, float(seconds))
        except ValueError:
            pass
    for name in ("x-ratelimit-reset-requests", "x-ratelimit-reset-tokens"):
        value = get(name)
        if value:
            parsed = _duration(value)
            if parsed is not None:
                return parsed
    return None


_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h)")


def _duration(value: str) -> float | None:
    """OpenAI's reset headers look like "1s", "6m0s", "20ms"."""
    total, found = 0.0, False
    for number, unit in _DURATION_PART.findall(value):
        found = True
        total += float(number) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[unit]
    return total if found else None


def _detail(exc: openai.APIStatusError, secrets: Iterable[Secret | str | None]) -> str:
    body = exc.body
    message = None
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict):
            message = inner.get("message")
        if message is None and "validation" in body:
            message = "; ".join(str(v.get("message", v)) for v in body["validation"][:3])
    text = redact(str(message or exc.message), secrets)
    return text if len(text) <= _MAX_DETAIL else text[: _MAX_DETAIL - 1] + "…"


def _error_code(exc: openai.APIStatusError) -> str | None:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict):
            code = inner.get("code") or inner.get("type")
            return str(code) if code else None
    return None


def format_amount(value: float) -> str:
    """A count or a number of minutes as shown to users: "40,000", "9.8".

    >>> format_amount(40000), format_amount(9.75), format_amount(10.0)
    ('40,000', '9.8', '10')
    """
    return f"{value:,.1f}" if isinstance(value, float) and not value.is_integer() else f"{int(value):,}"


def _classroom_message(exc: BaseException, lang: str) -> UserMessage:
    from lib.classroom import BudgetExceeded, QueueTimeout, RequestTooLarge

    if isinstance(exc, BudgetExceeded):
        resource = t(f"class.res.{exc.resource}", lang)
        text = t(
            f"class.over.{exc.scope}",
            lang,
            resource=resource,
            limit=format_amount(exc.limit),
            asked=format_amount(exc.asked),
            left=format_amount(max(0, exc.limit - exc.used)),
            zone=exc.zone,
        )
        return UserMessage("budget", text)
    if isinstance(exc, QueueTimeout):
        return UserMessage("queue_timeout", t("class.timeout", lang, seconds=math.ceil(exc.waited)))
    if isinstance(exc, RequestTooLarge):
        resource = t(f"class.res.{exc.resource}", lang)
        text = t(
            "class.too_large",
            lang,
            resource=resource,
            asked=format_amount(exc.asked),
            limit=format_amount(exc.limit),
        )
        return UserMessage("too_large", text)
    return UserMessage("unexpected", t("err.unexpected", lang, kind=type(exc).__name__))


def user_message(
    exc: BaseException, lang: str, *, secrets: Iterable[Secret | str | None] = ()
) -> UserMessage:
    """The message a user sees for ``exc``."""
    secrets = tuple(secrets)
    from lib.classroom import ClassroomStop
    from lib.local_llm import ContextTooLong  # light: it does not import llama_cpp

    if isinstance(exc, ClassroomStop):
        return _classroom_message(exc, lang)
    if isinstance(exc, ContextTooLong):
        return UserMessage("context", t("err.context_local", lang, prompt=exc.prompt_tokens, limit=exc.limit))
    if isinstance(exc, VocabularyUnavailable):
        return UserMessage("vocab", t("err.vocab", lang, encoding=exc.encoding, reason=exc.reason))
    if isinstance(exc, openai.APITimeoutError):
        return UserMessage("timeout", t("err.timeout", lang))
    if isinstance(exc, openai.APIConnectionError):
        request = getattr(exc, "_request", None) or getattr(exc, "request", None)
        where = str(getattr(request, "url", "")).split("?")[0] or "?"
        return UserMessage("connection", t("err.connection", lang, where=redact(where, secrets)))
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        if isinstance(exc, openai.AuthenticationError):
            return UserMessage("auth", t("err.auth", lang), status)
        if isinstance(exc, openai.PermissionDeniedError):
            return UserMessage("permission", t("err.permission", lang), status)
        if isinstance(exc, openai.RateLimitError):
            if _error_code(exc) == "insufficient_quota":
                return UserMessage("quota", t("err.quota", lang), status)
            wait = retry_after_seconds(exc.response.headers)
            retry = (
                t("err.retry_after", lang, seconds=max(1, math.ceil(wait)))
                if wait is not None
                else t("err.retry_later", lang)
            )
            return UserMessage("rate_limit", t("err.rate_limit", lang, retry=retry), status, wait)
        if isinstance(exc, openai.NotFoundError):
            return UserMessage("not_found", t("err.not_found", lang), status)
        if isinstance(exc, openai.BadRequestError) and _error_code(exc) in _POLICY_CODES:
            return UserMessage("content_policy", t("err.content_policy", lang), status)
        if isinstance(exc, openai.UnprocessableEntityError):
            return UserMessage(
                "bad_request", t("err.unprocessable", lang, detail=_detail(exc, secrets)), status
            )
        if status >= 500:
            return UserMessage("server", t("err.server", lang, status=status), status)
        return UserMessage("bad_request", t("err.bad_request", lang, detail=_detail(exc, secrets)), status)
    if isinstance(exc, openai.OpenAIError | ValueError):
        # The SDK raises OpenAIError for configuration problems (e.g. a missing api_version).
        return UserMessage("config", t("err.config", lang, detail=redact(str(exc), secrets)[:_MAX_DETAIL]))
    return UserMessage("unexpected", t("err.unexpected", lang, kind=type(exc).__name__))
