"""The provider layer over real HTTP against Prism, which checks every request against OpenAI's spec."""

from __future__ import annotations

import openai
import pytest

from lib.core.providers import list_models, make_client
from lib.core.settings import SidebarInput, resolve
from lib.messages import user_message
from ui.paid import check_connection

pytestmark = pytest.mark.prism


def _settings(prism, key: str = "sk-test-key"):
    return resolve(SidebarInput(provider="compatible", base_url=prism.url, api_key=key), {}, {})


def test_model_listing_passes_spec_validation(prism) -> None:
    mark = prism.mark()
    models = list_models(make_client(_settings(prism), max_retries=0))
    assert models and all(isinstance(m["id"], str) and "shutdown_date" in m for m in models)
    verdicts = prism.verdicts(since=mark)
    assert verdicts and all("✔" in v for v in verdicts), verdicts


def test_key_check_succeeds_against_the_spec_mock(prism) -> None:
    ok, text = check_connection(_settings(prism), "en")
    assert ok and "model" in text


def test_openai_provider_uses_the_configured_base_url(prism) -> None:
    # A deployer can point the OpenAI provider at a proxy through OPENAI_BASE_URL (secrets or environment).
    settings = resolve(
        SidebarInput(provider="openai"), {"OPENAI_API_KEY": "sk-x", "OPENAI_BASE_URL": prism.url}, {}
    )
    assert settings.provider.value == "openai" and check_connection(settings, "en")[0]


def test_the_mock_rejects_what_the_spec_forbids(prism) -> None:
    # Proves the harness validates request bodies: temperature 5 is out of the spec's range.
    client = make_client(_settings(prism), max_retries=0)
    with pytest.raises(openai.UnprocessableEntityError) as info:
        client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}], temperature=5
        )
    message = user_message(info.value, "en")
    assert message.kind == "bad_request" and "422" in message.text
