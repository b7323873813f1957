"""Korean and English strings for everything a user sees: one ``t(key, lang, **values)`` over one table.

>>> t("nav.tokenizer", "ko"), t("nav.tokenizer", "en")
('토크나이저', 'Tokenizer')
>>> t("home.world", "en", provider="OpenAI")
'Current provider: **OpenAI**. Change it in the sidebar.'

Each tool keeps its own strings next to its code (``lib/chat/strings.py``, ``lib/images/strings.py``, ...;
the shell's are in ``lib/core/strings.py``) and registers them here when its package is imported: the tool's
``__init__`` imports its ``strings`` module, which ends with ``register("lib.chat", STRINGS)``.

Why explicit registration rather than this module importing every tool's table by name: ``lib.core`` is the
bottom layer and must not know the tools (import-linter checks it; a lookup by name through importlib would
hide the same dependency from the checker). Registration is still complete wherever it matters, because a key
can only reach ``t`` from code that imported its tool: a tool's own modules (importing ``lib.chat.export``
runs ``lib/chat/__init__.py`` first), or a page or ``ui`` module that imports the tool to use it. A key whose
table was never registered raises a ``KeyError`` that names the package to import.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from lib.core import strings as _shell

Lang = Literal["ko", "en"]
LANGUAGES: dict[Lang, str] = {"ko": "한국어", "en": "English"}
DEFAULT_LANG: Lang = "ko"

# Every registered string, merged; read it, never write it (``register`` is the one way in).
STRINGS: dict[str, dict[Lang, str]] = {}
_OWNER: dict[str, str] = {}  # key -> the package whose table holds it


class DuplicateKey(ValueError):
    """Two tables define the same key: one of them has to rename it."""


def register(owner: str, table: Mapping[str, dict[Lang, str]]) -> None:
    """Merge ``owner``'s table (e.g. ``"lib.chat"``) into the one table; a key another owner has raises.

    Registering the same owner again replaces its table, so reloading a strings module is harmless.

    >>> register("lib.example", {"app.title": {"ko": "제목", "en": "Title"}})
    Traceback (most recent call last):
    ...
    lib.core.i18n.DuplicateKey: "app.title" is in both lib.core and lib.example; rename one of them
    """
    clashes = sorted(key for key in table if _OWNER.get(key, owner) != owner)
    if clashes:
        key = clashes[0]
        raise DuplicateKey(f'"{key}" is in both {_OWNER[key]} and {owner}; rename one of them')
    for key in [key for key, had in _OWNER.items() if had == owner and key not in table]:
        del STRINGS[key], _OWNER[key]
    STRINGS.update(table)
    _OWNER.update(dict.fromkeys(table, owner))


def owner_of(key: str) -> str:
    """The package whose table holds ``key``.

    >>> owner_of("nav.home")
    'lib.core'
    """
    return _OWNER[key]


def format_amount(value: float) -> str:
    """A count or a number of minutes as shown to users: "40,000", "9.8".

    >>> format_amount(40000), format_amount(9.75), format_amount(10.0)
    ('40,000', '9.8', '10')
    """
    return f"{value:,.1f}" if isinstance(value, float) and not value.is_integer() else f"{int(value):,}"


def t(key: str, lang: str, /, **values: object) -> str:
    """The string ``key`` in ``lang`` (falling back to English), with ``values`` filled in."""
    try:
        entry = STRINGS[key]
    except KeyError:
        registered = ", ".join(sorted(set(_OWNER.values())))
        raise KeyError(
            f'no string "{key}": import the tool package whose strings.py has it (registered so far: '
            f"{registered}), or add it to one"
        ) from None
    text = entry.get(lang) or entry["en"]  # type: ignore[call-overload]
    return text.format(**values) if values else text


def normalise_lang(value: str | None) -> Lang:
    """A supported language from a locale such as "ko-KR" or "en_US": Korean for Korean, else English.

    >>> normalise_lang("ko-KR"), normalise_lang("fr-FR"), normalise_lang(None)
    ('ko', 'en', 'ko')
    """
    if not value:
        return DEFAULT_LANG
    return "ko" if value.lower().startswith("ko") else "en"


register("lib.core", _shell.STRINGS)
