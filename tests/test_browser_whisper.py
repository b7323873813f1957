"""The Whisper page in a real browser: a mixed-language upload shows each language in the cue table, at a
phone's and a laptop's width, in English and in Korean."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness import ARTIFACTS, start_app, stop_group, wait_until_idle
from tests.media import JFK, espeak_wav, joined

pytestmark = pytest.mark.browser

LABELS = {
    "en": {
        "upload": "Upload a file",
        "selected": "Selected: mixed.flac",
        "run": "Transcribe",
        "srt": "Download .srt",
    },
    "ko": {
        "upload": "파일 올리기",
        "selected": "선택한 소리: mixed.flac",
        "run": "받아쓰기",
        "srt": "SRT 받기",
    },
}


@pytest.fixture(scope="module")
def mixed_clip(speech_media: Path) -> Path:
    return joined(speech_media / "mixed.flac", JFK, espeak_wav(speech_media / "de-browser.wav", "de"))


@pytest.fixture(scope="module")
def korean_app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    proc, url = start_app(
        tmp_path_factory.mktemp("streamlit-ko") / "streamlit.log", {"PLAYGROUND_LANG": "ko"}
    )
    try:
        yield url
    finally:
        stop_group(proc)


@pytest.mark.parametrize(("lang", "width"), [("en", 1366), ("en", 390), ("ko", 1366), ("ko", 390)])
def test_a_mixed_language_upload_shows_two_languages_in_the_table(
    browser, request: pytest.FixtureRequest, mixed_clip: Path, lang: str, width: int
) -> None:
    from playwright.sync_api import expect

    url = request.getfixturevalue("app_url" if lang == "en" else "korean_app_url")
    words = LABELS[lang]
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{url}/whisper")
        page.get_by_text(words["upload"], exact=True).click()
        page.locator('input[type="file"]').set_input_files(str(mixed_clip))
        expect(page.get_by_text(words["selected"])).to_be_visible(timeout=30_000)
        wait_until_idle(page)
        page.get_by_role("button", name=words["run"], exact=True).click()
        expect(page.get_by_role("button", name=words["srt"])).to_be_visible(timeout=180_000)
        # The cue table's cells (Streamlit's grid keeps an accessible copy of the visible ones).
        page.locator('[data-testid="stDataFrame"]').first.scroll_into_view_if_needed()
        for code in ("en", "de"):
            cell = page.locator('[role="gridcell"]').filter(has_text=re.compile(f"^{code}$")).first
            expect(cell).to_be_attached(timeout=30_000)
        english = {"en": "English", "ko": "영어"}[lang]  # languages by name, not code (issue 18)
        expect(page.get_by_text(f"{english} 0:00-0:1")).to_be_visible()
        page.get_by_role("button", name=words["srt"]).scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"whisper-mixed-{lang}-{width}.png"), full_page=True)
    finally:
        context.close()


PRESET = {"en": ("Subtitle rules", "Korean (Netflix"), "ko": ("자막 규칙", "한국어 (넷플릭스")}


@pytest.mark.parametrize(("lang", "width"), [("en", 1366), ("ko", 390)])
def test_a_long_silence_shows_on_the_timeline_and_the_korean_preset_applies(
    browser, request: pytest.FixtureRequest, speech_media: Path, lang: str, width: int
) -> None:
    from playwright.sync_api import expect

    clip = speech_media / "quiet.flac"
    if not clip.exists():
        joined(clip, JFK, espeak_wav(speech_media / "en-browser.wav", "en"), pause=8.0)
    url = request.getfixturevalue("app_url" if lang == "en" else "korean_app_url")
    words = LABELS[lang]
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{url}/whisper")
        page.get_by_text(words["upload"], exact=True).click()
        page.locator('input[type="file"]').set_input_files(str(clip))
        expect(page.get_by_text(words["selected"].replace("mixed", "quiet"))).to_be_visible(timeout=30_000)
        wait_until_idle(page)
        page.get_by_role("button", name=words["run"], exact=True).click()
        expect(page.get_by_role("button", name=words["srt"])).to_be_visible(timeout=180_000)
        timeline = page.locator('[data-testid="stImage"] img')
        expect(timeline).to_be_visible()
        assert timeline.evaluate("img => img.naturalWidth") == 900
        rules, korean = PRESET[lang]
        page.get_by_text(rules, exact=True).click()
        page.get_by_text(re.compile("^" + re.escape(korean))).click()
        wait_until_idle(page)
        expect(page.locator('input[type="number"]').first).to_have_value("32")
        timeline.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"whisper-silence-{lang}-{width}.png"), full_page=True)
    finally:
        context.close()
