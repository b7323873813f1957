"""The classroom passcode: who may use a shared deployment (and so spend the teacher's key).

The passcode lives in ``st.secrets`` or the environment as ``PLAYGROUND_PASSCODE``; it is compared in constant
time, and each wrong try in a session doubles the wait before the next answer (1, 2, 4 ... 30 s), which makes
guessing slow without locking a class out.

>>> passcode_matches("open sesame", Secret("open sesame")), passcode_matches("open", Secret("open sesame"))
(True, False)
>>> [delay_after(n) for n in range(7)]
[0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0]

Where the deployer configured Streamlit's own sign-in (an ``[auth]`` table in the secrets), that is used
instead of the passcode, optionally narrowed to listed addresses or domains:

>>> login_providers({"auth": {"redirect_uri": "https://x/oauth2callback", "cookie_secret": "s",
...     "google": {"client_id": "i", "client_secret": "c", "server_metadata_url": "u"}}})
['google']
>>> email_allowed("Kim@School.kr", {"classroom": {"allowed_domains": ["school.kr"]}})
True
>>> email_allowed("kim@gmail.com", {"classroom": {"allowed_domains": ["school.kr"], "allowed_emails": []}})
False
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Any

from lib.core.settings import Secret

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


def login_providers(secrets: Mapping[str, Any]) -> list[str | None] | None:
    """The sign-in providers of the ``[auth]`` table (``None`` stands for the unnamed default one), or None
    when Streamlit's authentication is not configured."""
    auth = secrets.get("auth")
    if not isinstance(auth, Mapping) or not auth.get("redirect_uri") or not auth.get("cookie_secret"):
        return None
    named = [name for name, value in auth.items() if isinstance(value, Mapping) and value.get("client_id")]
    if named:
        return sorted(named)
    return [None] if auth.get("client_id") else None


def email_allowed(email: str | None, secrets: Mapping[str, Any]) -> bool:
    """With ``allowed_emails`` / ``allowed_domains`` in ``[classroom]``, only those accounts may use the
    app; without either list every signed-in account may."""
    table = secrets.get("classroom")
    table = table if isinstance(table, Mapping) else {}
    emails = {str(e).strip().lower() for e in table.get("allowed_emails") or ()}
    domains = {str(d).strip().lower().lstrip("@") for d in table.get("allowed_domains") or ()}
    if not emails and not domains:
        return True
    address = (email or "").strip().lower()
    return bool(address) and (address in emails or address.rpartition("@")[2] in domains)
