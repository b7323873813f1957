"""Where classroom mode keeps its shared state: in this process (the default) or in Redis, for a school that
runs several app servers behind one load balancer.

The budgets (``budgets.Ledger``) and the rate limiter (``limiter.RateLimiter``) are written once, as pure
functions over JSON values; a store only runs such a function atomically over a few keys:

- ``MemoryStore``: a dict under one lock, for one process (a laptop, Streamlit Community Cloud).
- ``RedisStore``: optimistic transactions (``WATCH`` the keys, read them and the server's clock, compute,
  ``MULTI``/``EXEC`` the writes; a conflict runs the function again), so every replica books and queues
  against the same counts. Transactions rather than Lua scripts, so the rules exist once, in Python, and the
  tests run the same rules on both stores.

Failing closed: when Redis does not answer within ``timeout`` seconds, every operation raises
``StoreUnavailable`` (a ``ClassroomStop``): the paid call stops with a clear message and nothing is sent. A
settlement (or a call's return to the limiter) that could not be written is kept and written as soon as Redis
answers again, so nothing is lost; until then the counts stay on the safe side (booked, not refunded).

>>> store = MemoryStore()
>>> store.transact(["n"], lambda values, now: ([(values[0] or 0) + 1], "added"))
'added'
>>> store.transact(["n"], lambda values, now: (None, values[0]))
1
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from lib.classroom.errors import StoreUnavailable

R = TypeVar("R")
# ``change(values, now)`` gets the keys' values (None when absent) and the store's clock; it returns the new
# values (None for a key deletes it) or None when nothing changed, and its result. It may be run again on a
# conflict, so it must not have other effects.
Change = Callable[[list[Any], float], tuple[list[Any] | None, R]]


class Store(Protocol):
    """Atomic read-compute-write over a few JSON values; ``shared`` when other processes see them too."""

    shared: bool

    def transact(self, keys: Sequence[str], change: Change[R], *, ttl: float | None = None) -> R: ...

    def generation(self) -> int: ...

    def wait(self, generation: int, seconds: float) -> None: ...

    def later(self, write: Callable[[], None]) -> None: ...


class MemoryStore:
    """The state of one process: a dict under one lock. ``wait`` wakes as soon as anything was written."""

    shared = False

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._values: dict[str, Any] = {}
        self._cond = threading.Condition(threading.RLock())
        self._generation = 0

    def transact(self, keys: Sequence[str], change: Change[R], *, ttl: float | None = None) -> R:
        with self._cond:
            new, result = change([self._values.get(key) for key in keys], self.clock())
            if new is not None:
                for key, value in zip(keys, new, strict=True):
                    if value is None:
                        self._values.pop(key, None)
                    else:
                        self._values[key] = value
                self._generation += 1
                self._cond.notify_all()
            return result

    def generation(self) -> int:
        with self._cond:
            return self._generation

    def wait(self, generation: int, seconds: float) -> None:
        with self._cond:
            if self._generation == generation:
                self._cond.wait(seconds)

    def later(self, write: Callable[[], None]) -> None:
        write()  # a memory store is always there

    def forget(self, key: str = "", *, prefix: str = "") -> None:
        """Drop ``key``, or every key that starts with ``prefix``."""
        with self._cond:
            for name in [k for k in self._values if k == key or (prefix and k.startswith(prefix))]:
                del self._values[name]


QUIET_AFTER_TIMEOUT_S = 5.0


class RedisStore:
    """The state of every replica, in Redis. ``url`` is ``redis://[:password@]host:port/db`` (``rediss://``
    for TLS); every key starts with ``prefix``. Nothing but counts, amounts and queue tickets is written: no
    key, no text, and accounts only as digests."""

    shared = True
    ATTEMPTS = 100  # conflicting transactions before giving up (each conflict means another replica wrote)

    def __init__(
        self, url: str, *, prefix: str = "playground:classroom:", timeout: float = 1.0, poll: float = 0.2
    ) -> None:
        import redis  # only a deployment that asks for Redis needs the client
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        self._redis_errors = (redis.RedisError, OSError)
        self._watch_error = redis.WatchError
        # No long retries inside the client (its default backs off for seconds): one more try at once (a
        # pooled connection from before a Redis restart fails once), then the classroom says so.
        self._client = redis.Redis.from_url(
            url,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            retry=Retry(NoBackoff(), 1),
            health_check_interval=30,
        )
        self.prefix = prefix
        self.poll = poll
        self._lock = threading.Lock()
        self._pending: list[Callable[[], None]] = []
        self._flushing = threading.local()
        self._generation = 0
        self._quiet_until = 0.0

    def __repr__(self) -> str:  # never the URL: it may carry a password
        return f"RedisStore(prefix={self.prefix!r})"

    def transact(self, keys: Sequence[str], change: Change[R], *, ttl: float | None = None) -> R:
        self._flush()
        return self._transact(keys, change, ttl)

    def _transact(self, keys: Sequence[str], change: Change[R], ttl: float | None) -> R:
        if time.monotonic() < self._quiet_until:
            raise StoreUnavailable("timeout")
        names = [self.prefix + key for key in keys]
        try:
            for attempt in range(self.ATTEMPTS):
                with self._client.pipeline() as pipe:
                    try:
                        pipe.watch(*names)
                        raw = pipe.mget(names)
                        seconds, micros = pipe.time()  # one clock for every replica: the server's
                        values = [json.loads(item) if item is not None else None for item in raw]
                        new, result = change(values, seconds + micros / 1e6)
                        if new is None:
                            return result
                        pipe.multi()
                        for name, value in zip(names, new, strict=True):
                            if value is None:
                                pipe.delete(name)
                            else:
                                pipe.set(name, json.dumps(value, separators=(",", ":")), px=_ms(ttl))
                        pipe.execute()
                    except self._watch_error:
                        time.sleep(random.uniform(0, 0.002 * min(attempt + 1, 10)))
                        continue
                with self._lock:
                    self._generation += 1
                return result
        except self._redis_errors as exc:
            reason = _reason(exc)
            if reason == "timeout":
                # A Redis that hangs would cost every page run (the sidebar's meter reads it) a timeout: for a
                # few seconds, answer "unavailable" at once. A refused connection fails fast by itself.
                self._quiet_until = time.monotonic() + QUIET_AFTER_TIMEOUT_S
            raise StoreUnavailable(reason) from None
        raise StoreUnavailable("busy")

    def generation(self) -> int:
        with self._lock:
            return self._generation

    def wait(self, generation: int, seconds: float) -> None:
        # Other replicas cannot wake this one: look again every ``poll`` seconds.
        time.sleep(max(0.001, min(seconds, self.poll)))

    def later(self, write: Callable[[], None]) -> None:
        """Run ``write`` now; if Redis is away, keep it and run it before the next operation that reaches
        Redis (a settlement is never lost)."""
        try:
            self._flush()
            write()
        except StoreUnavailable:
            with self._lock:
                self._pending.append(write)

    def pending(self) -> int:
        with self._lock:
            return len(self._pending)

    def _flush(self) -> None:
        if getattr(self._flushing, "on", False):
            return
        with self._lock:
            waiting, self._pending = self._pending, []
        if not waiting:
            return
        self._flushing.on = True
        try:
            for index, write in enumerate(waiting):
                try:
                    write()
                except StoreUnavailable:
                    with self._lock:
                        self._pending[:0] = waiting[index:]
                    raise
        finally:
            self._flushing.on = False

    def ping(self) -> bool:
        try:
            return bool(self._client.ping())
        except self._redis_errors:
            return False


def _ms(seconds: float | None) -> int | None:
    return None if seconds is None else max(1, int(seconds * 1000))


def _reason(exc: BaseException) -> str:
    # The exception's own text can name the host and port; a class name says enough for a log.
    return "timeout" if "Timeout" in type(exc).__name__ else "unreachable"


def digest(name: str) -> str:
    """A short one-way name for an account or browser id, so neither is written into the store in clear.

    >>> digest("student@example.org")
    '32f62eb343aaa246'
    """
    return hashlib.sha256(name.encode()).hexdigest()[:16]


class RefusingStore:
    """A store setting that cannot work (not a Redis URL): every paid call stops, as with Redis away, rather
    than run without the shared limits the deployer asked for."""

    shared = True

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def transact(self, keys: Sequence[str], change: Change[R], *, ttl: float | None = None) -> R:
        raise StoreUnavailable(self.reason)

    def generation(self) -> int:
        return 0

    def wait(self, generation: int, seconds: float) -> None:
        time.sleep(seconds)

    def later(self, write: Callable[[], None]) -> None:
        pass


def open_store(url: str | None) -> Store:
    """The store ``url`` names (``redis://``, ``rediss://`` or ``unix://``), a new ``MemoryStore`` when it is
    empty, or a ``RefusingStore`` when it names something else."""
    if not url:
        return MemoryStore()
    if not url.startswith(("redis://", "rediss://", "unix://")):
        return RefusingStore("misconfigured")
    try:
        return RedisStore(url)
    except ValueError:  # a malformed URL (the client's message may echo it: not kept)
        return RefusingStore("misconfigured")
