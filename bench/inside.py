"""The Inside page on the built-in model: time per next-token view and per fill-the-blank ranking, against
the raw llama.cpp evaluation they wrap.

Run: python bench/inside.py [--repeat N]
Each row is a median of N. "view" is what the page computes for a prefix (``inside.odds``: logits, softmax,
top 10 with labels; plus, for byte tokens, the character each leads to); "raw" is ``Llama.eval`` of the same
tokens from scratch and an argmax. A ranking scores each candidate sentence (one evaluation each) and, with
proposals, first follows the model's 5 likeliest words. The engine's cache is reset before each run, so every
run reads its text from scratch as a new visitor would. Ratios over 1 are the view's extra work (labels, the
byte-character hints, the proposals), not wrapping overhead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib import inside
from lib.chat import local_llm
from tests.harness.timing import median_ms

PREFIXES = ("The capital of France is", "Once upon a", "1박", "전국")
BLANKS = (
    ("The capital of France is ( ).", ["Paris", "London", "banana"]),
    ("아름다운 ( ) 강산", ["우리", "대한", "바나나"]),
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    engine = inside.LlamaEngine(inside.load_llama(local_llm.model_path()))
    llama = engine.llama
    reset = llama.reset

    def raw(tokens: list[int]) -> None:
        llama.reset()
        llama.eval(tokens)
        int(np.argmax(llama.scores[len(tokens) - 1]))

    def view(tokens: list[int]) -> None:
        shown = inside.odds(engine, tokens, temperature=0.8)
        for c in shown.candidates:
            if "⟨" in c.label:
                inside.likeliest_character(engine, tokens, c.token)

    print(f"{'what':<44} {'raw ms':>8} {'view ms':>8} {'ratio':>6}")
    ratios = []
    for prefix in PREFIXES:
        tokens = engine.tokenize(prefix)
        r = median_ms(lambda t=tokens: raw([*engine.start(), *t]), repeat, warm_up=True)
        v = median_ms(lambda t=tokens: view(t), repeat, warm_up=True, before=reset)
        ratios.append(v / r)
        print(f"{'next token: ' + prefix:<44} {r:>8.1f} {v:>8.1f} {v / r:>6.1f}")
    for template, words in BLANKS:
        sentences = [[*engine.start(), *engine.tokenize(inside.fill(template, w))] for w in words]
        r = median_ms(lambda s=sentences: [raw(x) for x in s], repeat, warm_up=True)
        ranked = median_ms(
            lambda tp=template, ws=words: inside.rank(engine, tp, ws), repeat, warm_up=True, before=reset
        )
        proposed = median_ms(
            lambda tp=template, ws=words: inside.rank(engine, tp, ws, proposed=inside.propose(engine, tp)),
            repeat,
            warm_up=True,
            before=reset,
        )
        print(f"{'rank 3 words: ' + template:<44} {r:>8.1f} {ranked:>8.1f} {ranked / r:>6.1f}")
        print(f"{'  + 5 proposed by the model':<44} {r:>8.1f} {proposed:>8.1f} {proposed / r:>6.1f}")
    print(f"next-token view / raw evaluation, median over the prefixes: {float(np.median(ratios)):.1f}x")


if __name__ == "__main__":
    main()
