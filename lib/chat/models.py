"""Which of a server's model ids are chat models, in the order the picker shows them."""

from __future__ import annotations

import re
from collections.abc import Iterable

# --- Model list --------------------------------------------------------------------------------------------

DEFAULT_OPENAI_MODELS: tuple[str, ...] = (
    "gpt-4o-mini",
    "gpt-4o",
    "gpt-4.1-mini",
    "gpt-4.1",
    "gpt-5-mini",
    "gpt-5",
    "gpt-3.5-turbo",
)
_PREFERRED = DEFAULT_OPENAI_MODELS[:-1]
_OPENAI_CHAT = re.compile(r"^(gpt-|chatgpt-|o[134](?:-|$))")
# Not chat models, on any server: embeddings, speech, images, moderation, legacy completions, realtime.
_NOT_CHAT = re.compile(
    r"(?<![a-z0-9])(embed|whisper|tts|dall-e|gpt-image|moderation|davinci|babbage|transcribe|realtime|audio"
    r"|search|research)"
)
# OpenAI ids that exist but do not answer /chat/completions (completions-only or Responses-API-only).
_OPENAI_NOT_CHAT = re.compile(r"^gpt-3\.5-turbo-instruct|(?:^|-)(?:pro|codex)(?:-|$)")


def _model_rank(model: str) -> tuple[int, str]:
    if model in _PREFERRED:
        return _PREFERRED.index(model), ""
    if model.startswith("gpt-3.5-turbo"):
        return len(_PREFERRED), model
    return len(_PREFERRED) + 1, model


def filter_chat_models(ids: Iterable[str], *, openai_only: bool = True) -> list[str]:
    """The chat models among a server's model ids, the classroom defaults first, then alphabetically.

    ``openai_only`` keeps OpenAI's chat families; set it False for other servers, whose names say little,
    to drop only ids that are plainly not chat models.

    >>> filter_chat_models(["whisper-1", "o4-mini", "gpt-4o", "gpt-4o-mini", "text-embedding-3-small"])
    ['gpt-4o-mini', 'gpt-4o', 'o4-mini']
    """
    kept = set()
    for model in ids:
        name = model.strip()
        lower = name.lower()
        if not name or _NOT_CHAT.search(lower):
            continue
        if openai_only and (not _OPENAI_CHAT.match(lower) or _OPENAI_NOT_CHAT.search(lower)):
            continue
        kept.add(name)
    return sorted(kept, key=_model_rank)


# --- Streaming ---------------------------------------------------------------------------------------------
