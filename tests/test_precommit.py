"""The real ``pre-commit try-repo``: fails on a catalogue with an error-level finding,
passes on a clean one. Optional: skipped when pre-commit is not installed. try-repo
builds its own virtualenv (``pip install`` of this project from the package index), so
the first run takes minutes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.optional


def _pre_commit() -> str | None:
    """pre-commit on PATH, or beside this interpreter (a venv that is not activated)."""
    beside = Path(sys.executable).parent / "pre-commit"
    return shutil.which("pre-commit") or (str(beside) if beside.is_file() else None)


PRE_COMMIT = _pre_commit()


def test_hook_file_is_valid() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "listlint" and hook["language"] == "python"
    import re

    pattern = re.compile(hook["files"])
    for name in ("a.csv", "b.tsv", "c.xlsx", "d.json", "e.jsonl", "EXPORT.CSV"):
        assert pattern.search(name), name
    for name in ("README.md", "requirements.txt", "data.csv.bak"):
        assert not pattern.search(name), name


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


# slow: pre-commit builds a fresh environment and installs listlint with all its
# dependencies (about 2 minutes); the hook's command, file selection and option ending
# are tested in every run by tests/test_cli_inputs.py. Run it with `-m slow`.
@pytest.mark.slow
@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed")
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_try_repo(tmp_path: Path) -> None:
    # try-repo only sees committed and tracked files: snapshot the working tree (tracked
    # and untracked, minus ignored files) into a throwaway repo and commit it there.
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    snap = tmp_path / "listlint"
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (snap / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, snap / rel)
    _git(snap, "init", "-q")
    _git(snap, "add", ".")
    _git(snap, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "snapshot")
    work = tmp_path / "shop"
    work.mkdir()
    _git(work, "init", "-q")
    bad = work / "bad.csv"
    bad.write_text("sku,title\nA,Nlke Air Max 1:1 Replica shoes\nA,Plain mug\n", encoding="utf-8")
    good = work / "good.csv"
    good.write_text("sku,title\nA,Plain cotton t-shirt\nB,Plain ceramic mug\n", encoding="utf-8")
    _git(work, "add", ".")
    env_home = tmp_path / "cache"

    def run(name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(PRE_COMMIT), "try-repo", str(snap), "listlint", "--files", name, "--verbose"],
            cwd=work,
            capture_output=True,
            text=True,
            timeout=1800,
            env={**os.environ, "PRE_COMMIT_HOME": str(env_home)},
        )

    failing = run("bad.csv")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "Failed" in failing.stdout
    passing = run("good.csv")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout
    # not catalogues by content: skipped without a finding, so the commit passes
    (work / "package.json").write_text('{"name": "shop", "version": "1.0.0", "scripts": {}}')
    (work / ".vscode").mkdir()
    (work / ".vscode" / "settings.json").write_text('{"editor.fontSize": 14}')
    _git(work, "add", ".")
    for name in ("package.json", ".vscode/settings.json"):
        skipped = run(name)
        assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    # an upper-case extension is still a catalogue
    (work / "EXPORT.CSV").write_text("sku,title\nV1,Disposable vape pen 5000 puffs\n")
    _git(work, "add", ".")
    upper = run("EXPORT.CSV")
    assert upper.returncode == 1 and "PR101" in upper.stdout, upper.stdout + upper.stderr
    # a file named like an option stays a file name: the hook fails, no baseline written
    (work / "--write-baseline=zz.json").write_text("{}")
    _git(work, "add", "--", "--write-baseline=zz.json")
    attack = run("--write-baseline=zz.json")
    assert attack.returncode != 0 and "Passed" not in attack.stdout, attack.stdout
    assert not (work / "zz.json").exists()
