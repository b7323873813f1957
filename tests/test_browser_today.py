"""Today's models in a real browser: with only a key and a base URL (a stand-in of OpenAI's API as of
December 2026, whose requests Prism checks against the spec), the Chat page picks a current model by itself,
streams over the Responses API, and shows which models are going away. At a phone's width and a desktop's,
in English and Korean."""

from __future__ import annotations

import json
import re

import pytest

from tests.harness import ARTIFACTS
from tests.harness.today_api import TODAY_MODELS, app_on_today_api

pytestmark = pytest.mark.browser

KEY = "sk-proj-todaySECRET0123456789abcdef"


@pytest.fixture(scope="module")
def today_app(prism, tmp_path_factory):
    """The app served by ``streamlit run`` with a key and the stand-in's address in its secrets file."""
    log = tmp_path_factory.mktemp("today") / "streamlit.log"
    with app_on_today_api(prism.url, log, KEY) as served:
        yield served


@pytest.mark.parametrize(
    ("width", "height", "locale", "says"),
    [(390, 844, "en-US", "Hello from today's model."), (1366, 768, "ko-KR", "Hello from today's model.")],
)
def test_chat_streams_over_responses_from_a_listed_model(
    browser, today_app, prism, width, height, locale, says
):
    from playwright.sync_api import expect

    url, api = today_app
    context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
    page = context.new_page()
    try:
        page.goto(f"{url}/chat")
        # The tests start the app in English (PLAYGROUND_LANG); switch as a user does.
        if locale.startswith("ko"):
            page.locator('[data-testid="stSidebar"]').get_by_text("한국어", exact=True).click()
        box = page.get_by_placeholder(re.compile("Type a message|메시지"))
        expect(box).to_be_visible(timeout=60_000)
        picker = page.get_by_role("combobox", name=re.compile("^(Model|모델)$"))
        expect(picker).to_have_value(re.compile(r"^gpt-5\.4-mini"))  # today's default, chosen by the app
        expect(
            page.get_by_text(re.compile("2026-10-23")).first
        ).to_be_visible()  # the lesson's turbo, as history
        mark = prism.mark()
        box.fill("안녕하세요! Say hello.")
        box.press("Enter")
        reply = page.locator('[data-testid="stChatMessage"]').nth(1)
        expect(reply).to_contain_text(says, timeout=60_000)
        expect(reply).to_contain_text(re.compile(r"(in|입력) 21 · (out|출력) 4"))
        page.screenshot(path=str(ARTIFACTS / f"chat-today-{width}-{locale}.png"), full_page=True)
        sent = [json.loads(r.body) for r in api.requests if r.path == "/v1/responses"]
        assert sent and sent[-1]["model"] == "gpt-5.4-mini" and sent[-1]["stream"] is True
        verdicts = prism.verdicts(since=mark)
        assert verdicts and all("✔" in v for v in verdicts), verdicts
        assert KEY not in page.content()
        # The picker shows which models are going away.
        picker.click()
        page.keyboard.type("gpt-4o")  # the list is virtualised: filter it as a user would
        going = re.compile(r"gpt-4o · ⏳ (shuts down 2027-01-14|2027-01-14 종료 예정)")
        expect(page.get_by_role("option", name=going)).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / f"chat-today-picker-{width}-{locale}.png"))
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height", "locale"), [(390, 844, "en-US"), (1366, 768, "ko-KR")])
def test_the_first_image_names_a_listed_model_and_an_edit_shows_before_and_after(
    browser, today_app, prism, width, height, locale
):
    """With only a key and a base URL: the Images page's first request names today's listed image model and
    passes the spec; the effect lab's photo, edited by that model, sits beside the offline simulation."""
    from playwright.sync_api import expect

    url, api = today_app
    listed = {m["id"] for m in TODAY_MODELS}
    context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
    page = context.new_page()
    ko = locale.startswith("ko")
    try:
        page.goto(f"{url}/images")
        if ko:
            page.locator('[data-testid="stSidebar"]').get_by_text("한국어", exact=True).click()
        picker = page.get_by_role("combobox", name=re.compile("^(Model|모델)$"))
        expect(picker).to_have_value(re.compile(r"^gpt-image-2"), timeout=60_000)
        expect(page.get_by_text(re.compile("2026-05-12")).first).to_be_visible()  # DALL-E, as history
        page.get_by_label(re.compile("What should it show|무엇을 그릴까요")).fill("a lighthouse at dusk")
        mark = prism.mark()
        page.get_by_role("button", name=re.compile("^(Generate|이미지 만들기)$")).click()
        expect(page.get_by_role("tab", name=re.compile(r"(Gallery|갤러리) \(1\)"))).to_be_visible(
            timeout=60_000
        )
        sent = [r for r in api.requests if r.path == "/v1/images/generations"]
        body = json.loads(sent[0].body)
        assert body["model"] in listed and body["model"].startswith("gpt-image-2"), body
        assert body["size"] == "auto" and "response_format" not in body
        verdicts = prism.verdicts(since=mark)
        assert verdicts and all("✔" in v for v in verdicts), verdicts

        page.get_by_role("tab", name=re.compile("Effect lab|효과 실험실")).click()
        lab = page.get_by_role("tabpanel", name=re.compile("Effect lab|효과 실험실"))
        lab.get_by_text(re.compile("^(Keep the centre|가운데는 그대로)$")).click()
        expect(lab.get_by_text(re.compile("pink area|분홍색"))).to_be_visible(timeout=30_000)
        mark = prism.mark()
        lab.get_by_role("button", name=re.compile("(Edit with|로 편집하기)")).click()
        expect(
            lab.get_by_text(re.compile(r"^(Simulation \(offline\)|시뮬레이션 \(오프라인\))$"))
        ).to_be_visible(timeout=60_000)
        expect(lab.get_by_text(re.compile(r"^(Model|모델): gpt-image-2"))).to_be_visible()
        edits = [r for r in api.requests if r.path == "/v1/images/edits"]
        assert edits and edits[-1].headers["content-type"].startswith("multipart/form-data")
        assert b'name="mask"' in edits[-1].body and b'name="prompt"' in edits[-1].body
        verdicts = prism.verdicts(since=mark)
        assert verdicts and all("✔" in v for v in verdicts), verdicts
        lab.get_by_text(
            re.compile(r"^(Simulation \(offline\)|시뮬레이션 \(오프라인\))$")
        ).scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"images-edit-{width}-{locale}.png"), full_page=True)
        assert KEY not in page.content()
    finally:
        context.close()
