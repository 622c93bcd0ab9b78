"""The README stays true: its commands are the ones CI runs, its rule table is current."""

from __future__ import annotations

import re

from listlint.cli import rules_markdown

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


def test_rule_table_is_current():
    table = re.search(r"<!-- rules:start -->\n(.*?)\n<!-- rules:end -->", README, re.S)
    assert table, "README lacks the rules table markers"
    assert table.group(1).strip() == rules_markdown().strip(), (
        "README rule table is stale: run `listlint rules --format markdown` and paste it"
    )
