"""The sample document: a made-up camp notice in Korean and English (``assets/documents``), whose facts no
model can know, so the answer without it shows a hallucination."""

from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "assets" / "documents"


def sample(lang: str) -> tuple[str, bytes]:
    """(file name, bytes) of the sample in ``lang`` (English for anything but Korean)."""
    path = SAMPLES / ("sample_ko.md" if lang == "ko" else "sample_en.md")
    return path.name, path.read_bytes()
