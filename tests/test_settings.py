"""The settings resolver: sidebar > secrets > environment, and a stored key only goes where it was stored."""

from __future__ import annotations

import pickle

import pytest

from lib.core.settings import DEFAULT_COMPATIBLE_BASE_URL, ProviderKind, Secret, SidebarInput, resolve, stored

KEY = "sk-proj-secretvalue1234567890"


def test_sidebar_key_wins_over_secrets_and_environment() -> None:
    s = resolve(
        SidebarInput(provider="openai", api_key=" sk-typed "),
        secrets={"OPENAI_API_KEY": "sk-secrets"},
        environ={"OPENAI_API_KEY": "sk-env"},
    )
    assert s.api_key == Secret("sk-typed") and s.key_source == "sidebar"


def test_secrets_win_over_environment() -> None:
    s = resolve(
        SidebarInput(provider="openai"), {"OPENAI_API_KEY": "sk-secrets"}, {"OPENAI_API_KEY": "sk-env"}
    )
    assert s.api_key == Secret("sk-secrets") and s.key_source == "secrets"


def test_environment_is_the_last_resort() -> None:
    s = resolve(SidebarInput(provider="openai"), {}, {"OPENAI_API_KEY": "sk-env"})
    assert s.api_key == Secret("sk-env") and s.key_source == "environment" and s.ready


def test_missing_key_is_reported_as_missing() -> None:
    s = resolve(SidebarInput(provider="openai"), {}, {})
    assert s.api_key is None and s.missing == ("api_key",) and not s.ready


def test_the_key_never_prints() -> None:
    s = resolve(SidebarInput(provider="openai", api_key=KEY), {}, {})
    assert KEY not in repr(s) and KEY not in str(s) and KEY not in f"{s.api_key}"
    assert KEY not in s.fingerprint()
    with pytest.raises(TypeError):
        pickle.dumps(s.api_key)


@pytest.mark.parametrize(
    ("configured", "expected"),
    [
        ({}, ProviderKind.BUILTIN),
        ({"OPENAI_API_KEY": KEY}, ProviderKind.OPENAI),
        ({"OPENAI_BASE_URL": "http://localhost:8000/v1"}, ProviderKind.COMPATIBLE),
        (
            {"AZURE_OPENAI_API_KEY": "k", "AZURE_OPENAI_ENDPOINT": "https://x.openai.azure.com"},
            ProviderKind.AZURE,
        ),
        ({"OPENAI_API_KEY": KEY, "PLAYGROUND_PROVIDER": "builtin"}, ProviderKind.BUILTIN),
    ],
)
def test_default_provider_follows_what_is_configured(configured: dict, expected: ProviderKind) -> None:
    assert stored(configured, {}).provider is expected
    assert resolve(SidebarInput(), configured, {}).provider is expected


def test_azure_needs_endpoint_deployment_and_key() -> None:
    s = resolve(SidebarInput(provider="azure"), {}, {})
    assert set(s.missing) == {"azure_endpoint", "api_key", "azure_deployment"}
    s = resolve(
        SidebarInput(provider="azure", azure_deployment="gpt-4o-mini"),
        {"AZURE_OPENAI_API_KEY": "azkey", "AZURE_OPENAI_ENDPOINT": "https://res.openai.azure.com/"},
        {"OPENAI_API_VERSION": "2025-01-01-preview"},
    )
    assert s.ready and s.api_key == Secret("azkey") and s.azure_api_version == "2025-01-01-preview"


def test_a_stored_azure_key_is_not_sent_to_another_endpoint() -> None:
    s = resolve(
        SidebarInput(provider="azure", azure_endpoint="https://attacker.example", azure_deployment="d"),
        {"AZURE_OPENAI_API_KEY": "azkey", "AZURE_OPENAI_ENDPOINT": "https://res.openai.azure.com/"},
        {},
    )
    assert s.api_key is None and "api_key" in s.missing


def test_a_stored_key_is_not_sent_to_a_typed_base_url() -> None:
    s = resolve(
        SidebarInput(provider="compatible", base_url="http://evil.example/v1"), {"OPENAI_API_KEY": KEY}, {}
    )
    assert s.api_key is None and s.ready  # the key is optional for local servers
    same = resolve(
        SidebarInput(provider="compatible", base_url="http://gpu-box:8000/v1/"),
        {"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": "http://gpu-box:8000/v1"},
        {},
    )
    assert same.api_key == Secret(KEY) and same.key_source == "secrets"


def test_compatible_server_defaults_to_a_local_ollama() -> None:
    s = resolve(SidebarInput(provider="compatible"), {}, {})
    assert s.base_url == DEFAULT_COMPATIBLE_BASE_URL


def test_fingerprint_changes_with_the_key_and_address_only() -> None:
    a = resolve(SidebarInput(provider="openai", api_key="sk-a"), {}, {})
    b = resolve(SidebarInput(provider="openai", api_key="sk-b"), {}, {})
    assert a.fingerprint() != b.fingerprint()
    assert a.fingerprint() == resolve(SidebarInput(provider="openai", api_key="sk-a"), {}, {}).fingerprint()


def test_dotenv_file_is_loaded_without_overriding(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lib.core.settings import load_env_file

    env_file = tmp_path / ".env"
    env_file.write_text("OPENAI_API_KEY=sk-from-dotenv\nOPENAI_BASE_URL=http://from-dotenv/v1\n")
    monkeypatch.delenv("PLAYGROUND_NO_DOTENV")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://already-set/v1")
    assert load_env_file(env_file)
    import os

    assert os.environ["OPENAI_API_KEY"] == "sk-from-dotenv"
    assert os.environ["OPENAI_BASE_URL"] == "http://already-set/v1"
    monkeypatch.delenv("OPENAI_API_KEY")
