"""Work kept on the server for one browser: a folder per unguessable id, written atomically, expiring, capped.

Layout under the store's root: ``<id>/work.json`` (every kept value as plain JSON) and ``<id>/blobs/<sha256>``
(image and media bytes, named by their content). Nothing is pickled: each tool turns its values into JSON
through explicit codecs (``lib.chat.kept``, ``lib.images.kept``, ``lib.audio.kept``) that copy only the fields
they list; bytes go through a ``Packer``. Known secrets are replaced in the text before it is written.

>>> import tempfile
>>> store = BrowserStore(Path(tempfile.mkdtemp()))
>>> who = new_id()
>>> packer = Packer()
>>> store.save(who, {"note": {"value": "hi", "blob": packer.put(b"png")}}, packer.blobs).written > 0
True
>>> saved = store.load(who)
>>> saved.entries["note"]["value"], saved.blob(saved.entries["note"]["blob"])
('hi', b'png')
>>> store.load(new_id()) is None  # another browser sees nothing
True
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets as _secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

FORMAT = 1
EXPIRY_S = 7 * 24 * 3600  # a week after the last save
CAP_BYTES = 64 * 2**20  # per browser: text and blobs together
WORK = "work.json"
BLOBS = "blobs"
_ID = re.compile(r"^[A-Za-z0-9_-]{32}$")
_BLOB = re.compile(r"^[0-9a-f]{64}$")


def new_id() -> str:
    """A fresh browser id: 24 random bytes (192 bits), URL-safe, 32 characters."""
    return _secrets.token_urlsafe(24)


def valid_id(value: object) -> bool:
    """True for an id this module could have made (a cookie is user input: never a path of its choosing)."""
    return isinstance(value, str) and bool(_ID.fullmatch(value))


class WorkTooLarge(ValueError):
    """The text alone is over the browser's cap; nothing was written."""


class Packer:
    """Collects the bytes of values being encoded; each is stored once, named by its sha256.

    A gallery is encoded at the end of every run that may have changed it: the sha256 of an image is
    remembered by the bytes object itself (bytes are immutable), so an unchanged gallery is not hashed again.
    """

    # id(bytes) -> (the bytes, kept alive so the id stays theirs, their sha256)
    _known: ClassVar[dict[int, tuple[bytes, str]]] = {}
    _KNOWN_MAX = 256

    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = {}  # in the order put: oldest first

    def put(self, data: bytes) -> str:
        known = Packer._known.get(id(data))
        if known is not None and known[0] is data:
            name = known[1]
        else:
            name = hashlib.sha256(data).hexdigest()
            if len(Packer._known) >= Packer._KNOWN_MAX:
                Packer._known.pop(next(iter(Packer._known)))
            Packer._known[id(data)] = (data, name)
        self.blobs[name] = data
        return name


@dataclass(frozen=True)
class Saved:
    """What one browser has kept: its entries (JSON), when they were saved, and their blobs on demand."""

    entries: dict[str, Any]
    saved_at: float
    folder: Path

    def blob(self, name: object) -> bytes | None:
        """The bytes named ``name``; None when they were dropped under the cap (or never kept)."""
        if not isinstance(name, str) or not _BLOB.fullmatch(name):
            return None
        try:
            return (self.folder / BLOBS / name).read_bytes()
        except OSError:
            return None


@dataclass(frozen=True)
class Report:
    """What a save wrote: bytes in total, and the blobs left out (oldest first) to stay under the cap."""

    written: int
    dropped: tuple[str, ...] = field(default=())


def _atomic_write(path: Path, data: bytes) -> None:
    # A reader (a reload in another tab) sees the old file or the new one, never half of one.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class BrowserStore:
    """One folder per browser id under ``root``; a week after its last save a folder is gone."""

    def __init__(
        self,
        root: Path,
        *,
        expiry_s: float = EXPIRY_S,
        cap_bytes: int = CAP_BYTES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.root, self.expiry_s, self.cap_bytes, self.clock = Path(root), expiry_s, cap_bytes, clock

    def _folder(self, browser_id: str) -> Path:
        if not valid_id(browser_id):
            raise ValueError("not a browser id")
        return self.root / browser_id

    def load(self, browser_id: str) -> Saved | None:
        """The browser's kept work; None when there is none, it expired (then deleted) or is unreadable."""
        folder = self._folder(browser_id)
        try:
            doc = json.loads((folder / WORK).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if (
            not isinstance(doc, dict)
            or doc.get("format") != FORMAT
            or not isinstance(doc.get("entries"), dict)
        ):
            return None
        saved_at = float(doc.get("saved_at") or 0)
        if self.clock() - saved_at > self.expiry_s:
            self.forget(browser_id)
            return None
        return Saved(entries=doc["entries"], saved_at=saved_at, folder=folder)

    def save(
        self,
        browser_id: str,
        entries: dict[str, Any],
        blobs: dict[str, bytes],
        *,
        secrets: Iterable[str | None] = (),
    ) -> Report:
        """Write ``entries`` (JSON) and ``blobs`` for this browser, replacing what it kept before.

        Blobs over the cap are left out, oldest first (a decoder treats a missing blob as a value not kept);
        any of ``secrets`` found in the text is replaced, so a key pasted into a chat is not kept either.
        """
        folder = self._folder(browser_id)
        text = json.dumps(
            {"format": FORMAT, "saved_at": self.clock(), "entries": entries}, ensure_ascii=False
        )
        for secret in secrets:
            if secret and len(secret) >= 8:
                text = text.replace(secret, "[redacted]")
        body = text.encode("utf-8")
        if len(body) > self.cap_bytes:
            raise WorkTooLarge(f"{len(body)} bytes of text, over the cap of {self.cap_bytes}")
        room = self.cap_bytes - len(body)
        kept: dict[str, bytes] = {}
        dropped: list[str] = []
        for name in reversed(list(blobs)):  # the newest first get the room
            data = blobs[name]
            if len(data) <= room:
                kept[name], room = data, room - len(data)
            else:
                dropped.append(name)
        (folder / BLOBS).mkdir(parents=True, exist_ok=True)
        for name, data in kept.items():
            path = folder / BLOBS / name
            if not path.exists():
                _atomic_write(path, data)
        _atomic_write(folder / WORK, body)
        for path in (folder / BLOBS).iterdir():  # what no entry refers to any more
            if path.name not in kept:
                with contextlib.suppress(OSError):
                    path.unlink()
        return Report(written=len(body) + sum(map(len, kept.values())), dropped=tuple(reversed(dropped)))

    def forget(self, browser_id: str) -> None:
        """Delete everything this browser kept."""
        shutil.rmtree(self._folder(browser_id), ignore_errors=True)

    def prune(self) -> int:
        """Delete the folders of every browser whose work expired; returns how many."""
        gone = 0
        if not self.root.is_dir():
            return 0
        for folder in self.root.iterdir():
            if not valid_id(folder.name):
                continue
            try:
                age = self.clock() - (folder / WORK).stat().st_mtime
            except OSError:
                age = self.clock() - folder.stat().st_mtime
            if age > self.expiry_s:
                shutil.rmtree(folder, ignore_errors=True)
                gone += 1
        return gone
