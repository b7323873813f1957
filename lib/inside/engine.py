"""What the Inside tool needs from a language model, and the built-in llama.cpp model behind it.

The tool only needs four things from an engine (``Engine``): turn text into token ids, say what bytes a
token stands for, the token(s) a document starts with, and the raw scores (logits) the model gives every
token of its vocabulary at every position of a token sequence. Everything else (probabilities, temperature,
sampling, the fill-the-blank ranking) is computed here from those logits, so it works with any local engine
that can give them; ``LlamaEngine`` is the one for llama-cpp-python.

This package never imports ``lib.chat``: the caller finds the model file (``lib.chat.local_llm.model_path``)
and passes it to ``load_llama``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from lib.core.llama_build import installed_batch_limit
from lib.core.models import shared_prefix

if TYPE_CHECKING:
    from llama_cpp import Llama

# Enough for a sentence or a paragraph: the page is about the next word, not long documents. A second,
# small context keeps the chat model's context (2048 tokens, logits for the last token only) untouched; with
# logits kept for every position its score table is CONTEXT_TOKENS x vocabulary floats (49,152 x 4 bytes
# a row for SmolLM2: 48 MB at 256 tokens, the weights themselves are shared through mmap).
CONTEXT_TOKENS = 256


class Engine(Protocol):
    """A language model as the Inside tool sees it."""

    def tokenize(self, text: str) -> list[int]:
        """Token ids of ``text``, without any start-of-document token."""
        ...

    def start(self) -> list[int]:
        """Tokens every document begins with (the model's separator), so the first word has a context."""
        ...

    def piece(self, token: int) -> bytes:
        """The bytes a token stands for (a special token's name, e.g. ``b"<|endoftext|>"``)."""
        ...

    def is_special(self, token: int) -> bool:
        """True for control tokens (end of text, chat markers) that are not text."""
        ...

    def logits(self, tokens: Sequence[int]) -> np.ndarray:
        """Scores for the token after each prefix: row ``i`` is the model's logits after ``tokens[: i + 1]``
        (shape ``len(tokens) x vocabulary``). Raises ``TooLong`` past the context."""
        ...


class TooLong(ValueError):
    """The text does not fit the engine's context window."""

    def __init__(self, tokens: int, limit: int) -> None:
        super().__init__(f"the text is {tokens} tokens; this view reads at most {limit}: shorten it")
        self.tokens = tokens
        self.limit = limit


class LlamaEngine:
    """A ``llama_cpp.Llama`` made with ``logits_all=True`` as an ``Engine``; thread-safe (one evaluation at
    a time), reusing the evaluated prefix shared with the previous call."""

    def __init__(self, llama: Llama, *, start_text: str = "<|endoftext|>") -> None:
        self.llama = llama
        self._lock = threading.Lock()
        self._pieces: dict[int, bytes] = {}
        # A GPT-style model learnt documents separated by its end-of-text token: that is the context of a
        # document's first word. Models that add a BOS token get that instead.
        start = llama.tokenize(start_text.encode(), add_bos=False, special=True)
        if len(start) == 1 and llama.detokenize(start, special=True) == start_text.encode():
            self._start = start
        else:
            self._start = [llama.token_bos()] if llama.token_bos() >= 0 else []

    def tokenize(self, text: str) -> list[int]:
        return self.llama.tokenize(text.encode("utf-8"), add_bos=False, special=False)

    def start(self) -> list[int]:
        return list(self._start)

    def piece(self, token: int) -> bytes:
        cached = self._pieces.get(token)
        if cached is None:
            cached = self._pieces[token] = self.llama.detokenize([token], special=True)
        return cached

    def is_special(self, token: int) -> bool:
        return not self.llama.detokenize([token], special=False) and bool(self.piece(token))

    @property
    def n_vocab(self) -> int:
        return self.llama.n_vocab()

    def logits(self, tokens: Sequence[int]) -> np.ndarray:
        tokens = [int(t) for t in tokens]
        limit = self.llama.n_ctx()
        if not tokens:
            raise ValueError("no tokens to score")
        if len(tokens) > limit:
            raise TooLong(len(tokens), limit)
        llama = self.llama
        with self._lock:
            same = shared_prefix(llama.input_ids[: llama.n_tokens].tolist(), tokens)
            # Re-evaluate at least the last two tokens. Measured with SmolLM2 Q4_1: a batch of two or more
            # gives bit-identical logits whatever was cached before, but one token evaluated alone after the
            # cache was cut back (as llama-cpp's generate() does on a full cache hit) moved log-probs by up to
            # 0.46, enough to reorder the bars. So the same text always shows the same odds.
            same = max(0, min(same, len(tokens) - 2))
            llama.n_tokens = same
            llama.eval(tokens[same:])
            return np.array(llama.scores[: len(tokens)], copy=True)


def load_llama(path: Path | str, *, n_ctx: int = CONTEXT_TOKENS, threads: int | None = None) -> Llama:
    """A llama.cpp model that keeps the logits of every position (what log-probabilities need)."""
    from llama_cpp import Llama

    # Half the cores (llama.cpp's own default), unlike the chat: this view evaluates 2-30 tokens at a time,
    # where a second thread gains little, and llama.cpp's threads spin on a barrier, which collapses on a
    # busy machine. Measured on 2 cores at load 8: a 2-token step took 0.84 s with 2 threads, 0.08 s with 1.
    threads = threads or max(1, (os.cpu_count() or 1) // 2)
    return Llama(
        model_path=str(path),
        n_ctx=n_ctx,
        n_batch=installed_batch_limit() or n_ctx,  # 1 on a native AMX build (lib.core.llama_build)
        logits_all=True,
        n_threads=threads,
        n_threads_batch=threads,
        verbose=False,
    )
