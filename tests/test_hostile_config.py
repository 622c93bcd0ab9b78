"""Hostile config, pack, ignore and baseline files (issue 21: M6, M10, L9, L10).

Each case is a reproducer from ``../shared/reviews/hostile-inputs-2026-12.md``, run
through the real command line: exit 2 with one line naming the file, never a hang, a
traceback or gigabytes of memory. The slow failure modes (an endless read, a process that
never ends) are bounded by a subprocess timeout and an address-space limit, so a
regression fails the test instead of stalling the suite.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

CATALOG = "sku,title\nA1,Ceramic mug\n"
#: address space for one CLI run: several times what a small run needs (~250 MB), a
#: fraction of what the attacks reached (1.8-3.5 GB)
MEMORY_CAP = 1536 * 1024 * 1024


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _listlint(cwd: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("LISTLINT_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "listlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        preexec_fn=_cap_memory,
    )


def _one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("listlint: error: "), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    (tmp_path / "catalog.csv").write_text(CATALOG, encoding="utf-8")
    return tmp_path


# -- M6: unchecked values, unbounded reads ------------------------------------------
@pytest.mark.parametrize("value", ["0", "-5"])
def test_batch_size_below_one_is_refused_not_a_hang(cfg: Path, value: str) -> None:
    (cfg / "listlint.toml").write_text(f"batch_size = {value}\n")
    _one_line_error(_listlint(cfg, "catalog.csv"), "listlint.toml", "batch_size")


def test_jobs_are_capped(cfg: Path) -> None:
    (cfg / "listlint.toml").write_text("jobs = 1000\n")
    _one_line_error(_listlint(cfg, "catalog.csv"), "listlint.toml", "jobs", "at most 64")
    (cfg / "listlint.toml").write_text("jobs = -3\n")
    _one_line_error(_listlint(cfg, "catalog.csv"), "jobs")


def test_jobs_never_exceed_four_per_core() -> None:
    from listlint.parallel import JOBS_PER_CORE, available_cores, workers_for

    assert workers_for(64, 10**7) == min(64, available_cores() * JOBS_PER_CORE)


@pytest.mark.parametrize(
    "args",
    [
        ["catalog.csv", "--config", "/dev/zero"],
        ["config", "--config", "/dev/zero"],
        ["catalog.csv", "--ignore-file", "/dev/zero"],
        ["catalog.csv", "--baseline", "/dev/zero"],
    ],
    ids=["config", "config-command", "ignore-file", "baseline"],
)
def test_endless_files_are_refused(cfg: Path, args: list[str]) -> None:
    _one_line_error(_listlint(cfg, *args, timeout=30), "/dev/zero", "not a regular file")


@pytest.mark.parametrize("key", ["ignore-file", "baseline"])
def test_endless_files_named_in_config_are_refused(cfg: Path, key: str) -> None:
    (cfg / "listlint.toml").write_text(f'{key} = "/dev/zero"\n')
    _one_line_error(_listlint(cfg, "catalog.csv", timeout=30), "/dev/zero")


def test_fifo_as_config_does_not_block(cfg: Path) -> None:
    fifo = cfg / "fifo.toml"
    os.mkfifo(fifo)
    _one_line_error(_listlint(cfg, "catalog.csv", "--config", str(fifo), timeout=30), "fifo.toml")


def test_oversized_config_is_refused(cfg: Path) -> None:
    from listlint.userfiles import CONFIG_LIMIT

    big = cfg / "listlint.toml"
    with big.open("w") as fh:
        fh.write("# padding\n" * (CONFIG_LIMIT // 10 + 1))
    _one_line_error(_listlint(cfg, "catalog.csv"), "listlint.toml", "larger than")


# -- L9: limits that switch a guard off -------------------------------------------------
@pytest.mark.parametrize(
    "table",
    [
        "max_compression_ratio = nan",
        "max_compression_ratio = inf",
        "max_compression_ratio = 0.5",
        "max_cell_length = -1",
        "max_file_size = 0",
        "max_json_depth = 0",
        "max_columns = -10",
        "max_decompressed_size = -1",
    ],
)
def test_nonsense_limits_are_refused(cfg: Path, table: str) -> None:
    (cfg / "listlint.toml").write_text(f"[limits]\n{table}\n")
    key = table.split(" =")[0]
    _one_line_error(_listlint(cfg, "catalog.csv"), "listlint.toml", f"limits.{key}")


# -- M10: YAML alias bombs ----------------------------------------------------------------
def _bomb() -> str:
    lines = ["  d0: &d0 {" + ",".join(f"k{j}: v" for j in range(10)) + "}"]
    lines += [
        f"  d{i}: &d{i} {{" + ",".join(f"k{j}: *d{i - 1}" for j in range(10)) + "}"
        for i in range(1, 9)
    ]
    return "\n".join(lines)


def test_pack_alias_bomb_is_refused(cfg: Path) -> None:
    (cfg / "parent.yaml").write_text("name: parent\nzdefs:\n" + _bomb() + "\nzz: *d8\n")
    (cfg / "child.yaml").write_text(
        "name: child\nextends: [./parent.yaml]\nzdefs:\n" + _bomb() + "\nzz: *d8\n"
    )
    result = _listlint(cfg, "catalog.csv", "--policy", "./child.yaml", timeout=60)
    _one_line_error(result, "child.yaml", "aliases")


def test_ignore_file_alias_bomb_is_refused(cfg: Path) -> None:
    (cfg / "ignore.yaml").write_text(
        "defs:\n" + _bomb() + "\nignore:\n- sku: A1\n  rule: PR101\n  reason: *d8\n"
    )
    result = _listlint(cfg, "catalog.csv", "--ignore-file", "ignore.yaml", timeout=60)
    _one_line_error(result, "ignore.yaml", "aliases")


def test_ordinary_anchors_still_work(cfg: Path) -> None:
    (cfg / "ignore.yaml").write_text(
        "- &mug\n  sku: A1\n  rule: PR101\n  reason: approved mug\n- {<<: *mug, sku: B2}\n"
    )
    result = _listlint(cfg, "catalog.csv", "--ignore-file", "ignore.yaml")
    assert result.returncode == 0, result.stderr


def test_recursive_alias_is_refused() -> None:
    import yaml

    from listlint import yamlsafe

    with pytest.raises(yaml.YAMLError, match="recursive"):
        yamlsafe.load("a: &a [1, *a]\n")


# -- L10: a key written twice -----------------------------------------------------------
def test_duplicate_config_keys_are_an_error(cfg: Path) -> None:
    (cfg / "listlint.toml").write_text('fail-on = "info"\nfail-on = "error"\n')
    _one_line_error(_listlint(cfg, "catalog.csv"), "listlint.toml")


def test_duplicate_pack_keys_are_an_error(cfg: Path) -> None:
    (cfg / "mine.yaml").write_text("name: mine\nname: theirs\n")
    _one_line_error(_listlint(cfg, "catalog.csv", "--policy", "./mine.yaml"), "mine.yaml", "twice")


def test_duplicate_ignore_file_keys_are_an_error(cfg: Path) -> None:
    (cfg / "ignore.yaml").write_text(
        "- sku: A1\n  rule: PR101\n  reason: ok\n  reason: something else\n"
    )
    result = _listlint(cfg, "catalog.csv", "--ignore-file", "ignore.yaml")
    _one_line_error(result, "ignore.yaml", "'reason' is written twice")


def test_duplicate_baseline_keys_are_an_error(cfg: Path) -> None:
    (cfg / "base.json").write_text(
        '{"version": 1, "entries": [{"sku": "A1", "rule": "PR101", "fingerprint": "x",'
        ' "count": 1, "count": 9}]}'
    )
    result = _listlint(cfg, "catalog.csv", "--baseline", "base.json")
    _one_line_error(result, "base.json", "'count' appears twice")
