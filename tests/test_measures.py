"""Measures rules beyond single listings: catalogue-level outliers (and their
independence from batching), the column-level missing-unit hint, policy-pack data,
the shipped example, and the real exports' coverage (every weight and dimension cell
is parsed or reported, never dropped)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import listlint
from listlint.errors import ConfigError

from .conftest import ROOT


def _tee(
    sku: str, weight: str, group: str = "NW-CLASSIC", title: str = "Northwind Classic"
) -> dict:
    return {"sku": sku, "title": title, "weight": weight, "item_group_id": group}


def _codes(report, code: str) -> list:  # type: ignore[no-untyped-def]
    return [f for f in report.findings if f.rule == code]


def test_example_catalog_flags_the_180_kg_tshirt_only() -> None:
    report = listlint.lint(ROOT / "examples" / "catalog.csv", select=["measures"])
    hits = [(f.sku, f.rule) for f in report.findings]
    assert ("TEE-BLK-M", "MS201") in hits
    assert all(sku == "TEE-BLK-M" for sku, _ in hits), hits
    finding = next(f for f in report.findings if f.sku == "TEE-BLK-M")
    assert finding.row == 3 and finding.match == "180 kg"
    assert "grams written as kilograms" in finding.message and "0.18 kg" in finding.suggestion


def test_variant_outlier_names_the_unit_error() -> None:
    # untyped product ("Northwind Classic"): only the sibling comparison can see it
    records = [
        _tee("A-S", "0.18 kg"),
        _tee("A-M", "180 kg"),
        _tee("A-L", "0.19 kg"),
        _tee("A-XL", "0.2 kg"),
    ]
    found = _codes(listlint.lint(records, select=["MS401"]), "MS401")
    assert [f.sku for f in found] == ["A-M"]
    assert "grams written as kilograms" in found[0].message and found[0].row == 3


def test_variants_of_different_sizes_are_not_outliers() -> None:
    records = [
        _tee(f"B-{i}", w) for i, w in enumerate(["0.16 kg", "0.18 kg", "0.21 kg", "0.25 kg"])
    ]
    assert not _codes(listlint.lint(records, select=["MS401"]), "MS401")


def test_outliers_do_not_depend_on_batching() -> None:
    records = [_tee(f"C-{i}", f"{0.2 + i / 100:.2f} kg", group=f"G{i // 4}") for i in range(40)]
    records[17]["weight"] = "210 kg"  # one variant in grams
    records += [
        {
            "sku": f"K-{i}",
            "title": "Item",
            "category": "Home > Kitchen",
            "weight": f"{1 + i % 5} kg",
        }
        for i in range(12)
    ]
    records[45]["weight"] = "3000 kg"
    whole = listlint.lint(records, select=["MS401", "MS402"])
    split = listlint.lint(records, select=["MS401", "MS402"], batch_size=3)
    key = [(f.rule, f.sku, f.row, f.message) for f in whole.findings]
    assert key == [(f.rule, f.sku, f.row, f.message) for f in split.findings]
    assert {(f.rule, f.sku) for f in whole.findings} == {("MS401", "C-17"), ("MS402", "K-5")}


def test_missing_unit_is_one_finding_per_column_with_the_likely_unit() -> None:
    records = [
        {"sku": f"T{i}", "title": "Organic Cotton Crew T-Shirt", "weight": str(170 + i)}
        for i in range(6)
    ]
    found = _codes(listlint.lint(records, select=["MS102"]), "MS102")
    assert len(found) == 1
    assert found[0].row == 2 and "6 listing(s)" in found[0].message
    assert "look like grams" in found[0].message and "weight (g)" in found[0].suggestion


def test_pack_ranges_add_a_product_type(tmp_path: Path) -> None:
    pack = tmp_path / "shop.yaml"
    pack.write_text(
        "name: shop\nextends: [base]\nmeasures:\n  ranges:\n"
        "    anvil: {min_kg: 20, max_kg: 80, keywords: [anvil, blacksmith anvil]}\n",
        encoding="utf-8",
    )
    records = [{"sku": "A1", "title": "Blacksmith Anvil", "weight": "0.4 kg"}]
    assert not _codes(listlint.lint(records, select=["MS202"]), "MS202")
    found = _codes(listlint.lint(records, select=["MS202"], policy=[str(pack)]), "MS202")
    assert len(found) == 1 and "anvil" in found[0].message


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("  carriers:\n    - {name: Pony Express}\n", "unknown carrier"),
        ("  ranges:\n    x: {min_kg: 5, max_kg: 1}\n", "min_kg is larger"),
        ("  tolerance: 3\n  colour: red\n", "unknown key"),
    ],
)
def test_bad_measures_section_is_a_config_error(tmp_path: Path, body: str, needle: str) -> None:
    pack = tmp_path / "bad.yaml"
    pack.write_text(f"name: bad\nmeasures:\n{body}", encoding="utf-8")
    with pytest.raises(ConfigError, match=needle):
        listlint.lint([{"sku": "A", "title": "Mug", "weight": "1 kg"}], policy=[str(pack)])


def test_carrier_severity_comes_from_the_pack() -> None:
    records = [{"sku": "W1", "title": "Solid Oak Wardrobe", "weight": "85 kg"}]
    base = _codes(listlint.lint(records, select=["MS301"]), "MS301")
    amazon = _codes(listlint.lint(records, select=["MS301"], policy=["amazon-us"]), "MS301")
    assert base[0].severity == "info" and "UPS" in base[0].message
    assert amazon[0].severity == "warning" and amazon[0].marketplaces == ("Amazon US",)


def test_real_exports_account_for_every_measure_cell(catalogs_dir: Path, tmp_path: Path) -> None:
    """Every non-blank weight/dimension cell of the real exports is parsed, or reported
    as unreadable (MS101) or unit-less (MS102) — none is silently dropped."""
    from listlint.api import load

    checked = 0
    for path in sorted(catalogs_dir.iterdir()):
        try:
            catalog = load(path)
        except Exception:  # refused files are covered by test_real_catalogs
            continue
        frame = catalog.frame
        report = listlint.lint(catalog, select=["MS101", "MS102"])
        unreadable = {f.field: 0 for f in report.findings}
        for f in _codes(report, "MS101"):
            unreadable[f.field] = unreadable.get(f.field, 0) + 1
        unitless = {f.field: int(f.message.split(" ")[0]) for f in _codes(report, "MS102")}
        for field, parsed in (("weight", "weight_kg"), ("length", "length_cm")):
            if field not in frame.columns:
                continue
            raw = frame[field].is_not_null().sum()
            ok = frame[parsed].is_not_null().sum() if parsed in frame.columns else 0
            assert raw == ok + unreadable.get(field, 0) + unitless.get(field, 0), path.name
            checked += raw
    assert checked > 100


def test_cli_explain_prints_rule_docs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "listlint", "explain", "MS201"], capture_output=True, text=True
    )
    assert out.returncode == 0 and "Fails" in out.stdout and "grams" in out.stdout


def test_json_report_of_the_example_is_stable(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "listlint",
            str(ROOT / "examples" / "catalog.csv"),
            "--select",
            "measures",
            "--format",
            "json",
            "--output",
            str(out),
            "--isolated",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [f["rule"] for f in data["findings"]] == ["MS201"]


TITLES = [
    "Organic Cotton Crew T-Shirt",
    "Northwind T-Shirt - Black / M",
    "Laptop Stand",
    "Clear Case Compatible with iPhone 15",
    "Nikon Lens Cap 52mm",
    "Toy Sofa for Dolls",
    "Sweater - for Dogs",
    "Cotton Socks, 12 Pairs",
    "T-Shirt - Pack of 3",
    "Chef Knife - Gift Set",
    "纯棉T恤",
    "Eau de Parfum 100 ml",
    "Kids Hoodie",
    "Vitamin C Tablets",
    "Widget Pro 3000",
    None,
]


def test_product_types_as_the_per_listing_classifier_gave_them() -> None:
    """Title, product type, handle and category combinations (fixtures/measures_types.json:
    the per-listing classifier's answers before it was folded into the columnar one,
    which runs the same reading for every field now)."""
    import polars as pl

    from listlint.rules.measures.types import TYPE_SCHEMA, type_index

    cases = json.loads((Path(__file__).parent / "fixtures" / "measures_types.json").read_text())
    title, ptype, category, handle = (
        pl.Series([c[0][k] for c in cases], dtype=pl.Utf8) for k in range(4)
    )
    frame = type_index().classify_frame(title, ptype, category, handle)
    assert frame.columns == list(TYPE_SCHEMA)
    for (case, want), got in zip(cases, frame.iter_rows(), strict=True):
        assert list(got) == want, case
