"""The class's rate limiter: a sliding window over requests, tokens and images, with a fair queue, in one
process or shared by every replica through a store."""

from __future__ import annotations

import contextlib
import math
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from lib.classroom.errors import QueueTimeout, RequestTooLarge, StoreUnavailable
from lib.classroom.store import MemoryStore, Store

# --- the shared rate limiter ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Wait:
    """A call's place in the queue (1 = next) and about how long until it goes."""

    place: int
    seconds: float
    paused: bool = False  # the server asked everybody to wait (a 429)


# A waiting call on a shared store says it is still there every few seconds; a ticket not seen for
# STALE_S (its server died, its network broke) leaves the queue so it cannot hold the class back.
HEARTBEAT_S = 4.0
STALE_S = 20.0
# A call granted and never returned (its server died mid-call) counts as returned after this long.
MAX_FLIGHT_S = 600.0
STATE_TTL_S = 3600.0


def _fresh(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    return {"log": {}, "flight": [], "queue": [], "next": 0, "paused_until": 0.0}


class RateLimiter:
    """Requests, tokens and images per minute over a sliding window, with a fair queue.

    Waiting calls are served first come, first served *per resource*: a call may go when what went out in the
    last ``window`` seconds, plus what every earlier waiting call asks, plus its own amounts fits each limit.
    Earlier calls' amounts count as already booked, so nobody is overtaken on a resource they share and nobody
    starves; a chat message does not wait behind image calls that only the images limit holds back.

    The window, the queue and a 429's pause live in ``store`` as one JSON value (``lib.classroom.store``): in
    this process by default, or in Redis, where every replica's calls share them (a queue place is the same
    number whichever server a student is on, and a pause holds every server). The rules below are pure
    functions over that value, the same for both stores.
    """

    def __init__(
        self,
        per_window: Mapping[str, float],
        *,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        poll: float = 0.5,
        store: Store | None = None,
        name: str = "class",
    ) -> None:
        self.limits = {name: float(v) for name, v in per_window.items() if v and v > 0}
        self.window = window
        self._poll = poll
        self.store: Store = store if store is not None else MemoryStore(clock)
        self._key = f"limiter:{name}"
        self._stale = STALE_S if self.store.shared else math.inf
        self.granted = 0  # calls this process let through, for benchmarks and tests
        # (clock, amounts, ticket) of each call this process let through; tickets number the calls in arrival
        # order (across every replica on a shared store)
        self.history: deque[tuple[float, dict[str, float], int]] = deque(maxlen=10_000)
        self.paused = 0  # 429 pauses this process reported

    # --- the rules: pure functions over the state ----------------------------------------------------------

    def _prune(self, state: dict[str, Any], now: float) -> bool:
        """Forget what left the window, waiters not seen for a while, calls that never returned."""
        changed = False
        for name, log in state["log"].items():
            kept = [entry for entry in log if entry[0] > now - self.window]
            if len(kept) != len(log):
                state["log"][name], changed = kept, True
        for flight in [f for f in state["flight"] if f[1] < now - MAX_FLIGHT_S]:
            self._land(state, flight, flight[1] + MAX_FLIGHT_S)
            changed = True
        queue = [entry for entry in state["queue"] if entry[2] > now - self._stale]
        if len(queue) != len(state["queue"]):
            state["queue"], changed = queue, True
        return changed

    @staticmethod
    def _land(state: dict[str, Any], flight: list, stamp: float) -> None:
        """A call returned: its minute starts at ``stamp``."""
        state["flight"].remove(flight)
        for name, amount in flight[2].items():
            state["log"].setdefault(name, []).append([stamp, amount])

    def _sums(self, state: dict[str, Any]) -> dict[str, float]:
        sums = dict.fromkeys(self.limits, 0.0)
        for name, log in state["log"].items():
            if name in sums:
                sums[name] += sum(amount for _, amount in log)
        for _, _, asked in state["flight"]:
            for name, amount in asked.items():
                if name in sums:
                    sums[name] += amount
        return sums

    @staticmethod
    def _ahead(state: dict[str, Any], ticket: int) -> tuple[dict[str, float], int]:
        """What the calls waiting before ``ticket`` ask, per resource, and how many share one with it."""
        mine = next(asked for t, asked, _ in state["queue"] if t == ticket)
        ahead: dict[str, float] = {}
        sharing = 0
        for other, asked, _ in state["queue"]:
            if other == ticket:
                break
            for name, amount in asked.items():
                ahead[name] = ahead.get(name, 0.0) + amount
            sharing += bool(mine.keys() & asked.keys())
        return ahead, sharing

    def _wait_for(
        self, state: dict[str, Any], asked: Mapping[str, float], ahead: Mapping[str, float], now: float
    ) -> float:
        """Seconds until ``asked`` fits after everything ahead of it (0 when it fits now). Exact for the
        window in the log; beyond it (more waiting than a window holds) whole windows are added."""
        wait = max(0.0, state["paused_until"] - now)
        sums = self._sums(state)
        for name, amount in asked.items():
            need = sums[name] + ahead.get(name, 0.0) + amount - self.limits[name]
            if need <= 1e-9:
                continue
            log = sorted(state["log"].get(name, []))
            freed = 0.0
            for stamp, spent in log:
                freed += spent
                if freed >= need - 1e-9:
                    wait = max(wait, stamp + self.window - now)
                    break
            else:  # the rest is in flight or ahead in the queue: it needs whole windows after the log's
                last = log[-1][0] + self.window - now if log else 0.0
                windows = max(1, math.ceil((need - freed) / self.limits[name] - 1e-9))
                wait = max(wait, last + windows * self.window)
        return wait

    # --- what callers use --------------------------------------------------------------------------------

    def _enqueue(self, asked: Mapping[str, float]) -> tuple[int, float]:
        """Join the end of the queue: (ticket, when)."""

        def join(values: list[Any], now: float) -> tuple[list[Any], tuple[int, float]]:
            state = _fresh(values[0])
            ticket = int(state["next"])
            state["next"] = ticket + 1
            state["queue"].append([ticket, dict(asked), now])
            return [state], (ticket, now)

        return self.store.transact([self._key], join, ttl=STATE_TTL_S)

    def _leave(self, ticket: int) -> None:
        def leave(values: list[Any], now: float) -> tuple[list[Any] | None, None]:
            state = _fresh(values[0])
            queue = [entry for entry in state["queue"] if entry[0] != ticket]
            if len(queue) == len(state["queue"]):
                return None, None
            state["queue"] = queue
            return [state], None

        with contextlib.suppress(StoreUnavailable):  # else the ticket goes stale and leaves by itself
            self.store.transact([self._key], leave, ttl=STATE_TTL_S)

    def acquire(
        self,
        amounts: Mapping[str, float],
        *,
        on_wait: Callable[[Wait], None] | None = None,
        timeout: float | None = None,
        in_flight: list | None = None,
    ) -> float:
        """Block until the call may go and book it; returns the seconds waited. Raises ``QueueTimeout``
        after ``timeout`` seconds, ``StoreUnavailable`` when a shared store stops answering (nothing sent).

        With ``in_flight`` (a list), the booking counts from now but its minute only starts when ``finish``
        is called with that list after the call returned: the server counts a request when it arrives, which
        under load can be seconds after the grant (seen in bench/classroom.py), so the window is measured
        from the latest moment the server can have counted it."""
        asked = {name: float(v) for name, v in amounts.items() if name in self.limits and v and v > 0}
        for name, amount in asked.items():
            if amount > self.limits[name]:
                raise RequestTooLarge(name, amount, self.limits[name])
        ticket, start = self._enqueue(asked)
        last: Wait | None = None
        try:
            while True:
                generation = self.store.generation()
                went, now, info, wait = self.store.transact(
                    [self._key],
                    lambda values, now: self._step(values, now, ticket, asked, in_flight),
                    ttl=STATE_TTL_S,
                )
                if went:
                    if in_flight is not None:
                        in_flight.append(ticket)
                    self.granted += 1
                    self.history.append((now, asked, ticket))
                    return now - start
                waited = now - start
                if timeout is not None and waited >= timeout:
                    raise QueueTimeout(waited)
                if on_wait is not None and info != last:
                    last = info
                    on_wait(info)
                    continue  # the world may have moved while the page was drawn
                pause = min(max(wait, 0.001), self._poll)
                if timeout is not None:
                    pause = min(pause, max(0.001, timeout - waited))
                self.store.wait(generation, pause)
        except BaseException:
            # Gone (an error, a timeout, the user left the page): leave the queue so nobody waits on us.
            self._leave(ticket)
            raise

    def _step(
        self, values: list[Any], now: float, ticket: int, asked: dict[str, float], in_flight: list | None
    ) -> tuple[list[Any] | None, tuple[bool, float, Wait | None, float]]:
        """One look at the queue for ``ticket``: go (booked) or how long to wait, and its place."""
        state = _fresh(values[0])
        changed = self._prune(state, now)
        entry = next((e for e in state["queue"] if e[0] == ticket), None)
        if entry is None:  # dropped as stale (this server stalled for a while): back in line
            entry = [ticket, asked, now]
            state["queue"].append(entry)
            changed = True
        ahead, sharing = self._ahead(state, ticket)
        wait = self._wait_for(state, asked, ahead, now)
        if wait <= 0:
            state["queue"].remove(entry)
            if in_flight is None:
                for name, amount in asked.items():
                    state["log"].setdefault(name, []).append([now, amount])
            else:
                state["flight"].append([ticket, now, asked])
            return [state], (True, now, None, 0.0)
        if self._stale < math.inf and now - entry[2] > HEARTBEAT_S:
            entry[2] = now  # still here
            changed = True
        # Whole seconds: the page shows whole seconds, so it is only redrawn when that changes.
        info = Wait(place=sharing + 1, seconds=math.ceil(wait), paused=state["paused_until"] > now)
        return ([state] if changed else None), (False, now, info, wait)

    def finish(self, in_flight: list) -> None:
        """The calls booked with ``in_flight`` have returned: their minute starts now. Never raises: with a
        shared store that is away, it is written when the store answers again (counted until then)."""
        if not in_flight:
            return
        tickets = list(in_flight)
        in_flight.clear()

        def land(values: list[Any], now: float) -> tuple[list[Any] | None, None]:
            state = _fresh(values[0])
            flights = [f for f in state["flight"] if f[0] in tickets]
            for flight in flights:
                self._land(state, flight, now)
            return ([state] if flights else None), None

        self.store.later(lambda: self.store.transact([self._key], land, ttl=STATE_TTL_S))

    def pause(self, seconds: float) -> None:
        """The server said 429: nobody sends for ``seconds`` (on every replica, with a shared store)."""

        def hold(values: list[Any], now: float) -> tuple[list[Any], None]:
            state = _fresh(values[0])
            state["paused_until"] = max(float(state["paused_until"]), now + max(0.0, seconds))
            return [state], None

        self.store.transact([self._key], hold, ttl=STATE_TTL_S)
        self.paused += 1

    def queue_length(self) -> int:
        """Calls waiting now (on every replica, with a shared store)."""

        def count(values: list[Any], now: float) -> tuple[list[Any] | None, int]:
            state = _fresh(values[0])
            changed = self._prune(state, now)
            return ([state] if changed else None), len(state["queue"])

        return self.store.transact([self._key], count, ttl=STATE_TTL_S)
