"""Steps 3-4 kept together: the document, its pieces and their vectors (one plain dataclass, kept under one
session-state key), cosine search over them with numpy, and a 2-D map of the vectors (PCA).

For a classroom document (hundreds to a few thousand pieces) an exact search is one matrix-vector product
(under a millisecond for 1,000 x 384), so no vector database is needed and every score is exact.

>>> vectors = np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]], dtype=np.float32)
>>> [(h.number, round(h.score, 2)) for h in top_pieces(vectors, np.array([1.0, 0.0]), k=2)]
[(1, 1.0), (2, 0.6)]
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from lib.documents.extract import Extracted
from lib.documents.split import Piece


@dataclass
class Embedding:
    """The vectors of the pieces (one normalised row each, in piece order) and the model that made them."""

    model: str
    vectors: np.ndarray
    seconds: float = 0.0
    api: bool = False  # True when the vectors came from a paid API (the page then shows the cost)
    tokens: int = 0

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1]) if self.vectors.ndim == 2 and len(self.vectors) else 0


@dataclass
class Answer:
    """One question and what came of it: the pieces found, and the answers with and without them."""

    question: str
    hits: list[Hit]
    model: str = ""
    grounded: str = ""
    plain: str | None = None  # the same question without the document, when asked
    cited: list[int] = field(default_factory=list)
    given: list[int] = field(default_factory=list)  # the pieces that went into the prompt
    query_vector: np.ndarray | None = None


@dataclass
class DocumentIndex:
    """Everything the Documents page built for one file: extracted text, pieces (with the settings that made
    them), their embedding, and the questions asked so far."""

    source: Extracted
    digest: str
    text_tokens: int = 0
    size: int = 0
    overlap: int = 0
    pieces: list[Piece] = field(default_factory=list)
    embedding: Embedding | None = None
    answers: list[Answer] = field(default_factory=list)

    def resplit(self, size: int, overlap: int, pieces: list[Piece]) -> None:
        """New pieces: the old vectors and answers no longer match them."""
        self.size, self.overlap, self.pieces = size, overlap, pieces
        self.embedding = None
        self.answers = []

    @property
    def embedded(self) -> bool:
        return self.embedding is not None and len(self.embedding.vectors) == len(self.pieces)


@dataclass(frozen=True)
class Hit:
    """A piece found for a question: its number (from 1) and its cosine similarity."""

    number: int
    score: float


def top_pieces(vectors: np.ndarray, query: np.ndarray, k: int = 3) -> list[Hit]:
    """The ``k`` pieces most similar to ``query`` (all vectors normalised), best first."""
    if len(vectors) == 0:
        return []
    scores = vectors @ np.asarray(query, dtype=np.float32)
    k = min(k, len(scores))
    best = np.argpartition(-scores, k - 1)[:k]
    best = best[np.argsort(-scores[best], kind="stable")]
    return [Hit(number=int(i) + 1, score=float(scores[i])) for i in best]


def pca_2d(vectors: np.ndarray, extra: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """The vectors projected on their two main directions (PCA by SVD), and ``extra`` (a question's
    vector) projected the same way, so it lands among the pieces it resembles.

    >>> points, _ = pca_2d(np.array([[1.0, 0, 0], [2.0, 0, 0], [3.0, 0, 0]]))
    >>> points.shape, bool(np.allclose(points[:, 1], 0))
    ((3, 2), True)
    """
    data = np.asarray(vectors, dtype=np.float64)
    mean = data.mean(axis=0)
    centred = data - mean
    if len(data) < 2:
        return np.zeros((len(data), 2)), None if extra is None else np.zeros((len(extra), 2))
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    axes = vt[:2]
    if axes.shape[0] < 2:
        axes = np.vstack([axes, np.zeros_like(axes[0])])
    points = centred @ axes.T
    placed = None if extra is None else (np.atleast_2d(extra) - mean) @ axes.T
    return points, placed
