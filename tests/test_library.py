"""The library's rough edges (issue 22): severities as strings or enums alike,
``fail_on``, documented options, row numbers, LazyFrames, short reprs and help."""

from __future__ import annotations

import pydoc
from pathlib import Path

import pandas as pd
import polars as pl
import pytest

import listlint
from listlint import Config, Finding, Report, Severity
from listlint.api import make_config
from listlint.batchapi import lint_batch
from listlint.errors import ConfigError

#: one error (PR101); and a listing with a warning only (SP305, promotional wording)
RECORDS = [
    {"sku": "A1", "title": "Ceramic mug"},
    {"sku": "B2", "title": "Kratom capsules"},
]
WARNING_ONLY = [{"sku": "C3", "title": "100% cotton tee - best seller"}]

LEVELS = ["info", "warning", "error"]


def _as(kind: str, level: str) -> str | Severity:
    return {"str": level, "upper": level.upper(), "enum": Severity(level)}[kind]


@pytest.mark.parametrize("kind", ["str", "upper", "enum"])
def test_severity_orders_strings_like_members(kind: str) -> None:
    for i, low in enumerate(LEVELS):
        for j, high in enumerate(LEVELS):
            a, b = Severity(low), _as(kind, high)
            assert (a >= b) == (i >= j) and (a > b) == (i > j)
            assert (a <= b) == (i <= j) and (a < b) == (i < j)
            assert (b >= a) == (j >= i) and (b < a) == (j < i)  # reflected
    assert sorted([Severity.ERROR, "info", Severity.WARNING]) == ["info", "warning", "error"]
    with pytest.raises(ValueError, match="unknown severity 'fatal'"):
        assert Severity.ERROR >= "fatal"


@pytest.mark.parametrize("kind", ["str", "upper", "enum"])
def test_exit_code_takes_strings_and_enums(kind: str) -> None:
    """``exit_code("warning")`` returned 0 for a report with errors."""
    report = listlint.lint(RECORDS)
    assert report.worst() == Severity.ERROR
    for level in LEVELS:
        assert report.exit_code(_as(kind, level)) == 1
    warned = listlint.lint(WARNING_ONLY)
    assert warned.worst() == Severity.WARNING
    assert [warned.exit_code(_as(kind, lv)) for lv in LEVELS] == [1, 1, 0]
    assert Report().exit_code(_as(kind, "info")) == 0


@pytest.mark.parametrize("kind", ["str", "upper", "enum"])
def test_fail_on_is_kept_by_the_report(kind: str) -> None:
    """``lint(..., fail_on=...)`` was accepted and ignored."""
    warned = listlint.lint(WARNING_ONLY, fail_on=_as(kind, "warning"))
    assert warned.fail_on == Severity.WARNING and warned.exit_code() == 1
    assert listlint.lint(WARNING_ONLY).exit_code() == 0  # default: error
    assert listlint.lint(WARNING_ONLY, fail_on=_as(kind, "error")).exit_code() == 0
    cfg = Config(fail_on=_as(kind, "info"))  # type: ignore[arg-type]
    assert listlint.lint(WARNING_ONLY, config=cfg).exit_code() == 1


def test_bad_fail_on_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="fail_on"):
        listlint.lint(RECORDS, fail_on="fatal")


@pytest.mark.parametrize("kind", ["str", "upper", "enum"])
def test_other_public_severity_arguments(kind: str) -> None:
    raised = listlint.lint(WARNING_ONLY, severity={"SP305": _as(kind, "error")})
    assert {f.severity for f in raised.findings if f.rule == "SP305"} == {Severity.ERROR}
    f = Finding(rule="X1", name="x", group="data", severity=_as(kind, "error"), message="m")  # type: ignore[arg-type]
    assert f.severity is Severity.ERROR and f.to_dict()["severity"] == "error"
    assert make_config(fail_on=_as(kind, "warning")).fail_on is Severity.WARNING
    frame = lint_batch(pl.DataFrame(RECORDS), make_config(severity={"PR": _as(kind, "info")}))
    assert set(frame.filter(pl.col("rule") == "PR101")["severity"]) == {"info"}


@pytest.mark.parametrize("how", ["str", "list"])
def test_list_arguments_take_strings_or_lists(how: str) -> None:
    as_list = listlint.lint(RECORDS, select=["PR", "HC"], policy=["base"])
    given = (
        listlint.lint(RECORDS, select="PR,HC", policy="base")
        if how == "str"
        else listlint.lint(RECORDS, select=("PR", "HC"), policy=("base",))
    )
    assert given.model_dump() == as_list.model_dump()


def test_help_of_lint_documents_the_options() -> None:
    text = pydoc.render_doc(listlint.lint, renderer=pydoc.plaintext)
    for option in ("fail_on", "severity", "columns", "ignore_file", "baseline", "batch_size"):
        assert option in text
    assert "row 2" in text


def test_row_numbers_are_the_same_for_every_source() -> None:
    """A list of dicts numbered from 1 and a DataFrame from 2; both count the header."""
    from_dicts = listlint.lint(RECORDS).findings
    from_polars = listlint.lint(pl.DataFrame(RECORDS)).findings
    from_pandas = listlint.lint(pd.DataFrame(RECORDS)).findings
    rows = [f.row for f in from_dicts]
    assert rows and set(rows) == {3}  # the second record, under a header row
    assert [f.row for f in from_polars] == rows == [f.row for f in from_pandas]


def test_lazyframe_is_linted_batch_by_batch(tmp_path: Path) -> None:
    """A LazyFrame was refused ("cannot read a table from LazyFrame")."""
    frame = pl.DataFrame(
        {
            "sku": ["A1", "B2", "A1", "C3"] * 5,
            "title": ["Kratom capsules", "Mug", "Cup", "Fat burner keto pills"] * 5,
            "price": [1.5, 2.0, 1e-05, None] * 5,  # non-text cells read as str() does
        }
    )
    path = tmp_path / "c.parquet"
    frame.write_parquet(path)
    whole = listlint.lint(frame, select=["ALL"])
    assert any(f.rule == "DT203" for f in whole.findings)  # duplicates across batches
    for batch_size in (3, 100):
        lazy = listlint.lint(pl.scan_parquet(path), select=["ALL"], batch_size=batch_size)
        assert lazy.model_dump() == whole.model_dump()
    assert not lint_batch(pl.DataFrame(RECORDS).lazy()).is_empty()


def test_lazyframe_with_variant_groups_equals_the_frame() -> None:
    from tests import scale_helpers as H

    frame = H.raw_fixture("shopify_variants.csv")
    lazy = listlint.lint(frame.lazy(), config=H.config(), batch_size=2)
    assert lazy.model_dump() == listlint.lint(frame, config=H.config()).model_dump()


def test_catalog_repr_is_short_and_format_is_right(tmp_path: Path) -> None:
    csv, tsv = tmp_path / "c.csv", tmp_path / "c.tsv"
    csv.write_text("sku,title\n" + "".join(f"S{i},Mug {i}\n" for i in range(500)))
    tsv.write_text("sku\ttitle\nA1\tMug\n")
    catalog = listlint.load(csv)
    text = repr(catalog)
    assert len(text) < 300 and "\n" not in text and "records=500" in text, text
    assert catalog.format == "csv" and listlint.load(tsv).format == "tsv"


@pytest.mark.parametrize("model", [Report, Finding])
def test_help_of_the_models_is_their_own(model: type) -> None:
    text = pydoc.render_doc(model, renderer=pydoc.plaintext)
    assert len(text.splitlines()) < 80, len(text.splitlines())
    assert "model_dump_json" not in text  # pydantic's inherited API is not listed
    assert "severity" in text and "to_dict" in text
    # pydantic's API still works and is listed for instances (editors complete from those)
    instance = (
        model()
        if model is Report
        else model(rule="X1", name="x", group="data", severity="info", message="m")
    )
    assert "model_dump" in dir(instance) and model.model_validate(instance.model_dump()) == instance
