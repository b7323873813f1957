"""A class on phones, in Korean (issue 18): every page at 390x844 and 1366x768 in both languages, with every
tab and expander open, hides nothing sideways; Korean text wraps between words. Screenshots in artifacts/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.harness import ARTIFACTS, start_app, stop_group, wait_until_idle
from tests.harness.layout import FIND_HIDDEN_SIDEWAYS, KOREAN_WORD_BREAK

pytestmark = pytest.mark.browser

# "": home. The Tokenizer opens from a shared link with a long model name: its cost label once ended in "…".
PAGES = ("", "chat", "images", "whisper", "tokenizer?model=text-davinci-003", "inside", "documents")
SIZES = {390: 844, 1366: 768}
RUN = {"en": "Transcribe", "ko": "받아쓰기"}


@pytest.fixture(params=[("en", 390), ("en", 1366), ("ko", 390), ("ko", 1366)], ids=lambda p: f"{p[0]}-{p[1]}")
def shown(request: pytest.FixtureRequest, browser, tmp_path) -> Iterator[tuple[object, str, str, int]]:
    """One app server per language and width, and a browser page of that size."""
    lang, width = request.param
    proc, url = start_app(tmp_path / "streamlit.log", {"PLAYGROUND_LANG": lang})
    context = browser.new_context(viewport={"width": width, "height": SIZES[width]}, locale=f"{lang}-KR")
    try:
        yield context.new_page(), url, lang, width
    finally:
        context.close()
        stop_group(proc)


def open_everything(page) -> None:
    """Open every closed expander of the main area (what is inside must fit too)."""
    for summary in page.locator('[data-testid="stMain"] details:not([open]) > summary').all():
        if summary.is_visible():
            summary.click()
    wait_until_idle(page)


def shoot(page, name: str, width: int) -> None:
    """The whole main area: the window grows to its height for the picture, then goes back."""
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": min(height + 80, 8000)})
    page.wait_for_timeout(300)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"layout-{name}.png"))
    page.set_viewport_size({"width": width, "height": SIZES[width]})


def test_every_page_fits_and_korean_wraps_between_words(shown) -> None:
    from playwright.sync_api import expect

    page, url, lang, width = shown
    problems: dict[str, list[str]] = {}
    korean: list[tuple[str, str]] = []
    for path in PAGES:
        page.goto(f"{url}/{path}")
        expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible(timeout=60_000)
        wait_until_idle(page)
        if path == "whisper":  # the cue table and its toolbar exist once something is transcribed
            page.get_by_role("button", name=RUN[lang], exact=True).click()
            expect(page.locator('[data-testid="stDataFrame"]')).to_be_visible(timeout=180_000)
            wait_until_idle(page)
        tabs = page.locator('[data-testid="stMain"] [role="tab"]')
        for index in range(max(tabs.count(), 1)):
            if tabs.count():
                tabs.nth(index).click()
                wait_until_idle(page)
            open_everything(page)
            page.wait_for_timeout(500)  # the data grid lays out its columns after it is drawn
            page_name = path.split("?")[0] or "home"
            name = f"{page_name}-{lang}-{width}" + (f"-tab{index}" if tabs.count() > 1 else "")
            found = page.evaluate(FIND_HIDDEN_SIDEWAYS)
            if found:
                problems[name] = found
            if lang == "ko":
                korean += page.evaluate(KOREAN_WORD_BREAK)
            shoot(page, name, width)
    assert not problems, "\n".join(f"{name}: {p}" for name, found in problems.items() for p in found)
    if lang == "ko":
        assert len(korean) > 50  # every page has Korean text to check
        broken = [(text, rule) for text, rule in korean if rule != "keep-all"]
        assert not broken, broken
