"""Classroom mode's strings: the passcode gate, sign-in, budgets, the queue and moderation."""

from __future__ import annotations

from lib.core.i18n import Lang, register

STRINGS: dict[str, dict[Lang, str]] = {
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
    "class.store_down": {
        "ko": "수업 모드의 공용 기록(예산과 대기열을 여러 서버가 함께 쓰는 곳)에 연결되지 않아 아무것도 "
        "보내지 않았습니다. 다시 연결될 때까지 선생님 키를 쓰는 기능은 멈추고, 키가 필요 없는 기능은 그대로 "
        "쓸 수 있습니다. 입력은 그대로 있으니 잠시 뒤 다시 해 보거나 선생님께 알려 주세요.",
        "en": "Class mode cannot reach its shared record (the budgets and the queue that the class's servers "
        "share), so nothing was sent. Until it is back, tools that use your teacher's key are paused; tools "
        "that need no key keep working. Your input is kept: try again in a minute, or tell your teacher.",
    },
    "class.store_down_meter": {
        "ko": "공용 기록에 연결되지 않아 선생님 키를 쓰는 기능이 잠시 멈췄습니다 "
        "(입력과 작업은 그대로 있음).",
        "en": "The class's shared record cannot be reached: tools on your teacher's key are paused (your "
        "work is kept).",
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
# What each budgeted resource (``lib.core.amounts.RESOURCES``) is called, and each ledger's scope.
RESOURCE_LABEL_KEYS: dict[str, str] = {
    "requests": "class.res.requests",
    "tokens": "class.res.tokens",
    "images": "class.res.images",
    "audio_minutes": "class.res.audio_minutes",
}
OVER_BUDGET_KEYS: dict[str, str] = {"session": "class.over.session", "day": "class.over.day"}

register("lib.classroom", STRINGS)
