"""The classroom passcode: who may use a shared deployment (and so spend the teacher's key).

The passcode lives in ``st.secrets`` or the environment as ``PLAYGROUND_PASSCODE``; it is compared in constant
time, and each wrong try in a session doubles the wait before the next answer (1, 2, 4 ... 30 s), which makes
guessing slow without locking a class out.

>>> passcode_matches("open sesame", Secret("open sesame")), passcode_matches("open", Secret("open sesame"))
(True, False)
>>> [delay_after(n) for n in range(7)]
[0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0]
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Any

from lib.settings import Secret

PASSCODE_NAME = "PLAYGROUND_PASSCODE"
MAX_DELAY_S = 30.0


def configured_passcode(secrets: Mapping[str, Any], environ: Mapping[str, str]) -> Secret | None:
    """The deployer's passcode from secrets, then the environment; None when the app is open to all."""
    for source in (secrets, environ):
        value = source.get(PASSCODE_NAME)
        if isinstance(value, str) and value.strip():
            return Secret(value.strip())
    return None


def passcode_matches(given: str, expected: Secret) -> bool:
    """Constant-time comparison (no early exit that would leak how many characters were right)."""
    return hmac.compare_digest(given.strip().encode(), expected.reveal().encode())


def delay_after(failures: int) -> float:
    """Seconds to wait before answering, after ``failures`` wrong tries in this session."""
    return 0.0 if failures <= 0 else min(2.0 ** (failures - 1), MAX_DELAY_S)
