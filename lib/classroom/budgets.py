"""Classroom mode: budgets and one shared rate limiter for a deployment that runs on the teacher's key.

It applies when a paid call would spend the key the deployer stored (``st.secrets`` or the environment); a
student who types their own key spends their own money and rate limit, so none of this applies to them.

- ``Ledger``: counters of requests, tokens, images and audio minutes, with limits, for one session or for
  the whole class per day, kept in a ``store`` (``lib.classroom.store``: this process's memory, where the day
  ledger can be kept in a JSON file so a restart does not reset the day, or Redis shared by every replica);
  counts only, never a key or a text.
- ``reserve``: checks the session and the day ledger together and books the amounts at once, so 30 students
  pressing Send at the same moment (on one server or on several) cannot overshoot a limit; the booking is
  settled with the real usage (or refunded when nothing was spent).
- ``RateLimiter``: a sliding 60-second window over requests, tokens and images per minute, shared by every
  session of the process (or of every replica, on Redis). A call that would exceed it waits in a
  first-come-first-served queue and can report its place; after a 429 the whole queue pauses for the
  server's retry time.
- ``LimitedClient``: wraps an SDK client so every paid call (chat, images, audio) goes through the limiter and
  is retried after a 429; the pages hand it to the same lib code as a plain client.

Hand-written rather than ``pyrate-limiter`` or ``limits``: neither offers a fair queue whose place can be
shown, an atomic acquire over several resources at once (requests and tokens together) or a queue-wide pause
on a 429, which are the point here; the algorithm (a sliding log per resource) is forty lines.

>>> ledger = Ledger(Limits(requests=2, tokens=100, images=0, audio_minutes=1))
>>> booking = reserve([ledger], Amounts(requests=1, tokens=60))
>>> booking.settle(Amounts(requests=1, tokens=20)); ledger.used()
Amounts(requests=1, tokens=20, images=0, audio_minutes=0.0)
>>> reserve([ledger], Amounts(requests=1, tokens=90))
Traceback (most recent call last):
...
lib.classroom.errors.BudgetExceeded: tokens: 20 used of 100 (session), 90 asked"""

from __future__ import annotations

import itertools
import json
import os
import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from lib.classroom.errors import BudgetExceeded
from lib.classroom.store import MemoryStore, Store, digest
from lib.core.amounts import RESOURCES, Amounts, Limits

# Safe defaults: a class of 30 on gpt-4o-mini / dall-e-3 / whisper-1 spends at most about US$10 a day even
# when every limit is reached, and stays under OpenAI's tier-1 rate limits for gpt-4o (30,000 TPM).
DEFAULT_SESSION = Limits(requests=30, tokens=40_000, images=4, audio_minutes=10)
DEFAULT_DAY = Limits(requests=600, tokens=600_000, images=40, audio_minutes=120)
DEFAULT_RATES = {"requests": 60, "tokens": 30_000, "images": 5}


LEDGER_TTL_S = 3 * 24 * 3600.0  # a day's counts outlive the day (its time zone may be behind the server's)
_LOCAL = MemoryStore()  # ledgers made without a store (one process, as on Community Cloud) share this one
_names = itertools.count()


def _amounts(value: Any) -> Amounts:
    if not isinstance(value, dict):
        return Amounts()
    return Amounts(**{name: value.get(name, 0) for name in RESOURCES})


def _plus(value: Any, delta: Amounts) -> dict[str, float]:
    total = _amounts(value) + delta
    return {name: max(0, amount) for name, amount in total.items()}


class Ledger:
    """Counters with limits for one scope ("session" or "day"), kept in a ``store`` (this process's memory by
    default, or Redis shared by every replica). A day ledger starts again at midnight in its time zone (the
    date is part of its key); in memory and given a path, it keeps its counts in a small JSON file so a
    restart does not reset the day."""

    def __init__(
        self,
        limits: Limits,
        *,
        scope: str = "session",
        period: Callable[[], str] | None = None,
        path: Path | None = None,
        zone: str = "UTC",
        store: Store | None = None,
        name: str | None = None,
    ) -> None:
        self.limits = limits
        self.scope = scope
        self.zone = zone
        self.store: Store = store if store is not None else _LOCAL
        self._name = name or f"local{next(_names)}"
        self._period = period or (lambda: "")
        self._path = None if self.store.shared else path
        self._last = self.key()
        if isinstance(self.store, MemoryStore) and name is None:
            # Nobody else can name this ledger: its counts go when it does.
            weakref.finalize(self, self.store.forget, prefix=f"ledger:{scope}:{self._name}:")
        self._load()

    def key(self) -> str:
        """Where today's counts live (the period's key changes at midnight, so the day starts from zero)."""
        key = f"ledger:{self.scope}:{self._name}:{self._period()}"
        last = getattr(self, "_last", key)
        if key != last and isinstance(self.store, MemoryStore):
            self.store.forget(last)  # yesterday's counts, in memory: nobody reads them again
        self._last = key
        return key

    def _load(self) -> None:
        if self._path is None or not self._path.is_file():
            return
        try:
            saved = json.loads(self._path.read_text(encoding="utf-8"))
            if saved.get("period") != self._period():
                return
            used = {f: float(saved["used"].get(f, 0)) for f in RESOURCES}
        except (OSError, ValueError, TypeError, AttributeError):
            return  # an unreadable file starts the day from zero rather than failing the app
        self.store.transact([self.key()], lambda values, now: ([used], None))

    def _save(self) -> None:
        if self._path is None:
            return
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self._path.with_suffix(".tmp")
            record = {"period": self._period(), "used": asdict(self.used())}
            temporary.write_text(json.dumps(record), "utf-8")
            os.replace(temporary, self._path)
        except OSError:
            pass  # a read-only disk keeps the counts in memory only

    def used(self) -> Amounts:
        """What was booked so far in this period (raises ``StoreUnavailable`` when Redis is away)."""
        return self.store.transact([self.key()], lambda values, now: (None, _amounts(values[0])))

    def remaining(self) -> Amounts:
        return self.limits - self.used()

    def _over(self, used: Amounts, amounts: Amounts) -> BudgetExceeded | None:
        for name, asked in amounts.items():
            if asked <= 0:
                continue
            spent, limit = getattr(used, name), getattr(self.limits, name)
            if spent + asked > limit + 1e-9:
                return BudgetExceeded(name, self.scope, limit, spent, asked, self.zone)
        return None


def _add(store: Store, keys: Sequence[str], delta: Amounts) -> None:
    store.transact(keys, lambda values, now: ([_plus(v, delta) for v in values], None), ttl=LEDGER_TTL_S)


@dataclass
class Booking:
    """Amounts booked in some ledgers; ``settle`` replaces them with what was really spent."""

    ledgers: Sequence[Ledger]
    amounts: Amounts
    done: bool = False
    keys: Sequence[str] = ()  # the periods booked in (a call that ends after midnight settles yesterday's)

    def settle(self, actual: Amounts | None = None) -> None:
        """Never raises for a store that is away: the settlement is written when it answers again, and
        until then the booking stands (the safe side)."""
        if self.done:
            return
        self.done = True
        delta = (actual if actual is not None else self.amounts) - self.amounts
        if not self.ledgers or all(amount == 0 for _, amount in delta.items()):
            return
        store = self.ledgers[0].store
        keys = list(self.keys) or [ledger.key() for ledger in self.ledgers]
        store.later(lambda: _add(store, keys, delta))
        for ledger in self.ledgers:
            ledger._save()

    def refund(self) -> None:
        """Nothing was spent (the call failed before the server did any work)."""
        self.settle(Amounts())


def reserve(ledgers: Sequence[Ledger], amounts: Amounts) -> Booking:
    """Book ``amounts`` in every ledger or in none, atomically (across processes too, with a shared store);
    raises ``BudgetExceeded`` for the first one over, ``StoreUnavailable`` when the store is away."""
    if not ledgers:
        return Booking(ledgers, amounts)
    store = ledgers[0].store
    if any(ledger.store is not store for ledger in ledgers):
        raise ValueError("the ledgers of one booking must share one store")
    keys = [ledger.key() for ledger in ledgers]

    def book(values: list[Any], now: float) -> tuple[list[Any], None]:
        for ledger, value in zip(ledgers, values, strict=True):
            over = ledger._over(_amounts(value), amounts)
            if over:
                raise over
        return [_plus(value, amounts) for value in values], None

    store.transact(keys, book, ttl=LEDGER_TTL_S)
    for ledger in ledgers:
        ledger._save()
    return Booking(ledgers, amounts, keys=keys)


class AccountLedgers:
    """Students' ledgers for the day, one per account (or browser id), in ``store``. The name in the store is
    a digest of the account, never the address itself."""

    def __init__(self, store: Store | None = None) -> None:
        self._lock = threading.Lock()
        self._store = store if store is not None else MemoryStore()
        self._ledgers: dict[str, Ledger] = {}

    def ledger(self, account: str, limits: Limits, *, period: Callable[[], str], zone: str) -> Ledger:
        """The account's ledger; a new one (with the same counts) when the configured limits changed."""
        with self._lock:
            ledger = self._ledgers.get(account)
            if ledger is None or ledger.limits != limits:
                ledger = Ledger(
                    limits, scope="session", period=period, zone=zone, store=self._store, name=digest(account)
                )
                self._ledgers[account] = ledger
            return ledger


Sent = Literal["nothing", "partly", "all"]


def what_was_sent(*, issued: int, completed: int, failed: bool, cut: bool) -> Sent:
    """How far a paid call got: calls ``issued`` to the server, ``completed`` with an answer, whether it
    ended with an error the server answered (``failed``: refused, so not billed) or was ``cut`` while a call
    was in flight (Stop, a rerun: the server may have done the work).

    >>> what_was_sent(issued=0, completed=0, failed=False, cut=True)
    'nothing'
    >>> what_was_sent(issued=3, completed=2, failed=True, cut=False)
    'partly'
    >>> what_was_sent(issued=1, completed=0, failed=False, cut=True)
    'partly'
    """
    if completed == 0 and (issued == 0 or (failed and not cut)):
        return "nothing"
    if completed == issued and not failed and not cut:
        return "all"
    return "partly"


def settlement(asked: Amounts, sent: Sent, *, used: Amounts | None = None) -> Amounts:
    """What to keep booked once a call ended: nothing for nothing sent (a refund); what was really ``used``
    when it is known; otherwise what was asked, since parts may already have been billed (a Stop mid-stream,
    a transcription cut after some parts).

    >>> asked = Amounts(requests=3, images=3)
    >>> settlement(asked, "nothing")
    Amounts(requests=0, tokens=0, images=0, audio_minutes=0.0)
    >>> settlement(asked, "all", used=Amounts(requests=3, images=2))
    Amounts(requests=3, tokens=0, images=2, audio_minutes=0.0)
    >>> settlement(asked, "partly")
    Amounts(requests=3, tokens=0, images=3, audio_minutes=0.0)
    """
    if sent == "nothing":
        return Amounts()
    return used if used is not None else asked
