"""SDK clients, built once per settings change and shared by the pages of a session."""

import openai
import streamlit as st

from lib import providers
from lib.settings import Settings


@st.cache_resource(max_entries=32, show_spinner=False)
def _client(fingerprint: str, _settings: Settings) -> openai.OpenAI:
    # Keyed by the fingerprint (a digest of the address and key), never by the key in clear.
    return providers.make_client(_settings)


def client_for(settings: Settings) -> openai.OpenAI:
    """The client for these settings; raises ``providers.NoClient`` for the built-in provider."""
    return _client(settings.fingerprint(), settings)
