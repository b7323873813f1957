"""The app as tests and benches run it: its environment (no developer key, no .env, test-only caches) and
``streamlit run`` on a free port."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.harness.procs import free_port, stop_group, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
IN_CI = bool(os.environ.get("CI"))

# Variables the app reads; a developer's own key must never leak into a test (or a test into the network).
APP_ENV = (
    "OPENAI_API_KEY",
    "AZURE_OPENAI_API_KEY",
    "AZURE_OPENAI_ENDPOINT",
    "AZURE_OPENAI_DEPLOYMENT",
    "OPENAI_API_VERSION",
    "AZURE_OPENAI_API_VERSION",
    "OPENAI_BASE_URL",
    "OPENAI_ORG_ID",
    "OPENAI_PROJECT_ID",
    "PLAYGROUND_PROVIDER",
    "PLAYGROUND_LANG",
    "PLAYGROUND_PASSCODE",
    "PLAYGROUND_REDIS_URL",
)

# One tiktoken cache for the whole run, outside the user's home: written once, as on a fresh machine.
VOCAB_CACHE = Path(os.environ.get("PLAYGROUND_TEST_CACHE", "/tmp/playground-test-tiktoken"))
# Built-in Whisper models are assembled from their packages once per machine, outside the user's home.
MODEL_CACHE = Path(os.environ.get("PLAYGROUND_TEST_MODELS", "/tmp/playground-test-models"))


def isolated(state: Path) -> dict[str, str]:
    """The variables that isolate one run of the app: no .env, English UI, the shared test caches, and its
    own classroom state in ``state``."""
    return {
        "PLAYGROUND_NO_DOTENV": "1",
        "PLAYGROUND_LANG": "en",
        "TIKTOKEN_CACHE_DIR": str(VOCAB_CACHE),
        "PLAYGROUND_MODEL_DIR": str(MODEL_CACHE),
        "PLAYGROUND_STATE_DIR": str(state),
        # No search for a local model server: whatever listens on this machine's 11434/1234/8080 must not
        # change a test (tests/test_local_servers.py points it at a server of its own).
        "PLAYGROUND_LOCAL_PORTS": "off",
    }


def app_env(state: Path, extra_env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a ``streamlit run``: this process's, without any of ``APP_ENV``, isolated."""
    env = {k: v for k, v in os.environ.items() if k not in APP_ENV}
    env.update(isolated(state))
    env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    env.update(extra_env or {})
    return env


def app_command(port: int, *options: str) -> list[str]:
    """``streamlit run streamlit_app.py`` headless on 127.0.0.1:``port``, then ``options``."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "streamlit_app.py",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        *options,
    ]


def start_app(
    log: Path, extra_env: dict[str, str] | None = None, *, secrets: dict | None = None
) -> tuple[subprocess.Popen, str]:
    """``streamlit run streamlit_app.py`` on a free port with no key and no .env (and, given ``secrets``,
    those as the only secrets file, as on Community Cloud); returns (process, URL)."""
    port = free_port()
    options = ["--secrets.files", str(write_toml(log.parent / "secrets.toml", secrets))] if secrets else []
    with log.open("wb") as out:
        proc = subprocess.Popen(
            app_command(port, *options),
            cwd=ROOT,
            env=app_env(log.parent / "state", extra_env),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for_port(port, timeout=60, proc=proc)
    except (RuntimeError, TimeoutError):
        stop_group(proc)
        raise
    return proc, f"http://127.0.0.1:{port}"


def write_toml(path: Path, values: dict) -> Path:
    """A small TOML writer for test secrets (strings, numbers, booleans, lists and one level of tables)."""

    def value(v: object) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int | float):
            return repr(v)
        if isinstance(v, list | tuple):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return json.dumps(str(v))

    def table(prefix: str, items: dict) -> list[str]:
        lines = [f"[{prefix}]"] if prefix else []
        lines += [f"{k} = {value(v)}" for k, v in items.items() if not isinstance(v, dict)]
        for k, v in items.items():
            if isinstance(v, dict):
                lines += table(f"{prefix}.{k}" if prefix else k, v)
        return lines

    path.write_text("\n".join(table("", values)) + "\n", encoding="utf-8")
    return path
