"""Huge runs keep findings on disk; the report reads them back in exactly the order and
with exactly the content an in-memory run gives (JSON output byte for byte)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from listlint import spill
from listlint.api import make_config, to_catalogs
from listlint.cli import main
from listlint.engine import RuleSet
from listlint.report import Finding, Severity
from listlint.runner import run
from listlint.spill import FindingSpill, SpilledFindings
from tests.synthetic import generator


def _findings(n: int, seed: int = 1) -> list[Finding]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        out.append(
            Finding(
                rule=rng.choice(["DT203", "TM101", "MS201"]),
                name="x",
                group="data",
                severity=rng.choice(list(Severity)),
                path=rng.choice(["a.csv", "b.csv", None]),
                row=rng.choice([None, *range(2, 40)]),
                field=rng.choice([None, "title", "sku"]),
                match=rng.choice([None, "m1", "m2"]),
                message=f"finding {i}",  # ties on the sort key keep arrival order
                marketplaces=("TikTok Shop US",) if i % 3 else (),
            )
        )
    return out


@pytest.mark.parametrize("limit", [1, 7, 50, 10_000])
def test_merged_runs_equal_a_stable_sort(limit: int) -> None:
    items = _findings(400)
    store = FindingSpill(limit=limit)
    store.add(items)
    assert store.spilled == (limit < 400)
    expected = [f.to_dict() for f in sorted(items, key=Finding.sort_key)]
    assert [f.to_dict() for f in store.sorted()] == expected
    seq = store.findings()
    assert len(seq) == 400
    assert [f.to_dict() for f in seq] == expected  # re-iterable
    assert [f.to_dict() for f in seq] == expected
    assert seq[0].to_dict() == expected[0] and seq[-1].to_dict() == expected[-1]
    assert store.severities == {s: sum(f.severity == s for f in items) for s in Severity}
    store.close()


def test_spilled_report_same_json_as_in_memory(tmp_path, monkeypatch) -> None:
    generate = generator()
    path = generate.write_csv(1_500, tmp_path / "gen.csv", seed=5)

    def cli_json() -> str:
        result = CliRunner().invoke(main, [str(path), "-f", "json", "--isolated", "-j", "1"])
        assert result.exit_code in (0, 1), result.output
        return result.stdout

    in_memory = cli_json()
    assert json.loads(in_memory)["summary"]["findings"] > 3
    monkeypatch.setattr(spill, "MEMORY_FINDINGS", 2)
    cfg = make_config(select=["ALL"], jobs=1)
    report = run(to_catalogs(str(path), cfg), RuleSet.build(cfg), spill=True)
    assert isinstance(report.findings, SpilledFindings)
    assert cli_json() == in_memory


def test_partials_spilled_to_disk_give_the_same_report(monkeypatch) -> None:
    from listlint import partials

    frame = generator().generate(1_200, seed=9)
    cfg = make_config(select=["ALL"], jobs=1, batch_size=200)
    in_memory = run(to_catalogs(frame, cfg), RuleSet.build(cfg))
    monkeypatch.setattr(partials, "BUDGET_BYTES", 0)  # every partial goes to disk
    on_disk = run(to_catalogs(frame, cfg), RuleSet.build(cfg))
    assert on_disk.model_dump() == in_memory.model_dump()
    assert any(f.rule == "DT203" for f in in_memory.findings)  # a catalogue rule fired


def test_partial_store_keeps_batch_and_arrival_order() -> None:
    import polars as pl

    from listlint.partials import PartialStore

    store = PartialStore(budget=0)
    store.add("B", pl.DataFrame({"x": [1]}))
    store.add("A", pl.DataFrame({"x": [2]}))
    store.budget = 10**9
    store.add("B", pl.DataFrame({"x": [3]}))  # B: one frame on disk, one in memory
    got = [(code, [f["x"].to_list() for f in frames]) for code, frames in store.items()]
    assert got == [("B", [[1], [3]]), ("A", [[2]])]


def test_row_key_is_the_finding_sort_key() -> None:
    for f in _findings(300, seed=3):
        assert spill._row_key(spill._row(f)) == f.sort_key()


@pytest.mark.parametrize("fan_in", [2, 3])
def test_tiered_merges_keep_order_and_bound_open_runs(monkeypatch, fan_in: int) -> None:
    monkeypatch.setattr(spill, "FAN_IN", fan_in)
    monkeypatch.setattr(spill, "FRAME", 3)
    items = _findings(500, seed=7)
    store = FindingSpill(limit=4)  # 125 runs of the first tier without merging
    most = 0
    for f in items:
        store.add([f])
        most = max(most, len(store.runs))
    # tiers: at most fan_in - 1 runs of each tier are left unmerged
    assert most <= (fan_in - 1) * 8 + 1
    assert store._dir is not None
    assert sorted(Path(store._dir.name).iterdir()) == sorted(store.runs)  # merged runs deleted
    expected = [f.to_dict() for f in sorted(items, key=Finding.sort_key)]
    assert [f.to_dict() for f in store.sorted()] == expected
    store.close()


def _catalogue_level_rows(groups: int) -> list[dict[str, str]]:
    """Listings that give every catalogue-level rule work, spread over many keys."""
    rows: list[dict[str, str]] = []
    for g in range(groups):
        tee = {"title": f"Cotton tee {g}", "item_group_id": f"TEE-{g}", "color": "Black"}
        for k, size in enumerate(["S", "M", "L", "L", ""]):  # L twice; "" lacks a size
            rows.append({**tee, "sku": f"TEE-{g}-{k}", "size": size})
        # an untyped product: only its siblings can tell 180 kg was meant as 180 g
        for k, weight in enumerate(["0.18 kg", "180 kg", "0.19 kg", "0.2 kg"]):
            rows.append(
                {"sku": f"NW-{g}-{k}", "title": "Northwind Classic", "item_group_id": f"NW-{g}"}
                | {"weight": weight}
            )
        for k in range(12):  # a category of items, one of them 1,000 times too heavy
            weight = "3000 kg" if k == 5 else f"{1 + k % 5} kg"
            rows.append(
                {"sku": f"K-{g}-{k}", "title": "Item", "category": f"Home > Kitchen {g}"}
                | {"weight": weight}
            )
        rows.append({"sku": f"TEE-{g}-0", "title": "Reused SKU"})  # duplicate SKU
        gtin = f"40063813{g:04d}"
        gtin += str((10 - sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(gtin)) % 10) % 10)
        rows.append({"sku": f"BOX-{g}-A", "title": "Gift box", "gtin": gtin})
        rows.append({"sku": f"BOX-{g}-B", "title": "Lunch box", "gtin": gtin})
    return rows


def test_partials_merged_by_bucket_give_the_same_report(monkeypatch) -> None:
    """Rules with a merge key spilled in buckets and merged one bucket at a time find
    exactly what one merge of everything finds, in the same order."""
    import polars as pl

    from listlint import partials

    rows = _catalogue_level_rows(60)
    columns = sorted({k for r in rows for k in r})
    frame = pl.DataFrame([{c: r.get(c) for c in columns} for r in rows])
    cfg = make_config(select=["ALL"], jobs=1, batch_size=250)
    in_memory = run(to_catalogs(frame, cfg), RuleSet.build(cfg))
    keyed = {"DT203", "SP105", "SP106", "SP204", "MS401", "MS402"}
    fired = {f.rule for f in in_memory.findings} & keyed
    assert fired == keyed, keyed - fired
    monkeypatch.setattr(partials, "BUDGET_BYTES", 0)
    spilled = partials.PartialStore.take_parts
    parts_seen: list[int] = []

    def counting(self, code):  # type: ignore[no-untyped-def]
        parts = list(spilled(self, code))
        parts_seen.append(len(parts))
        return iter(parts)

    monkeypatch.setattr(partials.PartialStore, "take_parts", counting)
    bucketed = run(to_catalogs(frame, cfg), RuleSet.build(cfg))
    assert max(parts_seen) > 1  # some rule really was merged bucket by bucket
    assert bucketed.model_dump() == in_memory.model_dump()
