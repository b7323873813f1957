"""Test media made on the fly (no binary fixtures beyond the real JFK recording in assets/)."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
JFK = ROOT / "assets" / "jfk.flac"
JFK_TEXT = "ask not what your country can do for you"


def silence_wav(path: Path, seconds: float = 3.0, rate: int = 16_000) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\x00\x00" * int(seconds * rate))
    return path


def jfk_video(path: Path) -> Path:
    """An MP4 (MPEG-4 video + AAC) carrying the JFK recording, made with PyAV."""
    import av
    from faster_whisper.audio import decode_audio

    pcm = (decode_audio(str(JFK)) * 32767).astype(np.int16)
    with av.open(str(path), "w") as container:
        video = container.add_stream("mpeg4", rate=10)
        video.width, video.height, video.pix_fmt = 160, 120, "yuv420p"
        audio = container.add_stream("aac", rate=16_000)
        audio.layout = "mono"
        for i in range(110):
            frame = av.VideoFrame.from_ndarray(
                np.full((120, 160, 3), (i * 2) % 255, np.uint8), format="rgb24"
            )
            for packet in video.encode(frame):
                container.mux(packet)
        for packet in video.encode():
            container.mux(packet)
        for start in range(0, len(pcm), 1024):
            frame = av.AudioFrame.from_ndarray(pcm[None, start : start + 1024], format="s16", layout="mono")
            frame.sample_rate = 16_000
            for packet in audio.encode(frame):
                container.mux(packet)
        for packet in audio.encode():
            container.mux(packet)
    return path


# --- speech in other languages (espeak-ng, made at test time) and damaged copies ---

# Sentences that Whisper base hears as their language even in espeak-ng's robotic voice (tried: German and
# Spanish come out nearly right; Korean comes out as Korean only when Korean is among the allowed languages,
# and is otherwise detected as Thai).
SPOKEN = {
    "de": "Guten Morgen. Heute lernen wir, wie eine Maschine gesprochene Sprache in geschriebenen Text "
    "verwandelt. Das ist sehr interessant.",
    "es": "Buenos días. Hoy vamos a aprender cómo una máquina convierte la voz en texto escrito.",
    "ko": "안녕하세요. 오늘은 인공지능이 말을 알아듣는 방법을 배워 보겠습니다.",
    "en": "Good morning. Today we learn how a machine turns spoken language into written text.",
}


def espeak_wav(path: Path, language: str, text: str | None = None, *, speed: int = 140) -> Path:
    """``text`` (default: ``SPOKEN[language]``) spoken by espeak-ng into a WAV file."""
    import shutil
    import subprocess

    binary = shutil.which("espeak-ng")
    if binary is None:
        raise FileNotFoundError("espeak-ng is not installed (apt-get install espeak-ng; .ci/run does it)")
    subprocess.run(
        [binary, "-v", language, "-s", str(speed), "-w", str(path), text or SPOKEN[language]],
        check=True,
        capture_output=True,
    )
    return path


def samples_of(path: Path) -> np.ndarray:
    """16 kHz mono float samples of any media file (PyAV, as faster-whisper decodes)."""
    from faster_whisper.audio import decode_audio

    return decode_audio(str(path))


def write_audio(
    path: Path, samples: np.ndarray, *, codec: str = "flac", bit_rate: int | None = None, rate: int = 16_000
) -> Path:
    """Encode 16 kHz mono float samples with PyAV (flac, libmp3lame, aac... by the file's container)."""
    import av

    pcm = (np.clip(samples, -1, 1) * 32767).astype(np.int16)
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=rate)
        stream.layout = "mono"
        if bit_rate:
            stream.bit_rate = bit_rate
        for start in range(0, len(pcm), 1152):
            frame = av.AudioFrame.from_ndarray(pcm[None, start : start + 1152], format="s16", layout="mono")
            frame.sample_rate = rate
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def joined(path: Path, *clips: Path, pause: float = 0.5) -> Path:
    """The clips one after another with ``pause`` seconds of silence between, as FLAC (or by suffix)."""
    gap = np.zeros(int(pause * 16_000), np.float32)
    parts: list[np.ndarray] = []
    for clip in clips:
        parts += [samples_of(clip), gap]
    codec = {".mp3": "libmp3lame", ".flac": "flac"}.get(path.suffix, "flac")
    return write_audio(path, np.concatenate(parts[:-1]), codec=codec)


def jfk_minute_mp3(path: Path) -> Path:
    """60 s of the JFK sentence repeated, as a 32 kbit/s MP3 of about 240 KB (its header says 1:00)."""
    repeated = np.tile(samples_of(JFK), 6)[: 60 * 16_000]
    return write_audio(path, repeated, codec="libmp3lame", bit_rate=32_000)


def cut_copy(source: Path, target: Path, keep: int) -> Path:
    """The first ``keep`` bytes of ``source``: a download or copy that stopped early."""
    target.write_bytes(source.read_bytes()[:keep])
    return target


def overwritten_copy(
    source: Path, target: Path, start: int, length: int | None = None, seed: int = 0
) -> Path:
    """``source`` with random bytes from ``start`` (for ``length`` bytes, or to the end): a damaged disk or
    a broken transfer, the file's length unchanged."""
    data = bytearray(source.read_bytes())
    end = len(data) if length is None else min(len(data), start + length)
    data[start:end] = np.random.default_rng(seed).integers(0, 256, end - start, dtype=np.uint8).tobytes()
    target.write_bytes(bytes(data))
    return target
