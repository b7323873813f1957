"""Debian chromium driven by Playwright: its flags, where failures leave screenshots, waiting for a run."""

from __future__ import annotations

import shutil

from tests.harness.app import ROOT

ARTIFACTS = ROOT / "artifacts"

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_binary() -> str:
    """Debian's chromium: the one on the PATH, else its usual place (which may not exist)."""
    return shutil.which("chromium") or "/usr/bin/chromium"


def wait_until_idle(page, timeout_ms: int = 90_000) -> None:
    """Wait for the app's current run to end (Streamlit's "running" indicator gone). Under load, a click that
    lands while a rerun redraws the page (e.g. the one an upload starts) can be lost with the old element."""
    from playwright.sync_api import expect

    page.wait_for_timeout(300)
    expect(page.locator('[data-testid="stStatusWidget"]')).to_be_hidden(timeout=timeout_ms)
