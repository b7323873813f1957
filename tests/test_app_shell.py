"""AppTest of the shell: navigation, language, provider switch, keys from secrets and the environment."""

from __future__ import annotations

import pytest

from tests.apptest_helpers import everything_shown, new_app, open_page
from tests.harness.fault_server import FaultServer, Reply

KEY = "sk-proj-classroomSECRET0123456789"


def test_starts_offline_on_a_home_page_that_links_the_tools() -> None:
    at = new_app().run()
    assert not at.exception
    assert at.title[0].value.endswith("Multimodal Playground")
    links = at.get("page_link")
    assert [link.proto.page for link in links] == [
        "tokenizer",
        "chat",
        "images",
        "whisper",
        "inside",
        "documents",
    ]
    assert "Current provider: **Built-in (offline)**" in at.caption[0].value
    assert at.selectbox(key="provider").value == "builtin"
    assert any("No key and no internet needed" in c.value for c in at.sidebar.caption)


def test_every_page_opens_offline_without_errors() -> None:
    at = new_app().run()
    for page, title in [
        ("app_pages/chat.py", "Chat"),
        ("app_pages/images.py", "Images"),
        ("app_pages/transcribe.py", "Whisper transcription"),
        ("app_pages/tokenizer.py", "Tokenizer"),
        ("app_pages/documents.py", "Document chatbot (RAG)"),
    ]:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        assert at.title[0].value.endswith(title)


def test_language_switch_changes_every_visible_string(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLAYGROUND_LANG", "ko")
    at = open_page("app_pages/tokenizer.py")
    assert at.title[0].value.endswith("토크나이저")
    assert at.selectbox(key="provider").format_func("builtin") == "내장 (오프라인)"
    at.button_group(key="lang").set_value("en").run()
    assert at.title[0].value.endswith("Tokenizer")
    assert at.selectbox(key="provider").format_func("builtin") == "Built-in (offline)"
    assert not any("\uac00" <= ch <= "\ud7a3" for m in at.metric for ch in m.label)


def test_language_defaults_to_korean_without_a_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLAYGROUND_LANG")
    at = new_app().run()
    assert at.title[0].value.endswith("멀티모달 플레이그라운드")


def test_provider_switch_shows_the_right_fields_and_keeps_them() -> None:
    at = new_app().run()
    at.selectbox(key="provider").set_value("openai").run()
    assert at.text_input(key="api_key_openai").value == ""
    assert "OpenAI needs an API key" in at.sidebar.warning[0].value
    at.selectbox(key="provider").set_value("azure").run()
    at.text_input(key="azure_endpoint").set_value("https://res.openai.azure.com/").run()
    assert [w.key for w in at.sidebar.text_input] == [
        "azure_endpoint",
        "azure_deployment",
        "azure_api_version",
        "api_key_azure",
    ]
    assert at.text_input(key="azure_api_version").value == "2024-10-21"
    at.selectbox(key="provider").set_value("compatible").run()
    assert at.text_input(key="base_url").value == "http://localhost:11434/v1"
    assert not at.sidebar.warning  # a local server needs no key
    at.selectbox(key="provider").set_value("azure").run()
    assert at.text_input(key="azure_endpoint").value == "https://res.openai.azure.com/"


def test_key_from_secrets_is_used_and_never_shown() -> None:
    at = new_app(secrets={"OPENAI_API_KEY": KEY}).run()
    assert at.selectbox(key="provider").value == "openai"
    assert any("Using the key from secrets" in c.value for c in at.sidebar.caption)
    assert at.text_input(key="api_key_openai").value == ""
    assert not at.sidebar.warning
    assert KEY not in everything_shown(at)
    assert "classroomSECRET" not in everything_shown(at)


def test_key_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    at = new_app().run()
    assert at.selectbox(key="provider").value == "openai"
    assert any("Using the key from the environment" in c.value for c in at.sidebar.caption)
    assert KEY not in everything_shown(at)


def test_connection_check_against_the_spec_mock(prism) -> None:
    at = new_app(secrets={"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": prism.url}).run()
    at.button(key="check_connection").click().run()
    assert at.sidebar.success and "Connected" in at.sidebar.success[0].value
    assert KEY not in everything_shown(at)


def test_a_wrong_key_is_reported_once_and_clearly() -> None:
    body = {"error": {"message": f"Incorrect API key provided: {KEY}", "code": "invalid_api_key"}}
    with FaultServer(Reply(401, body)).running() as server:
        at = new_app(secrets={"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": server.url}).run()
        at.button(key="check_connection").click().run()
        assert len(at.sidebar.error) == 1 and "rejected (401)" in at.sidebar.error[0].value
        at.run()  # a plain rerun neither repeats the request nor duplicates the message
        assert len(server.requests) == 1 and len(at.sidebar.error) == 1
    assert KEY not in everything_shown(at)


def test_typed_key_wins_and_is_not_echoed() -> None:
    at = new_app(secrets={"OPENAI_API_KEY": KEY}).run()
    at.text_input(key="api_key_openai").set_value("sk-typed-by-student-000000").run()
    assert not any("Using the key from" in c.value for c in at.sidebar.caption)
    shown = everything_shown(at)
    assert KEY not in shown
