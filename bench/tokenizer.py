"""Time to build the token view for 1k, 10k and 100k characters, against tiktoken's raw ``encode``; then, in
Debian chromium, keystroke-to-paint of the page's two paths: the browser's own (every keystroke) and the
server's (debounce, rerun, redraw; what the page falls back to).

Run: python bench/tokenizer.py [--repeat N] [--keys N] [--no-browser]
Targets (issues 2, 23): under 50 ms for 10k characters, at most 10x the raw encode; in the browser, 50 ms or
less from a keystroke at 10k characters to the new colours on screen. Medians of N runs; the encode cache is
cleared before every server-side run so each one tokenizes from scratch, as a keystroke does.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.tokens import view as tok
from tests.harness import CHROMIUM_ARGS, chromium_binary, start_app, stop_group, timing

KOREAN = "음식이 맛있어요. 포장 상태도 좋았어요. 그런데 양이 좀 부족했어요. "
ENGLISH = "The food was delicious. The packaging was good too. But the portion was a bit small. "
MIXED = KOREAN + ENGLISH + "def f(x):\n    return x * 2  # 🍕\n"


def text_of(kind: str, size: int) -> str:
    base = {"korean": KOREAN, "english": ENGLISH, "mixed": MIXED}[kind]
    return (base * (size // len(base) + 1))[:size]


# The encode cache is cleared before every run: each one tokenizes from scratch, as a keystroke does.
median_ms = partial(timing.median_ms, before=tok.encode.cache_clear)


TEXTAREA = "textarea.lt-input"

# A real keystroke and the time until it is on screen, both timed in the page from the input event. The
# browser path times itself up to the frame after it drew (window.playgroundTokenizer.paints); for the server
# path the page waits, frame by frame, for the "Characters" count to show the new length.
ARM = """(ta) => { window.__shown = new Promise((resolve) => ta.addEventListener("input", async (event) => {
  const want = [...ta.value].length.toLocaleString("en-US");
  const metric = () => [...document.querySelectorAll('[data-testid="stMetric"]')]
    .find((e) => e.innerText.startsWith("Characters"));
  const value = () => metric()?.querySelector('[data-testid="stMetricValue"]').innerText;
  while (value()?.trim() !== want) await new Promise((r) => requestAnimationFrame(r));
  resolve(performance.now() - event.timeStamp);
}, { once: true })); }"""


def keystroke_ms(url: str, path: str, size: int, keys: int) -> float:
    """Median keystroke-to-paint at ``size`` characters on one of the page's paths."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_binary(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        if path == "server":  # as if the browser part could not load
            page.route("**/app/static/tokenizer/**", lambda route: route.abort())
        page.goto(f"{url}/tokenizer")
        box = page.locator(TEXTAREA)
        expect(box).to_be_visible(timeout=60_000)
        if path == "browser":
            page.wait_for_function(
                "() => window.playgroundTokenizer?.encoding === 'o200k_base'", timeout=60_000
            )
        else:
            expect(page.get_by_text("did not load")).to_be_visible(timeout=60_000)
        box.fill(text_of("mixed", size))
        page.wait_for_timeout(1500)  # the server's rerun for the pasted text
        box.focus()
        page.keyboard.press("Control+End")  # typing on at the end of the text
        times = []
        for _ in range(keys):
            if path == "browser":
                before = page.evaluate("() => window.playgroundTokenizer.paints.length")
                page.keyboard.type("x")
                page.wait_for_function("(n) => window.playgroundTokenizer.paints.length > n", arg=before)
                times.append(page.evaluate("() => window.playgroundTokenizer.paints.at(-1).ms"))
                page.wait_for_timeout(80)  # a fast typist: ~12 keys a second
            else:
                box.evaluate(ARM)
                page.keyboard.type("x")
                times.append(page.evaluate("() => window.__shown"))
                page.wait_for_timeout(300)
        browser.close()
    return statistics.median(times)


def browser_table(keys: int) -> None:
    proc, url = start_app(Path(tempfile.mkdtemp()) / "app.log")
    try:
        print("\nkeystroke to paint in chromium (o200k_base, mixed text; median of", keys, "keystrokes)")
        print("{:>7} {:>11} {:>10} {:>7}".format("chars", "browser ms", "server ms", "ratio"))
        for size in (1_000, 10_000, 100_000):
            here = keystroke_ms(url, "browser", size, keys)
            there = keystroke_ms(url, "server", size, max(5, keys // 3))
            flag = "  <-- over 50 ms" if size == 10_000 and here > 50 else ""
            print(f"{size:>7} {here:>11.1f} {there:>10.1f} {there / here:>6.0f}x{flag}")
    finally:
        stop_group(proc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--keys", type=int, default=21, help="keystrokes timed per size in the browser")
    parser.add_argument("--no-browser", action="store_true", help="only the server-side table")
    args = parser.parse_args()
    for name in tok.ENCODING_NAMES:
        tok.get_encoding(name)  # load vocabularies outside the timings
    header = ("encoding", "text", "chars", "tokens", "encode ms", "view ms", "ratio")
    print("{:<12} {:<8} {:>7} {:>7} {:>10} {:>9} {:>6}".format(*header))
    for name in ("o200k_base", "cl100k_base"):
        encoding = tok.get_encoding(name)
        for kind in ("english", "korean", "mixed"):
            for size in (1_000, 10_000, 100_000):
                text = text_of(kind, size)
                raw = median_ms(lambda e=encoding, s=text: e.encode(s, disallowed_special=()), args.repeat)
                view = median_ms(lambda text=text, name=name: tok.build_view(name, text), args.repeat)
                n = len(encoding.encode(text, disallowed_special=()))
                flag = "  <-- over 50 ms" if size == 10_000 and view > 50 else ""
                ratio = f"{view / raw:.1f}x"
                print(f"{name:<12} {kind:<8} {size:>7} {n:>7} {raw:>10.2f} {view:>9.2f} {ratio:>6}{flag}")
    if not args.no_browser:
        if Path(chromium_binary()).exists():
            browser_table(args.keys)
        else:
            print("\n(no chromium: the browser table is skipped)")


if __name__ == "__main__":
    main()
