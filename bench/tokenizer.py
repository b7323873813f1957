"""Time to build the token view for 1k, 10k and 100k characters, against tiktoken's raw ``encode``.

Run: python bench/tokenizer.py [--repeat N]
Targets (issue 2): under 50 ms for 10k characters, at most 10x the raw encode. Medians of N runs; the encode
cache is cleared before every run so each one tokenizes from scratch, as a keystroke does.
"""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.tokens import view as tok
from tests.harness import timing

KOREAN = "음식이 맛있어요. 포장 상태도 좋았어요. 그런데 양이 좀 부족했어요. "
ENGLISH = "The food was delicious. The packaging was good too. But the portion was a bit small. "
MIXED = KOREAN + ENGLISH + "def f(x):\n    return x * 2  # 🍕\n"


def text_of(kind: str, size: int) -> str:
    base = {"korean": KOREAN, "english": ENGLISH, "mixed": MIXED}[kind]
    return (base * (size // len(base) + 1))[:size]


# The encode cache is cleared before every run: each one tokenizes from scratch, as a keystroke does.
median_ms = partial(timing.median_ms, before=tok.encode.cache_clear)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
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


if __name__ == "__main__":
    main()
