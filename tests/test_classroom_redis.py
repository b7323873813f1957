"""Classroom mode across several app processes on a real ``redis-server``: budgets booked at once by several
processes stop at exactly the limit, the limiter across three processes never lets more than the rate through
in any window and keeps its queue in arrival order, a 429's pause holds every process, and a Redis that is
killed (or stalls) stops paid calls with the clear message, overshoots nothing and loses nothing when it is
back. The pages: the setting picks the store, a second replica sees the first one's day, a dead Redis leaves
the free tools working."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lib import classroom
from lib.classroom import (
    Amounts,
    BudgetExceeded,
    Ledger,
    Limits,
    RateLimiter,
    RedisStore,
    StoreUnavailable,
    reserve,
)
from lib.messages import user_message
from tests.harness import IN_CI, RedisServer, redis_binary

DAY = "2026-12-02"
QUEUE_WINDOW_S = 2.0
SPAWN = multiprocessing.get_context("spawn")  # fresh interpreters, as separate app servers are


@pytest.fixture
def redis(tmp_path: Path) -> Iterator[RedisServer]:
    """A ``redis-server`` of this test's own on a free port (installed by .ci/run)."""
    if redis_binary() is None:
        if IN_CI:
            pytest.fail("redis-server is not installed (.ci/run installs it)")
        pytest.skip("redis-server is not installed: apt-get install redis-server")
    server = RedisServer(tmp_path / "redis").start()
    try:
        yield server
    finally:
        server.stop()


def prefix() -> str:
    return f"test:{uuid.uuid4().hex[:8]}:"


def in_processes(
    target: Callable, args: list[tuple], timeout: float = 90, before: Callable[[], None] = lambda: None
) -> list:
    """Run ``target(*a, gate, results)`` in one new process per ``a``, all let go together once each has
    called ``ready(gate)`` (and ``before`` ran); what each put in ``results``."""
    results, gate = SPAWN.Queue(), (SPAWN.Queue(), SPAWN.Event())
    procs = [SPAWN.Process(target=target, args=(*a, gate, results)) for a in args]
    for proc in procs:
        proc.start()
    out = []
    try:
        for _ in procs:
            gate[0].get(timeout=timeout)
        before()
        gate[1].set()
        for _ in procs:
            out.append(results.get(timeout=timeout))
    finally:
        for proc in procs:
            proc.join(timeout=10)
            if proc.is_alive():
                proc.kill()
    return out


def ready(gate) -> float:
    """In a worker: say it is ready, wait for the others; the time it was let go."""
    gate[0].put(os.getpid())
    gate[1].wait(60)
    return time.time()


def _threads(count: int, work: Callable[[int], object]) -> list:
    found: list = [None] * count
    threads = [threading.Thread(target=lambda i=i: found.__setitem__(i, work(i))) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return found


# --- budgets --------------------------------------------------------------------------------------------


def _book(url: str, keys: str, gate, results) -> None:
    store = RedisStore(url, prefix=keys)
    day = Ledger(
        Limits(requests=30, tokens=10_000), scope="day", store=store, name="class", period=lambda: DAY
    )
    sessions = [
        Ledger(Limits(requests=2, tokens=1000), store=store, name=f"{os.getpid()}-{i}", period=lambda: DAY)
        for i in range(12)
    ]

    barrier = threading.Barrier(len(sessions))

    def book(i: int) -> bool:
        barrier.wait()
        try:
            reserve([sessions[i], day], Amounts(requests=1, tokens=7))
        except BudgetExceeded:
            return False
        return True

    ready(gate)  # every process starts together
    results.put(sum(_threads(len(sessions), book)))


def test_four_processes_booking_at_once_get_exactly_the_day_limit(redis: RedisServer) -> None:
    keys = prefix()
    granted = in_processes(_book, [(redis.url, keys)] * 4)
    assert sum(granted) == 30  # 48 asked at once across four processes: exactly the limit, none lost
    # Each process asks for 12, so 30 means at least three of them were granted some: they really competed
    # (which ones lose is up to the scheduler: a process that wakes last may get none).
    assert len(granted) == 4 and max(granted) <= 12 and sum(count > 0 for count in granted) >= 3
    day = Ledger(Limits(requests=30), scope="day", store=RedisStore(redis.url, prefix=keys), name="class")
    day._period = lambda: DAY
    assert day.used() == Amounts(requests=30, tokens=210)


def test_a_booking_is_settled_in_redis_and_keys_hold_no_names_in_clear(redis: RedisServer) -> None:
    import redis as redis_client

    store = RedisStore(redis.url, prefix=prefix())
    accounts = classroom.AccountLedgers(store)
    mine = accounts.ledger(
        "student@example.org", Limits(requests=5, tokens=100), period=lambda: DAY, zone="UTC"
    )
    booking = reserve([mine], Amounts(requests=1, tokens=90))
    with pytest.raises(BudgetExceeded):
        reserve([mine], Amounts(requests=1, tokens=20))
    booking.settle(Amounts(requests=1, tokens=12))
    # another replica (its own objects, the same Redis) sees the settled counts
    again = classroom.AccountLedgers(RedisStore(redis.url, prefix=store.prefix))
    assert again.ledger(
        "student@example.org", Limits(requests=5, tokens=100), period=lambda: DAY, zone="UTC"
    ).used() == Amounts(requests=1, tokens=12)
    names = [k.decode() for k in redis_client.Redis.from_url(redis.url).keys("*")]
    assert names and not any("student" in name or "example.org" in name for name in names)


# --- the limiter ----------------------------------------------------------------------------------------


def max_in_window(stamps: list[float], window: float) -> int:
    stamps = sorted(stamps)
    best, lo = 0, 0
    for hi, stamp in enumerate(stamps):
        while stamp - stamps[lo] >= window:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


def _acquire(url: str, keys: str, rate: int, window: float, calls: int, gate, results) -> None:
    limiter = RateLimiter({"requests": rate}, window=window, poll=0.05, store=RedisStore(url, prefix=keys))
    ready(gate)
    _threads(calls, lambda i: limiter.acquire({"requests": 1}))
    results.put([(stamp, ticket) for stamp, _, ticket in limiter.history])


def test_three_processes_never_pass_more_than_the_rate_in_any_window(redis: RedisServer) -> None:
    keys, window, rate = prefix(), 1.0, 5
    grants = in_processes(_acquire, [(redis.url, keys, rate, window, 10)] * 3)
    stamps = [stamp for process in grants for stamp, _ in process]  # Redis's clock, when each was booked
    tickets = [ticket for process in grants for _, ticket in process]
    assert len(stamps) == 30 and sorted(tickets) == list(range(30))  # each went once; one queue for all
    assert max_in_window(stamps, window) == rate  # the rate, and never more, in any window of all three
    assert max(stamps) - min(stamps) >= (30 / rate - 1) * window * 0.98  # held back: 5 windows
    assert max(stamps) - min(stamps) < 30 / rate * window + 4.0  # and let go as soon as allowed


def _queued(url: str, keys: str, offsets: list[float], gate, results) -> None:
    limiter = RateLimiter(
        {"requests": 1}, window=QUEUE_WINDOW_S, poll=0.05, store=RedisStore(url, prefix=keys)
    )
    go = ready(gate)
    arrivals = [go + offset for offset in offsets]

    def call(i: int) -> tuple[float, float, int, int]:
        seen: list[classroom.Wait] = []
        booked: list = []
        time.sleep(max(0.0, arrivals[i] - time.time()))
        limiter.acquire({"requests": 1}, on_wait=seen.append, in_flight=booked)
        ticket = booked[0]
        limiter.finish(booked)
        stamp = next(at for at, _, t in limiter.history if t == ticket)
        return arrivals[i], stamp, ticket, seen[0].place if seen else 0

    results.put(_threads(len(arrivals), call))


def test_the_queue_keeps_arrival_order_and_places_across_processes(redis: RedisServer) -> None:
    keys = prefix()
    first = RateLimiter({"requests": 1}, window=QUEUE_WINDOW_S, store=RedisStore(redis.url, prefix=keys))
    # Six calls join 0.1 s apart, alternating over three processes, while the window is full.
    plan = [[0.1 * (1 + p + 3 * k) for k in range(2)] for p in range(3)]
    found = in_processes(
        _queued,
        [(redis.url, keys, offsets) for offsets in plan],
        before=lambda: first.acquire({"requests": 1}),  # ticket 0: the window is now full
    )
    rows = sorted((ticket, stamp, place) for process in found for _, stamp, ticket, place in process)
    assert [ticket for ticket, _, _ in rows] == [1, 2, 3, 4, 5, 6]  # one numbering for every process
    # The place each was told is its place in the one queue, whichever process it waited in.
    assert [place for _, _, place in rows] == [1, 2, 3, 4, 5, 6]
    granted = [stamp for _, stamp, _ in rows]
    assert granted == sorted(granted)  # served in the order they joined
    assert all(later - earlier >= QUEUE_WINDOW_S * 0.98 for earlier, later in itertools.pairwise(granted))


def test_a_429_pause_holds_every_process(redis: RedisServer) -> None:
    keys = prefix()
    one = RateLimiter({"requests": 100}, window=1, poll=0.05, store=RedisStore(redis.url, prefix=keys))
    other = RateLimiter({"requests": 100}, window=1, poll=0.05, store=RedisStore(redis.url, prefix=keys))
    one.pause(0.6)  # the server told one replica to wait
    seen: list[classroom.Wait] = []
    waited = other.acquire({"requests": 1}, on_wait=seen.append)
    assert waited >= 0.5 and seen and seen[0].paused


# --- when Redis goes away -------------------------------------------------------------------------------


def _keep_booking(url: str, keys: str, limit: int, gate, results) -> None:
    """Book one request (2 tokens asked, 1 used) after another until the day is spent; note each stop."""
    store = RedisStore(url, prefix=keys)
    day = Ledger(
        Limits(requests=limit, tokens=10_000), scope="day", store=store, name="class", period=lambda: DAY
    )
    limiter = RateLimiter({"requests": 10_000}, window=1, poll=0.05, store=store)
    ready(gate)
    booked, stops, deadline = 0, [], time.time() + 60
    while time.time() < deadline:
        try:
            booking = reserve([day], Amounts(requests=1, tokens=2))
        except BudgetExceeded:
            break
        except StoreUnavailable as exc:
            stops.append(user_message(exc, "en").text)
            time.sleep(0.05)
            continue
        try:
            in_flight: list = []
            limiter.acquire({"requests": 1}, in_flight=in_flight)
            time.sleep(0.01)  # the call
            limiter.finish(in_flight)
            booking.settle(Amounts(requests=1, tokens=1))
            booked += 1
        except StoreUnavailable as exc:
            stops.append(user_message(exc, "en").text)
            booking.refund()  # nothing sent: written when Redis is back
    store._flush()
    results.put((booked, stops, store.pending()))


def test_redis_killed_mid_run_stops_paid_calls_clearly_and_overshoots_nothing(redis: RedisServer) -> None:
    keys, limit = prefix(), 120
    results, gate = SPAWN.Queue(), (SPAWN.Queue(), SPAWN.Event())
    procs = [
        SPAWN.Process(target=_keep_booking, args=(redis.url, keys, limit, gate, results)) for _ in range(3)
    ]
    for proc in procs:
        proc.start()
    for _ in procs:
        gate[0].get(timeout=60)
    gate[1].set()
    probe = Ledger(
        Limits(requests=limit), scope="day", store=RedisStore(redis.url, prefix=keys), name="class"
    )
    probe._period = lambda: DAY
    deadline = time.time() + 30
    while time.time() < deadline and probe.used().requests < limit // 3:
        time.sleep(0.05)
    redis.kill()  # mid-run: bookings and settlements in flight
    with pytest.raises(StoreUnavailable):
        probe.used()
    time.sleep(1.5)
    redis.start()  # the same folder: what was written is still there
    outcomes = [results.get(timeout=90) for _ in procs]
    for proc in procs:
        proc.join(timeout=10)
    booked = sum(n for n, _, _ in outcomes)
    stops = [text for _, texts, _ in outcomes for text in texts]
    assert stops, "no process noticed Redis was gone"
    assert all("cannot reach its shared record" in text and "nothing was sent" in text for text in stops)
    assert all(pending == 0 for _, _, pending in outcomes)  # every settlement written once it was back
    used = probe.used()
    assert used.requests == limit == booked  # exactly the limit: no overshoot, and no booking lost
    assert used.tokens == booked  # each settled to what it used (1), including those settled late


def test_a_stalled_redis_stops_paid_calls_within_a_second_and_they_resume(redis: RedisServer) -> None:
    store = RedisStore(redis.url, prefix=prefix(), timeout=0.5)
    day = Ledger(Limits(requests=5), scope="day", store=store, name="class", period=lambda: DAY)
    reserve([day], Amounts(requests=1))
    redis.pause()
    try:
        started = time.monotonic()
        with pytest.raises(StoreUnavailable) as stop:
            reserve([day], Amounts(requests=1))
        assert time.monotonic() - started < 1.5  # no silent retries: the student hears at once
        assert stop.value.reason == "timeout"
        assert "redis://" not in str(stop.value) and str(redis.port) not in str(stop.value)
        started = time.monotonic()
        with pytest.raises(StoreUnavailable):
            day.used()  # the sidebar's meter on the next page run: told at once, not after another timeout
        assert time.monotonic() - started < 0.2
    finally:
        redis.resume()
    fresh = Ledger(
        Limits(requests=5), scope="day", store=RedisStore(redis.url, prefix=store.prefix), name="class"
    )
    fresh._period = lambda: DAY
    time.sleep(0.2)
    assert fresh.used().requests <= 2  # the stalled booking either landed whole or not at all
    reserve([fresh], Amounts(requests=1))


def test_the_setting_picks_the_store_and_never_shows_its_address() -> None:
    assert classroom.load_config({}).store is None  # the default: this process, nothing new to set up
    url = "redis://:hunter2@10.0.0.5:6379/0"
    from_secrets = classroom.load_config({"classroom": {"store": url}})
    from_env = classroom.load_config({}, {"PLAYGROUND_REDIS_URL": url})
    assert from_secrets.store.reveal() == from_env.store.reveal() == url
    assert "hunter2" not in repr(from_secrets) and "10.0.0.5" not in repr(from_secrets)
    assert "hunter2" not in repr(classroom.open_store(url))
    assert isinstance(classroom.open_store(None), classroom.MemoryStore)
    wrong = classroom.open_store("http://10.0.0.5:6379")  # not Redis: paid calls stop, never unlimited
    with pytest.raises(StoreUnavailable):
        reserve([Ledger(Limits(requests=5), store=wrong, name="x")], Amounts(requests=1))


def test_the_stop_is_worded_in_both_languages() -> None:
    en, ko = user_message(StoreUnavailable(), "en"), user_message(StoreUnavailable(), "ko")
    assert en.kind == ko.kind == "class_store"
    assert "nothing was sent" in en.text and "need no key keep working" in en.text and "kept" in en.text
    assert "보내지 않았습니다" in ko.text and "그대로" in ko.text


# --- the pages ------------------------------------------------------------------------------------------


def page_secrets(url: str, store: str, **classroom_table) -> dict:
    return {
        "OPENAI_API_KEY": "sk-proj-classSECRET0123456789abcdef",
        "OPENAI_BASE_URL": url,
        "PLAYGROUND_PROVIDER": "openai",
        "classroom": {"store": store, **classroom_table},
    }


def test_a_second_replica_books_against_the_first_ones_day(redis: RedisServer) -> None:
    from tests.apptest_helpers import open_page
    from tests.harness.fault_server import FaultServer, SSEReply, chat_chunks
    from tests.test_classroom_pages import CHAT, MODELS, paid, send, sidebar_text
    from ui import classroom as class_ui

    reply = SSEReply(chat_chunks(["ok"], usage=(5, 1)))
    with FaultServer(reply, routes={"/v1/models": MODELS}).running() as server:
        settings = page_secrets(server.url, redis.url, day={"requests": 1})
        first = send(open_page(CHAT, settings), "first student, first server")
        class_ui.reset()  # another server process: nothing shared in memory, the same Redis
        second = send(open_page(CHAT, settings), "second student, second server")
        assert len(paid(server, "/v1/responses")) == 1
    assert first.session_state["chat_conversation"].turns[-1].content == "ok"
    assert "the class's limit for requests today (1)" in second.warning[0].value
    assert "Requests: 0 of 1 left" in sidebar_text(second)


def test_redis_down_stops_paid_calls_kindly_free_tools_work_and_it_comes_back(redis: RedisServer) -> None:
    from tests.apptest_helpers import everything_shown, open_page
    from tests.harness.fault_server import FaultServer, SSEReply, chat_chunks
    from tests.test_classroom_pages import CHAT, MODELS, paid, send, sidebar_text

    reply = SSEReply(chat_chunks(["ok"], usage=(5, 1)))
    with FaultServer(reply, routes={"/v1/models": MODELS}).running() as server:
        at = send(open_page(CHAT, page_secrets(server.url, redis.url)), "before")
        assert "Requests: 29 of 30 left" in sidebar_text(at)
        redis.kill()
        send(at, "while it is down")
        assert len(paid(server, "/v1/responses")) == 1  # nothing sent: never "unlimited"
        assert "cannot reach its shared record" in at.error[0].value
        assert at.session_state["chat_conversation"].unsent == "while it is down"  # kept
        assert "shared record cannot be reached" in sidebar_text(at)
        assert "redis://" not in everything_shown(at) and str(redis.port) not in everything_shown(at)
        at.switch_page("app_pages/tokenizer.py").run()  # a free tool: works as ever
        assert not at.exception and not at.error
        redis.start()  # back, with what it had written
        at.switch_page(CHAT).run()
        send(at, "while it is down")
        assert len(paid(server, "/v1/responses")) == 2
    assert at.session_state["chat_conversation"].turns[-1].content == "ok"
    assert "Requests: 28 of 30 left" in sidebar_text(at)  # the first booking survived the crash
