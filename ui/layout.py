"""The app's one stylesheet (phones at 390 px, projectors at 1366 px, Korean line breaking) and a table that
stacks its rows on a narrow screen. The entrypoint calls ``apply(lang)`` once per run, before the page.

Streamlit draws some widgets for a wide screen only: pills and segmented controls inside a column scroll
sideways instead of wrapping, button and metric labels end in "…", a data grid's toolbar sits on the line
above it. Each rule below undoes one of these, measured in chromium at 390x844 and 1366x768
(tests/test_browser_layout.py fails when one comes back).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import streamlit as st

from lib.core.i18n import Lang

MAIN = '[data-testid="stMain"]'

LAYOUT_CSS = f"""
/* Chips (st.pills) and segmented controls wrap to the next line instead of scrolling sideways. */
{MAIN} [data-testid="stButtonGroup"] > div {{ flex-wrap: wrap; overflow-x: visible; }}
/* Buttons, chips and metric labels keep their whole label: a long one wraps inside the button instead of
   ending in an ellipsis. */
{MAIN} :is(.stButton, .stDownloadButton, .stFormSubmitButton, [data-testid="stButtonGroup"]) button {{
  max-width: 100%; height: auto;
}}
{MAIN} :is(.stButton, .stDownloadButton, .stFormSubmitButton, [data-testid="stButtonGroup"]) button *,
{MAIN} [data-testid="stMetricLabel"] * {{ white-space: normal; overflow: visible; text-overflow: clip; }}
/* A data grid's toolbar (search, download, full screen) appears above the grid: leave it room there, so it
   never covers the heading written just before the table. */
{MAIN} [data-testid="stElementContainer"]:has([data-testid="stDataFrame"]) {{ padding-top: 2.25rem; }}
/* A read-only text box meant to be read (e.g. Whisper's full text) in the text colour, not greyed out. */
{MAIN} [class*="st-key-read_"] textarea:disabled {{
  color: inherit; -webkit-text-fill-color: currentColor; opacity: 1; cursor: text;
}}
/* The stacked table (ui.layout.table): a plain table wide enough, one card per row on a phone. */
.pg-table {{ width: 100%; border-collapse: collapse; font-size: 0.92rem; }}
.pg-table th, .pg-table td {{ padding: 0.35rem 0.6rem; border-bottom: 1px solid rgba(49, 51, 63, 0.15);
  text-align: left; vertical-align: top; }}
.pg-table td.num, .pg-table th.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
@media (max-width: 640px) {{
  .pg-table thead {{ display: none; }}
  .pg-table, .pg-table tbody, .pg-table tr, .pg-table td {{ display: block; width: 100%; }}
  .pg-table tr {{ border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; margin-bottom: 0.5rem;
    padding: 0.25rem 0; }}
  .pg-table td, .pg-table td.num {{ border: none; display: flex; gap: 0.75rem; text-align: left; }}
  .pg-table td::before {{ content: attr(data-label); flex: 0 0 40%; font-weight: 600; }}
}}
"""

# Hangul wraps between words, never inside one ("플레이/그라운드"); a long Latin string (a URL, a model id)
# may still break anywhere rather than push the page sideways. Streamlit's own paragraphs say
# ``word-break: break-word``, so the rule names the elements (an id selector outranks Streamlit's classes).
KOREAN_CSS = """
#root, #root :is(p, li, h1, h2, h3, h4, h5, h6, label, summary, td, th, caption, button, a, span, div, small,
strong, em, textarea, input) { word-break: keep-all; overflow-wrap: anywhere; }
"""


def stylesheet(lang: Lang) -> str:
    """The CSS for ``lang``: the layout rules, and Korean line breaking when the UI is Korean.

    >>> "keep-all" in stylesheet("ko"), "keep-all" in stylesheet("en")
    (True, False)
    """
    return LAYOUT_CSS + (KOREAN_CSS if lang == "ko" else "")


def apply(lang: Lang) -> None:
    """Inject the stylesheet once per run (a style-only ``st.html`` takes no room on the page)."""
    st.html(f"<style>{stylesheet(lang)}</style>")


def table_html(
    columns: Sequence[str], rows: Sequence[Sequence[object]], *, numeric: Sequence[int] = ()
) -> str:
    """A table that fits any width: columns side by side where there is room, a card per row (each value
    under its column's name) below 640 px. Every value is HTML-escaped.

    >>> table_html(["Encoding", "Tokens"], [["o200k", 23]], numeric=[1]).count('<td data-label="Tokens"')
    1
    """
    esc = html.escape

    def cls(i: int) -> str:
        return ' class="num"' if i in numeric else ""

    head = "".join(f"<th{cls(i)}>{esc(c)}</th>" for i, c in enumerate(columns))
    body = "".join(
        "<tr>"
        + "".join(f'<td data-label="{esc(columns[i])}"{cls(i)}>{esc(str(v))}</td>' for i, v in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f'<table class="pg-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def table(columns: Sequence[str], rows: Sequence[Sequence[object]], *, numeric: Sequence[int] = ()) -> None:
    """Draw ``table_html`` (a read-only table whose numbers matter on a phone)."""
    st.html(table_html(columns, rows, numeric=numeric))
