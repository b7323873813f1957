"""The Documents tool's strings: the page, its five steps, its errors, and the prompts it sends."""

from __future__ import annotations

from lib.core.i18n import Lang, register

STRINGS: dict[str, dict[Lang, str]] = {
    "doc.title": {"ko": "문서 챗봇 (RAG)", "en": "Document chatbot (RAG)"},
    "doc.intro": {
        "ko": "문서를 근거로 답하는 챗봇을 다섯 단계로 만들며 각 단계를 눈으로 확인합니다: **문서 업로드 → "
        "문서 분할 → 문서 임베딩 → 임베딩 검색 → 답변 생성**. 모델이 모르는 내용(사내 문서, 최신 정보)에 "
        "대한 환각을 줄이는 방법입니다.",
        "en": "Build a chatbot that answers from a document in five steps and watch each one: **upload the "
        "document → split it → embed the pieces → search the embeddings → generate the answer**. It is the "
        "remedy for hallucination about what a model cannot know (private or recent documents).",
    },
    # Step 1: upload
    "doc.step1": {"ko": "1. 문서 업로드", "en": "1. Upload the document"},
    "doc.upload": {"ko": "PDF, DOCX, TXT, MD 파일", "en": "A PDF, DOCX, TXT or MD file"},
    "doc.limits": {
        "ko": "한 파일 최대 {mb} MB, {pages}쪽, {chars}자. 스캔한 PDF(글자가 그림인 것)는 읽을 글자가 "
        "없습니다. 파일은 이 브라우저 세션 안에서만 쓰이고 저장되지 않습니다.",
        "en": "Up to {mb} MB, {pages} pages and {chars} characters a file. A scanned PDF (text as images) "
        "has no text to read. The file is used in this browser session only and is not stored.",
    },
    "doc.sample": {
        "ko": "예시 문서 쓰기 (지어낸 캠프 안내문)",
        "en": "Use the sample (a made-up camp notice)",
    },
    "doc.current": {
        "ko": "현재 문서: **{name}** ({kind} · {pages}쪽 · {chars}자)",
        "en": "Current document: **{name}** ({kind} · pages: {pages} · characters: {chars})",
    },
    "doc.remove": {"ko": "문서 지우기", "en": "Remove the document"},
    "doc.reading": {"ko": "글자 읽는 중… {done}/{total}쪽", "en": "Reading the text… page {done} of {total}"},
    "doc.none": {
        "ko": "파일을 올리거나 예시 문서를 쓰면 다음 단계가 나타납니다.",
        "en": "Upload a file or use the sample to see the next steps.",
    },
    # Step 1b: the text
    "doc.text": {"ko": "추출한 글자", "en": "Extracted text"},
    "doc.text_shown": {
        "ko": "앞부분 {shown}자 / 전체 {total}자",
        "en": "First {shown} of {total} characters",
    },
    "doc.m.pages": {"ko": "쪽", "en": "Pages"},
    "doc.m.chars": {"ko": "글자", "en": "Characters"},
    "doc.m.tokens": {"ko": "토큰 (cl100k_base)", "en": "Tokens (cl100k_base)"},
    # Step 2: split
    "doc.step2": {"ko": "2. 문서 분할", "en": "2. Split it into pieces"},
    "doc.split_help": {
        "ko": "임베딩 모델과 챗 모델이 한 번에 읽을 수 있는 양은 정해져 있어 문서를 조각(청크)으로 "
        "나눕니다. 조각은 문단, 문장, 띄어쓰기 순으로 좋은 곳에서 끊고, 한글 글자 가운데서는 끊지 않습니다. "
        "겹침은 앞 조각의 끝을 다음 조각의 앞에 다시 넣어 문장이 잘려도 뜻을 잃지 않게 합니다.",
        "en": "Embedding and chat models read a limited amount at once, so the document is cut into pieces "
        "(chunks): at a paragraph, else a sentence, else a space, never inside a character. The overlap "
        "repeats the end of a piece at the start of the next, so a fact cut in two is still whole somewhere.",
    },
    "doc.size": {"ko": "조각 크기 (토큰)", "en": "Piece size (tokens)"},
    "doc.overlap": {"ko": "겹침 (토큰)", "en": "Overlap (tokens)"},
    "doc.splitting": {"ko": "나누는 중…", "en": "Splitting…"},
    "doc.m.pieces": {"ko": "조각", "en": "Pieces"},
    "doc.m.avg": {"ko": "평균 토큰", "en": "Average tokens"},
    "doc.col.number": {"ko": "번호", "en": "#"},
    "doc.col.page": {"ko": "쪽", "en": "Page"},
    "doc.col.tokens": {"ko": "토큰", "en": "Tokens"},
    "doc.col.text": {"ko": "내용", "en": "Text"},
    # Step 3: embed
    "doc.step3": {"ko": "3. 문서 임베딩", "en": "3. Embed the pieces"},
    "doc.embed_help": {
        "ko": "임베딩 모델은 조각마다 뜻을 담은 숫자 목록(벡터)을 만듭니다. 뜻이 비슷한 글은 비슷한 벡터가 "
        "되어 아래 지도에서 가까이 모입니다. 강의 노트: “임베딩 모델은 매우 쌈, 오픈소스 모델로 무료로 해볼 "
        "것”.",
        "en": "An embedding model turns each piece into a list of numbers (a vector) that carries its "
        "meaning. Texts that mean similar things get similar vectors and sit together on the map below. The "
        "lecture: “the embedding model is very cheap; try it for free with open-source models”.",
    },
    "doc.embedder": {"ko": "임베딩 모델", "en": "Embedding model"},
    "doc.embedder.local": {
        "ko": "내장 multilingual-e5-small (무료, 이 컴퓨터에서, 한국어·영어)",
        "en": "Built-in multilingual-e5-small (free, on this computer, Korean and English)",
    },
    "doc.embedder.api": {"ko": "API: {model}", "en": "API: {model}"},
    "doc.embed_model_name": {
        "ko": "임베딩 모델 이름 (Azure는 임베딩 배포 이름)",
        "en": "Embedding model (for Azure, the embedding deployment's name)",
    },
    "doc.local_missing": {
        "ko": "내장 임베딩 모델을 쓸 수 없습니다 ({reason}). 사이드바에서 키를 넣으면 API 임베딩을 쓸 수 "
        "있습니다.",
        "en": "The built-in embedding model is not available ({reason}). With a key in the sidebar, the "
        "API's embeddings can be used.",
    },
    "doc.plan.local": {
        "ko": "조각 {pieces}개, {tokens} 토큰: 이 컴퓨터에서 무료로 계산합니다.",
        "en": "{pieces} pieces, {tokens} tokens: computed on this computer, free.",
    },
    "doc.plan.api": {
        "ko": "조각 {pieces}개, {tokens} 토큰, 요청 {requests}번: 예상 비용 {cost} ({model}, 가격표 {date} "
        "기준).",
        "en": "{pieces} pieces, {tokens} tokens in {requests} requests: about {cost} ({model}, prices of "
        "{date}).",
    },
    "doc.embed": {"ko": "조각 {pieces}개 임베딩하기", "en": "Embed {pieces} pieces"},
    "doc.embedding": {"ko": "임베딩 중… {done}/{total}", "en": "Embedding… {done} of {total}"},
    "doc.m.model": {"ko": "모델", "en": "Model"},
    "doc.m.dim": {"ko": "차원", "en": "Dimensions"},
    "doc.m.seconds": {"ko": "걸린 시간", "en": "Time"},
    "doc.m.cost": {"ko": "비용", "en": "Cost"},
    "doc.free": {"ko": "무료", "en": "free"},
    "doc.vector": {
        "ko": "조각 1의 벡터 앞 8개 숫자 (전체 {dim}개): {numbers}",
        "en": "The first 8 of piece 1's {dim} numbers: {numbers}",
    },
    "doc.map": {
        "ko": "조각 지도: {dim}차원 벡터를 PCA로 2차원에 펼쳤습니다. 점 하나가 조각 하나이고, 가까운 점은 "
        "뜻이 비슷합니다. 질문을 하면 ★ 질문과 찾은 조각이 표시됩니다.",
        "en": "Map of the pieces: the {dim}-dimensional vectors laid flat in 2-D by PCA. Each dot is a "
        "piece; dots close together mean similar things. After a question, ★ marks it and the pieces found "
        "are highlighted.",
    },
    "doc.map.piece": {"ko": "조각", "en": "piece"},
    "doc.map.found": {"ko": "찾은 조각", "en": "found"},
    "doc.map.question": {"ko": "★ 질문", "en": "★ question"},
    "doc.stale": {
        "ko": "조각이 바뀌었습니다. 다시 임베딩하세요.",
        "en": "The pieces changed: embed them again.",
    },
    # Step 4-5: ask
    "doc.step4": {
        "ko": "4. 임베딩 검색 → 5. 답변 생성",
        "en": "4. Search the embeddings → 5. Generate the answer",
    },
    "doc.question": {"ko": "문서에 대한 질문", "en": "A question about the document"},
    "doc.question_sample": {
        "ko": "캠프 마스코트의 이름은 무엇인가요?",
        "en": "What is the name of the camp mascot?",
    },
    "doc.k": {"ko": "찾을 조각 수", "en": "Pieces to find"},
    "doc.without": {
        "ko": "문서 없이도 답하게 해서 비교 (환각 보기)",
        "en": "Also answer without the document (see hallucination)",
    },
    "doc.ask": {"ko": "질문하기", "en": "Ask"},
    "doc.chat_model": {"ko": "답하는 모델: {model}", "en": "Answered by: {model}"},
    "doc.no_chat": {
        "ko": "답을 만들 챗 모델이 없습니다 ({reason}). 찾은 조각만 보여 줍니다.",
        "en": "No chat model can answer ({reason}); only the pieces found are shown.",
    },
    "doc.empty_question": {"ko": "질문을 입력하세요.", "en": "Type a question first."},
    "doc.hits": {"ko": "찾은 조각 (코사인 유사도 순)", "en": "Pieces found (by cosine similarity)"},
    "doc.hit": {
        "ko": "조각 {number} · {page}쪽 · 유사도 {score}",
        "en": "Piece {number} · page {page} · similarity {score}",
    },
    "doc.with_doc": {"ko": "📄 문서를 근거로 한 답", "en": "📄 Answer from the document"},
    "doc.without_doc": {"ko": "🎲 문서 없이 한 답", "en": "🎲 Answer without the document"},
    "doc.cited": {"ko": "근거로 든 조각: {pieces}", "en": "Pieces cited: {pieces}"},
    "doc.cited_none": {
        "ko": "답에 [번호] 인용이 없습니다. 모델에 준 조각: {pieces}",
        "en": "The answer cites no [number]. Pieces given to the model: {pieces}",
    },
    "doc.cite_item": {"ko": "조각 {number} ({page}쪽)", "en": "piece {number} (p. {page})"},
    "doc.fitted": {
        "ko": "내장 모델은 {limit} 토큰까지만 읽어서 조각 {kept}개만 넣었습니다.",
        "en": "The built-in model reads at most {limit} tokens, so only {kept} pieces were given.",
    },
    "doc.local_answer_note": {
        "ko": "내장 소형 모델(SmolLM2-135M)은 한국어에 약하고 자주 틀립니다. 찾은 조각이 맞는지 먼저 보고, "
        "큰 모델과 비교해 보세요.",
        "en": "The built-in small model (SmolLM2-135M) is weak in Korean and often wrong: check the pieces "
        "found first, and compare it with a large model.",
    },
    # Errors (lib.messages words them)
    "doc.err.kind": {
        "ko": "{name}: PDF, DOCX, TXT, MD 파일만 읽을 수 있습니다.",
        "en": "{name}: only PDF, DOCX, TXT and MD files can be read.",
    },
    "doc.err.too_big": {
        "ko": "파일이 {mb} MB입니다. {limit} MB까지 읽습니다.",
        "en": "The file is {mb} MB; the limit is {limit} MB.",
    },
    "doc.err.too_many_pages": {
        "ko": "PDF가 {pages}쪽입니다. {limit}쪽까지 읽습니다: 필요한 부분만 나눠 올려 주세요.",
        "en": "The PDF has {pages} pages; the limit is {limit}. Upload the part you need.",
    },
    "doc.err.too_long": {
        "ko": "글자가 {chars}자입니다. {limit}자까지 씁니다.",
        "en": "The text is {chars} characters; the limit is {limit}.",
    },
    "doc.err.no_text": {
        "ko": "{name}에서 글자를 찾지 못했습니다. 스캔한 PDF(글자가 그림)일 수 있습니다: 글자를 고를 수 "
        "있는 PDF를 쓰세요.",
        "en": "No text was found in {name}. It may be a scanned PDF (text as images): use a PDF whose text "
        "can be selected.",
    },
    "doc.err.empty": {"ko": "{name}에 글자가 없습니다.", "en": "{name} has no text."},
    "doc.err.unreadable": {
        "ko": "파일을 읽지 못했습니다 ({detail}). 손상되었거나 확장자와 내용이 다른 파일일 수 있습니다.",
        "en": "The file could not be read ({detail}). It may be damaged, or not what its extension says.",
    },
    "doc.err.encrypted": {
        "ko": "암호가 걸린 PDF입니다. 암호를 푼 파일을 올려 주세요.",
        "en": "The PDF is password-protected: upload an unlocked copy.",
    },
    "doc.err.encoding": {
        "ko": "글자 인코딩을 알 수 없습니다. UTF-8로 저장해 올려 주세요.",
        "en": "Unknown text encoding: save the file as UTF-8 and upload it again.",
    },
    "doc.err.size": {
        "ko": "조각 크기는 {low}~{high} 토큰이어야 합니다.",
        "en": "The piece size must be {low} to {high} tokens.",
    },
    "doc.err.overlap": {
        "ko": "겹침은 0~{limit} 토큰(조각 크기의 절반)이어야 합니다.",
        "en": "The overlap must be 0 to {limit} tokens (half the piece size).",
    },
    "doc.err.embeddings": {
        "ko": "내장 임베딩 모델을 쓸 수 없습니다: {detail}",
        "en": "The built-in embedding model is not available: {detail}",
    },
    # Prompts (sent to the model, in the UI language)
    "doc.prompt.system": {
        "ko": "번호가 붙은 자료만 보고 짧게 답하세요. 답에 쓴 자료 번호를 [2]처럼 적으세요. 자료에 답이 "
        "없으면 모른다고 답하세요.",
        "en": "Answer briefly using only the numbered passages. Cite the passage you used like [2]. If the "
        "passages do not say, answer that you do not know.",
    },
    "doc.prompt.user": {
        "ko": "자료:\n{passages}\n\n질문: {question}",
        "en": "Passages:\n{passages}\n\nQuestion: {question}",
    },
    "doc.prompt.plain_system": {"ko": "짧게 답하세요.", "en": "Answer briefly."},
    "keep.what.documents": {"ko": "문서 {n}개", "en": "documents: {n}"},
}

register("lib.documents", STRINGS)
