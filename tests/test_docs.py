"""The docs stay true to the code: docs/rules.md's rule table is the registry's, every
rule family has its section there, and every relative link in the README and docs/
points at a file that exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from listlint.cli import rules_markdown
from listlint.rules.registry import groups

from .conftest import ROOT

DOCS = ROOT / "docs"
RULES = (DOCS / "rules.md").read_text(encoding="utf-8")


def test_rule_table_is_current() -> None:
    table = re.search(r"<!-- rules:start -->\n(.*?)\n<!-- rules:end -->", RULES, re.S)
    assert table, "docs/rules.md lacks the rules table markers"
    assert table.group(1).strip() == rules_markdown().strip(), (
        "docs/rules.md rule table is stale: run `listlint rules --format markdown` and paste it"
    )


@pytest.mark.parametrize("group", groups())
def test_every_family_has_its_section(group: str) -> None:
    assert f"<!-- family:{group} -->" in RULES, f"docs/rules.md has no section for {group}"


def _pages() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


@pytest.mark.parametrize("page", _pages(), ids=lambda p: p.name)
def test_relative_links_resolve(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        path = (page.parent / target.split("#")[0]).resolve()
        if not path.exists():
            broken.append(target)
    assert not broken, f"{page.name}: links to missing files {broken}"
