"""Asking about a photo in a real browser: attach an image in the message box (📎), switch web search on, and
get a streamed answer with its sources as links, from the stand-in of today's API (each request checked by
Prism). At a phone's width and a desktop's, in English and Korean; the photo survives a reload."""

from __future__ import annotations

import json
import re

import pytest

from lib.chat import vision
from tests.harness import ARTIFACTS, wait_until_idle
from tests.harness.today_api import app_on_today_api

pytestmark = pytest.mark.browser

KEY = "sk-proj-visionSECRET0123456789abcdef"


@pytest.fixture(scope="module")
def vision_app(prism, tmp_path_factory):
    log = tmp_path_factory.mktemp("vision") / "streamlit.log"
    with app_on_today_api(prism.url, log, KEY) as served:
        yield served


@pytest.mark.parametrize(
    ("width", "height", "locale"),
    [(390, 844, "en-US"), (390, 844, "ko-KR"), (1366, 768, "en-US"), (1366, 768, "ko-KR")],
)
def test_a_class_asks_about_a_photo_and_gets_an_answer_with_sources(
    browser, vision_app, prism, tmp_path, width, height, locale
):
    from playwright.sync_api import expect

    url, api = vision_app
    photo = tmp_path / "whiteboard.png"
    photo.write_bytes(vision.sample_png(1600, 1200))
    korean = locale.startswith("ko")
    # The language is switched in the sidebar at a laptop's width (a phone's sidebar starts folded away).
    context = browser.new_context(
        viewport={"width": 1366 if korean else width, "height": height}, locale=locale
    )
    page = context.new_page()
    try:
        page.goto(f"{url}/chat")
        if korean:
            page.locator('[data-testid="stSidebar"]').get_by_text("한국어", exact=True).click()
            expect(page.get_by_role("heading", name=re.compile("채팅"))).to_be_visible(timeout=60_000)
            page.set_viewport_size({"width": width, "height": height})
        box = page.get_by_placeholder(re.compile("Type a message|메시지"))
        expect(box).to_be_visible(timeout=60_000)
        expect(page.get_by_role("combobox", name=re.compile("^(Model|모델)$"))).to_have_value(
            re.compile(r"^gpt-5\.4-mini 👁🌐")
        )
        page.get_by_text(re.compile("Ground the answer with web search|웹 검색으로 근거 붙이기")).click()
        mark = prism.mark()
        before = len(api.requests)
        page.locator('[data-testid="stChatInput"] input[type="file"]').set_input_files(str(photo))
        expect(page.locator('[data-testid="stChatInput"]').get_by_text("whiteboard.png")).to_be_visible(
            timeout=30_000
        )
        box.fill("이 칠판에 뭐라고 써 있어요?" if korean else "What is written on this board?")
        box.press("Enter")
        messages = page.locator('[data-testid="stChatMessage"]')
        reply = messages.nth(1)
        expect(reply).to_contain_text("Hello from today's model.", timeout=90_000)
        expect(messages.nth(0).locator("img")).to_be_visible()
        expect(messages.nth(0)).to_contain_text(
            re.compile("1024×768 .*(1,245 input tokens|입력 토큰 1,245개)")
        )
        link = reply.get_by_role("link", name="Multimodal learning - Wikipedia")
        expect(link).to_have_attribute("href", "https://en.wikipedia.org/wiki/Multimodal_learning")
        page.screenshot(path=str(ARTIFACTS / f"chat-vision-{width}-{locale}.png"), full_page=True)
        sent = [json.loads(r.body) for r in api.requests[before:] if r.path == "/v1/responses"]
        assert len(sent) == 1 and sent[0]["tools"] == [{"type": "web_search"}]
        assert [p["type"] for p in sent[0]["input"][-1]["content"]] == ["input_text", "input_image"]
        verdicts = prism.verdicts(since=mark)
        assert verdicts and all("✔" in v for v in verdicts), verdicts
        assert KEY not in page.content()
        # The conversation as checked fine-tuning data: every line passes, so the download is offered.
        page.get_by_text(re.compile("Make fine-tuning data|파인튜닝 데이터 만들기")).click()
        download = page.get_by_role("button", name=re.compile("Download JSONL|JSONL 내려받기"))
        expect(download).to_be_enabled(timeout=30_000)
        expect(
            page.get_by_text(re.compile("1 image\\(s\\) left out|이미지 1장은 빠졌습니다"))
        ).to_be_visible()
        wait_until_idle(page)  # a click landing while a rerun redraws the panel is lost with the old button
        with page.expect_download(timeout=60_000) as got:
            download.click()
        (line,) = got.value.path().read_text("utf-8").splitlines()
        assert [m["role"] for m in json.loads(line)["messages"]] == ["user", "assistant"]
        page.screenshot(path=str(ARTIFACTS / f"chat-finetune-{width}-{locale}.png"))
        # A reload in the same browser brings the photo back with the conversation.
        page.reload()
        messages = page.locator('[data-testid="stChatMessage"]')
        expect(messages.nth(1)).to_contain_text("Hello from today's model.", timeout=60_000)
        expect(messages.nth(0).locator("img")).to_be_visible()
    finally:
        context.close()
