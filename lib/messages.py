"""Exceptions -> one short user message (Korean or English). Never echoes a key.

The one place that knows every domain exception: imported by ``ui``, by nothing in ``lib``.

Errors are caught by class (the SDK's typed errors), never by matching strings. Any detail taken from a
server's answer passes through ``redact`` first, because some servers echo the key they were sent.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import openai

from lib.audio.api_request import SpeakerError
from lib.audio.local_whisper import ModelUnavailable
from lib.audio.transcription import InvalidMedia
from lib.chat import ContextTooLong, LocalModelUnavailable, StreamCut
from lib.classroom import (
    OVER_BUDGET_KEYS,
    RESOURCE_LABEL_KEYS,
    BudgetExceeded,
    ClassroomStop,
    QueueTimeout,
    RequestTooLarge,
    StoreUnavailable,
)
from lib.core.catalogue import retired
from lib.core.http import error_code, is_quota, retry_after_seconds
from lib.core.i18n import format_amount, t
from lib.core.redaction import redact
from lib.core.settings import Secret
from lib.documents import DocumentError, EmbeddingsUnavailable, SplitSettings
from lib.images import InvalidImageData, RequestRuleError
from lib.tokens import VocabularyUnavailable

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
    "media",
    "document",
    "image",
    "rule",
    "model_missing",
    "local_model",
    "stream_cut",
    "retired",
    "request_too_large",
    "moderation",
    "moderation_unavailable",
    "unexpected",
]
# Error codes of a prompt refused by the safety system (DALL-E, then GPT-image models).
_POLICY_CODES = frozenset({"content_policy_violation", "moderation_blocked"})

_MAX_DETAIL = 300


@dataclass(frozen=True)
class UserMessage:
    """What the UI shows for an error."""

    kind: Kind
    text: str
    status: int | None = None
    retry_after: float | None = None  # seconds, when the server said
    model: str | None = None  # the model a "retired" message is about


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


def _classroom_message(exc: BaseException, lang: str) -> UserMessage:
    if isinstance(exc, BudgetExceeded):
        resource = t(RESOURCE_LABEL_KEYS[exc.resource], lang)
        text = t(
            OVER_BUDGET_KEYS[exc.scope],
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
    if isinstance(exc, StoreUnavailable):
        return UserMessage("class_store", t("class.store_down", lang))
    if isinstance(exc, RequestTooLarge):
        resource = t(RESOURCE_LABEL_KEYS[exc.resource], lang)
        text = t(
            "class.too_large",
            lang,
            resource=resource,
            asked=format_amount(exc.asked),
            limit=format_amount(exc.limit),
        )
        return UserMessage("too_large", text)
    return UserMessage("unexpected", t("err.unexpected", lang, kind=type(exc).__name__))


_MODEL_IN_MESSAGE = re.compile(r"[Mm]odel [`'\"]?([\w.:/-]+)[`'\"]?")


def _model_in(exc: openai.APIStatusError) -> str | None:
    """The model a 404 is about: from the request that was sent, else from the server's message."""
    try:
        body = json.loads(exc.response.request.content or b"{}")
        if isinstance(body, dict) and isinstance(body.get("model"), str):
            return body["model"]
    except (ValueError, AttributeError, RuntimeError):
        pass
    found = _MODEL_IN_MESSAGE.search(str(getattr(exc, "message", "") or ""))
    return found.group(1) if found else None


def _form_field(exc: openai.APIStatusError, name: str) -> str | None:
    """A field of the multipart form that was sent (a transcription's ``model``, ``response_format``).

    A multipart body is a stream the client can send again; the fields come before the file, so only the
    start is read."""
    try:
        request = exc.response.request
        head = b""
        for chunk in request.stream:
            head += chunk
            if b"filename=" in head or len(head) > 65_536:
                break
    except (AttributeError, RuntimeError, TypeError):
        return None
    pattern = rb'name="' + re.escape(name.encode()) + rb'"\r\n(?:[^\r\n]+\r\n)*\r\n([^\r\n]*)'
    found = re.search(pattern, head)
    return found.group(1).decode("utf-8", "replace")[:60] if found else None


def _format_refused(exc: openai.APIStatusError) -> str | None:
    """The response format a server refused, when its 400 names ``response_format`` as the culprit."""
    body = exc.body if isinstance(exc.body, dict) else {}
    inner = body.get("error", body)
    param = inner.get("param") if isinstance(inner, dict) else None
    said = str(getattr(exc, "message", "") or "")
    if param != "response_format" and "response_format" not in said:
        return None
    return _form_field(exc, "response_format") or "?"


def _retired(model: str, lang: str, status: int | None) -> UserMessage:
    """A model the server no longer runs: say so, with its history when the lesson knew it."""
    history = retired(model)
    when = (
        t("err.retired.on", lang, date=history.shutdown.isoformat())
        if history is not None and history.shutdown is not None
        else ""
    )
    text = t("err.retired", lang, model=model, when=when)
    if history is not None:
        text += " " + t(history.history_key, lang)
    return UserMessage("retired", text, status, model=model)


def user_message(
    exc: BaseException, lang: str, *, secrets: Iterable[Secret | str | None] = ()
) -> UserMessage:
    """The message a user sees for ``exc``."""
    secrets = tuple(secrets)
    if isinstance(exc, ClassroomStop):
        return _classroom_message(exc, lang)
    if isinstance(exc, StreamCut):  # the server was reached: the answer began, then the stream broke
        return UserMessage("stream_cut", t("err.stream_cut", lang))
    if isinstance(exc, InvalidMedia):
        return UserMessage("media", t(exc.key, lang))
    if isinstance(exc, DocumentError | SplitSettings):
        return UserMessage("document", t(exc.key, lang, **exc.values))
    if isinstance(exc, EmbeddingsUnavailable):
        return UserMessage("local_model", t("doc.err.embeddings", lang, detail=exc.detail))
    if isinstance(exc, InvalidImageData):
        return UserMessage("image", t(exc.key, lang))
    if isinstance(exc, RequestRuleError):
        return UserMessage("rule", t(exc.key, lang, **exc.values))
    if isinstance(exc, SpeakerError):
        return UserMessage("rule", t(exc.key, lang, **exc.values))
    if isinstance(exc, ModelUnavailable):
        return UserMessage("model_missing", t("wh.model_missing", lang, model=exc.model, detail=exc.detail))
    if isinstance(exc, LocalModelUnavailable):
        return UserMessage("local_model", t("chat.local_unavailable", lang, reason=exc.detail))
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
            if is_quota(exc):
                return UserMessage("quota", t("err.quota", lang), status)
            wait = retry_after_seconds(exc.response.headers)
            retry = (
                t("err.retry_after", lang, seconds=max(1, math.ceil(wait)))
                if wait is not None
                else t("err.retry_later", lang)
            )
            return UserMessage("rate_limit", t("err.rate_limit", lang, retry=retry), status, wait)
        if isinstance(exc, openai.NotFoundError):
            model = _model_in(exc)
            said = str(getattr(exc, "message", "") or "").lower()
            if model is not None and (retired(model) or "deprecated" in said or "shut down" in said):
                return _retired(model, lang, status)
            return UserMessage("not_found", t("err.not_found", lang), status, model=model)
        if isinstance(exc, openai.BadRequestError) and error_code(exc) in _POLICY_CODES:
            return UserMessage("content_policy", t("err.content_policy", lang), status)
        refused = _format_refused(exc) if isinstance(exc, openai.BadRequestError) else None
        if refused is not None:  # a server whose model does not give what its family gives
            model = _form_field(exc, "model") or "?"
            detail = _detail(exc, secrets)
            text = t("wh.err.format_refused", lang, format=refused, model=model, status=status, detail=detail)
            return UserMessage("bad_request", text, status, model=model)
        if isinstance(exc, openai.UnprocessableEntityError):
            return UserMessage(
                "bad_request", t("err.unprocessable", lang, detail=_detail(exc, secrets)), status
            )
        if status >= 500:
            return UserMessage("server", t("err.server", lang, status=status), status)
        detail = _detail(exc, secrets)
        if status == 413:  # e.g. a body over the server's limit: the SDK raises it as a BadRequestError
            return UserMessage(
                "too_large", t("err.request_too_large", lang, status=status, detail=detail), status
            )
        return UserMessage("bad_request", t("err.bad_request", lang, status=status, detail=detail), status)
    if isinstance(exc, openai.OpenAIError | ValueError):
        # The SDK raises OpenAIError for configuration problems (e.g. a missing api_version).
        return UserMessage("config", t("err.config", lang, detail=redact(str(exc), secrets)[:_MAX_DETAIL]))
    return UserMessage("unexpected", t("err.unexpected", lang, kind=type(exc).__name__))
