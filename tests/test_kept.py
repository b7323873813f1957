"""Work kept across a reload: each tool's codec round trip, the per-browser file store, and the app
restoring a browser's work (AppTest, the browser's id given as the cookie would give it)."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from PIL import Image

from lib import audio, chat, images
from lib.audio.subtitles import Segment, Word
from lib.audio.transcription import Transcript
from lib.core import browser_store as bs
from tests.apptest_helpers import everything_shown, new_app

KEY = "sk-proj-kept-test-AAAAbbbbCCCCdddd1234"


def png(color: str = "red", size: int = 8) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), color).save(out, format="PNG")
    return out.getvalue()


# --- codecs ---------------------------------------------------------------------------------------------


def test_conversation_round_trip_keeps_every_turn_field_and_makes_a_message_in_flight_the_draft():
    conv = chat.Conversation(
        turns=[
            chat.Turn("user", "안녕 👋"),
            chat.Turn(
                "assistant",
                "Hello",
                model="smollm2",
                usage=chat.Usage(5, 3, estimated=True),
                status="stopped",
                seconds=1.25,
                first_token_seconds=0.5,
                error="cut",
            ),
        ]
    )
    conv.begin("still going")
    data = json.loads(json.dumps(chat.kept.conversation_to_json(conv)))
    back = chat.kept.conversation_from_json(data)
    assert back.turns == conv.turns
    assert back.phase == "idle" and back.take_draft() == "still going"


def test_conversation_decoder_skips_what_it_does_not_know():
    back = chat.kept.conversation_from_json(
        {
            "turns": [
                {"role": "system", "content": "x"},
                {"role": "user", "content": 3},
                "junk",
                {"role": "user", "content": "ok"},
            ]
        }
    )
    assert [t.content for t in back.turns] == ["ok"]


def test_shots_round_trip_as_text():
    rows = [{"user": "2+2?", "assistant": "4"}, {"user": None, "assistant": 5}]
    assert chat.kept.shots_from_json(json.loads(json.dumps(chat.kept.shots_to_json(rows)))) == [
        {"user": "2+2?", "assistant": "4"},
        {"user": "", "assistant": "5"},
    ]


def test_gallery_round_trip_and_an_image_whose_bytes_were_dropped_is_left_out():
    one = images.GeneratedImage(
        png("red"),
        "png",
        "gpt-image-1",
        {"size": "1024x1024", "n": 1},
        "a cat",
        "A cat.",
        1.0,
        2.5,
        0.04,
        "golden_hour",
        True,
    )
    two = images.GeneratedImage(
        png("blue"), "png", "effect-lab", {"size": "8x8", "strength": 0.5}, "p", None, 2.0, 0.0, 0.0
    )
    packer = bs.Packer()
    data = json.loads(json.dumps(images.kept.gallery_to_json([one, two], packer.put)))
    assert images.kept.gallery_from_json(data, packer.blobs.get) == [one, two]
    first = next(iter(packer.blobs))
    assert images.kept.gallery_from_json(
        data, lambda name: None if name == first else packer.blobs.get(name)
    ) == [two]


def test_transcript_results_round_trip_with_media_as_a_blob():
    transcript = Transcript(
        segments=(
            Segment(0.0, 2.0, " And so", (Word(0.0, 0.4, " And"), Word(0.5, 0.9, " so"))),
            Segment(2.0, 3.0, "my"),
        ),
        engine="local:tiny.en",
        duration=3.0,
        language="en",
        language_probability=0.98,
        task="translate",
        has_timestamps=True,
        source="jfk.flac",
        parts=2,
        notes=("split",),
    )
    results = [(transcript, "jfk.flac", None), (transcript, "clip.mp4", b"video-bytes")]
    packer = bs.Packer()
    data = json.loads(json.dumps(audio.kept.results_to_json(results, packer.put)))
    assert audio.kept.results_from_json(data, packer.blobs.get) == results
    assert audio.kept.results_from_json(data, lambda name: None)[1] == (transcript, "clip.mp4", None)


# --- the file store -------------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_another_browser_sees_nothing_and_an_id_is_never_a_path(tmp_path: Path):
    store = bs.BrowserStore(tmp_path)
    mine, theirs = bs.new_id(), bs.new_id()
    assert mine != theirs and bs.valid_id(mine) and len(mine) == 32
    store.save(mine, {"a": {"value": 1}}, {})
    assert store.load(mine).entries == {"a": {"value": 1}}
    assert store.load(theirs) is None
    for bad in ("../" + mine[3:], "x" * 31, "", "a/b" + mine[3:], mine + "\n"):
        assert not bs.valid_id(bad)
        with pytest.raises(ValueError):
            store.load(bad)


def test_work_expires_a_week_after_its_last_save(tmp_path: Path):
    clock = Clock()
    store = bs.BrowserStore(tmp_path, clock=clock)
    who = bs.new_id()
    store.save(who, {"a": {"value": 1}}, {})
    clock.now += bs.EXPIRY_S - 60
    assert store.load(who) is not None
    clock.now += 120
    assert store.load(who) is None
    assert not (tmp_path / who).exists()  # deleted, not just hidden


def test_prune_deletes_expired_folders_only(tmp_path: Path):
    clock = Clock()
    clock.now = os.path.getmtime(tmp_path) + 10
    store = bs.BrowserStore(tmp_path, clock=clock)
    old, new = bs.new_id(), bs.new_id()
    store.save(old, {}, {})
    store.save(new, {}, {})
    week_ago = clock.now - bs.EXPIRY_S - 1
    os.utime(tmp_path / old / bs.WORK, (week_ago, week_ago))
    assert store.prune() == 1
    assert not (tmp_path / old).exists() and (tmp_path / new).exists()


def test_cap_leaves_out_the_oldest_blobs_and_deletes_blobs_no_longer_used(tmp_path: Path):
    store = bs.BrowserStore(tmp_path, cap_bytes=2500)
    who = bs.new_id()
    packer = bs.Packer()
    names = [packer.put(bytes([i]) * 1000) for i in range(3)]
    report = store.save(who, {"g": {"value": names}}, packer.blobs)
    assert report.dropped == (names[0],)
    saved = store.load(who)
    assert saved.blob(names[0]) is None and saved.blob(names[2]) == bytes([2]) * 1000
    assert report.written <= 2500
    store.save(who, {"g": {"value": names[2:]}}, {names[2]: packer.blobs[names[2]]})
    assert sorted(p.name for p in (tmp_path / who / bs.BLOBS).iterdir()) == [names[2]]
    with pytest.raises(bs.WorkTooLarge):
        store.save(who, {"text": {"value": "x" * 3000}}, {})
    assert store.load(who).entries == {"g": {"value": names[2:]}}  # the last good save is intact


def test_a_failed_write_leaves_the_last_save_whole_and_no_temporary_file(tmp_path: Path, monkeypatch):
    store = bs.BrowserStore(tmp_path)
    who = bs.new_id()
    store.save(who, {"a": {"value": "first"}}, {})

    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(bs.os, "replace", broken)
    with pytest.raises(OSError):
        store.save(who, {"a": {"value": "second"}}, {})
    monkeypatch.undo()
    assert store.load(who).entries == {"a": {"value": "first"}}
    assert [p.name for p in (tmp_path / who).iterdir() if p.name.startswith(".tmp")] == []


def test_a_known_secret_is_replaced_before_anything_is_written(tmp_path: Path):
    store = bs.BrowserStore(tmp_path)
    who = bs.new_id()
    store.save(who, {"chat": {"value": f"my key is {KEY} ok"}}, {}, secrets=[KEY, None, ""])
    text = (tmp_path / who / bs.WORK).read_text()
    assert KEY not in text and "[redacted]" in text


def test_forget_deletes_the_folder(tmp_path: Path):
    store = bs.BrowserStore(tmp_path)
    who = bs.new_id()
    packer = bs.Packer()
    store.save(who, {"a": {"value": packer.put(b"x")}}, packer.blobs)
    store.forget(who)
    assert not (tmp_path / who).exists() and store.load(who) is None


# --- the app (AppTest) ----------------------------------------------------------------------------------


def state_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_a_reload_in_the_same_browser_restores_the_work_and_another_browser_sees_none(tmp_path: Path):
    who = bs.new_id()
    root = Path(os.environ["PLAYGROUND_STATE_DIR"]) / "browsers"

    first = new_app({"OPENAI_API_KEY": KEY})
    first.session_state["_persist_id"] = who  # what the cookie gives a reload
    first.run()
    first.switch_page("app_pages/chat.py").run()
    conv = first.session_state["chat_conversation"]
    conv.begin(f"remember this, and my key {KEY}")
    conv.finish(chat.Turn("assistant", "Remembered."))
    first.session_state["keep.chat.system"] = "Answer like a pirate."
    first.run()
    assert (root / who / bs.WORK).exists()
    for path in state_files(root):
        assert KEY.encode() not in path.read_bytes(), path

    again = new_app({"OPENAI_API_KEY": KEY})
    again.session_state["_persist_id"] = who
    again.run()
    assert "Restored from this browser, just now: messages: 2" in everything_shown(again)
    again.switch_page("app_pages/chat.py").run()
    assert [t.content for t in again.session_state["chat_conversation"].turns][1] == "Remembered."
    assert again.session_state["keep.chat.system"] == "Answer like a pirate."

    other = new_app()
    other.session_state["_persist_id"] = bs.new_id()
    other.run()
    other.switch_page("app_pages/chat.py").run()
    assert other.session_state["chat_conversation"].turns == []
    assert "Restored from this browser" not in everything_shown(other)


def test_forget_clears_the_screen_and_the_server_and_starts_a_new_id(tmp_path: Path):
    who = bs.new_id()
    root = Path(os.environ["PLAYGROUND_STATE_DIR"]) / "browsers"
    at = new_app()
    at.session_state["_persist_id"] = who
    at.run()
    at.switch_page("app_pages/chat.py").run()
    conv = at.session_state["chat_conversation"]
    conv.begin("hello")
    conv.finish(chat.Turn("assistant", "hi"))
    at.run()
    assert (root / who).exists()
    at.button(key="persist_forget").click().run()
    assert not (root / who).exists()
    assert at.session_state["chat_conversation"].turns == []
    assert at.session_state["_persist_id"] != who


def test_an_unchanged_run_writes_nothing(tmp_path: Path):
    who = bs.new_id()
    root = Path(os.environ["PLAYGROUND_STATE_DIR"]) / "browsers"
    at = new_app()
    at.session_state["_persist_id"] = who
    at.run()
    at.switch_page("app_pages/chat.py").run()
    at.session_state["chat_conversation"].begin("x")
    at.session_state["chat_conversation"].finish(chat.Turn("assistant", "y"))
    at.run()
    before = (root / who / bs.WORK).stat().st_mtime_ns
    at.run()
    assert (root / who / bs.WORK).stat().st_mtime_ns == before


def test_the_documents_index_survives_a_reload_with_its_vectors(tmp_path: Path):
    import numpy as np

    from lib import documents

    text = "The camp starts on Monday.\n\nBring a hat.\n\nLunch is at noon."
    source = documents.Extracted("camp.txt", "txt", text)
    # Split with the page's default settings, as the page would (other settings make it split again).
    size, overlap = documents.DEFAULT_SIZE, documents.DEFAULT_OVERLAP
    pieces = documents.split(text, size=size, overlap=overlap)
    index = documents.DocumentIndex(source, "digest-1", 20, size, overlap, pieces)
    vectors = np.random.default_rng(0).normal(size=(len(index.pieces), 8)).astype(np.float32)
    index.embedding = documents.Embedding("multilingual-e5-small", vectors)
    who = bs.new_id()

    first = new_app()
    first.session_state["_persist_id"] = who
    first.run()
    first.switch_page("app_pages/documents.py").run()
    first.session_state["documents_index"] = index
    first.run()

    again = new_app()
    again.session_state["_persist_id"] = who
    again.run()
    assert "documents: 1" in everything_shown(again)
    again.switch_page("app_pages/documents.py").run()
    back = again.session_state["documents_index"]
    assert back.source.text == text and back.pieces == index.pieces and back.embedded
    assert np.array_equal(back.embedding.vectors, vectors)
