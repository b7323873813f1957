"""The Whisper page's result: the transcript, cue rules, the editable cue table, QA, downloads, preview."""

import hashlib
from pathlib import Path

import streamlit as st

from lib import audio
from lib.audio import languages, subtitles, timeline
from lib.audio import transcription as tr
from lib.core.files import safe_filename
from lib.core.i18n import Lang, t
from ui import persist, subtitle_checks
from ui.state import kept

COLUMNS = {  # subtitles.TABLE_COLUMNS, and the speaker where a model named speakers
    "start": "wh.col.start",
    "end": "wh.col.end",
    "language": "wh.col.language",
    "speaker": "wh.col.speaker",
    "text": "wh.col.text",
}
# Widths that fit a phone's 358 px with the row marker; a wider screen shares the rest out evenly. Rows tall
# enough (above 4 rem) that Streamlit's grid wraps a cue (up to 84 characters) on a phone; a tap shows it all.
# (A diarized transcript's Speaker column adds its own width: the grid then scrolls sideways on a phone.)
CUE_WIDTHS = {"start": 90, "end": 90, "language": 56, "speaker": 64, "text": 82}
CUE_ROW_HEIGHT = 96
NOTES = {"wh.note.speakers_per_part": "wh.note.speakers_per_part"}  # Transcript.notes -> what to show
STAGES = {  # tr.Step.stage -> its label's key (transcribing and sending have their own wordings)
    "loading": "wh.stage.loading",
    "decoding": "wh.stage.decoding",
    "detecting": "wh.stage.detecting",
    "timing": "wh.stage.timing",
    "writing": "wh.stage.writing",
}


def language_name(code: str | None, lang: Lang) -> str:
    """A language's name in the UI language ("English", "영어"); a code the app has no name for as it is."""
    if not code:
        return "?"
    key = languages.NAME_KEYS.get(code)
    return t(key, lang) if key else code


def step_text(step: tr.Step, lang: Lang, model: str = "") -> str:
    """The progress bar's words: the stage, where it is in the media, the time left.

    "Transcribing minute 3 of 12 · 2:41 / 12:00 · about 1:10 left"."""
    if step.stage == "transcribing":
        minute, minutes = step.minute
        stage = (
            t("wh.stage.transcribing_minute", lang, minute=minute, minutes=minutes)
            if minutes > 1
            else t("wh.stage.transcribing", lang)
        )
    elif step.stage == "sending":
        stage = (
            t("wh.stage.sending_part", lang, part=step.part, parts=step.parts)
            if step.parts > 1
            else t("wh.stage.sending", lang)
        )
    else:
        stage = t(STAGES[step.stage], lang, model=model)
    parts = [stage]
    if step.total and step.stage != "writing":
        parts.append(tr.position_label(step.position, step.total))
    if step.stage in ("transcribing", "sending", "timing") and step.fraction < 1:
        left = step.left
        parts.append(
            t("wh.left", lang, left=tr.position_label(0, left).split(" / ")[1])
            if left is not None
            else t("wh.left_unknown", lang)
        )
    return " · ".join(parts)


def partial_text(transcript: tr.Transcript, lang: Lang, *, note: bool = False) -> str:
    """The warning (or, with ``note``, the export's notice) for a result from damaged or cut-off media."""
    health = transcript.health
    if health is None or not health.partial:
        return ""
    declared, readable = health.lengths()
    if health.errors:
        key = "wh.partial_note_errors" if note else "wh.partial_errors"
        return t(key, lang, declared=declared, readable=readable, errors=health.errors)
    key = "wh.partial_note" if note else "wh.partial"
    return t(key, lang, declared=declared, readable=readable)


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
    st.subheader(t("wh.result", lang) + (f" ({t('wh.partial_label', lang)})" if transcript.partial else ""))
    if transcript.partial:
        st.warning(partial_text(transcript, lang), icon="⚠️")
    spoken = language_name(transcript.language, lang)
    language_text = (
        t("wh.lang_prob", lang, language=spoken, prob=transcript.language_probability)
        if transcript.language_probability is not None
        else spoken
    )
    if len(transcript.languages) > 1:  # mixed media: which when, "English 0:00-0:29, German 0:29-0:59"
        language_text = ", ".join(
            f"{language_name(r.language, lang)} {languages.clock(r.start)}-{languages.clock(r.end)}"
            for r in languages.language_runs(s for s in transcript.segments if s.language)
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
    if transcript.speakers:
        meta += " · " + t("wh.speakers.found", lang, names=", ".join(transcript.speakers))
    st.caption(meta)
    for note in transcript.notes:
        if note in NOTES:
            st.info(t(NOTES[note], lang), icon="🗣️")
    if transcript.timing:
        st.caption("⏱️ " + t("wh.timed_here", lang, engine=transcript.timing))
    notice = partial_text(transcript, lang, note=True)
    if transcript.is_empty:
        st.info(t("wh.no_speech", lang), icon="🔇")
    else:
        # "read_": ui.layout draws this read-only box in the text colour, not greyed out
        st.text_area(
            t("wh.text", lang), transcript.text, height=120, key=f"read_wh_text_{shown}", disabled=True
        )
        stem = safe_filename(Path(name).stem, "txt")[:-4]
        if not transcript.has_timestamps:
            st.info(t("wh.no_subs.result", lang, engine=transcript.engine), icon="ℹ️")
            st.download_button(
                t("wh.download.txt", lang),
                subtitles.to_txt(transcript.segments, header=notice),
                f"{stem}.txt",
                "text/plain",
            )
        else:
            rules = subtitle_checks.rules_widget(lang)
            fixes = st.session_state.get(subtitle_checks.fixes_key(shown), [])
            cues = subtitles.apply_fixes(subtitles.build_cues(transcript.segments, rules), fixes, rules)
            if transcript.speech is not None:  # what the VAD cut, where the cues are
                png = timeline.timeline_png(transcript.duration, transcript.speech, cues)
                st.image(png, caption=t("wh.timeline", lang), width="stretch")
            table = subtitles.cues_to_table(cues)
            columns = subtitles.table_columns(cues)
            labels = {c: t(COLUMNS[c], lang) for c in columns}
            st.markdown(f"**{t('wh.cues', lang, n=len(cues))}**")
            digest = hashlib.sha256(repr((shown, rules, fixes)).encode()).hexdigest()[:8]
            edited = st.data_editor(
                table,
                key=f"wh_table_{digest}",
                num_rows="dynamic",
                width="stretch",
                hide_index=True,
                row_height=CUE_ROW_HEIGHT,
                column_config={
                    c: st.column_config.TextColumn(labels[c], width=CUE_WIDTHS[c]) for c in columns
                },
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
            issues = subtitles.qa(cues, rules, speech=transcript.speech, allowed=transcript.allowed)
            subtitle_checks.qa_panel(lang, issues, cues, shown, digest)
            files = tr.exports(transcript, cues, notice=notice)
            srt, vtt = files.srt, files.vtt
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
                files.txt,
                f"{stem}.txt",
                "text/plain",
                key="wh_txt",
            )
            if video is not None:
                st.markdown(f"**{t('wh.preview', lang)}**")
                st.video(video, subtitles={transcript.language or "text": vtt})
