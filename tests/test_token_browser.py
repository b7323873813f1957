"""What the browser tokenizer is given: the vocabularies gzipped from tiktoken's verified cache, the link, and
the bundle itself (the committed build is what its source and lockfile make)."""

from __future__ import annotations

import gzip
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from lib.tokens import browser, share
from lib.tokens.vocab import VOCABULARIES, ensure_vocabulary
from tests.harness import IN_CI, ROOT


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_the_published_file_unpacks_to_the_verified_vocabulary(tmp_path: Path, name: str) -> None:
    published = browser.publish(name, tmp_path)
    raw = gzip.decompress((tmp_path / published.file).read_bytes())
    assert raw == ensure_vocabulary(name).read_bytes()
    assert hashlib.sha256(raw).hexdigest() == published.sha256 == VOCABULARIES[name].sha256
    assert published.file == f"{name}-{published.sha256[:16]}.tiktoken.gz"
    assert published.size == (tmp_path / published.file).stat().st_size


def test_a_damaged_published_file_is_written_again(tmp_path: Path) -> None:
    good = browser.publish("r50k_base", tmp_path)
    path = tmp_path / good.file
    path.write_bytes(gzip.compress(b"not the vocabulary"))
    again = browser.publish("r50k_base", tmp_path)
    assert gzip.decompress(path.read_bytes()) == ensure_vocabulary("r50k_base").read_bytes()
    assert again.size == path.stat().st_size


def test_an_unwritable_folder_is_an_os_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OSError):
        browser.publish("p50k_base", blocker / "vocab")


def test_link_round_trip() -> None:
    params = share.link_params(
        text="한국어 & <b>\n", encoding="cl100k_base", model="gpt-4", show_whitespace=True, show_ids=True
    )
    assert share.parse_link(params) == share.SharedView("한국어 & <b>\n", "cl100k_base", "gpt-4", True, True)


def test_a_link_carries_at_most_2000_characters_of_text() -> None:
    assert "text" in share.link_params(
        text="a" * 2000, encoding="o200k_base", show_whitespace=False, show_ids=False
    )
    assert "text" not in share.link_params(
        text="a" * 2001, encoding="o200k_base", show_whitespace=False, show_ids=False
    )
    assert share.parse_link({"text": "b" * 5000}).text == "b" * 2000
    assert share.parse_link({"encoding": "gpt2", "model": "gpt-99"}) == share.SharedView(
        None, None, None, False, False
    )


FRONTEND = ROOT / "frontend" / "tokenizer"
BUNDLE = ROOT / "static" / "tokenizer" / "live-tokens.js"


def test_the_committed_bundle_is_what_the_source_builds(tmp_path: Path) -> None:
    # `npm ci` in frontend/tokenizer (.ci/run does it) gives esbuild; the README says how to rebuild.
    esbuild = FRONTEND / "node_modules" / ".bin" / "esbuild"
    if not esbuild.exists() or not shutil.which("node"):
        if IN_CI:
            pytest.fail("frontend/tokenizer/node_modules is missing: .ci/run runs npm ci there")
        pytest.skip("run `npm ci --prefix frontend/tokenizer` to check the bundle")
    out = tmp_path / "live-tokens.js"
    script = subprocess.run(
        ["npm", "run", "--silent", "build", "--", f"--outfile={out}"],
        cwd=FRONTEND,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert script.returncode == 0, script.stderr
    assert out.read_bytes() == BUNDLE.read_bytes(), "rebuild it: npm --prefix frontend/tokenizer run build"
