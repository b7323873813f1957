"""AppTest of the Chat page's images, web search and fine-tuning views, against the stand-in of today's API
(each request also checked by Prism) or the local SSE server."""

from __future__ import annotations

import json

import pytest

from lib import chat
from lib.chat import vision
from tests.apptest_helpers import everything_shown, open_page
from tests.harness.fault_server import FaultServer, Reply, SSEReply, chat_chunks
from tests.harness.today_api import TodayAPI

KEY = "sk-proj-visionSECRET0123456789abcdef"
PHOTO = vision.sample_png(1600, 1200)


def today_page(api: TodayAPI, lang: str = "en"):
    at = open_page(
        "app_pages/chat.py",
        secrets={
            "OPENAI_API_KEY": KEY,
            "OPENAI_BASE_URL": api.url,
            "PLAYGROUND_PROVIDER": "openai",
        },
    )
    if lang != "en":
        at.button_group(key="lang").set_value(lang).run()
    assert not at.exception, at.exception
    return at


def conversation(at) -> chat.Conversation:
    return at.session_state["chat_conversation"]


def attach_and_send(at, text: str, data: bytes = PHOTO, name: str = "board.png"):
    box = at.chat_input(key="chat_input")
    box.upload(name, data, "image/png")
    box.set_value(text)
    return at.run(timeout=90)


def responses_sent(api: TodayAPI) -> list[dict]:
    return [json.loads(r.body) for r in api.requests if r.path == "/v1/responses"]


@pytest.mark.prism
def test_a_photo_goes_as_input_image_and_comes_back_with_its_cost_and_sources(prism, downloads) -> None:
    with TodayAPI(prism.url).running() as api:
        at = today_page(api)
        picker = at.selectbox(key="keep.chat.model.openai")
        assert picker.value == "gpt-5.4-mini" and "👁" in picker.format_func(picker.value)
        at.toggle(key="keep.chat.web_search").set_value(True).run(timeout=60)
        attach_and_send(at, "What is on this board?")
        (sent,) = responses_sent(api)
    assert not at.exception, at.exception
    parts = sent["input"][-1]["content"]
    assert parts[0] == {"type": "input_text", "text": "What is on this board?"}
    assert parts[1]["type"] == "input_image" and parts[1]["image_url"].startswith("data:image/jpeg;base64,")
    assert sent["tools"] == [{"type": "web_search"}]
    asked, answer = conversation(at).turns
    assert (asked.images[0].width, asked.images[0].height) == (1024, 768)  # resized before it was sent
    assert answer.content == "Hello from today's model." and len(answer.sources) == 2
    shown = everything_shown(at)
    # The image's cost for gpt-5.4-mini (the patch rule: 32 x 24 patches x 1.62), and the sources as links.
    assert "1024×768 (resized from 1600×1200)" in shown and "1,245 input tokens" in shown
    assert "(<https://en.wikipedia.org/wiki/Multimodal_learning>)" in shown
    assert "Multimodal learning \\\\- Wikipedia" in shown  # the title escaped for Markdown
    # The fine-tuning panel makes a checked file of this conversation (the image left out, said so).
    assert "1 image(s) left out" in shown
    button = at.download_button(key="chat_ft_download")
    assert not button.proto.disabled
    (line,) = downloads(button).decode("utf-8").splitlines()
    assert [m["role"] for m in json.loads(line)["messages"]] == ["user", "assistant"]


@pytest.mark.prism
def test_the_same_question_with_and_without_search_side_by_side(prism) -> None:
    with TodayAPI(prism.url).running() as api:
        at = today_page(api, "ko")
        at.text_area(key="keep.chat.compare_prompt").input("2026년 노벨 물리학상은?").run()
        at.toggle(key="chat_compare_search").set_value(True).run()
        at.button(key="chat_compare_run").click().run(timeout=120)
        sent = responses_sent(api)
    assert not at.exception, at.exception
    assert len(sent) == 2 and {s["model"] for s in sent} == {"gpt-5.4-mini"}
    assert sorted("tools" in s for s in sent) == [False, True]
    shown = everything_shown(at)
    assert "🌐 웹 검색 켬" in shown and "🚫 웹 검색 없음" in shown and "출처" in shown


def test_a_model_that_cannot_see_keeps_the_message_and_the_image() -> None:
    models = Reply(
        200, {"object": "list", "data": [{"id": "gpt-3.5-turbo", "object": "model", "created": 0}]}
    )
    with FaultServer(SSEReply(chat_chunks(["never"])), routes={"/v1/models": models}).running() as server:
        at = open_page(
            "app_pages/chat.py",
            secrets={"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": server.url, "PLAYGROUND_PROVIDER": "openai"},
        )
        attach_and_send(at, "What is this?")
        paid = [r for r in server.requests if r.path in ("/v1/responses", "/v1/chat/completions")]
    assert paid == []  # refused here, before any paid call
    conv = conversation(at)
    assert conv.turns == [] and len(conv.attached) == 1 and conv.unsent == "What is this?"
    assert at.chat_input(key="chat_input").value == "What is this?"  # the draft is back in the box
    assert any("does not take images" in e.value for e in at.error)
    assert any("1024×768" in c.value for c in at.caption)  # the image waits on the tray with its cost
    assert "🌐" in everything_shown(at) and at.button(key="chat_detach_0")


def test_offline_the_page_names_local_vision_models_and_the_documents_tool() -> None:
    at = open_page("app_pages/chat.py", secrets={"PLAYGROUND_PROVIDER": "builtin"})
    at.button_group(key="lang").set_value("ko").run()
    assert not at.exception, at.exception
    shown = everything_shown(at)
    assert "내장 소형 모델은 이미지를 볼 수 없습니다" in shown and "qwen2.5vl" in shown
    assert "키 없이 근거를 붙이려면" in shown and "문서 도구로 근거 붙이기" in shown  # the page link
    with pytest.raises(KeyError):
        at.toggle(key="keep.chat.web_search")


def test_a_compatible_server_says_which_of_its_models_see(monkeypatch) -> None:
    models = Reply(
        200,
        {
            "object": "list",
            "data": [{"id": m, "object": "model", "created": 0} for m in ("llama3.2:3b", "qwen2.5vl:3b")],
        },
    )
    with FaultServer(SSEReply(chat_chunks(["A chart."])), routes={"/v1/models": models}).running() as server:
        at = open_page(
            "app_pages/chat.py",
            secrets={"OPENAI_BASE_URL": server.url, "PLAYGROUND_PROVIDER": "compatible"},
        )
        assert any("Models here that see: qwen2.5vl:3b" in c.value for c in at.caption)
        at.selectbox(key="keep.chat.model.compatible").set_value("qwen2.5vl:3b").run()
        attach_and_send(at, "")  # an image alone is a question
        (sent,) = [json.loads(r.body) for r in server.requests if r.path == "/v1/chat/completions"]
    assert [p["type"] for p in sent["messages"][-1]["content"]] == ["image_url"]
    assert "tools" not in sent
    assert [t.content for t in conversation(at).turns] == ["", "A chart."]


def test_the_tray_holds_a_photo_once_and_removes_it() -> None:
    at = open_page("app_pages/chat.py", secrets={"PLAYGROUND_PROVIDER": "builtin"})
    conv = conversation(at)
    conv.attach(vision.prepare_image(PHOTO))
    conv.attach(vision.prepare_image(PHOTO))  # the same photo again: one on the tray
    at.run()
    assert len(conversation(at).attached) == 1
    at.button(key="chat_detach_0").click().run()
    assert conversation(at).attached == ()


def test_fine_tuning_data_from_examples_is_checked_before_download() -> None:
    at = open_page("app_pages/chat.py", secrets={"PLAYGROUND_PROVIDER": "builtin"})
    at.selectbox(key="keep.chat.preset").set_value("sentiment").run()
    at.radio(key="chat_ft_source").set_value("shots").run()
    shown = everything_shown(at)
    assert "Training cost estimate" in shown and "OpenAI needs at least 10" in shown
    assert not at.download_button(key="chat_ft_download").proto.disabled
    at.selectbox(key="chat_ft_model").set_value("gpt-3.5-turbo").run()
    assert "Training cost estimate" in everything_shown(at)


def test_a_class_budget_counts_the_image_tokens_before_sending() -> None:
    # gpt-4o-mini's vision tokens are large (2,833 + 5,667 a tile): a 5,000-token session budget takes a text
    # question, and refuses the same question with a photo before anything is sent, keeping both.
    models = Reply(200, {"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model", "created": 0}]})
    reply = SSEReply(chat_chunks(["Fine."], usage=(9, 2)))
    with FaultServer(reply, routes={"/v1/models": models}).running() as server:
        at = open_page(
            "app_pages/chat.py",
            secrets={
                "OPENAI_API_KEY": KEY,
                "OPENAI_BASE_URL": server.url,
                "PLAYGROUND_PROVIDER": "openai",
                "classroom": {"session": {"tokens": 5000}, "safe_mode": False},
            },
        )
        at.chat_input(key="chat_input").set_value("How are you?").run(timeout=60)
        attach_and_send(at, "And this photo?")
        sent = [r for r in server.requests if r.path == "/v1/responses"]
    assert len(sent) == 1  # the text question only
    conv = conversation(at)
    assert [t.content for t in conv.turns] == ["How are you?", "Fine."]
    assert conv.unsent == "And this photo?" and len(conv.attached) == 1
    assert any("tokens" in w.value for w in at.warning)


def test_the_detail_switch_reprices_the_photo_waiting_on_the_tray() -> None:
    at = open_page("app_pages/chat.py", secrets={"PLAYGROUND_PROVIDER": "builtin"})
    conversation(at).attach(vision.prepare_image(PHOTO))
    at.run()
    assert any("765 input tokens" in c.value for c in at.caption)  # high: 4 tiles (counted by gpt-4o's rule)
    at.segmented_control(key="keep.chat.image_detail").set_value("low").run()
    assert conversation(at).attached[0].detail == "low"
    assert any("85 input tokens" in c.value for c in at.caption)
