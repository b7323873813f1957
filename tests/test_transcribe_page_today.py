"""AppTest of the Whisper page against the stand-in of today's API (Prism checks every request): the listed
gpt-transcribe is the API engine offered first, takes the languages and keywords, and its text is timed on
this computer into subtitles; the diarize model's speakers reach the table, the cues and the downloads."""

from __future__ import annotations

import pytest
import srt

from tests.apptest_helpers import open_page
from tests.harness.spec_form import form_fields, spec_errors
from tests.harness.today_api import TodayAPI
from tests.media import JFK_TEXT

PAGE = "app_pages/transcribe.py"

pytestmark = pytest.mark.prism


@pytest.fixture(scope="module")
def today(prism):
    with TodayAPI(prism.url).running() as api:
        yield api


def _open(today: TodayAPI):
    return open_page(
        PAGE,
        secrets={
            "OPENAI_API_KEY": "sk-test",
            "OPENAI_BASE_URL": today.url,
            "PLAYGROUND_PROVIDER": "openai",
            "classroom": {"enabled": False},
        },
    )


def _files(at, downloads) -> dict[str, str]:
    return {d.proto.label: downloads(d).decode() for d in at.get("download_button")}


def test_gpt_transcribe_is_offered_first_and_its_text_is_timed_here(today, prism, downloads) -> None:
    at = _open(today)
    engines = at.selectbox(key="keep.wh.engine").options
    api = [e for e in engines if e.startswith("OpenAI")]
    assert api[0] == "OpenAI gpt-transcribe · text only"
    assert any(e.startswith("OpenAI whisper-1") and "shuts down 2027-02-26" in e for e in api)
    assert not any("tts" in e or "gpt-5" in e for e in api)  # only the transcription models
    at.selectbox(key="keep.wh.engine").set_value("api:gpt-transcribe").run()
    at.multiselect(key="keep.wh.languages").set_value(["ko", "en"]).run()
    at.text_input(key="keep.wh.keywords").input("Kennedy, Americans").run()
    assert any("Timing takes about" in c.value for c in at.caption)
    mark, since = prism.mark(), len(today.requests)
    at.button(key="wh_run").click().run(timeout=240)
    assert not at.exception and not at.error, [e.value for e in at.error]
    sent = [r for r in today.requests[since:] if r.path == "/v1/audio/transcriptions"]
    assert len(sent) == 1 and spec_errors(sent[0].body, sent[0].headers["content-type"]) == []
    assert all("✔" in v for v in prism.verdicts(since=mark))
    fields = form_fields(sent[0].body, sent[0].headers["content-type"])
    assert fields["languages[]"] == ["ko", "en"] and fields["keywords[]"] == ["Kennedy", "Americans"]
    transcript = at.session_state["wh_results"][-1][0]
    assert transcript.engine == "api:gpt-transcribe" and transcript.timing == "local:base"
    assert JFK_TEXT in transcript.text.lower()
    assert any("aligned to the words the built-in local:base heard" in c.value for c in at.caption)
    files = _files(at, downloads)
    cues = list(srt.parse(files["Download .srt"]))
    assert cues and cues[-1].end.total_seconds() < 11.5
    assert " ".join(c.content.replace("\n", " ") for c in cues) == transcript.text


def test_the_diarize_model_names_speakers_in_the_table_and_the_files(today, prism, downloads) -> None:
    at = _open(today)
    at.selectbox(key="keep.wh.engine").set_value("api:gpt-4o-transcribe-diarize").run()
    assert at.text_input(key="keep.wh.prompt").disabled  # the diarize model takes no prompt
    at.text_input(key="keep.wh.keywords").input("Kennedy").run()
    assert any("neither keywords nor a prompt" in c.value for c in at.caption)
    assert not any(t.key == "keep.wh.align" for t in at.toggle)  # it gives times itself
    at.button(key="wh_run").click().run(timeout=120)
    assert not at.exception and not at.error, [e.value for e in at.error]
    transcript = at.session_state["wh_results"][-1][0]
    assert transcript.speakers == ("A", "B")
    assert any("speakers A, B" in c.value for c in at.caption)
    tables = at.get("arrow_data_frame") or at.dataframe
    cue_table = tables[-1].value  # after the known speakers' table
    assert list(cue_table["speaker"]) == ["A", "B", "A"]
    srt_text = _files(at, downloads)["Download .srt"]
    assert [c.content.split("]")[0] for c in srt.parse(srt_text)] == ["[A", "[B", "[A"]
    assert "[B] ask not" in _files(at, downloads)["Download .vtt"]
