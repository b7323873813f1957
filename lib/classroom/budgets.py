"""Classroom mode: budgets and one shared rate limiter for a deployment that runs on the teacher's key.

It applies when a paid call would spend the key the deployer stored (``st.secrets`` or the environment); a
student who types their own key spends their own money and rate limit, so none of this applies to them.

- ``Ledger``: thread-safe counters of requests, tokens, images and audio minutes, with limits, for one
  session or for the whole server per day (the day ledger can be kept in a JSON file, so a restart does not
  reset the day; it holds counts only, never a key or a text).
- ``reserve``: checks the session and the day ledger together and books the amounts at once, so 30 students
  pressing Send at the same moment cannot overshoot a limit; the booking is settled with the real usage (or
  refunded when nothing was spent).
- ``RateLimiter``: a sliding 60-second window over requests, tokens and images per minute, shared by every
  session of the process. A call that would exceed it waits in a first-come-first-served queue and can report
  its place; after a 429 the whole queue pauses for the server's retry time.
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

import json
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from lib.classroom.errors import BudgetExceeded
from lib.core.amounts import RESOURCES, Amounts, Limits

# Safe defaults: a class of 30 on gpt-4o-mini / dall-e-3 / whisper-1 spends at most about US$10 a day even
# when every limit is reached, and stays under OpenAI's tier-1 rate limits for gpt-4o (30,000 TPM).
DEFAULT_SESSION = Limits(requests=30, tokens=40_000, images=4, audio_minutes=10)
DEFAULT_DAY = Limits(requests=600, tokens=600_000, images=40, audio_minutes=120)
DEFAULT_RATES = {"requests": 60, "tokens": 30_000, "images": 5}


class Ledger:
    """Counters with limits for one scope ("session" or "day"). Thread-safe; a day ledger starts again at
    midnight in its time zone and, given a path, keeps its counts in a small JSON file."""

    def __init__(
        self,
        limits: Limits,
        *,
        scope: str = "session",
        period: Callable[[], str] | None = None,
        path: Path | None = None,
        zone: str = "UTC",
    ) -> None:
        self.limits = limits
        self.scope = scope
        self.zone = zone
        self._period = period or (lambda: "")
        self._path = path
        self._lock = threading.RLock()
        self._key = self._period()
        self._used = Amounts()
        self._load()

    def _load(self) -> None:
        if self._path is None or not self._path.is_file():
            return
        try:
            saved = json.loads(self._path.read_text(encoding="utf-8"))
            if saved.get("period") == self._key:
                self._used = Amounts(**{f: saved["used"].get(f, 0) for f in RESOURCES})
        except (OSError, ValueError, TypeError, AttributeError):
            pass  # an unreadable file starts the day from zero rather than failing the app

    def _save(self) -> None:
        if self._path is None:
            return
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self._path.with_suffix(".tmp")
            temporary.write_text(json.dumps({"period": self._key, "used": asdict(self._used)}), "utf-8")
            os.replace(temporary, self._path)
        except OSError:
            pass  # a read-only disk keeps the counts in memory only

    def _roll(self) -> None:
        key = self._period()
        if key != self._key:
            self._key, self._used = key, Amounts()

    def used(self) -> Amounts:
        with self._lock:
            self._roll()
            return self._used

    def remaining(self) -> Amounts:
        with self._lock:
            return self.limits - self.used()

    def _over(self, amounts: Amounts) -> BudgetExceeded | None:
        self._roll()
        for name, asked in amounts.items():
            if asked <= 0:
                continue
            used, limit = getattr(self._used, name), getattr(self.limits, name)
            if used + asked > limit + 1e-9:
                return BudgetExceeded(name, self.scope, limit, used, asked, self.zone)
        return None

    def _add(self, amounts: Amounts) -> None:
        self._roll()
        self._used = Amounts(*(max(0, a) for _, a in (self._used + amounts).items()))
        self._save()


@dataclass
class Booking:
    """Amounts booked in some ledgers; ``settle`` replaces them with what was really spent."""

    ledgers: Sequence[Ledger]
    amounts: Amounts
    done: bool = False

    def settle(self, actual: Amounts | None = None) -> None:
        if self.done:
            return
        self.done = True
        delta = (actual if actual is not None else self.amounts) - self.amounts
        for ledger in self.ledgers:
            with ledger._lock:
                ledger._add(delta)

    def refund(self) -> None:
        """Nothing was spent (the call failed before the server did any work)."""
        self.settle(Amounts())


def reserve(ledgers: Sequence[Ledger], amounts: Amounts) -> Booking:
    """Book ``amounts`` in every ledger or in none; raises ``BudgetExceeded`` for the first one over."""
    locks = [ledger._lock for ledger in ledgers]
    for lock in locks:  # always the same order (session, then day): no deadlock between sessions
        lock.acquire()
    try:
        for ledger in ledgers:
            over = ledger._over(amounts)
            if over:
                raise over
        for ledger in ledgers:
            ledger._add(amounts)
    finally:
        for lock in reversed(locks):
            lock.release()
    return Booking(ledgers, amounts)


class AccountLedgers:
    """Signed-in students' ledgers for the day, one per account, made on first use (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ledgers: dict[str, Ledger] = {}

    def ledger(self, account: str, limits: Limits, *, period: Callable[[], str], zone: str) -> Ledger:
        """The account's ledger; a new one when the configured limits changed."""
        with self._lock:
            ledger = self._ledgers.get(account)
            if ledger is None or ledger.limits != limits:
                ledger = Ledger(limits, scope="session", period=period, zone=zone)
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
