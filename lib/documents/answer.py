"""Step 5, answer: the prompt that hands the found pieces to a chat model, and the citations in its answer.

The prompt is short on purpose (the built-in model is a 135 M-parameter sLLM with a 2,048-token window): the
pieces go in as numbered passages, their numbers being the piece numbers the page shows, and the model is
asked to cite them as [n]. The same question without the pieces is the "no document" answer that shows what a
model makes up when it does not know.

>>> grounded_messages("Who?", [(2, "Byeoltori is the mascot.")], "en")[1]["content"]
'Passages:\\n[2] Byeoltori is the mascot.\\n\\nQuestion: Who?'
>>> citations("It is Byeoltori [2][9], see [2].", [2, 5])
[2]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from lib.core.i18n import t

_CITE = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


def grounded_messages(question: str, passages: Sequence[tuple[int, str]], lang: str) -> list[dict]:
    """System + user messages that ask ``question`` about the numbered ``passages`` (number, text)."""
    listed = "\n".join(f"[{number}] {text}" for number, text in passages)
    user = t("doc.prompt.user", lang, passages=listed, question=question.strip())
    return [{"role": "system", "content": t("doc.prompt.system", lang)}, {"role": "user", "content": user}]


def plain_messages(question: str, lang: str) -> list[dict]:
    """The same question with no document: what the model answers from its training alone."""
    return [
        {"role": "system", "content": t("doc.prompt.plain_system", lang)},
        {"role": "user", "content": question.strip()},
    ]


def fit_passages(
    question: str,
    passages: Sequence[tuple[int, str]],
    lang: str,
    *,
    prompt_tokens: Callable[[list[dict]], int],
    budget: int,
) -> list[tuple[int, str]]:
    """The best-ranked passages whose prompt stays within ``budget`` tokens (the last ones dropped first;
    at least one is kept, cut short if need be).

    >>> size = lambda messages: len(str(messages))
    >>> fit_passages("q", [(1, "a " * 40), (2, "b " * 40)], "en", prompt_tokens=size, budget=400)
    [(1, 'a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a')]
    """
    kept = list(passages)
    while len(kept) > 1 and prompt_tokens(grounded_messages(question, kept, lang)) > budget:
        kept.pop()
    if kept and prompt_tokens(grounded_messages(question, kept, lang)) > budget:
        number, text = kept[0]
        while len(text) > 20 and prompt_tokens(grounded_messages(question, [(number, text)], lang)) > budget:
            text = text[: int(len(text) * 0.8)].rstrip()
        kept = [(number, text)]
    return [(number, text.strip()) for number, text in kept]


def citations(answer: str, given: Sequence[int]) -> list[int]:
    """The piece numbers the answer cites as [n] or [n, m], in order, once each, among those it was given."""
    found: list[int] = []
    for match in _CITE.finditer(answer):
        for part in match.group(1).split(","):
            number = int(part)
            if number in given and number not in found:
                found.append(number)
    return found
