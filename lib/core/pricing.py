"""A dated table of per-model token prices, and the cost of a usage record.

Prices change; the table carries the date it was read so the UI can say how old it is. Figures are US dollars
per one million tokens for standard (non-batch) requests, from openai.com/api/pricing and the retired-model
announcements for the legacy completion models.

>>> round(cost_usd("gpt-4o-mini", input_tokens=1_000_000, output_tokens=0), 2)
0.15
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lib.core.models import base_name, undated

PRICES_AS_OF = date(2025, 8, 7)
PRICES_SOURCE = "https://openai.com/api/pricing"


@dataclass(frozen=True)
class Price:
    """US dollars per one million tokens."""

    input: float
    output: float
    cached_input: float | None = None


PRICES: dict[str, Price] = {
    "gpt-5": Price(1.25, 10.00, 0.125),
    "gpt-5-mini": Price(0.25, 2.00, 0.025),
    "gpt-5-nano": Price(0.05, 0.40, 0.005),
    "gpt-4.1": Price(2.00, 8.00, 0.50),
    "gpt-4.1-mini": Price(0.40, 1.60, 0.10),
    "gpt-4.1-nano": Price(0.10, 0.40, 0.025),
    "gpt-4o": Price(2.50, 10.00, 1.25),
    "gpt-4o-mini": Price(0.15, 0.60, 0.075),
    "o1": Price(15.00, 60.00, 7.50),
    "o3": Price(2.00, 8.00, 0.50),
    "o3-mini": Price(1.10, 4.40, 0.55),
    "o4-mini": Price(1.10, 4.40, 0.275),
    "gpt-4-turbo": Price(10.00, 30.00),
    "gpt-4": Price(30.00, 60.00),
    "gpt-3.5-turbo": Price(0.50, 1.50),
    "davinci-002": Price(2.00, 2.00),
    "babbage-002": Price(0.40, 0.40),
    # Retired completion models, at their last list price, so a class can compare eras.
    "text-davinci-003": Price(20.00, 20.00),
    "code-davinci-002": Price(20.00, 20.00),
    "davinci": Price(20.00, 20.00),
}


# Embedding models take input only: US dollars per one million input tokens (standard, non-batch), read from
# the same page on the same date. The lesson's "embedding-ada-002 is very cheap" is text-embedding-ada-002.
EMBEDDING_PRICES_AS_OF = date(2025, 8, 7)
EMBEDDING_PRICES: dict[str, float] = {
    "text-embedding-3-small": 0.02,
    "text-embedding-3-large": 0.13,
    "text-embedding-ada-002": 0.10,
}


def embedding_cost_usd(model: str, tokens: int) -> float | None:
    """Cost of embedding ``tokens`` input tokens, or None for a model not in the table.

    >>> embedding_cost_usd("text-embedding-3-small", 1_000_000), embedding_cost_usd("nomic-embed", 5)
    (0.02, None)
    """
    name = base_name(model)
    price = EMBEDDING_PRICES.get(name, EMBEDDING_PRICES.get(undated(name)))
    return None if price is None else tokens * price / 1_000_000


def price_for(model: str) -> Price | None:
    """The price of a model, also for dated snapshots ("gpt-4o-2024-08-06" -> "gpt-4o"); None if unknown.

    >>> price_for("gpt-4o-mini-2024-07-18") == PRICES["gpt-4o-mini"]
    True
    """
    name = base_name(model)
    if name in PRICES:
        return PRICES[name]
    return PRICES.get(undated(name))


def cost_usd(
    model: str, *, input_tokens: int, output_tokens: int = 0, cached_tokens: int = 0
) -> float | None:
    """Cost of one request in US dollars, or None for a model not in the table."""
    price = price_for(model)
    if price is None:
        return None
    cached = min(cached_tokens, input_tokens) if price.cached_input is not None else 0
    fresh = input_tokens - cached
    total = fresh * price.input + output_tokens * price.output + cached * (price.cached_input or 0.0)
    return total / 1_000_000


def format_usd(amount: float | None) -> str:
    """Dollars with enough digits to see a fraction of a cent.

    >>> format_usd(0.000123), format_usd(1.5), format_usd(None)
    ('$0.000123', '$1.50', '—')
    """
    if amount is None:
        return "—"
    if amount >= 0.01:
        return f"${amount:,.2f}"
    return f"${amount:.6f}".rstrip("0").rstrip(".") if amount else "$0"


# Per image, US dollars, by (size, quality); "auto" is estimated as medium quality at 1024x1024.
_GPT_IMAGE_1 = {
    ("1024x1024", "low"): 0.011,
    ("1024x1024", "medium"): 0.042,
    ("1024x1024", "high"): 0.167,
    ("1536x1024", "low"): 0.016,
    ("1536x1024", "medium"): 0.063,
    ("1536x1024", "high"): 0.25,
}
IMAGE_PRICES: dict[str, dict[tuple[str, str], float]] = {
    "dall-e-2": {
        ("1024x1024", "standard"): 0.020,
        ("512x512", "standard"): 0.018,
        ("256x256", "standard"): 0.016,
    },
    "dall-e-3": {
        ("1024x1024", "standard"): 0.040,
        ("1792x1024", "standard"): 0.080,
        ("1024x1024", "hd"): 0.080,
        ("1792x1024", "hd"): 0.120,
    },
    "gpt-image-1": _GPT_IMAGE_1,
    "gpt-image-1-mini": {
        ("1024x1024", "low"): 0.005,
        ("1024x1024", "medium"): 0.011,
        ("1024x1024", "high"): 0.036,
        ("1536x1024", "low"): 0.006,
        ("1536x1024", "medium"): 0.015,
        ("1536x1024", "high"): 0.052,
    },
}


def image_cost_usd(model: str, *, size: str, quality: str) -> float | None:
    """Estimated price of one image, or None where the table has no figure (newer models).

    >>> image_cost_usd("dall-e-3", size="1024x1792", quality="hd")
    0.12
    """
    table = IMAGE_PRICES.get(model)
    width, _, height = size.partition("x")
    if table is None or not (size == "auto" or (width.isdigit() and height.isdigit())):
        return None
    # Portrait and landscape cost the same; "auto" is estimated as medium at 1024x1024.
    landscape = size if size == "auto" or int(width) >= int(height) else f"{height}x{width}"
    key_size = "1024x1024" if size == "auto" else landscape
    key_quality = "medium" if quality == "auto" else quality
    return table.get((key_size, key_quality))


# Fine-tuning (supervised), US dollars per one million training tokens, from the same page on the same date.
# A job trains on every example once per epoch, so the bill is tokens x epochs.
TRAINING_PRICES_AS_OF = date(2025, 8, 7)
TRAINING_PRICES: dict[str, float] = {
    "gpt-4.1": 25.00,
    "gpt-4.1-mini": 5.00,
    "gpt-4.1-nano": 1.50,
    "gpt-4o": 25.00,
    "gpt-4o-mini": 3.00,
    "gpt-3.5-turbo": 8.00,
}


def training_cost_usd(model: str, *, tokens: int, epochs: int) -> float | None:
    """Estimated cost of training ``model`` on ``tokens`` for ``epochs``, or None where the table has none.

    >>> training_cost_usd("gpt-4o-mini-2024-07-18", tokens=100_000, epochs=3)
    0.9
    >>> training_cost_usd("o3", tokens=1, epochs=1) is None
    True
    """
    name = base_name(model)
    price = TRAINING_PRICES.get(name, TRAINING_PRICES.get(undated(name)))
    return None if price is None else round(tokens * epochs * price / 1_000_000, 10)
