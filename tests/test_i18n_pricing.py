"""Every UI string exists in both languages with the same placeholders; the price table is dated and sane."""

from __future__ import annotations

import string

import pytest

from lib import i18n, pricing, tokenizer


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(i18n.STRINGS))
def test_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = i18n.STRINGS[key]
    assert set(entry) == {"ko", "en"} and all(v.strip() for v in entry.values())
    assert _fields(entry["ko"]) == _fields(entry["en"])


def test_korean_strings_are_korean() -> None:
    hangul = [k for k, v in i18n.STRINGS.items() if any("\uac00" <= ch <= "\ud7a3" for ch in v["ko"])]
    assert len(hangul) > 0.8 * len(i18n.STRINGS)


def test_pages_only_use_keys_that_exist() -> None:
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    used = set()
    for path in [*root.glob("app_pages/*.py"), *root.glob("ui/*.py"), root / "streamlit_app.py"]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text()))
    assert used, "no t() calls found"
    assert used <= set(i18n.STRINGS), used - set(i18n.STRINGS)


def test_every_model_in_the_tokenizer_has_a_price() -> None:
    assert all(pricing.price_for(m) for m in tokenizer.MODELS)


def test_cost_of_a_usage_record() -> None:
    assert pricing.cost_usd("gpt-4o", input_tokens=1000, output_tokens=500) == pytest.approx(0.0075)
    assert pricing.cost_usd("gpt-4o", input_tokens=1000, cached_tokens=1000) == pytest.approx(0.00125)
    assert pricing.cost_usd("no-such-model", input_tokens=10) is None
    assert pricing.price_for("GPT-4o-2024-08-06") == pricing.PRICES["gpt-4o"]


def test_price_table_is_dated() -> None:
    assert pricing.PRICES_AS_OF.year >= 2025
    assert all(p.input > 0 and p.output >= p.input * 0.99 for p in pricing.PRICES.values())


def test_every_message_key_raised_by_lib_exists() -> None:
    import re
    from pathlib import Path

    from lib import photo_effects, subtitles

    root = Path(__file__).resolve().parents[1] / "lib"
    pattern = re.compile(r"""["']((?:img|wh|subs|err|lab|tok)\.[a-z_]+(?:\.[a-z_]+)*)["']""")
    raised = {key for path in root.glob("*.py") for key in pattern.findall(path.read_text())}
    raised |= set(subtitles.QA_MESSAGE_KEYS) | set(photo_effects.REASON_KEYS)
    assert len(raised) > 30
    assert raised <= set(i18n.STRINGS), sorted(raised - set(i18n.STRINGS))
