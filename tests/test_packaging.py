"""A built wheel carries policies/ and wordlists/, and an installed copy finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
            capture_output=True,
            text=True,
        )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return next(out.glob("listlint-*.whl"))


def test_wheel_contains_data(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    assert "listlint/_data/policies/base.yaml" in names
    assert any(n.startswith("listlint/_data/policies/profiles/") for n in names)
    assert any(n.startswith("listlint/_data/wordlists/") for n in names) or not any(
        (ROOT / "wordlists").iterdir()
    )
    assert "listlint/py.typed" in names


def test_installed_wheel_finds_its_data(wheel: Path, tmp_path: Path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    code = (
        "import listlint, listlint.resources as r;"
        "print(listlint.__file__); print(r.policies_dir()); print(r.wordlists_dir());"
        "from listlint.policy import shipped_packs; print(','.join(shipped_packs()))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    module, policies, wordlists, packs = proc.stdout.strip().splitlines()
    assert module.startswith(str(target))
    assert policies.startswith(str(target)) and wordlists.startswith(str(target))
    assert "base" in packs.split(",")
