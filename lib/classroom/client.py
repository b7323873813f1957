"""The client every paid call goes through: it waits its turn in the shared limiter (classroom mode), does
the retrying itself and says so while it waits, counts what was sent, and reads the key's rate limits.

The SDK's own retries are turned off: they sleep silently (a 429 with ``retry-after: 20`` made the page
show an empty bubble for about 40 s). Here each wait is reported through ``on_retry`` once a second, so the
page can show "the server asked us to wait 20 s, retry 1 of 3" and a Stop can end it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import openai

from lib.classroom.limiter import RateLimiter, Wait
from lib.core.amounts import Amounts
from lib.core.http import RateLimits, is_quota, rate_limits, retry_after_seconds
from lib.tokens.counting import request_tokens, text_tokens


def _chat_amounts(kwargs: Mapping[str, Any]) -> dict[str, float]:
    output = kwargs.get("max_completion_tokens") or kwargs.get("max_tokens") or 1024
    messages, model = kwargs.get("messages") or [], str(kwargs.get("model") or "")
    return {"requests": 1, "tokens": request_tokens(messages, model, int(output))}


def _responses_amounts(kwargs: Mapping[str, Any]) -> dict[str, float]:
    items = list(kwargs.get("input") or [])
    if kwargs.get("instructions"):
        items.insert(0, {"role": "system", "content": kwargs["instructions"]})
    output = int(kwargs.get("max_output_tokens") or 1024)
    return {"requests": 1, "tokens": request_tokens(items, str(kwargs.get("model") or ""), output)}


def _image_amounts(kwargs: Mapping[str, Any]) -> dict[str, float]:
    return {"requests": 1, "images": int(kwargs.get("n") or 1)}


def _embedding_amounts(kwargs: Mapping[str, Any]) -> dict[str, float]:
    given = kwargs.get("input") or []
    texts = [given] if isinstance(given, str) else [x for x in given if isinstance(x, str)]
    return {"requests": 1, "tokens": text_tokens(texts)}


def _request_only(kwargs: Mapping[str, Any]) -> dict[str, float]:
    return {"requests": 1}


RETRIES_AFTER_429 = 3
RETRIES_AFTER_FAILURE = 2  # a 5xx or a connection that failed: what the SDK would have done, in the open
DEFAULT_RETRY_S = 2.0  # doubled on each retry when the server did not say how long
# Waiting (with the time shown) beats an error: a 429 is retried while the pauses of one call add up to at
# most this; a server asking for longer is believed, and the student told.
MAX_RETRY_WAIT_S = 120.0


@dataclass(frozen=True)
class Retry:
    """A retry being waited for: which one, of how many, seconds left, and why (``rate_limit``/``server``)."""

    attempt: int
    of: int
    seconds: int
    reason: str


def _retry_plan(exc: BaseException, attempt: int) -> tuple[str, int, float] | None:
    """(reason, allowed retries, seconds to wait) when ``exc`` is worth another try; None otherwise."""
    if isinstance(exc, openai.RateLimitError):
        if is_quota(exc):
            return None
        said = retry_after_seconds(exc.response.headers)
        return "rate_limit", RETRIES_AFTER_429, said if said is not None else DEFAULT_RETRY_S * 2**attempt
    if isinstance(exc, openai.InternalServerError) or (
        isinstance(exc, openai.APIConnectionError) and not isinstance(exc, openai.APITimeoutError)
    ):
        return "server", RETRIES_AFTER_FAILURE, DEFAULT_RETRY_S * 2**attempt
    return None


class LimitedClient:
    """An SDK client (or the built-in model's) whose paid calls wait in ``limiter`` when one is given and are
    retried after a 429 (the server's time), a 5xx or a failed connection. Free calls (models,
    moderations) pass straight through.

    Counts for the booking: ``issued`` calls handed to the server, ``completed`` calls that answered, and
    ``spent`` (requests, images returned). ``limits`` holds the last ``x-ratelimit-*`` headers seen."""

    def __init__(
        self,
        client: Any,
        limiter: RateLimiter | None = None,
        *,
        on_wait: Callable[[Wait], None] | None = None,
        on_retry: Callable[[Retry], None] | None = None,
        timeout: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = client.with_options(max_retries=0) if hasattr(client, "with_options") else client
        self._limiter = limiter
        self.on_wait = on_wait
        self.on_retry = on_retry
        self._timeout = timeout
        self._sleep = sleep
        self.waited = 0.0  # seconds this client's calls spent in the queue
        self.retries = 0
        self.issued = 0
        self.completed = 0
        self.spent = Amounts()
        self.limits: RateLimits | None = None
        c = self._client
        self.chat = SimpleNamespace(
            completions=SimpleNamespace(create=self._wrap(c.chat.completions, _chat_amounts))
        )
        if hasattr(c, "responses"):
            self.responses = SimpleNamespace(create=self._wrap(c.responses, _responses_amounts))
        if hasattr(c, "images"):
            self.images = SimpleNamespace(
                generate=self._wrap(c.images, _image_amounts, "generate"),
                edit=self._wrap(c.images, _image_amounts, "edit"),
            )
        if hasattr(c, "embeddings"):
            self.embeddings = SimpleNamespace(create=self._wrap(c.embeddings, _embedding_amounts))
        if hasattr(c, "audio"):
            self.audio = SimpleNamespace(
                transcriptions=SimpleNamespace(create=self._wrap(c.audio.transcriptions, _request_only)),
                translations=SimpleNamespace(create=self._wrap(c.audio.translations, _request_only)),
            )

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def _send(self, resource: Any, method: str, kwargs: Mapping[str, Any]) -> Any:
        raw = getattr(resource, "with_raw_response", None)
        if raw is None:  # the built-in model: no HTTP, no headers
            return getattr(resource, method)(**kwargs)
        response = getattr(raw, method)(**kwargs)  # a stream returns once the server answered
        self.limits = rate_limits(response.headers) or self.limits
        return response.parse()

    def _wait(self, retry: Retry, seconds: float) -> None:
        if self._limiter is not None:
            self._limiter.pause(seconds)  # everybody waits: the key's limit is shared
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            if self.on_retry is not None:
                self.on_retry(Retry(retry.attempt, retry.of, math.ceil(left), retry.reason))
            self._sleep(min(1.0, left))

    def _wrap(
        self, resource: Any, amounts: Callable[[Mapping[str, Any]], dict[str, float]], method: str = "create"
    ):
        def limited(**kwargs: Any) -> Any:
            asked = amounts(kwargs)
            paused = 0.0
            attempt = 0
            while True:
                booked: list = []
                if self._limiter is not None:
                    self.waited += self._limiter.acquire(
                        asked, on_wait=self.on_wait, timeout=self._timeout, in_flight=booked
                    )
                self.issued += 1
                try:
                    result = self._send(resource, method, kwargs)
                except openai.OpenAIError as exc:
                    plan = _retry_plan(exc, attempt)
                    if plan is None or attempt >= plan[1] or paused + plan[2] > MAX_RETRY_WAIT_S:
                        raise
                    reason, allowed, seconds = plan
                    self.issued -= 1  # refused or never arrived: not spent
                    attempt += 1
                    self.retries += 1
                    paused += seconds
                    self._wait(Retry(attempt, allowed, math.ceil(seconds), reason), seconds)
                    continue
                finally:
                    if self._limiter is not None:
                        self._limiter.finish(booked)
                self.completed += 1
                data = getattr(result, "data", None)
                images = len(data) if method in ("generate", "edit") and isinstance(data, list) else 0
                self.spent = self.spent + Amounts(requests=1, images=images)
                return result

        return limited
