"""Policy packs, config and ignore files from people we do not control: YAML is loaded
safely, a broken file is one line naming file, key and line, and user patterns are
RE2-checked (no ReDoS)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from listlint.text.saferegex import SafePattern

CATALOG = "sku,title\nA1,Plain ceramic mug\n"


def _lint(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "c.csv").write_text(CATALOG, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "listlint", "c.csv", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )


def _one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("listlint: error:"), proc.stderr
    return lines[0]


def test_yaml_tags_never_run_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (tmp_path / "evil.yaml").write_text(
        f'name: evil\ndescription: !!python/object/apply:os.system ["touch {marker}"]\n',
        encoding="utf-8",
    )
    line = _one_line_error(_lint(tmp_path, "--isolated", "--policy", "./evil.yaml"))
    assert "evil.yaml" in line and "line 2" in line
    assert not marker.exists()


def test_ignore_file_yaml_tags_never_run_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (tmp_path / "ignore.yaml").write_text(
        f'- sku: A1\n  rule: DT201\n  reason: !!python/object/apply:os.system ["touch {marker}"]\n',
        encoding="utf-8",
    )
    line = _one_line_error(_lint(tmp_path, "--isolated", "--ignore-file", "ignore.yaml"))
    assert "ignore.yaml" in line
    assert not marker.exists()


def test_broken_pack_names_file_key_and_line(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "name: mine\nextends: base\nrules:\n  DT201:\n    severty: info\n", encoding="utf-8"
    )
    line = _one_line_error(_lint(tmp_path, "--isolated", "--policy", "./mine.yaml"))
    assert "mine.yaml" in line and "rules.DT201.severty" in line and "line 5" in line


def test_unknown_config_key_names_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "listlint.toml").write_text('fail_on = "warning"\nselcet = ["PR"]\n')
    line = _one_line_error(_lint(tmp_path))
    assert "listlint.toml" in line and "selcet" in line and "unknown key" in line


def test_config_limits_must_be_numbers(tmp_path: Path) -> None:
    (tmp_path / "listlint.toml").write_text('[limits]\nmax_columns = "lots"\n')
    line = _one_line_error(_lint(tmp_path))
    assert "limits.max_columns" in line


class _PackSection(BaseModel):
    patterns: list[SafePattern] = []


@pytest.mark.parametrize("bad", [r"(a)\1", r"kratom(?!-free)", "(unclosed"])
def test_safe_pattern_fields_refuse_what_re2_cannot_run(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        _PackSection(patterns=["kratom", bad])
    err = info.value.errors()[0]
    assert err["loc"] == ("patterns", 1)
    assert "RE2" in err["msg"]


def test_safe_pattern_fields_keep_linear_patterns() -> None:
    section = _PackSection(patterns=[r"(a+)+$", r"kr[a@4]t[o0]m"])
    assert section.patterns == [r"(a+)+$", r"kr[a@4]t[o0]m"]
