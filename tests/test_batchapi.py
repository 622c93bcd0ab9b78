"""The batch API and the partition protocol Spark and Dask are built on.

``lint_in_parts`` below follows the engines' steps exactly (count, index, group
shuffle, lint, bucket shuffle, merge) in plain polars, so the protocol is checked
quickly without a JVM; tests/test_spark.py and tests/test_dask.py run the real thing.
"""

from __future__ import annotations

import polars as pl
import pyarrow as pa
import pytest

import listlint
from listlint import partitions as P
from listlint.api import make_config
from listlint.batchapi import (
    BUILDS,
    FINDINGS_SCHEMA,
    cached_ruleset,
    catalog_partials,
    findings_arrow_schema,
    frame_findings,
    lint_batch,
    merge_catalog_partials,
)
from listlint.config import Config
from listlint.report import FINDING_FIELDS
from tests import scale_helpers as H


def lint_in_parts(frame: pl.DataFrame, cfg: Config, parts: int, buckets: int) -> pl.DataFrame:
    """The wire frame of a partitioned run: the engines' protocol in plain polars."""
    spec = P.PartitionSpec.build(cfg, frame.columns, None, buckets)
    size = -(-frame.height // parts)
    chunks = [frame.slice(i * size, size) for i in range(parts)]
    indexed, row, rec = [], 0, 0
    for chunk in chunks:
        indexed.append(P.add_index(chunk, spec, row, rec))
        n, nb = P.count_rows(chunk)
        row, rec = row + n, rec + nb
    if spec.group_fields():  # the shuffle on the group key (reversed: order is lost)
        table = P.resolve_refs(pl.concat(indexed)).reverse()
        bucket = table[P.KEY_COL].hash(seed=5) % parts
        indexed = [table.filter(bucket == i) for i in range(parts)]
    # phase one: every partition's catalogue-facts evidence, combined on the driver
    spec = P.with_facts(spec, pl.concat([P.evidence_part(part, spec) for part in indexed]))
    wire = pl.concat([P.lint_part(part, spec) for part in indexed])
    merged = [P.merge_part(wire.filter(pl.col("__dest") % 3 == i), spec) for i in range(3)]
    return pl.concat(merged)


def _check(frame: pl.DataFrame, parts: int, buckets: int = 4) -> pl.DataFrame:
    cfg = H.config()
    expected = H.keys(listlint.lint(frame, config=cfg).findings)
    wire = lint_in_parts(frame, cfg, parts, buckets)
    H.assert_same(expected, frame_findings(P.wire_findings(wire)))
    return wire


def test_findings_schema_is_the_json_contract() -> None:
    assert tuple(FINDINGS_SCHEMA) == FINDING_FIELDS
    schema = findings_arrow_schema()
    assert schema.names == list(FINDING_FIELDS)
    assert schema.field("row").type == pa.int64()
    assert pa.types.is_list(schema.field("marketplaces").type)


def test_lint_batch_accepts_arrow_polars_and_pandas() -> None:
    rows = {"sku": ["A1", "A2", None], "title": ["Kratom capsules", "", "Ceramic mug"]}
    frame = pl.DataFrame(rows)
    out = [
        lint_batch(frame),
        lint_batch(frame.to_arrow()),
        lint_batch(frame.to_arrow().to_batches()[0]),
    ]
    assert all(o.schema == pl.Schema(FINDINGS_SCHEMA) for o in out)
    assert out[0].equals(out[1]) and out[0].equals(out[2])
    assert {("DT201", 3), ("DT202", 4)} <= set(out[0].select("rule", "row").iter_rows())


def test_lint_batch_offset_numbers_rows_catalogue_wide() -> None:
    frame = pl.DataFrame({"sku": ["A1", None], "title": ["Mug", "Cup"]})
    assert lint_batch(frame, offset=1000).filter(pl.col("rule") == "DT202")["row"].to_list() == [
        1003
    ]


def test_lint_batch_skips_catalogue_rules_two_phase_finds_them() -> None:
    a = pl.DataFrame({"sku": ["A1", "DUP"], "title": ["Mug", "Cup"]})
    b = pl.DataFrame({"sku": ["B1", "dup "], "title": ["Bowl", "Plate"]})
    cfg = make_config()
    assert "DT203" not in lint_batch(pl.concat([a, b]), cfg)["rule"].to_list()
    partials = [catalog_partials(a, cfg), catalog_partials(b, cfg, offset=2)]
    merged = merge_catalog_partials(partials, cfg, columns={"sku": "sku"})
    assert merged.select("rule", "row", "column").rows() == [("DT203", 5, "sku")]
    whole = listlint.lint(pl.concat([a, b]), config=cfg).findings
    assert [(f.rule, f.row, f.message) for f in whole if f.rule == "DT203"] == list(
        merged.select("rule", "row", "message").iter_rows()
    )


def test_ruleset_is_built_once_per_process_and_config() -> None:
    cfg = make_config(select=["DT"])
    first = cached_ruleset(cfg)
    builds = BUILDS["count"]
    assert cached_ruleset(make_config(select=["DT"])) is first
    assert BUILDS["count"] == builds
    assert cached_ruleset(make_config(select=["DT201"])) is not first


def test_partition_spec_pickles_with_its_policy_data() -> None:
    import pickle

    spec = P.PartitionSpec.build(H.config(), ["sku", "title"], "x.parquet", 3)
    again = pickle.loads(pickle.dumps(spec))
    assert again == spec and again.key == spec.key
    assert [p.name for p in again.policies] == [p.name for p in spec.policies]


def test_case_catalogue_in_parts_equals_single_run() -> None:
    wire = _check(H.case_catalogue(), parts=5)
    stats = P.wire_stats(wire)
    assert stats.height == 5 and stats["__records"].sum() == H.case_catalogue().height


@pytest.mark.parametrize("parts", [2, 7])
def test_synthetic_catalogue_in_parts_equals_single_run(parts: int) -> None:
    frame = H.synthetic(3_000)
    wire = _check(frame, parts=parts)
    found = P.wire_findings(wire)
    assert found.filter(pl.col("rule") == "DT203").height >= 25  # far-apart duplicates
    inherited = pl.col("sku").str.starts_with("PARENT") & (pl.col("rule") == "DT201")
    assert found.filter(inherited).is_empty()  # variants took the parent's title


@pytest.mark.parametrize("name", ["shopify_variants.csv", "woocommerce_variations.csv"])
def test_variant_groups_split_across_parts_stay_whole(name: str) -> None:
    """Inherited titles and folded image rows need whole groups: one row per part."""
    frame = H.raw_fixture(name)
    _check(frame, parts=frame.height)


def test_blank_rows_keep_their_row_numbers() -> None:
    frame = pl.DataFrame(
        {"sku": ["A1", None, "A1", None], "title": ["Mug", None, None, "Cup"]},
        schema={"sku": pl.Utf8, "title": pl.Utf8},
    )
    wire = _check(frame, parts=4)
    assert P.wire_stats(wire)["__records"].sum() == 3
