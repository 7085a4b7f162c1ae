"""What every part of bench/run.py shares: the project's paths and the log line."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"


def log(text: str) -> None:
    print(text, flush=True)
