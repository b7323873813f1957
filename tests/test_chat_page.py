"""AppTest of the Chat page: streaming, presets, shots, the meter; every fault keeps the conversation."""

from __future__ import annotations

import json
import os

import pytest

from lib import chat
from tests.apptest_helpers import everything_shown, open_page
from tests.harness.fault_server import FaultServer, Reply, SSEReply, chat_chunks

PAGE = "app_pages/chat.py"
KEY = "sk-proj-chatSECRET0123456789abcdef"
MODELS = Reply(
    200,
    {
        "object": "list",
        "data": [
            {"id": m, "object": "model", "created": 0, "owned_by": "openai"}
            for m in ("gpt-4o-mini", "gpt-4", "text-embedding-3-small", "gpt-3.5-turbo")
        ],
    },
)


def app(url: str):
    at = open_page(
        PAGE, secrets={"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": url, "PLAYGROUND_PROVIDER": "openai"}
    )
    assert not at.exception, at.exception
    return at


def send(at, text: str):
    at.chat_input(key="chat_input").set_value(text).run(timeout=60)
    return at


def conversation(at) -> chat.Conversation:
    return at.session_state["chat_conversation"]


def turns(at) -> list[chat.Turn]:
    return conversation(at).turns


def test_a_streamed_reply_with_its_meter_and_the_model_list() -> None:
    reply = SSEReply(chat_chunks(["Hello", " there", "!"], usage=(21, 3)))
    with FaultServer(reply, routes={"/v1/models": MODELS}).running() as server:
        at = app(server.url)
        # The picker marks what each model can do: 👁 sees images, 🌐 searches the web.
        assert at.selectbox(key="keep.chat.model.openai").options == [
            "gpt-4o-mini 👁🌐",
            "gpt-3.5-turbo",
            "gpt-4 👁🌐",
        ]
        send(at, "Hi!")
        sent = json.loads(server.requests[-1].body)
    # Over the Responses API (OpenAI's own models); the conversation is not stored by the server.
    assert server.requests[-1].path == "/v1/responses" and sent["stream"] is True and sent["store"] is False
    assert sent["model"] == "gpt-4o-mini" and sent["input"][-1] == {"role": "user", "content": "Hi!"}
    assert [(t.role, t.content) for t in turns(at)] == [("user", "Hi!"), ("assistant", "Hello there!")]
    assert turns(at)[1].usage == chat.Usage(21, 3)
    assert any("in 21 · out 3 tokens" in c.value and "gpt-4o-mini" in c.value for c in at.caption)
    assert any(c.value.startswith("Session total: in 21 · out 3 tokens") for c in at.caption)
    assert KEY not in everything_shown(at)


def test_sentiment_preset_fills_system_prompt_and_shots_and_they_are_sent() -> None:
    with FaultServer(SSEReply(chat_chunks(["1, 1, 0"])), routes={"/v1/models": MODELS}).running() as server:
        at = app(server.url)
        at.selectbox(key="keep.chat.preset").set_value("sentiment").run()
        preset = chat.PRESETS["sentiment"].localized("en")
        assert at.text_area(key="keep.chat.system").value == preset.system
        assert any("few-shot" in c.value for c in at.caption)
        at.button(key="chat_sample").click().run(timeout=60)
        sent = json.loads(server.requests[-1].body)
    assert sent["instructions"] == preset.system  # the system prompt, as Responses takes it
    assert len(sent["input"]) == 1 + 2 * len(preset.shots)
    assert turns(at)[-1].content == "1, 1, 0"


def test_whitespace_only_message_is_refused() -> None:
    with FaultServer(SSEReply(chat_chunks(["x"])), routes={"/v1/models": MODELS}).running() as server:
        at = send(app(server.url), "   ")
        assert [r.path for r in server.requests] == ["/v1/models"]
    assert "empty message" in at.error[0].value and turns(at) == []


def test_a_message_over_the_context_is_stopped_before_sending_and_kept() -> None:
    with FaultServer(SSEReply(chat_chunks(["x"])), routes={"/v1/models": MODELS}).running() as server:
        at = app(server.url)
        at.selectbox(key="keep.chat.model.openai").set_value("gpt-4").run()
        send(at, "word " * 9000)
        assert [r.path for r in server.requests] == ["/v1/models"]
    assert "tokens over gpt-4's context of 8,192" in at.error[0].value
    assert conversation(at).unsent.startswith("word word")
    assert at.button(key="chat_resend")


@pytest.mark.parametrize(
    ("reply", "says"),
    [
        (Reply(401, {"error": {"message": f"Incorrect API key provided: {KEY}"}}), "rejected (401)"),
        (
            # Longer than the gateway waits in the open (120 s): told, not retried.
            Reply(429, {"error": {"message": "TPM", "code": "rate_limit_exceeded"}}, {"retry-after": "600"}),
            "600 s",
        ),
        (Reply(404, {"error": {"message": "The model does not exist", "code": "model_not_found"}}), "404"),
        (Reply(500, {"error": {"message": "boom"}}), "(500)"),
    ],
)
def test_faults_before_the_first_token_keep_the_conversation_and_the_draft(reply, says: str) -> None:
    first = SSEReply(chat_chunks(["First answer."]))
    with FaultServer(first, routes={"/v1/models": MODELS}).running() as server:
        at = send(app(server.url), "first question")
        server.reply = reply
        send(at, "second question")
    assert says in at.error[0].value and KEY not in at.error[0].value
    assert [t.content for t in turns(at)] == ["first question", "First answer."]
    assert conversation(at).unsent == "second question"


def test_a_stream_cut_halfway_keeps_the_partial_reply_marked_interrupted() -> None:
    cut = SSEReply(chat_chunks(["The answer ", "is ", "forty", "-two."]), cut_after=3)
    with FaultServer(cut, routes={"/v1/models": MODELS}).running() as server:
        at = send(app(server.url), "question")
    last = turns(at)[-1]
    assert last.status == "interrupted" and last.content == "The answer is "
    assert any("cut off" in w.value for w in at.warning)
    # The server was reached and began to answer: the warning must not say it could not be reached.
    assert not any("Cannot reach" in w.value for w in at.warning) and "connection dropped" in last.error


def test_a_failed_send_leaves_no_phantom_turn_and_errors_do_not_stack() -> None:
    rejected = Reply(401, {"error": {"message": "Incorrect API key provided"}})
    with FaultServer(rejected, routes={"/v1/models": MODELS}).running() as server:
        at = send(app(server.url), "my question")
        for _ in range(2):  # "send again" with the same bad key
            at.button(key="chat_resend").click().run(timeout=60)
        paid = [r for r in server.requests if r.path.endswith("/responses")]
    assert len(paid) == 3 and turns(at) == []
    assert len(at.chat_message) == 0  # no user bubble, no empty answer with a live Stop
    assert "chat_stop" not in [b.key for b in at.button]
    shown = [m.value for m in at.markdown] + [w.value for w in at.warning] + [c.value for c in at.caption]
    assert not any("my question" in text for text in shown)  # only in the message box
    errors = [e.value for e in at.error if "rejected (401)" in e.value]
    assert len(errors) == 2  # one on the page, one next to the key in the sidebar: never stacked
    assert conversation(at).unsent == "my question"


def test_a_message_that_does_not_go_is_back_in_the_message_box() -> None:
    with FaultServer(SSEReply(chat_chunks(["x"])), routes={"/v1/models": MODELS}).running() as server:
        at = app(server.url)
        at.selectbox(key="keep.chat.model.openai").set_value("gpt-4").run()
        message = "word " * 9000
        send(at, message)
    assert at.chat_input(key="chat_input").value == message
    assert not any("word word" in m.value for m in at.markdown)  # not printed across the page


def test_send_again_after_a_fault() -> None:
    with FaultServer(
        Reply(429, {"error": {"message": "slow down"}}), routes={"/v1/models": MODELS}
    ).running() as s:
        at = send(app(s.url), "keep me")
        s.reply = SSEReply(chat_chunks(["Sent now."]))
        at.button(key="chat_resend").click().run(timeout=60)
    assert [t.content for t in turns(at)] == ["keep me", "Sent now."]
    assert conversation(at).unsent is None and conversation(at).failure is None


def test_regenerate_clear_and_export_without_the_key(downloads) -> None:
    with FaultServer(SSEReply(chat_chunks(["One."])), routes={"/v1/models": MODELS}).running() as server:
        at = send(app(server.url), "q")
        server.reply = SSEReply(chat_chunks(["Two."]))
        at.button(key="chat_regenerate").click().run(timeout=60)
        assert [t.content for t in turns(at)] == ["q", "Two."]
        exported = [d for d in at.get("download_button") if d.proto.label == "Export JSON"]
        assert exported
        as_json = downloads(exported[0]).decode("utf-8")
        as_markdown = downloads(at.download_button(key="chat_export_md")).decode("utf-8")
        # Real exports of this conversation, with the page's own settings: where a key could slip in.
        data = json.loads(as_json)
        assert [(turn["role"], turn["content"]) for turn in data["turns"]] == [
            ("user", "q"),
            ("assistant", "Two."),
        ]
        assert data["model"] == "gpt-4o-mini"
        assert set(data["settings"]) == {"temperature", "top_p", "max_tokens"}
        assert "Two." in as_markdown and "gpt-4o-mini" in as_markdown
        assert KEY not in as_json and KEY not in as_markdown
        at.button(key="chat_clear").click().run()
    assert turns(at) == []


def test_a_server_without_a_model_list_asks_for_the_name() -> None:
    with FaultServer(
        SSEReply(chat_chunks(["ok"])), routes={"/v1/models": Reply(404, {"error": "no"})}
    ).running() as s:
        at = open_page(PAGE, secrets={"OPENAI_BASE_URL": s.url, "PLAYGROUND_PROVIDER": "compatible"})
        assert any("gives no model list" in c.value for c in at.caption)
        at.text_input(key="keep.chat.model_other").input("llama3.2").run()
        send(at, "hi")
        assert json.loads(s.requests[-1].body)["model"] == "llama3.2"
    assert turns(at)[-1].content == "ok"


needs_llama = pytest.mark.skipif(
    not os.environ.get("CI") and __import__("importlib").util.find_spec("llama_cpp") is None,
    reason="llama-cpp-python is not installed here (CI installs it)",
)


@needs_llama
def test_built_in_model_streams_offline() -> None:
    at = open_page(PAGE)
    assert any("small local model" in c.value for c in at.caption)
    send(at, "Say hello in one short sentence.")
    last = turns(at)[-1]
    assert last.role == "assistant" and last.content.strip() and last.model == "smollm2-135m-instruct"
    assert last.usage and last.usage.output_tokens > 0


@needs_llama
def test_compare_sends_one_prompt_to_a_gpt_model_and_the_built_in_model() -> None:
    with FaultServer(
        SSEReply(chat_chunks(["Paris."], usage=(14, 2))), routes={"/v1/models": MODELS}
    ).running() as s:
        at = app(s.url)
        left = at.selectbox(key="chat_compare_left")
        right = at.selectbox(key="chat_compare_right")
        assert "gpt-4o-mini (OpenAI)" in left.options
        assert "smollm2-135m-instruct (Built-in (offline))" in right.options
        assert (left.index, right.index) == (0, len(right.options) - 1)  # a GPT model left, the sLLM right
        at.text_area(key="keep.chat.compare_prompt").input("What is the capital of France?").run()
        at.button(key="chat_compare_run").click().run(timeout=120)
        sent = [json.loads(r.body) for r in s.requests if r.path == "/v1/responses"]
        assert sent[-1]["input"][-1]["content"] == "What is the capital of France?"
    meters = [c.value for c in at.caption if " · out " in c.value]
    assert any("gpt-4o-mini" in m and "in 14 · out 2 tokens" in m for m in meters)
    assert any("smollm2-135m-instruct" in m and "free (this computer)" in m for m in meters)
    assert any(c.value.startswith("first token") for c in at.caption)
    assert turns(at) == []  # a comparison does not enter the conversation


def test_a_korean_export_has_korean_headings(downloads) -> None:
    with FaultServer(
        SSEReply(chat_chunks(["1, 1, 0"], usage=(40, 5))), routes={"/v1/models": MODELS}
    ).running() as s:
        at = open_page(
            PAGE,
            secrets={"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": s.url, "PLAYGROUND_PROVIDER": "openai"},
        )
        at.button_group(key="lang").set_value("ko").run()
        at.text_area(key="keep.chat.system").input("한 줄로 답하세요.").run()
        at.chat_input(key="chat_input").set_value("배달이 빨랐어요.").run(timeout=60)
    assert not at.exception, at.exception
    (button,) = [d for d in at.get("download_button") if d.proto.label == "Markdown으로 받기"]
    text = downloads(button).decode("utf-8")
    assert text.startswith("# 채팅\n") and "- 모델: `gpt-4o-mini`" in text
    assert "## 시스템 프롬프트\n\n한 줄로 답하세요." in text and "## 대화" in text
    assert "### 사용자\n\n배달이 빨랐어요." in text and "### 어시스턴트 · `gpt-4o-mini`\n\n1, 1, 0" in text
    assert "입력 40 + 출력 5 토큰" in text
    assert not [
        word
        for word in ("Chat\n", "System prompt", "Conversation", "User", "Assistant", "input")
        if word in text
    ]


def test_an_english_export_has_english_headings(downloads) -> None:
    with FaultServer(
        SSEReply(chat_chunks(["Hi!"], usage=(9, 2))), routes={"/v1/models": MODELS}
    ).running() as s:
        at = open_page(
            PAGE,
            secrets={"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": s.url, "PLAYGROUND_PROVIDER": "openai"},
        )
        at.chat_input(key="chat_input").set_value("Hello").run(timeout=60)
    (button,) = [d for d in at.get("download_button") if d.proto.label == "Export Markdown"]
    text = downloads(button).decode("utf-8")
    assert text.startswith("# Chat\n") and "## Conversation" in text and "### User\n\nHello" in text
    assert "9 input + 2 output tokens" in text and "대화" not in text


# --- the Blank preset's example editor, the reasons next to greyed controls, Compare with one model ---


def shots_caption(at) -> str:
    return next(c.value for c in at.caption if c.value.startswith("Examples (shots)"))


def test_the_blank_presets_example_editor_adds_edits_and_deletes_rows_from_empty() -> None:
    at = open_page(PAGE)
    assert not at.exception, at.exception
    editor = at.data_editor(key="chat_shots_0")
    # Headers even with no rows (an empty list had none, and no row to add), and rows can be added.
    assert list(editor.value.columns) == ["user", "assistant"] and editor.value.empty
    assert editor.editing_mode == "dynamic"
    assert shots_caption(at).endswith("zero-shot (no examples)")

    first = {"user": "배송이 빨라서 좋아요", "assistant": "1"}
    second = {"user": "포장이 엉망이에요", "assistant": "0"}
    at.session_state["chat_shots_0"] = {"edited_rows": {}, "added_rows": [first, second], "deleted_rows": []}
    at.run()
    assert shots_caption(at).endswith("few-shot (2 examples)")
    assert at.session_state["chat_shots_kept"] == [first, second]

    # Edit the first row, delete the second, and add one whose output is left empty (None, not "nan").
    edited = {"user": "배송이 빨라서 좋아요", "assistant": "긍정"}
    at.session_state["chat_shots_0"] = {
        "edited_rows": {},
        "added_rows": [edited, {"user": "그저 그래요", "assistant": None}],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["chat_shots_kept"] == [edited, {"user": "그저 그래요", "assistant": ""}]
    assert shots_caption(at).endswith("few-shot (2 examples)")
    at.session_state["chat_shots_0"] = {"edited_rows": {}, "added_rows": [edited], "deleted_rows": []}
    at.run()
    assert shots_caption(at).endswith("one-shot (1 example)")
    assert at.session_state["chat_shots_kept"] == [edited]


def test_openai_without_a_key_keeps_the_model_box_and_says_why_by_the_message_box() -> None:
    at = open_page(PAGE, secrets={"PLAYGROUND_PROVIDER": "openai"})
    assert not at.exception, at.exception
    box = next(s for s in at.selectbox if s.label == "Model")
    assert box.disabled and box.placeholder == "Listed once the sidebar is set up"
    assert not [t for t in at.text_input if t.label == "Other model (type its id)"]  # it could do nothing
    assert at.chat_input(key="chat_input").disabled
    reason = next(i.value for i in at.info if "To send a message" in i.value)
    assert "OpenAI" in reason and "API key" in reason and "Built-in (offline)" in reason


def test_the_built_in_model_alone_has_no_typed_model_and_compare_says_why() -> None:
    at = open_page(PAGE)
    assert not at.exception, at.exception
    assert not [t for t in at.text_input if t.label == "Other model (type its id)"]
    assert "chat_compare_run" not in [b.key for b in at.button]
    assert any("Comparing needs two models" in i.value for i in at.info)
    assert not [s for s in at.selectbox if s.key in ("chat_compare_left", "chat_compare_right")]
    assert not any(i.value.startswith("To send a message") for i in at.info)  # ready: no reason shown
