"""The Inside tool's strings."""

from __future__ import annotations

from lib.core.i18n import Lang, register

STRINGS: dict[str, dict[Lang, str]] = {
    "inside.title": {"ko": "모델 속 들여다보기", "en": "Inside the model"},
    "inside.intro": {
        "ko": "언어 모델은 지금까지의 글을 보고 **다음 토큰**마다 확률을 매긴 뒤 하나를 고릅니다. "
        "글을 입력하면 모델이 다음에 올 토큰을 몇 % 로 예상하는지 막대그래프로 보여 줍니다. "
        "온도를 움직이면 같은 분포가 뾰족해지거나 평평해지고, 하나씩 골라 이어 쓸 수 있습니다.",
        "en": "A language model reads the text so far, gives every possible **next token** a probability, "
        "and picks one. Type a text and see which next tokens the model expects, and how likely each is. "
        "Move the temperature to sharpen or flatten the same odds, and extend the text one token at a time.",
    },
    "inside.loading": {
        "ko": "내장 모델을 불러오는 중… (처음 한 번만)",
        "en": "Loading the built-in model… (once)",
    },
    "inside.unavailable": {
        "ko": "내장 모델을 쓸 수 없습니다: {reason}. 키가 있으면 사이드바에서 API 모델을 고르세요.",
        "en": "The built-in model is not available: {reason}. With a key, pick an API model in the sidebar.",
    },
    "inside.engine_note": {
        "ko": "내장 소형 모델 SmolLM2-135M의 실제 확률입니다. 영어 위주로 배운 작은 모델이라 한국어는 "
        '서툽니다: 한글 한 글자가 보통 바이트 토큰 3개(⟨EC⟩ ⟨9D⟩ ⟨98⟩)로 쪼개지고, "1박" 다음에 '
        '"2일"을 고르지 못합니다. 원리는 그대로 보입니다. 큰 모델은 API 키로 비교해 보세요.',
        "en": "Real probabilities from the built-in small model SmolLM2-135M. It learnt mostly English, so "
        "its Korean is poor: a Hangul syllable usually becomes three byte tokens (⟨EC⟩ ⟨9D⟩ ⟨98⟩), and it "
        'does not pick "2일" after "1박". The mechanics are the same; compare a large model with a key.',
    },
    "inside.source": {"ko": "누구의 확률을 볼까요", "en": "Whose odds"},
    "inside.source.builtin": {"ko": "🧩 내장 모델 (무료)", "en": "🧩 Built-in model (free)"},
    "inside.source.api": {"ko": "🔑 API 모델", "en": "🔑 API model"},
    "inside.tab.next": {"ko": "🎲 다음 토큰", "en": "🎲 Next token"},
    "inside.tab.blank": {"ko": "🕳️ 빈칸 채우기", "en": "🕳️ Fill the blank"},
    "inside.starters": {"ko": "예시:", "en": "Examples:"},
    "inside.starter.1bak": {"ko": "1박 → ?", "en": "1박 → ? (Korean)"},
    "inside.starter.jeonguk": {"ko": "전국 → ?", "en": "전국 → ? (Korean)"},
    "inside.starter.paris": {"ko": "The capital of France is", "en": "The capital of France is"},
    "inside.starter.once": {"ko": "Once upon a", "en": "Once upon a"},
    "inside.starter.peanut": {"ko": "Peanut butter and", "en": "Peanut butter and"},
    "inside.prefix": {"ko": "지금까지의 글", "en": "Text so far"},
    "inside.temperature": {"ko": "온도 (temperature)", "en": "Temperature"},
    "inside.temperature_help": {
        "ko": "확률 = softmax(점수 ÷ 온도). 0이면 가장 높은 토큰 하나에 100%, 1이면 모델 그대로, "
        "높을수록 평평해져서 엉뚱한 토큰도 뽑힙니다.",
        "en": "probability = softmax(score ÷ temperature). At 0 the top token gets 100%, at 1 the model's "
        "own odds, higher flattens them so odd tokens get picked too.",
    },
    "inside.type_something": {
        "ko": "위 칸에 글을 입력하거나 예시를 누르세요.",
        "en": "Type a text above or click an example.",
    },
    "inside.too_long": {
        "ko": "글이 {tokens}토큰입니다. 이 화면은 {limit}토큰까지 읽습니다: 줄여 주세요.",
        "en": "The text is {tokens} tokens; this view reads at most {limit}: shorten it.",
    },
    "inside.expected": {
        "ko": '사람이 떠올리는 다음 말: "{word}"',
        "en": 'A person would expect "{word}".',
    },
    "inside.stats": {
        "ko": "1위: **{top}** ({p}) · 퍼짐(엔트로피) {bits}비트 · 나머지 토큰 전체 {rest}",
        "en": "Top: **{top}** ({p}) · spread (entropy) {bits} bits · all other tokens {rest}",
    },
    "inside.greedy": {
        "ko": "온도 0: 가장 높은 토큰 하나에 확률이 전부 몰립니다 (그리디 디코딩, 매번 같은 답).",
        "en": "Temperature 0: all the probability goes to the top token (greedy decoding, the same answer "
        "every time).",
    },
    "inside.prob_axis": {"ko": "확률", "en": "probability"},
    "inside.bytes_note": {
        "ko": "⟨EC⟩처럼 보이는 것은 아직 끝나지 않은 글자의 바이트입니다 (한글 한 글자 = UTF-8 3바이트). "
        "→ 뒤의 글자는 그 바이트에서 모델이 가장 그럴듯하게 이어 갈 글자, …의 는 앞 바이트를 마무리해 "
        "완성되는 글자입니다.",
        "en": "Labels such as ⟨EC⟩ are bytes of a character not finished yet (a Hangul syllable is 3 UTF-8 "
        "bytes). After → is the character the model would most likely finish it as; …의 marks bytes that "
        "finish the character started before.",
    },
    "inside.pick": {"ko": "하나 골라 이어 쓰기:", "en": "Pick one to extend the text:"},
    "inside.pick_title": {"ko": "고를 때 확률 {p}", "en": "probability when picked: {p}"},
    "inside.pick_title_n": {
        "ko": "토큰 {n}개로 만든 글자, 함께 고를 확률 {p}",
        "en": "one character from {n} tokens; probability of picking them all: {p}",
    },
    "inside.sample": {"ko": "온도대로 하나 뽑기", "en": "Sample one at this temperature"},
    "inside.autocomplete": {"ko": "자동 완성 (20토큰)", "en": "Autocomplete (20 tokens)"},
    "inside.undo": {"ko": "되돌리기", "en": "Undo"},
    "inside.restart": {"ko": "처음부터", "en": "Start over"},
    # An API model
    "inside.api_note": {
        "ko": "API 모델에게 글을 이어 쓰라고 하고, 답의 첫 토큰 후보(top_logprobs, 최대 20개)를 보여 줍니다. "
        "한 번 물을 때마다 요청 1건이 쓰이고, 온도는 받은 후보들 사이에서만 다시 계산합니다. 추론 모델 등 "
        "일부 모델은 확률을 주지 않습니다.",
        "en": "The API model is asked to continue the text; the chart shows the alternatives it weighed for "
        "the first token of its reply (top_logprobs, up to 20). Each ask is one request; the temperature "
        "reshapes the odds among those listed only. Some models (reasoning models, for one) give no "
        "probabilities.",
    },
    "inside.ask": {"ko": "확률 묻기", "en": "Ask for the odds"},
    "inside.api_stats": {
        "ko": "1위: **{top}** ({p}) · 받은 후보 {n}개",
        "en": "Top: **{top}** ({p}) · {n} alternatives listed",
    },
    "inside.api_sampled": {
        "ko": "온도 {temperature}로 모델이 직접 뽑은 토큰들입니다 (마우스를 올리면 확률).",
        "en": "Tokens the model sampled at temperature {temperature} (hover for each one's probability).",
    },
    "inside.no_logprobs": {
        "ko": "{model} 모델은 토큰 확률(logprobs)을 주지 않았습니다. 다른 모델을 고르거나 "
        "내장 모델을 쓰세요.",
        "en": "{model} gave no token probabilities (logprobs). Pick another model or use the built-in one.",
    },
    # Fill the blank
    "inside.blank_intro": {
        "ko": "빈칸을 ( ) 로 쓴 문장과 후보 단어를 넣으면, 후보마다 빈칸을 채운 **문장 전체의 확률**을 "
        "같은 모델로 계산해 순위를 매깁니다.",
        "en": "Write a sentence with ( ) for the blank and some candidate words: each candidate is put in "
        "the blank and ranked by the probability of the **whole sentence**, with the same model.",
    },
    "inside.blank.anthem1": {"ko": "아름다운 ( ) 강산", "en": "아름다운 ( ) 강산"},
    "inside.blank.anthem2": {"ko": "동해물과 ( ) 마르고", "en": "동해물과 ( ) 마르고"},
    "inside.blank.family": {"ko": "사랑하는 ( ) 가족", "en": "사랑하는 ( ) 가족"},
    "inside.blank.paris": {"ko": "The capital of France is ( ).", "en": "The capital of France is ( )."},
    "inside.blank.coffee": {"ko": "I drink ( ) every morning.", "en": "I drink ( ) every morning."},
    "inside.template": {"ko": "빈칸이 있는 문장", "en": "Sentence with a blank"},
    "inside.template_help": {
        "ko": "빈칸은 ( ), ___ 또는 [MASK] 로 한 곳만 쓰세요.",
        "en": "Mark one blank with ( ), ___ or [MASK].",
    },
    "inside.words": {"ko": "후보 단어 (쉼표로 구분)", "en": "Candidate words (comma-separated)"},
    "inside.words_help": {"ko": "예: 우리, 대한, 바나나", "en": "For example: Paris, London, banana"},
    "inside.propose": {
        "ko": "모델이 떠올린 단어도 함께 (🤖, 빈칸 앞 글만 보고 제안)",
        "en": "Add the model's own words too (🤖, proposed from the text before the blank)",
    },
    "inside.blank_needs_builtin": {
        "ko": "빈칸 채우기는 문장 전체의 확률이 필요해서 내장 모델로만 동작합니다.",
        "en": "Fill the blank needs the probability of whole sentences, which only the built-in model gives.",
    },
    "inside.rank": {"ko": "순위 매기기", "en": "Rank them"},
    "inside.ranking": {"ko": "문장마다 확률을 계산하는 중…", "en": "Scoring each sentence…"},
    "inside.no_blank": {
        "ko": "문장에 빈칸이 없습니다: 단어가 들어갈 자리에 ( ) 를 쓰세요.",
        "en": "The sentence has no blank: write ( ) where the word goes.",
    },
    "inside.several_blanks": {
        "ko": "빈칸이 여러 개입니다: 한 번에 하나씩 채웁니다.",
        "en": "The sentence has several blanks: this fills one at a time.",
    },
    "inside.no_words": {"ko": "후보 단어를 하나 이상 넣으세요.", "en": "Type at least one candidate word."},
    "inside.winner": {
        "ko": "모델이 가장 그럴듯하다고 본 문장: **{sentence}** (후보들 중 {share})",
        "en": "The sentence the model finds likeliest: **{sentence}** ({share} among these candidates)",
    },
    "inside.share_axis": {"ko": "후보들 사이의 몫", "en": "share among the candidates"},
    "inside.col.sentence": {"ko": "문장", "en": "Sentence"},
    "inside.col.logprob": {"ko": "로그 확률", "en": "Log-probability"},
    "inside.col.tokens": {"ko": "토큰 수", "en": "Tokens"},
    "inside.col.share": {"ko": "몫", "en": "Share"},
    "inside.col.source": {"ko": "후보", "en": "Candidate"},
    "inside.typed": {"ko": "입력", "en": "typed"},
    "inside.proposed": {"ko": "🤖 모델 제안", "en": "🤖 model's"},
    "inside.rank_note": {
        "ko": "로그 확률 = 문장 토큰마다 log P(토큰 | 앞의 글)의 합 (0에 가까울수록 그럴듯함). 몫은 이 "
        "후보들끼리만 나눈 비율이라 긴 단어(토큰이 많은 단어)는 불리합니다. 계산 {seconds}초.",
        "en": "Log-probability = the sum of log P(token | the text before it) over the sentence's tokens "
        "(closer to 0 is likelier). The share divides the odds among these candidates only, and longer words "
        "(more tokens) are at a disadvantage. Took {seconds} s.",
    },
    "inside.bert_title": {
        "ko": "BERT 같은 마스크 모델과 무엇이 다른가요?",
        "en": "How is this different from BERT?",
    },
    "inside.bert": {
        "ko": '**BERT**(마스크 언어 모델)는 "아름다운 [MASK] 강산"처럼 가린 자리의 **앞과 뒤를 한꺼번에** '
        "읽고, 그 한 자리에 올 단어의 확률을 사전 전체에 대해 **한 번에** 냅니다. 여기 모델(GPT 같은 "
        '다음 토큰 예측 모델)은 **왼쪽에서 오른쪽으로만** 읽기 때문에 빈칸 뒤의 "강산"을 보고 빈칸을 '
        "고를 수 없습니다. 그래서 후보를 하나씩 넣은 **문장 전체**의 확률을 비교합니다: 후보마다 한 번씩 "
        "계산하고, 주어진 후보들 사이에서만 순위를 매깁니다. 🤖 제안 단어는 빈칸 앞의 글만 보고 고른 것이라, "
        "뒤의 글과 안 맞을 수 있습니다.",
        "en": "**BERT** (a masked language model) reads the words **on both sides** of the blank at once, as "
        'in "The capital of France is [MASK].", and gives the probability of every word in its vocabulary '
        "for that one slot **in a single pass**. The model here (a next-token model, like GPT) reads **left "
        "to right only**, so it cannot use the words after the blank to choose the word. Instead it compares "
        "the probability of each **whole sentence**: one pass per candidate, and a ranking among the "
        "candidates given only. The 🤖 proposals come from the text before the blank alone, so they may not "
        "fit what follows.",
    },
}

register("lib.inside", STRINGS)
