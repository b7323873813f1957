"""Classroom security in a real browser: the app runs on a key set in its secrets file (as on Community
Cloud) behind a passcode. The gate holds on every page URL; the key is in no page's HTML, no downloaded file
and no log line; script in chat messages and replies, image prompts, file names and transcripts stays text."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.harness import ARTIFACTS, start_app, stop_group, wait_until_idle
from tests.harness.fault_server import FaultServer, Reply, SSEReply, chat_chunks
from tests.media import JFK

pytestmark = pytest.mark.browser

KEY = "sk-proj-teacherSECRET9f8e7d6c5b4a3210"
PASSCODE = "harbour-light-7"
XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
PNG_B64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"
MODELS = Reply(
    200, {"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model", "created": 0, "owned_by": "x"}]}
)
TRANSCRIPT = {
    "task": "transcribe",
    "language": "english",
    "duration": 11.0,
    "text": f"And so {XSS} my fellow Americans",
    "segments": [
        {
            "id": 0,
            "seek": 0,
            "start": 0.0,
            "end": 4.0,
            "text": f"And so {XSS}",
            "tokens": [1],
            "temperature": 0.0,
            "avg_logprob": -0.1,
            "compression_ratio": 1.0,
            "no_speech_prob": 0.0,
        },
        {
            "id": 1,
            "seek": 0,
            "start": 4.0,
            "end": 8.0,
            "text": " my fellow Americans",
            "tokens": [2],
            "temperature": 0.0,
            "avg_logprob": -0.1,
            "compression_ratio": 1.0,
            "no_speech_prob": 0.0,
        },
    ],
    "words": [{"word": "And", "start": 0.0, "end": 0.5}],
}
TOOLS = {"chat": "💬 Chat", "images": "🖼️ Images", "whisper": "🎙️ Whisper", "tokenizer": "🔤 Tokenizer"}


def inert(page) -> None:
    """No payload ran and none became an element."""
    assert page.evaluate("window.__xss") is None
    assert page.locator('img[src="x"]').count() == 0
    assert KEY not in page.content()


def save(download, folder) -> bytes:
    name = download.suggested_filename
    assert not re.search(r'[<>:"/\\|?*]', name), name
    path = folder / name
    download.save_as(path)
    data = path.read_bytes()
    assert KEY.encode() not in data and b"teacherSECRET" not in data, name
    return data


def test_a_class_deployment_keeps_the_key_and_stays_inert(browser, tmp_path) -> None:
    from playwright.sync_api import expect

    routes = {
        "/v1/models": MODELS,
        "/v1/chat/completions": SSEReply(chat_chunks(["Hello ", XSS], usage=(20, 9))),
        "/v1/responses": SSEReply(chat_chunks(["Hello ", XSS], usage=(20, 9))),  # OpenAI's models: Responses
        "/v1/images/generations": Reply(
            200, {"created": 0, "data": [{"b64_json": PNG_B64, "revised_prompt": XSS}]}
        ),
        "/v1/audio/transcriptions": Reply(200, TRANSCRIPT),
    }
    media = tmp_path / "media" / f"jfk{XSS.replace('/', '')}.flac"
    media.parent.mkdir()
    shutil.copy(JFK, media)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    log = tmp_path / "app.log"
    with FaultServer(Reply(404), routes=routes).running() as server:
        proc, url = start_app(
            log,
            secrets={
                "OPENAI_API_KEY": KEY,
                "OPENAI_BASE_URL": server.url,
                "PLAYGROUND_PROVIDER": "openai",
                "PLAYGROUND_PASSCODE": PASSCODE,
            },
        )
        context = browser.new_context(
            viewport={"width": 1400, "height": 1000}, locale="en-US", accept_downloads=True
        )
        try:
            # The gate on every page, direct URLs included: nothing of a tool, nothing of the sidebar.
            page = context.new_page()
            for path, heading in [("", "🧪"), *((f"/{p}", h) for p, h in TOOLS.items())]:
                page.goto(f"{url}{path}")
                expect(page.get_by_role("heading", name="🔒 Class passcode")).to_be_visible(timeout=60_000)
                assert not page.get_by_role("heading", name=re.compile(re.escape(heading))).count()
                assert not page.get_by_text("Provider", exact=True).count()
                inert(page)
            page.get_by_label("Passcode", exact=True).fill(PASSCODE)
            page.get_by_role("button", name="Enter").click()
            expect(page.get_by_role("heading", name=TOOLS["tokenizer"])).to_be_visible(timeout=60_000)
            expect(page.get_by_text("Using the key from secrets")).to_be_visible()
            expect(page.get_by_text("Class budget")).to_be_visible()
            inert(page)

            # Chat: a payload in the message and in the reply is shown as text.
            page.get_by_role("link", name="Chat").click()
            box = page.get_by_placeholder("Type a message")
            expect(box).to_be_enabled(timeout=60_000)
            box.fill(f"Please repeat {XSS}")
            box.press("Enter")
            expect(page.get_by_text(re.compile(r"^in 20 · out 9 tokens"))).to_be_visible(timeout=60_000)
            messages = page.locator('[data-testid="stChatMessage"]')
            expect(messages.nth(1)).to_contain_text("Hello <img src=x onerror=")  # shown as the text it is
            expect(messages.nth(0)).to_contain_text("<script>window.__xss=2</script>")
            inert(page)
            for label in ("Export Markdown", "Export JSON"):
                with page.expect_download() as download:
                    page.get_by_role("button", name=label).click()
                assert b"<script>window.__xss=2</script>" in save(download.value, downloads)  # data, as typed

            # Images: a payload in the prompt and in the revised prompt; the PNG download.
            page.get_by_role("link", name="Images").click()
            page.get_by_label("What should it show? (base prompt)").fill(f"a lighthouse {XSS}")
            page.get_by_role("button", name="Generate", exact=True).click()
            expect(page.get_by_role("tab", name="Gallery (1)")).to_be_visible(timeout=60_000)
            inert(page)
            page.get_by_role("tab", name="Gallery (1)").click()
            with page.expect_download() as download:
                page.get_by_role("button", name="Download PNG").click()
            assert save(download.value, downloads).startswith(b"\x89PNG")
            inert(page)

            # Whisper: a file name and a transcript carrying the payload; every subtitle download.
            page.get_by_role("link", name="Whisper").click()
            page.locator('[data-testid="stSelectbox"]', has_text="Engine").click()
            page.get_by_role("option", name=re.compile("whisper-1")).click()
            page.get_by_text("Upload a file", exact=True).click()
            page.locator('input[type="file"]').set_input_files(str(media))
            expect(page.get_by_text(re.compile(r"^Selected: jfk"))).to_be_visible(timeout=30_000)
            wait_until_idle(page)
            page.get_by_role("button", name="Transcribe", exact=True).click()
            expect(page.get_by_role("button", name="Download .srt")).to_be_visible(timeout=60_000)
            inert(page)
            for label in ("Download .srt", "Download .vtt", "Download .txt"):
                with page.expect_download() as download:
                    page.get_by_role("button", name=label).click()
                assert b"my fellow Americans" in save(download.value, downloads)
            page.screenshot(path=str(ARTIFACTS / "classroom-security.png"), full_page=True)
            inert(page)
        finally:
            context.close()
            stop_group(proc)
    assert [r for r in server.requests if r.path.endswith("/moderations")]  # safe mode ran
    assert all(r.headers.get("authorization") == f"Bearer {KEY}" for r in server.requests)
    assert "teacherSECRET" not in log.read_text() and PASSCODE not in log.read_text()
