"""The Tokenizer's in-browser token view, in Debian chromium: ids equal tiktoken's, every keystroke, phones,
the shared link, and the server's view when the browser part cannot load."""

from __future__ import annotations

import itertools
import random
import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import tiktoken

from lib.tokens import view as tok
from lib.tokens.vocab import ensure_vocabulary
from tests.harness import ARTIFACTS, wait_until_idle

pytestmark = pytest.mark.browser

TEXTAREA = "textarea.lt-input"
LIVE_VIEW = ".tk-live .tok-view"  # the browser's view, inside the component's shadow root
COUNT = ".tk-live .tk-count"

KOREAN = "음식이 맛있어요. 포장 상태도 좋았어요. 그런데 양이 좀 부족했어요.\n"
TEXTS = {
    "english": "The food was delicious. The packaging was good too. But the portion was a bit small.",
    "korean": KOREAN * 3,
    "emoji": "I ❤️ 🍕! 👨‍👩‍👧 가족 여행 🇰🇷✈️ 🏳️‍🌈 👍🏽",
    "code": tok.SAMPLES["code"] + "# <|endoftext|> is text here\n",
    "whitespace": "a" + " " * 40 + "b\n\n\n\t\t  \r\n   x   \n" + " " * 300 + "\n \u3000\u00a0end  ",
    "document": ((KOREAN + tok.SAMPLES["en"] + "\n" + tok.SAMPLES["code"] + "🍕 ") * 600)[:100_000],
}


def encoding(name: str) -> tiktoken.Encoding:
    ensure_vocabulary(name)
    return tiktoken.get_encoding(name)


def fuzz_texts(n: int) -> list[str]:
    rng = random.Random(23)
    alphabet = [
        *"가나힣aAzZ019 .,!?'/-_\n\t\r",
        "'s",
        "'LL",
        "ſ",
        "\u0301",
        "\u00a0",
        "\u3000",
        "🍕",
        "👍🏽",
        "é",
    ]
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))) for _ in range(n)]


def open_tokenizer(page, url: str, **params: str) -> None:
    from playwright.sync_api import expect

    query = "&".join(f"{k}={quote(v)}" for k, v in params.items())
    page.goto(f"{url}/tokenizer" + (f"?{query}" if query else ""))
    expect(page.locator(COUNT)).to_be_visible(timeout=60_000)


def wait_for_encoding(page, name: str) -> None:
    page.wait_for_function(
        "(n) => window.playgroundTokenizer && window.playgroundTokenizer.encoding === n",
        arg=name,
        timeout=60_000,
    )


def paste(box, text: str) -> None:
    # What fill() does, without its per-line cost (100,000 characters of many lines take Chromium 30 s+).
    box.evaluate("(ta, v) => { ta.value = v; ta.dispatchEvent(new Event('input', {bubbles: true})); }", text)


def drawn_ids(page) -> list[int]:
    titles = page.locator(f"{LIVE_VIEW} span[data-i]").evaluate_all("els => els.map(e => e.title)")
    return [int(i) for title in titles for i in title.split(":")[-1].split(",")]


@pytest.mark.parametrize("name", tok.ENCODING_NAMES)
def test_browser_ids_equal_tiktoken(page, app_url: str, name: str) -> None:
    from playwright.sync_api import expect

    open_tokenizer(page, app_url, encoding=name, text="x")
    wait_for_encoding(page, name)
    enc = encoding(name)
    texts = [*TEXTS.values(), *fuzz_texts(400)]
    got = page.evaluate("(ts) => Promise.all(ts.map((t) => window.playgroundTokenizer.encode(t)))", texts)
    wrong = [t[:40] for t, ids in zip(texts, got, strict=True) if ids != enc.encode(t, disallowed_special=())]
    assert not wrong, f"{len(wrong)} texts differ from tiktoken in {name}: {wrong[:5]}"

    # What is drawn is those ids, and the count above them is tiktoken's (the 100k document included).
    box = page.locator(TEXTAREA)
    for kind in ("emoji", "whitespace", "document"):
        paste(box, TEXTS[kind])
        ids = enc.encode(box.input_value(), disallowed_special=())  # a textarea turns "\r\n" into "\n"
        expect(page.locator(COUNT)).to_contain_text(f"{len(ids):,} tokens")
        drawn = drawn_ids(page)
        assert drawn == ids[: len(drawn)] and len(drawn) >= min(len(ids), 1000)
    # ...and the server, given the text after the pause, agrees.
    metric = page.locator('[data-testid="stMetric"]', has_text="Tokens").locator(
        '[data-testid="stMetricValue"]'
    )
    expect(metric).to_have_text(f"{len(ids):,}", timeout=30_000)


@pytest.fixture
def phone_or_laptop(browser, request: pytest.FixtureRequest):
    width = request.param
    context = browser.new_context(viewport={"width": 1366, "height": 900}, has_touch=width < 500)
    page = context.new_page()
    yield page, width
    context.close()


@pytest.mark.parametrize(
    ("phone_or_laptop", "lang"), [(390, "ko"), (1366, "en")], indirect=["phone_or_laptop"]
)
def test_colours_and_count_follow_each_keystroke(phone_or_laptop, app_url: str, lang: str) -> None:
    from playwright.sync_api import expect

    page, width = phone_or_laptop
    open_tokenizer(page, app_url)
    if lang == "ko":
        page.locator('[data-testid="stSidebar"]').get_by_text("한국어", exact=True).click()
        expect(page.get_by_role("heading", name="🔤 토크나이저")).to_be_visible()
    page.set_viewport_size({"width": width, "height": 900})
    wait_for_encoding(page, "o200k_base")
    wait_until_idle(page)
    enc = encoding("o200k_base")
    box = page.locator(TEXTAREA)
    box.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    typed = ""
    for key in "Hi 세상 🍕":
        page.keyboard.type(key)
        typed += key
        # Well inside the server's 250 ms debounce: the browser alone has drawn this keystroke.
        n, chars = len(enc.encode(typed)), len(typed)
        shown = re.compile(rf"(?<!\d){n}(?!\d).*(?<!\d){chars}(?!\d)")
        expect(page.locator(COUNT)).to_have_text(shown, timeout=200)
    segments = page.locator(f"{LIVE_VIEW} span[data-i]")
    expect(segments).to_have_count(len(tok.segments("o200k_base", typed)))
    assert page.locator(LIVE_VIEW).inner_text() == typed
    colours = [c.split()[0] for c in segments.evaluate_all("els => els.map(e => e.className)")]
    assert all(a != b for a, b in itertools.pairwise(colours))
    pizza = page.locator(f"{LIVE_VIEW} span.m", has_text="🍕")  # one dashed segment, never U+FFFD
    expect(pizza).to_have_count(1)
    assert "\ufffd" not in page.locator(LIVE_VIEW).inner_text()
    # Tap the split character: its ids show next to it.
    pizza.tap() if width < 500 else pizza.click()
    tip = page.locator(".tk-live .tk-tip")
    expect(tip).to_be_visible()
    ids = [str(i) for i in enc.encode(" 🍕")]
    expect(tip).to_contain_text(", ".join(ids))
    tip_box, pizza_box = tip.bounding_box(), pizza.bounding_box()
    assert abs(tip_box["y"] - (pizza_box["y"] + pizza_box["height"])) < 12
    page.screenshot(path=str(ARTIFACTS / f"tokenizer-live-{width}-{lang}.png"), full_page=True)

    # Ids on: each stays on the line of its token's last character (they never wrap away).
    page.get_by_text("토큰 ID 표시" if lang == "ko" else "Show token ids").click()
    expect(page.locator(f"{LIVE_VIEW} sub").first).to_be_visible(timeout=15_000)
    box.fill("Token ids stay with their tokens: " * 12 + " " * 30 + "end")
    page.wait_for_timeout(300)
    for nw in page.locator(f"{LIVE_VIEW} .nw").all()[:200]:
        rects = nw.evaluate("e => [...e.getClientRects()].length")
        assert rects == 1, "an id wrapped away from its token"
    page.screenshot(path=str(ARTIFACTS / f"tokenizer-live-ids-{width}-{lang}.png"), full_page=True)


def test_a_link_shows_the_same_view_and_copy_link_makes_one(page, browser, app_url: str) -> None:
    from playwright.sync_api import expect

    text = ("토큰 " * 700)[:2000]  # the longest text a link carries, 18 kB once percent-encoded
    open_tokenizer(page, app_url, text=text, encoding="r50k_base", ws="1", ids="1")
    wait_for_encoding(page, "r50k_base")
    expect(page.locator(TEXTAREA)).to_have_value(text)
    expect(page.locator(f"{LIVE_VIEW} sub").first).to_be_visible()
    assert "·" in page.locator(LIVE_VIEW).inner_text()

    page.locator(TEXTAREA).fill("공유할 예시 & <b>link</b> #1\n둘째 줄")
    page.get_by_role("button", name="🔗 Copy link").click()
    expect(page.locator(".lt-link span")).to_contain_text("Link copied")
    link = page.locator(".lt-link").get_attribute("data-url")
    query = parse_qs(urlsplit(link).query)
    assert query == {
        "text": ["공유할 예시 & <b>link</b> #1\n둘째 줄"],
        "encoding": ["r50k_base"],
        "ws": ["1"],
        "ids": ["1"],
    }

    student = browser.new_context(viewport={"width": 390, "height": 800}).new_page()
    student.goto(link)
    expect(student.locator(TEXTAREA)).to_have_value("공유할 예시 & <b>link</b> #1\n둘째 줄", timeout=60_000)
    wait_for_encoding(student, "r50k_base")
    expect(student.locator(f"{LIVE_VIEW} sub").first).to_be_visible()
    student.screenshot(path=str(ARTIFACTS / "tokenizer-link-390.png"), full_page=True)
    student.context.close()

    # Over 2,000 characters the link keeps only the settings, and says so; the address bar follows.
    page.locator(TEXTAREA).fill("a" * 2001)
    page.get_by_role("button", name="🔗 Copy link").click()
    expect(page.locator(".lt-link span")).to_contain_text("over 2,000 characters")
    assert "text" not in parse_qs(urlsplit(page.locator(".lt-link").get_attribute("data-url")).query)
    page.wait_for_function("() => !location.search.includes('text=')", timeout=15_000)


def test_the_server_draws_the_view_when_the_browser_part_cannot_load(page, app_url: str) -> None:
    from playwright.sync_api import expect

    page.route("**/app/static/tokenizer/**", lambda route: route.abort())
    page.goto(f"{app_url}/tokenizer")
    expect(page.get_by_text("The in-browser tokenizer did not load")).to_be_visible(timeout=60_000)
    assert page.locator(".tk-live .tok-view").count() == 0
    box = page.locator(TEXTAREA)
    box.fill("Hello 세상 🍕")
    server_view = page.locator(".tok-view")
    expect(server_view).to_have_text("Hello 세상 🍕", timeout=15_000)
    metric = page.locator('[data-testid="stMetric"]', has_text="Tokens").locator(
        '[data-testid="stMetricValue"]'
    )
    expect(metric).to_have_text(str(len(encoding("o200k_base").encode("Hello 세상 🍕"))))
    page.screenshot(path=str(ARTIFACTS / "tokenizer-fallback.png"), full_page=True)


def test_first_use_downloads_and_the_cache_of_a_second_visit(page, app_url: str) -> None:
    """First use downloads the bundle and o200k_base gzipped; a second visit fetches no vocabulary."""
    from playwright.sync_api import expect

    open_tokenizer(page, app_url)
    wait_for_encoding(page, "o200k_base")
    sizes = page.evaluate(
        """() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/app/static/'))
                 .map((e) => [e.name.split('/').pop(), e.encodedBodySize])"""
    )
    files = dict(sizes)
    vocab = next(v for k, v in files.items() if k.startswith("o200k_base-"))
    bundle = next(v for k, v in files.items() if k.startswith("live-tokens.js"))
    assert 1_500_000 < vocab < 1_800_000 and bundle < 15_000, files  # gzip on the wire

    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/vocab/" in r.url else None)
    page.reload()
    expect(page.locator(COUNT)).to_be_visible(timeout=60_000)
    wait_for_encoding(page, "o200k_base")
    assert not fetched, "the vocabulary was downloaded again instead of read from IndexedDB"
