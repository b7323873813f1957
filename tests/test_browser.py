"""Real-browser tests: Debian chromium driven by Playwright against ``streamlit run``."""

from __future__ import annotations

import itertools
import re

import pytest
import tiktoken

from lib.tokens.vocab import ensure_vocabulary
from tests.harness import ARTIFACTS, start_app, stop_group, wait_until_idle

pytestmark = pytest.mark.browser

TEXTAREA = "textarea.lt-input"  # inside the component's shadow root; Playwright's CSS locators reach it


def metric_value(page, label: str):
    return page.locator('[data-testid="stMetric"]', has_text=label).locator('[data-testid="stMetricValue"]')


def o200k(text: str) -> int:
    ensure_vocabulary("o200k_base")
    return len(tiktoken.get_encoding("o200k_base").encode(text))


def test_tokenizer_updates_while_typing_without_enter(page, app_url: str) -> None:
    from playwright.sync_api import expect

    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{app_url}/tokenizer")
    box = page.locator(TEXTAREA)
    expect(box).to_be_visible(timeout=30_000)
    expect(metric_value(page, "Tokens")).to_have_text(
        str(o200k("음식이 맛있어요. 포장 상태도 좋았어요. 그런데 양이 좀 부족했어요."))
    )

    box.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    typed = "Hello 세상 🍕 <script>alert(1)</script>"
    page.keyboard.type(typed, delay=20)  # no Enter, no click elsewhere: the debounce alone must send it

    expect(metric_value(page, "Tokens")).to_have_text(str(o200k(typed)), timeout=10_000)
    expect(metric_value(page, "Characters")).to_have_text(str(len(typed)))
    view = page.locator(".tok-view")  # drawn by the browser (tests/test_browser_tokenizer.py has the rest)
    expect(view).to_have_text(typed)
    spans = view.locator("span[title]")
    assert spans.count() >= 8
    # A split emoji is one segment whose hover text names its token ids.
    pizza = view.locator("span[title]", has_text="🍕")
    assert re.fullmatch(r"\d+ tokens: \d+(, \d+)+|\d+", pizza.first.get_attribute("title") or "")
    colours = [s.get_attribute("class").split()[0] for s in spans.all()]
    assert all(a != b for a, b in itertools.pairwise(colours))
    assert not dialogs, "a <script> in the input ran"
    expect(box).to_be_focused()

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "tokenizer.png"), full_page=True)


def test_korean_ui_and_paste_of_a_long_document(page, app_url: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{app_url}/tokenizer")
    expect(page.locator(TEXTAREA)).to_be_visible(timeout=30_000)
    page.locator('[data-testid="stSidebar"]').get_by_text("한국어", exact=True).click()
    expect(page.get_by_role("heading", name="🔤 토크나이저")).to_be_visible()
    text = (
        "가나다라마바사 " * 13_000
    )  # ~104k characters on one line (fill() of many lines is slow in Chromium)
    page.locator(TEXTAREA).fill(text)
    expect(metric_value(page, "글자")).to_have_text(f"{len(text):,}", timeout=15_000)
    # The browser draws the first segments and more as the view scrolls; its count covers the whole text.
    expect(page.locator(".tk-count")).to_contain_text(f"글자 {len(text):,}개")
    expect(page.get_by_text(re.compile(r"조각 [\d,]+개가 더 있습니다"))).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "tokenizer-ko-long.png"))


def test_a_fresh_server_serves_a_direct_page_url_with_the_sidebar(page, tmp_path) -> None:
    # Regression: with a folder named pages/ Streamlit ran /chat without the entrypoint on a fresh server.
    from playwright.sync_api import expect

    proc, url = start_app(tmp_path / "fresh.log")
    try:
        page.goto(f"{url}/chat")
        expect(page.get_by_role("heading", name="💬 Chat")).to_be_visible(timeout=60_000)
        expect(page.locator('[data-testid="stSidebar"]').get_by_text("Provider")).to_be_visible()
        assert not page.locator('[data-testid="stException"]').count()
    finally:
        stop_group(proc)


def _png(path, size=(320, 240)) -> None:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, (90, 140, 200))
    ImageDraw.Draw(img).rectangle((100, 80, 220, 160), fill=(230, 60, 40))
    img.save(path)


def test_effect_lab_applies_an_effect_to_an_uploaded_photo(page, app_url: str, tmp_path) -> None:
    from playwright.sync_api import expect

    page.goto(f"{app_url}/images")
    page.get_by_role("tab", name="Effect lab").click()
    lab = page.get_by_role("tabpanel", name="Effect lab")
    expect(lab.get_by_text("Before")).to_be_visible(timeout=30_000)
    lab.get_by_text("Upload", exact=True).click()
    bad = tmp_path / "notes.png"
    bad.write_text("this is not a picture")
    lab.locator('input[type="file"]').set_input_files(str(bad))
    expect(lab.get_by_text("not an image")).to_be_visible(timeout=15_000)
    photo = tmp_path / "photo.png"
    _png(photo)
    lab.locator('input[type="file"]').set_input_files(str(photo))
    expect(lab.get_by_text("not an image")).to_be_hidden(timeout=15_000)
    lab.get_by_label("Effect").click()
    page.get_by_role("option", name="Golden hour").click()
    expect(lab.get_by_text("After: Golden hour")).to_be_visible(timeout=15_000)
    with page.expect_download() as download:
        lab.get_by_role("button", name="Download the result (PNG)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    from PIL import Image

    assert download.value.suggested_filename.startswith("golden_hour_") and Image.open(saved).size == (
        320,
        240,
    )
    page.screenshot(path=str(ARTIFACTS / "effect-lab.png"), full_page=True)


@pytest.mark.prism
def test_generation_against_the_spec_mock_with_a_key_from_the_environment(page, prism, tmp_path) -> None:
    from playwright.sync_api import expect

    key = "sk-proj-browserSECRET0123456789"
    proc, url = start_app(
        tmp_path / "app.log",
        {"OPENAI_API_KEY": key, "OPENAI_BASE_URL": prism.url, "PLAYGROUND_PROVIDER": "openai"},
        secrets={"classroom": {"safe_mode": False}},  # Prism's moderation example flags everything
    )
    try:
        page.goto(f"{url}/images")
        page.get_by_label("What should it show? (base prompt)").fill("a cat on a windowsill")
        page.get_by_role("button", name="Golden hour").click()
        expect(page.get_by_text("golden hour light, warm low sun").first).to_be_visible()
        page.get_by_role("button", name="Generate", exact=True).click()
        expect(page.get_by_role("tab", name="Gallery (1)")).to_be_visible(timeout=30_000)
        page.get_by_role("tab", name="Gallery (1)").click()
        expect(page.get_by_role("button", name="Download PNG")).to_be_visible()
        assert key not in page.content()
        assert "browserSECRET" not in (tmp_path / "app.log").read_text()
        page.screenshot(path=str(ARTIFACTS / "images-gallery.png"), full_page=True)
    finally:
        stop_group(proc)


def test_whisper_uploads_a_file_transcribes_it_and_downloads_the_srt(page, app_url: str, tmp_path) -> None:
    import srt
    from playwright.sync_api import expect

    from tests.media import JFK, JFK_TEXT

    page.goto(f"{app_url}/whisper")
    page.get_by_text("Upload a file", exact=True).click()
    page.locator('input[type="file"]').set_input_files(str(JFK))
    expect(page.get_by_text("Selected: jfk.flac")).to_be_visible(timeout=30_000)
    wait_until_idle(page)
    page.get_by_role("button", name="Transcribe", exact=True).click()
    expect(page.get_by_role("button", name="Download .srt")).to_be_visible(timeout=180_000)
    assert JFK_TEXT in page.get_by_label("Full text").input_value().lower()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download .srt").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    cues = list(srt.parse(path.read_text(encoding="utf-8")))
    assert path.name == "jfk.srt" and len(cues) >= 2
    assert JFK_TEXT in " ".join(c.content.replace("\n", " ") for c in cues).lower()
    page.screenshot(path=str(ARTIFACTS / "whisper.png"), full_page=True)


def test_chat_streams_a_reply_from_the_built_in_model_with_its_meter(page, app_url: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{app_url}/chat")
    expect(page.get_by_text("small local model (sLLM)")).to_be_visible(timeout=60_000)
    box = page.get_by_placeholder("Type a message")
    box.fill("What is the capital of France? Answer in one sentence.")
    box.press("Enter")
    # The Stop button is there while the reply streams in; the meter follows when it is done.
    expect(page.get_by_text(re.compile(r"^in \d+ · out \d+ tokens"))).to_be_visible(timeout=120_000)
    reply = page.locator('[data-testid="stChatMessage"]').nth(1)
    assert reply.inner_text().strip()
    expect(page.get_by_text(re.compile(r"Session total: in \d+"))).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "chat.png"), full_page=True)


def test_chat_stop_keeps_the_partial_reply(page, app_url: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{app_url}/chat")
    expect(page.get_by_text("small local model (sLLM)")).to_be_visible(timeout=60_000)
    page.get_by_text("Settings: system prompt").click()
    page.get_by_label("Max output tokens").fill("1500")  # long enough to stop mid-way, within 2048 tokens
    page.get_by_label("Max output tokens").press("Enter")
    expect(page.get_by_label("Max output tokens")).to_have_value("1500")
    page.wait_for_timeout(1500)  # let the rerun that applies it finish before typing the message
    box = page.get_by_placeholder("Type a message")
    box.fill("Write a very long story about a lighthouse keeper, with many chapters.")
    box.press("Enter")
    assistant = page.locator('[data-testid="stChatMessage"]').nth(1)
    expect(assistant).to_contain_text(re.compile(r"\w{3,}"), timeout=60_000)
    # The page's own Stop button, inside the reply (Streamlit's toolbar shows another "Stop" while running).
    assistant.get_by_role("button", name=re.compile("Stop")).click()
    expect(page.get_by_text("Stopped by you.")).to_be_visible(timeout=30_000)
    kept = page.locator('[data-testid="stChatMessage"]').nth(1).inner_text()
    assert len(kept.split()) >= 3
    page.screenshot(path=str(ARTIFACTS / "chat-stopped.png"), full_page=True)


def test_a_passcode_guards_a_direct_page_url(page, tmp_path) -> None:
    from playwright.sync_api import expect

    proc, url = start_app(tmp_path / "gate.log", {"PLAYGROUND_PASSCODE": "lighthouse-2026"})
    try:
        page.goto(f"{url}/chat")
        expect(page.get_by_role("heading", name="🔒 Class passcode")).to_be_visible(timeout=60_000)
        assert not page.get_by_role("heading", name="💬 Chat").count()
        page.get_by_label("Passcode", exact=True).fill("lighthouse-2026")
        page.get_by_role("button", name="Enter").click()
        expect(page.get_by_role("heading", name="💬 Chat")).to_be_visible(timeout=60_000)
        assert "lighthouse-2026" not in page.content()
    finally:
        stop_group(proc)
