"""One resolver for the provider settings: sidebar input, then ``st.secrets``, then the environment.

The key is wrapped in ``Secret`` as soon as it is read, so it cannot end up in a repr, a log line or an
f-string by accident. A stored key (from secrets or the environment) is only ever sent to the endpoint that
was stored with it: if someone types another base URL or Azure endpoint into the sidebar, the deployer's key
is not sent there, and that person must bring their own.

>>> s = resolve(SidebarInput(provider="openai"), secrets={}, environ={"OPENAI_API_KEY": "sk-test-123"})
>>> s.provider, s.key_source, s.api_key
(<ProviderKind.OPENAI: 'openai'>, 'environment', Secret('••••'))
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

KeySource = Literal["sidebar", "secrets", "environment"]

DEFAULT_AZURE_API_VERSION = "2024-10-21"
DEFAULT_COMPATIBLE_BASE_URL = "http://localhost:11434/v1"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


class ProviderKind(StrEnum):
    BUILTIN = "builtin"
    OPENAI = "openai"
    AZURE = "azure"
    COMPATIBLE = "compatible"


class Secret:
    """A string that does not print itself."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret in clear: only for handing to an SDK client."""
        return self._value

    def fingerprint(self) -> str:
        """A short one-way digest, for cache keys that must change when the key changes."""
        return hashlib.sha256(self._value.encode()).hexdigest()[:16]

    def __repr__(self) -> str:
        return "Secret('••••')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self) -> Any:
        raise TypeError("a Secret is not pickled (it would end up on disk)")


@dataclass(frozen=True)
class SidebarInput:
    """What the user typed in the sidebar; empty strings mean "not given"."""

    provider: str | None = None
    api_key: str = ""
    base_url: str = ""
    azure_endpoint: str = ""
    azure_deployment: str = ""
    azure_api_version: str = ""


def _lookup(
    name: str, secrets: Mapping[str, Any], environ: Mapping[str, str]
) -> tuple[str, KeySource] | None:
    value = secrets.get(name)
    if isinstance(value, str) and value.strip():
        return value.strip(), "secrets"
    value = environ.get(name)
    if value and value.strip():
        return value.strip(), "environment"
    return None


def _value(name: str, secrets: Mapping[str, Any], environ: Mapping[str, str]) -> str:
    found = _lookup(name, secrets, environ)
    return found[0] if found else ""


@dataclass(frozen=True)
class Stored:
    """What the deployer configured (secrets or environment), without revealing keys: the sidebar defaults."""

    provider: ProviderKind
    openai_key_source: KeySource | None
    azure_key_source: KeySource | None
    compatible_key_source: KeySource | None
    base_url: str
    azure_endpoint: str
    azure_deployment: str
    azure_api_version: str

    def key_source(self, provider: ProviderKind) -> KeySource | None:
        return {
            ProviderKind.OPENAI: self.openai_key_source,
            ProviderKind.AZURE: self.azure_key_source,
            ProviderKind.COMPATIBLE: self.compatible_key_source,
        }.get(provider)


def stored(secrets: Mapping[str, Any], environ: Mapping[str, str]) -> Stored:
    """Read the configured defaults from secrets and the environment."""
    openai_key = _lookup("OPENAI_API_KEY", secrets, environ)
    azure_key = _lookup("AZURE_OPENAI_API_KEY", secrets, environ)
    base_url = _value("OPENAI_BASE_URL", secrets, environ)
    endpoint = _value("AZURE_OPENAI_ENDPOINT", secrets, environ)
    explicit = _value("PLAYGROUND_PROVIDER", secrets, environ).lower()
    if explicit in ProviderKind.__members__.values():
        provider = ProviderKind(explicit)
    elif azure_key and endpoint:
        provider = ProviderKind.AZURE
    elif openai_key and not base_url:
        provider = ProviderKind.OPENAI
    elif base_url:
        provider = ProviderKind.COMPATIBLE
    else:
        provider = ProviderKind.BUILTIN
    return Stored(
        provider=provider,
        openai_key_source=openai_key[1] if openai_key else None,
        azure_key_source=azure_key[1] if azure_key and endpoint else None,
        compatible_key_source=openai_key[1] if openai_key and base_url else None,
        base_url=base_url,
        azure_endpoint=endpoint,
        azure_deployment=_value("AZURE_OPENAI_DEPLOYMENT", secrets, environ),
        azure_api_version=_value("OPENAI_API_VERSION", secrets, environ)
        or _value("AZURE_OPENAI_API_VERSION", secrets, environ)
        or DEFAULT_AZURE_API_VERSION,
    )


STORED_SOURCES = ("secrets", "environment")


def is_stored(key_source: str | None) -> bool:
    """The one rule for "this key is the deployer's": it came from the secrets or the environment."""
    return key_source in STORED_SOURCES


@dataclass(frozen=True)
class Settings:
    """Everything needed to build a client, resolved. ``missing`` names the fields still to fill in."""

    provider: ProviderKind
    api_key: Secret | None = None
    key_source: KeySource | None = None
    base_url: str | None = None
    azure_endpoint: str | None = None
    azure_deployment: str | None = None
    azure_api_version: str | None = None
    missing: tuple[str, ...] = field(default=())

    @property
    def ready(self) -> bool:
        return not self.missing

    @property
    def uses_stored_key(self) -> bool:
        """Calls spend the key the deployer stored (secrets or environment), not one typed in the sidebar."""
        return self.provider is not ProviderKind.BUILTIN and is_stored(self.key_source)

    def fingerprint(self) -> str:
        """Changes whenever anything that shapes the client changes; contains no secret."""
        parts = [
            self.provider.value,
            self.base_url or "",
            self.azure_endpoint or "",
            self.azure_deployment or "",
            self.azure_api_version or "",
            self.api_key.fingerprint() if self.api_key else "",
        ]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def _same_url(a: str, b: str) -> bool:
    return a.strip().rstrip("/").lower() == b.strip().rstrip("/").lower()


def resolve(sidebar: SidebarInput, secrets: Mapping[str, Any], environ: Mapping[str, str]) -> Settings:
    """Settings from the sidebar first, then secrets, then the environment."""
    defaults = stored(secrets, environ)
    try:
        provider = ProviderKind(sidebar.provider) if sidebar.provider else defaults.provider
    except ValueError:
        provider = defaults.provider
    typed_key = sidebar.api_key.strip()

    if provider is ProviderKind.BUILTIN:
        return Settings(provider=provider)

    if provider is ProviderKind.OPENAI:
        key, source = _key(typed_key, "OPENAI_API_KEY", secrets, environ, allowed=True)
        return Settings(
            provider=provider,
            api_key=key,
            key_source=source,
            base_url=defaults.base_url or None,
            missing=() if key else ("api_key",),
        )

    if provider is ProviderKind.AZURE:
        endpoint = sidebar.azure_endpoint.strip() or defaults.azure_endpoint
        deployment = sidebar.azure_deployment.strip() or defaults.azure_deployment
        version = sidebar.azure_api_version.strip() or defaults.azure_api_version
        stored_ok = bool(defaults.azure_endpoint) and _same_url(endpoint, defaults.azure_endpoint)
        key, source = _key(typed_key, "AZURE_OPENAI_API_KEY", secrets, environ, allowed=stored_ok)
        missing = tuple(
            name
            for name, value in (
                ("azure_endpoint", endpoint),
                ("api_key", key),
                ("azure_deployment", deployment),
            )
            if not value
        )
        return Settings(
            provider=provider,
            api_key=key,
            key_source=source,
            azure_endpoint=endpoint or None,
            azure_deployment=deployment or None,
            azure_api_version=version,
            missing=missing,
        )

    base_url = sidebar.base_url.strip() or defaults.base_url or DEFAULT_COMPATIBLE_BASE_URL
    stored_ok = bool(defaults.base_url) and _same_url(base_url, defaults.base_url)
    key, source = _key(typed_key, "OPENAI_API_KEY", secrets, environ, allowed=stored_ok)
    # Local servers (Ollama, LM Studio, llama.cpp) take any key; the key is optional here.
    return Settings(provider=provider, api_key=key, key_source=source, base_url=base_url)


def _key(
    typed: str, name: str, secrets: Mapping[str, Any], environ: Mapping[str, str], *, allowed: bool
) -> tuple[Secret | None, KeySource | None]:
    if typed:
        return Secret(typed), "sidebar"
    if allowed:
        found = _lookup(name, secrets, environ)
        if found:
            return Secret(found[0]), found[1]
    return None, None


def load_env_file(path: Path | None = None) -> bool:
    """Load ``.env`` from the project folder into the environment (never overriding what is set)."""
    from dotenv import load_dotenv

    if os.environ.get("PLAYGROUND_NO_DOTENV"):
        return False
    return load_dotenv(path or PROJECT_ROOT / ".env", override=False)
