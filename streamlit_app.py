"""Multimodal Playground: the entrypoint builds the shared sidebar and the navigation over the four tools.

The page scripts live in ``app_pages/``, not ``pages/``: a folder named ``pages`` next to the entrypoint puts
Streamlit into its legacy (v1) multipage mode until ``st.navigation`` first runs. Seen with 1.67: on a fresh
server the first visitor who opens a page URL directly (``/chat``) gets that page without the entrypoint (no
sidebar, a crash), and AppTest runs every rerun that way.
"""

import streamlit as st

from lib.core.i18n import t
from lib.core.settings import load_env_file
from ui import classroom, layout, paid, persist, sidebar
from ui.gate import account_box, require_access
from ui.state import keep_widget_values

load_env_file()
st.set_page_config(page_title="Multimodal Playground", page_icon="🧪", layout="wide")


def pages(lang: str) -> list:
    """The tools, titled in the UI language; every tool keeps its own URL."""
    return [
        st.Page("app_pages/home.py", title=t("nav.home", lang), icon="🧪", url_path="home", default=True),
        st.Page("app_pages/chat.py", title=t("nav.chat", lang), icon="💬", url_path="chat"),
        st.Page("app_pages/images.py", title=t("nav.images", lang), icon="🖼️", url_path="images"),
        st.Page("app_pages/transcribe.py", title=t("nav.whisper", lang), icon="🎙️", url_path="whisper"),
        st.Page("app_pages/tokenizer.py", title=t("nav.tokenizer", lang), icon="🔤", url_path="tokenizer"),
        st.Page("app_pages/inside.py", title=t("nav.inside", lang), icon="🔍", url_path="inside"),
        st.Page("app_pages/documents.py", title=t("nav.documents", lang), icon="📄", url_path="documents"),
    ]


keep_widget_values()
# Behind the gate the pages are registered (hidden, never run), so a direct link such as /chat opens that
# page once the passcode is given.
require_access(sidebar.secrets_mapping(), register=lambda lang: st.navigation(pages(lang), position="hidden"))
context = sidebar.render(check=paid.check_connection)
layout.apply(context.lang)  # one stylesheet for every page: phones, projectors, Korean line breaks
sidebar.publish(context)
persist.start(context.lang)
account_box(sidebar.secrets_mapping(), context.lang)
classroom.render_meter(context.settings, context.lang)
persist.render_forget(context.lang)
st.navigation(pages(context.lang), position="sidebar").run()
# Not reached when a page reruns or stops: the next run that ends saves instead.
persist.save(sidebar.known_secrets(context.settings))
