"""Provider profiles: how the UI names each provider, and the SDK client for the ones that talk HTTP.

One SDK (the official ``openai`` package) covers OpenAI, Azure OpenAI and any OpenAI-compatible server; the
built-in provider has no client and uses the local engines instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import openai

from lib.core.settings import ProviderKind, Settings

DEFAULT_TIMEOUT_S = 60.0
CHECK_TIMEOUT_S = 10.0
# Local servers accept any key, but the SDK refuses to build a client without one.
_PLACEHOLDER_KEY = "not-needed"


@dataclass(frozen=True)
class ProviderProfile:
    """A provider as the UI presents it."""

    kind: ProviderKind
    label_key: str  # i18n key


PROFILES: dict[ProviderKind, ProviderProfile] = {
    ProviderKind.BUILTIN: ProviderProfile(ProviderKind.BUILTIN, "provider.builtin"),
    ProviderKind.OPENAI: ProviderProfile(ProviderKind.OPENAI, "provider.openai"),
    ProviderKind.AZURE: ProviderProfile(ProviderKind.AZURE, "provider.azure"),
    ProviderKind.COMPATIBLE: ProviderProfile(ProviderKind.COMPATIBLE, "provider.compatible"),
}


class NoClient(RuntimeError):
    """The settings do not describe an HTTP provider that can be reached yet."""


def make_client(
    settings: Settings, *, timeout: float = DEFAULT_TIMEOUT_S, max_retries: int = 2
) -> openai.OpenAI:
    """An SDK client for the settings. Raises ``NoClient`` for the built-in provider or missing fields."""
    if settings.provider is ProviderKind.BUILTIN:
        raise NoClient("the built-in provider has no HTTP client")
    if settings.missing:
        raise NoClient("missing: " + ", ".join(settings.missing))
    key = settings.api_key.reveal() if settings.api_key else _PLACEHOLDER_KEY
    if settings.provider is ProviderKind.AZURE:
        return openai.AzureOpenAI(
            api_key=key,
            azure_endpoint=settings.azure_endpoint or "",
            azure_deployment=settings.azure_deployment,
            api_version=settings.azure_api_version,
            timeout=timeout,
            max_retries=max_retries,
        )
    return openai.OpenAI(
        api_key=key,
        # Explicit, so the SDK does not pick OPENAI_BASE_URL up behind the resolver's back.
        base_url=settings.base_url or "https://api.openai.com/v1",
        timeout=timeout,
        max_retries=max_retries,
    )


def list_models(client: openai.OpenAI) -> list[dict[str, object]]:
    """The models the server offers: id, ``created`` and ``shutdown_date`` (None when not announced), sorted
    by id. ``lib.core.catalogue`` sorts them into tools and picks the defaults."""
    return sorted(
        (
            {
                "id": model.id,
                "created": getattr(model, "created", None),
                "shutdown_date": getattr(model, "shutdown_date", None),
            }
            for model in client.models.list()
        ),
        key=lambda m: str(m["id"]),
    )
