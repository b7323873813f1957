"""The app shell's strings: title, navigation, home page, sidebar, providers and error messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lib.core.i18n import Lang


STRINGS: dict[str, dict[Lang, str]] = {
    # App shell
    "app.title": {"ko": "멀티모달 플레이그라운드", "en": "Multimodal Playground"},
    "app.tagline": {
        "ko": "최신 AI 모델이 어떻게 동작하는지 직접 만져 보며 배우는 교실용 도구",
        "en": "A hands-on classroom tool for seeing how modern AI models work",
    },
    "nav.home": {"ko": "처음", "en": "Home"},
    "nav.chat": {"ko": "채팅", "en": "Chat"},
    "nav.images": {"ko": "이미지", "en": "Images"},
    "nav.whisper": {"ko": "Whisper 받아쓰기", "en": "Whisper"},
    "nav.tokenizer": {"ko": "토크나이저", "en": "Tokenizer"},
    "nav.inside": {"ko": "모델 속 들여다보기", "en": "Inside the model"},
    "nav.documents": {"ko": "문서 챗봇", "en": "Documents"},
    "home.tools": {"ko": "도구", "en": "Tools"},
    "home.tokenizer": {
        "ko": "입력하는 동안 텍스트가 토큰으로 나뉘는 모습을 색으로 보여 주고, 토큰 수와 비용, "
        "네 가지 인코딩을 나란히 비교합니다. 한국어가 영어보다 토큰이 많이 드는 이유를 볼 수 있습니다.",
        "en": "Colours token boundaries while you type, with counts, cost, and the four encodings side by "
        "side, so a class can see why Korean costs more tokens than English.",
    },
    "home.ready": {"ko": "지금 사용 가능 · 오프라인 동작", "en": "Ready · works offline"},
    "home.ready_partly": {
        "ko": "지금 사용 가능 · 일부는 오프라인, 생성에는 키 필요",
        "en": "Ready · partly offline; generation needs a key",
    },
    "home.world": {
        "ko": "현재 모델 제공자: **{provider}**. 사이드바에서 바꿀 수 있습니다.",
        "en": "Current provider: **{provider}**. Change it in the sidebar.",
    },
    "home.chat": {
        "ko": "OpenAI 채팅 모델(turbo 계열과 후속 모델)과 스트리밍으로 대화하고, 시스템 프롬프트·온도·"
        "제로/원/퓨샷 예시·프롬프트 프리셋을 바꿔 보며 턴마다 토큰과 비용을 봅니다. 키가 없으면 내장 소형 "
        "로컬 모델(sLLM)로 동작합니다.",
        "en": "Streaming chat with OpenAI chat models (the turbo family and successors): system prompt, "
        "temperature, zero/one/few-shot examples, prompt-engineering presets, and a token and cost meter per "
        "turn. Without a key it runs a small built-in local model (sLLM).",
    },
    "home.images": {
        "ko": "DALL-E / GPT-image 모델로 이미지를 만들고, 피사계 심도·모션 블러·렌즈·골든 아워 같은 사진 "
        "수식어가 최종 프롬프트를 어떻게 바꾸는지 봅니다. 키가 없으면 같은 효과를 사진에 직접 적용해 보는 "
        "효과 실험실이 열립니다.",
        "en": "Generate images with DALL-E / GPT-image models and see how photo-style modifiers (depth of "
        "field, motion blur, lenses, golden hour...) change the exact final prompt. Without a key, an effect "
        "lab applies the same effects to a photo.",
    },
    "home.whisper": {
        "ko": "오디오·비디오를 Whisper로 받아써서 텍스트와 SRT/VTT 자막을 만듭니다. 키가 없으면 내장 로컬 "
        "Whisper로, 키가 있으면 OpenAI whisper-1로 동작합니다.",
        "en": "Transcribe audio and video with Whisper into text and SRT/VTT subtitles with sensible cue "
        "lengths: a built-in local Whisper without a key, OpenAI whisper-1 with one.",
    },
    "home.inside": {
        "ko": "언어 모델이 다음에 올 토큰을 몇 % 확률로 고르는지 막대그래프로 보고, 온도가 그 분포를 어떻게 "
        "바꾸는지, 한 토큰씩 골라 이어 쓰기와 빈칸 채우기(아름다운 ( ) 강산)를 해 봅니다. 오프라인 동작.",
        "en": "See which next token a language model expects and with what probability, how temperature "
        "reshapes the odds, extend a text one token at a time, and fill a blank by sentence probability. "
        "Works offline.",
    },
    "home.documents": {
        "ko": "강의의 PDF 챗봇(RAG)을 다섯 단계로 만들며 봅니다: 문서 업로드 → 분할 → 임베딩 → 검색 → 답변. "
        "찾은 조각과 점수, 조각을 인용한 답, 문서 없이 한 답(환각)을 나란히 봅니다. 키가 없으면 내장 다국어 "
        "임베딩 모델과 소형 모델로 동작합니다.",
        "en": "The lecture's PDF chatbot (RAG), built in five steps you can watch: upload → split → embed "
        "→ search → answer, with the pieces found and their scores, an answer citing them, and the same "
        "question answered without the document (hallucination). Without a key it runs a built-in "
        "multilingual embedding model and the small local model.",
    },
    # Sidebar
    "side.language": {"ko": "언어 / Language", "en": "Language / 언어"},
    "side.provider": {"ko": "모델 제공자", "en": "Provider"},
    "provider.builtin": {"ko": "내장 (오프라인)", "en": "Built-in (offline)"},
    "provider.openai": {"ko": "OpenAI", "en": "OpenAI"},
    "provider.azure": {"ko": "Azure OpenAI", "en": "Azure OpenAI"},
    "provider.compatible": {"ko": "OpenAI 호환 서버", "en": "OpenAI-compatible server"},
    "side.builtin_note": {
        "ko": "키도 인터넷도 필요 없습니다. 토크나이저는 모두 동작하고, 유료 API가 필요한 기능은 그렇다고 "
        "알려 드립니다.",
        "en": "No key and no internet needed. The tokenizer works fully; anything that needs a paid API "
        "says so.",
    },
    "side.found_server": {"ko": "🖥️ 이 컴퓨터: {name} :{port}", "en": "🖥️ This computer: {name} :{port}"},
    "side.found_models": {"ko": "모델: {models}", "en": "Models: {models}"},
    "side.no_local_server": {
        "ko": "이 컴퓨터에서 로컬 모델 서버를 찾지 못했습니다 (포트 {ports}). 한국어를 하는 모델을 쓰려면 "
        "Ollama를 설치하고 Qwen2.5 3B를 받으세요 (1.9 GB):",
        "en": "No local model server found on this computer (ports {ports}). For a model that speaks "
        "Korean, install Ollama and pull Qwen2.5 3B (1.9 GB):",
    },
    "side.look_again": {"ko": "다시 찾기", "en": "Look again"},
    "side.api_key": {"ko": "API 키", "en": "API key"},
    "side.api_key_optional": {"ko": "API 키 (선택)", "en": "API key (optional)"},
    "side.key_help": {
        "ko": "이 브라우저 세션에서만 쓰이며 저장되거나 기록되지 않습니다.",
        "en": "Used for this browser session only; never stored or logged.",
    },
    "side.key_from": {"ko": "{source}의 키를 사용합니다", "en": "Using the key from {source}"},
    "source.secrets": {"ko": "secrets", "en": "secrets"},
    "source.environment": {"ko": "환경 변수", "en": "the environment"},
    "side.key_placeholder_stored": {
        "ko": "비워 두면 저장된 키 사용",
        "en": "Leave empty to use the stored key",
    },
    "side.key_missing": {
        "ko": "{provider}에는 API 키가 필요합니다. 위에 입력하거나 secrets/환경 변수에 설정하세요.",
        "en": "{provider} needs an API key. Enter it above, or set it in secrets or the environment.",
    },
    "side.base_url": {"ko": "서버 주소 (base URL)", "en": "Server base URL"},
    "side.base_url_help": {
        "ko": "예: Ollama http://localhost:11434/v1, LM Studio http://localhost:1234/v1, vLLM "
        "http://host:8000/v1",
        "en": "e.g. Ollama http://localhost:11434/v1, LM Studio http://localhost:1234/v1, vLLM "
        "http://host:8000/v1",
    },
    "side.azure_endpoint": {"ko": "Azure 엔드포인트", "en": "Azure endpoint"},
    "side.azure_deployment": {"ko": "배포 이름 (deployment)", "en": "Deployment name"},
    "side.azure_api_version": {"ko": "API 버전", "en": "API version"},
    "side.check": {"ko": "연결 확인", "en": "Check connection"},
    "side.check_ok": {
        "ko": "연결됨: 모델 {count}개를 쓸 수 있습니다.",
        "en": "Connected: {count} models available.",
    },
    "side.check_ok_azure": {
        "ko": "연결됨: 배포 '{deployment}' 응답 확인.",
        "en": "Connected: deployment '{deployment}' answered.",
    },
    "side.incomplete": {"ko": "{field} 항목을 채워 주세요.", "en": "Please fill in: {field}."},
    # Errors (lib/errors.py)
    "err.auth": {
        "ko": "API 키가 거부되었습니다 (401). 키를 확인하거나 새로 발급받으세요.",
        "en": "The API key was rejected (401). Check the key or create a new one.",
    },
    "err.permission": {
        "ko": "이 키로는 이 기능을 쓸 권한이 없습니다 (403).",
        "en": "This key is not allowed to use this (403).",
    },
    "err.rate_limit": {
        "ko": "요청 한도(분당 토큰/요청 수)를 넘었습니다 (429). {retry}",
        "en": "Rate limit reached (429: tokens or requests per minute). {retry}",
    },
    "err.retry_after": {"ko": "{seconds}초 뒤에 다시 시도하세요.", "en": "Try again in {seconds} s."},
    "err.retry_later": {"ko": "잠시 뒤에 다시 시도하세요.", "en": "Try again in a moment."},
    "err.quota": {
        "ko": "이 키의 사용 한도(크레딧)를 모두 썼습니다 (429 insufficient_quota). 결제 설정을 확인하세요.",
        "en": "This key has run out of quota (429 insufficient_quota). Check the account's billing.",
    },
    "err.not_found": {
        "ko": "서버에서 찾을 수 없습니다 (404): 모델·배포 이름이나 주소를 확인하세요.",
        "en": "Not found on the server (404): check the model or deployment name, or the URL.",
    },
    "err.bad_request": {
        "ko": "요청이 거부되었습니다 ({status}): {detail}",
        "en": "The request was rejected ({status}): {detail}",
    },
    "err.unprocessable": {
        "ko": "서버가 요청 내용을 처리할 수 없습니다 (422): {detail}",
        "en": "The server could not process the request (422): {detail}",
    },
    "err.server": {
        "ko": "서버 오류입니다 ({status}). 잠시 뒤에 다시 시도하세요.",
        "en": "The server had an error ({status}). Try again in a moment.",
    },
    "err.timeout": {
        "ko": "응답 시간이 초과되었습니다. 네트워크나 서버 상태를 확인하세요.",
        "en": "The request timed out. Check the network or the server.",
    },
    "err.connection": {
        "ko": "서버에 연결할 수 없습니다: {where}. 인터넷 연결이나 주소를 확인하세요.",
        "en": "Cannot reach the server: {where}. Check the network connection or the address.",
    },
    "err.config": {"ko": "설정이 올바르지 않습니다: {detail}", "en": "The settings are not valid: {detail}"},
    "err.unexpected": {
        "ko": "예상하지 못한 오류입니다 ({kind}). 다시 시도해 보세요.",
        "en": "Unexpected error ({kind}). Please try again.",
    },
    "err.vocab": {
        "ko": "어휘 파일 {encoding}을(를) 쓸 수 없습니다: {reason}. 다른 인코딩은 계속 동작합니다.",
        "en": "The {encoding} vocabulary is unavailable: {reason}. The other encodings keep working.",
    },
    "err.context_local": {
        "ko": "대화가 {prompt:,} 토큰인데 내장 모델은 최대 {limit:,} 토큰까지만 읽습니다. "
        "줄이거나 대화를 지우세요.",
        "en": "The conversation is {prompt:,} tokens, but the built-in model reads at most {limit:,}: "
        "shorten it or clear the history.",
    },
    "err.content_policy": {
        "ko": "안전 정책 때문에 이 프롬프트로는 이미지를 만들 수 없습니다. 표현을 바꿔 다시 시도해 보세요.",
        "en": "The safety system declined this prompt. Try describing it differently.",
    },
    "err.stream_cut": {
        "ko": "답이 시작된 뒤 연결이 끊겼습니다",
        "en": "the connection dropped after the answer had begun",
    },
    "err.request_too_large": {
        "ko": "요청이 서버가 받는 크기보다 큽니다 ({status}): {detail}",
        "en": "The request is larger than the server accepts ({status}): {detail}",
    },
    # The paid-call gateway: retries shown while they happen, the key's rate limits as the server reports them
    "paid.retry.rate_limit": {
        "ko": "서버가 잠시 기다려 달라고 했습니다 (분당 한도). "
        "{seconds}초 뒤 다시 보냅니다 ({attempt}/{of}번째). 멈추려면 Stop을 누르세요.",
        "en": "The server asked us to wait (its per-minute limit): retrying in {seconds} s, retry {attempt} "
        "of {of}. Press Stop to give up.",
    },
    "paid.retry.server": {
        "ko": "서버에 문제가 있었습니다. {seconds}초 뒤 다시 보냅니다 ({attempt}/{of}번째).",
        "en": "The server had a problem: retrying in {seconds} s, retry {attempt} of {of}.",
    },
    "paid.limit.title": {"ko": "이 키의 분당 한도:", "en": "This key, this minute:"},
    "paid.limit.requests": {"ko": "요청 {limit}개 중 {left}개 남음", "en": "{left} of {limit} requests left"},
    "paid.limit.tokens": {"ko": "토큰 {limit}개 중 {left}개 남음", "en": "{left} of {limit} tokens left"},
    "paid.limit.help": {
        "ko": "서버의 마지막 응답에 담긴 x-ratelimit 헤더입니다. OpenAI는 키마다 분당 요청 수와 "
        "토큰 수(max_tokens 포함)를 제한하고, 넘으면 429로 답합니다. 그러면 앱이 기다렸다가 다시 보냅니다.",
        "en": "From the x-ratelimit headers of the server's last answer. OpenAI limits each key per minute, "
        "in requests and in tokens (max_tokens counts); over it the server answers 429, and the app waits "
        "and sends again.",
    },
    # Today's models (lib.core.catalogue): a retired model, and the lesson's names as history
    "err.retired": {
        "ko": "{model} 모델은{when} 서비스가 끝나 더 이상 답하지 않습니다.",
        "en": "{model} has been shut down{when} and no longer answers.",
    },
    "err.retired.on": {"ko": " {date}에", "en": " on {date}"},
    "paid.use_instead": {"ko": "{model}(으)로 바꾸기", "en": "Use {model} instead"},
    "cat.history.gpt-3.5-turbo": {
        "ko": "gpt-3.5-turbo는 처음 ChatGPT를 움직인 모델이자 이 강의(2024년)의 모델로, 2026-10-23에 "
        "종료되었습니다. "
        "지금은 서버 목록의 작은 GPT 모델이 그 자리를 대신합니다.",
        "en": "gpt-3.5-turbo, the model of the original ChatGPT and of this lesson (2024), was shut down on "
        "2026-10-23; today's small GPT models from the server's list take its place.",
    },
    "cat.history.gpt-4-turbo": {
        "ko": "gpt-4-turbo는 2026-10-23에 종료되었습니다. 지금은 서버 목록의 GPT 모델이 대신합니다.",
        "en": "gpt-4-turbo was shut down on 2026-10-23; today's GPT models from the server's list replace "
        "it.",
    },
    "cat.history.dall-e": {
        "ko": "강의에 나오는 DALL-E 2와 3은 2026-05-12에 종료되었습니다. 지금은 GPT 이미지 모델(gpt-image-2 "
        "등)이 "
        "대신합니다.",
        "en": "DALL-E 2 and 3, the lesson's image models, were shut down on 2026-05-12; the GPT image models "
        "(gpt-image-2 and later) replace them.",
    },
    "cat.history.gpt-image-1": {
        "ko": "gpt-image-1은 2026년 가을에 종료되었습니다.",
        "en": "gpt-image-1 was shut down in the autumn of 2026.",
    },
    "cat.history.gpt-image-1.5": {
        "ko": "gpt-image-1.5, gpt-image-1-mini, chatgpt-image-latest는 2026-12-01에 종료되었습니다.",
        "en": "gpt-image-1.5, gpt-image-1-mini and chatgpt-image-latest were shut down on 2026-12-01.",
    },
    "cat.shuts_down": {"ko": "{date} 종료 예정", "en": "shuts down {date}"},
    "cat.family_rules": {
        "ko": "{model}은(는) 앱의 표보다 새로운 모델이라 문맥 길이와 가격을 아직 모릅니다: 같은 계열의 "
        "규칙을 따릅니다.",
        "en": "{model} is newer than the app's tables, so its context window and price are not known yet: "
        "the "
        "rules of its family apply.",
    },
    # Work kept across a reload (ui/persist.py)
    "keep.title": {"ko": "이 브라우저에 보관", "en": "Kept for this browser"},
    "keep.note": {
        "ko": "대화, 시스템 프롬프트와 예시, 갤러리, 받아쓰기는 새로 고침해도 남도록 "
        "이 서버에 이 브라우저 몫으로 {days}일 동안 보관됩니다. 키는 보관하지 않습니다.",
        "en": "Your conversation, system prompt and examples, gallery and transcripts are kept on this "
        "server for this browser for {days} days, so a reload loses nothing. Keys are never kept.",
    },
    "keep.forget": {"ko": "이 브라우저 기록 지우기", "en": "Forget this browser"},
    "keep.forget_help": {
        "ko": "이 브라우저 몫으로 보관한 작업을 서버에서 지우고 화면도 비웁니다. 수업 모드에서는 학생 한도도 "
        "새로 시작하지만 반 전체의 하루 한도는 그대로입니다.",
        "en": "Deletes the work kept for this browser from the server and clears the screen. In classroom "
        "mode the student's session budget starts again; the class's budget for the day still applies.",
    },
    "keep.forgotten": {"ko": "이 브라우저의 기록을 지웠습니다.", "en": "This browser's work was forgotten."},
    "keep.restored": {
        "ko": "이 브라우저에서 복원했습니다 ({ago}): {what}",
        "en": "Restored from this browser, {ago}: {what}",
    },
    "keep.ago.now": {"ko": "방금 전", "en": "just now"},
    "keep.ago.minutes": {"ko": "{n}분 전", "en": "{n} minutes ago"},
    "keep.ago.hours": {"ko": "{n}시간 전", "en": "{n} hours ago"},
    "keep.ago.days": {"ko": "{n}일 전", "en": "{n} days ago"},
    "keep.what.messages": {"ko": "메시지 {n}개", "en": "messages: {n}"},
    "keep.what.system": {"ko": "시스템 프롬프트", "en": "the system prompt"},
    "keep.what.shots": {"ko": "예시 {n}개", "en": "examples: {n}"},
    "keep.what.images": {"ko": "이미지 {n}개", "en": "images: {n}"},
    "keep.what.transcripts": {"ko": "받아쓰기 {n}개", "en": "transcripts: {n}"},
    "keep.too_large": {
        "ko": "보관할 작업이 너무 커서 이번에는 저장하지 못했습니다.",
        "en": "The work is too large to keep; this change was not saved.",
    },
}
