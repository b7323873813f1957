"""Step 1, upload: the text of a PDF, DOCX, TXT or Markdown file, page by page, with the limits said up front.

PDF text comes from ``pypdf`` (pure Python, maintained, no system libraries), DOCX from ``python-docx``; plain
text is read as UTF-8, else as CP949 (what Korean Windows saves "ANSI" text in). Text is normalised to NFC,
so a Hangul syllable is one character (some PDFs store it as separate jamo), and control characters that
PDF text layers leave behind (NUL between glyphs, seen with CID fonts) are dropped.

>>> doc = extract("notes.md", "# 제목\\n\\n본문입니다.".encode())
>>> doc.kind, doc.pages, doc.text
('md', 1, '# 제목\\n\\n본문입니다.')
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

# Said on the page before anything is read; a class laptop handles these in seconds to a minute.
MAX_BYTES = 20 * 1024 * 1024
MAX_PAGES = 300
MAX_CHARS = 1_000_000
KINDS = ("pdf", "docx", "txt", "md")

Progress = Callable[[int, int], None]  # (done, total)


class DocumentError(ValueError):
    """A file that cannot be used; ``key`` is the i18n key of the message, ``values`` fill it in."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class Extracted:
    """The text of one file, and where each page starts in it (character offsets, first page at 0)."""

    name: str
    kind: str
    text: str
    page_starts: tuple[int, ...] = (0,)

    @property
    def pages(self) -> int:
        return len(self.page_starts)

    def page_of(self, offset: int) -> int:
        """The 1-based page that holds character ``offset``.

        >>> Extracted("a.pdf", "pdf", "ab\\n\\ncd", (0, 4)).page_of(5)
        2
        """
        page = 1
        for number, start in enumerate(self.page_starts, start=1):
            if start <= offset:
                page = number
        return page


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean(text: str) -> str:
    """NFC, no control characters, single spaces, at most one blank line in a row.

    >>> clean("a\\x00b  c\\u3000d\\r\\n\\n\\n\\ne")
    'ab c d\\n\\ne'
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def kind_of(name: str) -> str:
    """The kind of a file by its extension; raises ``DocumentError`` for anything else."""
    suffix = PurePath(name).suffix.lower().lstrip(".")
    kind = "md" if suffix in ("md", "markdown") else suffix
    if kind not in KINDS:
        raise DocumentError("doc.err.kind", name=name)
    return kind


def _join(name: str, kind: str, pages: list[str]) -> Extracted:
    starts, parts, offset = [], [], 0
    for page in pages:
        starts.append(offset)
        parts.append(page)
        offset += len(page) + 2  # the blank line between pages
    text = "\n\n".join(parts)
    if len(text) > MAX_CHARS:
        raise DocumentError("doc.err.too_long", chars=len(text), limit=MAX_CHARS)
    if not text.strip():
        raise DocumentError("doc.err.no_text" if kind == "pdf" else "doc.err.empty", name=name)
    return Extracted(name=name, kind=kind, text=text, page_starts=tuple(starts))


def _pdf(data: bytes, progress: Progress | None) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("doc.err.encrypted")
        total = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise DocumentError("doc.err.unreadable", detail=type(exc).__name__) from exc
    if total > MAX_PAGES:
        raise DocumentError("doc.err.too_many_pages", pages=total, limit=MAX_PAGES)
    pages = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            pages.append(clean(page.extract_text() or ""))
        except (PdfReadError, ValueError, KeyError, TypeError):  # one broken page: keep the others
            pages.append("")
        if progress is not None:
            progress(number, total)
    return pages


def _docx(data: bytes) -> list[str]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, ValueError, KeyError) as exc:
        raise DocumentError("doc.err.unreadable", detail=type(exc).__name__) from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:  # tables hold much of a school notice's facts
        lines.extend(" | ".join(cell.text for cell in row.cells) for row in table.rows)
    return [clean("\n".join(lines))]


def _plain(data: bytes) -> list[str]:
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return [clean(data.decode(encoding))]
        except UnicodeDecodeError:
            continue
    raise DocumentError("doc.err.encoding")


def extract(name: str, data: bytes, progress: Progress | None = None) -> Extracted:
    """The text of the file ``name`` holding ``data``; ``progress(done, total)`` after each page.

    Raises ``DocumentError`` for an unknown kind, a file over the limits, an unreadable or encrypted file, or
    one with no text layer (a scanned PDF)."""
    kind = kind_of(name)
    if len(data) > MAX_BYTES:
        raise DocumentError("doc.err.too_big", mb=round(len(data) / 2**20, 1), limit=MAX_BYTES // 2**20)
    if kind == "pdf":
        pages = _pdf(data, progress)
    else:
        pages = _docx(data) if kind == "docx" else _plain(data)
        if progress is not None:
            progress(1, 1)
    return _join(name, kind, pages)
