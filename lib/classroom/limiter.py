"""One rate limiter per process: a sliding window over requests, tokens and images, with a fair queue."""

from __future__ import annotations

import itertools
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from lib.classroom.errors import QueueTimeout, RequestTooLarge

# --- the shared rate limiter ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Wait:
    """A call's place in the queue (1 = next) and about how long until it goes."""

    place: int
    seconds: float
    paused: bool = False  # the server asked everybody to wait (a 429)


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
