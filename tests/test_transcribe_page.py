"""AppTest of the Whisper page: the built-in sample end to end, engines, errors that keep earlier results."""

from __future__ import annotations

import pytest

from tests.apptest_helpers import open_page
from tests.harness.fault_server import FaultServer, Reply
from tests.media import JFK_TEXT

PAGE = "app_pages/transcribe.py"


def buttons(at) -> dict[str, object]:
    return {d.proto.label: d for d in at.get("download_button")}


def test_sample_transcribed_offline_with_subtitles_and_downloads() -> None:
    at = open_page(PAGE)
    assert not at.exception
    assert "jfk.flac" in at.caption[0].value
    at.button(key="wh_run").click().run(timeout=180)
    assert not at.exception and not at.error
    assert JFK_TEXT in at.text_area[0].value.lower()
    meta = next(c.value for c in at.caption if c.value.startswith("local:base"))
    assert "language English" in meta and "0:11" in meta
    table = at.get("arrow_data_frame")[0] if at.get("arrow_data_frame") else at.dataframe[0]
    assert table is not None
    assert any("Checks passed" in c.value for c in at.caption)
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == ["Download .srt", "Download .vtt", "Download .txt"]
    results = at.session_state["wh_results"]
    assert len(results) == 1 and results[0][0].engine == "local:base"


def test_openai_engines_need_a_key_and_text_only_models_say_why() -> None:
    at = open_page(PAGE)
    engines = at.selectbox(key="keep.wh.engine").options
    # Without a model list, the spec's models: gpt-transcribe, the recommended one, first after the built-in.
    assert next(e for e in engines if "OpenAI" in e) == "OpenAI gpt-transcribe · text only"
    at.selectbox(key="keep.wh.engine").set_value("api:gpt-4o-transcribe").run()
    assert "need an API key" in at.warning[0].value
    assert at.button(key="wh_run").disabled
    assert any("This model answers in: json · the app asks for: json" in c.value for c in at.caption)
    # A text-only model: subtitles by timing its text here, with the time it takes said before anything runs.
    assert at.toggle(key="keep.wh.align").value
    estimate = next(c.value for c in at.caption if "Timing takes about" in c.value)
    assert "for 0:11 of sound" in estimate
    at.toggle(key="keep.wh.align").set_value(False).run()
    assert any("cannot make subtitles (SRT/VTT)" in i.value for i in at.info)


def test_a_renamed_text_file_is_refused_and_earlier_results_stay() -> None:
    at = open_page(PAGE)
    at.button(key="wh_run").click().run(timeout=180)
    assert len(at.session_state["wh_results"]) == 1
    at.session_state["wh_media"] = ("lecture.mp3", b"just my notes, not audio\n" * 100)
    at.session_state["keep.wh.source"] = "upload"
    at.run()
    at.button(key="wh_run").click().run()
    assert "not an audio or video file" in at.error[0].value
    assert len(at.session_state["wh_results"]) == 1
    assert JFK_TEXT in at.text_area[0].value.lower()  # the earlier transcript is still shown


@pytest.mark.prism
def test_whisper_1_against_the_spec_mock(prism) -> None:
    at = open_page(
        PAGE,
        secrets={"OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": prism.url, "PLAYGROUND_PROVIDER": "openai"},
    )
    at.selectbox(key="keep.wh.engine").set_value("api:whisper-1").run()
    mark = prism.mark()
    at.button(key="wh_run").click().run(timeout=60)
    assert not at.error, [e.value for e in at.error]
    assert all("✔" in v for v in prism.verdicts(since=mark))
    assert at.session_state["wh_results"][0][0].engine == "api:whisper-1"


def test_a_429_from_the_api_is_explained_and_nothing_is_lost() -> None:
    reply = Reply(
        429, {"error": {"message": "Rate limit", "code": "rate_limit_exceeded"}}, {"retry-after": "600"}
    )
    with FaultServer(reply).running() as server:
        at = open_page(
            PAGE,
            secrets={
                "OPENAI_API_KEY": "sk-test",
                "OPENAI_BASE_URL": server.url,
                "PLAYGROUND_PROVIDER": "openai",
            },
        )
        at.selectbox(key="keep.wh.engine").set_value("api:whisper-1").run()
        at.text_input(key="keep.wh.prompt").input("Kennedy, Americans").run()
        at.button(key="wh_run").click().run(timeout=60)
        # The page asks for today's model list first (refused here too), then sends the recording.
        assert [r.path for r in server.requests][-1] == "/v1/audio/transcriptions"
    # Longer than classroom mode waits for a retry (120 s): said at once, with the server's time.
    assert "429" in at.error[0].value and "600 s" in at.error[0].value
    assert at.text_input(key="keep.wh.prompt").value == "Kennedy, Americans"
    assert at.session_state["wh_media"][0] == "jfk.flac"


def test_a_cut_off_file_is_labelled_partial_on_the_page_and_in_every_download(tmp_path, downloads) -> None:
    from tests.media import cut_copy, jfk_minute_mp3

    cut = cut_copy(jfk_minute_mp3(tmp_path / "lecture.mp3"), tmp_path / "cut.mp3", 40_000)
    at = open_page(PAGE)
    at.session_state["keep.wh.source"] = "upload"
    at.session_state["wh_media"] = ("lecture.mp3", cut.read_bytes())
    at.run()
    at.button(key="wh_run").click().run(timeout=180)
    assert not at.exception and not at.error
    warning = at.warning[0].value
    assert "it says 1:00, but only 0:09 could be read" in warning and "partial" in warning
    assert any("(partial)" in h.value for h in at.subheader)
    files = {label: downloads(button).decode() for label, button in buttons(at).items()}
    notice = "[Partial transcript: the file says 1:00, only 0:09 could be read]"
    assert files["Download .srt"].rstrip().endswith(notice)
    assert f"NOTE {notice}" in files["Download .vtt"]
    assert files["Download .txt"].startswith(notice)


def test_pinned_languages_reach_the_engine_and_the_languages_are_listed() -> None:
    at = open_page(PAGE)
    at.multiselect(key="keep.wh.languages").set_value(["ko", "en"]).run()
    assert any("No stronger offline Whisper ships yet" in c.value for c in at.caption)
    at.button(key="wh_run").click().run(timeout=180)
    assert not at.exception
    assert any(
        c.value.startswith("local:base") and "language English (100% likely)" in c.value for c in at.caption
    )
    transcript = at.session_state["wh_results"][0][0]
    assert transcript.languages == ("en",) and JFK_TEXT in transcript.text.lower()
    # Among Korean and English only, English takes nearly all the probability (0.95 among all languages).
    assert transcript.language_probability > 0.99


def test_the_progress_bar_says_the_stage_the_position_and_the_time_left() -> None:
    from lib.audio import transcription as tr
    from ui.transcript_view import step_text

    step = tr.Step("transcribing", 0.3, position=150, total=720, left=70.0)
    assert step_text(step, "en") == "Transcribing minute 3 of 12 · 2:30 / 12:00 · about 1:10 left"
    assert (
        step_text(tr.Step("transcribing", 0.2, 5, 11), "en")
        == "Transcribing · 0:05 / 0:11 · estimating the time left"
    )
    assert step_text(tr.Step("loading", 0.0), "ko", "base") == "모델 base 불러오는 중"
    assert step_text(tr.Step("detecting", 0.1, 30, 60), "en") == "Detecting the language · 0:30 / 1:00"
    sending = tr.Step("sending", 0.5, 400, 1600, 30.0, part=2, parts=3)
    assert step_text(sending, "en") == "Sending part 2 of 3 to the API · 6:40 / 26:40 · about 0:30 left"


def _result_with_an_invented_thanks():
    from lib.audio import transcription as tr
    from lib.audio.subtitles import Segment

    segments = (
        Segment(0.0, 2.0, " Ask not what your country can do.", language="en"),
        Segment(5.0, 7.0, " Thank you for watching!", language="en"),
    )
    transcript = tr.Transcript(segments, "local:base", 8.0, "en", 1.0, speech=((0.0, 2.2),), allowed=("en",))
    return [(transcript, "lesson.wav", None)]


def test_each_check_is_one_click_to_fix_and_the_timeline_shows_the_cut_silence() -> None:
    at = open_page(PAGE)
    at.session_state["wh_results"] = _result_with_an_invented_thanks()
    at.run()
    assert not at.exception
    assert at.get("image")  # the timeline
    items = [m.value for m in at.markdown if m.value.startswith("- Cue 2:")]
    assert any("invent over silence (reported: github.com/openai/whisper" in m for m in items)
    assert any("Over silence" in m for m in items)
    delete = [b for b in at.button if b.label == "Delete cue 2"]
    assert delete
    delete[0].click().run()
    assert any(m.value == "**Cues (1) - edit them in the table**" for m in at.markdown)
    assert any("Checks passed" in c.value for c in at.caption)
    assert [b.label for b in at.button if b.label.startswith("Undo")] == ["Undo the fixes (1)"]


def test_the_korean_preset_fills_the_rules() -> None:
    at = open_page(PAGE)
    at.session_state["wh_results"] = _result_with_an_invented_thanks()
    at.run()
    assert (
        at.number_input(key="keep.wh_r_chars").value == 42
        and at.number_input(key="keep.wh_r_cps").value == 20
    )
    at.segmented_control(key="keep.wh_r_preset").set_value("korean").run()
    assert at.number_input(key="keep.wh_r_chars").value == 32
    assert at.number_input(key="keep.wh_r_cps").value == 12
