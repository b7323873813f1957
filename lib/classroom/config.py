"""The ``[classroom]`` table of the secrets, with safe defaults."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from lib.classroom.budgets import DEFAULT_DAY, DEFAULT_RATES, DEFAULT_SESSION
from lib.core.amounts import RESOURCES, Limits
from lib.core.settings import Secret, is_stored

# --- configuration from secrets ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    """The ``[classroom]`` table of the secrets, with safe defaults for everything left out."""

    enabled: bool = True
    safe_mode: bool = True
    session: Limits = DEFAULT_SESSION
    day: Limits = DEFAULT_DAY
    requests_per_minute: float = DEFAULT_RATES["requests"]
    tokens_per_minute: float = DEFAULT_RATES["tokens"]
    images_per_minute: float = DEFAULT_RATES["images"]
    queue_timeout_seconds: float = 180.0
    timezone: str = "UTC"
    # Where the budgets, the queue and the rate limiter live: None for this process (the default), a
    # redis:// URL to share them between replicas. A Secret: the URL may carry the Redis password.
    store: Secret | None = None

    @property
    def rates(self) -> dict[str, float]:
        return {
            "requests": self.requests_per_minute,
            "tokens": self.tokens_per_minute,
            "images": self.images_per_minute,
        }

    def today(self) -> str:
        try:
            zone = ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("UTC")
        return datetime.now(zone).date().isoformat()


def _limits(table: Any, default: Limits) -> Limits:
    if not isinstance(table, Mapping):
        return default
    values = {}
    for name in RESOURCES:
        raw = table.get(name, getattr(default, name))
        try:
            number = float(raw)
        except (TypeError, ValueError):
            number = getattr(default, name)
        number = max(0.0, number) if math.isfinite(number) else getattr(default, name)
        values[name] = number if name == "audio_minutes" else int(number)
    return Limits(**values)


STORE_ENV = "PLAYGROUND_REDIS_URL"


def load_config(secrets: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> Config:
    """``[classroom]`` from the secrets (``st.secrets`` as a dict). Unreadable values fall back to the
    defaults rather than to "unlimited". The shared store: ``store`` in the table, else the environment's
    ``PLAYGROUND_REDIS_URL``.

    >>> load_config({"classroom": {"store": "redis://:pw@10.0.0.5:6379/0"}}).store
    Secret('••••')
    """
    table = secrets.get("classroom")
    if not isinstance(table, Mapping):
        table = {}
    base = Config()
    url = str(table.get("store") or (environ or {}).get(STORE_ENV) or "").strip()
    if url:
        base = replace(base, store=Secret(url))
    changes: dict[str, Any] = {
        "session": _limits(table.get("session"), base.session),
        "day": _limits(table.get("day"), base.day),
    }
    for field in fields(Config):
        if field.name in ("session", "day", "store") or field.name not in table:
            continue
        raw = table[field.name]
        default = getattr(base, field.name)
        if isinstance(default, bool):
            changes[field.name] = (
                raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes", "on")
            )
        elif isinstance(default, str):
            changes[field.name] = str(raw)
        else:
            try:
                number = float(raw)
                changes[field.name] = number if math.isfinite(number) and number >= 0 else default
            except (TypeError, ValueError):
                pass
    return replace(base, **changes)


def applies(config: Config, key_source: str | None) -> bool:
    """Classroom rules apply to calls that spend the deployer's stored key, unless the deployer turned
    them off (``enabled = false``)."""
    return config.enabled and is_stored(key_source)
