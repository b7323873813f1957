"""Home page: what each tool does and whether it is ready, with links (every tool keeps its own URL)."""

import streamlit as st

from lib import providers
from lib.i18n import t
from ui import sidebar

ctx = sidebar.context()
lang = ctx.lang
st.title("🧪 " + t("app.title", lang))
st.markdown(t("app.tagline", lang))
st.caption(t("home.world", lang, provider=t(providers.PROFILES[ctx.settings.provider].label_key, lang)))

TOOLS = (
    ("app_pages/tokenizer.py", "nav.tokenizer", "🔤", "home.tokenizer", True),
    ("app_pages/chat.py", "nav.chat", "💬", "coming.chat", False),
    ("app_pages/images.py", "nav.images", "🖼️", "coming.images", False),
    ("app_pages/transcribe.py", "nav.whisper", "🎙️", "coming.whisper", False),
)
st.subheader(t("home.tools", lang))
for row in (TOOLS[:2], TOOLS[2:]):
    for col, (path, title_key, icon, body_key, ready) in zip(st.columns(2), row, strict=True):
        with col.container(border=True, height="stretch"):
            st.page_link(path, label=f"**{t(title_key, lang)}**", icon=icon)
            st.markdown(t(body_key, lang))
            st.caption(("✅ " + t("home.ready", lang)) if ready else ("🚧 " + t("home.coming", lang)))
