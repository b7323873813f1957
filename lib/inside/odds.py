"""Next-token odds: the model's probabilities for the token after a text, reshaped by a temperature.

Everything here is arithmetic on an engine's logits (``lib.inside.engine.Engine``): the probabilities are
``softmax(logits / T)``, temperature 0 puts all the mass on the likeliest token (what greedy decoding picks),
and sampling draws from the same distribution the chart shows.

>>> probs = with_temperature(np.array([2.0, 1.0, 0.0]), 0)
>>> probs.tolist()
[1.0, 0.0, 0.0]
>>> round(entropy(with_temperature(np.array([2.0, 1.0, 0.0]), 1.0)), 3)
1.201
>>> show_bytes("1박".encode()[:3])
'1⟨EB B0⟩'
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from lib.inside.engine import Engine

MAX_TEMPERATURE = 2.0


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """Log-probabilities from logits (float64, stable for any scale)."""
    z = np.asarray(logits, dtype=np.float64)
    z = z - np.max(z)
    return z - np.log(np.sum(np.exp(z)))


def with_temperature(logits: np.ndarray, temperature: float) -> np.ndarray:
    """``softmax(logits / T)``; T = 0 is the limit: all the mass on the argmax (the first one on a tie)."""
    if temperature < 0:
        raise ValueError("temperature must be 0 or more")
    z = np.asarray(logits, dtype=np.float64)
    if temperature == 0:
        probs = np.zeros_like(z)
        probs[int(np.argmax(z))] = 1.0
        return probs
    return np.exp(log_softmax(z / temperature))


def entropy(probs: np.ndarray) -> float:
    """Shannon entropy in bits: 0 when one token is certain, higher when the odds are spread out."""
    p = np.asarray(probs, dtype=np.float64)
    p = p[p > 0]
    return float(-(p * np.log2(p)).sum()) + 0.0  # + 0.0: a certain token has 0 bits, not "-0.00"


def show_bytes(data: bytes, *, visible: bool = False) -> str:
    """Bytes as text, with each piece that is not (yet) a whole UTF-8 character shown as ``⟨EC 9D⟩``;
    ``visible`` marks spaces and line breaks (``␣``, ``↵``), which a chart label would otherwise lose.

    >>> show_bytes(b" Paris", visible=True), show_bytes("의".encode()[:2] + b" x")
    ('␣Paris', '⟨EC 9D⟩ x')
    """
    shown = _visible if visible else str
    out: list[str] = []
    rest = data
    while rest:
        try:
            out.append(shown(rest.decode("utf-8")))
            break
        except UnicodeDecodeError as exc:
            out.append(shown(rest[: exc.start].decode("utf-8")))
            bad = rest[exc.start : exc.end]
            # A truncated character at the end is one run; a broken one in the middle is shown byte by byte.
            if exc.end == len(rest) and exc.reason == "unexpected end of data":
                bad = rest[exc.start :]
            out.append("⟨" + " ".join(f"{b:02X}" for b in bad) + "⟩")
            rest = rest[exc.start + len(bad) :]
    return "".join(out)


def split_incomplete(data: bytes) -> tuple[bytes, bytes]:
    """(whole characters, the bytes of an unfinished last character) of UTF-8 ``data``.

    >>> split_incomplete("가".encode() + "나".encode()[:2])
    (b'\\xea\\xb0\\x80', b'\\xeb\\x82')
    """
    for cut in range(1, min(4, len(data)) + 1):
        head, tail = data[:-cut], data[-cut:]
        lead = tail[0]
        need = 2 if lead >> 5 == 0b110 else 3 if lead >> 4 == 0b1110 else 4 if lead >> 3 == 0b11110 else 0
        if need:
            return (head, tail) if len(tail) < need else (data, b"")
        if lead >> 6 != 0b10:  # an ASCII byte: nothing unfinished after it
            return data, b""
    return data, b""


@dataclass(frozen=True)
class Candidate:
    """One possible next token with its probability (after the temperature) and the model's own log-prob."""

    token: int
    piece: bytes
    label: str  # as shown: text, ``⟨EC⟩`` for part of a character, ``…의`` for bytes that finish one
    logprob: float  # the model's log-probability (temperature 1)
    prob: float  # the probability under the chosen temperature
    special: bool = False
    completes: bool = False  # finishes a character whose first bytes are already in the text


@dataclass(frozen=True)
class Odds:
    """The next-token distribution after a text: its top candidates and how spread the whole of it is."""

    candidates: tuple[Candidate, ...]
    temperature: float
    entropy_bits: float  # of the whole distribution under the temperature
    rest: float  # probability of every token not listed

    @property
    def top(self) -> Candidate:
        return self.candidates[0]


def label_for(piece: bytes, *, pending: bytes = b"", special: bool = False) -> tuple[str, bool]:
    """How a token is shown after a text whose unfinished bytes are ``pending``; and whether it finishes
    that character.

    >>> label_for(b" Paris")
    ('␣Paris', False)
    >>> label_for("의".encode()[1:], pending="의".encode()[:1])
    ('…의', True)
    """
    if special:
        return "⟨" + piece.decode("utf-8", "replace") + "⟩", False
    if pending:
        whole, unfinished = split_incomplete(pending + piece)
        try:
            text = whole.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text and not unfinished:
            return "…" + _visible(text), True
    return show_bytes(piece, visible=True), False


def _visible(text: str) -> str:
    # Chart labels lose leading spaces and newlines; a space is what tells " Paris" from "Paris".
    return text.replace(" ", "␣").replace("\n", "↵").replace("\t", "⇥")


def next_logits(engine: Engine, tokens: Sequence[int]) -> np.ndarray:
    """The logits for the token after ``tokens`` (the start-of-document tokens are added here)."""
    return engine.logits([*engine.start(), *tokens])[-1]


def odds(
    engine: Engine,
    tokens: Sequence[int],
    *,
    temperature: float = 1.0,
    k: int = 10,
    logits: np.ndarray | None = None,
) -> Odds:
    """The ``k`` likeliest next tokens after ``tokens``; pass ``logits`` (from ``next_logits``) to reshape the
    same distribution for another temperature without running the model again."""
    if logits is None:
        logits = next_logits(engine, tokens)
    logprobs = log_softmax(logits)
    probs = with_temperature(logits, temperature)
    order = np.argsort(-np.asarray(logits), kind="stable")[:k]
    _, pending = split_incomplete(b"".join(engine.piece(t) for t in tokens if not engine.is_special(t)))
    candidates = []
    for token in (int(i) for i in order):
        special = engine.is_special(token)
        piece = engine.piece(token)
        label, completes = label_for(piece, pending=pending, special=special)
        candidates.append(
            Candidate(
                token=token,
                piece=piece,
                label=label,
                logprob=float(logprobs[token]),
                prob=float(probs[token]),
                special=special,
                completes=completes,
            )
        )
    shown = sum(c.prob for c in candidates)
    return Odds(
        candidates=tuple(candidates),
        temperature=temperature,
        entropy_bits=entropy(probs),
        rest=max(0.0, 1.0 - shown),
    )


def text_of(engine: Engine, tokens: Sequence[int]) -> str:
    """The text of ``tokens`` with an unfinished last character shown as bytes (``⟨EC⟩``)."""
    return show_bytes(b"".join(engine.piece(t) for t in tokens if not engine.is_special(t)))


def sample(logits: np.ndarray, temperature: float, rng: np.random.Generator) -> int:
    """One token drawn from ``softmax(logits / T)``; T = 0 is the argmax."""
    probs = with_temperature(logits, temperature)
    if temperature == 0:
        return int(np.argmax(probs))
    return int(rng.choice(len(probs), p=probs / probs.sum()))


def autocomplete(
    engine: Engine,
    tokens: Sequence[int],
    *,
    steps: int,
    temperature: float,
    rng: np.random.Generator,
    stop_at_special: bool = True,
) -> Iterator[tuple[int, float]]:
    """Sample ``steps`` tokens one at a time, yielding (token, the probability it had when it was drawn)."""
    context = list(tokens)
    for _ in range(steps):
        logits = next_logits(engine, context)
        token = sample(logits, temperature, rng)
        yield token, float(with_temperature(logits, temperature)[token])
        if stop_at_special and engine.is_special(token):
            return
        context.append(token)


def likeliest_character(engine: Engine, tokens: Sequence[int], token: int, *, max_tokens: int = 3) -> str:
    """The character(s) a byte token most likely becomes: follow the likeliest next tokens until the bytes
    from the unfinished character on form whole characters ("" if they do not within ``max_tokens``).

    Hangul in a byte-level tokenizer is often three tokens a syllable; this shows what the first one leads to.
    """
    context = [*tokens, token]
    _, before = split_incomplete(b"".join(engine.piece(t) for t in tokens if not engine.is_special(t)))
    tail = before + engine.piece(token)
    for _ in range(max_tokens + 1):
        whole, rest = split_incomplete(tail)
        if not rest:
            try:
                return whole.decode("utf-8")
            except UnicodeDecodeError:
                return ""
        if len(context) - len(tokens) > max_tokens:
            break
        nxt = int(np.argmax(next_logits(engine, context)))
        if engine.is_special(nxt):
            break
        context.append(nxt)
        tail += engine.piece(nxt)
    return ""


def segments(picks: Sequence[tuple[bytes, float]]) -> list[tuple[str, float, int]]:
    """Picked tokens as shown: runs that make whole characters merged (a Hangul syllable picked as three byte
    tokens is one ``"의"``), each with its joint probability and how many tokens it took; an unfinished last
    character stays as bytes.

    >>> b = "의".encode()
    >>> segments([(b" I", 0.5), (b[:1], 0.5), (b[1:], 0.5)])
    [(' I', 0.5, 1), ('의', 0.25, 2)]
    >>> segments([(b[:1], 0.5)])
    [('⟨EC⟩', 0.5, 1)]
    """
    out: list[tuple[str, float, int]] = []
    acc, p, n = b"", 1.0, 0
    for piece, prob in picks:
        acc, p, n = acc + piece, p * prob, n + 1
        whole, unfinished = split_incomplete(acc)
        if not unfinished:
            out.append((show_bytes(whole), p, n))
            acc, p, n = b"", 1.0, 0
    if n:
        out.append((show_bytes(acc), p, n))
    return out
