"""The app's resident memory with every built-in engine loaded in one process, as a Streamlit server that has
served every page holds them (each engine is cached once per process), against Streamlit Community Cloud's
limit of about 2.7 GB.

Run: python bench/memory.py
Steps, in the order a class might open the pages: the app's modules (Streamlit, the SDK, lib, ui); the
tokenizer's four encodings; the built-in chat model (SmolLM2-135M, one short answer); the Inside page's own
llama.cpp context of the same GGUF (it keeps every position's logits); Whisper base and tiny.en (the 11 s JFK
sample transcribed by base); the Documents embedding model (multilingual-e5-small, 20 passages). Each row is
the resident set (VmRSS) after the step, what the step added, and the peak so far (VmHWM). The last line is
the ratio of the peak to Community Cloud's limit.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CLOUD_LIMIT_MB = 2.7 * 1024
ROOT = Path(__file__).resolve().parents[1]
_kept: list[object] = []  # what the app would keep in st.cache_resource: nothing is freed between steps


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _modules() -> None:
    import openai  # noqa: F401
    import streamlit  # noqa: F401

    import lib.audio
    import lib.chat
    import lib.documents
    import lib.inside
    import lib.tokens
    import ui.paid  # noqa: F401

    _kept.extend([lib.audio, lib.chat, lib.documents, lib.inside, lib.tokens])


def _tokenizer() -> None:
    from lib.tokens.view import available_encodings, encode

    for name in available_encodings():
        encode(name, "음식이 맛있어요. The food was delicious.")


def _chat() -> None:
    from lib.chat import local_llm

    client = local_llm.LocalClient(local_llm.load())
    client.chat.completions.create(
        model="x", messages=[{"role": "user", "content": "안녕하세요"}], max_tokens=16, temperature=0
    )
    _kept.append(client)


def _inside() -> None:
    from lib.chat import local_llm
    from lib.inside.engine import load_llama

    _kept.append(load_llama(local_llm.model_path()))


def _whisper() -> None:
    from lib.audio import local_whisper

    base = local_whisper.load("base")
    segments, _info = base.transcribe(str(ROOT / "assets" / "jfk.flac"), language="en")
    list(segments)
    _kept.extend([base, local_whisper.load("tiny.en")])


def _embeddings() -> None:
    from lib.documents.embed import LocalEmbedder

    embedder = LocalEmbedder()
    embedder.passages([f"문단 {i}: 배달 음식 리뷰와 교실 자료." for i in range(20)])
    _kept.append(embedder)


STEPS: list[tuple[str, Callable[[], None]]] = [
    ("app modules (Streamlit, openai, lib, ui)", _modules),
    ("tokenizer: 4 encodings", _tokenizer),
    ("chat: SmolLM2-135M + one answer", _chat),
    ("Inside: a second llama.cpp context", _inside),
    ("Whisper base (JFK 11 s) + tiny.en", _whisper),
    ("Documents: multilingual-e5-small", _embeddings),
]


def main() -> None:
    start = _status_mb("VmRSS")
    print("| step | RSS MB | added MB | peak MB | seconds |\n|---|---|---|---|---|")
    print(f"| python | {start:.0f} | | | |")
    before = start
    for name, step in STEPS:
        began = time.perf_counter()
        try:
            step()
        except Exception as exc:  # an engine missing on this machine: say so and go on with the others
            print(f"| {name} | skipped: {type(exc).__name__}: {exc} | | | |")
            continue
        rss = _status_mb("VmRSS")
        print(
            f"| {name} | {rss:.0f} | {rss - before:+.0f} | {_status_mb('VmHWM'):.0f} "
            f"| {time.perf_counter() - began:.1f} |"
        )
        before = rss
    peak = _status_mb("VmHWM")
    print(
        f"\nall engines loaded: {_status_mb('VmRSS'):.0f} MB resident, peak {peak:.0f} MB; "
        f"peak / Community Cloud's {CLOUD_LIMIT_MB:.0f} MB = {peak / CLOUD_LIMIT_MB:.2f}"
    )


if __name__ == "__main__":
    main()
