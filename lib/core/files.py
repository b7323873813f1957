"""Small helpers for files a user downloads."""

from __future__ import annotations

import re
import unicodedata

_UNSAFE = re.compile(r"[^\w\-.]+", re.UNICODE)


def safe_filename(stem: str, extension: str, *, limit: int = 60) -> str:
    """A file name safe on every OS, keeping Korean letters: no path separators, controls or dots in front.

    >>> safe_filename("../../etc/passwd <script>", "png")
    'etc_passwd_script.png'
    >>> safe_filename("고양이, 골든 아워", "png")
    '고양이_골든_아워.png'
    """
    text = unicodedata.normalize("NFC", stem)
    text = _UNSAFE.sub("_", text).strip("._-")
    text = re.sub(r"_+", "_", text)[:limit].rstrip("._-") or "file"
    return f"{text}.{extension.lstrip('.').lower()}"
