"""Multimodal Playground: the entrypoint builds the shared sidebar and the navigation over the four tools."""

import streamlit as st

from lib.i18n import t
from lib.settings import load_env_file
from ui import sidebar

load_env_file()
st.set_page_config(page_title="Multimodal Playground", page_icon="🧪", layout="wide")

context = sidebar.render()
sidebar.publish(context)
lang = context.lang

pages = [
    st.Page("pages/chat.py", title=t("nav.chat", lang), icon="💬", url_path="chat"),
    st.Page("pages/images.py", title=t("nav.images", lang), icon="🖼️", url_path="images"),
    st.Page("pages/transcribe.py", title=t("nav.whisper", lang), icon="🎙️", url_path="whisper"),
    st.Page(
        "pages/tokenizer.py", title=t("nav.tokenizer", lang), icon="🔤", url_path="tokenizer", default=True
    ),
]
st.navigation(pages, position="sidebar").run()
