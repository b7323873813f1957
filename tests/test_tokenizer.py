"""Token ids, segments, counts and the HTML view of lib.tokenizer."""

from __future__ import annotations

import html
import itertools
import re

import pytest
import tiktoken

from lib.tokens import view as tok
from lib.tokens.vocab import ensure_vocabulary

SAMPLES = {
    "english": "The quick brown fox jumps over the lazy dog. It's 2026!",
    "korean": "음식이 맛있어요. 포장 상태도 좋았어요. 그런데 양이 좀 부족했어요.",
    "emoji": "I ❤️ 🍕! 👨‍👩‍👧 family 🇰🇷",
    "code": 'def f(x):\n\tif x <= 0:\n        return "<|endoftext|>"\n    return x * 2\n',
    "mixed": "GPT는 토큰(token) 단위로 읽어요 🤖 — naïve café, 日本語も。",
}


@pytest.mark.parametrize("name", tok.ENCODING_NAMES)
@pytest.mark.parametrize("sample", SAMPLES)
def test_token_ids_equal_tiktokens(name: str, sample: str) -> None:
    text = SAMPLES[sample]
    ensure_vocabulary(name)  # tiktoken alone would try to download it
    expected = tiktoken.get_encoding(name).encode(text, disallowed_special=())
    assert list(tok.encode(name, text)) == expected


@pytest.mark.parametrize("name", tok.ENCODING_NAMES)
@pytest.mark.parametrize("sample", SAMPLES)
def test_segments_reassemble_to_the_input(name: str, sample: str) -> None:
    text = SAMPLES[sample]
    segs = tok.segments(name, text)
    assert "".join(s.text for s in segs) == text
    assert "\ufffd" not in "".join(s.text for s in segs)
    assert [i for s in segs for i in s.token_ids] == list(tok.encode(name, text))


def test_a_hangul_syllable_split_across_tokens_is_one_segment() -> None:
    # In r50k_base "맛" is three byte-level tokens; it must show as one segment spanning three.
    segs = tok.segments("r50k_base", "맛")
    assert [(s.text, len(s.token_ids)) for s in segs] == [("맛", 3)]
    assert segs[0].spans_several


def test_emoji_split_across_tokens_is_one_segment() -> None:
    segs = tok.segments("cl100k_base", "🍕")
    assert len(segs) == 1 and segs[0].text == "🍕" and segs[0].spans_several


def test_korean_costs_more_tokens_than_english_and_o200k_is_cheaper_than_cl100k() -> None:
    ko, en = tok.SAMPLES["ko"], tok.SAMPLES["en"]
    rows = {r.encoding: r.tokens for r in tok.compare(ko)}
    rows_en = {r.encoding: r.tokens for r in tok.compare(en)}
    assert rows["o200k_base"] < rows["cl100k_base"] < rows["r50k_base"]
    assert rows["cl100k_base"] > rows_en["cl100k_base"]


def test_counts() -> None:
    c = tok.counts("o200k_base", "hello  world\n안녕 세상")
    ensure_vocabulary("o200k_base")
    assert (c.characters, c.words) == (18, 4)
    assert c.words_estimate == round(4 * 1.3)
    assert c.tokens == len(tiktoken.get_encoding("o200k_base").encode("hello  world\n안녕 세상"))


def test_compare_rows_cover_every_encoding() -> None:
    rows = tok.compare("abc abc")
    assert [r.encoding for r in rows] == list(tok.ENCODING_NAMES)
    assert all(r.tokens and r.chars_per_token == round(7 / r.tokens, 2) for r in rows)
    assert all(r.tokens == 0 and r.chars_per_token is None for r in tok.compare(""))


def test_models_map_to_encodings() -> None:
    assert tok.encoding_for_model("gpt-4o") == "o200k_base"
    assert tok.encoding_for_model("gpt-3.5-turbo") == "cl100k_base"
    assert tok.encoding_for_model("text-davinci-003") == "p50k_base"
    assert tok.encoding_for_model("davinci") == "r50k_base"
    assert {tok.encoding_for_model(m) for m in tok.MODELS} == set(tok.ENCODING_NAMES)


def _spans(view_html: str) -> list[str]:
    return re.findall(r'<span class="(c\d)[ "]', view_html)


def test_view_escapes_user_text() -> None:
    text = "<script>alert(1)</script> & \"quotes\" 'x'"
    view = tok.render_html(tok.segments("cl100k_base", text))
    assert "<script" not in view and "</script" not in view
    assert html.unescape(re.sub(r"<[^>]+>", "", view)) == text


def test_neighbouring_segments_never_share_a_colour() -> None:
    colours = _spans(tok.render_html(tok.segments("o200k_base", SAMPLES["mixed"] * 3)))
    assert len(colours) > 20
    assert all(a != b for a, b in itertools.pairwise(colours))


def test_whitespace_glyphs_and_ids_on_demand() -> None:
    segs = tok.segments("o200k_base", "a b\n")
    plain = tok.render_html(segs)
    shown = tok.render_html(segs, show_whitespace=True, show_ids=True)
    assert "·" not in plain and "↵" not in plain and "<sub>" not in plain
    assert "·" in shown and "↵" in shown
    assert all(f"<sub>{i}</sub>" in shown for i in tok.encode("o200k_base", "a b\n") if i != 0)


def test_a_segment_spanning_several_tokens_says_so_on_hover() -> None:
    view = tok.render_html(tok.segments("r50k_base", "맛"), multi_label="{n} tokens")
    ids = ", ".join(map(str, tok.encode("r50k_base", "맛")))
    assert '<span class="c0 m"' in view and f'title="3 tokens: {ids}"' in view


def test_large_input_is_paginated_and_pages_tile_the_text() -> None:
    text = (SAMPLES["korean"] + " " + SAMPLES["emoji"] + "\n") * 2500  # ~100k characters
    assert len(text) > 100_000
    first = tok.build_view("cl100k_base", text)
    assert first.pages > 1 and first.counts.tokens == len(tok.encode("cl100k_base", text))
    rebuilt, expected_start = [], 0
    for page in range(first.pages):
        view = tok.build_view("cl100k_base", text, page=page)
        assert view.first_token == expected_start
        assert view.last_token - view.first_token <= tok.PAGE_TOKENS + 8
        expected_start = view.last_token
        rebuilt.append(html.unescape(re.sub(r"<[^>]+>", "", view.html)))
    assert expected_start == first.counts.tokens
    assert "".join(rebuilt) == text


def test_page_out_of_range_is_clamped() -> None:
    view = tok.build_view("o200k_base", "hello", page=99)
    assert (view.page, view.pages) == (0, 1)
