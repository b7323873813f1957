"""The Tokenizer tool's strings."""

from __future__ import annotations

from lib.core.i18n import Lang, register

STRINGS: dict[str, dict[Lang, str]] = {
    # Tokenizer page
    "tok.title": {"ko": "토크나이저", "en": "Tokenizer"},
    "tok.intro": {
        "ko": "언어 모델은 글자가 아니라 **토큰** 단위로 읽고, 토큰 수로 비용을 매깁니다. 입력하는 동안 "
        "토큰 경계가 색으로 표시됩니다 (인터넷 없이 동작).",
        "en": "Language models read **tokens**, not letters, and bill by the token. Token boundaries are "
        "coloured while you type (works offline).",
    },
    "tok.input_label": {"ko": "텍스트", "en": "Text"},
    "tok.placeholder": {
        "ko": "여기에 입력하면 바로 토큰으로 나뉩니다…",
        "en": "Type here and watch it split into tokens…",
    },
    "tok.samples": {"ko": "예시 불러오기", "en": "Load a sample"},
    "tok.sample.ko": {"ko": "한국어 리뷰", "en": "Korean review"},
    "tok.sample.en": {"ko": "영어 리뷰", "en": "English review"},
    "tok.sample.code": {"ko": "코드", "en": "Code"},
    "tok.sample.emoji": {"ko": "이모지", "en": "Emoji"},
    "tok.clear": {"ko": "지우기", "en": "Clear"},
    "tok.pick_by": {"ko": "선택 기준", "en": "Choose by"},
    "tok.by_model": {"ko": "모델", "en": "Model"},
    "tok.by_encoding": {"ko": "인코딩", "en": "Encoding"},
    "tok.model": {"ko": "모델", "en": "Model"},
    "tok.encoding": {"ko": "인코딩", "en": "Encoding"},
    "tok.uses": {"ko": "{model} → {encoding}", "en": "{model} uses {encoding}"},
    "tok.show_ws": {"ko": "공백 기호 표시", "en": "Show whitespace"},
    "tok.show_ids": {"ko": "토큰 ID 표시", "en": "Show token ids"},
    "tok.tokens": {"ko": "토큰", "en": "Tokens"},
    "tok.characters": {"ko": "글자", "en": "Characters"},
    "tok.words": {"ko": "단어", "en": "Words"},
    "tok.estimate": {"ko": "어림값 (단어 × 1.3)", "en": "Estimate (words × 1.3)"},
    "tok.estimate_delta": {"ko": "실제와 {delta:+d}", "en": "{delta:+d} vs real"},
    "tok.cost": {"ko": "입력 비용 ({model})", "en": "Input cost ({model})"},
    "tok.cost_help": {
        "ko": "이 텍스트를 {model}에 입력으로 보낼 때의 비용. 가격표 기준일 {date} (100만 토큰당 ${price}).",
        "en": "Cost of sending this text as input to {model}. Prices as of {date} (${price} per 1M tokens).",
    },
    "tok.cost_unknown": {"ko": "가격 정보 없음", "en": "no price listed"},
    "tok.prices_as_of": {"ko": "가격표 기준일: {date}", "en": "Prices as of {date}"},
    "tok.multi": {"ko": "토큰 {n}개", "en": "{n} tokens"},
    "tok.legend": {
        "ko": "색 상자 하나가 토큰 하나입니다. 점선 상자는 한 글자가 여러 토큰으로 나뉜 경우입니다 "
        "(누르거나 마우스를 올리면 ID가 보입니다).",
        "en": "Each coloured box is one token. A dashed box is one character split across several tokens "
        "(tap or hover to see the ids).",
    },
    "tok.empty": {"ko": "위에 텍스트를 입력해 보세요.", "en": "Type some text above."},
    "tok.live_count": {
        "ko": "토큰 {tokens}개 · 글자 {characters}개",
        "en": "{tokens} tokens · {characters} characters",
    },
    "tok.live_loading": {
        "ko": "{encoding} 어휘를 브라우저로 불러오는 중…",
        "en": "Loading the {encoding} vocabulary into your browser…",
    },
    "tok.live_more": {
        "ko": "조각 {n}개가 더 있습니다: 스크롤하거나 누르면 그립니다.",
        "en": "{n} more segments: scroll or tap to draw them.",
    },
    "tok.fallback": {
        "ko": "브라우저 토크나이저를 불러오지 못해 서버에서 그립니다 (입력을 멈춘 뒤 갱신): {reason}",
        "en": "The in-browser tokenizer did not load, so the server draws the tokens (after each pause): "
        "{reason}",
    },
    "tok.copy_link": {"ko": "링크 복사", "en": "Copy link"},
    "tok.link_copied": {
        "ko": "링크를 복사했습니다: 같은 텍스트와 설정이 열립니다.",
        "en": "Link copied: it opens this text with these settings.",
    },
    "tok.link_manual": {"ko": "이 링크를 복사하세요:", "en": "Copy this link:"},
    "tok.link_too_long": {
        "ko": "텍스트가 {n:,}자를 넘어 링크에는 설정만 담깁니다.",
        "en": "The text is over {n:,} characters, so the link carries only the settings.",
    },
    "tok.chart_tokens": {"ko": "이 텍스트의 토큰 수", "en": "Tokens for this text"},
    "tok.chart_per_1k": {"ko": "1,000자당 토큰 수", "en": "Tokens per 1,000 characters"},
    "tok.page": {"ko": "페이지", "en": "Page"},
    "tok.page_note": {
        "ko": "{pages}페이지 중 {page}페이지: 한 페이지에 토큰 {per_page}개씩 그립니다. "
        "개수는 전체 텍스트 기준입니다.",
        "en": "Page {page} of {pages}: {per_page} tokens a page are drawn; the counts cover the whole text.",
    },
    "tok.compare": {"ko": "인코딩 비교", "en": "Compare encodings"},
    "tok.compare_note": {
        "ko": "같은 텍스트라도 인코딩마다 토큰 수가 다릅니다. 글자/토큰 값이 클수록 효율적(저렴)입니다.",
        "en": "The same text costs a different number of tokens in each encoding; more characters per token "
        "is cheaper.",
    },
    "tok.col.encoding": {"ko": "인코딩", "en": "Encoding"},
    "tok.col.models": {"ko": "모델", "en": "Models"},
    "tok.col.tokens": {"ko": "토큰", "en": "Tokens"},
    "tok.col.cpt": {"ko": "글자/토큰", "en": "Chars/token"},
}

register("lib.tokens", STRINGS)
