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
