"""A real ``redis-server`` on 127.0.0.1 for the tests and the bench: a free port, its own folder, an
append-only file written on every change (so a SIGKILL loses nothing), and ways to kill, pause and restart
it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

from tests.harness.procs import free_port, stop_group, wait_for_port


def redis_binary() -> str | None:
    return shutil.which("redis-server")


class RedisServer:
    """``redis-server`` in ``folder`` on a free port; ``url`` names it for ``lib.classroom.RedisStore``."""

    def __init__(self, folder: Path, port: int | None = None, config: Path | None = None) -> None:
        self.folder = folder
        self.port = port or free_port()
        self.config = config  # a redis.conf to start from (deploy/redis.conf); the options below override it
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def command(self) -> list[str]:
        return [
            redis_binary() or "redis-server",
            *([str(self.config)] if self.config else []),
            "--bind", "127.0.0.1",
            "--port", str(self.port),
            "--dir", str(self.folder),
            "--appendonly", "yes",
            "--appendfsync", "always",  # the tests kill it with SIGKILL: every write must be on disk
            "--save", "",
            "--daemonize", "no",
            "--logfile", str(self.folder / "redis.log"),
        ]  # fmt: skip

    def start(self) -> RedisServer:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            self.command(), stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True
        )
        wait_for_port(self.port, timeout=20, proc=self.proc)
        return self

    def kill(self) -> None:
        """Gone at once, as a crashed server or a pulled cable."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def pause(self) -> None:
        """Still listening but answering nothing: a server that is slow."""
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGSTOP)

    def resume(self) -> None:
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGCONT)

    def stop(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, signal.SIGCONT)
            stop_group(self.proc)
