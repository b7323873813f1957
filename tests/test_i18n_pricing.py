"""Every UI string exists in both languages with the same placeholders, every key the code names exists, one
way to translate (no key built at run time); the price table is dated and sane."""

from __future__ import annotations

import ast
import json
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

# Every tool package registers its strings when imported: import them all, so ``i18n.STRINGS`` is complete.
from lib import audio, chat, classroom, documents, images, inside, tokens
from lib.core import amounts, i18n, pricing
from lib.tokens import view as tokenizer

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(
    [
        *ROOT.glob("lib/**/*.py"),
        *ROOT.glob("ui/*.py"),
        *ROOT.glob("app_pages/*.py"),
        ROOT / "streamlit_app.py",
    ]
)
# What a key looks like: a known prefix, then dotted names ("wh.engine.local:tiny.en", "lab.param.source_mm").
PREFIXES = sorted({key.split(".", 1)[0] for key in i18n.STRINGS})
KEY = re.compile(rf"^(?:{'|'.join(PREFIXES)})\.[a-z0-9_:.-]+$")
# Widget keys and file names share the dotted look but are not i18n keys.
NOT_KEYS = {"kept", "set_live_text", "live_text_area"}
NOT_KEY_ARGUMENTS = {"key", "file_name"}
OTHER_DOTTED_NAMES = {"chat.completion", "chat.completion.chunk"}  # OpenAI's object types


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text("utf-8"), str(path))


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _t_calls() -> list[tuple[Path, ast.Call]]:
    return [
        (path, node)
        for path in SOURCES
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.Call) and _name(node.func) == "t" and node.args
    ]


def _key_literals() -> dict[str, set[str]]:
    """Every string in the code shaped like a key, except widget keys and file names: key -> files."""
    found: dict[str, set[str]] = {}
    for path in SOURCES:
        if path.name == "strings.py":
            continue
        tree = _tree(path)
        skip: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                ignored = [*node.args] if _name(node.func) in NOT_KEYS else []
                ignored += [kw.value for kw in node.keywords if kw.arg in NOT_KEY_ARGUMENTS]
                skip |= {id(inner) for arg in ignored for inner in ast.walk(arg)}
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""
            if KEY.match(text) and text not in OTHER_DOTTED_NAMES and id(node) not in skip:
                found.setdefault(text, set()).add(str(path.relative_to(ROOT)))
    return found


# --- The table ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(i18n.STRINGS))
def test_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = i18n.STRINGS[key]
    assert set(entry) == {"ko", "en"} and all(v.strip() for v in entry.values())
    assert _fields(entry["ko"]) == _fields(entry["en"])


def test_korean_strings_are_korean() -> None:
    hangul = [k for k, v in i18n.STRINGS.items() if any("\uac00" <= ch <= "\ud7a3" for ch in v["ko"])]
    assert len(hangul) > 0.8 * len(i18n.STRINGS)


def test_every_tool_registers_its_own_table() -> None:
    owners = {
        "nav.home": "lib.core",
        "err.auth": "lib.core",
        "chat.title": "lib.chat",
        "img.title": "lib.images",
    }
    owners |= {"lab.effect": "lib.images", "wh.title": "lib.audio", "subs.qa.empty": "lib.audio"}
    owners |= {"tok.title": "lib.tokens", "class.meter": "lib.classroom", "gate.title": "lib.classroom"}
    assert {key: i18n.owner_of(key) for key in owners} == owners
    for package in (audio, chat, classroom, documents, images, inside, tokens):
        assert package.strings.STRINGS.keys() <= i18n.STRINGS.keys()


def test_no_key_is_defined_twice_in_one_table() -> None:
    # A dict literal keeps the last of two equal keys silently; register() only sees what is left.
    for path in [ROOT / "lib/core/strings.py", *ROOT.glob("lib/*/strings.py")]:
        table = next(
            node.value
            for node in _tree(path).body
            if isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == "STRINGS"
        )
        assert isinstance(table, ast.Dict)
        keys = [k.value for k in table.keys if isinstance(k, ast.Constant)]
        assert len(keys) == len(set(keys)) == len(table.keys), path


def test_a_key_in_two_tables_is_refused() -> None:
    before = dict(i18n.STRINGS)
    with pytest.raises(i18n.DuplicateKey, match=r'"chat.title" is in both lib.chat and tests.clash'):
        i18n.register(
            "tests.clash", {"tests.fine": {"ko": "좋음", "en": "fine"}, "chat.title": {"ko": "x", "en": "x"}}
        )
    assert before == i18n.STRINGS and "tests.fine" not in i18n.STRINGS  # nothing half-registered


def test_registering_a_table_again_replaces_it() -> None:
    try:
        i18n.register("tests.owner", {"tests.a": {"ko": "가", "en": "a"}, "tests.b": {"ko": "나", "en": "b"}})
        i18n.register("tests.owner", {"tests.a": {"ko": "다", "en": "c"}})
        assert i18n.t("tests.a", "ko") == "다" and "tests.b" not in i18n.STRINGS
    finally:
        i18n.register("tests.owner", {})
    assert "tests.a" not in i18n.STRINGS


def test_an_unknown_key_says_what_to_do() -> None:
    with pytest.raises(KeyError, match=r"import the tool package whose strings\.py has it"):
        i18n.t("wh.no_such_key", "en")


def test_importing_any_module_of_a_tool_registers_the_tool_strings() -> None:
    # A fresh interpreter: the core table alone, then a submodule import brings its whole tool's table.
    script = (
        "import json\n"
        "from lib.core import i18n\n"
        "before = sorted({i18n.owner_of(key) for key in i18n.STRINGS})\n"
        "import lib.chat.export, lib.audio.subtitles\n"
        "after = sorted({i18n.owner_of(key) for key in i18n.STRINGS})\n"
        "texts = i18n.t('chat.export.conversation', 'ko'), i18n.t('wh.run', 'en')\n"
        "print(json.dumps([before, after, *texts]))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    before, after, conversation, run = json.loads(out.stdout)
    assert before == ["lib.core"] and {"lib.core", "lib.chat", "lib.audio"} <= set(after)
    assert conversation == "대화" and run == i18n.t("wh.run", "en")


# --- One way to translate: every key the code uses is written out, and exists ------------------------------


def test_no_key_is_built_at_run_time() -> None:
    built = [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for path, call in _t_calls()
        if isinstance(call.args[0], ast.JoinedStr | ast.BinOp)
        or (isinstance(call.args[0], ast.Call) and _name(call.args[0].func) == "format")
    ]
    assert not built, f"t() with a key built from pieces (use a mapping of whole keys): {built}"
    text = "\n".join(path.read_text("utf-8") for path in SOURCES)
    assert not re.findall(r"""\bt\(\s*f["']""", text)


def test_every_literal_key_passed_to_t_exists() -> None:
    used = {
        call.args[0].value: path
        for path, call in _t_calls()
        if isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)
    }
    assert len(used) > 200, "too few t() calls found"
    missing = {key: str(path.relative_to(ROOT)) for key, path in used.items() if key not in i18n.STRINGS}
    assert not missing


def test_every_key_written_in_the_code_exists() -> None:
    # Keys in mappings and catalogues (ENGINES, PARAM_LABEL_KEYS, presets, modifiers, raised errors...).
    found = _key_literals()
    assert {"wh.engine.local:tiny.en", "img.modifier.fisheye", "chat.preset.sentiment.note"} <= found.keys()
    missing = {key: sorted(paths) for key, paths in found.items() if key not in i18n.STRINGS}
    assert not missing


def test_every_key_a_catalogue_refers_to_exists() -> None:
    referenced = [key for preset in chat.PRESETS.values() for key in preset.keys]
    referenced += [key for m in images.MODIFIERS for key in (m.label_key, m.explain_key)]
    assert set(images.GROUP_LABEL_KEYS) == set(images.GROUPS)
    params = {p.name for effect in images.effects.EFFECTS.values() for p in effect.params}
    assert params <= set(images.PARAM_LABEL_KEYS)
    assert set(classroom.RESOURCE_LABEL_KEYS) == set(amounts.RESOURCES)
    assert set(classroom.OVER_BUDGET_KEYS) == {"session", "day"}
    moderation_groups = set(classroom.moderation._GROUPS.values()) | {"other"}
    assert set(classroom.moderation.GROUP_LABEL_KEYS) == moderation_groups
    for mapping in (
        images.GROUP_LABEL_KEYS,
        images.PARAM_LABEL_KEYS,
        classroom.RESOURCE_LABEL_KEYS,
        classroom.OVER_BUDGET_KEYS,
        classroom.moderation.GROUP_LABEL_KEYS,
    ):
        referenced += mapping.values()
    referenced += [*audio.subtitles.QA_MESSAGE_KEYS, *images.effects.REASON_KEYS]
    assert len(referenced) > 100
    assert set(referenced) <= set(i18n.STRINGS), sorted(set(referenced) - set(i18n.STRINGS))


def test_no_translation_outside_the_strings_tables() -> None:
    # {"ko": ..., "en": ...} belongs in a strings.py (data elsewhere holds keys), and nothing picks a language
    # by indexing (``label[lang]``): t() is the one way. i18n.LANGUAGES names each language in itself.
    found = []
    for path in SOURCES:
        if path.name == "strings.py" or path == ROOT / "lib/core/i18n.py":
            continue
        for node in ast.walk(_tree(path)):
            keys = {k.value for k in getattr(node, "keys", []) if isinstance(k, ast.Constant)}
            by_lang = (
                isinstance(node, ast.Subscript)
                and isinstance(node.slice, ast.Name)
                and node.slice.id == "lang"
            )
            if (isinstance(node, ast.Dict) and keys == {"ko", "en"}) or by_lang:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found


def test_every_message_key_raised_by_lib_exists() -> None:
    from lib.audio import subtitles
    from lib.images import effects as photo_effects

    pattern = re.compile(r"""["']((?:img|wh|subs|err|lab|tok)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)["']""")
    raised = {
        key for path in (ROOT / "lib").rglob("*.py") for key in pattern.findall(path.read_text("utf-8"))
    }
    raised |= set(subtitles.QA_MESSAGE_KEYS) | set(photo_effects.REASON_KEYS)
    assert len(raised) > 30
    assert raised <= set(i18n.STRINGS), sorted(raised - set(i18n.STRINGS))


# --- Prices ------------------------------------------------------------------------------------------------


def test_every_model_in_the_tokenizer_has_a_price() -> None:
    assert all(pricing.price_for(m) for m in tokenizer.MODELS)


def test_cost_of_a_usage_record() -> None:
    assert pricing.cost_usd("gpt-4o", input_tokens=1000, output_tokens=500) == pytest.approx(0.0075)
    assert pricing.cost_usd("gpt-4o", input_tokens=1000, cached_tokens=1000) == pytest.approx(0.00125)
    assert pricing.cost_usd("no-such-model", input_tokens=10) is None
    assert pricing.price_for("GPT-4o-2024-08-06") == pricing.PRICES["gpt-4o"]


def test_price_table_is_dated() -> None:
    assert pricing.PRICES_AS_OF.year >= 2025
    assert all(p.input > 0 and p.output >= p.input * 0.99 for p in pricing.PRICES.values())
