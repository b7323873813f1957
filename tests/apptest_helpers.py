"""Small helpers for AppTest runs of the real entrypoint."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
ENTRY = str(ROOT / "streamlit_app.py")


def new_app(secrets: dict[str, str] | None = None) -> AppTest:
    """The whole app (sidebar + navigation), not yet run; secrets set before the first run.

    The UI language starts from ``PLAYGROUND_LANG``, which the autouse fixture sets to English.
    """
    at = AppTest.from_file(ENTRY, default_timeout=60)
    for name, value in (secrets or {}).items():
        at.secrets[name] = value
    return at


def everything_shown(at: AppTest) -> str:
    """All text and widget values the app would send to the browser, as one string."""
    parts: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(parts)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label))


def open_page(page: str, secrets: dict[str, str] | None = None) -> AppTest:
    """The app, run once on its home page and then on ``page`` (e.g. "app_pages/tokenizer.py")."""
    at = new_app(secrets).run()
    at.switch_page(page).run()
    return at
