"""Classroom mode in lib: budgets, the shared rate limiter (with 50 threads at once), 429 retries over real
HTTP, the configuration, and safe mode against the spec mock."""

from __future__ import annotations

import threading
import time

import openai
import pytest

from lib import classroom
from lib.classroom import (
    Amounts,
    BudgetExceeded,
    Ledger,
    LimitedClient,
    Limits,
    QueueTimeout,
    RateLimiter,
    RequestTooLarge,
    moderation,
    reserve,
)
from lib.messages import user_message
from tests.harness.fault_server import FaultServer, Reply, SSEReply, chat_chunks, flagged


def run_threads(count: int, target) -> list:
    """Start ``count`` threads on ``target(i)`` behind one barrier (so they really arrive together)."""
    results: list = [None] * count
    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def work(i: int) -> None:
        barrier.wait()
        try:
            results[i] = target(i)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread never finished (starved or deadlocked)"
    assert not errors, errors
    return results


# --- budgets --------------------------------------------------------------------------------------------


def test_a_booking_is_settled_with_what_was_really_used_or_refunded() -> None:
    ledger = Ledger(Limits(requests=5, tokens=1000, images=2, audio_minutes=3))
    booking = reserve([ledger], Amounts(requests=1, tokens=800))
    assert ledger.used() == Amounts(requests=1, tokens=800)
    booking.settle(Amounts(requests=1, tokens=120))
    assert ledger.used() == Amounts(requests=1, tokens=120)
    reserve([ledger], Amounts(requests=1, images=2)).refund()
    assert ledger.used() == Amounts(requests=1, tokens=120)
    assert ledger.remaining() == Amounts(requests=4, tokens=880, images=2, audio_minutes=3)


def test_over_a_limit_nothing_is_booked_anywhere() -> None:
    session = Ledger(Limits(requests=10, tokens=100, images=1, audio_minutes=1))
    day = Ledger(Limits(requests=10, tokens=1000, images=0, audio_minutes=1), scope="day", zone="Asia/Seoul")
    reserve([session, day], Amounts(requests=1, tokens=60))
    with pytest.raises(BudgetExceeded) as over:
        reserve([session, day], Amounts(requests=1, tokens=50))
    assert (over.value.resource, over.value.scope, over.value.used, over.value.limit) == (
        "tokens",
        "session",
        60,
        100,
    )
    with pytest.raises(BudgetExceeded) as none:
        reserve([session, day], Amounts(requests=1, images=1))
    assert none.value.scope == "day"  # the day allows no images at all
    assert session.used() == day.used() == Amounts(requests=1, tokens=60)  # the failed bookings left no trace
    text = user_message(none.value, "en").text
    assert "today" in text and "images" in text and "Asia/Seoul" in text
    assert "이미지" in user_message(none.value, "ko").text


def test_fifty_sessions_booking_at_once_get_exactly_the_day_limit() -> None:
    day = Ledger(Limits(requests=30, tokens=10_000, images=30, audio_minutes=0), scope="day")
    sessions = [Ledger(Limits(requests=2, tokens=1000, images=1, audio_minutes=0)) for _ in range(50)]

    def book(i: int) -> bool:
        try:
            reserve([sessions[i], day], Amounts(requests=1, images=1, tokens=7))
        except BudgetExceeded:
            return False
        return True

    granted = run_threads(50, book)
    assert sum(granted) == 30  # exactly the limit: no overshoot, no lost booking
    assert day.used() == Amounts(requests=30, tokens=210, images=30)
    assert sum(s.used().requests for s in sessions) == 30


def test_the_day_starts_again_and_survives_a_restart(tmp_path) -> None:
    today = ["2026-11-28"]
    path = tmp_path / "day.json"
    limits = Limits(requests=3, tokens=0, images=0, audio_minutes=0)
    day = Ledger(limits, scope="day", period=lambda: today[0], path=path)
    reserve([day], Amounts(requests=2))
    assert Ledger(limits, scope="day", period=lambda: today[0], path=path).used().requests == 2  # restart
    assert "sk-" not in path.read_text()  # counts only
    today[0] = "2026-11-29"
    assert day.used() == Amounts()
    reserve([day], Amounts(requests=3))
    path.write_text("{not json")
    assert Ledger(limits, scope="day", period=lambda: today[0], path=path).used() == Amounts()


# --- the rate limiter -----------------------------------------------------------------------------------


def max_in_window(stamps: list[float], window: float) -> int:
    stamps = sorted(stamps)
    best, lo = 0, 0
    for hi, stamp in enumerate(stamps):
        while stamp - stamps[lo] >= window:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


def test_fifty_threads_never_exceed_the_rate_none_starves_and_order_is_kept() -> None:
    window, rate = 0.5, 10
    limiter = RateLimiter({"requests": rate}, window=window, poll=0.05)
    granted: list[tuple[float, int]] = []
    arrivals: list[int] = []
    lock = threading.Lock()

    def call(i: int) -> float:
        time.sleep(0.002 * i)  # arrive in a known order, close together
        with lock:
            arrivals.append(i)
        waited = limiter.acquire({"requests": 1})
        with lock:
            granted.append((time.monotonic(), i))
        return waited

    started = time.monotonic()
    waits = run_threads(50, call)
    elapsed = time.monotonic() - started
    assert len(granted) == limiter.granted == 50  # everybody went, exactly once
    # At the limiter's own clock (when it booked each call): never more than the rate in any window.
    assert max_in_window([t for t, _, _ in limiter.history], window) <= rate
    assert elapsed >= (50 / rate - 1) * window  # it really held them back (4 full windows)
    assert elapsed < 50 / rate * window + 2.0  # and let them go as soon as allowed
    # First come (the limiter's ticket), first served: a later call may only go in the same instant as an
    # earlier one (two places freed at once, the later thread woke first), never take its place.
    by_ticket = sorted((ticket, t) for t, _, ticket in limiter.history)
    latest = 0.0
    for _, granted_at in by_ticket:
        assert granted_at >= latest - window / 2  # a late wake-up, not a window taken from it
        latest = max(latest, granted_at)
    assert sorted(arrivals) == list(range(50))
    assert max(waits) >= 4 * window * 0.9


def test_tokens_and_requests_are_limited_together() -> None:
    limiter = RateLimiter({"requests": 100, "tokens": 1000}, window=0.4, poll=0.02)
    stamps: list[tuple[float, int]] = []
    lock = threading.Lock()

    def call(i: int) -> None:
        tokens = 150 + 10 * (i % 5)
        limiter.acquire({"requests": 1, "tokens": tokens})
        with lock:
            stamps.append((time.monotonic(), tokens))

    run_threads(50, call)
    booked = sorted((t, a["tokens"], a["requests"]) for t, a, _ in limiter.history)
    for t0, _, _ in booked:
        assert sum(tok for t, tok, _ in booked if t0 <= t < t0 + 0.4) <= 1000
    assert len(stamps) == len(booked) == 50
    assert sum(tok for _, tok, _ in booked) == sum(tok for _, tok in stamps)  # exact counts


def test_a_call_larger_than_a_minute_allows_is_refused_at_once() -> None:
    limiter = RateLimiter({"tokens": 1000})
    with pytest.raises(RequestTooLarge) as exc:
        limiter.acquire({"tokens": 5000})
    assert "1,000" in user_message(exc.value, "en").text
    assert limiter.queue_length() == 0


def test_a_waiting_call_sees_its_place_and_leaves_the_queue_on_timeout() -> None:
    limiter = RateLimiter({"requests": 1}, window=30, poll=0.02)
    limiter.acquire({"requests": 1})  # the window is now full for 30 s
    seen: list[classroom.Wait] = []
    holder = threading.Thread(target=lambda: _quietly(limiter, 1.0))
    holder.start()
    time.sleep(0.1)  # the holder is first in line
    with pytest.raises(QueueTimeout):
        limiter.acquire({"requests": 1}, on_wait=seen.append, timeout=0.3)
    holder.join()
    assert seen and seen[0].place == 2 and 25 < seen[0].seconds <= 60
    assert limiter.queue_length() == 0  # both left: a dead waiter never blocks the others
    assert "Nothing was sent" in user_message(QueueTimeout(0.3), "en").text


def _quietly(
    limiter: RateLimiter, timeout: float, asked: dict | None = None, seen: list | None = None
) -> None:
    with pytest.raises(QueueTimeout):
        limiter.acquire(
            asked or {"requests": 1}, timeout=timeout, on_wait=None if seen is None else seen.append
        )


def test_a_pause_after_a_429_holds_everybody() -> None:
    limiter = RateLimiter({"requests": 100}, window=1, poll=0.02)
    limiter.pause(0.4)
    seen: list[classroom.Wait] = []
    waited = limiter.acquire({"requests": 1}, on_wait=seen.append)
    assert waited >= 0.35 and seen and seen[0].paused


# --- the limited client, over real HTTP -----------------------------------------------------------------


def limited(server: FaultServer, limiter: RateLimiter | None = None) -> LimitedClient:
    client = openai.OpenAI(api_key="sk-test-classroom", base_url=server.url, max_retries=2)
    return LimitedClient(client, limiter or RateLimiter({"requests": 100, "tokens": 100_000, "images": 10}))


def test_a_429_is_retried_after_the_servers_time_and_the_student_gets_the_answer() -> None:
    rate_limited = Reply(
        429,
        {"error": {"message": "Rate limit reached", "code": "rate_limit_exceeded"}},
        {"retry-after-ms": "300"},
    )
    ok = SSEReply(chat_chunks(["Hel", "lo"], usage=(5, 2)))
    with FaultServer(
        ok, routes={"/v1/chat/completions": [rate_limited, rate_limited, ok]}
    ).running() as server:
        client = limited(server)
        started = time.monotonic()
        stream = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}], stream=True, max_tokens=16
        )
        text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
        elapsed = time.monotonic() - started
    assert text == "Hello"
    assert client.retries == 2 and len(server.requests) == 3  # ours only: the SDK's own retries are off
    assert elapsed >= 0.55  # waited the server's 300 ms twice


def test_out_of_credit_and_long_waits_are_not_retried() -> None:
    quota = Reply(
        429, {"error": {"message": "You exceeded your current quota", "code": "insufficient_quota"}}
    )
    with FaultServer(quota).running() as server:
        with pytest.raises(openai.RateLimitError):
            limited(server).images.generate(model="dall-e-2", prompt="a fox", n=1)
        assert len(server.requests) == 1
    long_wait = Reply(429, {"error": {"message": "slow down"}}, {"retry-after": "600"})
    with FaultServer(long_wait).running() as server:
        with pytest.raises(openai.RateLimitError) as exc:
            limited(server).images.generate(model="dall-e-2", prompt="a fox", n=1)
        assert len(server.requests) == 1
    assert "600 s" in user_message(exc.value, "en").text


def test_image_calls_count_images_against_the_limiter() -> None:
    limiter = RateLimiter({"requests": 100, "images": 3}, window=30)
    body = {"created": 0, "data": [{"b64_json": ""}]}
    with FaultServer(Reply(200, body)).running() as server:
        client = limited(server, limiter)
        client.images.generate(model="dall-e-2", prompt="a fox", n=2)
        with pytest.raises(QueueTimeout):
            client._limiter.acquire({"images": 2}, timeout=0.1)
    assert limiter.granted == 1


# --- configuration --------------------------------------------------------------------------------------


def test_configuration_from_secrets_with_safe_defaults() -> None:
    assert classroom.load_config({}) == classroom.Config()
    config = classroom.load_config(
        {
            "classroom": {
                "safe_mode": "false",
                "requests_per_minute": 20,
                "tokens_per_minute": "oops",
                "timezone": "Asia/Seoul",
                "session": {"images": 2, "tokens": -5},
                "day": {"audio_minutes": 12.5},
            }
        }
    )
    assert config.safe_mode is False and config.enabled is True
    assert config.requests_per_minute == 20 and config.tokens_per_minute == classroom.DEFAULT_RATES["tokens"]
    assert config.session.images == 2 and config.session.tokens == 0  # never "unlimited" by mistake
    assert config.session.requests == classroom.DEFAULT_SESSION.requests
    assert config.day.audio_minutes == 12.5
    assert len(config.today()) == 10
    assert classroom.applies(config, "secrets") and classroom.applies(config, "environment")
    assert not classroom.applies(config, "sidebar")  # a student's own key: their money, no class limits
    assert not classroom.applies(classroom.load_config({"classroom": {"enabled": False}}), "secrets")


# --- safe mode ------------------------------------------------------------------------------------------


@pytest.mark.prism
def test_the_moderation_request_matches_the_spec(prism) -> None:
    client = openai.OpenAI(api_key="sk-test-moderation", base_url=prism.url, max_retries=0)
    mark = prism.mark()
    verdict = moderation.check(client, ["a picture of a cat", "안녕하세요"])
    assert all("✔" in v for v in prism.verdicts(since=mark)), prism.verdicts(since=mark)
    # The spec's example flags every category: folded into the groups a class understands.
    assert verdict.flagged and verdict.groups == (
        "harassment",
        "hate",
        "illicit",
        "self_harm",
        "sexual",
        "violence",
    )


def test_a_flagged_input_gets_a_short_kind_explanation_in_both_languages() -> None:
    with FaultServer(
        Reply(500), routes={"/v1/moderations": flagged("violence", "self-harm/intent")}
    ).running() as s:
        client = openai.OpenAI(api_key="sk-test", base_url=s.url, max_retries=0)
        verdict = moderation.check(client, "some text")
        assert moderation.check(client, ["", "  "]) == moderation.Verdict(
            False
        )  # nothing to check: no request
        assert len(s.requests) == 1
    assert verdict.groups == ("self_harm", "violence")
    en, ko = moderation.refusal(verdict, "en"), moderation.refusal(verdict, "ko")
    assert "self-harm, violence" in en and "someone you trust" in en
    assert "자해, 폭력" in ko and "선생님" in ko


def test_the_documented_example_shows_the_real_defaults() -> None:
    """The commented ``[classroom]`` tables of secrets.toml.example, uncommented, are exactly the defaults."""
    import re
    import tomllib
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / ".streamlit" / "secrets.toml.example").read_text("utf-8")
    lines = [re.sub(r"^# ", "", line) for line in text[text.index("# [classroom]") :].splitlines()]
    table = tomllib.loads("\n".join(line for line in lines if re.match(r"^(\[|[a-z_]+ = )", line)))[
        "classroom"
    ]
    assert set(table) >= {"session", "day", "safe_mode", "requests_per_minute"}
    assert classroom.load_config({"classroom": table}) == classroom.Config()


def test_a_chat_call_does_not_wait_behind_images_held_by_the_images_limit() -> None:
    limiter = RateLimiter({"requests": 100, "images": 2}, window=30, poll=0.02)
    limiter.acquire({"requests": 1, "images": 2})  # the images of this window are used up
    seen: list[classroom.Wait] = []
    waiter = threading.Thread(target=lambda: _quietly(limiter, 1.0, {"requests": 1, "images": 1}, seen))
    waiter.start()
    time.sleep(0.1)  # an image call is now waiting
    started = time.monotonic()
    limiter.acquire({"requests": 1, "tokens": 0})  # a chat call: requests only
    assert time.monotonic() - started < 0.2
    # but a second image call queues behind the first one, and is told so
    later: list[classroom.Wait] = []
    with pytest.raises(QueueTimeout):
        limiter.acquire({"requests": 1, "images": 1}, on_wait=later.append, timeout=0.2)
    waiter.join()
    assert seen[0].place == 1 and 25 <= seen[0].seconds <= 30
    assert later[0].place == 2 and 25 <= later[0].seconds <= 30  # both fit when the window frees


class Leave(BaseException):
    """A student leaving the page mid-wait (Streamlit stops a script with a BaseException too)."""


def test_the_estimate_counts_the_calls_ahead() -> None:
    clock = [0.0]
    limiter = RateLimiter({"requests": 2}, window=60, clock=lambda: clock[0], poll=0.01)
    limiter.acquire({"requests": 2})
    limiter._enqueue({"requests": 2})  # two calls' worth already waiting ahead (another session)
    clock[0] = 10.0
    seen: list[classroom.Wait] = []

    def look(wait: classroom.Wait) -> None:  # the clock stands still: leave after the first notice
        seen.append(wait)
        raise Leave

    with pytest.raises(Leave):
        limiter.acquire({"requests": 1}, on_wait=look)
    assert limiter.queue_length() == 1  # we left the queue; the call ahead still waits
    # the window frees at 60 s (for the two ahead); this call needs the next window: 110 s from now
    assert seen[0].seconds == 110


def test_a_calls_minute_starts_when_it_returned_not_when_it_was_granted() -> None:
    clock = [0.0]
    limiter = RateLimiter({"requests": 1}, window=60, clock=lambda: clock[0], poll=0.01)
    booked: list = []
    limiter.acquire({"requests": 1}, in_flight=booked)
    clock[0] = 5.0  # the call took 5 s (a slow network, a loaded server): still counted while in flight
    with pytest.raises(QueueTimeout):
        limiter.acquire({"requests": 1}, timeout=0.0)
    limiter.finish(booked)
    clock[0] = 61.0  # a minute after the grant, but not after the return
    with pytest.raises(QueueTimeout):
        limiter.acquire({"requests": 1}, timeout=0.0)
    clock[0] = 65.0
    assert limiter.acquire({"requests": 1}) == 0.0
