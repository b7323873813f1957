"""The paid-call path in lib: what a call will cost (``plan_cost``), what was sent, what to keep booked, the
retries shown while they happen, and the key's rate limits; over real HTTP where the SDK is involved."""

from __future__ import annotations

import openai
import pytest

from lib import chat, images
from lib.audio import transcription as tr
from lib.audio.languages import LanguageChoice
from lib.classroom import Amounts, LimitedClient, Retry, settlement, what_was_sent
from lib.core.http import rate_limits
from lib.messages import user_message
from tests.harness.fault_server import FaultServer, Reply, SSEReply, chat_chunks
from tests.media import JFK, jfk_video

VERBOSE = {"text": "part", "language": "english", "duration": 3.0, "segments": [], "words": []}


def sdk(server: FaultServer) -> openai.OpenAI:
    # The SDK's defaults (max_retries=2): LimitedClient must turn them off and retry in the open itself.
    return openai.OpenAI(api_key="sk-test-paid", base_url=server.url)


# --- what was sent, and what stays booked ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("issued", "completed", "failed", "cut", "sent"),
    [
        (0, 0, False, False, "nothing"),  # refused by a rule before anything went
        (1, 0, True, False, "nothing"),  # the server answered an error: not billed
        (1, 1, False, False, "all"),
        (3, 2, True, False, "partly"),  # a grid whose third image was refused
        (2, 1, False, True, "partly"),  # Stop while the second part of a recording was in flight
        (1, 0, False, True, "partly"),  # Stop mid-stream: the server is writing the answer
        (1, 1, False, True, "partly"),  # Stop after the last part answered, before the page finished
    ],
)
def test_what_was_sent(issued: int, completed: int, failed: bool, cut: bool, sent: str) -> None:
    assert what_was_sent(issued=issued, completed=completed, failed=failed, cut=cut) == sent


def test_a_stop_after_parts_were_sent_keeps_the_booking_it_does_not_refund_it() -> None:
    # Before the gateway, the Whisper page refunded on Stop although parts had gone to the server.
    asked = Amounts(requests=3, audio_minutes=30)
    sent = what_was_sent(issued=2, completed=1, failed=False, cut=True)
    assert settlement(asked, sent) == asked
    assert settlement(asked, "nothing") == Amounts()
    assert settlement(asked, "all", used=Amounts(requests=3, audio_minutes=29.5)).audio_minutes == 29.5


# --- plan_cost is the plan that is sent ------------------------------------------------------------------


def test_a_re_encoded_mov_books_the_parts_it_will_send(tmp_path) -> None:
    # A .mov is not a format the API takes: it is decoded and sent as WAV parts. The old booking,
    # 1 + size // PART_LIMIT_BYTES, said 1 request for any file under 24 MB.
    mov = jfk_video(tmp_path / "lesson.mov")
    limit = 120_000  # about 3.7 s of 16 kHz WAV a part, so 11 s of speech makes several parts
    planned = tr.plan_cost(mov, part_limit_bytes=limit)
    old_booking = 1 + mov.stat().st_size // limit
    assert old_booking < planned.requests
    with FaultServer(Reply(200, VERBOSE)).running() as server:
        options = tr.Options(languages=LanguageChoice(("en",)))
        done = tr.transcribe_api(sdk(server), mov, options, model="whisper-1", part_limit_bytes=limit)
        sent = len(server.paid)
    assert planned.requests == sent == done.parts > 1
    assert planned.audio_minutes == pytest.approx(done.duration / 60)


def test_a_file_the_api_takes_is_one_request() -> None:
    assert tr.plan_cost(JFK) == Amounts(requests=1, audio_minutes=tr.probe_media(JFK).duration / 60)


def test_chat_and_image_plans() -> None:
    messages = [{"role": "user", "content": "Hello!"}]
    assert chat.plan_cost(model="gpt-4o-mini", messages=messages, max_tokens=100) == Amounts(
        requests=1, tokens=9 + 100
    )
    batch = [
        images.build_request(model="dall-e-2", prompt="a fox", size="256x256", n=2),
        images.build_request(model="dall-e-2", prompt="a fox, golden hour", size="256x256", n=2),
    ]
    assert images.plan_cost(batch) == Amounts(requests=2, images=4)


# --- retries in the open ---------------------------------------------------------------------------------


def test_a_429_is_shown_while_it_is_waited_out_then_the_answer_comes() -> None:
    # Before: the SDK retried silently (retry-after 20 s twice: ~40 s of an empty bubble).
    wait = Reply(
        429, {"error": {"message": "Rate limit", "code": "rate_limit_exceeded"}}, {"retry-after": "2"}
    )
    ok = SSEReply(chat_chunks(["Hi"]))
    seen: list[Retry] = []
    with FaultServer(ok, routes={"/v1/chat/completions": [wait, ok]}).running() as server:
        client = LimitedClient(sdk(server), on_retry=seen.append)
        stream = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}], stream=True
        )
        text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
        requests = len(server.requests)
    assert text == "Hi" and requests == 2  # ours only: the SDK's own retries are off
    assert [r.seconds for r in seen] == [2, 1] and {(r.attempt, r.of, r.reason) for r in seen} == {
        (1, 3, "rate_limit")
    }
    assert client.issued == client.completed == 1


def test_a_server_error_is_retried_twice_in_the_open_then_reported() -> None:
    seen: list[Retry] = []
    with FaultServer(Reply(503, {"error": {"message": "overloaded"}})).running() as server:
        client = LimitedClient(sdk(server), on_retry=seen.append, sleep=lambda s: None)
        with pytest.raises(openai.InternalServerError) as info:
            client.images.generate(model="dall-e-2", prompt="a fox")
        assert len(server.requests) == 3
    assert {(r.attempt, r.reason) for r in seen} == {(1, "server"), (2, "server")}
    assert client.issued == 1 and client.completed == 0  # refused answers are not spent
    assert "(503)" in user_message(info.value, "en").text


def test_the_keys_rate_limits_are_read_from_the_headers() -> None:
    headers = {
        "x-ratelimit-limit-requests": "500",
        "x-ratelimit-remaining-requests": "499",
        "x-ratelimit-limit-tokens": "30000",
        "x-ratelimit-remaining-tokens": "29000",
        "x-ratelimit-reset-tokens": "2s",
    }
    with FaultServer(SSEReply(chat_chunks(["ok"]), headers=headers)).running() as server:
        client = LimitedClient(sdk(server))
        list(client.chat.completions.create(model="gpt-4o-mini", messages=[], stream=True))
    assert client.limits == rate_limits(headers)
    assert (client.limits.remaining_tokens, client.limits.limit_tokens, client.limits.reset_tokens) == (
        29000,
        30000,
        2.0,
    )


# --- wording ----------------------------------------------------------------------------------------------


def test_a_stream_cut_midway_is_not_called_unreachable() -> None:
    cut = SSEReply(chat_chunks(["The answer ", "is ", "forty"]), cut_after=3)
    with FaultServer(cut).running() as server:
        stream = chat.ChatStream(
            sdk(server),
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": "q"}],
            temperature=1,
            top_p=1,
            max_tokens=9,
        )
        assert "".join(stream) == "The answer is "
    message = user_message(stream.result.error, "en")
    assert message.kind == "stream_cut" and "Cannot reach" not in message.text
    assert isinstance(stream.result.error.cause, openai.APIConnectionError)


def test_a_413_says_413_and_too_large() -> None:
    too_large = Reply(413, {"error": {"message": "Body exceeded 10mb limit"}})
    with FaultServer(too_large).running() as server, pytest.raises(openai.APIStatusError) as info:
        LimitedClient(sdk(server)).audio.transcriptions.create(model="whisper-1", file=("a.wav", b"x"))
    text = user_message(info.value, "en").text
    assert "(413)" in text and "(400)" not in text and "larger than the server accepts" in text
