"""Model ids: the one rule (``lib.core.models``) that pricing, context windows and tokenizers key by."""

from __future__ import annotations

import pytest

from lib.core import pricing
from lib.core.models import base_name, undated


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("gpt-4o", "gpt-4o"),
        (" GPT-4o-Mini ", "gpt-4o-mini"),
        ("openai/gpt-4o", "gpt-4o"),  # a compatible server's (OpenRouter, LiteLLM) provider prefix
        ("OpenAI/GPT-4o", "gpt-4o"),
        ("azure/openai/gpt-4.1", "gpt-4.1"),  # only the last part names the model
        ("llama3.2:1b", "llama3.2:1b"),
    ],
)
def test_base_name_lower_cases_and_drops_the_provider_prefix(model: str, expected: str) -> None:
    assert base_name(model) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("gpt-4o-2024-08-06", "gpt-4o"),
        ("gpt-4o-mini-2024-07-18", "gpt-4o-mini"),
        ("gpt-4-0613", "gpt-4"),
        ("gpt-3.5-turbo-0125", "gpt-3.5-turbo"),
        ("gpt-4o", "gpt-4o"),
        ("o4-mini", "o4-mini"),
        ("gpt-4.1-nano", "gpt-4.1-nano"),
        ("davinci-002", "davinci-002"),  # three digits are a version, not a snapshot date
        ("gpt-4o-2024-08-06-extra", "gpt-4o-2024-08-06-extra"),  # only a suffix is a snapshot
    ],
)
def test_undated_drops_only_a_snapshot_suffix(name: str, expected: str) -> None:
    assert undated(name) == expected


def test_a_prefixed_model_is_priced_as_its_base_name() -> None:
    # A compatible server lists OpenAI's models as "openai/gpt-4o"; the meter must still show a cost.
    assert pricing.price_for("openai/gpt-4o") == pricing.PRICES["gpt-4o"]
    assert pricing.price_for("openai/gpt-4o-2024-08-06") == pricing.PRICES["gpt-4o"]
    assert pricing.cost_usd("openai/gpt-4o", input_tokens=1000, output_tokens=500) == pytest.approx(
        pricing.cost_usd("gpt-4o", input_tokens=1000, output_tokens=500)
    )
    assert pricing.cost_usd("openai/gpt-4o", input_tokens=1000, output_tokens=500) == pytest.approx(0.0075)
    assert pricing.price_for("someone/unknown-model") is None
