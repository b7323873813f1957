"""Home page: what each tool does and whether it is ready, with links (every tool keeps its own URL)."""

import streamlit as st

from lib.core import providers
from lib.core.i18n import t
from ui import sidebar

ctx = sidebar.context()
lang = ctx.lang
st.title("🧪 " + t("app.title", lang))
st.markdown(t("app.tagline", lang))
st.caption(t("home.world", lang, provider=t(providers.PROFILES[ctx.settings.provider].label_key, lang)))

# (page, title, icon, description, status): status is an i18n key.
TOOLS = (
    ("app_pages/tokenizer.py", "nav.tokenizer", "🔤", "home.tokenizer", "home.ready"),
    ("app_pages/chat.py", "nav.chat", "💬", "home.chat", "home.ready"),
    ("app_pages/images.py", "nav.images", "🖼️", "home.images", "home.ready_partly"),
    ("app_pages/transcribe.py", "nav.whisper", "🎙️", "home.whisper", "home.ready"),
    ("app_pages/inside.py", "nav.inside", "🔍", "home.inside", "home.ready"),
    ("app_pages/documents.py", "nav.documents", "📄", "home.documents", "home.ready"),
)
st.subheader(t("home.tools", lang))
for row in (TOOLS[i : i + 2] for i in range(0, len(TOOLS), 2)):
    for col, (path, title_key, icon, body_key, status) in zip(st.columns(2), row, strict=False):
        with col.container(border=True, height="stretch"):
            st.page_link(path, label=f"**{t(title_key, lang)}**", icon=icon)
            st.markdown(t(body_key, lang))
            st.caption("✅ " + t(status, lang))
