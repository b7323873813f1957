"""Prism, a mock of OpenAI's published spec that checks every request against it."""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from tests.harness.app import ROOT

SPEC = (ROOT.parent / "shared" / "openai" / "openapi.v1.json").resolve()


def prism_binary() -> str | None:
    """``PRISM_BIN``, else the copy .ci/run installs in .tools, else ``prism`` on the PATH; None if none."""
    configured = os.environ.get("PRISM_BIN")
    candidates = [configured] if configured else []
    candidates += [str(ROOT / ".tools" / "prism" / "node_modules" / ".bin" / "prism"), shutil.which("prism")]
    return next((c for c in candidates if c and Path(c).exists()), None)


def prism_command(binary: str, port: int) -> list[str]:
    """The command line of a Prism mock of ``SPEC`` on 127.0.0.1:``port``."""
    return [binary, "mock", str(SPEC), "-p", str(port), "-h", "127.0.0.1"]


@dataclass
class PrismMock:
    """A running Prism mock: its base URL and its log, where each request's validation verdict is written."""

    url: str
    log: Path

    def mark(self) -> int:
        """A position in the log; ``verdicts(since=mark)`` then reads only what came after."""
        return self.log.stat().st_size

    def verdicts(self, since: int = 0, settle: float = 0.3) -> list[str]:
        """One line per request logged after ``since``: Prism's verdict on it ("✔" when it passed the spec),
        and any "Violation: request..." lines that explain a failure. Prism also checks its own example
        responses; those verdicts are about the mock, not about us, and are left out."""
        time.sleep(settle)  # Prism logs just after it answers
        with self.log.open("rb") as f:
            f.seek(since)
            text = f.read().decode("utf-8", "replace")
        return [
            line
            for line in text.splitlines()
            if ("[VALIDATOR]" in line and ("request passed" in line or "Request did not pass" in line))
            or "Violation: request" in line
        ]
