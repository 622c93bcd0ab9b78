from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis' per-example deadline (200 ms) measures the machine's load as much as the code:
# on a shared 2-core machine a first example can take seconds. Time bounds are asserted by
# the linear-time tests and benchmarks instead, so no example fails for being slow.
settings.register_profile("listlint", deadline=None)
settings.load_profile("listlint")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CATALOGS = SHARED / "data" / "catalogs"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def catalogs_dir() -> Path:
    if not CATALOGS.is_dir():
        pytest.skip(f"real catalogue exports not present at {CATALOGS} (they are not shipped)")
    return CATALOGS


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data folder not present at {SHARED}")
    return SHARED


@pytest.fixture(autouse=True)
def _not_in_a_pre_commit_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    """pre-commit sets PRE_COMMIT=1 for its hooks, and listlint then insists on a '--'
    before file names (tests/test_cli_inputs.py); a suite run from a pre-commit hook
    must not inherit that."""
    monkeypatch.delenv("PRE_COMMIT", raising=False)
