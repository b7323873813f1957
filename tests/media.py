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
