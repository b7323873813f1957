"""The Chat page's logic: messages (system, few-shot examples, history), presets, context, cost, exports,
a code snippet of the request, the model list, and a stream that keeps what arrived when it breaks.

The page reads widgets, calls these functions and renders; everything here runs in a plain pytest.

>>> messages = build_messages(system="Be brief.", shots=[Shot("2+2?", "4")], history=[], user="3+3?")
>>> [m["role"] for m in messages]
['system', 'user', 'assistant', 'user']
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from lib.errors import redact
from lib.pricing import cost_usd, format_usd
from lib.settings import DEFAULT_AZURE_API_VERSION, DEFAULT_COMPATIBLE_BASE_URL, ProviderKind, Secret
from lib.tokenizer import encoding_for_model, get_encoding
from lib.vocab import VocabularyUnavailable

Role = Literal["user", "assistant"]
Status = Literal["complete", "stopped", "interrupted"]
LANGS: tuple[str, ...] = ("ko", "en")
_T = TypeVar("_T")


# --- Conversation values -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shot:
    """One few-shot example: an input and the answer the model should imitate."""

    user: str
    assistant: str

    @property
    def blank(self) -> bool:
        # Half an example (an input without its answer) teaches nothing and breaks the user/assistant rhythm.
        return not (self.user.strip() and self.assistant.strip())


@dataclass(frozen=True)
class Usage:
    """Tokens of one answer; ``estimated`` when counted here because the server sent no usage."""

    input_tokens: int
    output_tokens: int
    estimated: bool = False


@dataclass(frozen=True)
class Turn:
    """One message of the conversation as the page keeps it, with what was measured for an answer."""

    role: Role
    content: str
    model: str | None = None
    usage: Usage | None = None
    status: Status = "complete"
    seconds: float | None = None
    first_token_seconds: float | None = None
    error: str | None = None


def build_messages(
    *, system: str, shots: Sequence[Shot], history: Sequence[Turn], user: str | None = None
) -> list[dict]:
    """The ``messages`` of a request: system, the examples as user/assistant pairs, the history, the input.

    A blank system prompt is left out, as are half-filled examples and turns with no text (an answer that
    failed before its first word). A stopped or interrupted answer goes in with its partial text, because
    that is what the user saw and will refer to.

    >>> history = [Turn("user", "Hi"), Turn("assistant", "Hel", status="stopped")]
    >>> build_messages(system=" ", shots=[Shot("a", "")], history=history, user="Go on")
    [{'role': 'user', 'content': 'Hi'}, {'role': 'assistant', 'content': 'Hel'}, {'role': 'user', \
'content': 'Go on'}]
    """
    messages: list[dict] = []
    if system.strip():
        messages.append({"role": "system", "content": system})
    for shot in shots:
        if not shot.blank:
            messages.append({"role": "user", "content": shot.user})
            messages.append({"role": "assistant", "content": shot.assistant})
    messages.extend({"role": turn.role, "content": turn.content} for turn in history if turn.content.strip())
    if user is not None and user.strip():
        messages.append({"role": "user", "content": user})
    return messages


# --- Presets -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Preset:
    """A ready-made exercise: system prompt, examples and a sample input, in Korean and English."""

    id: str
    name: dict[str, str]
    system: dict[str, str]
    shots: dict[str, tuple[Shot, ...]]
    sample: dict[str, str]
    temperature: float
    note: dict[str, str]
    expected: dict[str, str] = field(default_factory=dict)  # the answer to look for, where there is one


def localize(values: Mapping[str, _T], lang: str) -> _T:
    """The value for ``lang``, else the English one.

    >>> localize(PRESETS["sentiment"].expected, "ko")
    '1, 1, 0'
    """
    return values[lang] if lang in values else values["en"]


def _both(text: str) -> dict[str, str]:
    return {"ko": text, "en": text}


_GUARDED_SYSTEM = {
    "ko": (
        "확실히 아는 것만 답하세요. 학습 데이터 이후의 일이거나 확실하지 않으면 "
        '"모르겠습니다"라고 말하고 이유를 짧게 설명하세요. 이름, 숫자, 출처를 지어내지 마세요.'
    ),
    "en": (
        "Answer only what you reliably know. If the question is about events after your training data, "
        'or you are not sure, say "I don\'t know" and briefly explain why. Never invent names, numbers '
        "or sources."
    ),
}
_CUTOFF_QUESTION = {
    "ko": "2030년 FIFA 월드컵 우승팀은 어디이고, 결승전 점수는 몇 대 몇이었나요?",
    "en": "Who won the 2030 FIFA World Cup, and what was the score in the final?",
}

PRESETS: dict[str, Preset] = {
    preset.id: preset
    for preset in (
        Preset(
            id="none",
            name={"ko": "직접 입력 (프리셋 없음)", "en": "Blank (no preset)"},
            system=_both(""),
            shots={"ko": (), "en": ()},
            sample=_both(""),
            temperature=1.0,
            note=_both(""),
        ),
        Preset(
            id="sentiment",
            name={"ko": "문장별 감성 분석 (배달 리뷰)", "en": "Sentiment per sentence (delivery review)"},
            system={
                "ko": (
                    "음식 배달 리뷰의 각 문장이 긍정이면 1, 부정이면 0으로 판단하세요. "
                    "문장 순서대로 숫자만 쉼표로 구분해 답하세요."
                ),
                "en": (
                    "Rate each sentence of a food-delivery review: 1 if it is positive, 0 if it is negative. "
                    "Answer only the digits, in sentence order, separated by commas."
                ),
            },
            shots={
                "ko": (
                    Shot("배달이 정말 빨랐어요. 음식도 따뜻했어요.", "1, 1"),
                    Shot("치킨이 너무 짰어요. 소스는 맛있었어요. 다음엔 안 시킬래요.", "0, 1, 0"),
                ),
                "en": (
                    Shot("Delivery was really fast. The food was still hot.", "1, 1"),
                    Shot(
                        "The chicken was far too salty. The sauce was tasty. I won't order again.", "0, 1, 0"
                    ),
                ),
            },
            sample={
                "ko": "음식이 맛있어요. 포장 상태도 좋았어요. 그런데 양이 좀 부족했어요.",
                "en": "The food was delicious. The packaging was good too. But the portion was a bit small.",
            },
            temperature=0.0,
            note={
                "ko": (
                    '기대하는 답: "1, 1, 0". 예시(few-shot) 두 개가 답의 형식을 가르칩니다. '
                    "예시를 지우고 다시 보내 보세요: 형식이 흐트러지나요?"
                ),
                "en": (
                    'Expected answer: "1, 1, 0". The two examples (few-shot) teach the format. '
                    "Delete them and send again: does the format drift?"
                ),
            },
            expected=_both("1, 1, 0"),
        ),
        Preset(
            id="translate",
            name={"ko": "번역 (한국어 ↔ 영어)", "en": "Translate (Korean ↔ English)"},
            system={
                "ko": (
                    "당신은 번역가입니다. 한국어는 자연스러운 영어로, 영어는 자연스러운 한국어로 번역하세요. "
                    "번역문만 답하세요."
                ),
                "en": (
                    "You are a translator. Translate Korean into natural English and English into natural "
                    "Korean. Answer with the translation only."
                ),
            },
            shots=dict.fromkeys(
                LANGS,
                (
                    Shot("오늘 날씨가 정말 좋네요.", "The weather is really nice today."),
                    Shot("Could you send me the file by Friday?", "금요일까지 파일을 보내 주실 수 있나요?"),
                ),
            ),
            sample={
                "ko": "이 앱은 AI 모델이 어떻게 동작하는지 직접 보여 줍니다.",
                "en": "This app shows, hands-on, how AI models work.",
            },
            temperature=0.3,
            note={
                "ko": "예시 두 개가 방향(한→영, 영→한)과 '번역문만' 답하는 형식을 보여 줍니다.",
                "en": "The two examples show both directions and the 'translation only' format.",
            },
        ),
        Preset(
            id="friendlier",
            name={"ko": "부드럽게 다시 쓰기", "en": "Make it friendlier"},
            system={
                "ko": (
                    "사용자의 메시지를 뜻은 그대로 두고 따뜻하고 공손하게 다시 써 주세요. "
                    "짧게, 다시 쓴 메시지만 답하세요."
                ),
                "en": (
                    "Rewrite the user's message so it sounds warm and polite, keeping its meaning. "
                    "Keep it short and answer with the rewritten message only."
                ),
            },
            shots={
                "ko": (
                    Shot(
                        "보고서 당장 보내세요.",
                        "안녕하세요! 시간 되실 때 보고서 보내 주실 수 있을까요? 감사합니다 :)",
                    ),
                ),
                "en": (
                    Shot(
                        "Send me the report now.",
                        "Hi! Could you send me the report when you get a chance? Thanks a lot!",
                    ),
                ),
            },
            sample={
                "ko": "회의 자료 아직도 안 왔네요. 오늘 안에 보내세요.",
                "en": "Your code doesn't work. Fix it by tomorrow.",
            },
            temperature=0.7,
            note={
                "ko": "온도(temperature)를 올려 여러 번 보내 보세요: 매번 표현이 달라집니다.",
                "en": "Raise the temperature and send a few times: the wording changes each time.",
            },
        ),
        Preset(
            id="summarise",
            name={"ko": "세 줄 요약", "en": "Summarise in 3 bullets"},
            system={
                "ko": "문서를 정확히 3개의 글머리 기호(-)로 요약하세요. 각 항목은 한 문장으로 쓰세요.",
                "en": "Summarise the document in exactly 3 bullet points (-), one sentence each.",
            },
            shots={"ko": (), "en": ()},
            sample={
                "ko": (
                    "언어 모델은 글을 토큰이라는 작은 조각으로 나누어 읽습니다. 모델은 앞의 토큰들을 보고 "
                    "다음에 올 토큰의 확률을 계산한 뒤, 그중 하나를 골라 이어 붙이는 일을 반복합니다. "
                    "온도(temperature)가 높으면 덜 뻔한 토큰도 자주 고르게 되어 답이 다양해지고, 낮으면 "
                    "가장 그럴듯한 토큰을 주로 골라 답이 일정해집니다. 모델이 한 번에 볼 수 있는 토큰 "
                    "수에는 한계(컨텍스트 창)가 있어서, 대화가 길어지면 오래된 내용을 잊게 됩니다."
                ),
                "en": (
                    "A language model reads text as small pieces called tokens. Looking at the tokens so "
                    "far, it computes the probability of each possible next token, picks one and appends "
                    "it, over and over. A high temperature makes it pick less likely tokens more often, so "
                    "answers vary; a low one makes it stick to the most likely tokens, so answers repeat. "
                    "A model can only look at so many tokens at once (its context window), so in a long "
                    "conversation the oldest parts fall out of view."
                ),
            },
            temperature=0.3,
            note={
                "ko": "자신의 글을 붙여 넣어 보세요. 길이를 늘리면 입력 토큰과 비용이 어떻게 변하나요?",
                "en": "Paste your own text. How do the input tokens and the cost grow with its length?",
            },
        ),
        Preset(
            id="hallucination",
            name={"ko": "환각: 모르는 것을 묻기", "en": "Hallucination: ask what it cannot know"},
            system=_both(""),
            shots={"ko": (), "en": ()},
            sample=_CUTOFF_QUESTION,
            temperature=1.0,
            note={
                "ko": (
                    "2030년 월드컵은 모델의 학습 데이터보다 뒤의 일입니다. "
                    "자신 있게 우승팀과 점수를 말한다면 지어낸 것(환각)입니다. "
                    "'환각: 모른다고 해도 됨' 프리셋과 같은 질문으로 비교해 보세요."
                ),
                "en": (
                    "The 2030 World Cup is after the model's training data. If it confidently names a "
                    "winner and a score, it made them up (a hallucination). Compare with the 'allowed to "
                    "say I don't know' preset: same question, same temperature."
                ),
            },
        ),
        Preset(
            id="hallucination_guarded",
            name={
                "ko": "환각: 모른다고 해도 됨",
                "en": "Hallucination: allowed to say “I don't know”",
            },
            system=_GUARDED_SYSTEM,
            shots={"ko": (), "en": ()},
            sample=_CUTOFF_QUESTION,
            temperature=1.0,
            note={
                "ko": (
                    "질문과 온도는 '환각: 모르는 것을 묻기'와 같고, 시스템 프롬프트만 다릅니다. "
                    "모른다고 말해도 된다고 알려 주면 답이 어떻게 바뀌나요? 여러 번 보내 비교해 보세요."
                ),
                "en": (
                    "Same question and temperature as 'ask what it cannot know'; only the system prompt "
                    "differs. How does the answer change once the model may say it does not know? Send "
                    "each a few times and compare."
                ),
            },
        ),
    )
}


# --- Context window and token counts -----------------------------------------------------------------------

# Tokens a model can attend to (prompt + answer), from OpenAI's model pages.
CONTEXT_WINDOWS: dict[str, int] = {
    "gpt-5": 400_000,
    "gpt-5-mini": 400_000,
    "gpt-5-nano": 400_000,
    "gpt-5-chat-latest": 128_000,
    "gpt-4.1": 1_047_576,
    "gpt-4.1-mini": 1_047_576,
    "gpt-4.1-nano": 1_047_576,
    "gpt-4o": 128_000,
    "gpt-4o-mini": 128_000,
    "chatgpt-4o-latest": 128_000,
    "o1": 200_000,
    "o1-mini": 128_000,
    "o3": 200_000,
    "o3-mini": 200_000,
    "o4-mini": 200_000,
    "gpt-4-turbo": 128_000,
    "gpt-4-turbo-preview": 128_000,
    "gpt-4-1106-preview": 128_000,
    "gpt-4-0125-preview": 128_000,
    "gpt-4": 8_192,
    "gpt-4-32k": 32_768,
    "gpt-3.5-turbo": 16_385,
    "gpt-3.5-turbo-16k": 16_385,
    "gpt-3.5-turbo-0613": 4_096,
    "gpt-3.5-turbo-0301": 4_096,
    # The built-in local model, as the app loads it (n_ctx).
    "smollm2-135m-instruct": 2_048,
}

_DATED_SUFFIX = re.compile(r"-(\d{4}-\d{2}-\d{2}|\d{4})$")
# OpenAI's recipe for chat messages: every message is wrapped in a few formatting tokens, a "name" costs one
# more, and the reply is primed with "<|start|>assistant<|message|>".
TOKENS_PER_MESSAGE = 3
TOKENS_PER_NAME = 1
TOKENS_REPLY_PRIMING = 3
FALLBACK_ENCODING = "o200k_base"


def _base_name(model: str) -> str:
    # "openai/gpt-4o" (OpenRouter-style ids on compatible servers) names the same model as "gpt-4o".
    return model.strip().lower().rsplit("/", 1)[-1]


def context_window(model: str) -> int | None:
    """Tokens the model can take (prompt + answer); dated snapshots map to their base; None if unknown.

    >>> context_window("gpt-4o-2024-08-06"), context_window("gpt-4-0613"), context_window("llama3.2")
    (128000, 8192, None)
    """
    name = _base_name(model)
    if name in CONTEXT_WINDOWS:
        return CONTEXT_WINDOWS[name]
    return CONTEXT_WINDOWS.get(_DATED_SUFFIX.sub("", name))


def encoding_name_for(model: str) -> str:
    """The tiktoken encoding of a model; ``o200k_base`` (today's models) when tiktoken does not know it."""
    try:
        return encoding_for_model(_base_name(model))
    except KeyError:
        return FALLBACK_ENCODING


def _text_of(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):  # content parts: only the text parts are text tokens
        return "".join(p.get("text", "") for p in value if isinstance(p, dict) and p.get("type") == "text")
    return str(value)


def count_tokens(messages: Sequence[Mapping[str, Any]], model: str) -> int:
    """Prompt tokens of ``messages`` by OpenAI's published recipe (exact for OpenAI's chat models).

    Raises ``VocabularyUnavailable`` when the encoding cannot be loaded offline.

    >>> count_tokens([{"role": "user", "content": "Hello!"}], "gpt-4o-mini")
    9
    """
    # The encoding itself rather than lib.tokenizer.encode: that cache is sized for the tokenizer page's few
    # big texts, and many small messages would push them out.
    encoding = get_encoding(encoding_name_for(model))
    total = TOKENS_REPLY_PRIMING
    for message in messages:
        total += TOKENS_PER_MESSAGE
        for key, value in message.items():
            total += len(encoding.encode(_text_of(value), disallowed_special=()))
            if key == "name":
                total += TOKENS_PER_NAME
    return total


@dataclass(frozen=True)
class ContextCheck:
    """Whether the prompt plus the longest allowed answer fits the model's context window."""

    fits: bool
    prompt_tokens: int
    limit: int | None  # the window; None when the model is unknown
    over_by: int  # tokens to cut (from the prompt or from max output) to fit; 0 when it fits


def check_context(
    messages: Sequence[Mapping[str, Any]], *, model: str, max_output_tokens: int, window: int | None = None
) -> ContextCheck:
    """Does ``prompt + max_output_tokens <= window`` hold? An unknown window is assumed to fit.

    ``window`` overrides the table, e.g. for a local server started with its own context size.
    """
    prompt = count_tokens(messages, model)
    limit = window if window is not None else context_window(model)
    if limit is None:
        return ContextCheck(fits=True, prompt_tokens=prompt, limit=None, over_by=0)
    over = max(0, prompt + max(0, max_output_tokens) - limit)
    return ContextCheck(fits=over == 0, prompt_tokens=prompt, limit=limit, over_by=over)


# --- Cost --------------------------------------------------------------------------------------------------


def turn_cost(model: str | None, usage: Usage | None) -> float | None:
    """US dollars for one answer; None without usage or for a model not in the price table."""
    if model is None or usage is None:
        return None
    return cost_usd(model, input_tokens=usage.input_tokens, output_tokens=usage.output_tokens)


def session_totals(turns: Iterable[Turn]) -> tuple[int, int, float | None]:
    """Input tokens, output tokens and cost of all answers so far.

    The cost is None as soon as one answer's model has no price (a local model, an unknown id): a total
    that silently leaves answers out would look cheaper than it was.

    >>> session_totals([Turn("assistant", "x", model="gpt-4o-mini", usage=Usage(1_000_000, 0))])
    (1000000, 0, 0.15)
    """
    input_tokens = output_tokens = 0
    cost: float | None = 0.0
    for turn in turns:
        if turn.usage is None:
            continue
        input_tokens += turn.usage.input_tokens
        output_tokens += turn.usage.output_tokens
        one = turn_cost(turn.model, turn.usage)
        cost = None if cost is None or one is None else cost + one
    return input_tokens, output_tokens, cost


# --- Exports -----------------------------------------------------------------------------------------------

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Chat",
        "model": "Model",
        "totals": "Tokens: {input} input, {output} output · cost {cost}",
        "system": "System prompt",
        "shots": "Few-shot examples",
        "example": "Example {n}",
        "conversation": "Conversation",
        "user": "User",
        "assistant": "Assistant",
        "tokens": "{input} input + {output} output tokens",
        "estimated": " (estimated)",
        "first": "first token {s:.2f} s",
        "stopped": "stopped by the user",
        "interrupted": "interrupted",
    },
    "ko": {
        "title": "채팅",
        "model": "모델",
        "totals": "토큰: 입력 {input}, 출력 {output} · 비용 {cost}",
        "system": "시스템 프롬프트",
        "shots": "예시 (few-shot)",
        "example": "예시 {n}",
        "conversation": "대화",
        "user": "사용자",
        "assistant": "어시스턴트",
        "tokens": "입력 {input} + 출력 {output} 토큰",
        "estimated": " (추정)",
        "first": "첫 토큰 {s:.2f}초",
        "stopped": "사용자가 멈춤",
        "interrupted": "중단됨",
    },
}


def _turn_meta(turn: Turn, labels: Mapping[str, str]) -> str:
    parts = []
    if turn.usage is not None:
        tokens = labels["tokens"].format(input=turn.usage.input_tokens, output=turn.usage.output_tokens)
        parts.append(tokens + (labels["estimated"] if turn.usage.estimated else ""))
        cost = turn_cost(turn.model, turn.usage)
        if cost is not None:
            parts.append(format_usd(cost))
    if turn.seconds is not None:
        parts.append(f"{turn.seconds:.2f} s")
    if turn.first_token_seconds is not None:
        parts.append(labels["first"].format(s=turn.first_token_seconds))
    if turn.status != "complete":
        parts.append(labels[turn.status])
    if turn.error:
        parts.append(redact(turn.error))
    return " · ".join(parts)


def export_markdown(
    turns: Sequence[Turn], *, system: str, shots: Sequence[Shot], model: str, lang: str = "en"
) -> str:
    """The conversation as a Markdown document (settings, examples, turns with tokens and cost)."""
    labels = _LABELS.get(lang, _LABELS["en"])
    input_tokens, output_tokens, cost = session_totals(turns)
    lines = [
        f"# {labels['title']}",
        "",
        f"- {labels['model']}: `{model}`",
        "- " + labels["totals"].format(input=input_tokens, output=output_tokens, cost=format_usd(cost)),
        "",
    ]
    if system.strip():
        lines += [f"## {labels['system']}", "", system.strip(), ""]
    examples = [shot for shot in shots if not shot.blank]
    if examples:
        lines += [f"## {labels['shots']}", ""]
        for n, shot in enumerate(examples, 1):
            example = labels["example"].format(n=n)
            lines += [f"**{example} · {labels['user']}**", "", shot.user.strip(), ""]
            lines += [f"**{example} · {labels['assistant']}**", "", shot.assistant.strip(), ""]
    lines += [f"## {labels['conversation']}", ""]
    for turn in turns:
        heading = labels[turn.role] + (
            f" · `{turn.model}`" if turn.role == "assistant" and turn.model else ""
        )
        lines += [f"### {heading}", "", turn.content.strip(), ""]
        meta = _turn_meta(turn, labels)
        if meta:
            lines += [f"*{meta}*", ""]
    return "\n".join(lines).rstrip() + "\n"


# Settings whose name says they hold a credential; dropped from an export whatever their value.
_SECRET_NAME = re.compile(
    r"(?i)(api[_-]?key|secret|password|passwd|authorization|bearer|credential|^key$|_key$)"
)


def _clean(value: Any) -> Any:
    if isinstance(value, Secret):
        return None
    if isinstance(value, Mapping):
        return {
            str(k): _clean(v)
            for k, v in value.items()
            if not _SECRET_NAME.search(str(k)) and not isinstance(v, Secret)
        }
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, str):
        return redact(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    return redact(str(value))


def _round(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 3)


def export_json(
    turns: Sequence[Turn],
    *,
    system: str,
    shots: Sequence[Shot],
    model: str,
    settings: Mapping[str, Any] | None = None,
) -> str:
    """The conversation as JSON (UTF-8 text, Hangul as is). Credentials in ``settings`` are left out."""
    input_tokens, output_tokens, cost = session_totals(turns)
    document = {
        "app": "multimodal-playground",
        "kind": "chat",
        "version": 1,
        "model": model,
        "settings": _clean(dict(settings or {})),
        "system": system,
        "shots": [{"user": s.user, "assistant": s.assistant} for s in shots if not s.blank],
        "turns": [
            {
                "role": turn.role,
                "content": turn.content,
                "model": turn.model,
                "usage": None
                if turn.usage is None
                else {
                    "input_tokens": turn.usage.input_tokens,
                    "output_tokens": turn.usage.output_tokens,
                    "estimated": turn.usage.estimated,
                },
                "cost_usd": turn_cost(turn.model, turn.usage),
                "status": turn.status,
                "seconds": _round(turn.seconds),
                "first_token_seconds": _round(turn.first_token_seconds),
                "error": redact(turn.error) if turn.error else None,
            }
            for turn in turns
        ],
        "totals": {"input_tokens": input_tokens, "output_tokens": output_tokens, "cost_usd": cost},
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


# --- The request, and the same request as a Python snippet --------------------------------------------------

_O_SERIES = re.compile(r"^o\d+(?:-|$)")


def is_reasoning_model(model: str) -> bool:
    """o-series and GPT-5 reasoning models: they take ``max_completion_tokens`` and only the default sampling.

    >>> [is_reasoning_model(m) for m in ("o4-mini", "gpt-5-mini", "gpt-5-chat-latest", "gpt-4o")]
    [True, True, False, False]
    """
    name = _base_name(model)
    return bool(_O_SERIES.match(name)) or (name.startswith("gpt-5") and "-chat" not in name)


def chat_request(
    *, model: str, messages: Sequence[Mapping[str, Any]], temperature: float, top_p: float, max_tokens: int
) -> dict[str, Any]:
    """The keyword arguments of ``client.chat.completions.create`` for one streamed answer.

    The spec marks ``max_tokens`` deprecated and "not compatible with o-series models", so reasoning models
    get ``max_completion_tokens``; other models keep ``max_tokens``, which every OpenAI-compatible server
    knows. Reasoning models reject any temperature or top_p but the default, so those are not sent to them.

    >>> sorted(chat_request(model="o4-mini", messages=[], temperature=0.2, top_p=1, max_tokens=9))
    ['max_completion_tokens', 'messages', 'model', 'stream', 'stream_options']
    """
    params: dict[str, Any] = {"model": model, "messages": [dict(m) for m in messages]}
    if is_reasoning_model(model):
        params["max_completion_tokens"] = max_tokens
    else:
        params.update(temperature=temperature, top_p=top_p, max_tokens=max_tokens)
    params.update(stream=True, stream_options={"include_usage": True})
    return params


def _py_str(text: str) -> str:
    """A double-quoted Python string literal; JSON's escapes are all valid Python escapes."""
    literal = json.dumps(text, ensure_ascii=False)
    # Line separators, lone surrogates and the like would survive json.dumps raw; spell them out.
    return "".join(
        ch if ch.isprintable() else (f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        for ch in literal
    )


def _py(value: Any) -> str:
    if isinstance(value, str):
        return _py_str(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_py(k)}: {_py(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_py(v) for v in value) + "]"
    return repr(value)  # numbers, booleans, None


def _py_content(text: str, indent: str) -> str:
    lines = text.splitlines(keepends=True)
    if len(lines) <= 1:
        return _py_str(text)
    # One source line per line of text, so a multi-line prompt stays readable in the snippet.
    inner = "".join(f"{indent}    {_py_str(line)}\n" for line in lines)
    return f"(\n{inner}{indent})"


def _py_messages(messages: Sequence[Mapping[str, Any]]) -> str:
    if not messages:
        return "[]"
    out = ["["]
    for message in messages:
        one_line = f"    {_py(dict(message))},"
        if len(one_line) <= 100 and "\n" not in "".join(map(str, message.values())):
            out.append(one_line)
            continue
        out.append("    {")
        for key, value in message.items():
            rendered = _py_content(value, "        ") if isinstance(value, str) else _py(value)
            out.append(f"        {_py_str(str(key))}: {rendered},")
        out.append("    },")
    out.append("]")
    return "\n".join(out)


def _client_lines(
    provider: ProviderKind,
    *,
    base_url: str | None,
    azure_endpoint: str | None,
    azure_deployment: str | None,
    api_version: str | None,
) -> list[str]:
    if provider is ProviderKind.AZURE:
        endpoint = _py_str(azure_endpoint) if azure_endpoint else 'os.environ["AZURE_OPENAI_ENDPOINT"]'
        lines = [
            "from openai import AzureOpenAI",
            "",
            "client = AzureOpenAI(",
            f"    azure_endpoint={endpoint},",
        ]
        if azure_deployment:
            lines.append(f"    azure_deployment={_py_str(azure_deployment)},")
        lines += [
            f"    api_version={_py_str(api_version or DEFAULT_AZURE_API_VERSION)},",
            '    api_key=os.environ["AZURE_OPENAI_API_KEY"],',
            ")",
        ]
        return lines
    if provider is ProviderKind.OPENAI:
        lines = ["from openai import OpenAI", ""]
        if base_url and base_url.rstrip("/") != "https://api.openai.com/v1":
            return [
                *lines,
                f'client = OpenAI(base_url={_py_str(base_url)}, api_key=os.environ["OPENAI_API_KEY"])',
            ]
        return [*lines, 'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])']
    if provider is ProviderKind.BUILTIN:
        # The built-in model runs inside the app; the same GGUF served by llama_cpp.server takes this request.
        lines = [
            "from openai import OpenAI",
            "",
            "# The built-in model runs inside the app. To send this request yourself, serve the model with",
            "#   python -m llama_cpp.server --model SmolLM2-135M-Instruct.Q4_1.gguf --n_ctx 2048",
        ]
        url = base_url or "http://localhost:8000/v1"
    else:
        lines = ["from openai import OpenAI", ""]
        url = base_url or DEFAULT_COMPATIBLE_BASE_URL
    # Local servers take any key; a shared server may want one from the environment.
    key = 'os.environ.get("OPENAI_API_KEY", "not-needed")'
    return [*lines, f"client = OpenAI(base_url={_py_str(url)}, api_key={key})"]


def code_snippet(
    messages: Sequence[Mapping[str, Any]],
    *,
    model: str,
    temperature: float,
    top_p: float,
    max_tokens: int,
    provider: ProviderKind,
    base_url: str | None = None,
    azure_endpoint: str | None = None,
    azure_deployment: str | None = None,
    api_version: str | None = None,
) -> str:
    """A runnable Python script that sends exactly this request with the official SDK and prints the stream.

    The key is never in it: the script reads it from the environment.
    """
    params = chat_request(
        model=model, messages=messages, temperature=temperature, top_p=top_p, max_tokens=max_tokens
    )
    client = _client_lines(
        ProviderKind(provider),
        base_url=base_url,
        azure_endpoint=azure_endpoint,
        azure_deployment=azure_deployment,
        api_version=api_version,
    )
    arguments = [
        f"    {name}=messages," if name == "messages" else f"    {name}={_py(value)},"
        for name, value in params.items()
    ]
    lines = [
        "# pip install openai",
        "import os",
        "",
        *client,
        "",
        f"messages = {_py_messages(params['messages'])}",
        "",
        "stream = client.chat.completions.create(",
        *arguments,
        ")",
        "for chunk in stream:",
        "    if chunk.choices and chunk.choices[0].delta.content:",
        '        print(chunk.choices[0].delta.content, end="", flush=True)',
        "    if chunk.usage:  # the last chunk, because of include_usage",
        "        usage = chunk.usage",
        '        print(f"\\n\\n[{usage.prompt_tokens} input + {usage.completion_tokens} output tokens]")',
    ]
    return "\n".join(lines) + "\n"


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


@dataclass(frozen=True)
class StreamResult:
    """How an answer ended: its text (partial unless complete), usage, and timings from the request."""

    text: str
    usage: Usage | None
    finish_reason: str | None
    status: Status
    error: BaseException | None
    seconds: float | None
    first_token_seconds: float | None

    def to_turn(self, model: str, *, error: str | None = None) -> Turn:
        """The assistant turn to keep; ``error`` is the user message for ``self.error`` (lib.errors)."""
        return Turn(
            role="assistant",
            content=self.text,
            model=model,
            usage=self.usage,
            status=self.status,
            seconds=self.seconds,
            first_token_seconds=self.first_token_seconds,
            error=error,
        )


class ChatStream:
    """One streamed answer: iterate it for text deltas (``st.write_stream(stream)``), then read ``.result``.

    The request is sent when iteration starts. An error before the first text (401, 429, 404, a refused
    connection, a cut or a timeout before any words) is raised to the caller as the SDK's typed exception,
    so the page can show one clear message and keep the draft. An error after that (a cut connection, a
    read timeout, an error event) ends the iteration normally with the partial text kept,
    ``status="interrupted"`` and ``result.error`` set. ``stop()`` (or closing the iterator, as Streamlit does
    when a rerun interrupts ``st.write_stream``) ends it with ``status="stopped"``, keeping the partial text.

    Without a usage chunk (a stopped or broken stream, a server that ignores ``stream_options``), usage is
    counted here with the model's encoding and marked ``estimated``.

    ``client`` is an ``openai.OpenAI`` or anything with the same ``chat.completions.create`` that returns an
    iterator of ``ChatCompletionChunk`` (the built-in local model). Prism, the spec mock, answers a streaming
    request with plain JSON, which the SDK iterates as zero chunks: that ends as an empty complete answer.
    """

    def __init__(
        self,
        client: Any,
        *,
        model: str,
        messages: Sequence[Mapping[str, Any]],
        temperature: float,
        top_p: float,
        max_tokens: int,
        timeout: float | None = None,
    ) -> None:
        self.model = model
        self.params = chat_request(
            model=model, messages=messages, temperature=temperature, top_p=top_p, max_tokens=max_tokens
        )
        self._client = client
        self._timeout = timeout
        self._parts: list[str] = []
        self._stop = threading.Event()
        self._iterator: Iterator[str] | None = None
        self._result: StreamResult | None = None
        self._usage: Usage | None = None
        self._finish_reason: str | None = None
        self._started: float | None = None
        self._first: float | None = None

    @property
    def text(self) -> str:
        """The text received so far."""
        return "".join(self._parts)

    @property
    def result(self) -> StreamResult | None:
        """How the answer ended; None while it is still running (and not stopped)."""
        if self._result is None and self._stop.is_set():
            # Stopped, but the iterator has not noticed yet (parked at a yield that may never be resumed).
            return self._snapshot("stopped", None)
        return self._result

    def stop(self) -> None:
        """End the stream after the current chunk; safe from another thread or a later rerun."""
        self._stop.set()

    def close(self) -> None:
        """Stop and close the iterator now (same thread); the partial text is kept."""
        self._stop.set()
        if self._iterator is not None and hasattr(self._iterator, "close"):
            # ValueError: it is being iterated in another thread, which will see the stop flag.
            with contextlib.suppress(ValueError):
                self._iterator.close()

    def __iter__(self) -> Iterator[str]:
        # st.write_stream calls iter() twice (a check, then the loop): both must get the one same iterator.
        if self._iterator is None:
            self._iterator = self._run()
        return self._iterator

    def _elapsed(self) -> float | None:
        return None if self._started is None else time.monotonic() - self._started

    def _estimate(self, text: str) -> Usage | None:
        try:
            encoding = get_encoding(encoding_name_for(self.model))
            prompt = count_tokens(self.params["messages"], self.model)
        except VocabularyUnavailable:
            return None
        return Usage(prompt, len(encoding.encode(text, disallowed_special=())), estimated=True)

    def _snapshot(self, status: Status, error: BaseException | None) -> StreamResult:
        text = self.text
        return StreamResult(
            text=text,
            usage=self._usage or self._estimate(text),
            finish_reason=self._finish_reason,
            status=status,
            error=error,
            seconds=self._elapsed(),
            first_token_seconds=None if self._first is None else self._first - (self._started or 0.0),
        )

    def _run(self) -> Iterator[str]:
        if self._stop.is_set():  # stopped before it started: send nothing
            self._result = self._snapshot("stopped", None)
            return
        self._started = time.monotonic()
        kwargs = dict(self.params)
        if self._timeout is not None:
            kwargs["timeout"] = self._timeout
        try:
            chunks = self._client.chat.completions.create(**kwargs)
            iterator = iter(chunks)
        except BaseException as exc:
            self._result = self._snapshot("interrupted", exc)
            raise
        status: Status = "complete"
        error: BaseException | None = None
        try:
            while not self._stop.is_set():
                try:
                    chunk = next(iterator)
                except StopIteration:
                    break
                except Exception as exc:
                    # Any failure once the answer has begun: the partial text is worth more than the error's
                    # type, which the page still gets in result.error (and lib.errors turns into a message).
                    if self._first is None:  # nothing shown yet: the page keeps the draft instead
                        raise
                    status, error = "interrupted", exc
                    break
                delta = self._absorb(chunk)
                if delta:
                    if self._first is None:
                        self._first = time.monotonic()
                    self._parts.append(delta)
                    yield delta
            else:
                status = "stopped"
        except GeneratorExit:
            status = "stopped"
            raise
        except BaseException as exc:
            status, error = "interrupted", exc
            raise
        finally:
            close = getattr(chunks, "close", None)
            if callable(close):
                close()
            if status == "complete" and self._stop.is_set():
                status = "stopped"
            self._result = self._snapshot(status, error)

    def _absorb(self, chunk: Any) -> str:
        usage = getattr(chunk, "usage", None)
        if usage is not None:
            self._usage = Usage(usage.prompt_tokens or 0, usage.completion_tokens or 0)
        for choice in getattr(chunk, "choices", None) or ():
            if choice.index != 0:
                continue
            if choice.finish_reason:
                self._finish_reason = choice.finish_reason
            delta = choice.delta
            if delta is not None:
                # A refusal streams in its own field; show it like any answer text.
                return (delta.content or "") + (getattr(delta, "refusal", None) or "")
        return ""
