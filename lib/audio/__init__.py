"""The Whisper tool: media checks, the transcription engines (built-in and API), subtitles.

This is the public API of ``lib.audio``: pages and ``ui`` use only these names."""

from lib.audio import align as align
from lib.audio import api_request as api_request
from lib.audio import hallucinations as hallucinations
from lib.audio import kept as kept
from lib.audio import languages as languages
from lib.audio import local_whisper as local_whisper
from lib.audio import strings as strings  # registers the Whisper strings with lib.core.i18n
from lib.audio import subtitles as subtitles
from lib.audio import timeline as timeline
from lib.audio import transcription as transcription
