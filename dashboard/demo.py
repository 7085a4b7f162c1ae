"""The whole demo: each app's own demo step, bottom layer first (the top app calls
them, so no app imports another's demo)."""

from __future__ import annotations

from pathlib import Path

from blocs import demo as blocs_demo
from campaigns import demo as campaigns_demo
from emulation import demo as kernel_demo


def load_all(data: dict, folder: Path) -> dict[str, int]:
    """Load `data` (fixtures/demo.yaml) and the apps' own files in `folder`."""
    counts = blocs_demo.load(data)  # councils, units, blocs, years, memberships
    counts["users"] = kernel_demo.load_users(data)
    counts.update(campaigns_demo.load(folder))
    return counts
