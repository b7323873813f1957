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
lib.classroom.BudgetExceeded: tokens: 20 used of 100 (session), 90 asked
"""

from __future__ import annotations

import itertools
import json
import math
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import openai

from lib.errors import retry_after_seconds

RESOURCES = ("requests", "tokens", "images", "audio_minutes")


@dataclass(frozen=True)
class Amounts:
    """What one action costs (or what is used / allowed): requests, tokens, images, audio minutes."""

    requests: int = 0
    tokens: int = 0
    images: int = 0
    audio_minutes: float = 0.0

    def __post_init__(self) -> None:
        for name in ("requests", "tokens", "images"):
            object.__setattr__(self, name, int(getattr(self, name)))
        object.__setattr__(self, "audio_minutes", float(self.audio_minutes))

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(*(getattr(self, f) + getattr(other, f) for f in RESOURCES))

    def __sub__(self, other: Amounts) -> Amounts:
        return Amounts(*(getattr(self, f) - getattr(other, f) for f in RESOURCES))

    def items(self) -> Iterable[tuple[str, float]]:
        return ((f, getattr(self, f)) for f in RESOURCES)


Limits = Amounts  # a limit of 0 allows none of that resource


# Safe defaults: a class of 30 on gpt-4o-mini / dall-e-3 / whisper-1 spends at most about US$10 a day even
# when every limit is reached, and stays under OpenAI's tier-1 rate limits for gpt-4o (30,000 TPM).
DEFAULT_SESSION = Limits(requests=30, tokens=40_000, images=4, audio_minutes=10)
DEFAULT_DAY = Limits(requests=600, tokens=600_000, images=40, audio_minutes=120)
DEFAULT_RATES = {"requests": 60, "tokens": 30_000, "images": 5}


class ClassroomStop(Exception):
    """A classroom rule stopped a call before it was sent (``lib.errors.user_message`` words it)."""


class BudgetExceeded(ClassroomStop):
    """A booking would go over a limit; nothing was booked."""

    def __init__(
        self, resource: str, scope: str, limit: float, used: float, asked: float, zone: str = "UTC"
    ) -> None:
        self.resource, self.scope, self.limit, self.used, self.asked = resource, scope, limit, used, asked
        self.zone = zone
        super().__init__(f"{resource}: {_num(used)} used of {_num(limit)} ({scope}), {_num(asked)} asked")


def _num(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


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


# --- the shared rate limiter ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Wait:
    """A call's place in the queue (1 = next) and about how long until it goes."""

    place: int
    seconds: float
    paused: bool = False  # the server asked everybody to wait (a 429)


class RequestTooLarge(ClassroomStop):
    """One call needs more of a resource than the limiter allows in a whole minute: it could never go."""

    def __init__(self, resource: str, asked: float, limit: float) -> None:
        self.resource, self.asked, self.limit = resource, asked, limit
        super().__init__(f"{resource}: {asked:g} asked, {limit:g} a minute allowed")


class QueueTimeout(ClassroomStop):
    """Waited longer than the queue allows; the call was not sent."""

    def __init__(self, waited: float) -> None:
        self.waited = waited
        super().__init__(f"waited {waited:.0f} s")


class RateLimiter:
    """Requests, tokens and images per minute over a sliding window, with a fair queue.

    Waiting calls are served first come, first served *per resource*: a call may go when what went out in the
    last ``window`` seconds, plus what every earlier waiting call asks, plus its own amounts fits each limit.
    Earlier calls' amounts count as already booked, so nobody is overtaken on a resource they share and nobody
    starves; a chat message does not wait behind image calls that only the images limit holds back.
    """

    def __init__(
        self,
        per_window: Mapping[str, float],
        *,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        poll: float = 0.5,
    ) -> None:
        self.limits = {name: float(v) for name, v in per_window.items() if v and v > 0}
        self.window = window
        self._clock = clock
        self._poll = poll
        self._cond = threading.Condition()
        self._log: dict[str, deque[tuple[float, float]]] = {name: deque() for name in self.limits}
        self._sums = dict.fromkeys(self.limits, 0.0)
        self._queue: dict[int, dict[str, float]] = {}  # waiting tickets in arrival order -> amounts
        self._tickets = itertools.count()
        self._paused_until = 0.0
        self.granted = 0  # calls let through, for benchmarks and tests
        # (clock, amounts, ticket) of each granted call; tickets number the calls in arrival order
        self.history: deque[tuple[float, dict[str, float], int]] = deque(maxlen=10_000)
        self.paused = 0  # 429 pauses

    def _expire(self, now: float) -> None:
        for name, log in self._log.items():
            while log and log[0][0] <= now - self.window:
                self._sums[name] -= log.popleft()[1]

    def _ahead(self, ticket: int) -> tuple[dict[str, float], int]:
        """What the calls waiting before ``ticket`` ask, per resource, and how many share one with it."""
        mine = self._queue[ticket]
        ahead = dict.fromkeys(self.limits, 0.0)
        sharing = 0
        for other, asked in self._queue.items():
            if other == ticket:
                break
            for name, amount in asked.items():
                ahead[name] += amount
            sharing += bool(mine.keys() & asked.keys())
        return ahead, sharing

    def _wait_for(self, asked: Mapping[str, float], ahead: Mapping[str, float], now: float) -> float:
        """Seconds until ``asked`` fits after everything ahead of it (0 when it fits now). Exact for the
        window in the log; beyond it (more waiting than a window holds) whole windows are added."""
        wait = max(0.0, self._paused_until - now)
        for name, amount in asked.items():
            need = self._sums[name] + ahead.get(name, 0.0) + amount - self.limits[name]
            if need <= 1e-9:
                continue
            freed = 0.0
            for stamp, spent in self._log[name]:
                freed += spent
                if freed >= need - 1e-9:
                    wait = max(wait, stamp + self.window - now)
                    break
            else:  # the rest is in flight or ahead in the queue: it needs whole windows after the log's
                last = self._log[name][-1][0] + self.window - now if self._log[name] else 0.0
                windows = max(1, math.ceil((need - freed) / self.limits[name] - 1e-9))
                wait = max(wait, last + windows * self.window)
        return wait

    def acquire(
        self,
        amounts: Mapping[str, float],
        *,
        on_wait: Callable[[Wait], None] | None = None,
        timeout: float | None = None,
        in_flight: list | None = None,
    ) -> float:
        """Block until the call may go and book it; returns the seconds waited.

        With ``in_flight`` (a list), the booking counts from now but its minute only starts when ``finish``
        is called with that list after the call returned: the server counts a request when it arrives, which
        under load can be seconds after the grant (seen in bench/classroom.py), so the window is measured
        from the latest moment the server can have counted it."""
        asked = {name: float(v) for name, v in amounts.items() if name in self.limits and v and v > 0}
        for name, amount in asked.items():
            if amount > self.limits[name]:
                raise RequestTooLarge(name, amount, self.limits[name])
        with self._cond:
            start = self._clock()
            ticket = next(self._tickets)
            self._queue[ticket] = asked
            last: Wait | None = None
            try:
                while True:
                    now = self._clock()
                    self._expire(now)
                    ahead, sharing = self._ahead(ticket)
                    wait = self._wait_for(asked, ahead, now)
                    if wait <= 0:
                        for name, amount in asked.items():
                            if in_flight is None:
                                self._log[name].append((now, amount))
                            else:
                                in_flight.append((name, amount))
                            self._sums[name] += amount
                        del self._queue[ticket]
                        self.granted += 1
                        self.history.append((now, asked, ticket))
                        self._cond.notify_all()
                        return now - start
                    waited = now - start
                    if timeout is not None and waited >= timeout:
                        raise QueueTimeout(waited)
                    # Whole seconds: the page shows whole seconds, so it is only redrawn when that changes.
                    info = Wait(place=sharing + 1, seconds=math.ceil(wait), paused=self._paused_until > now)
                    if on_wait is not None and info != last:
                        last = info
                        self._cond.release()
                        try:
                            on_wait(info)
                        finally:
                            self._cond.acquire()
                        continue  # the world may have moved while the lock was free
                    pause = min(max(wait, 0.001), self._poll)
                    if timeout is not None:
                        pause = min(pause, max(0.001, timeout - waited))
                    self._cond.wait(pause)
            except BaseException:
                # Gone (an error, a timeout, the user left the page): leave the queue so nobody waits on us.
                self._queue.pop(ticket, None)
                self._cond.notify_all()
                raise

    def finish(self, in_flight: list) -> None:
        """The call booked with ``in_flight`` has returned: its minute starts now."""
        with self._cond:
            now = self._clock()
            for name, amount in in_flight:
                self._log[name].append((now, amount))
            in_flight.clear()
            self._cond.notify_all()

    def pause(self, seconds: float) -> None:
        """The server said 429: nobody sends for ``seconds``."""
        with self._cond:
            self._paused_until = max(self._paused_until, self._clock() + max(0.0, seconds))
            self.paused += 1
            self._cond.notify_all()

    def queue_length(self) -> int:
        with self._cond:
            return len(self._queue)


# --- a client whose paid calls go through the limiter -----------------------------------------------------


def _chat_amounts(kwargs: Mapping[str, Any]) -> dict[str, float]:
    from lib.chat import count_tokens

    output = kwargs.get("max_completion_tokens") or kwargs.get("max_tokens") or 1024
    try:
        prompt = count_tokens(kwargs.get("messages") or [], str(kwargs.get("model") or ""))
    except Exception:  # an unknown vocabulary: count characters, an over-estimate for any language
        prompt = sum(len(str(m.get("content") or "")) for m in kwargs.get("messages") or [])
    return {"requests": 1, "tokens": prompt + int(output)}


def _image_amounts(kwargs: Mapping[str, Any]) -> dict[str, float]:
    return {"requests": 1, "images": int(kwargs.get("n") or 1)}


def _request_only(kwargs: Mapping[str, Any]) -> dict[str, float]:
    return {"requests": 1}


RETRIES_AFTER_429 = 3
DEFAULT_RETRY_S = 2.0  # doubled on each retry when the server did not say how long
# Waiting in the queue (with its place and the server's time shown) beats an error: a 429 is retried while
# the pauses of one call add up to at most this; a server asking for longer is believed, the student told.
MAX_RETRY_WAIT_S = 120.0


class LimitedClient:
    """An SDK client's paid calls, each waiting its turn in the shared limiter; a 429 pauses the queue for
    the server's retry time and the call goes again (``RETRIES_AFTER_429`` times). Free calls (models,
    moderations) pass straight through."""

    def __init__(
        self,
        client: Any,
        limiter: RateLimiter,
        *,
        on_wait: Callable[[Wait], None] | None = None,
        timeout: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        # The SDK's own retries would sleep outside the queue: this client does the retrying.
        self._client = client.with_options(max_retries=0) if hasattr(client, "with_options") else client
        self._limiter = limiter
        self.on_wait = on_wait
        self._timeout = timeout
        self.waited = 0.0  # seconds this client's calls spent in the queue
        self.retries = 0
        self.chat = SimpleNamespace(
            completions=SimpleNamespace(
                create=self._wrap(self._client.chat.completions.create, _chat_amounts)
            )
        )
        self.images = SimpleNamespace(
            generate=self._wrap(self._client.images.generate, _image_amounts),
            edit=self._wrap(self._client.images.edit, _image_amounts),
        )
        self.audio = SimpleNamespace(
            transcriptions=SimpleNamespace(
                create=self._wrap(self._client.audio.transcriptions.create, _request_only)
            ),
            translations=SimpleNamespace(
                create=self._wrap(self._client.audio.translations.create, _request_only)
            ),
        )

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def _wrap(self, call: Callable[..., Any], amounts: Callable[[Mapping[str, Any]], dict[str, float]]):
        def limited(**kwargs: Any) -> Any:
            asked = amounts(kwargs)
            paused = 0.0
            for attempt in range(RETRIES_AFTER_429 + 1):
                booked: list = []
                self.waited += self._limiter.acquire(
                    asked, on_wait=self.on_wait, timeout=self._timeout, in_flight=booked
                )
                try:
                    return call(**kwargs)  # a stream returns once the server answered: it has counted us
                except openai.RateLimitError as exc:
                    said = retry_after_seconds(exc.response.headers)
                    wait = said if said is not None else DEFAULT_RETRY_S * 2**attempt
                    if _is_quota(exc) or attempt == RETRIES_AFTER_429 or paused + wait > MAX_RETRY_WAIT_S:
                        raise
                    self.retries += 1
                    paused += wait
                    self._limiter.pause(wait)
                finally:
                    self._limiter.finish(booked)
            raise AssertionError("unreachable")

        return limited


def _is_quota(exc: openai.RateLimitError) -> bool:
    """``insufficient_quota`` is a 429 too, but waiting will not help: the account is out of credit."""
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body.get("error", body) if isinstance(body, dict) else {}
    return isinstance(error, dict) and error.get("code") == "insufficient_quota"


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


def load_config(secrets: Mapping[str, Any]) -> Config:
    """``[classroom]`` from the secrets (``st.secrets`` as a dict). Unreadable values fall back to the
    defaults rather than to "unlimited"."""
    table = secrets.get("classroom")
    if not isinstance(table, Mapping):
        return Config()
    base = Config()
    changes: dict[str, Any] = {
        "session": _limits(table.get("session"), base.session),
        "day": _limits(table.get("day"), base.day),
    }
    for field in fields(Config):
        if field.name in ("session", "day") or field.name not in table:
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
    return config.enabled and key_source in ("secrets", "environment")
