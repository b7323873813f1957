"""The vocabularies as a browser gets them: each verified tiktoken file, gzipped once into a static folder.

The Tokenizer page tokenizes in the browser on every keystroke (``static/tokenizer/live-tokens.js``, built
from ``frontend/tokenizer``). Its ranks come from the same files the server uses: ``ensure_vocabulary`` writes
and checks each one in tiktoken's cache, and ``publish`` gzips that file byte for byte under a name that
carries its sha256, so a browser may cache it for good and checks the hash again after unpacking. Nothing is
fetched from outside the app.

>>> import tempfile, pathlib
>>> v = publish("r50k_base", pathlib.Path(tempfile.mkdtemp()))
>>> v.file, v.sha256 == VOCABULARIES["r50k_base"].sha256, 300_000 < v.size < 450_000
('r50k_base-306cd27f03c1a714.tiktoken.gz', True, True)
"""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from lib.tokens.vocab import VOCABULARIES, ensure_vocabulary


@dataclass(frozen=True)
class PublishedVocabulary:
    """One vocabulary file as served to browsers."""

    encoding: str
    file: str  # its name in the static folder
    sha256: str  # of the unpacked file: tiktoken's own expected hash
    size: int  # bytes a browser downloads


_lock = threading.Lock()
_checked: dict[Path, int] = {}  # gzip files this process has unpacked and hashed -> their size


def _matches(path: Path, sha256: str) -> bool:
    try:
        return hashlib.sha256(gzip.decompress(path.read_bytes())).hexdigest() == sha256
    except (OSError, EOFError, gzip.BadGzipFile):
        return False


def publish(encoding: str, folder: Path) -> PublishedVocabulary:
    """Gzip the verified vocabulary of ``encoding`` into ``folder`` unless an intact copy is there.

    Raises ``VocabularyUnavailable`` (no vocabulary) or ``OSError`` (the folder cannot be written).
    """
    vocab = VOCABULARIES[encoding]
    source = ensure_vocabulary(encoding)
    target = folder / f"{encoding}-{vocab.sha256[:16]}.tiktoken.gz"
    with _lock:
        if _checked.get(target) is None or not target.is_file() or target.stat().st_size != _checked[target]:
            if not _matches(target, vocab.sha256):
                folder.mkdir(parents=True, exist_ok=True)
                tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
                # mtime=0: the same bytes on every machine, so the file name (its hash) tells it all.
                tmp.write_bytes(gzip.compress(source.read_bytes(), compresslevel=9, mtime=0))
                os.replace(tmp, target)
            _checked[target] = target.stat().st_size
    return PublishedVocabulary(encoding, target.name, vocab.sha256, _checked[target])
