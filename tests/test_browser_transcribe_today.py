"""The Whisper page on today's models in a real browser: with only a key and a base URL (the stand-in of
OpenAI's API as of December 2026, whose requests Prism checks), a teacher picks gpt-transcribe, pins Korean
and English, types the lesson's keywords, sees how long timing will take, and gets subtitles from a model
that returns text only. At a phone's width and a laptop's, in English and Korean."""

from __future__ import annotations

import re

import pytest

from tests.harness import ARTIFACTS, wait_until_idle
from tests.harness.spec_form import form_fields, spec_errors
from tests.harness.today_api import app_on_today_api

pytestmark = pytest.mark.browser

KEY = "sk-proj-transcribeSECRET0123456789abcdef"
WORDS = {
    "en": {
        "engine": "Engine",
        "keywords": "Keywords (names and terms of the lesson)",
        "estimate": "Timing takes about",
        "run": "Transcribe",
        "srt": "Download .srt",
        "timed": "Times: the model's words aligned",
    },
    "ko": {
        "engine": "엔진",
        "keywords": "키워드 (수업의 이름과 용어)",
        "estimate": "시간 맞추기: 소리 0:11에 약",
        "run": "받아쓰기",
        "srt": "SRT 받기",
        "timed": "시간 정보: 이 컴퓨터의 내장",
    },
}


@pytest.fixture(scope="module")
def today_app(prism, tmp_path_factory):
    log = tmp_path_factory.mktemp("transcribe-today") / "streamlit.log"
    with app_on_today_api(prism.url, log, KEY) as served:
        yield served


@pytest.mark.parametrize(
    ("width", "height", "lang"), [(390, 844, "en"), (1366, 768, "ko"), (390, 844, "ko"), (1366, 768, "en")]
)
def test_gpt_transcribe_gives_subtitles_timed_on_this_computer(
    browser, today_app, prism, width, height, lang
):
    from playwright.sync_api import expect

    url, api = today_app
    words = WORDS[lang]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{url}/whisper")
        picker = page.get_by_role("combobox", name=re.compile("^(Engine|엔진)$"))
        expect(picker).to_be_visible(timeout=60_000)
        if lang == "ko":  # switch as a user does; on a phone the sidebar is opened first, then closed
            if width < 640:
                page.get_by_test_id("stExpandSidebarButton").click()
            page.get_by_test_id("stSidebar").get_by_text("한국어", exact=True).click()
            wait_until_idle(page)
            if width < 640:
                page.get_by_test_id("stSidebarCollapseButton").click()
        picker = page.get_by_role("combobox", name=words["engine"], exact=True)
        expect(picker).to_be_visible(timeout=30_000)
        wait_until_idle(page)
        picker.click()
        page.keyboard.type("gpt-transcribe")
        page.get_by_role("option", name=re.compile(r"^OpenAI gpt-transcribe · ")).click()
        wait_until_idle(page)
        keywords = page.get_by_role("textbox", name=words["keywords"], exact=True)
        expect(keywords).to_be_visible(timeout=30_000)
        keywords.fill("Kennedy, Americans")
        keywords.press("Enter")
        wait_until_idle(page)
        expect(page.get_by_text(words["estimate"])).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / f"transcribe-today-form-{width}-{lang}.png"), full_page=True)
        mark, since = prism.mark(), len(api.requests)
        page.get_by_role("button", name=words["run"], exact=True).click()
        expect(page.get_by_role("button", name=words["srt"])).to_be_visible(timeout=240_000)
        expect(page.get_by_text(words["timed"])).to_be_visible()
        sent = [r for r in api.requests[since:] if r.path == "/v1/audio/transcriptions"]
        assert len(sent) == 1, [r.path for r in api.requests[since:]]
        fields = form_fields(sent[0].body, sent[0].headers["content-type"])
        assert fields["model"] == ["gpt-transcribe"] and fields["keywords[]"] == ["Kennedy", "Americans"]
        assert spec_errors(sent[0].body, sent[0].headers["content-type"]) == []
        verdicts = prism.verdicts(since=mark)
        assert verdicts and all("✔" in v for v in verdicts), verdicts
        page.locator('[data-testid="stDataFrame"]').last.scroll_into_view_if_needed()
        cell = page.locator('[role="gridcell"]').filter(has_text=re.compile("fellow Americans")).first
        expect(cell).to_be_attached(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / f"transcribe-today-result-{width}-{lang}.png"), full_page=True)
        assert KEY not in page.content()
    finally:
        context.close()
