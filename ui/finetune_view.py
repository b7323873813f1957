"""Fine-tuning data from the Chat page: the conversation or the examples as OpenAI's chat-format JSONL,
checked line by line (``lib.chat.finetune``) before the download is offered."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from lib import chat
from lib.chat import finetune
from lib.core.i18n import Lang, t
from lib.core.pricing import TRAINING_PRICES, TRAINING_PRICES_AS_OF, format_usd

DEFAULT_MODEL = "gpt-4.1-mini"  # the cheap current tier a class would try first
SOURCES = {"conversation": "ft.source.conversation", "shots": "ft.source.shots"}


def _problem_text(line: finetune.LineCheck, lang: Lang) -> str:
    return " · ".join(t(p.key, lang, **p.values) for p in line.problems) or "✅"


def build(
    source: str, *, system: str, shots: Sequence[chat.Shot], turns: Sequence[chat.Turn]
) -> tuple[str, int]:
    """The JSONL text of ``source`` and how many images were left out."""
    if source == "shots":
        return finetune.to_jsonl(finetune.examples_from_shots(system, shots)), 0
    examples, left_out = finetune.examples_from_conversation(system, turns)
    return finetune.to_jsonl(examples), left_out


def panel(lang: Lang, *, system: str, shots: Sequence[chat.Shot], turns: Sequence[chat.Turn]) -> None:
    """Choose the source and the model to train, see every line checked, download when all pass."""
    with st.expander("🧑‍🏫 " + t("ft.title", lang)):
        st.caption(t("ft.intro", lang))
        cols = st.columns([2, 2, 1], vertical_alignment="bottom")
        source = cols[0].radio(
            t("ft.source", lang),
            list(SOURCES),
            format_func=lambda s: t(SOURCES[s], lang),
            key="chat_ft_source",
            horizontal=True,
        )
        trainable = list(TRAINING_PRICES)
        model = cols[1].selectbox(
            t("ft.model", lang), trainable, index=trainable.index(DEFAULT_MODEL), key="chat_ft_model"
        )
        epochs = int(
            cols[2].number_input(t("ft.epochs", lang), 1, 50, finetune.DEFAULT_EPOCHS, key="chat_ft_epochs")
        )
        text, left_out = build(source, system=system, shots=shots, turns=turns)
        if not text:
            st.info(t("ft.nothing", lang), icon="🧑‍🏫")
            return
        report = finetune.check_jsonl(text, model=model, epochs=epochs)
        st.dataframe(
            [
                {
                    t("ft.col.line", lang): line.number,
                    t("ft.col.tokens", lang): line.tokens,
                    t("ft.col.check", lang): _problem_text(line, lang),
                }
                for line in report.lines
            ],
            hide_index=True,
            width="stretch",
        )
        limit = f"{report.limit:,}" if report.limit else "—"
        st.caption(t("ft.summary", lang, n=len(report.lines), tokens=report.tokens, limit=limit, model=model))
        if report.cost_usd is not None:
            st.caption(
                t(
                    "ft.cost",
                    lang,
                    cost=format_usd(report.cost_usd),
                    epochs=epochs,
                    date=TRAINING_PRICES_AS_OF.isoformat(),
                )
            )
        else:
            st.caption(t("ft.no_price", lang, model=model))
        if left_out:
            st.caption(t("ft.images_left_out", lang, n=left_out))
        # Captions, not alerts: guidance inside a folded panel must not read as the page's warning or error.
        if report.too_few:
            st.caption("🧮 " + t("ft.too_few", lang, n=len(report.lines), min=finetune.MIN_EXAMPLES))
        if not report.ok:
            st.caption("✋ " + t("ft.fix_first", lang))
        st.download_button(
            t("ft.download", lang),
            text.encode("utf-8"),
            "fine-tuning.jsonl",
            "application/jsonl",
            key="chat_ft_download",
            disabled=not report.ok,
            icon="⬇️",
        )
        if st.toggle(t("ft.preview", lang), key="chat_ft_preview"):  # an expander cannot hold another
            st.code(text[:4000], language="json")
