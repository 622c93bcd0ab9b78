"""The measures family's columnar paths: the unit error behind an implausible weight
(checked against its definition), the MS201/MS202 wording, product types."""

from __future__ import annotations

import math

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

import listlint
from listlint.rules.measures.explain import _CONFUSED, _MASS_CANDIDATES, weight_unit_error_frame
from listlint.units import MASS_TO_KG, columns

_UNITS = st.sampled_from([*MASS_TO_KG, "cm", None])
_KG = st.floats(min_value=1e-7, max_value=1e6, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(_KG, _UNITS, _KG, st.floats(min_value=1.0, max_value=1e4), _KG),
        min_size=1,
        max_size=40,
    )
)
def test_unit_error_is_the_confused_unit_closest_to_typical(rows: list) -> None:
    """Checked against the definition, row by row: a unit sellers confuse with the one
    written, whose corrected weight lies in the band, closest to the typical weight."""
    frame = pl.DataFrame(
        [(kg, unit, lo, lo * span, typical) for kg, unit, lo, span, typical in rows],
        schema={
            "kg": pl.Float64,
            "written": pl.Utf8,
            "lo": pl.Float64,
            "hi": pl.Float64,
            "typical": pl.Float64,
        },
        orient="row",
    )
    out = weight_unit_error_frame(frame)
    for r in out.iter_rows(named=True):
        fitting = []
        for meant in _MASS_CANDIDATES:
            if r["written"] not in MASS_TO_KG or frozenset((meant, r["written"])) not in _CONFUSED:
                continue
            factor = MASS_TO_KG[meant] / MASS_TO_KG[r["written"]]
            if r["kg"] > 0 and r["lo"] <= r["kg"] * factor <= r["hi"]:
                fitting.append((abs(math.log(r["kg"] * factor / r["typical"])), meant, factor))
        if not fitting:
            assert r["meant"] is None, r
            continue
        best = min(fitting, key=lambda f: f[0])  # min keeps the first of equal distances
        assert (r["meant"], r["factor"]) == (best[1], best[2]), r


def test_unit_error_prefers_the_value_closest_to_typical() -> None:
    # 3 lb for a 3 oz item: ounces written as pounds (x16), not grams (x453)
    frame = pl.DataFrame(
        {"kg": [3 * MASS_TO_KG["lb"]], "written": ["lb"], "lo": [0.001], "hi": [1.0]}
    ).with_columns(pl.lit(0.08).alias("typical"))
    assert weight_unit_error_frame(frame)["meant"].to_list() == ["oz"]


def test_weight_messages_quote_band_and_correction() -> None:
    rows = [
        {"sku": "A", "title": "Organic Cotton Crew T-Shirt", "weight": "180 kg"},
        {"sku": "B", "title": "3 Seater Velvet Sofa", "weight": "0.5 kg"},
        {"sku": "C", "title": "Organic Cotton Crew T-Shirt", "weight": "O'Neil 2 lb 4 oz"},
    ]
    found = {f.sku: f for f in listlint.lint(rows, select=["MS201", "MS202"]).findings}
    assert found["A"].rule == "MS201"
    assert found["A"].message == (
        "'180 kg' for 't-shirt': a t-shirt usually weighs 80 g–0.4 kg packed, "
        "so this looks like grams written as kilograms (off by x1,000)"
    )
    assert found["A"].suggestion == "did you mean 180 g? (= 0.18 kg)"
    assert found["B"].rule == "MS202"
    assert found["B"].message.startswith("'0.5 kg' is light for 'sofa': ")
    assert "C" not in found  # unreadable, reported by MS101 instead


def test_repeated_titles_are_typed_as_when_each_is_read() -> None:
    from listlint.rules.measures.types import type_index

    from .test_measures import TITLES

    index = type_index()
    # every title three times (variants): the distinct-title path
    titles = [t for t in TITLES for _ in range(3)]
    n = len(titles)
    category = ["Apparel > Shirts" if i % 4 == 0 else None for i in range(n)]
    handle = ["sofa-covers" if i % 5 == 0 else None for i in range(n)]

    def typed(rows: list) -> pl.DataFrame:
        return index.classify_frame(
            pl.Series([titles[i] for i in rows], dtype=pl.Utf8),
            pl.Series([None] * len(rows), dtype=pl.Utf8),
            pl.Series([category[i] for i in rows], dtype=pl.Utf8),
            pl.Series([handle[i] for i in rows], dtype=pl.Utf8),
        )

    together = typed(list(range(n)))
    one_by_one = pl.concat([typed([i]) for i in range(n)])
    assert together.equals(one_by_one)


_CELLS = st.sampled_from(
    [
        "0.25 kg",
        "250 g",
        "250g",
        "12.5",
        "1,5 kg",
        "1 lb 4 oz",
        "重量58g",
        "N/A",
        "0",
        "-2 kg",
        None,
    ]
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(_CELLS, min_size=1, max_size=12),
    st.sampled_from([None, "g", "lb"]),
    st.sampled_from([None, "cm", "in"]),
)
def test_repeated_cells_read_as_each_cell_alone(
    cells: list, mass_unit: str | None, length_unit: str | None
) -> None:
    # three copies of each cell: the distinct-cell path; one cell at a time: the direct one
    for read, unit in ((columns.weight_kg, mass_unit), (columns.length_cm, length_unit)):
        together = read(pl.Series(cells * 3, dtype=pl.Utf8), unit).to_list()
        alone = [read(pl.Series([c], dtype=pl.Utf8), unit)[0] for c in cells * 3]
        assert together == alone


def _outliers_unpruned(frame: pl.DataFrame, min_n: int, min_ratio: float, min_z: float) -> list:
    """Median/MAD over every group, as the definition reads (no group skipped)."""
    import math

    from listlint.rules.measures.outliers import MAD_FLOOR

    found = []
    groups: dict = {}
    for r in frame.iter_rows(named=True):
        groups.setdefault(r["key"], []).append(r)
    for rows in groups.values():
        logs = [math.log10(r["kg"]) for r in rows]
        med = pl.Series(logs).median()
        devs = [abs(x - med) for x in logs]
        mad = pl.Series(devs).median()
        for r, dev in zip(rows, devs, strict=True):
            z = dev / (1.4826 * max(mad, MAD_FLOOR))
            if len(rows) >= min_n and dev >= math.log10(min_ratio) and z >= min_z and not r["skip"]:
                found.append(r["id"])
    return sorted(found)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 6),
            st.sampled_from([0.18, 0.19, 0.2, 0.5, 1.0, 180.0, 0.0002, 3.0]),
            st.booleans(),
        ),
        min_size=1,
        max_size=60,
    ),
    st.sampled_from([(3, 3.0, 3.5), (8, 50.0, 5.0), (2, 1.5, 1.0)]),
)
def test_outliers_skip_only_groups_that_cannot_have_one(rows: list, limits: tuple) -> None:
    from listlint.rules.measures.outliers import outliers

    frame = pl.DataFrame(
        [(i, k, kg, skip) for i, (k, kg, skip) in enumerate(rows)],
        schema={"id": pl.Int64, "key": pl.Int64, "kg": pl.Float64, "skip": pl.Boolean},
        orient="row",
    )
    min_n, min_ratio, min_z = limits
    got = outliers(frame, "key", min_n=min_n, min_ratio=min_ratio, min_z=min_z)
    assert sorted(got["id"].to_list()) == _outliers_unpruned(frame, min_n, min_ratio, min_z)


def test_unit_column_with_cells_only_the_parser_reads() -> None:
    """A unit column ("Weight Unit") and a cell the columnar path cannot read ("1 lb 4
    oz"): parsed once per distinct cell + unit (this crashed: the key was an expression)."""
    got = columns.weight_kg(
        pl.Series(["1", "1 lb 4 oz", "2", "1 lb 4 oz"]), None, pl.Series(["lb", "lb", "kg", "lb"])
    ).to_list()
    assert got[0] == MASS_TO_KG["lb"] and got[2] == 2.0
    assert got[1] == got[3] == MASS_TO_KG["lb"] + 4 * MASS_TO_KG["oz"]
    report = listlint.lint(
        [
            {"sku": "A", "title": "Mug", "weight": "1 lb 4 oz", "weight unit": "lb"},
            {"sku": "B", "title": "Bowl", "weight": "2", "weight unit": "kg"},
        ]
    )
    assert report.summary.records == 2
