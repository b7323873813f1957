"""Korean and English strings for everything a user sees.

>>> t("nav.tokenizer", "ko"), t("nav.tokenizer", "en")
('토크나이저', 'Tokenizer')
>>> t("tok.page_note", "en", page=2, pages=5, per_page=2000)
'Page 2 of 5: 2000 tokens a page are drawn; the counts cover the whole text.'
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["ko", "en"]
LANGUAGES: dict[Lang, str] = {"ko": "한국어", "en": "English"}
DEFAULT_LANG: Lang = "ko"

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
    # Passcode gate
    "gate.title": {"ko": "수업용 입장 코드", "en": "Class passcode"},
    "gate.intro": {
        "ko": "이 앱은 선생님의 키로 동작합니다. 선생님이 알려 준 입장 코드를 입력하세요.",
        "en": "This app runs on your teacher's key. Enter the passcode your teacher gave you.",
    },
    "gate.passcode": {"ko": "입장 코드", "en": "Passcode"},
    "gate.enter": {"ko": "들어가기", "en": "Enter"},
    "gate.wrong": {
        "ko": "입장 코드가 맞지 않습니다. 다음 시도는 {seconds}초 뒤에 확인합니다.",
        "en": "That passcode is not right. The next try is checked after {seconds} s.",
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
        "ko": "예: Ollama http://localhost:11434/v1, LM Studio http://localhost:1234/v1, vLLM http://host:8000/v1",
        "en": "e.g. Ollama http://localhost:11434/v1, LM Studio http://localhost:1234/v1, vLLM http://host:8000/v1",
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
        "ko": "요청이 거부되었습니다 (400): {detail}",
        "en": "The request was rejected (400): {detail}",
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
    # Images page
    "img.title": {"ko": "이미지", "en": "Images"},
    "img.intro": {
        "ko": "사진 용어 하나가 그림을 어떻게 바꾸는지 봅니다. 수식어를 고르면 실제로 보내는 프롬프트가 "
        "그대로 보입니다.",
        "en": "See how one photographic term changes a picture. Pick modifiers and see the exact prompt that "
        "is sent.",
    },
    "img.tab.generate": {"ko": "🎨 생성", "en": "🎨 Generate"},
    "img.tab.lab": {"ko": "🧪 효과 실험실 (오프라인)", "en": "🧪 Effect lab (offline)"},
    "img.tab.gallery": {"ko": "🖼️ 갤러리 ({n})", "en": "🖼️ Gallery ({n})"},
    "img.needs_key": {
        "ko": "이미지 생성에는 API 키가 필요합니다 (사이드바에서 OpenAI 또는 Azure 선택). 키가 없어도 "
        "프롬프트는 만들어 볼 수 있고, 효과 실험실은 오프라인으로 동작합니다.",
        "en": "Generating images needs an API key (choose OpenAI or Azure in the sidebar). You can still "
        "build the prompt here, and the effect lab works offline.",
    },
    "img.model": {"ko": "모델", "en": "Model"},
    "img.prompt": {"ko": "무엇을 그릴까요? (기본 프롬프트)", "en": "What should it show? (base prompt)"},
    "img.prompt_placeholder": {
        "ko": "예: 창가에 앉아 있는 고양이",
        "en": "e.g. a cat sitting on a windowsill",
    },
    "img.prompt_count": {
        "ko": "최종 프롬프트 {n} / {limit}자",
        "en": "Final prompt {n} / {limit} characters",
    },
    "img.modifiers": {"ko": "사진 수식어", "en": "Photo-style modifiers"},
    "img.group.focus": {"ko": "심도", "en": "Depth of field"},
    "img.group.motion": {"ko": "움직임", "en": "Motion"},
    "img.group.lens": {"ko": "렌즈", "en": "Lens"},
    "img.group.light": {"ko": "빛", "en": "Light"},
    "img.adds": {"ko": "추가되는 문구", "en": "adds"},
    "img.free": {"ko": "직접 쓰는 수식어", "en": "Your own modifier"},
    "img.free_placeholder": {
        "ko": "예: film grain, Kodak Portra 400",
        "en": "e.g. film grain, Kodak Portra 400",
    },
    "img.size": {"ko": "크기", "en": "Size"},
    "img.quality": {"ko": "품질", "en": "Quality"},
    "img.style": {"ko": "스타일", "en": "Style"},
    "img.n": {"ko": "장 수", "en": "Images"},
    "img.format": {"ko": "파일 형식", "en": "Output format"},
    "img.background": {"ko": "배경", "en": "Background"},
    "img.grid": {"ko": "수식어마다 한 장씩 (비교 그리드)", "en": "One image per modifier (comparison grid)"},
    "img.grid_help": {
        "ko": "수식어 없이 한 장, 고른 수식어마다 한 장씩 만들어 각 수식어가 무엇을 바꾸는지 나란히 봅니다.",
        "en": "One image without modifiers and one per selected modifier, side by side, to see what each "
        "one does.",
    },
    "img.final_prompt": {"ko": "보내는 프롬프트 (그대로)", "en": "Prompt sent (exactly)"},
    "img.revised_prompt": {
        "ko": "모델이 고쳐 쓴 프롬프트 (revised_prompt)",
        "en": "Prompt as revised by the model",
    },
    "img.estimate": {
        "ko": "요청 {requests}번 · 이미지 {images}장 · 예상 비용 약 {cost}",
        "en": "Request(s): {requests} · image(s): {images} · about {cost}",
    },
    "img.confirm": {
        "ko": "요청 {requests}번을 보냅니다 (약 {cost}). 확인했습니다.",
        "en": "I understand this sends {requests} requests (about {cost}).",
    },
    "img.generate": {"ko": "이미지 만들기", "en": "Generate"},
    "img.generating": {
        "ko": "{total}개 중 {i}번째 요청을 보내는 중…",
        "en": "Sending request {i} of {total}…",
    },
    "img.gallery_empty": {
        "ko": "아직 만든 이미지가 없습니다. 만든 이미지는 이 세션 동안 여기에 남습니다.",
        "en": "No images yet. Images you generate stay here for this session.",
    },
    "img.download": {"ko": "PNG로 받기", "en": "Download PNG"},
    "img.meta": {
        "ko": "{model} · {size} · {quality} · {seconds}초 · {cost}",
        "en": "{model} · {size} · {quality} · {seconds} s · {cost}",
    },
    "img.no_modifier": {"ko": "수식어 없음", "en": "no modifier"},
    "img.price_unknown": {"ko": "가격 미상", "en": "price unknown"},
    "img.rule.model": {
        "ko": "알 수 없는 모델 {model}: {models} 중에서 고르세요.",
        "en": "Unknown model {model}: choose one of {models}.",
    },
    "img.rule.empty": {
        "ko": "무엇을 그릴지 프롬프트를 입력하세요.",
        "en": "Enter a prompt describing the image.",
    },
    "img.rule.too_long": {
        "ko": "{model}의 프롬프트는 최대 {limit}자입니다. {over}자를 줄여 주세요.",
        "en": "{model} takes prompts up to {limit} characters: remove {over}.",
    },
    "img.rule.size": {
        "ko": "{model}은(는) {value} 크기를 지원하지 않습니다 ({allowed}).",
        "en": "{model} does not offer size {value} ({allowed}).",
    },
    "img.rule.quality": {
        "ko": "{model}은(는) 품질 {value}을(를) 지원하지 않습니다 ({allowed}).",
        "en": "{model} does not offer quality {value} ({allowed}).",
    },
    "img.rule.n": {
        "ko": "{model}은(는) 한 번에 최대 {max}장까지 만듭니다.",
        "en": "{model} makes at most {max} images a request.",
    },
    "img.rule.style": {
        "ko": "스타일(vivid/natural)은 dall-e-3만 지원합니다.",
        "en": "Style (vivid/natural) is for dall-e-3 only.",
    },
    "img.rule.option": {
        "ko": "{model}은(는) {option} 옵션을 지원하지 않습니다.",
        "en": "{model} does not take the {option} option.",
    },
    "img.rule.transparent_jpeg": {
        "ko": "투명 배경은 PNG나 WebP에서만 됩니다.",
        "en": "A transparent background needs PNG or WebP output.",
    },
    "img.err.no_data": {
        "ko": "서버 응답에 이미지가 없습니다. 다시 시도해 보세요.",
        "en": "The server's answer held no image. Please try again.",
    },
    "img.err.bad_base64": {
        "ko": "서버가 보낸 이미지 데이터가 손상되었습니다 (base64 오류).",
        "en": "The image data from the server is damaged (bad base64).",
    },
    "img.err.not_image": {"ko": "이미지 파일이 아닙니다.", "en": "This is not an image file."},
    "img.err.too_large": {"ko": "이미지가 너무 큽니다.", "en": "The image is too large."},
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
    # Effect lab
    "lab.simulation": {
        "ko": "시뮬레이션입니다: 이미지를 새로 만드는 것이 아니라, 같은 사진 용어를 Pillow 이미지 처리로 "
        "흉내 내어 각 수식어가 사진을 어떻게 바꾸는지 보여 줍니다. 키도 인터넷도 필요 없습니다.",
        "en": "A simulation, not generation: the same photographic terms applied to a photo with Pillow "
        "image operations, so each modifier has a picture. No key, no internet.",
    },
    "lab.source": {"ko": "사진", "en": "Photo"},
    "lab.source.sample": {"ko": "예시 사진", "en": "Sample photo"},
    "lab.source.upload": {"ko": "올리기", "en": "Upload"},
    "lab.source.camera": {"ko": "카메라", "en": "Camera"},
    "lab.source.gallery": {"ko": "만든 이미지", "en": "Generated image"},
    "lab.upload": {"ko": "사진 파일 (PNG, JPEG, WebP)", "en": "Photo file (PNG, JPEG, WebP)"},
    "lab.camera": {"ko": "사진 찍기", "en": "Take a photo"},
    "lab.pick_generated": {"ko": "갤러리의 이미지", "en": "Image from the gallery"},
    "lab.no_generated": {
        "ko": "아직 만든 이미지가 없습니다. 예시 사진이나 올린 사진을 써 보세요.",
        "en": "No generated images yet: use the sample or upload a photo.",
    },
    "lab.sample_note": {
        "ko": "예시 사진은 프로그램이 직접 그린 장면입니다 (저작권 걱정 없음).",
        "en": "The sample is a scene drawn by the program itself (no licence worries).",
    },
    "lab.effect": {"ko": "효과", "en": "Effect"},
    "lab.before": {"ko": "원본", "en": "Before"},
    "lab.after": {"ko": "적용 후: {effect}", "en": "After: {effect}"},
    "lab.download": {"ko": "결과 PNG 받기", "en": "Download the result (PNG)"},
    "lab.reset": {"ko": "기본값으로", "en": "Reset to defaults"},
    "img.err.empty": {"ko": "빈 파일입니다.", "en": "The file is empty."},
    "img.err.unsupported": {
        "ko": "이 이미지 형식({format})은 여기서 열 수 없습니다. JPEG나 PNG로 저장해서 다시 올려 주세요.",
        "en": "This image format ({format}) cannot be opened here. Save it as JPEG or PNG and try again.",
    },
    "img.err.corrupt": {
        "ko": "이미지가 손상되었거나 일부만 있습니다 (올리다 끊겼을 수 있습니다). 다시 올려 보세요.",
        "en": "The image is damaged or incomplete (the upload may have been cut off). Try the file again.",
    },
    "lab.param.angle_deg": {"ko": "방향 (도)", "en": "Direction (degrees)"},
    "lab.param.background_blur": {"ko": "배경 흐림", "en": "Background blur"},
    "lab.param.band_centre": {"ko": "선명한 띠 위치", "en": "Sharp band position"},
    "lab.param.band_height": {"ko": "선명한 띠 높이", "en": "Sharp band height"},
    "lab.param.blur": {"ko": "흐림 정도", "en": "Blur"},
    "lab.param.bokeh": {"ko": "보케 (빛망울)", "en": "Bokeh"},
    "lab.param.distortion": {"ko": "왜곡", "en": "Distortion"},
    "lab.param.focus_x": {"ko": "초점 가로 위치", "en": "Focus point, across"},
    "lab.param.focus_y": {"ko": "초점 세로 위치", "en": "Focus point, down"},
    "lab.param.glow": {"ko": "빛 번짐", "en": "Glow"},
    "lab.param.haze": {"ko": "대기 안개", "en": "Haze"},
    "lab.param.length_px": {"ko": "번짐 길이 (px)", "en": "Streak length (px)"},
    "lab.param.saturation": {"ko": "채도", "en": "Saturation"},
    "lab.param.source_mm": {"ko": "원본 초점거리 (mm)", "en": "Source focal length (mm)"},
    "lab.param.strength": {"ko": "강도", "en": "Strength"},
    "lab.param.subject_size": {"ko": "피사체 크기", "en": "Subject size"},
    "lab.param.subject_x": {"ko": "피사체 가로 위치", "en": "Subject, across"},
    "lab.param.subject_y": {"ko": "피사체 세로 위치", "en": "Subject, down"},
    "lab.param.vignette": {"ko": "비네팅 (모서리 어둡게)", "en": "Vignette"},
    "lab.param.warmth": {"ko": "따뜻함", "en": "Warmth"},
    "lab.param.zoom": {"ko": "배율", "en": "Zoom"},
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
    # Whisper page
    "wh.title": {"ko": "Whisper 받아쓰기", "en": "Whisper transcription"},
    "wh.intro": {
        "ko": "오디오나 비디오를 글로 받아쓰고 SRT/VTT 자막을 만듭니다. 내장 Whisper는 키 없이 이 컴퓨터에서 "
        "동작합니다.",
        "en": "Transcribe audio or video to text and SRT/VTT subtitles. The built-in Whisper runs on this "
        "computer without a key.",
    },
    "wh.source": {"ko": "소리", "en": "Sound"},
    "wh.source.upload": {"ko": "파일 올리기", "en": "Upload a file"},
    "wh.source.mic": {"ko": "마이크 녹음", "en": "Record"},
    "wh.source.sample": {"ko": "예시 (JFK 연설 11초)", "en": "Sample (JFK, 11 s)"},
    "wh.upload": {"ko": "오디오/비디오 파일", "en": "Audio or video file"},
    "wh.mic": {"ko": "녹음하기", "en": "Record from the microphone"},
    "wh.media": {"ko": "선택한 소리: {name} ({size})", "en": "Selected: {name} ({size})"},
    "wh.engine": {"ko": "엔진", "en": "Engine"},
    "wh.engine.local:base": {
        "ko": "내장 Whisper base (다국어, 오프라인)",
        "en": "Built-in Whisper base (multilingual, offline)",
    },
    "wh.engine.local:tiny.en": {
        "ko": "내장 Whisper tiny.en (영어 전용, 빠름)",
        "en": "Built-in Whisper tiny.en (English only, fast)",
    },
    "wh.engine.api:whisper-1": {
        "ko": "OpenAI whisper-1 (자막용 타임스탬프)",
        "en": "OpenAI whisper-1 (timestamps for subtitles)",
    },
    "wh.engine.api:gpt-4o-transcribe": {
        "ko": "OpenAI gpt-4o-transcribe (텍스트만)",
        "en": "OpenAI gpt-4o-transcribe (text only)",
    },
    "wh.engine.api:gpt-4o-mini-transcribe": {
        "ko": "OpenAI gpt-4o-mini-transcribe (텍스트만)",
        "en": "OpenAI gpt-4o-mini-transcribe (text only)",
    },
    "wh.text_only": {
        "ko": "이 모델은 글만 돌려주고 시간 정보(타임스탬프)는 주지 않아서 자막(SRT/VTT)을 만들 수 없습니다. "
        "자막이 필요하면 whisper-1이나 내장 Whisper를 쓰세요.",
        "en": "This model returns text only, without timestamps, so it cannot make subtitles (SRT/VTT). "
        "For subtitles use whisper-1 or the built-in Whisper.",
    },
    "wh.korean_note": {
        "ko": "내장 base 모델은 작아서 한국어 정확도가 낮을 수 있습니다. "
        "더 정확한 결과는 whisper-1을 쓰세요.",
        "en": "The built-in base model is small: Korean accuracy can be poor. "
        "For better results use whisper-1.",
    },
    "wh.needs_key": {
        "ko": "OpenAI 엔진에는 API 키가 필요합니다 (사이드바). 내장 Whisper는 키 없이 동작합니다.",
        "en": "The OpenAI engines need an API key (sidebar). The built-in Whisper works without one.",
    },
    "wh.model_missing": {
        "ko": "내장 모델 {model}을(를) 쓸 수 없습니다: {detail}",
        "en": "The built-in model {model} is not available: {detail}",
    },
    "wh.options": {"ko": "옵션", "en": "Options"},
    "wh.language": {"ko": "언어", "en": "Language"},
    "wh.language.auto": {"ko": "자동 감지", "en": "Detect automatically"},
    "wh.task": {"ko": "작업", "en": "Task"},
    "wh.task.transcribe": {"ko": "받아쓰기 (원래 언어)", "en": "Transcribe (same language)"},
    "wh.task.translate": {"ko": "영어로 번역", "en": "Translate to English"},
    "wh.prompt": {"ko": "힌트 / 어휘 (프롬프트)", "en": "Hint / vocabulary (prompt)"},
    "wh.prompt_help": {
        "ko": "고유명사나 전문 용어를 적어 두면 철자를 맞추는 데 도움이 됩니다.",
        "en": "Names and terms written here help the model spell them.",
    },
    "wh.vad": {"ko": "말소리만 골라 듣기 (VAD)", "en": "Skip silence (voice activity filter)"},
    "wh.words": {"ko": "단어별 타임스탬프", "en": "Word timestamps"},
    "wh.run": {"ko": "받아쓰기", "en": "Transcribe"},
    "wh.loading": {
        "ko": "모델 {model}을(를) 불러오는 중… (처음 한 번만)",
        "en": "Loading model {model}… (once)",
    },
    "wh.working": {"ko": "받아쓰는 중: {where}", "en": "Transcribing: {where}"},
    "wh.no_media": {"ko": "먼저 소리를 고르세요.", "en": "Choose some sound first."},
    "wh.result": {"ko": "결과", "en": "Result"},
    "wh.history": {"ko": "이전 결과", "en": "Earlier results"},
    "wh.meta": {
        "ko": "{engine} · 길이 {duration} · 언어 {language}",
        "en": "{engine} · length {duration} · language {language}",
    },
    "wh.lang_prob": {"ko": "{language} (확률 {prob:.0%})", "en": "{language} ({prob:.0%} likely)"},
    "wh.parts": {"ko": "{n}개 부분으로 나눠 보냄", "en": "sent in {n} parts"},
    "wh.no_speech": {
        "ko": "말소리를 찾지 못했습니다. 없는 글을 지어내지 않도록 결과를 비워 둡니다.",
        "en": "No speech was found, so there is no text (nothing is made up).",
    },
    "wh.text": {"ko": "전체 텍스트", "en": "Full text"},
    "wh.rules": {"ko": "자막 규칙", "en": "Subtitle rules"},
    "wh.rule.max_line_chars": {
        "ko": "한 줄 최대 폭 (영문 기준 글자)",
        "en": "Max line width (Latin characters)",
    },
    "wh.rule.max_lines": {"ko": "자막 한 개당 최대 줄 수", "en": "Max lines per cue"},
    "wh.rule.max_gap": {"ko": "새 자막을 시작하는 쉼 (초)", "en": "Pause that starts a new cue (s)"},
    "wh.rule.min_duration": {"ko": "최소 표시 시간 (초)", "en": "Minimum duration (s)"},
    "wh.rule.max_duration": {"ko": "최대 표시 시간 (초)", "en": "Maximum duration (s)"},
    "wh.cues": {"ko": "자막 ({n}개) - 표에서 고칠 수 있습니다", "en": "Cues ({n}) - edit them in the table"},
    "wh.col.start": {"ko": "시작", "en": "Start"},
    "wh.col.end": {"ko": "끝", "en": "End"},
    "wh.col.text": {"ko": "자막", "en": "Text"},
    "wh.qa_ok": {"ko": "점검 결과 문제 없음", "en": "Checks passed: no problems found"},
    "wh.qa": {"ko": "자막 점검: {n}건", "en": "Subtitle checks: {n} to look at"},
    "wh.qa_item": {"ko": "{index}번 자막: {message}", "en": "Cue {index}: {message}"},
    "wh.table_error": {"ko": "{row}번째 줄 ({column}): {message}", "en": "Row {row} ({column}): {message}"},
    "wh.download.srt": {"ko": "SRT 받기", "en": "Download .srt"},
    "wh.download.vtt": {"ko": "VTT 받기", "en": "Download .vtt"},
    "wh.download.txt": {"ko": "텍스트 받기", "en": "Download .txt"},
    "wh.preview": {"ko": "자막과 함께 미리 보기", "en": "Preview with subtitles"},
    "wh.err.empty": {"ko": "빈 파일입니다.", "en": "The file is empty."},
    "wh.err.not_media": {
        "ko": "오디오나 비디오 파일이 아닙니다 (이름만 바꾼 다른 파일일 수 있습니다).",
        "en": "This is not an audio or video file (it may be another file renamed).",
    },
    "wh.err.no_audio": {"ko": "이 파일에는 소리 트랙이 없습니다.", "en": "This file has no sound track."},
    "wh.err.corrupt": {
        "ko": "미디어 파일이 손상되어 끝까지 읽을 수 없습니다.",
        "en": "The media file is damaged and cannot be read to the end.",
    },
    "wh.err.part_too_large": {
        "ko": "보낼 부분이 25MB 한도를 넘어 보내지 않았습니다.",
        "en": "A part would exceed the API's 25 MB limit, so nothing was sent.",
    },
    "wh.err.translate_model": {
        "ko": "영어 번역은 whisper-1만 할 수 있습니다.",
        "en": "Translation to English is available with whisper-1 only.",
    },
    "wh.err.too_large": {
        "ko": "파일이 너무 큽니다 (최대 {limit}MB).",
        "en": "The file is too large (at most {limit} MB).",
    },
    "subs.qa.repeated": {
        "ko": "앞 자막과 같은 말이 반복됩니다 (Whisper가 지어낸 반복일 수 있음)",
        "en": "Repeats the cue before (possibly a Whisper hallucination)",
    },
    "subs.qa.repeated_loop": {
        "ko": "같은 말이 세 번 이상 반복됩니다 (Whisper의 반복 환각으로 보임)",
        "en": "The same words three or more times in a row (looks like a Whisper loop)",
    },
    "subs.qa.empty": {"ko": "빈 자막", "en": "Empty cue"},
    "subs.qa.long_line": {"ko": "줄이 너무 깁니다", "en": "A line is too long"},
    "subs.qa.too_short": {"ko": "너무 짧게 보입니다", "en": "On screen too briefly"},
    "subs.qa.too_long": {"ko": "너무 오래 보입니다", "en": "On screen too long"},
    "subs.qa.overlap": {"ko": "앞 자막과 시간이 겹칩니다", "en": "Overlaps an earlier cue"},
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
        "(마우스를 올리면 ID가 보입니다).",
        "en": "Each coloured box is one token. A dashed box is one character split across several tokens "
        "(hover to see the ids).",
    },
    "tok.empty": {"ko": "위에 텍스트를 입력해 보세요.", "en": "Type some text above."},
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
    # Classroom mode: budgets, the shared queue, safe mode, sign-in
    "class.meter": {"ko": "수업 사용량", "en": "Class budget"},
    "class.meter_help": {
        "ko": "선생님의 키로 쓰는 양입니다. 세션(이 탭)과 반 전체(오늘)의 남은 양을 보여 줍니다.",
        "en": "What is left on your teacher's key: for this session (this tab) and for the whole class "
        "today.",
    },
    "class.scope.session": {"ko": "이 세션", "en": "This session"},
    "class.scope.day": {"ko": "반 전체 · 오늘", "en": "Whole class · today"},
    "class.res.requests": {"ko": "요청", "en": "requests"},
    "class.res.tokens": {"ko": "토큰", "en": "tokens"},
    "class.res.images": {"ko": "이미지", "en": "images"},
    "class.res.audio_minutes": {"ko": "오디오(분)", "en": "audio minutes"},
    "class.left": {"ko": "{label}: {left} / {limit} 남음", "en": "{label}: {left} of {limit} left"},
    "class.own_key": {
        "ko": "직접 입력한 키를 쓰는 중이라 수업 한도가 적용되지 않습니다 (비용은 그 키에 청구됩니다).",
        "en": "You are using your own key: class limits do not apply (that key pays).",
    },
    "class.over.session": {
        "ko": "이 세션의 {resource} 한도({limit})를 넘게 됩니다: 이번 요청에 {asked}, 남은 양 {left}. "
        "지금까지의 내용은 그대로 남아 있습니다. 더 필요하면 선생님께 말씀해 주세요.",
        "en": "This would go over this session's limit for {resource} ({limit}): it needs {asked} and {left} "
        "are left. Everything so far is kept. Ask your teacher if you need more.",
    },
    "class.over.day": {
        "ko": "반 전체의 오늘 {resource} 한도({limit})를 넘게 됩니다: 이번 요청에 {asked}, 남은 양 {left}. "
        "지금까지의 내용은 그대로 남아 있고, 한도는 0시({zone})에 다시 채워집니다.",
        "en": "This would go over the class's limit for {resource} today ({limit}): it needs {asked} and "
        "{left} are left. Everything so far is kept; the limit starts again at midnight ({zone}).",
    },
    "class.waiting": {
        "ko": "⏳ 차례를 기다리는 중: {place}번째, 약 {seconds}초. 반 전체가 키 하나의 속도 제한을 "
        "나눠 씁니다.",
        "en": "⏳ Waiting for your turn: number {place} in line, about {seconds} s. The class shares one "
        "key's rate limit.",
    },
    "class.paused": {
        "ko": "⏳ 서버가 잠시 쉬어 가자고 해서 기다리는 중: {place}번째, 약 {seconds}초.",
        "en": "⏳ The server asked everyone to slow down: number {place} in line, about {seconds} s.",
    },
    "class.timeout": {
        "ko": "지금 반 전체 요청이 너무 많아 {seconds}초를 기다렸지만 차례가 오지 않았습니다. 아무것도 "
        "보내지 않았고 입력은 그대로 있습니다. 1분 뒤에 다시 해 보세요.",
        "en": "The class is very busy: no turn came in {seconds} s. Nothing was sent and your input is kept; "
        "try again in a minute.",
    },
    "class.too_large": {
        "ko": "이 요청은 {resource} {asked}이(가) 필요하지만 수업에서는 1분에 {limit}까지만 허용됩니다. "
        "요청을 줄여 주세요 (예: 최대 토큰 수 낮추기).",
        "en": "This request needs {asked} {resource}, but the class allows {limit} a minute. Make it "
        "smaller (for example, lower the max tokens).",
    },
    "mod.refused": {
        "ko": "수업 모드의 안전 검사에서 이 내용({kinds})이 걸려서 보내지 않았습니다. 누구를 탓하려는 것이 "
        "아니에요. 표현을 바꿔 다시 해 보세요. 입력은 그대로 남아 있습니다.",
        "en": "This can't be sent in class mode: the safety check flagged it ({kinds}). No judgement meant; "
        "try wording it differently. Your input is kept.",
    },
    "mod.support": {
        "ko": "혹시 본인 이야기라면, 선생님이나 믿을 수 있는 사람에게 꼭 이야기해 주세요.",
        "en": "If this is about you, please talk to your teacher or someone you trust.",
    },
    "mod.unavailable": {
        "ko": "안전 검사를 할 수 없어서 보내지 않았습니다 ({reason}). 입력은 그대로 있으니 잠시 뒤 다시 "
        "해 보세요.",
        "en": "The safety check could not run, so nothing was sent ({reason}). Your input is kept; try again "
        "shortly.",
    },
    "mod.on": {
        "ko": "🛡️ 안전 모드: 보내기 전에 OpenAI 모더레이션으로 확인합니다.",
        "en": "🛡️ Safe mode: inputs are checked with OpenAI moderation before they are sent.",
    },
    "mod.elsewhere": {
        "ko": "🛡️ 안전 모드: 이 제공자에는 모더레이션 엔드포인트가 없어 서버 자체의 필터만 적용됩니다.",
        "en": "🛡️ Safe mode: this provider has no moderation endpoint; only the server's own filter applies.",
    },
    "mod.group.harassment": {"ko": "괴롭힘", "en": "harassment"},
    "mod.group.hate": {"ko": "혐오", "en": "hate"},
    "mod.group.illicit": {"ko": "불법 행위", "en": "illicit activity"},
    "mod.group.self_harm": {"ko": "자해", "en": "self-harm"},
    "mod.group.sexual": {"ko": "성적인 내용", "en": "sexual content"},
    "mod.group.violence": {"ko": "폭력", "en": "violence"},
    "mod.group.other": {"ko": "기타", "en": "other"},
    "auth.title": {"ko": "로그인", "en": "Sign in"},
    "auth.intro": {
        "ko": "이 수업용 앱은 로그인한 사람만 쓸 수 있습니다.",
        "en": "This classroom app is for signed-in users only.",
    },
    "auth.button": {"ko": "로그인", "en": "Sign in"},
    "auth.button_with": {"ko": "{provider}(으)로 로그인", "en": "Sign in with {provider}"},
    "auth.logout": {"ko": "로그아웃", "en": "Sign out"},
    "auth.signed_in": {"ko": "{name} 님으로 로그인됨", "en": "Signed in as {name}"},
    "auth.not_allowed": {
        "ko": "이 계정({email})은 이 수업에 등록되어 있지 않습니다. 선생님께 확인해 주세요.",
        "en": "This account ({email}) is not on this class's list. Please check with your teacher.",
    },
}


def t(key: str, lang: str, /, **values: object) -> str:
    """The string ``key`` in ``lang`` (falling back to English), with ``values`` filled in."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]  # type: ignore[call-overload]
    return text.format(**values) if values else text


def normalise_lang(value: str | None) -> Lang:
    """A supported language from a locale such as "ko-KR" or "en_US": Korean for Korean, else English.

    >>> normalise_lang("ko-KR"), normalise_lang("fr-FR"), normalise_lang(None)
    ('ko', 'en', 'ko')
    """
    if not value:
        return DEFAULT_LANG
    return "ko" if value.lower().startswith("ko") else "en"
