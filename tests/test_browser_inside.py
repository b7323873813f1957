"""The Inside page's next-token view in a real browser, offline: phone and laptop widths, both languages."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.harness import ARTIFACTS, start_app, stop_group, wait_until_idle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def korean_app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    proc, url = start_app(tmp_path_factory.mktemp("ko") / "streamlit.log", {"PLAYGROUND_LANG": "ko"})
    try:
        yield url
    finally:
        stop_group(proc)


def _open(browser, url: str, width: int, locale: str):
    # Tall enough for the whole view: Streamlit scrolls inside its own container, which a full-page
    # screenshot does not follow.
    context = browser.new_context(viewport={"width": width, "height": 2600}, locale=locale)
    page = context.new_page()
    page.goto(f"{url}/inside")
    return context, page


def _no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1


@pytest.mark.parametrize("width", [390, 1366])
def test_next_token_odds_pick_and_temperature_in_english(browser, app_url: str, width: int) -> None:
    from playwright.sync_api import expect

    context, page = _open(browser, app_url, width, "en-US")
    try:
        expect(page.get_by_role("heading", name="🔍 Inside the model")).to_be_visible(timeout=60_000)
        stats = page.get_by_text(re.compile(r"^Top: ␣Paris \(\d+\.\d%\)"))
        expect(stats).to_be_visible(timeout=60_000)
        expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible(timeout=30_000)
        wait_until_idle(page)
        page.get_by_role("button", name=re.compile(r"^␣Paris · \d+%$")).click()
        expect(page.locator(".inside-pick")).to_have_text("␣Paris".replace("␣", " "), timeout=30_000)
        # The odds after "Paris" replace those before it (the old caption may fade out for a moment).
        expect(page.get_by_text(re.compile(r"^Top: ␣Paris"))).to_have_count(0, timeout=30_000)
        expect(page.get_by_text(re.compile(r"^Top: "))).to_have_count(1, timeout=30_000)
        # Temperature 0: all the probability on the top token.
        wait_until_idle(page)
        slider = page.get_by_role("slider", name="Temperature")
        slider.focus()
        page.keyboard.press("Home")
        expect(page.get_by_text(re.compile(r"^Top: .*\(100\.0%\)"))).to_be_visible(timeout=30_000)
        expect(page.get_by_text(re.compile("greedy decoding"))).to_be_visible()
        _no_sideways_scroll(page, width)
        assert not page.locator('[data-testid="stException"]').count()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"inside-en-{width}.png"), full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1366])
def test_the_korean_lecture_example_in_korean(browser, korean_app_url: str, width: int) -> None:
    from playwright.sync_api import expect

    context, page = _open(browser, korean_app_url, width, "ko-KR")
    try:
        expect(page.get_by_role("heading", name="🔍 모델 속 들여다보기")).to_be_visible(timeout=60_000)
        expect(page.get_by_text(re.compile(r"^1위: "))).to_be_visible(timeout=60_000)
        wait_until_idle(page)
        page.get_by_role("button", name="1박 → ?").click()
        expect(page.get_by_text('사람이 떠올리는 다음 말: "2일"')).to_be_visible(timeout=30_000)
        expect(page.get_by_text(re.compile(r"^1위: ⟨EC⟩"))).to_be_visible()
        expect(page.get_by_text(re.compile("아직 끝나지 않은 글자의 바이트"))).to_be_visible()
        _no_sideways_scroll(page, width)
        assert not page.locator('[data-testid="stException"]').count()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"inside-ko-{width}.png"), full_page=True)
    finally:
        context.close()
