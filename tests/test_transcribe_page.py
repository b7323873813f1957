"""AppTest of the Whisper page: the built-in sample end to end, engines, errors that keep earlier results."""

from __future__ import annotations

import pytest

from tests.apptest_helpers import open_page
from tests.harness.fault_server import FaultServer, Reply
from tests.media import JFK_TEXT

PAGE = "app_pages/transcribe.py"


def downloads(at) -> dict[str, object]:
    return {d.proto.label: d for d in at.get("download_button")}


def test_sample_transcribed_offline_with_subtitles_and_downloads() -> None:
    at = open_page(PAGE)
    assert not at.exception
    assert "jfk.flac" in at.caption[0].value
    at.button(key="wh_run").click().run(timeout=180)
    assert not at.exception and not at.error
    assert JFK_TEXT in at.text_area[0].value.lower()
    meta = next(c.value for c in at.caption if c.value.startswith("local:base"))
    assert "language en" in meta and "0:11" in meta
    table = at.get("arrow_data_frame")[0] if at.get("arrow_data_frame") else at.dataframe[0]
    assert table is not None
    assert any("Checks passed" in c.value for c in at.caption)
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == ["Download .srt", "Download .vtt", "Download .txt"]
    results = at.session_state["wh_results"]
    assert len(results) == 1 and results[0][0].engine == "local:base"


def test_openai_engines_need_a_key_and_text_only_models_say_why() -> None:
    at = open_page(PAGE)
    at.selectbox(key="keep.wh.engine").set_value("api:gpt-4o-transcribe").run()
    assert "need an API key" in at.warning[0].value
    assert at.button(key="wh_run").disabled
    assert any("cannot make subtitles" in i.value for i in at.info)


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
        assert server.requests and server.requests[0].path == "/v1/audio/transcriptions"
    # Longer than classroom mode waits for a retry (120 s): said at once, with the server's time.
    assert "429" in at.error[0].value and "600 s" in at.error[0].value
    assert at.text_input(key="keep.wh.prompt").value == "Kennedy, Americans"
    assert at.session_state["wh_media"][0] == "jfk.flac"
