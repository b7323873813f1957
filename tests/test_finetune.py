"""Fine-tuning data: a conversation and the shot editor's examples as chat-format JSONL, every line checked
(good and bad lines), the file parsed back line by line, the cost only where the price table has one."""

from __future__ import annotations

import json

import pytest

from lib import chat
from lib.chat import finetune
from lib.core import pricing

PICTURE = chat.vision.prepare_image(chat.vision.sample_png(64, 64))


def _lines(text: str) -> list[dict]:
    assert text.endswith("\n") and "\r" not in text
    return [json.loads(line) for line in text.split("\n")[:-1]]


def test_shots_become_one_example_each_and_parse_back_line_by_line() -> None:
    shots = [chat.Shot("오늘 날씨 최고!", "긍정"), chat.Shot("별로였어", "부정"), chat.Shot("half", "")]
    text = finetune.to_jsonl(finetune.examples_from_shots("감정을 한 단어로.", shots))
    parsed = _lines(text)
    assert len(parsed) == 2  # the half-filled shot teaches nothing
    assert parsed[0] == {
        "messages": [
            {"role": "system", "content": "감정을 한 단어로."},
            {"role": "user", "content": "오늘 날씨 최고!"},
            {"role": "assistant", "content": "긍정"},
        ]
    }
    assert "오늘" in text  # UTF-8 as it is, not \\uXXXX escapes
    report = finetune.check_jsonl(text, model="gpt-4o-mini")
    assert report.ok and [line.number for line in report.lines] == [1, 2]
    assert all(line.tokens and line.tokens > 10 for line in report.lines)
    assert report.tokens == sum(line.tokens for line in report.lines)
    assert report.too_few  # OpenAI needs 10 examples: said, not blocking


def test_a_conversation_is_one_example_without_cut_answers_and_images() -> None:
    turns = [
        chat.Turn("user", "What is this?", images=(PICTURE,)),
        chat.Turn("assistant", "A gradient."),
        chat.Turn("user", "Tell me a long story"),
        chat.Turn("assistant", "Once upon", status="stopped"),
        chat.Turn("user", "Thanks"),
        chat.Turn("assistant", "You're welcome."),
    ]
    examples, left_out = finetune.examples_from_conversation("", turns)
    assert left_out == 1
    (line,) = _lines(finetune.to_jsonl(examples))
    assert [(m["role"], m["content"]) for m in line["messages"]] == [
        ("user", "What is this?"),
        ("assistant", "A gradient."),
        ("user", "Thanks"),
        ("assistant", "You're welcome."),
    ]
    assert finetune.examples_from_conversation("sys", [chat.Turn("user", "Hi")]) == ([], 0)


GOOD = json.dumps(
    {"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello", "weight": 1}]}
)


@pytest.mark.parametrize(
    ("line", "keys"),
    [
        ("", ["ft.p.blank"]),
        ("{not json", ["ft.p.json"]),
        ("[1, 2]", ["ft.p.no_messages"]),
        ('{"messages": []}', ["ft.p.no_messages"]),
        ('{"prompt": "x", "completion": "y"}', ["ft.p.no_messages", "ft.p.line_key"]),  # the legacy format
        ('{"messages": ["hi"]}', ["ft.p.not_message", "ft.p.no_assistant"]),
        (
            '{"messages": [{"role": "bot", "content": "x"}, {"role": "assistant", "content": "y"}]}',
            ["ft.p.role"],
        ),
        (
            '{"messages": [{"role": "user", "content": "  "}, {"role": "assistant", "content": "y"}]}',
            ["ft.p.empty"],
        ),
        (
            '{"messages": [{"role": "user", "content": "x"}, {"role": "assistant", "content": null}]}',
            ["ft.p.empty"],
        ),
        ('{"messages": [{"role": "user", "content": "x"}]}', ["ft.p.no_assistant"]),
        (
            '{"messages": [{"role": "user", "content": "x"}, {"role": "assistant", "content": "y"}, '
            '{"role": "user", "content": "z"}]}',
            ["ft.p.last_not_assistant"],
        ),
        (
            '{"messages": [{"role": "user", "content": "x"}, {"role": "system", "content": "s"}, '
            '{"role": "assistant", "content": "y"}]}',
            ["ft.p.system_first"],
        ),
        (
            '{"messages": [{"role": "user", "content": "x", "mood": "happy"}, '
            '{"role": "assistant", "content": "y"}]}',
            ["ft.p.message_key"],
        ),
        (
            '{"messages": [{"role": "user", "content": "x", "weight": 0}, '
            '{"role": "assistant", "content": "y"}]}',
            ["ft.p.weight"],
        ),
    ],
)
def test_a_bad_line_is_named_with_what_is_wrong(line: str, keys: list[str]) -> None:
    report = finetune.check_jsonl(GOOD + "\n" + line + "\n" + GOOD + "\n", model="gpt-4o-mini")
    first, bad, last = report.lines
    assert first.ok and last.ok and not report.ok
    assert [p.key for p in bad.problems] == keys and bad.number == 2


def test_every_problem_has_words_in_both_languages() -> None:
    from lib.core.i18n import t

    report = finetune.check_jsonl('{"messages": [{"role": "bot", "content": ""}]}\n{x\n', model="gpt-4o-mini")
    for line in report.lines:
        for problem in line.problems:
            assert t(problem.key, "ko", **problem.values) and t(problem.key, "en", **problem.values)


def test_an_example_over_the_model_s_limit_is_refused() -> None:
    long = "word " * 20_000
    text = finetune.to_jsonl(
        [{"messages": [{"role": "user", "content": long}, {"role": "assistant", "content": "ok"}]}]
    )
    assert finetune.check_jsonl(text, model="gpt-4.1-mini").ok  # 65,536 tokens an example
    small = finetune.check_jsonl(text, model="gpt-3.5-turbo")  # 16,385
    assert [p.key for p in small.lines[0].problems] == ["ft.p.too_long"]
    assert small.lines[0].problems[0].values == {"tokens": small.lines[0].tokens, "limit": 16_385}


def test_the_training_cost_is_estimated_only_where_the_table_has_a_price() -> None:
    text = finetune.to_jsonl(finetune.examples_from_shots("", [chat.Shot("a", "b")] * 10))
    priced = finetune.check_jsonl(text, model="gpt-4o-mini", epochs=4)
    assert priced.cost_usd == pytest.approx(priced.tokens * 4 * pricing.TRAINING_PRICES["gpt-4o-mini"] / 1e6)
    assert not priced.too_few
    unpriced = finetune.check_jsonl(text, model="gpt-5.4-mini")
    assert unpriced.cost_usd is None and unpriced.tokens == priced.tokens


def test_the_final_newline_ends_the_last_line_and_an_empty_file_is_not_ok() -> None:
    assert len(finetune.check_jsonl(GOOD + "\n", model="gpt-4o-mini").lines) == 1
    assert len(finetune.check_jsonl(GOOD, model="gpt-4o-mini").lines) == 1
    assert [p.key for p in finetune.check_jsonl(GOOD + "\n\n", model="gpt-4o-mini").lines[1].problems] == [
        "ft.p.blank"
    ]
    assert not finetune.check_jsonl("", model="gpt-4o-mini").ok
