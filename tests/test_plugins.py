"""Third-party rules arrive through the ``listlint.rules`` entry-point group and run beside
the built-in families: a plain ``Rule`` with ``check(batch)``, a ``CatalogRule`` with
``partial``/``merge``, and a rule that joins a built-in family to read its analysis."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import listlint
from listlint.errors import ConfigError
from listlint.rules import registry

PLUGIN = textwrap.dedent(
    '''
    """A seller's house rules, shipped as a separate package."""

    import polars as pl

    from listlint.report import Severity
    from listlint.rules.base import CatalogRule, Hit, Rule
    from listlint.rules.claims.family import ClaimsRule


    class ShoutingSku(Rule):
        """A SKU written in lower case.

        Why:
            The warehouse scanner reads upper-case SKUs only.

        Fails:
            sku "mug-1"

        Passes:
            sku "MUG-1"
        """

        code = "XH101"
        name = "lower-case-sku"
        group = "data"
        severity = Severity.WARNING
        summary = "SKU written in lower case"
        fields = ("sku",)

        def check(self, batch):
            for i, sku in enumerate(batch.values("sku")):
                if sku and sku != sku.upper():
                    yield Hit(message=f"SKU {sku!r} is lower case", index=i, field="sku")


    class TooManyMugs(CatalogRule):
        """More than two mugs in the catalogue.

        Why:
            The shop's licence covers two mug designs.

        Fails:
            three titles with "mug"

        Passes:
            two titles with "mug"
        """

        code = "XH102"
        name = "too-many-mugs"
        group = "data"
        severity = Severity.INFO
        summary = "More than two mugs"
        fields = ("title",)

        def partial(self, batch):
            f = batch.frame.with_columns(pl.col("title").str.to_lowercase().alias("t"))
            return f.filter(pl.col("t").str.contains("mug")).select("_rec", "_row")

        def merge(self, partials):
            if partials.height > 2:
                row = partials.sort("_rec").row(2, named=True)
                yield Hit(message="a third mug", rec=row["_rec"], row=row["_row"])


    class LoudClaim(ClaimsRule):
        """A health claim in a title written in capitals.

        Why:
            Shouted claims are the first a reviewer sees.

        Fails:
            title "CURES ARTHRITIS tea"

        Passes:
            title "cures arthritis tea" (reported by HC101 only)
        """

        code = "XH201"
        name = "loud-claim"
        severity = Severity.INFO
        summary = "Health claim written in capitals"
        claim = "disease"

        def check(self, batch, analysis):
            for h in analysis:
                if h.claim.rule == "disease" and h.match.isupper():
                    yield Hit(message=f"{h.match!r} is shouted", index=h.index, field=h.field)


    RULES = [ShoutingSku, TooManyMugs, LoudClaim]
    '''
)

ROWS = [
    {"sku": "mug-1", "title": "Blue mug"},
    {"sku": "MUG-2", "title": "Red mug"},
    {"sku": "MUG-3", "title": "Green mug"},
    {"sku": "TEA-1", "title": "Herbal tea CURES ARTHRITIS", "category": "Health > Supplements"},
]


def _install(tmp_path: Path, value: str = "house_rules:RULES") -> Path:
    """A distribution on ``tmp_path`` registering ``value`` under the rules group."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "house_rules.py").write_text(PLUGIN, encoding="utf-8")
    info = tmp_path / "house_rules-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: house-rules\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[listlint.rules]\nhouse = {value}\n")
    return tmp_path


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(_install(tmp_path)))
    registry.all_rules.cache_clear()
    yield tmp_path
    sys.modules.pop("house_rules", None)
    registry.all_rules.cache_clear()


def test_plugin_rules_are_registered_and_run(plugin: Path) -> None:
    rules = registry.all_rules()
    assert {"XH101", "XH102", "XH201"} <= set(rules)
    report = listlint.lint(ROWS, select=["XH", "HC101"])
    found = {(f.rule, f.row) for f in report.findings}
    # rows as in a file whose header is row 1: records[0] is row 2
    assert ("XH101", 2) in found and ("XH101", 3) not in found
    assert ("XH102", 4) in found  # the catalogue-level merge saw every batch's partial
    # the plugin read the claims family's analysis, computed once with HC101's
    assert ("XH201", 5) in found and ("HC101", 5) in found
    by_code = {f.rule: f for f in report.findings}
    assert by_code["XH101"].group == "data" and by_code["XH201"].group == "claims"


def test_plugin_rules_run_in_worker_processes(plugin: Path) -> None:
    rows = ROWS * 3
    serial = listlint.lint(rows, select=["XH101"], jobs=1)
    parallel = listlint.lint(rows, select=["XH101"], jobs=2, batch_size=2)
    assert [f.row for f in parallel.findings] == [f.row for f in serial.findings] == [2, 6, 10]


def test_plugin_rules_through_the_cli(tmp_path: Path) -> None:
    site = _install(tmp_path / "site")
    data = tmp_path / "catalog.csv"
    data.write_text("sku,title\nmug-1,Blue mug\nMUG-2,Red mug\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run(
        [sys.executable, "-m", "listlint", "check", str(data), "--select", "XH101", "-q"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stderr  # a warning does not fail the run
    assert "1 warning" in out.stdout


def test_plugin_with_an_unknown_group_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _install(tmp_path)
    source = (tmp_path / "house_rules.py").read_text().replace('group = "data"', 'group = "x"', 1)
    (tmp_path / "house_rules.py").write_text(source)
    monkeypatch.syspath_prepend(str(tmp_path))
    registry.all_rules.cache_clear()
    try:
        with pytest.raises(ConfigError, match="unknown group 'x'"):
            registry.all_rules()
    finally:
        sys.modules.pop("house_rules", None)
        registry.all_rules.cache_clear()
