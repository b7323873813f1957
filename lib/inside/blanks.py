"""Fill the blank with a left-to-right model: rank candidate words by the probability of the whole sentence.

A masked model such as BERT reads the words on both sides of ``[MASK]`` at once and gives a distribution over
its vocabulary for that one slot in a single pass. A next-token model (GPT, SmolLM2) only ever predicts the
next token from the left, so the fair comparison it can make is between whole sentences: each candidate is put
in the blank and the sentence is scored token by token (the sum of the log-probabilities of its tokens), one
pass per candidate, and only among the candidates given.

>>> split_blank("아름다운 ( ) 강산")
('아름다운 ', ' 강산')
>>> fill("The capital of France is ( ).", "Paris")
'The capital of France is Paris.'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from lib.inside.engine import Engine
from lib.inside.odds import log_softmax, split_incomplete

# "( )", "(  )", "()", "___" (two or more) or "[MASK]": what a class writes for a blank.
BLANK = re.compile(r"\(\s*\)|_{2,}|\[\s*MASK\s*\]", re.IGNORECASE)
MAX_CANDIDATES = 12


class NoBlank(ValueError):
    """The sentence has no blank: write it with ( ) where the word goes."""


class SeveralBlanks(ValueError):
    """The sentence has more than one blank: this view fills one at a time."""


def split_blank(template: str) -> tuple[str, str]:
    """(text before the blank, text after it). Raises ``NoBlank`` or ``SeveralBlanks``."""
    found = list(BLANK.finditer(template))
    if not found:
        raise NoBlank(template)
    if len(found) > 1:
        raise SeveralBlanks(template)
    match = found[0]
    return template[: match.start()], template[match.end() :]


def fill(template: str, word: str) -> str:
    """The sentence with ``word`` in its blank."""
    before, after = split_blank(template)
    return before + word + after


@dataclass(frozen=True)
class Scored:
    """A sentence and how likely the model finds it: the log-probability of each of its tokens."""

    text: str
    tokens: tuple[int, ...]
    token_logprobs: tuple[float, ...]

    @property
    def logprob(self) -> float:
        return float(sum(self.token_logprobs))


@dataclass(frozen=True)
class Ranked:
    """A candidate word, its sentence's score, and its share of the probability among the candidates."""

    word: str
    sentence: Scored
    share: float
    proposed: bool = False  # proposed by the model rather than typed


def score(engine: Engine, text: str) -> Scored:
    """Log-probability of every token of ``text`` given the ones before it (the first given the start of a
    document), from one pass of the model."""
    tokens = engine.tokenize(text)
    if not tokens:
        return Scored(text, (), ())
    start = engine.start()
    logits = engine.logits([*start, *tokens])
    rows = logits[len(start) - 1 : len(start) - 1 + len(tokens)]
    lps = tuple(float(log_softmax(row)[tok]) for row, tok in zip(rows, tokens, strict=True))
    return Scored(text, tuple(tokens), lps)


def _clean(words: Sequence[str]) -> list[str]:
    seen: dict[str, None] = {}
    for word in words:
        word = word.strip()
        if word and word not in seen:
            seen[word] = None
    return list(seen)


def rank(
    engine: Engine, template: str, words: Sequence[str], *, proposed: Sequence[str] = ()
) -> list[Ranked]:
    """``words`` (typed) and ``proposed`` (from ``propose``) in the blank, likeliest sentence first.

    ``share`` is ``softmax`` over the sentences' log-probabilities: how the model would split its bet among
    just these candidates (not a probability over every possible word)."""
    split_blank(template)  # fail early on a sentence without exactly one blank
    typed = _clean(words)
    extra = [w for w in _clean(proposed) if w not in typed]
    chosen = (typed + extra)[:MAX_CANDIDATES]
    scored = [score(engine, fill(template, w)) for w in chosen]
    totals = np.array([s.logprob for s in scored], dtype=np.float64)
    shares = np.exp(log_softmax(totals)) if len(totals) else totals
    ranked = [
        Ranked(word=w, sentence=s, share=float(p), proposed=w not in typed)
        for w, s, p in zip(chosen, scored, shares, strict=True)
    ]
    ranked.sort(key=lambda r: r.sentence.logprob, reverse=True)
    return ranked


_WORD_END = re.compile(r"^[\s.,!?;:)\]\"'、。，]")


def propose(engine: Engine, template: str, *, k: int = 5, max_tokens: int = 8) -> list[str]:
    """Words the model itself would write in the blank, reading only the text before it: its ``k`` likeliest
    first tokens, each followed greedily to the end of a word."""
    before, _ = split_blank(template)
    # A word after a space starts with that space in a byte-level BPE (" Paris"); one glued to the text
    # before it ("drink|ed") is not a word of its own.
    spaced = not before or before[-1].isspace()
    context = engine.tokenize(before.rstrip())
    start = engine.start()
    first = np.argsort(-engine.logits([*start, *context])[-1], kind="stable")
    words: list[str] = []
    for token in (int(t) for t in first[: k * 3]):
        if len(words) >= k:
            break
        if engine.is_special(token) or engine.piece(token).startswith(b" ") != (spaced and bool(context)):
            continue
        word = _follow(engine, [*start, *context], token, max_tokens=max_tokens)
        if word and word not in words:
            words.append(word)
    return words


def _follow(engine: Engine, context: list[int], token: int, *, max_tokens: int) -> str:
    pieces = [engine.piece(token)]
    tokens = [*context, token]
    if _WORD_END.match(pieces[0].decode("utf-8", "ignore").lstrip(" ")):
        return ""  # punctuation or a line break first: not a word
    for _ in range(max_tokens - 1):
        nxt = int(np.argmax(engine.logits(tokens)[-1]))
        text = engine.piece(nxt)
        _, unfinished = split_incomplete(b"".join(pieces))
        if engine.is_special(nxt) or (not unfinished and _WORD_END.match(text.decode("utf-8", "ignore"))):
            break
        pieces.append(text)
        tokens.append(nxt)
    whole, unfinished = split_incomplete(b"".join(pieces))
    if unfinished:
        return ""
    word = whole.decode("utf-8", "ignore").strip()
    return word if word[:1].isalnum() else ""  # "-_100000", "(Soccer": not a word for a blank
