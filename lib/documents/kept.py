"""The Documents index as plain JSON plus its vectors' bytes, for the work kept across a reload.

Only the listed fields are copied (no pickle): the document's text and pages, the pieces, the vectors (float32
bytes in the store, with their shape here) and the questions asked. An index whose vectors were left out of
the store comes back split but not embedded, so the page asks to embed again rather than showing wrong scores.

>>> import numpy as np
>>> from lib.documents.extract import Extracted
>>> from lib.documents.split import Piece
>>> blobs = {}
>>> def put(data): blobs["v"] = data; return "v"
>>> index = DocumentIndex(Extracted("a.txt", "txt", "Hi. Bye."), "d1", 3, 200, 20,
...     [Piece(1, 0, 3, "Hi.", 2), Piece(2, 4, 8, "Bye.", 2)],
...     Embedding("e5", np.eye(2, dtype=np.float32)),
...     [Answer("hi?", [Hit(1, 0.9)], "m", "Hi [1]", None, [1], [1])])
>>> back = index_from_json(index_to_json(index, put), blobs.get)
>>> back.pieces == index.pieces and back.embedded and back.answers[0].hits == [Hit(1, 0.9)]
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from lib.documents.extract import Extracted
from lib.documents.index import Answer, DocumentIndex, Embedding, Hit
from lib.documents.split import Piece


def _ints(values: Any) -> list[int]:
    return [int(v) for v in values or []]


def index_to_json(index: DocumentIndex, put: Callable[[bytes], str]) -> dict[str, Any]:
    source = index.source
    embedding = index.embedding
    return {
        "source": {
            "name": source.name,
            "kind": source.kind,
            "text": source.text,
            "page_starts": list(source.page_starts),
        },
        "digest": index.digest,
        "text_tokens": index.text_tokens,
        "size": index.size,
        "overlap": index.overlap,
        "pieces": [[p.number, p.start, p.end, p.text, p.tokens, p.page] for p in index.pieces],
        "embedding": None
        if embedding is None
        else {
            "model": embedding.model,
            "blob": put(np.ascontiguousarray(embedding.vectors, dtype=np.float32).tobytes()),
            "shape": list(embedding.vectors.shape),
            "seconds": embedding.seconds,
            "api": embedding.api,
            "tokens": embedding.tokens,
        },
        "answers": [
            {
                "question": a.question,
                "hits": [[h.number, h.score] for h in a.hits],
                "model": a.model,
                "grounded": a.grounded,
                "plain": a.plain,
                "cited": list(a.cited),
                "given": list(a.given),
                "query": None if a.query_vector is None else [float(v) for v in a.query_vector],
            }
            for a in index.answers
        ],
    }


def index_from_json(data: dict[str, Any], blob: Callable[[str], bytes | None]) -> DocumentIndex:
    source = data["source"]
    index = DocumentIndex(
        source=Extracted(
            str(source["name"]),
            str(source["kind"]),
            str(source["text"]),
            tuple(_ints(source.get("page_starts")) or [0]),
        ),
        digest=str(data["digest"]),
        text_tokens=int(data.get("text_tokens") or 0),
        size=int(data.get("size") or 0),
        overlap=int(data.get("overlap") or 0),
        pieces=[Piece(int(n), int(s), int(e), str(t), int(k), int(p)) for n, s, e, t, k, p in data["pieces"]],
    )
    stored = data.get("embedding")
    raw = blob(stored.get("blob")) if isinstance(stored, dict) else None
    if raw is None:
        return index  # split, not embedded: the vectors were not kept
    shape = tuple(_ints(stored.get("shape")))
    index.embedding = Embedding(
        model=str(stored.get("model") or ""),
        vectors=np.frombuffer(raw, dtype=np.float32).reshape(shape).copy(),
        seconds=float(stored.get("seconds") or 0),
        api=bool(stored.get("api")),
        tokens=int(stored.get("tokens") or 0),
    )
    index.answers = [
        Answer(
            question=str(a["question"]),
            hits=[Hit(int(n), float(score)) for n, score in a.get("hits") or []],
            model=str(a.get("model") or ""),
            grounded=str(a.get("grounded") or ""),
            plain=a["plain"] if isinstance(a.get("plain"), str) else None,
            cited=_ints(a.get("cited")),
            given=_ints(a.get("given")),
            query_vector=None if a.get("query") is None else np.asarray(a["query"], dtype=np.float32),
        )
        for a in data.get("answers") or []
    ]
    return index
