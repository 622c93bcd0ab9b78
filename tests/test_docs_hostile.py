"""docs/hostile.md lists exactly the attacks of the hostile set (tests/hostile_files.py):
a new attack gets its figures in the table, a removed one leaves it (issue 21)."""

from __future__ import annotations

import re

from tests.conftest import ROOT
from tests.hostile_files import HOSTILE


def test_the_hostile_table_lists_every_attack_and_no_other() -> None:
    text = (ROOT / "docs" / "hostile.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([a-z0-9][a-z0-9-]*) \| [0-9.]+ [KM]B \|", text, re.M)
    assert len(rows) == len(set(rows)), "an attack is listed twice"
    missing = sorted(set(HOSTILE) - set(rows))
    extra = sorted(set(rows) - set(HOSTILE))
    assert not missing, f"docs/hostile.md lacks {missing}: run benchmarks/hostile_table.py"
    assert not extra, f"docs/hostile.md lists attacks no longer in the set: {extra}"


def test_every_listed_attack_met_its_target() -> None:
    """Exit 0/1/2, under 30 s and 1.5 GB; inputs of at most 1 MB under 5 CPU seconds."""
    text = (ROOT / "docs" / "hostile.md").read_text(encoding="utf-8")
    rows = re.findall(
        r"^\| [a-z0-9-]+ \| ([0-9.]+) ([KM])B \| (\d+) \| ([0-9.]+) \| ([0-9.]+) \| (\d+) \| (\w+) \|",
        text,
        re.M,
    )
    assert len(rows) == len(HOSTILE)
    for size, unit, code, seconds, cpu, rss_mb, verdict in rows:
        assert verdict == "ok" and code in "012"
        assert float(seconds) < 30 and float(cpu) < 30 and int(rss_mb) < 1536
        if float(size) * (1e3 if unit == "K" else 1e6) <= 1e6:
            assert float(cpu) < 5
