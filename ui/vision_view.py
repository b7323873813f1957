"""The Chat page's images and search: can the model see, the tray of images for the next message (from the
message box or the camera) with what each costs, a turn's images and sources, and the web-search switch.
The rules live in ``lib.chat.vision`` / ``lib.chat.search`` and ``lib.core.catalogue``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import streamlit as st

from lib import chat
from lib.core.catalogue import LOCAL_VISION_MODELS, searches_web, sees_images
from lib.core.i18n import Lang, t
from lib.core.pricing import cost_usd, format_usd
from lib.core.settings import ProviderKind
from ui import sidebar
from ui.state import kept

CAMERA_SEEN = "chat_camera_seen"  # the camera photo already put on the tray (its file id)
DOCUMENTS_PAGE = "app_pages/documents.py"
DETAIL_KEYS = {"auto": "vision.detail.auto", "low": "vision.detail.low", "high": "vision.detail.high"}


def _detail_key() -> str:
    """The kept detail level of the next images (low / high / auto)."""
    return kept("chat.image_detail", "auto")


def sees(ctx: sidebar.Context, model: str) -> bool | None:
    """True: the model takes images; False: it does not; None: cannot tell (a server's own name for a
    model, an Azure deployment): the image is sent and the server decides."""
    provider = ctx.settings.provider
    if provider is ProviderKind.BUILTIN or not model:
        return False
    if provider is ProviderKind.OPENAI:
        return sees_images(model)
    return True if sees_images(model, named_freely=True) else None


def can_search(ctx: sidebar.Context, model: str) -> bool:
    """Web search: OpenAI's own Responses models only."""
    return ctx.settings.provider is ProviderKind.OPENAI and bool(model) and searches_web(model)


def model_marks(model: str, ctx: sidebar.Context) -> str:
    """What a picker label adds: 👁 sees images, 🌐 can search the web."""
    marks = ("👁" if sees(ctx, model) else "") + ("🌐" if can_search(ctx, model) else "")
    return f" {marks}" if marks else ""


def vision_note(ctx: sidebar.Context, model: str, listed: Iterable[str]) -> str | None:
    """One line on images for this provider and model; None when the model simply sees."""
    lang, provider = ctx.lang, ctx.settings.provider
    pull = " / ".join(f"`{m}`" for m in LOCAL_VISION_MODELS)
    if provider is ProviderKind.BUILTIN:
        return t("vision.builtin", lang, models=pull)
    seeing = sees(ctx, model)
    if seeing:
        return None
    if provider is ProviderKind.OPENAI:
        others = [m for m in listed if sees_images(m)]
        return t("vision.cannot", lang, model=model, other=others[0] if others else "—")
    local = [m for m in listed if sees_images(m, named_freely=True)]
    if local:
        return t("vision.local_some", lang, model=model, models=", ".join(local[:6]))
    return t("vision.local_none", lang, model=model, models=pull)


def refusal(ctx: sidebar.Context, model: str, listed: Iterable[str]) -> str | None:
    """Why images cannot go to this model (None: they can, or the server decides)."""
    return vision_note(ctx, model, listed) if sees(ctx, model) is False else None


def pictures(files: Iterable[Any], lang: Lang) -> list[chat.Picture]:
    """Uploaded files made ready to send; an unreadable one is named in an error and left out."""
    chosen = st.session_state.get(_detail_key())
    detail = chosen if chosen in chat.vision.DETAILS else "auto"  # a segmented control can be unselected
    ready = []
    for file in files:
        try:
            ready.append(chat.prepare_image(file.getvalue(), name=file.name, detail=detail))
        except chat.NotAnImage:
            st.error(t("vision.not_image", lang, name=file.name), icon="🖼️")
    return ready


def cost_line(picture: chat.Picture, model: str, lang: Lang) -> str:
    """ "1024×768 (from 4032×3024) · 765 tokens ≈ $0.0019" for ``model``."""
    counted = picture.tokens(model or "gpt-4o")
    size = f"{picture.width}×{picture.height}"
    if picture.resized:
        size = t("vision.resized", lang, size=size, original=f"{picture.original[0]}×{picture.original[1]}")
    cost = cost_usd(model, input_tokens=counted.tokens) if model else None
    kb = max(1, round(len(picture.data) / 1024))
    text = (
        t("vision.cost", lang, size=size, tokens=counted.tokens, cost=format_usd(cost), kb=kb)
        if cost is not None
        else t("vision.cost_unpriced", lang, size=size, tokens=counted.tokens, kb=kb)
    )
    return text if counted.known else text + " " + t("vision.rule_guess", lang)


def tray(ctx: sidebar.Context, conv: chat.Conversation, model: str, listed: list[str]) -> None:
    """The images waiting for the next message, the camera, the detail level and what the model can do."""
    lang = ctx.lang
    note = vision_note(ctx, model, listed)
    with st.expander("📷 " + t("vision.camera_title", lang), expanded=bool(conv.attached)):
        if note:
            st.caption("👁 " + note)
        detail = st.segmented_control(
            t("vision.detail", lang),
            list(chat.vision.DETAILS),
            format_func=lambda d: t(DETAIL_KEYS[d], lang),
            key=_detail_key(),
            help=t("vision.detail_help", lang),
        )
        if detail in chat.vision.DETAILS:  # the images waiting follow the switch: low vs high, side by side
            conv.attached = tuple(p.with_detail(detail) for p in conv.attached)
        if st.toggle(t("vision.camera_on", lang), key="chat_camera_on"):
            photo = st.camera_input(t("vision.camera", lang), key="chat_camera")
            if photo is not None and st.session_state.get(CAMERA_SEEN) != photo.file_id:
                st.session_state[CAMERA_SEEN] = photo.file_id
                for picture in pictures([photo], lang):
                    conv.attach(picture)
        for index, picture in enumerate(conv.attached):
            cols = st.columns([1, 3], vertical_alignment="center")
            cols[0].image(picture.data, width="stretch")
            cols[1].caption(cost_line(picture, model, lang))
            cols[1].button(
                t("vision.remove", lang),
                key=f"chat_detach_{index}",
                on_click=conv.detach,
                args=(index,),
                icon="✖",
            )
        if conv.attached:
            st.caption(t("vision.waiting", lang, n=len(conv.attached)))


def show_images(images: tuple[chat.Picture, ...], model: str | None, lang: Lang) -> None:
    """A message's images, small, each with its size and token cost for ``model``."""
    if not images:
        return
    st.image([p.data for p in images], width=min(240, max(p.width for p in images)))
    if model:
        st.caption("🖼 " + " · ".join(cost_line(p, model, lang) for p in images))


def show_sources(sources: tuple[chat.Source, ...], lang: Lang) -> None:
    """The pages an answer cites, as links (titles escaped: they come from the web)."""
    if not sources:
        return
    lines = [f"{n}. [{_escape(s.label)}](<{_link(s.url)}>)" for n, s in enumerate(sources, start=1)]
    st.markdown("**🔗 " + t("search.sources", lang) + "**\n\n" + "\n".join(lines))


def _link(url: str) -> str:
    return url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")


def _escape(text: str) -> str:
    special = "\\`*_{}[]()#+-.!|<>~"
    return "".join("\\" + ch if ch in special else ch for ch in " ".join(text.split()))


def search_switch(ctx: sidebar.Context, model: str) -> bool:
    """The web-search switch where the model can search; elsewhere, where grounding is offline."""
    lang = ctx.lang
    if can_search(ctx, model):
        return bool(
            st.toggle(
                "🌐 " + t("search.toggle", lang),
                key=kept("chat.web_search", False),
                help=t("search.help", lang),
            )
        )
    key = "search.offline" if ctx.settings.provider is not ProviderKind.OPENAI else "search.cannot"
    cols = st.columns([3, 2], vertical_alignment="center")
    cols[0].caption("🌐 " + t(key, lang, model=model or "—"))
    cols[1].page_link(DOCUMENTS_PAGE, label=t("search.documents", lang), icon="📄")
    return False
