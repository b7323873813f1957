"""Facts read off an HTTP error: how long the server asked us to wait, and the error's code."""

from __future__ import annotations

import re
from dataclasses import dataclass


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


def error_code(exc: object) -> str | None:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict):
            code = inner.get("code") or inner.get("type")
            return str(code) if code else None
    return None


def is_quota(exc: object) -> bool:
    """``insufficient_quota`` is a 429 too, but waiting will not help: the account is out of credit."""
    return error_code(exc) == "insufficient_quota"


@dataclass(frozen=True)
class RateLimits:
    """The key's per-minute limits and what is left of them, from OpenAI's ``x-ratelimit-*`` headers."""

    limit_requests: int | None
    remaining_requests: int | None
    limit_tokens: int | None
    remaining_tokens: int | None
    reset_requests: float | None  # seconds
    reset_tokens: float | None


def _int(value: object) -> int | None:
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


def rate_limits(headers: object) -> RateLimits | None:
    """The ``x-ratelimit-*`` headers of a response; None when the server sends none (local servers).

    >>> rate_limits({"x-ratelimit-limit-tokens": "30000", "x-ratelimit-remaining-tokens": "29950",
    ...              "x-ratelimit-reset-tokens": "100ms"}).remaining_tokens
    29950
    """
    get = getattr(headers, "get", None)
    if get is None:
        return None
    values = {
        name: get(f"x-ratelimit-{name.replace('_', '-')}")
        for name in (
            "limit_requests",
            "remaining_requests",
            "limit_tokens",
            "remaining_tokens",
            "reset_requests",
            "reset_tokens",
        )
    }
    if all(v is None for v in values.values()):
        return None
    return RateLimits(
        limit_requests=_int(values["limit_requests"]),
        remaining_requests=_int(values["remaining_requests"]),
        limit_tokens=_int(values["limit_tokens"]),
        remaining_tokens=_int(values["remaining_tokens"]),
        reset_requests=_duration(values["reset_requests"]) if values["reset_requests"] else None,
        reset_tokens=_duration(values["reset_tokens"]) if values["reset_tokens"] else None,
    )
