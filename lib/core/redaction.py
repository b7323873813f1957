"""Anything shaped like an API key, or a known secret, replaced before text reaches a page, log or file."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lib.core.settings import Secret

# OpenAI keys ("sk-...", "sk-proj-..."), Azure's 32/84-character hex-ish keys, and bearer headers.
_KEY_PATTERNS = (
    re.compile(r"sk-[A-Za-z0-9_\-]{8,}"),
    re.compile(r"(?i)bearer\s+[A-Za-z0-9_\-\.=]{8,}"),
    re.compile(r"\b[A-Za-z0-9]{32}\b|\b[A-Za-z0-9]{84}\b"),
)


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
