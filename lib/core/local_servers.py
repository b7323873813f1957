"""Find an OpenAI-compatible server already running on this computer (Ollama, LM Studio, llama.cpp).

A teacher who has Ollama running should not have to know its address: on a local run the sidebar asks each
usual port once, with a short timeout, for ``GET /v1/models`` and offers what answers, with its models. On
Streamlit Community Cloud there is no such server (and nothing to ask), so nothing is asked there. The ports
come from ``PLAYGROUND_LOCAL_PORTS`` ("11434,1234,8080" by default; "off" turns the search off).

>>> parse_ports("11434, 1234,x,8080,1234"), parse_ports("off")
((11434, 1234, 8080), ())
"""

from __future__ import annotations

import json
import os
import threading
import urllib.error
import urllib.request
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

PORTS_ENV = "PLAYGROUND_LOCAL_PORTS"
DEFAULT_PORTS = (11434, 1234, 8080)
# What usually listens on each port; another port is named by what it says about itself, else not at all.
KNOWN = {11434: "Ollama", 1234: "LM Studio", 8080: "llama.cpp"}
TIMEOUT_S = 0.5  # a local server answers /v1/models in milliseconds; a closed port refuses at once
HOST = "127.0.0.1"
# What to run when nothing is found: a real install line and a model that speaks Korean (Qwen2.5 3B, 1.9 GB).
INSTALL_COMMAND = "curl -fsSL https://ollama.com/install.sh | sh && ollama pull qwen2.5:3b"


@dataclass(frozen=True)
class LocalServer:
    """A server that answered ``GET /v1/models`` on this computer."""

    name: str  # "Ollama", "LM Studio", "llama.cpp", or "" (the sidebar says "OpenAI-compatible server")
    port: int
    models: tuple[str, ...]

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}/v1"


def parse_ports(text: str | None) -> tuple[int, ...]:
    """The ports to ask, in order, without repeats; "off" or "" means none."""
    if text is None:
        return DEFAULT_PORTS
    ports: list[int] = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if part.isdigit() and 0 < int(part) < 65536 and int(part) not in ports:
            ports.append(int(part))
    return tuple(ports)


def on_community_cloud(environ: Mapping[str, str] | None = None, cwd: Path | None = None) -> bool:
    """Streamlit Community Cloud runs apps from ``/mount/src`` in a container named "streamlit".

    >>> on_community_cloud({"HOSTNAME": "streamlit"}, Path("/app")), on_community_cloud({}, Path("/home/app"))
    (True, False)
    """
    env = os.environ if environ is None else environ
    here = Path.cwd() if cwd is None else cwd
    return env.get("HOSTNAME") == "streamlit" or here.as_posix().startswith("/mount/src")


def _server_name(port: int, models: list[Mapping[str, object]]) -> str:
    owners = {str(m.get("owned_by") or "").lower() for m in models}
    if "llamacpp" in owners:
        return "llama.cpp"
    return KNOWN.get(port, "")


def probe(port: int, *, timeout: float = TIMEOUT_S) -> LocalServer | None:
    """The server on ``port`` if it answers ``/v1/models`` like an OpenAI-compatible server, else None."""
    url = f"http://{HOST}:{port}/v1/models"  # this computer only: never another host
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = json.loads(response.read(1_000_000))
    except (OSError, ValueError):  # refused, timed out, an HTTP error, or not JSON: not a server for us
        return None
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, list):
        return None
    listed = [m for m in data if isinstance(m, dict) and isinstance(m.get("id"), str)]
    return LocalServer(_server_name(port, listed), port, tuple(sorted(str(m["id"]) for m in listed)))


def find(ports: tuple[int, ...], *, timeout: float = TIMEOUT_S) -> list[LocalServer]:
    """Every server that answers on ``ports`` (asked at once, so the search takes one timeout at most)."""
    if not ports:
        return []
    with ThreadPoolExecutor(max_workers=len(ports)) as pool:
        found = list(pool.map(lambda p: probe(p, timeout=timeout), ports))
    return [server for server in found if server is not None]


_cache: dict[tuple[int, ...], list[LocalServer]] = {}
_cache_lock = threading.Lock()


def configured_ports(environ: Mapping[str, str] | None = None) -> tuple[int, ...]:
    """The ports to ask here: none on Community Cloud, else ``PLAYGROUND_LOCAL_PORTS`` or the usual three."""
    env = os.environ if environ is None else environ
    if on_community_cloud(env):
        return ()
    return parse_ports(env.get(PORTS_ENV))


def servers(*, refresh: bool = False) -> list[LocalServer]:
    """The servers found on this computer, asked once per process (``refresh`` asks again)."""
    ports = configured_ports()
    with _cache_lock:
        if refresh or ports not in _cache:
            _cache[ports] = find(ports)
        return list(_cache[ports])
