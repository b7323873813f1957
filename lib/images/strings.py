"""The Images tool's strings: the page, the effect lab and the photo-style modifiers."""

from __future__ import annotations

from lib.core.i18n import Lang, register

STRINGS: dict[str, dict[Lang, str]] = {
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
    "img.err.too_large": {
        "ko": "이미지가 너무 큽니다: {size}. 최대 {limit}까지 열 수 있습니다. 줄여서 다시 올려 주세요.",
        "en": "The image is too large: {size}. The limit is {limit}; make it smaller and try again.",
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
    # The API's own values in the form, named in the UI language (the value sent stays in brackets).
    "img.value.auto": {"ko": "자동 (auto)", "en": "auto"},
    "img.value.low": {"ko": "낮음 (low)", "en": "low"},
    "img.value.medium": {"ko": "보통 (medium)", "en": "medium"},
    "img.value.high": {"ko": "높음 (high)", "en": "high"},
    "img.value.standard": {"ko": "표준 (standard)", "en": "standard"},
    "img.value.hd": {"ko": "고화질 (hd)", "en": "hd"},
    "img.value.vivid": {"ko": "생생하게 (vivid)", "en": "vivid"},
    "img.value.natural": {"ko": "자연스럽게 (natural)", "en": "natural"},
    "img.value.opaque": {"ko": "불투명 (opaque)", "en": "opaque"},
    "img.value.transparent": {"ko": "투명 (transparent)", "en": "transparent"},
    "img.err.empty": {"ko": "빈 파일입니다 (0바이트).", "en": "The file is empty (0 bytes)."},
    "lab.kept_previous": {
        "ko": "앞서 쓰던 사진과 그 전후 비교는 그대로 둡니다.",
        "en": "The photo before it, with its before and after, stays.",
    },
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
    # Photo-style modifiers (lib/images/modifiers.py)
    "img.modifier.dof_shallow": {"ko": "얕은 심도 (보케)", "en": "Shallow depth of field (bokeh)"},
    "img.modifier.dof_shallow.explain": {
        "ko": "초점이 맞은 곳만 선명하고 배경은 동그란 빛망울로 부드럽게 녹아듭니다.",
        "en": "Only the focus point is sharp; the background melts into soft bokeh.",
    },
    "img.modifier.dof_deep": {"ko": "깊은 심도 (팬 포커스)", "en": "Deep focus"},
    "img.modifier.dof_deep.explain": {
        "ko": "조리개를 조여 앞에서 뒤까지 모두 선명하게 찍습니다 (풍경 사진).",
        "en": "A small aperture keeps everything sharp, near and far (landscapes).",
    },
    "img.modifier.motion_blur": {"ko": "모션 블러 (빠른 피사체)", "en": "Motion blur (fast subject)"},
    "img.modifier.motion_blur.explain": {
        "ko": "셔터가 열려 있는 동안 움직인 피사체가 움직인 방향으로 번집니다.",
        "en": "A subject that moves while the shutter is open smears along its direction.",
    },
    "img.modifier.panning": {"ko": "패닝 샷", "en": "Panning shot"},
    "img.modifier.panning.explain": {
        "ko": "카메라가 피사체를 따라가서 피사체는 선명하고 배경은 길게 흐릅니다.",
        "en": "The camera follows the subject: it stays sharp while the background streaks.",
    },
    "img.modifier.wide_angle": {"ko": "광각 렌즈", "en": "Wide-angle lens"},
    "img.modifier.wide_angle.explain": {
        "ko": "넓은 장면을 담고 가장자리가 늘어나며 모서리가 어두워지기도 합니다.",
        "en": "Takes in a wide scene; edges stretch and corners may darken.",
    },
    "img.modifier.telephoto": {"ko": "망원 렌즈", "en": "Telephoto lens"},
    "img.modifier.telephoto.explain": {
        "ko": "멀리 있는 것을 당겨 찍어 배경이 가깝고 납작해 보입니다 (원근 압축).",
        "en": "Pulls distant things close; the background looks near and flat (compression).",
    },
    "img.modifier.fisheye": {"ko": "어안 렌즈", "en": "Fisheye lens"},
    "img.modifier.fisheye.explain": {
        "ko": "180도에 가까운 화각으로 직선이 둥글게 휘어 보입니다.",
        "en": "A near-180° view that bends straight lines into curves.",
    },
    "img.modifier.macro": {"ko": "매크로 렌즈", "en": "Macro lens"},
    "img.modifier.macro.explain": {
        "ko": "아주 가까이에서 작은 것을 크게 찍고, 초점 범위는 아주 얇습니다.",
        "en": "Photographs small things very close; the zone of focus is razor-thin.",
    },
    "img.modifier.tilt_shift": {"ko": "틸트-시프트 (미니어처)", "en": "Tilt-shift (miniature)"},
    "img.modifier.tilt_shift.explain": {
        "ko": "가운데 띠만 선명하고 위아래가 흐려져 실제 풍경이 모형처럼 보입니다.",
        "en": "A sharp band with blurred top and bottom makes a real scene look like a model.",
    },
    "img.modifier.lens_35mm": {"ko": "35mm 렌즈", "en": "35 mm lens"},
    "img.modifier.lens_35mm.explain": {
        "ko": "사람 눈과 비슷한 자연스러운 원근으로, 거리 사진에 많이 씁니다.",
        "en": "A natural, eye-like perspective, common in street photography.",
    },
    "img.modifier.portrait_85mm": {"ko": "85mm 인물 렌즈", "en": "85 mm portrait lens"},
    "img.modifier.portrait_85mm.explain": {
        "ko": "얼굴을 왜곡 없이 담고 배경을 부드럽게 날리는 인물 사진용 렌즈입니다.",
        "en": "Flattering, undistorted faces with a softly blurred background.",
    },
    "img.modifier.golden_hour": {"ko": "골든 아워", "en": "Golden hour"},
    "img.modifier.golden_hour.explain": {
        "ko": "해 뜬 직후나 해 지기 직전, 낮은 해가 만드는 따뜻한 금빛과 긴 그림자.",
        "en": "Just after sunrise or before sunset: warm golden light and long shadows.",
    },
    "img.modifier.blue_hour": {"ko": "블루 아워", "en": "Blue hour"},
    "img.modifier.blue_hour.explain": {
        "ko": "해가 진 뒤 잠깐, 하늘이 깊은 파란빛으로 물드는 시간입니다.",
        "en": "The short twilight after sunset when the sky turns deep blue.",
    },
    "img.modifier.cloudy": {"ko": "흐린 날", "en": "Cloudy / overcast"},
    "img.modifier.cloudy.explain": {
        "ko": "구름이 빛을 퍼뜨려 그림자가 약하고 색이 차분해집니다.",
        "en": "Clouds diffuse the light: faint shadows, muted colours.",
    },
    "img.modifier.studio": {"ko": "스튜디오 조명", "en": "Studio lighting"},
    "img.modifier.studio.explain": {
        "ko": "소프트박스 같은 조명으로 깨끗한 배경과 또렷한 피사체를 만듭니다.",
        "en": "Controlled softbox light: a clean background and a crisp subject.",
    },
    # gpt-image-2's free sizes (lib.images.sizes): each message names the rule the size breaks
    "img.size.custom": {"ko": "직접 입력…", "en": "Custom…"},
    "img.size.custom_field": {"ko": "가로x세로 (픽셀)", "en": "WIDTHxHEIGHT (pixels)"},
    "img.size.custom_help": {
        "ko": "규칙: 가로·세로 모두 16의 배수, 가로세로비 1:3~3:1, 최대 3840x2160, "
        "2560x1440보다 크면 실험 단계.",
        "en": "Rules: both sides divisible by 16, aspect ratio between 1:3 and 3:1, at most 3840x2160, "
        "above 2560x1440 experimental.",
    },
    "img.size.ok": {"ko": "✅ {size} · 비율 {ratio}", "en": "✅ {size} · ratio {ratio}"},
    "img.size.experimental": {
        "ko": "🧪 {size}: 2560x1440보다 커서 실험 단계입니다 (결과가 고르지 않을 수 있음).",
        "en": "🧪 {size} is above 2560x1440: experimental (results may vary).",
    },
    "img.rule.size.format": {
        "ko": "크기 '{value}'을(를) 읽을 수 없습니다: 1536x864처럼 가로x세로로 쓰세요.",
        "en": "Cannot read the size '{value}': write WIDTHxHEIGHT, e.g. 1536x864.",
    },
    "img.rule.size.multiple": {
        "ko": "{value}: 가로와 세로는 모두 16으로 나누어떨어져야 합니다 (예: {suggest}).",
        "en": "{value}: width and height must both be divisible by 16 (try {suggest}).",
    },
    "img.rule.size.ratio": {
        "ko": "{value}: 가로세로비는 1:3에서 3:1 사이여야 합니다 (지금 {ratio}:1).",
        "en": "{value}: the aspect ratio must be between 1:3 and 3:1 (this is {ratio}:1).",
    },
    "img.rule.size.max": {
        "ko": "{value}: 최대 크기는 3840x2160입니다 (세로로 2160x3840).",
        "en": "{value}: the largest size is 3840x2160 (2160x3840 upright).",
    },
    "img.rule.compression": {
        "ko": "압축률(0-100)은 JPEG나 WebP 출력에만 씁니다.",
        "en": "Compression (0-100) applies to JPEG or WebP output only.",
    },
    "img.compression": {"ko": "압축률 (%)", "en": "Compression (%)"},
    # Edit my photo (lib.images.edit)
    "img.rule.edit.model": {
        "ko": "{model}은(는) 사진 편집(/v1/images/edits)을 하지 않습니다. GPT 이미지 모델을 고르세요.",
        "en": "{model} does not edit photos (/v1/images/edits): choose a GPT image model.",
    },
    "img.rule.edit.image": {
        "ko": "편집할 사진은 50MB보다 작은 PNG, JPEG 또는 WebP여야 합니다.",
        "en": "The photo to edit must be a PNG, JPEG or WebP under 50 MB.",
    },
    "img.rule.edit.dalle2": {
        "ko": "dall-e-2는 4MB보다 작은 정사각형 PNG만 편집합니다.",
        "en": "dall-e-2 edits only a square PNG under 4 MB.",
    },
    "img.rule.edit.mask": {
        "ko": "마스크는 투명도(알파)가 있는 4MB 미만의 PNG여야 합니다: 투명한 곳이 바뀌는 곳입니다.",
        "en": "The mask must be a PNG with transparency (alpha) under 4 MB: its transparent pixels are "
        "what may change.",
    },
    "img.rule.edit.mask_size": {
        "ko": "마스크({mask})와 사진({image})의 크기가 같아야 합니다.",
        "en": "The mask ({mask}) must have the photo's size ({image}).",
    },
    "edit.title": {"ko": "✏️ 내 사진을 모델로 편집하기", "en": "✏️ Edit my photo with the model"},
    "edit.intro": {
        "ko": "위의 사진과 수식어를 실제 모델({model})에 보내 /v1/images/edits로 편집합니다. 오프라인 "
        "시뮬레이션과 모델의 결과를 나란히 비교해 보세요.",
        "en": "Sends the photo and modifier above to the real model ({model}) through /v1/images/edits, "
        "so the offline simulation and the model's result sit side by side.",
    },
    "edit.needs_key": {
        "ko": "모델로 편집하려면 API 키가 필요합니다 (사이드바). 시뮬레이션은 키 없이 됩니다.",
        "en": "Editing with the model needs an API key (sidebar); the simulation works without one.",
    },
    "edit.prompt": {"ko": "보내는 프롬프트", "en": "Prompt sent"},
    "edit.mask": {"ko": "마스크", "en": "Mask"},
    "edit.mask.none": {"ko": "없음 (사진 전체)", "en": "None (whole photo)"},
    "edit.mask.keep_centre": {"ko": "가운데는 그대로", "en": "Keep the centre"},
    "edit.mask.edit_centre": {"ko": "가운데만 바꾸기", "en": "Change only the centre"},
    "edit.mask.upload": {"ko": "마스크 올리기", "en": "Upload a mask"},
    "edit.mask_upload": {
        "ko": "마스크 PNG (사진과 같은 크기, 투명한 곳이 바뀜)",
        "en": "Mask PNG (the photo's size; transparent = may change)",
    },
    "edit.mask_caption": {
        "ko": "분홍색으로 덮인 곳만 모델이 바꿀 수 있습니다.",
        "en": "The model may change only the pink area.",
    },
    "edit.go": {"ko": "{model}로 편집하기", "en": "Edit with {model}"},
    "edit.running": {"ko": "모델이 사진을 편집하는 중…", "en": "The model is editing the photo…"},
    "edit.before": {"ko": "원본", "en": "Before"},
    "edit.simulated": {"ko": "시뮬레이션 (오프라인)", "en": "Simulation (offline)"},
    "edit.model_result": {"ko": "모델: {model}", "en": "Model: {model}"},
    "edit.estimate": {
        "ko": "요청 1번 · 이미지 1장 · 예상 비용 {cost} (수업 예산에서는 이미지로 셉니다)",
        "en": "1 request · 1 image · about {cost} (class budgets count it as an image)",
    },
    "img.edited": {"ko": "편집한 사진", "en": "edited photo"},
    "lab.keep": {"ko": "갤러리에 담기", "en": "Keep in gallery"},
    "lab.kept": {"ko": "갤러리에 담았습니다.", "en": "Kept in the gallery."},
    "lab.model": {"ko": "효과 실험실", "en": "effect lab"},
}

register("lib.images", STRINGS)
