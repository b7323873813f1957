"""The conversation's state machine (lib.chat.Conversation): what the Chat page shows follows from it."""

from __future__ import annotations

import pytest

from lib.chat import Busy, Conversation, EmptyMessage, Turn


def reply(text: str, **kw) -> Turn:
    return Turn(role="assistant", content=text, model="gpt-4o-mini", **kw)


def test_a_reply_joins_the_history_with_its_message() -> None:
    c = Conversation()
    c.begin("Hi")
    assert c.phase == "sending" and c.in_flight
    c.streaming()
    c.finish(reply("Hello"))
    assert c.phase == "idle" and [(t.role, t.content) for t in c.turns] == [
        ("user", "Hi"),
        ("assistant", "Hello"),
    ]


def test_a_failed_send_adds_no_turn_keeps_the_message_once_and_one_send_again() -> None:
    c = Conversation([Turn("user", "a"), reply("b")])
    c.begin("second")
    c.fail("Wrong key.")
    assert len(c.turns) == 2 and c.phase == "failed"
    assert c.failure == "Wrong key." and c.unsent == "second"
    assert c.take_draft() == "second" and c.take_draft() is None  # back in the message box once
    # Sending again with the same bad key replaces the failure: errors never stack up.
    c.begin(c.unsent)
    c.fail("Wrong key.")
    assert c.failure == "Wrong key." and c.unsent == "second" and len(c.turns) == 2
    c.begin(c.unsent)
    c.finish(reply("ok"))
    assert c.failure is None and c.unsent is None and c.turns[-1].content == "ok"


def test_only_a_real_stop_is_called_a_stop() -> None:
    stopped = Conversation()
    stopped.begin("tell me")
    stopped.streaming()
    stopped.request_stop()  # the Stop button's callback
    stopped.cut(reply("Once upon"))
    stopped.settle_cut(reason="a new message was sent")
    assert stopped.turns[-1].status == "stopped" and stopped.turns[-1].content == "Once upon"
    assert stopped.phase == "stopped"

    # A new message (or a reload) while the answer streamed: the run was cut, but nobody pressed Stop.
    rerun = Conversation()
    rerun.begin("tell me")
    rerun.streaming()
    rerun.cut(reply("Once upon"))
    rerun.settle_cut(reason="a new message was sent")
    last = rerun.turns[-1]
    assert (
        last.status == "interrupted"
        and last.error == "a new message was sent"
        and last.content == "Once upon"
    )


def test_a_run_cut_before_any_word_gives_the_message_back() -> None:
    c = Conversation()
    c.begin("tell me")
    c.settle_cut(reason="the page was reloaded")
    assert c.turns == [] and c.unsent == "tell me" and c.take_draft() == "tell me"
    c.settle_cut(reason="again")  # nothing in flight: nothing happens
    assert c.turns == [] and c.phase == "failed"


def test_empty_busy_regenerate_and_clear() -> None:
    c = Conversation()
    with pytest.raises(EmptyMessage):
        c.begin("   ")
    assert c.phase == "idle" and c.regenerate() is None and c.regenerate_disabled
    c.begin("q")
    with pytest.raises(Busy):
        c.begin("another")
    c.finish(reply("a"))
    assert c.regenerate() == "q" and c.turns == []
    c.begin("q")
    c.fail("x")
    c.clear()
    assert (c.turns, c.phase, c.failure, c.unsent, c.draft) == ([], "idle", None, None, None)
