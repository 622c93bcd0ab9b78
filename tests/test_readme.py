"""The README stays true: its commands are the ones CI runs (the rule table and family
sections live in docs/rules.md: tests/test_docs.py)."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _first_commands() -> list[str]:
    block = re.search(r"```bash\n(.*?)```", README, re.S)
    assert block and README.index(block.group(0)) < 200, "the README must open with its commands"
    return [ln for ln in block.group(1).splitlines() if ln.strip()]


def test_two_commands_first():
    cmds = _first_commands()
    assert len(cmds) == 2
    assert "listlint examples/" in cmds[0]
    assert "pytest" in cmds[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _first_commands()[1] in ci


def _extras() -> dict[str, list[str]]:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return project["optional-dependencies"]


def test_spark_and_dask_are_not_in_the_test_extra():
    """pyspark is ~510 MB installed: the README's test command must not pull it (issue 22)."""
    extras = _extras()
    test = " ".join(extras["test"])
    assert "pyspark" not in test and "dask" not in test
    assert any(r.startswith("pyspark") for r in extras["spark"])
    assert any(r.startswith("dask") for r in extras["dask"])


def test_ci_installs_the_cluster_extras_before_the_readme_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    extra = re.search(r'pip install[^\n]*"\.\[([a-z,]+)\]"', ci)
    assert extra and {"spark", "dask"} <= set(extra.group(1).split(","))
    assert ci.index(extra.group(0)) < ci.index(_first_commands()[1])


def test_readme_says_what_each_extra_costs():
    table = README[: README.index("## What it checks")]
    for extra in _extras():
        row = re.search(rf"^\| `\[{extra}\]` \|.*\| ~\d+ MB more \|$", table, re.M)
        assert row, f"the README's install table lacks the size of [{extra}]"


@pytest.mark.parametrize(
    ("module", "install"), [("test_spark", "listlint[spark]"), ("test_dask", "listlint[dask]")]
)
def test_cluster_tests_skip_with_the_install_command(module: str, install: str):
    """Without the extra the module is skipped and the reason says how to install it."""
    text = (ROOT / "tests" / f"{module}.py").read_text(encoding="utf-8")
    assert re.search(rf"importorskip\([^)]*reason=\"[^\"]*pip install '{re.escape(install)}'", text)
