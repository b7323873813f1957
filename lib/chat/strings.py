"""The Chat tool's strings: the page, its exports and its presets."""

from __future__ import annotations

from lib.core.i18n import Lang, register

STRINGS: dict[str, dict[Lang, str]] = {
    # Chat page
    "chat.title": {"ko": "채팅", "en": "Chat"},
    "chat.intro": {
        "ko": "모델과 대화하며 시스템 프롬프트, 온도, 예시(샷)가 답을 어떻게 바꾸는지 봅니다. 턴마다 토큰과 "
        "비용이 표시됩니다.",
        "en": "Chat with a model and see how the system prompt, temperature and examples (shots) change the "
        "answer, with tokens and cost for every turn.",
    },
    "chat.tab.chat": {"ko": "💬 대화", "en": "💬 Conversation"},
    "chat.tab.compare": {"ko": "⚖️ 두 모델 비교", "en": "⚖️ Compare two models"},
    "chat.model": {"ko": "모델", "en": "Model"},
    "chat.model_other": {"ko": "직접 입력 (목록에 없는 모델)", "en": "Other model (type its id)"},
    "chat.model_list_failed": {
        "ko": "모델 목록을 가져오지 못했습니다 ({reason}). 기본 목록을 보여 줍니다.",
        "en": "Could not list the models ({reason}); showing the usual ones.",
    },
    "chat.azure_model": {"ko": "Azure 배포: {deployment}", "en": "Azure deployment: {deployment}"},
    "chat.local_label": {
        "ko": "내장 소형 모델 (sLLM) SmolLM2-135M: 이 컴퓨터에서 빠르게 돌지만 영어 위주이고 "
        "자주 틀립니다. 스트리밍, 온도, 퓨샷의 원리를 보여 주는 용도로 쓰고, 큰 모델과 비교해 보세요.",
        "en": "Built-in small local model (sLLM) SmolLM2-135M: fast on this computer, English-centred and "
        "often wrong. Good for showing streaming, temperature and few-shot mechanics; compare it with a "
        "large model.",
    },
    "chat.local_unavailable": {
        "ko": "내장 모델을 쓸 수 없습니다: {reason}. API 키를 넣거나(사이드바) Ollama 같은 "
        "OpenAI 호환 서버를 연결하세요.",
        "en": "The built-in model is not available: {reason}. Add an API key (sidebar) or connect an "
        "OpenAI-compatible server such as Ollama.",
    },
    "chat.loading_local": {
        "ko": "내장 모델을 불러오는 중… (처음 한 번만)",
        "en": "Loading the built-in model… (once)",
    },
    "chat.settings": {
        "ko": "설정: 시스템 프롬프트, 온도, 예시",
        "en": "Settings: system prompt, temperature, examples",
    },
    "chat.preset": {"ko": "프롬프트 프리셋", "en": "Prompt preset"},
    "chat.preset_applied": {"ko": "프리셋을 적용했습니다: {name}", "en": "Preset applied: {name}"},
    "chat.system": {"ko": "시스템 프롬프트", "en": "System prompt"},
    "chat.temperature": {"ko": "온도 (temperature)", "en": "Temperature"},
    "chat.temperature_help": {
        "ko": "0이면 거의 같은 답, 높을수록 다양하고 엉뚱한 답이 나옵니다.",
        "en": "0 gives nearly the same answer each time; higher gives more varied (and odder) answers.",
    },
    "chat.top_p": {"ko": "top_p", "en": "top_p"},
    "chat.max_tokens": {"ko": "최대 출력 토큰", "en": "Max output tokens"},
    "chat.shots": {"ko": "예시 (샷): {kind}", "en": "Examples (shots): {kind}"},
    "chat.shot_kind.0": {"ko": "제로샷 (예시 없음)", "en": "zero-shot (no examples)"},
    "chat.shot_kind.1": {"ko": "원샷 (예시 1개)", "en": "one-shot (1 example)"},
    "chat.shot_kind.n": {"ko": "퓨샷 (예시 {n}개)", "en": "few-shot ({n} examples)"},
    "chat.shot_user": {"ko": "입력 예시", "en": "Example input"},
    "chat.shot_assistant": {"ko": "출력 예시", "en": "Example output"},
    "chat.messages": {"ko": "보내는 messages 보기", "en": "View the messages sent"},
    "chat.code": {"ko": "코드로 보기 (Python SDK)", "en": "View code (Python SDK)"},
    "chat.placeholder": {"ko": "메시지를 입력하세요", "en": "Type a message"},
    "chat.sample": {"ko": "프리셋 예시 입력 보내기", "en": "Send the preset's sample input"},
    "chat.stop": {"ko": "멈추기", "en": "Stop"},
    "chat.regenerate": {"ko": "마지막 답 다시 만들기", "en": "Regenerate the last reply"},
    "chat.clear": {"ko": "대화 지우기", "en": "Clear the conversation"},
    "chat.export_md": {"ko": "Markdown으로 받기", "en": "Export Markdown"},
    "chat.export_json": {"ko": "JSON으로 받기", "en": "Export JSON"},
    "chat.empty": {"ko": "빈 메시지는 보낼 수 없습니다.", "en": "An empty message cannot be sent."},
    "chat.too_long": {
        "ko": "{model}의 문맥 한도 {limit:,} 토큰을 {over:,} 토큰 넘습니다 "
        "(입력 {prompt:,} + 최대 출력 {output:,}). "
        "대화를 지우거나 메시지를 줄이거나 최대 출력 토큰을 낮추세요.",
        "en": "This is {over:,} tokens over {model}'s context of {limit:,} (input {prompt:,} + max output "
        "{output:,}). Clear the conversation, shorten the message or lower the max output tokens.",
    },
    "chat.draft": {"ko": "보내지 못한 메시지 (그대로 남겨 두었습니다):", "en": "Not sent (kept for you):"},
    "chat.send_again": {"ko": "다시 보내기", "en": "Send again"},
    "chat.interrupted": {
        "ko": "답이 중간에 끊겼습니다 ({reason}). 받은 부분까지 남겨 두었습니다.",
        "en": "The reply was cut off ({reason}); the part received is kept.",
    },
    "chat.stopped": {"ko": "사용자가 멈췄습니다.", "en": "Stopped by you."},
    "chat.meter": {
        "ko": "입력 {input:,} · 출력 {output:,} 토큰{estimated} · {cost} · {seconds:.1f}초 · {model}",
        "en": "in {input:,} · out {output:,} tokens{estimated} · {cost} · {seconds:.1f} s · {model}",
    },
    "chat.estimated": {"ko": " (토크나이저로 센 값)", "en": " (counted with the tokenizer)"},
    "chat.totals": {
        "ko": "이 세션 합계: 입력 {input:,} · 출력 {output:,} 토큰 · {cost}",
        "en": "Session total: in {input:,} · out {output:,} tokens · {cost}",
    },
    "chat.no_models": {
        "ko": "이 서버는 모델 목록(/models)을 주지 않습니다. 모델 이름을 직접 입력하세요.",
        "en": "This server gives no model list (/models). Type the model name.",
    },
    "chat.needs_setup": {
        "ko": "메시지를 보내려면 사이드바에서 {provider} 설정을 마치세요 ({missing}). 키 없이 쓰려면 "
        "제공자를 '내장 (오프라인)'으로 바꾸세요.",
        "en": "To send a message, finish {provider} in the sidebar ({missing}). To chat without a key, "
        "choose Built-in (offline) as the provider.",
    },
    "chat.model_needs_setup": {
        "ko": "사이드바 설정을 마치면 목록이 나옵니다",
        "en": "Listed once the sidebar is set up",
    },
    "chat.needs_model": {
        "ko": "메시지를 보내려면 위에서 모델을 고르거나 모델 이름을 입력하세요.",
        "en": "To send a message, pick a model above or type its name.",
    },
    "chat.compare_needs_two": {
        "ko": "비교하려면 모델이 둘 있어야 합니다. 지금은 내장 모델 하나뿐이라 자기 자신과 비교하게 됩니다. "
        "사이드바에서 OpenAI·Azure 키를 넣거나 OpenAI 호환 서버를 연결하면 그 모델과 내장 모델을 나란히 "
        "비교할 수 있습니다. 키 없이도 대화 탭에서 온도를 바꿔 같은 질문을 다시 보내 보세요.",
        "en": "Comparing needs two models, and only the built-in one is here (it would be compared with "
        "itself). Add an OpenAI or Azure key, or connect an OpenAI-compatible server, in the sidebar to set "
        "its models beside the built-in one. Without a key, try the same question at another temperature "
        "on the Conversation tab.",
    },
    "chat.compare_intro": {
        "ko": "같은 프롬프트를 두 모델에 보내 답, 지연 시간, 토큰, 비용을 나란히 봅니다.",
        "en": "Send the same prompt to two models and see answers, latency, tokens and cost side by side.",
    },
    "chat.compare_prompt": {"ko": "프롬프트", "en": "Prompt"},
    "chat.compare_left": {"ko": "왼쪽 모델", "en": "Left model"},
    "chat.compare_right": {"ko": "오른쪽 모델", "en": "Right model"},
    "chat.compare_run": {"ko": "두 모델에 보내기", "en": "Send to both"},
    "chat.free_local": {"ko": "무료 (이 컴퓨터)", "en": "free (this computer)"},
    "chat.first_token": {"ko": "첫 토큰 {seconds:.2f}초", "en": "first token {seconds:.2f} s"},
    # Chat exports (Markdown headings and per-turn notes)
    "chat.export.title": {"ko": "채팅", "en": "Chat"},
    "chat.export.model": {"ko": "모델", "en": "Model"},
    "chat.export.totals": {
        "ko": "토큰: 입력 {input}, 출력 {output} · 비용 {cost}",
        "en": "Tokens: {input} input, {output} output · cost {cost}",
    },
    "chat.export.system": {"ko": "시스템 프롬프트", "en": "System prompt"},
    "chat.export.shots": {"ko": "예시 (few-shot)", "en": "Few-shot examples"},
    "chat.export.example": {"ko": "예시 {n}", "en": "Example {n}"},
    "chat.export.conversation": {"ko": "대화", "en": "Conversation"},
    "chat.export.user": {"ko": "사용자", "en": "User"},
    "chat.export.assistant": {"ko": "어시스턴트", "en": "Assistant"},
    "chat.export.tokens": {
        "ko": "입력 {input} + 출력 {output} 토큰",
        "en": "{input} input + {output} output tokens",
    },
    "chat.export.estimated": {"ko": " (추정)", "en": " (estimated)"},
    "chat.export.first": {"ko": "첫 토큰 {s:.2f}초", "en": "first token {s:.2f} s"},
    "chat.export.stopped": {"ko": "사용자가 멈춤", "en": "stopped by the user"},
    "chat.export.interrupted": {"ko": "중단됨", "en": "interrupted"},
    # Chat presets (lib/chat/presets.py)
    "chat.preset.none.name": {"ko": "직접 입력 (프리셋 없음)", "en": "Blank (no preset)"},
    "chat.preset.sentiment.name": {
        "ko": "문장별 감성 분석 (배달 리뷰)",
        "en": "Sentiment per sentence (delivery review)",
    },
    "chat.preset.sentiment.system": {
        "ko": "음식 배달 리뷰의 각 문장이 긍정이면 1, 부정이면 0으로 판단하세요. 문장 순서대로 숫자만 "
        "쉼표로 구분해 답하세요.",
        "en": "Rate each sentence of a food-delivery review: 1 if it is positive, 0 if it is negative. "
        "Answer only the digits, in sentence order, separated by commas.",
    },
    "chat.preset.sentiment.sample": {
        "ko": "음식이 맛있어요. 포장 상태도 좋았어요. 그런데 양이 좀 부족했어요.",
        "en": "The food was delicious. The packaging was good too. But the portion was a bit small.",
    },
    "chat.preset.sentiment.note": {
        "ko": '기대하는 답: "1, 1, 0". 예시(few-shot) 두 개가 답의 형식을 가르칩니다. 예시를 지우고 다시 '
        "보내 보세요: 형식이 흐트러지나요?",
        "en": 'Expected answer: "1, 1, 0". The two examples (few-shot) teach the format. Delete them and '
        "send again: does the format drift?",
    },
    "chat.preset.sentiment.shot1.user": {
        "ko": "배달이 정말 빨랐어요. 음식도 따뜻했어요.",
        "en": "Delivery was really fast. The food was still hot.",
    },
    "chat.preset.sentiment.shot1.assistant": {"ko": "1, 1", "en": "1, 1"},
    "chat.preset.sentiment.shot2.user": {
        "ko": "치킨이 너무 짰어요. 소스는 맛있었어요. 다음엔 안 시킬래요.",
        "en": "The chicken was far too salty. The sauce was tasty. I won't order again.",
    },
    "chat.preset.sentiment.shot2.assistant": {"ko": "0, 1, 0", "en": "0, 1, 0"},
    "chat.preset.translate.name": {"ko": "번역 (한국어 ↔ 영어)", "en": "Translate (Korean ↔ English)"},
    "chat.preset.translate.system": {
        "ko": "당신은 번역가입니다. 한국어는 자연스러운 영어로, 영어는 자연스러운 한국어로 번역하세요. "
        "번역문만 답하세요.",
        "en": "You are a translator. Translate Korean into natural English and English into natural Korean. "
        "Answer with the translation only.",
    },
    "chat.preset.translate.sample": {
        "ko": "이 앱은 AI 모델이 어떻게 동작하는지 직접 보여 줍니다.",
        "en": "This app shows, hands-on, how AI models work.",
    },
    "chat.preset.translate.note": {
        "ko": "예시 두 개가 방향(한→영, 영→한)과 '번역문만' 답하는 형식을 보여 줍니다.",
        "en": "The two examples show both directions and the 'translation only' format.",
    },
    "chat.preset.translate.shot1.user": {"ko": "오늘 날씨가 정말 좋네요.", "en": "오늘 날씨가 정말 좋네요."},
    "chat.preset.translate.shot1.assistant": {
        "ko": "The weather is really nice today.",
        "en": "The weather is really nice today.",
    },
    "chat.preset.translate.shot2.user": {
        "ko": "Could you send me the file by Friday?",
        "en": "Could you send me the file by Friday?",
    },
    "chat.preset.translate.shot2.assistant": {
        "ko": "금요일까지 파일을 보내 주실 수 있나요?",
        "en": "금요일까지 파일을 보내 주실 수 있나요?",
    },
    "chat.preset.friendlier.name": {"ko": "부드럽게 다시 쓰기", "en": "Make it friendlier"},
    "chat.preset.friendlier.system": {
        "ko": "사용자의 메시지를 뜻은 그대로 두고 따뜻하고 공손하게 다시 써 주세요. 짧게, 다시 쓴 메시지만 "
        "답하세요.",
        "en": "Rewrite the user's message so it sounds warm and polite, keeping its meaning. Keep it short "
        "and answer with the rewritten message only.",
    },
    "chat.preset.friendlier.sample": {
        "ko": "회의 자료 아직도 안 왔네요. 오늘 안에 보내세요.",
        "en": "Your code doesn't work. Fix it by tomorrow.",
    },
    "chat.preset.friendlier.note": {
        "ko": "온도(temperature)를 올려 여러 번 보내 보세요: 매번 표현이 달라집니다.",
        "en": "Raise the temperature and send a few times: the wording changes each time.",
    },
    "chat.preset.friendlier.shot1.user": {"ko": "보고서 당장 보내세요.", "en": "Send me the report now."},
    "chat.preset.friendlier.shot1.assistant": {
        "ko": "안녕하세요! 시간 되실 때 보고서 보내 주실 수 있을까요? 감사합니다 :)",
        "en": "Hi! Could you send me the report when you get a chance? Thanks a lot!",
    },
    "chat.preset.summarise.name": {"ko": "세 줄 요약", "en": "Summarise in 3 bullets"},
    "chat.preset.summarise.system": {
        "ko": "문서를 정확히 3개의 글머리 기호(-)로 요약하세요. 각 항목은 한 문장으로 쓰세요.",
        "en": "Summarise the document in exactly 3 bullet points (-), one sentence each.",
    },
    "chat.preset.summarise.sample": {
        "ko": "언어 모델은 글을 토큰이라는 작은 조각으로 나누어 읽습니다. 모델은 앞의 토큰들을 보고 다음에 "
        "올 토큰의 확률을 계산한 뒤, 그중 하나를 골라 이어 붙이는 일을 반복합니다. 온도(temperature)가 "
        "높으면 덜 뻔한 토큰도 자주 고르게 되어 답이 다양해지고, 낮으면 가장 그럴듯한 토큰을 주로 골라 답이 "
        "일정해집니다. 모델이 한 번에 볼 수 있는 토큰 수에는 한계(컨텍스트 창)가 있어서, 대화가 길어지면 "
        "오래된 내용을 잊게 됩니다.",
        "en": "A language model reads text as small pieces called tokens. Looking at the tokens so far, it "
        "computes the probability of each possible next token, picks one and appends it, over and over. A "
        "high temperature makes it pick less likely tokens more often, so answers vary; a low one makes it "
        "stick to the most likely tokens, so answers repeat. A model can only look at so many tokens at "
        "once (its context window), so in a long conversation the oldest parts fall out of view.",
    },
    "chat.preset.summarise.note": {
        "ko": "자신의 글을 붙여 넣어 보세요. 길이를 늘리면 입력 토큰과 비용이 어떻게 변하나요?",
        "en": "Paste your own text. How do the input tokens and the cost grow with its length?",
    },
    "chat.preset.hallucination.name": {
        "ko": "환각: 모르는 것을 묻기",
        "en": "Hallucination: ask what it cannot know",
    },
    # Both hallucination presets ask this one question.
    "chat.preset.hallucination.sample": {
        "ko": "2030년 FIFA 월드컵 우승팀은 어디이고, 결승전 점수는 몇 대 몇이었나요?",
        "en": "Who won the 2030 FIFA World Cup, and what was the score in the final?",
    },
    "chat.preset.hallucination.note": {
        "ko": "2030년 월드컵은 모델의 학습 데이터보다 뒤의 일입니다. 자신 있게 우승팀과 점수를 말한다면 "
        "지어낸 것(환각)입니다. '환각: 모른다고 해도 됨' 프리셋과 같은 질문으로 비교해 보세요.",
        "en": "The 2030 World Cup is after the model's training data. If it confidently names a winner and "
        "a score, it made them up (a hallucination). Compare with the 'allowed to say I don't know' preset: "
        "same question, same temperature.",
    },
    "chat.preset.hallucination_guarded.name": {
        "ko": "환각: 모른다고 해도 됨",
        "en": "Hallucination: allowed to say “I don't know”",
    },
    "chat.preset.hallucination_guarded.system": {
        "ko": '확실히 아는 것만 답하세요. 학습 데이터 이후의 일이거나 확실하지 않으면 "모르겠습니다"라고 '
        "말하고 이유를 짧게 설명하세요. 이름, 숫자, 출처를 지어내지 마세요.",
        "en": "Answer only what you reliably know. If the question is about events after your training "
        'data, or you are not sure, say "I don\'t know" and briefly explain why. Never invent names, '
        "numbers or sources.",
    },
    "chat.preset.hallucination_guarded.note": {
        "ko": "질문과 온도는 '환각: 모르는 것을 묻기'와 같고, 시스템 프롬프트만 다릅니다. 모른다고 말해도 "
        "된다고 알려 주면 답이 어떻게 바뀌나요? 여러 번 보내 비교해 보세요.",
        "en": "Same question and temperature as 'ask what it cannot know'; only the system prompt differs. "
        "How does the answer change once the model may say it does not know? Send each a few times and "
        "compare.",
    },
    "chat.cut_by_rerun": {
        "ko": "끝나기 전에 새 메시지를 보냈거나 페이지를 다시 불러왔습니다",
        "en": "a new message was sent, or the page reloaded, before it finished",
    },
    "chat.history": {
        "ko": "강의의 'turbo' 모델(gpt-3.5-turbo, gpt-4-turbo)은 2026-10-23에 종료되었습니다. 이 페이지는 "
        "서버가 "
        "알려 주는 오늘의 모델을 씁니다.",
        "en": "The lesson's 'turbo' models (gpt-3.5-turbo, gpt-4-turbo) were shut down on 2026-10-23. This "
        "page "
        "uses today's models, as the server lists them.",
    },
    "chat.api.responses": {
        "ko": "Responses API로 보냅니다 (OpenAI가 새 프로젝트에 권하는 API).",
        "en": "Sent over the Responses API (what OpenAI recommends for new projects).",
    },
    "chat.api.chat": {
        "ko": "Chat Completions API로 보냅니다 (OpenAI 호환 서버들이 쓰는 API).",
        "en": "Sent over the Chat Completions API (what OpenAI-compatible servers speak).",
    },
    # The answer format (lib/chat/answer_format.py)
    "chat.format": {"ko": "답의 형식", "en": "Answer format"},
    "chat.format.help": {
        "ko": "정해진 형식이 필요한 과제용입니다. 내장 모델은 문법(GBNF)으로 형식 밖의 토큰을 아예 고르지 "
        "못하게 하고, 서버 모델은 답을 검사해 형식이 틀리면 한 번 더 묻습니다.",
        "en": "For tasks that need a fixed format. The built-in model is held to it by a grammar (GBNF): it "
        "cannot pick a token outside the format. A server's answer is checked and, if it is off, asked once "
        "more.",
    },
    "chat.format.kind.free": {"ko": "자유 (형식 없음)", "en": "Free (no format)"},
    "chat.format.kind.digits": {"ko": "쉼표로 구분한 숫자", "en": "Digits separated by commas"},
    "chat.format.kind.yes_no": {"ko": "예 / 아니요", "en": "Yes / no"},
    "chat.format.kind.label": {"ko": "목록 중 하나", "en": "One label from a list"},
    "chat.format.digits": {"ko": "쓸 수 있는 숫자", "en": "Digits allowed"},
    "chat.format.yes": {"ko": "예", "en": "yes"},
    "chat.format.no": {"ko": "아니요", "en": "no"},
    "chat.format.per_sentence": {
        "ko": "메시지의 문장마다 숫자 하나",
        "en": "One digit per sentence of the message",
    },
    "chat.format.labels": {"ko": "라벨 (쉼표로 구분)", "en": "Labels (separated by commas)"},
    "chat.format.describe.digits": {
        "ko": "{digits} 중 숫자를 쉼표로 구분해서",
        "en": "digits ({digits}) separated by commas",
    },
    "chat.format.describe.digits_n": {
        "ko": "{digits} 중 숫자 {n}개를 쉼표로 구분해서 (예: {example})",
        "en": "{n} digits ({digits}) separated by commas (e.g. {example})",
    },
    "chat.format.describe.one_of": {"ko": "다음 중 하나만: {choices}", "en": "only one of: {choices}"},
    "chat.format.enforced": {
        "ko": "내장 모델은 이 형식으로만 답합니다 (llama.cpp 문법): {format}",
        "en": "The built-in model can only answer in this format (a llama.cpp grammar): {format}",
    },
    "chat.format.checked": {
        "ko": "답을 이 형식으로 검사하고, 틀리면 한 번 더 묻습니다: {format}",
        "en": "The answer is checked against this format and asked once more if it is off: {format}",
    },
    "chat.format.retry": {
        "ko": "형식에 맞게 다시 답하세요: {format}. 다른 말은 쓰지 마세요.",
        "en": "Answer again in exactly this format: {format}. Write nothing else.",
    },
    "chat.format.retried": {
        "ko": "첫 답 {answer}이(가) 형식에 맞지 않아 한 번 더 물었습니다.",
        "en": "The first answer {answer} was not in the format, so it was asked once more.",
    },
    "chat.format.still_off": {
        "ko": "다시 물어도 형식에 맞지 않았습니다.",
        "en": "The second answer is still not in the format.",
    },
}

# Images in a message, web search and fine-tuning data (ui.vision_view, ui.finetune_view)
MEDIA_STRINGS: dict[str, dict[Lang, str]] = {
    # Images in a message
    "vision.camera_title": {"ko": "사진 보여 주기 (비전)", "en": "Show a picture (vision)"},
    "vision.builtin": {
        "ko": "내장 소형 모델은 이미지를 볼 수 없습니다. 사진에 대해 물으려면 비전 모델을 돌리는 로컬 서버"
        "(Ollama: {models})를 사이드바에 연결하거나 OpenAI API 키를 넣으세요.",
        "en": "The built-in small model cannot see images. To ask about a photo, connect a local server "
        "running a vision model (Ollama: {models}) in the sidebar, or add an OpenAI API key.",
    },
    "vision.cannot": {
        "ko": "{model}은(는) 이미지를 받지 않습니다. 이미지를 보는 모델: {other}",
        "en": "{model} does not take images. A model that sees: {other}",
    },
    "vision.local_some": {
        "ko": "{model}이(가) 이미지를 보는지 알 수 없습니다 (서버가 판단합니다). 이 서버에서 이미지를 보는 "
        "모델: {models}",
        "en": "Whether {model} sees images is unknown (the server decides). Models here that see: {models}",
    },
    "vision.local_none": {
        "ko": "{model}이(가) 이미지를 보는지 알 수 없습니다 (서버가 판단합니다). 비전 모델을 받아 두세요: "
        "{models} (예: `ollama pull qwen2.5vl`).",
        "en": "Whether {model} sees images is unknown (the server decides). Pull a vision model: {models} "
        "(e.g. `ollama pull qwen2.5vl`).",
    },
    "vision.not_image": {
        "ko": "{name}: 읽을 수 있는 이미지가 아닙니다 (PNG, JPEG, WebP, GIF).",
        "en": "{name}: not an image that can be read (PNG, JPEG, WebP, GIF).",
    },
    "vision.resized": {"ko": "{size} ({original}에서 줄임)", "en": "{size} (resized from {original})"},
    "vision.cost": {
        "ko": "{size} · {kb} KB · 입력 토큰 {tokens:,}개 ≈ {cost}",
        "en": "{size} · {kb} KB · {tokens:,} input tokens ≈ {cost}",
    },
    "vision.cost_unpriced": {
        "ko": "{size} · {kb} KB · 입력 토큰 {tokens:,}개",
        "en": "{size} · {kb} KB · {tokens:,} input tokens",
    },
    "vision.rule_guess": {
        "ko": "(모델 표에 없어 gpt-4o 규칙으로 셈)",
        "en": "(not in the table: counted by gpt-4o's rule)",
    },
    "vision.detail": {"ko": "이미지 해상도 (detail)", "en": "Image detail"},
    "vision.detail.auto": {"ko": "자동", "en": "auto"},
    "vision.detail.low": {"ko": "낮음 (싸게)", "en": "low (cheap)"},
    "vision.detail.high": {"ko": "높음 (자세히)", "en": "high (fine print)"},
    "vision.detail_help": {
        "ko": "low는 이미지를 512px 한 장으로 보고 토큰이 적게 듭니다. high는 512px 타일로 나눠 "
        "자세히 봅니다. auto는 서버가 고릅니다 (여기서는 high로 셉니다).",
        "en": "low sees the image as one 512 px picture for few tokens; high looks at 512 px tiles for "
        "detail; auto lets the server choose (counted here as high).",
    },
    "vision.camera_on": {"ko": "카메라 켜기", "en": "Use the camera"},
    "vision.camera": {"ko": "사진 찍기", "en": "Take a photo"},
    "vision.remove": {"ko": "빼기", "en": "Remove"},
    "vision.waiting": {
        "ko": "이미지 {n}장이 다음 메시지와 함께 갑니다. 메시지 입력란의 📎로도 붙일 수 있습니다.",
        "en": "{n} image(s) will go with your next message. The 📎 in the message box attaches more.",
    },
    "vision.legend": {"ko": "👁 이미지를 봄 · 🌐 웹 검색 가능", "en": "👁 sees images · 🌐 can search the web"},
    # Grounding with search
    "search.toggle": {"ko": "웹 검색으로 근거 붙이기", "en": "Ground the answer with web search"},
    "search.help": {
        "ko": "모델이 Responses API의 web_search 도구로 웹을 찾아보고 출처를 답 아래에 링크로 답니다. 환각을 "
        "줄이는 첫 번째 방법입니다. 검색 호출은 토큰과 별도로 청구되고, 찾은 내용은 입력 토큰이 됩니다.",
        "en": "The model may search the web with the Responses API's web_search tool and cite its sources "
        "under the answer: the first remedy for hallucination. Search calls are billed on top of tokens, "
        "and what they find becomes input tokens.",
    },
    "search.sources": {"ko": "출처", "en": "Sources"},
    "search.offline": {
        "ko": "웹 검색은 OpenAI 키와 검색을 지원하는 모델이 필요합니다. 키 없이 근거를 붙이려면 "
        "문서 도구에서 내 문서를 찾아 답하게 하세요.",
        "en": "Web search needs an OpenAI key and a model that can search. To ground answers without a key, "
        "let the Documents tool answer from your own files.",
    },
    "search.cannot": {
        "ko": "{model}은(는) 웹 검색 도구를 쓰지 않습니다. 🌐 표시가 있는 모델을 고르거나 "
        "문서 도구를 쓰세요.",
        "en": "{model} does not take the web search tool. Pick a model marked 🌐, or use the Documents tool.",
    },
    "search.documents": {"ko": "문서 도구로 근거 붙이기", "en": "Ground with the Documents tool"},
    "search.compare": {
        "ko": "같은 질문을 {model}에게 웹 검색을 켜고(왼쪽) 끄고(오른쪽) 묻기",
        "en": "Ask {model} the same question with web search (left) and without (right)",
    },
    "search.compare_with": {"ko": "🌐 웹 검색 켬", "en": "🌐 With web search"},
    "search.compare_without": {"ko": "🚫 웹 검색 없음", "en": "🚫 Without web search"},
    # Fine-tuning data
    "ft.title": {"ko": "파인튜닝 데이터 만들기 (JSONL)", "en": "Make fine-tuning data (JSONL)"},
    "ft.intro": {
        "ko": "대화나 예시를 OpenAI 채팅 형식의 JSONL로 만듭니다: 한 줄에 대화 하나. 줄마다 역할, 빈 내용, "
        "토큰 수를 검사한 뒤 내려받을 수 있습니다. 업로드와 학습 시작은 OpenAI 대시보드나 SDK에서 합니다.",
        "en": "Turns the conversation or the examples into OpenAI's chat-format JSONL: one conversation a "
        "line. Every line is checked (roles, empty content, tokens) before you can download it. "
        "Uploading and starting a job happen in OpenAI's dashboard or SDK.",
    },
    "ft.source": {"ko": "무엇으로", "en": "From"},
    "ft.source.conversation": {"ko": "이 대화", "en": "This conversation"},
    "ft.source.shots": {"ko": "예시(샷) 한 줄씩", "en": "The examples, one a line"},
    "ft.model": {"ko": "학습할 모델", "en": "Model to train"},
    "ft.epochs": {"ko": "에포크", "en": "Epochs"},
    "ft.nothing": {
        "ko": "아직 만들 것이 없습니다: 대화를 하거나 설정의 예시(샷)를 채우세요.",
        "en": "Nothing to make yet: have a conversation, or fill in the examples (shots) in the settings.",
    },
    "ft.col.line": {"ko": "줄", "en": "Line"},
    "ft.col.tokens": {"ko": "토큰", "en": "Tokens"},
    "ft.col.check": {"ko": "검사", "en": "Check"},
    "ft.summary": {
        "ko": "{n}줄, 모두 {tokens:,} 토큰 · {model}의 한 예시 한도: {limit} 토큰",
        "en": "{n} line(s), {tokens:,} tokens in all · {model} takes up to {limit} tokens an example",
    },
    "ft.cost": {
        "ko": "학습 비용 추정: {cost} ({epochs} 에포크, {date} 가격표 기준)",
        "en": "Training cost estimate: {cost} ({epochs} epochs, prices as of {date})",
    },
    "ft.no_price": {
        "ko": "{model}의 학습 가격은 가격표에 없어 비용을 추정하지 않습니다.",
        "en": "The price table has no training price for {model}, so no cost is estimated.",
    },
    "ft.images_left_out": {
        "ko": "이미지 {n}장은 빠졌습니다 (텍스트 채팅 형식).",
        "en": "{n} image(s) left out (the text chat format).",
    },
    "ft.too_few": {
        "ko": "예시가 {n}개뿐입니다. OpenAI는 최소 {min}개를 요구합니다 (50~100개부터 효과가 보입니다).",
        "en": "Only {n} example(s): OpenAI needs at least {min} (results show from 50-100).",
    },
    "ft.fix_first": {
        "ko": "문제가 있는 줄을 고쳐야 내려받을 수 있습니다.",
        "en": "Fix the lines with problems to download the file.",
    },
    "ft.download": {"ko": "JSONL 내려받기", "en": "Download JSONL"},
    "ft.preview": {"ko": "파일 내용 보기", "en": "Show the file"},
    "ft.p.blank": {"ko": "빈 줄", "en": "empty line"},
    "ft.p.json": {"ko": "JSON이 아님 ({error})", "en": "not JSON ({error})"},
    "ft.p.no_messages": {"ko": "messages 목록이 없음", "en": "no messages list"},
    "ft.p.not_message": {"ko": "{n}번째 메시지가 객체가 아님", "en": "message {n} is not an object"},
    "ft.p.role": {
        "ko": "{n}번째 메시지의 역할 '{role}' (system, user, assistant만)",
        "en": "message {n} has role '{role}' (only system, user, assistant)",
    },
    "ft.p.system_first": {
        "ko": "{n}번째 메시지: system은 맨 앞에만",
        "en": "message {n}: system goes first only",
    },
    "ft.p.empty": {"ko": "{n}번째 메시지의 내용이 비어 있음", "en": "message {n} has no content"},
    "ft.p.message_key": {
        "ko": "{n}번째 메시지에 모르는 키: {keys}",
        "en": "message {n} has unknown keys: {keys}",
    },
    "ft.p.weight": {
        "ko": "{n}번째 메시지: weight는 assistant에만, 0 또는 1",
        "en": "message {n}: weight is for assistant messages, 0 or 1",
    },
    "ft.p.no_assistant": {"ko": "배울 assistant 답이 없음", "en": "no assistant answer to learn from"},
    "ft.p.last_not_assistant": {
        "ko": "마지막 메시지가 assistant 답이 아님",
        "en": "the last message is not an assistant answer",
    },
    "ft.p.line_key": {"ko": "모르는 키: {keys}", "en": "unknown keys: {keys}"},
    "ft.p.too_long": {
        "ko": "{tokens:,} 토큰: 한도 {limit:,} 초과",
        "en": "{tokens:,} tokens: over the limit of {limit:,}",
    },
}

register("lib.chat", {**STRINGS, **MEDIA_STRINGS})
