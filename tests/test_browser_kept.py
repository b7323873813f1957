"""A reload loses nothing (issue 19), in a real browser: a chat message to the built-in model, an effect-lab
result kept in the gallery and a built-in transcript survive reloads; another browser sees none of it; "forget
this browser" clears it; no key reaches the stored files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.harness import ARTIFACTS, start_app, stop_group, wait_until_idle

pytestmark = pytest.mark.browser

STORED_KEY = "sk-proj-storedSECRET0123456789abcd"
TYPED_KEY = "sk-proj-typedSECRET9876543210wxyz"
MESSAGE = f"My key is {TYPED_KEY}. Say hi."


def stored_bytes(state: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in (state / "browsers").rglob("*") if p.is_file()]


def open_page(page, url: str, path: str) -> None:
    page.goto(f"{url}/{path}")
    wait_until_idle(page)


def test_a_reload_loses_nothing_another_browser_sees_nothing_and_forget_clears_it(browser, tmp_path) -> None:
    from playwright.sync_api import expect

    from tests.media import JFK_TEXT

    proc, url = start_app(
        tmp_path / "app.log", {"PLAYGROUND_PROVIDER": "builtin"}, secrets={"OPENAI_API_KEY": STORED_KEY}
    )
    state = tmp_path / "state"
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    page = context.new_page()
    try:
        # A key typed in the sidebar (OpenAI), then back to the built-in model.
        open_page(page, url, "chat")
        expect(page.get_by_text("small local model (sLLM)")).to_be_visible(timeout=60_000)
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_label("Provider").click()
        page.get_by_role("option", name="OpenAI", exact=True).click()
        sidebar.get_by_label("API key", exact=True).fill(TYPED_KEY)
        sidebar.get_by_label("API key", exact=True).press("Enter")
        wait_until_idle(page)
        sidebar.get_by_label("Provider").click()
        page.get_by_role("option", name="Built-in (offline)").click()
        expect(page.get_by_text("small local model (sLLM)")).to_be_visible(timeout=60_000)
        wait_until_idle(page)

        # 1. a message to the built-in model
        box = page.get_by_placeholder("Type a message")
        box.fill(MESSAGE)
        box.press("Enter")
        expect(page.get_by_text(re.compile(r"^in \d+ · out \d+ tokens"))).to_be_visible(timeout=180_000)
        wait_until_idle(page)
        reply = page.locator('[data-testid="stChatMessage"]').nth(1).locator("p").first.inner_text().strip()
        assert reply

        # 2. an effect-lab result kept in the gallery
        open_page(page, url, "images")
        page.get_by_role("tab", name=re.compile("Effect lab")).click()
        lab = page.get_by_role("tabpanel", name=re.compile("Effect lab"))
        expect(lab.get_by_text("Before")).to_be_visible(timeout=30_000)
        lab.get_by_role("button", name="Keep in gallery").click()
        expect(page.get_by_role("tab", name="🖼️ Gallery (1)")).to_be_visible(timeout=30_000)
        wait_until_idle(page)

        # 3. a transcript of the sample with the built-in tiny.en
        open_page(page, url, "whisper")
        page.get_by_label("Engine").click()
        page.get_by_role("option", name=re.compile("tiny.en")).click()
        wait_until_idle(page)
        page.get_by_role("button", name="Transcribe", exact=True).click()
        expect(page.get_by_role("button", name="Download .srt")).to_be_visible(timeout=300_000)
        wait_until_idle(page)

        # The reload: all three are back, and said to be restored.
        page.reload()
        toast = page.get_by_test_id("stToastText").filter(has_text="Restored from this browser")
        expect(toast).to_be_visible(timeout=60_000)
        expect(toast).to_contain_text(re.compile(r"(just now|\d+ minutes ago): "))
        for part in ("messages: 2", "images: 1", "transcripts: 1"):
            expect(toast).to_contain_text(part)
        expect(page.get_by_role("button", name="Download .srt")).to_be_visible(timeout=60_000)
        assert JFK_TEXT in page.get_by_label("Full text").input_value().lower()
        open_page(page, url, "images")
        expect(page.get_by_role("tab", name="🖼️ Gallery (1)")).to_be_visible(timeout=30_000)
        page.get_by_role("tab", name="🖼️ Gallery (1)").click()
        expect(page.get_by_text(re.compile("effect lab · \\d+x\\d+"))).to_be_visible()
        open_page(page, url, "chat")
        expect(page.locator('[data-testid="stChatMessage"]').nth(1)).to_contain_text(
            reply[:20], timeout=30_000
        )
        wait_until_idle(page)
        page.screenshot(path=str(ARTIFACTS / "kept-restored-1366.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / "kept-restored-390.png"), full_page=True)
        page.set_viewport_size({"width": 1366, "height": 900})

        # No key in anything kept: not the stored one, not the typed one (sent in a message too).
        files = stored_bytes(state)
        assert any(p.name == "work.json" for p, _ in files) and any("blobs" in p.parts for p, _ in files)
        for path, data in files:
            assert STORED_KEY.encode() not in data and TYPED_KEY.encode() not in data, path
            assert b"SECRET" not in data, path

        # Another browser sees nothing.
        other = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
        try:
            stranger = other.new_page()
            open_page(stranger, url, "chat")
            expect(stranger.get_by_placeholder("Type a message")).to_be_visible(timeout=60_000)
            assert stranger.locator('[data-testid="stChatMessage"]').count() == 0
            open_page(stranger, url, "images")
            expect(stranger.get_by_role("tab", name="🖼️ Gallery (0)")).to_be_visible(timeout=30_000)
            assert not stranger.get_by_text("Restored from this browser").count()
            theirs = next(c["value"] for c in other.cookies() if c["name"] == "playground_browser")
            assert not (state / "browsers" / theirs).exists()  # made nothing, so nothing kept
        finally:
            other.close()

        # Forget: the screen and the server are cleared, and a reload brings nothing back.
        mine = next(c["value"] for c in context.cookies() if c["name"] == "playground_browser")
        assert (state / "browsers" / mine / "work.json").exists()
        wait_until_idle(page)
        page.locator('[data-testid="stSidebar"]').get_by_text("Kept for this browser").click()
        forget = page.get_by_role("button", name="Forget this browser")
        expect(forget).to_be_visible(timeout=30_000)
        wait_until_idle(page)  # a click that lands while a rerun redraws the sidebar can be lost
        forget.click()
        expect(page.get_by_text("This browser's work was forgotten.")).to_be_visible(timeout=30_000)
        expect(page.locator('[data-testid="stChatMessage"]')).to_have_count(0)
        wait_until_idle(page)
        page.screenshot(path=str(ARTIFACTS / "kept-forgotten-1366.png"), full_page=True)
        page.reload()
        wait_until_idle(page)
        expect(page.get_by_placeholder("Type a message")).to_be_visible(timeout=60_000)
        assert page.locator('[data-testid="stChatMessage"]').count() == 0
        open_page(page, url, "images")
        expect(page.get_by_role("tab", name="🖼️ Gallery (0)")).to_be_visible(timeout=30_000)
        open_page(page, url, "whisper")
        assert not page.get_by_role("button", name="Download .srt").count()
        assert not (state / "browsers" / mine).exists()
        assert next(c["value"] for c in context.cookies() if c["name"] == "playground_browser") != mine
    finally:
        context.close()
        stop_group(proc)
