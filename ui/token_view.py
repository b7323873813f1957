"""The Tokenizer page's live parts: the text area with its in-browser token view, the shared link, the chart.

The browser tokenizes on every keystroke (``static/tokenizer/live-tokens.js``, built from
``frontend/tokenizer``: gpt-tokenizer's BPE over the very vocabulary files the server verified, served from
the app's static folder). Python still gets the text after each pause and computes counts, cost and the
compare table with tiktoken, so the two always agree. If the browser part cannot load, the page draws the view
on the server as before and says so in one line.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import streamlit as st

from lib.core.i18n import t
from lib.tokens import VocabularyUnavailable, browser, share
from lib.tokens import view as tok
from ui.live_text import live_text_area, set_live_text
from ui.state import kept

# Streamlit serves <app folder>/static at app/static/ when server.enableStaticServing is on (config.toml).
STATIC = Path(__file__).resolve().parents[1] / "static"
BUNDLE = STATIC / "tokenizer" / "live-tokens.js"
VOCAB_DIR = STATIC / "tokenizer" / "vocab"  # written at run time from tiktoken's cache; not in git
URL_PREFIX = "app/static/"

# The token view's own CSS (palette, dashed split characters, ids) plus the live parts'.
LIVE_CSS = (
    tok.VIEW_CSS + ".tk-count{font-size:.85rem;opacity:.8;margin:.45rem 0 .2rem}"
    ".tk-scroll{position:relative;max-height:26rem;overflow-y:auto;overscroll-behavior:contain}"
    ".tk-live.empty .tk-scroll{display:none}"
    ".tok-view{word-break:keep-all;overflow-wrap:anywhere}"
    ".tok-view .nw{white-space:nowrap}"
    ".tok-view span[data-i]{cursor:pointer}"
    ".tk-more{font-size:.8rem;opacity:.7;padding:.3rem 0;cursor:pointer}"
    ".tk-tip{position:absolute;z-index:2;max-width:90%;padding:.2rem .45rem;font-size:.8rem;"
    "font-family:ui-monospace,monospace;background:var(--st-text-color,#222);"
    "color:var(--st-background-color,#fff);border-radius:4px;pointer-events:none;overflow-wrap:anywhere}"
)
_SEEN_LINK = (
    "_tok_link_seen"  # the link parameters last applied or written, so a rerun does not re-apply them
)


@cache
def _bundle_version(size: int, mtime_ns: int) -> str:
    return hashlib.sha256(BUNDLE.read_bytes()).hexdigest()[:12]


@dataclass(frozen=True)
class LiveTokens:
    """The text, and who draws the token view."""

    text: str
    in_browser: bool  # the browser draws it: the page need not
    notice: str | None  # one line on why the server draws it, when the browser part could not load


def _addon(encoding: str, lang: str, show_ws: bool, show_ids: bool) -> tuple[dict | None, str | None]:
    if not st.get_option("server.enableStaticServing"):
        return None, "server.enableStaticServing is off"
    if not BUNDLE.is_file():
        return None, f"{BUNDLE.relative_to(STATIC.parent)} is missing"
    try:
        vocab = browser.publish(encoding, VOCAB_DIR)
    except (VocabularyUnavailable, OSError) as exc:
        return None, str(exc)
    stat = BUNDLE.stat()
    module = f"{URL_PREFIX}tokenizer/{BUNDLE.name}?v={_bundle_version(stat.st_size, stat.st_mtime_ns)}"
    return {
        "module": module,
        "options": {
            "vocab": {
                "name": encoding,
                "file": vocab.file,
                "url": f"{URL_PREFIX}tokenizer/vocab/{vocab.file}",
                "sha256": vocab.sha256,
            },
            "ws": show_ws,
            "ids": show_ids,
            "css": LIVE_CSS,
            "multi": t("tok.multi", lang, n="{n}"),
            "count": t("tok.live_count", lang, tokens="{tokens}", characters="{characters}"),
            "loading": t("tok.live_loading", lang, encoding=encoding),
            "more": t("tok.live_more", lang, n="{n}"),
        },
    }, None


def live_tokens(
    key: str, *, value: str, encoding: str, link: dict[str, str], show_ws: bool, show_ids: bool, lang: str
) -> LiveTokens:
    """The text area; below it, the token view drawn by the browser on every keystroke when it can."""
    addon, reason = _addon(encoding, lang, show_ws, show_ids)
    live = live_text_area(
        key,
        value=value,
        placeholder=t("tok.placeholder", lang),
        rows=5,
        label=t("tok.input_label", lang),
        addon=addon,
        link={
            "label": "🔗 " + t("tok.copy_link", lang),
            "copied": t("tok.link_copied", lang),
            "manual": t("tok.link_manual", lang),
            "too_long": t("tok.link_too_long", lang, n=share.LINK_MAX_CHARS),
            "text_param": "text",
            "max_chars": share.LINK_MAX_CHARS,
            "params": {k: v for k, v in link.items() if k != "text"},
        },
    )
    engine = live.engine or {}
    if engine.get("ok") is False:
        reason = engine.get("error") or "?"
    in_browser = addon is not None and engine.get("ok") is True
    notice = None if in_browser or reason is None else t("tok.fallback", lang, reason=reason[:160])
    return LiveTokens(live.text, in_browser, notice)


def open_shared_link(text_key: str) -> None:
    """Show what a link asks for (``?text=...&encoding=...&ws=1&ids=1``), once per link opened.

    Call before the page's widgets are drawn: it sets their values."""
    params = {k: st.query_params[k] for k in share.LINK_KEYS if k in st.query_params}
    if not params or params == st.session_state.get(_SEEN_LINK):
        return
    st.session_state[_SEEN_LINK] = params
    shared = share.parse_link(params)
    if shared.text is not None:
        set_live_text(text_key, shared.text)
    if shared.model:
        st.session_state[kept("tok.by")] = "model"
        st.session_state[kept("tok.model")] = shared.model
    elif shared.encoding:
        st.session_state[kept("tok.by")] = "encoding"
        st.session_state[kept("tok.encoding")] = shared.encoding
    st.session_state[kept("tok.ws")] = shared.show_whitespace
    st.session_state[kept("tok.ids")] = shared.show_ids


def write_link(params: dict[str, str]) -> None:
    """Keep the address bar a link to what the page shows (text only up to 2,000 characters)."""
    if params == st.session_state.get(_SEEN_LINK) and all(
        st.query_params.get(k) == v for k, v in params.items()
    ):
        return
    st.session_state[_SEEN_LINK] = params
    for k in share.LINK_KEYS:
        if k in params:
            st.query_params[k] = params[k]
        elif k in st.query_params:
            del st.query_params[k]


def compare_charts(rows: Sequence[tok.Comparison], text: str, lang: str) -> None:
    """The compare table as two bar charts: tokens for this text, and tokens per 1,000 characters."""
    rows = [r for r in rows if r.tokens is not None]
    if not text or not rows:
        return
    encoding = t("tok.col.encoding", lang)
    tokens, per_1k = t("tok.chart_tokens", lang), t("tok.chart_per_1k", lang)
    data = {
        encoding: [r.encoding for r in rows],
        tokens: [r.tokens for r in rows],
        per_1k: [round(r.tokens * 1000 / len(text), 1) for r in rows],
    }
    left, right = st.columns(2)
    for column, y in ((left, tokens), (right, per_1k)):
        column.caption(y)
        column.bar_chart(
            data, x=encoding, y=y, horizontal=True, sort=False, height=200, x_label="", y_label=""
        )
