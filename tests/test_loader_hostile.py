"""Issue 21, loader side: what each hostile input must read as, not only that the CLI
survives it (tests/test_hostile.py runs them all through the CLI for exit codes, time
and memory). Inputs come from tests/hostile_files.py."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import polars as pl
import pytest

from listlint.catalog import MAX_ISSUES_PER_KIND
from listlint.config import Limits
from listlint.errors import InputError
from listlint.loader import load, stream, xlsxgrid
from tests import hostile_files as hf


def _load(tmp_path: Path, name: str, data: bytes, **kw):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(data)
    return load(path, **kw)


def _kinds(cat) -> list[tuple[str, int | None]]:  # type: ignore[no-untyped-def]
    return [(i.kind, i.row) for i in cat.issues]


# --- H1: a far-away cell -------------------------------------------------------------


@pytest.mark.parametrize("ref", ["XFD1048576", "XFD6000", "N1048576"])
def test_far_cell_is_a_ragged_value_not_a_dense_grid(tmp_path: Path, ref: str) -> None:
    start = time.perf_counter()
    cat = _load(tmp_path, "far.xlsx", hf.far_cell_xlsx(ref))
    assert time.perf_counter() - start < 10
    row = int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    # the product is read, the far value is reported at its own sheet row, and a row
    # holding only that value is no listing (no "no title" noise)
    assert cat.frame["sku"].to_list() == ["A1"]
    assert cat.records == 2
    assert [(i.kind, i.row, i.match) for i in cat.issues] == [("ragged-row", row, "x")]


def test_a_far_cell_under_the_header_keeps_its_row_number(tmp_path: Path) -> None:
    body = (
        hf.inline_row(1, ["sku", "title"])
        + hf.inline_row(2, ["A1", "Mug"])
        + '<row r="900000"><c r="A900000" t="inlineStr"><is><t>K9</t></is></c>'
        '<c r="B900000" t="inlineStr"><is><t>Kratom capsules</t></is></c></row>'
    )
    cat = _load(tmp_path, "tall.xlsx", hf.xlsx_with({"xl/worksheets/sheet1.xml": hf.sheet(body)}))
    assert cat.frame.select("_row", "sku").rows() == [(2, "A1"), (900000, "K9")]


def test_plain_sheets_are_not_compacted() -> None:
    normal = hf.sheet(
        '<dimension ref="A1:C3"/>' * 0
        + "".join(hf.inline_row(i, ["a", "b", "c"]) for i in range(1, 4))
    ).encode()
    assert not xlsxgrid.needs_compaction(normal)
    claimed = b'<worksheet><dimension ref="A1:B2"/><sheetData>' + normal[-200:]
    assert xlsxgrid.claimed_extent(claimed)[0] >= 2
    for ref in ("XFD1048576", "B3", "C2"):  # beyond the claimed A1:B2
        xml = (
            b'<worksheet><dimension ref="A1:B2"/><sheetData><row r="1"><c r="A1"><v>1</v></c>'
            b'</row><row r="2"><c r="%s"><v>2</v></c></row></sheetData></worksheet>' % ref.encode()
        )
        assert xlsxgrid.needs_compaction(xml), ref


def test_cells_without_a_reference_are_placed_as_the_reader_places_them() -> None:
    xml = (
        b'<worksheet><sheetData><row r="3"><c t="inlineStr"><is><t>a</t></is></c><c r="E3">'
        b"<v>1</v></c><c><v>2</v></c></row></sheetData></worksheet>"
    )
    assert xlsxgrid.needs_compaction(xml)  # a cell without r: the scan cannot bound it
    done = xlsxgrid.compact(xml, "S", "f.xlsx", 100)
    assert done.placement.rows == [3]
    assert b'r="A1"' in done.xml and b'r="B1"' in done.xml and b'r="C1"' in done.xml


def test_a_diagonal_sheet_is_refused_in_one_line(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(xlsxgrid, "DENSE_CELLS", 1000)
    monkeypatch.setattr(xlsxgrid, "GRID_CELLS", 100)
    cells = "".join(
        f'<row r="{i * 1000}"><c r="{xlsxgrid.column_letters(i)}{i * 1000}"><v>1</v></c></row>'
        for i in range(1, 30)
    )
    body = hf.inline_row(1, ["sku", "title"]) + cells
    with pytest.raises(InputError, match="too sparse"):
        _load(tmp_path, "diag.xlsx", hf.xlsx_with({"xl/worksheets/sheet1.xml": hf.sheet(body)}))


def test_column_letters_round_trip() -> None:
    for n in (1, 26, 27, 702, 703, 16384):
        assert xlsxgrid.column_number(xlsxgrid.column_letters(n)) == n


# --- M11: thousands of sheets ------------------------------------------------------------


def test_many_sheets_load_as_one_table_with_their_sheet_names(tmp_path: Path) -> None:
    start = time.perf_counter()
    cat = _load(tmp_path, "sheets.xlsx", hf.many_sheets_xlsx(1500))
    assert time.perf_counter() - start < 20  # 1,500 tables took ~11 s, built one by one
    assert cat.records == 1500 and cat.frame.height == 1500
    assert cat.frame.select("_sheet", "sku").row(1499) == ("S1499", "S1499")
    assert len(cat.sheets) == 1500


def test_sheets_read_as_one_table_keep_their_variant_groups_apart(tmp_path: Path) -> None:
    """Two sheets of one Shopify layout, each with a product of handle "tee": the second
    sheet's variant must not inherit the first sheet's title."""
    header = ["Handle", "Title", "Body (HTML)", "Variant SKU", "Variant Price"]
    parts = {}
    for i, rows in enumerate(
        [
            [header, ["tee", "Cotton tee", "Soft", "T1", "9"], ["tee", "", "", "T2", "9"]],
            [header, ["tee", "", "", "T3", "9"]],
        ]
    ):
        parts[f"xl/worksheets/s{i}.xml"] = hf.sheet(
            "".join(hf.inline_row(r, c) for r, c in enumerate(rows, 1))
        )
    wb = hf.xlsx_with(
        {
            "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{hf._NS}" xmlns:r="{hf._REL}">'
            '<sheets><sheet name="A" sheetId="1" r:id="rId1"/><sheet name="B" sheetId="2" r:id="rId2"/>'
            "</sheets></workbook>",
            "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{hf._PKG}">'
            f'<Relationship Id="rId1" Type="{hf._REL}/worksheet" Target="worksheets/s0.xml"/>'
            f'<Relationship Id="rId2" Type="{hf._REL}/worksheet" Target="worksheets/s1.xml"/>'
            "</Relationships>",
            **parts,
        }
    )
    cat = _load(tmp_path, "two.xlsx", wb)
    assert cat.frame.select("_sheet", "sku", "title").rows() == [
        ("A", "T1", "Cotton tee"),
        ("A", "T2", "Cotton tee"),
        ("B", "T3", None),
    ]


# --- M4: rows silently dropped -------------------------------------------------------------


def test_a_decoy_header_row_does_not_hide_the_products_above_it(tmp_path: Path) -> None:
    cat = _load(tmp_path, "decoy.xlsx", hf.decoy_header_xlsx())
    assert cat.frame["sku"].to_list() == ["K1", "K2", "A3", "A4"]
    assert cat.records == 4
    assert ("skipped-row", 5) in _kinds(cat)


def test_a_first_product_with_parentheses_is_a_product(tmp_path: Path) -> None:
    cat = _load(tmp_path, "paren.xlsx", hf.paren_first_row_xlsx())
    assert cat.frame["sku"].to_list() == ["K1 (new)", "A2"]
    legit = hf._xlsx_rows(["sku", "title", "size"], ["TEE-1 (M)", "Cotton tee (M)", "M (38)"])
    assert _load(tmp_path, "legit.xlsx", legit).records == 1


def test_every_skipped_row_is_reported(tmp_path: Path) -> None:
    data = hf._xlsx_rows(
        ["Acme upload template"],
        ["sku", "title", "price"],
        ["A1", "Mug", "5"],
        ["sku", "title", "price"],
        ["A2", "Cup", "4"],
    )
    cat = _load(tmp_path, "t.xlsx", data)
    assert cat.frame["sku"].to_list() == ["A1", "A2"]
    assert _kinds(cat) == [("skipped-row", 1), ("skipped-row", 4)]


# --- M5: one stray byte ----------------------------------------------------------------------


def test_one_stray_byte_keeps_the_rest_utf8_and_is_reported(tmp_path: Path) -> None:
    cat = _load(tmp_path, "stray.csv", hf.stray_byte_csv())
    titles = dict(cat.frame.select("sku", "title").rows())
    assert titles["Z1"] == "高仿 Rolex Submariner watch"
    assert titles["Z9"] == "Café mug"
    assert _kinds(cat) == [("encoding-fallback", 3003)]


def test_a_legacy_cp1252_file_reads_as_before_without_notes(tmp_path: Path) -> None:
    data = "sku,title\nA1,“Café” mug – 250 ml\n".encode("cp1252") + b"A2,caf\x81\n"
    cat = _load(tmp_path, "cp.csv", data)
    assert cat.frame["title"].to_list() == ["“Café” mug – 250 ml", "caf\x81"]
    assert not cat.issues


def test_utf16_with_a_lone_surrogate_is_read(tmp_path: Path) -> None:
    data = "sku,title\nA1,Mug\n".encode("utf-16-le") + b"\x00\xd8" + ",x\n".encode("utf-16-le")
    cat = _load(tmp_path, "u16.csv", b"\xff\xfe" + data)
    assert cat.frame["sku"].to_list()[0] == "A1"


# --- L7: refused for nothing -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (b"[SKU],[Title]\nK1,Kratom capsules\n", "title"),
        (b"{SKU},{Title}\nK1,Kratom capsules\n", "title"),
        (b"GTIN\n" + b"\n".join(b"%d" % (4006381333931 + 10 * i) for i in range(40)), "gtin"),
    ],
)
def test_bracketed_headers_and_a_gtin_list_are_catalogues(
    tmp_path: Path, data: bytes, field: str
) -> None:
    cat = _load(tmp_path, "x.csv", data)
    assert field in cat.columns and cat.records >= 1


# --- H4 and L10: JSON ----------------------------------------------------------------------------


def test_rare_json_keys_are_folded_not_a_records_by_keys_table(tmp_path: Path) -> None:
    start = time.perf_counter()
    cat = _load(tmp_path, "keys.json", hf.json_distinct_keys(16_000))
    assert time.perf_counter() - start < 10
    assert cat.records == 16_000
    assert [c for c in cat.frame.columns if c.startswith("attr:")] == ["attr:other keys"]
    assert cat.frame["attr:other keys"][5] == "k5: v"


def test_json_known_fields_are_never_folded(tmp_path: Path, monkeypatch) -> None:
    from listlint.loader import jsonrecords

    monkeypatch.setattr(jsonrecords, "DENSE_CELLS", 10)
    rows = [{"sku": f"S{i}", f"k{i}": "v"} for i in range(20)] + [{"sku": "T", "title": "Mug"}]
    cat = _load(tmp_path, "k.json", json.dumps(rows).encode())
    assert "title" in cat.frame.columns and "attr:other keys" in cat.frame.columns


def test_json_issues_are_capped_and_records_still_counted(tmp_path: Path) -> None:
    cat = _load(tmp_path, "nulls.json", hf.json_nulls(5000))
    assert cat.records == 5001
    bad = [i for i in cat.issues if i.kind == "bad-record"]
    assert len(bad) == 101 and bad[-1].message.startswith("4,900 more")


def test_table_in_json_checks_its_headers_before_its_rows(tmp_path: Path) -> None:
    start = time.perf_counter()
    with pytest.raises(InputError, match="max_columns"):
        _load(tmp_path, "t.json", hf.json_table_quadratic())
    assert time.perf_counter() - start < 5  # 53 s before: rows built first


def test_empty_variants_are_no_rows(tmp_path: Path) -> None:
    cat = _load(tmp_path, "v.json", hf.json_variant_explosion())
    assert cat.records == 1 and cat.frame.height == 1


def test_duplicate_json_keys_are_a_finding_quoting_the_hidden_value(tmp_path: Path) -> None:
    data = b'[{"sku":"A1","title":"Kratom capsules","title":"Herbal tea"}, {"sku":"A2"}]'
    cat = _load(tmp_path, "d.json", data)
    assert cat.frame["title"].to_list() == ["Herbal tea", None]
    [dup] = [i for i in cat.issues if i.kind == "duplicate-key"]
    assert (dup.row, dup.match) == (1, "Kratom capsules")
    lines = _load(tmp_path, "d.jsonl", b'{"sku":"A1","p":{"x":1,"x":2}}\n{"sku":"A2"}\n')
    assert [(i.kind, i.row) for i in lines.issues] == [("duplicate-key", 1)]


def test_json_numbers_and_escapes_that_python_refuses_are_findings(tmp_path: Path) -> None:
    big = b'{"sku":"A1","price":' + b"9" * 5000 + b"}\n"
    cat = _load(tmp_path, "n.jsonl", big + b'{"sku":"A2","title":"\\ud800 mug"}\n')
    assert cat.records == 2 and _kinds(cat) == [("bad-record", 1)]
    assert cat.frame["title"].to_list() == ["\ufffd mug"]
    with pytest.raises(InputError, match="unreadable JSON"):
        _load(tmp_path, "n.json", b"[" + big.strip() + b"]")


# --- H5 and M8: Parquet -----------------------------------------------------------------------


def test_a_parquet_bomb_is_refused_from_its_footer(tmp_path: Path) -> None:
    start = time.perf_counter()
    with pytest.raises(InputError, match="expands"):
        _load(tmp_path, "bomb.parquet", hf.parquet_bomb())
    assert time.perf_counter() - start < 5


def test_parquet_list_duration_and_struct_columns_are_text(tmp_path: Path) -> None:
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "sku": ["A1"],
            "title": ["Kratom capsules"],
            "tags": pa.array([["herbal", "tea"]]),
            "lead": pa.array([dt.timedelta(days=2)], type=pa.duration("s")),
            "dims": pa.array([{"w": 1, "h": 2}]),
        }
    )
    path = tmp_path / "t.parquet"
    pq.write_table(table, path)
    cat = load(path)
    row = cat.frame.row(0, named=True)
    assert row["tags"] == "herbal\ntea"
    assert row["attr:lead"] == "2 days, 0:00:00"
    assert json.loads(row["attr:dims"]) == {"w": 1, "h": 2}


def test_max_columns_applies_to_parquet_and_frames(tmp_path: Path) -> None:
    from listlint.loader import from_frame

    with pytest.raises(InputError, match="max_columns"):
        _load(tmp_path, "w.parquet", hf.parquet_wide(300), limits=Limits(max_columns=100))
    with pytest.raises(InputError, match="max_columns"):
        from_frame(
            pl.DataFrame({f"c{i}": ["v"] for i in range(300)}), limits=Limits(max_columns=100)
        )


def test_parquet_streamed_by_row_groups_reads_as_the_whole_file(
    tmp_path: Path, monkeypatch
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from listlint.loader import parquet

    n = 30
    table = pa.table(
        {
            "sku": [f"S{i}" for i in range(n)],
            "title": ["Kratom capsules" if i == 7 else f"Mug {i}" for i in range(n)],
            "item_group_id": [f"G{i // 4}" for i in range(n)],
            "tags": pa.array([["a", str(i)] for i in range(n)]),
        }
    )
    path = tmp_path / "s.parquet"
    pq.write_table(table, path, row_group_size=7)
    whole = load(path)
    monkeypatch.setattr(parquet, "STREAM_BYTES", 0)
    monkeypatch.setattr(parquet, "BATCH_ROWS", 5)
    streamed = load(path)
    assert getattr(streamed, "streaming", False)
    frames = [b.frame for b in streamed.batches(8)]
    assert pl.concat(frames).drop("_rec").equals(whole.frame.drop("_rec"))
    assert streamed.records == whole.records == n


# --- M9: Python's csv field limit on the streaming path ---------------------------------------


def test_streamed_block_with_a_huge_cell_and_an_open_quote(tmp_path: Path, monkeypatch) -> None:
    from listlint.loader import blocks

    path = tmp_path / "q.csv"
    path.write_bytes(
        b'sku,title,description\nA1,Mug,ok\nK1,Kratom,"' + b"x" * 200_000 + b"\nA2,Cup,ok\n"
    )
    monkeypatch.setattr(stream, "STREAM_BYTES", 0)
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 64)
    cat = load(path)  # the csv module's 131,072-character limit ended this in a traceback
    frame = pl.concat([b.frame for b in cat.batches()])
    # the whole-file reader lets the open quote swallow the rest; a block cut forced
    # past MAX_BLOCK_FACTOR blocks may read the row after it (see loader.blocks)
    assert frame["sku"].to_list()[:2] == ["A1", "K1"]
    assert frame["description"].str.len_chars()[1] >= 200_000
    assert [(i.kind, i.row) for i in cat.issues] == [("unterminated-quote", 3)]


# --- caps on loader issues --------------------------------------------------------------------


def test_loader_issues_are_capped_per_kind(tmp_path: Path) -> None:
    rows = b"".join(b"A%d,Mug,extra\n" % i for i in range(MAX_ISSUES_PER_KIND + 50))
    cat = _load(tmp_path, "r.csv", b"sku,title\n" + rows)
    assert cat.records == MAX_ISSUES_PER_KIND + 50
    ragged = [i for i in cat.issues if i.kind == "ragged-row"]
    assert len(ragged) == MAX_ISSUES_PER_KIND + 1
    assert ragged[-1].message.startswith("50 more")


def test_lying_zip_parts_are_refused_naming_the_declared_size(tmp_path: Path) -> None:
    data = hf.lying_zip()
    with pytest.raises(InputError, match="declared"):
        _load(tmp_path, "lying.xlsx", data)
    assert zipfile.ZipFile(io.BytesIO(data)).namelist()


# --- M11: JSON Lines read line by line --------------------------------------------------------


def test_jsonl_lines_that_are_not_utf8_are_read_and_noted(tmp_path: Path) -> None:
    data = (
        b'\xef\xbb\xbf{"sku": "A1", "title": "\xe9\xab\x98\xe4\xbb\xbf watch"}\n'
        b'{"sku": "A2", "title": "Caf\xe9 mug"}\n\n'
        b'{"sku": "A3", "title": "Tee"}\n'
    )
    cat = _load(tmp_path, "l.jsonl", data)
    assert cat.frame["title"].to_list() == ["高仿 watch", "Café mug", "Tee"]
    assert cat.frame["_row"].to_list() == [1, 2, 4]
    assert _kinds(cat) == [("encoding-fallback", 2)]


@pytest.mark.slow
def test_jsonl_memory_stays_near_the_file_size(tmp_path: Path) -> None:
    """~10x the file before (87 MB -> 842 MB); now rows become frames as they are read."""
    import subprocess
    import sys

    path = tmp_path / "big.jsonl"
    line = {
        "sku": "",
        "title": "Soft cotton tee",
        "description": "Everyday tee " * 20,
        "price": "19.99",
        "brand": "Acme",
        "size": "M",
        "color": "Black",
    }
    with path.open("w", encoding="utf-8") as fh:
        for i in range(60_000):
            fh.write(json.dumps(line | {"sku": f"S{i}"}) + "\n")
    size_mb = path.stat().st_size / 1e6
    code = (
        "import sys; from listlint.loader import load; c = load(sys.argv[1]); "
        "print(c.records, [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0])"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    records, hwm = out.stdout.split(maxsplit=1)
    assert int(records) == 60_000
    peak_mb = int(hwm.split()[1]) / 1024
    assert peak_mb < 120 + 3 * size_mb, (peak_mb, size_mb)  # main: 265 MB for 23 MB


def test_a_long_cell_near_the_header_is_not_scored_as_a_header_name(monkeypatch) -> None:
    # a 5 MB description in the first rows was normalised and accent-folded character by
    # character for every header guess: 11.6 s to load a 10 KB workbook (5 ms now)
    from listlint.loader import headerrow

    known = headerrow.known_headers()
    seen: list[int] = []
    normalise = headerrow.normalise_header

    def spy(text: str) -> tuple[str, str | None]:
        seen.append(len(text))
        return normalise(text)

    monkeypatch.setattr(headerrow, "normalise_header", spy)
    assert headerrow.header_score(["sku", "title", "x" * 100_000], known) == 2
    assert seen == [3, 5]  # the long cell was never normalised (nor folded)
