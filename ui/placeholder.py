"""The short "coming in this release" page for tools not built yet."""

import streamlit as st

from lib.i18n import t
from ui import sidebar


def render(title_key: str, body_key: str, icon: str) -> None:
    """A title, what the tool will do, and the sidebar's provider in one line."""
    lang = sidebar.context().lang
    st.title(f"{icon} {t(title_key, lang)}")
    st.info(f"**{t('coming.title', lang)}.** {t(body_key, lang)}", icon="🚧")
