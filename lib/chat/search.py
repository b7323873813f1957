"""Grounding with search: the Responses ``web_search`` tool and the sources an answer cites.

A source comes from a ``url_citation`` annotation on the answer's text (streamed as
``response.output_text.annotation.added``, and again on the completed response) or from the
``web_search_call`` item's ``action.sources`` (asked for with ``include``). Only http(s) addresses are kept:
a link the page draws must not be a ``javascript:`` one.

>>> sources_from_output([{"type": "message", "content": [{"type": "output_text", "text": "x",
...     "annotations": [{"type": "url_citation", "url": "https://example.org/a", "title": "A",
...                      "start_index": 0, "end_index": 1}]}]}])
(Source(url='https://example.org/a', title='A'),)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

WEB_SEARCH_TOOL: dict[str, str] = {"type": "web_search"}
INCLUDE_SOURCES = "web_search_call.action.sources"
# Tokens booked for what a search puts into the prompt (OpenAI bills search content as input tokens; a
# "medium" search context is several thousand). The booking is settled from the answer's real usage.
SEARCH_ALLOWANCE_TOKENS = 8_000


@dataclass(frozen=True)
class Source:
    """One web page an answer rests on."""

    url: str
    title: str = ""

    @property
    def label(self) -> str:
        return self.title.strip() or (urlsplit(self.url).hostname or self.url)


def _get(value: Any, name: str) -> Any:
    return value.get(name) if isinstance(value, Mapping) else getattr(value, name, None)


def safe_url(url: Any) -> str | None:
    """The address when it is http(s) with a host, else None.

    >>> safe_url("javascript:alert(1)"), safe_url("https://example.org/x")
    (None, 'https://example.org/x')
    """
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.hostname else None


def source_of(annotation: Any) -> Source | None:
    """The source a ``url_citation`` annotation names; None for any other annotation."""
    if _get(annotation, "type") != "url_citation":
        return None
    url = safe_url(_get(annotation, "url"))
    return Source(url, str(_get(annotation, "title") or "")) if url else None


def sources_from_output(output: Iterable[Any] | None) -> tuple[Source, ...]:
    """Every source of a response's ``output``: citations in its messages, then the searches' sources."""
    found: list[Source] = []
    for item in output or ():
        kind = _get(item, "type")
        if kind == "message":
            for part in _get(item, "content") or ():
                for annotation in _get(part, "annotations") or ():
                    source = source_of(annotation)
                    if source is not None:
                        found.append(source)
        elif kind == "web_search_call":
            for raw in _get(_get(item, "action"), "sources") or ():
                url = safe_url(_get(raw, "url"))
                if url:
                    found.append(Source(url))
    return merge((), found)


def merge(known: Iterable[Source], more: Iterable[Source]) -> tuple[Source, ...]:
    """Sources in first-seen order, one per address; a title found later fills an empty one."""
    by_url: dict[str, Source] = {}
    for source in [*known, *more]:
        had = by_url.get(source.url)
        if had is None or (not had.title and source.title):
            by_url[source.url] = source if had is None else Source(had.url, source.title)
    return tuple(by_url.values())
