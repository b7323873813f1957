"""Chat page: streaming chat, system prompt, temperature, shots, presets, a meter, two models compared,
images in a message, web search with its sources, and fine-tuning data from the conversation.

Widgets -> the conversation's state machine (``lib.chat.Conversation``) -> render. A paid call goes through
``ui.paid``; a failed send adds no turn and puts the message back in the message box.
"""

from dataclasses import replace

import streamlit as st

from lib import chat
from lib.core.i18n import t
from lib.core.settings import ProviderKind
from lib.messages import UserMessage
from ui import chat_view, finetune_view, paid, sidebar, vision_view
from ui.state import kept

CONVERSATION = "chat_conversation"  # lib.chat.Conversation; survives every error

ctx = sidebar.context()
lang, settings = ctx.lang, ctx.settings
chat_view.keep_work(CONVERSATION)
conv: chat.Conversation = st.session_state.setdefault(CONVERSATION, chat.Conversation())
# The last run was cut while an answer streamed: a Stop keeps it as stopped, anything else says why it ended.
conv.settle_cut(reason=t("chat.cut_by_rerun", lang))

st.title("💬 " + t("chat.title", lang))
st.markdown(t("chat.intro", lang))
listed, list_error, found = chat_view.models(ctx)
if settings.provider is ProviderKind.BUILTIN:
    if list_error:
        st.warning(t("chat.local_unavailable", lang, reason=list_error), icon="🧩")
    else:
        st.caption("🧩 " + t("chat.local_label", lang))
elif list_error:
    st.caption("⚠️ " + t("chat.model_list_failed", lang, reason=list_error))

tab_chat, tab_compare = st.tabs([t("chat.tab.chat", lang), t("chat.tab.compare", lang)])

with tab_chat:
    model = chat_view.pick_model(ctx, listed, found)
    options = chat_view.settings_panel(lang)
    options = replace(options, web_search=vision_view.search_switch(ctx, model))
    preview = chat.build_messages(
        system=options.system,
        shots=options.shots,
        history=conv.turns,
        user=conv.unsent or "…",
        images=conv.attached,
    )
    chat_view.request_views(ctx, model=model, options=options, preview=preview)

    for index, turn in enumerate(conv.turns):  # a question's images are priced for the model that answered
        answered = conv.turns[index + 1].model if index + 1 < len(conv.turns) else None
        chat_view.show_turn(turn, lang, answered or model)

    sample = chat.PRESETS[st.session_state[kept("chat.preset")]].localized(lang).sample
    actions = [st.container(horizontal=True)] * 5  # one row that wraps: every button keeps its label
    send_sample = actions[0].button(t("chat.sample", lang), key="chat_sample", disabled=not sample)
    regenerate = actions[1].button(
        t("chat.regenerate", lang), key="chat_regenerate", disabled=conv.regenerate_disabled
    )
    actions[2].button(t("chat.clear", lang), key="chat_clear", disabled=not conv.turns, on_click=conv.clear)
    exports = {"system": options.system, "shots": options.shots, "model": model}
    actions[3].download_button(
        t("chat.export_md", lang),
        chat.export_markdown(conv.turns, lang=lang, **exports),
        "conversation.md",
        "text/markdown",
        key="chat_export_md",
        disabled=not conv.turns,
    )
    actions[4].download_button(
        t("chat.export_json", lang),
        chat.export_json(conv.turns, settings=options.params(), **exports),
        "conversation.json",
        "application/json",
        key="chat_export_json",
        disabled=not conv.turns,
    )
    if conv.turns:
        st.caption(chat_view.totals(conv.turns, lang))
    finetune_view.panel(lang, system=options.system, shots=options.shots, turns=conv.turns)

    if conv.failure:  # why the last message did not go, once, with one way to send it again
        paid.show(UserMessage(conv.failure_kind, conv.failure))
        paid.offer(ctx, conv.suggestion, chat_view.use_model(ctx))
        resend = st.button(t("chat.send_again", lang), key="chat_resend")
    else:
        resend = False
    draft = conv.take_draft()
    if draft is not None:  # the message that did not go, back in the message box
        st.session_state["chat_input"] = draft
    ready = settings.ready and bool(model) and not (settings.provider is ProviderKind.BUILTIN and list_error)
    if not ready and (why := chat_view.why_not_ready(ctx, model)):
        st.info(why, icon="🔑")  # next to the greyed message box, not only in the sidebar
    vision_view.tray(ctx, conv, model, listed)
    typed = st.chat_input(
        t("chat.placeholder", lang),
        key="chat_input",
        disabled=not ready,
        accept_file="multiple",
        file_type=list(chat.vision.IMAGE_TYPES),
    )
    message = typed.text if typed is not None else sample if send_sample else conv.unsent if resend else None
    if regenerate:
        message = conv.regenerate()
    images = conv.attached + tuple(vision_view.pictures(typed.files if typed is not None else [], lang))

    if message is not None and ready:
        try:
            conv.begin(message, images)
        except chat.EmptyMessage:
            st.error(t("chat.empty", lang), icon="✋")
        else:
            messages = chat.build_messages(
                system=options.system, shots=options.shots, history=conv.turns, user=message, images=images
            )
            blind = vision_view.refusal(ctx, model, listed) if images else None
            too_long = blind or chat_view.fits(ctx, model=model, messages=messages, options=options)
            if too_long:
                conv.fail(too_long)
            else:
                chat_view.show_turn(chat.Turn(role="user", content=message, images=images), lang, model)
                with st.chat_message("assistant"):
                    st.button(t("chat.stop", lang), key="chat_stop", icon="⏹", on_click=conv.request_stop)
                    outcome = chat_view.answer(
                        ctx, model=model, messages=messages, options=options, conversation=conv
                    )
                if outcome.message is None:
                    conv.finish(outcome.value)
                else:
                    conv.fail(outcome.message.text, outcome.message.kind, suggestion=outcome.replacement)
            st.rerun()  # draw the page from the conversation: no half-drawn turn stays behind

with tab_compare:
    chat_view.compare_tab(ctx, listed, options)
