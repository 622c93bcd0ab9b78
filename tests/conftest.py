from __future__ import annotations

from pathlib import Path

import pytest

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
