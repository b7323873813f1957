"""The passcode gate: it holds on every page, slows wrong guesses, and never shows the passcode."""

from __future__ import annotations

import pytest

from tests.apptest_helpers import everything_shown, new_app

PASSCODE = "lighthouse-2026"
PAGES = [
    "app_pages/home.py",
    "app_pages/chat.py",
    "app_pages/images.py",
    "app_pages/transcribe.py",
    "app_pages/tokenizer.py",
]


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    import ui.gate

    recorded: list[float] = []
    monkeypatch.setattr(ui.gate, "sleep", recorded.append)
    return recorded


def enter(at, passcode: str):
    at.text_input(key="gate_passcode").input(passcode)
    at.button[0].click().run()
    return at


def test_without_a_passcode_the_app_is_open() -> None:
    at = new_app().run()
    assert at.title[0].value.endswith("Multimodal Playground") and not at.get("form")


@pytest.mark.parametrize("page", PAGES)
def test_the_gate_holds_on_every_page(page: str) -> None:
    at = new_app(secrets={"PLAYGROUND_PASSCODE": PASSCODE}).run()
    at.switch_page(page).run()
    assert at.title[0].value == "🔒 Class passcode"
    assert len(at.title) == 1 and not at.sidebar.selectbox  # no page, no sidebar
    assert PASSCODE not in everything_shown(at)


def test_wrong_tries_wait_longer_each_time_and_the_right_one_opens_the_app(waits: list[float]) -> None:
    at = new_app(secrets={"PLAYGROUND_PASSCODE": PASSCODE}).run()
    for guess in ("lighthouse", "lighthouse-2025", "LIGHTHOUSE-2026"):
        enter(at, guess)
        assert "not right" in at.error[0].value and at.title[0].value == "🔒 Class passcode"
    assert waits == [0.0, 1.0, 2.0]
    enter(at, PASSCODE)
    assert waits == [0.0, 1.0, 2.0, 4.0]
    assert at.title[0].value.endswith("Multimodal Playground")
    at.switch_page("app_pages/tokenizer.py").run()
    assert at.title[0].value.endswith("Tokenizer")
    assert PASSCODE not in everything_shown(at)


def test_the_passcode_can_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, waits: list[float]
) -> None:
    monkeypatch.setenv("PLAYGROUND_PASSCODE", PASSCODE)
    at = new_app().run()
    assert at.title[0].value == "🔒 Class passcode"
    enter(at, f"  {PASSCODE}  ")  # pasted with spaces
    assert at.title[0].value.endswith("Multimodal Playground")
