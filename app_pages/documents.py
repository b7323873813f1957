"""Documents page: the lesson's PDF chatbot (RAG), built in five steps a class can watch.

Upload -> extracted text -> pieces (size and overlap, tokens each) -> embeddings (dimensions, a 2-D map) ->
a question's nearest pieces with their scores -> the answer citing them, and on request the same question
answered without the document. Widgets -> ``ui.documents_view`` / ``lib.documents`` -> render.
"""

import streamlit as st

from lib.core.i18n import t
from ui import documents_view, sidebar

ctx = sidebar.context()
lang = ctx.lang
documents_view.keep_work()
st.title("📄 " + t("doc.title", lang))
st.markdown(t("doc.intro", lang))

with st.container(border=True):
    index = documents_view.upload_step(ctx)
    if index is not None:
        documents_view.text_view(index, lang)
if index is not None:
    with st.container(border=True):
        documents_view.split_step(index, lang)
    with st.container(border=True):
        documents_view.embed_step(ctx, index)
    if index.embedded:
        with st.container(border=True):
            documents_view.ask_step(ctx, index)
