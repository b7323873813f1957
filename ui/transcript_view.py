"""The Whisper page's result: the transcript, cue rules, the editable cue table, QA, downloads, preview."""

import hashlib
from pathlib import Path

import streamlit as st

from lib import audio
from lib.audio import subtitles
from lib.audio import transcription as tr
from lib.core.files import safe_filename
from lib.core.i18n import Lang, t
from ui import persist
from ui.state import kept

COLUMNS = {"start": "wh.col.start", "end": "wh.col.end", "text": "wh.col.text"}  # subtitles.TABLE_COLUMNS


def keep_work(key: str) -> None:
    """The page's results (transcripts, and a video's bytes for its preview) survive a reload."""
    persist.keep(
        key,
        encode=audio.kept.results_to_json,
        decode=audio.kept.results_from_json,
        what="keep.what.transcripts",
        forget=lambda: st.session_state.pop(kept("wh.shown"), None),
    )


def render(lang: Lang, results: list) -> None:
    """The chosen transcript of ``results`` (newest first chosen) with everything made from it."""
    if not results:
        return
    st.divider()
    shown_key = kept("wh.shown", len(results) - 1)
    if st.session_state[shown_key] >= len(results):
        st.session_state[shown_key] = len(results) - 1
    shown = st.session_state[shown_key]
    if len(results) > 1:
        shown = st.selectbox(
            t("wh.history", lang),
            range(len(results)),
            format_func=lambda i: f"{i + 1}. {results[i][1]} · {results[i][0].engine}",
            key=shown_key,
        )
    transcript, name, video = results[shown]
    st.subheader(t("wh.result", lang))
    language_text = (
        t("wh.lang_prob", lang, language=transcript.language, prob=transcript.language_probability)
        if transcript.language_probability is not None
        else (transcript.language or "?")
    )
    meta = t(
        "wh.meta",
        lang,
        engine=transcript.engine,
        duration=tr.position_label(0, transcript.duration).split(" / ")[1],
        language=language_text,
    )
    if transcript.parts > 1:
        meta += " · " + t("wh.parts", lang, n=transcript.parts)
    st.caption(meta)
    if transcript.is_empty:
        st.info(t("wh.no_speech", lang), icon="🔇")
    else:
        st.text_area(t("wh.text", lang), transcript.text, height=120, key=f"wh_text_{shown}", disabled=True)
        stem = safe_filename(Path(name).stem, "txt")[:-4]
        if not transcript.has_timestamps:
            st.info(t("wh.text_only", lang), icon="ℹ️")
            st.download_button(
                t("wh.download.txt", lang), subtitles.to_txt(transcript.segments), f"{stem}.txt", "text/plain"
            )
        else:
            with st.expander(t("wh.rules", lang)):
                c1, c2, c3, c4, c5 = st.columns(5)
                rules = subtitles.CueRules(
                    max_line_chars=int(
                        c1.number_input(t("wh.rule.max_line_chars", lang), 10, 80, key=kept("wh.r.chars", 42))
                    ),
                    max_lines=int(
                        c2.number_input(t("wh.rule.max_lines", lang), 1, 3, key=kept("wh.r.lines", 2))
                    ),
                    max_gap=c3.number_input(
                        t("wh.rule.max_gap", lang), 0.1, 5.0, step=0.1, key=kept("wh.r.gap", 1.0)
                    ),
                    min_duration=c4.number_input(
                        t("wh.rule.min_duration", lang), 0.1, 3.0, step=0.1, key=kept("wh.r.min", 0.8)
                    ),
                    max_duration=c5.number_input(
                        t("wh.rule.max_duration", lang), 1.0, 15.0, step=0.5, key=kept("wh.r.max", 7.0)
                    ),
                )
            cues = subtitles.build_cues(transcript.segments, rules)
            table = subtitles.cues_to_table(cues)
            labels = {c: t(COLUMNS[c], lang) for c in subtitles.TABLE_COLUMNS}
            st.markdown(f"**{t('wh.cues', lang, n=len(cues))}**")
            digest = hashlib.sha256(repr((shown, rules)).encode()).hexdigest()[:8]
            edited = st.data_editor(
                table,
                key=f"wh_table_{digest}",
                num_rows="dynamic",
                width="stretch",
                column_config={c: st.column_config.TextColumn(labels[c]) for c in subtitles.TABLE_COLUMNS},
            )
            try:
                cues = subtitles.cues_from_table(edited)
            except subtitles.CueTableError as exc:
                st.error(
                    t(
                        "wh.table_error",
                        lang,
                        row=exc.row,
                        column=labels.get(exc.column, exc.column),
                        message=str(exc),
                    ),
                    icon="✏️",
                )
            issues = subtitles.qa(cues, rules)
            if issues:
                with st.expander(t("wh.qa", lang, n=len(issues)), icon="🔎"):
                    for issue in issues:
                        st.markdown(
                            "- "
                            + t("wh.qa_item", lang, index=issue.cue_index, message=t(issue.message_key, lang))
                        )
            else:
                st.caption("✅ " + t("wh.qa_ok", lang))
            srt, vtt = subtitles.to_srt(cues), subtitles.to_vtt(cues)
            d1, d2, d3 = st.columns(3)
            d1.download_button(
                t("wh.download.srt", lang),
                srt,
                subtitles.WriteSRT.file_name(stem),
                "application/x-subrip",
                key="wh_srt",
            )
            d2.download_button(
                t("wh.download.vtt", lang), vtt, subtitles.WriteVTT.file_name(stem), "text/vtt", key="wh_vtt"
            )
            d3.download_button(
                t("wh.download.txt", lang),
                subtitles.to_txt(transcript.segments),
                f"{stem}.txt",
                "text/plain",
                key="wh_txt",
            )
            if video is not None:
                st.markdown(f"**{t('wh.preview', lang)}**")
                st.video(video, subtitles={transcript.language or "text": vtt})
