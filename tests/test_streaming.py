"""Big CSVs are read in batches (bounded memory) with exactly the listings, row numbers,
loader notes and findings of the whole-file reader.

The streaming threshold is lowered to 0 bytes here so small files take the streaming
path, and the whole-file reference uses the same columnar polars parser
(``FAST_PATH_BYTES = 0``), whose ragged-row semantics the streaming reader shares.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import listlint
from listlint.loader import blocks, delimited, load, stream
from tests.synthetic import generator


@pytest.fixture
def fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whole-file reference on the polars path; tiny blocks so cuts land everywhere."""
    monkeypatch.setattr(delimited, "FAST_PATH_BYTES", 0)
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 97)


def _whole(path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(stream, "STREAM_BYTES", 10**15)
    catalog = load(path)
    assert not getattr(catalog, "streaming", False)
    return catalog


def _streamed(path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(stream, "STREAM_BYTES", 0)
    catalog = load(path)
    assert getattr(catalog, "streaming", False)
    return catalog


def _same(path: Path, monkeypatch: pytest.MonkeyPatch, size: int) -> list[pl.DataFrame]:
    whole = _whole(path, monkeypatch)
    streamed = _streamed(path, monkeypatch)
    parts = [b.frame for b in streamed.batches(size)]
    joined = pl.concat(parts, how="diagonal_relaxed").select(whole.frame.columns)
    assert joined.equals(whole.frame), (joined, whole.frame)
    assert streamed.records == whole.records
    assert streamed.listings_count == whole.listings_count
    # same notes; the order differs (per batch vs per stage) and reports sort them anyway
    assert sorted((i.row or 0, i.kind, i.match or "") for i in streamed.issues) == sorted(
        (i.row or 0, i.kind, i.match or "") for i in whole.issues
    )
    assert streamed.columns == whole.columns and streamed.profile == whole.profile
    return parts


def test_quirks_blank_lines_crlf_quoted_newlines_ragged(tmp_path, monkeypatch, fast_path) -> None:
    lines = [
        "",
        "sku,title,description,price",
        'A1,Cotton tee,"soft\r\nand warm",9.99',
        "",
        "A2,Linen shirt,plain,12",
        'A3,Mug,"He said ""hi""",x9',
        "A4,Extra,cells,1,surplus,more",
        ",,,",
        "A5,Last,one,3",
    ]
    path = tmp_path / "quirks.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines * 7).encode())
    parts = _same(path, monkeypatch, size=3)
    assert len(parts) > 5


def test_parents_far_from_children_stay_in_one_batch(tmp_path, monkeypatch, fast_path) -> None:
    rows = ["ID,Type,SKU,Parent,Name,Description,Attribute 1 name,Attribute 1 value(s)"]
    rows.append("10,variable,HOODIE,,Fleece Hoodie,Warm fleece,Size,S|M")
    for i in range(40):  # unrelated simple products between parent and children
        rows.append(f"{100 + i},simple,S{i},,Plain mug {i},Ceramic mug,,")
    rows.append("11,variation,HOODIE-S,id:10,,,Size,S")
    rows.append("12,variation,HOODIE-M,HOODIE,,,Size,M")
    path = tmp_path / "woo.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    parts = _same(path, monkeypatch, size=4)
    holding = [p for p in parts if "HOODIE" in (p["sku"].to_list())]
    assert len(holding) == 1 and holding[0].height >= 43  # the whole span, one batch
    child = holding[0].filter(pl.col("sku") == "HOODIE-S")
    assert child["title"].item() == "Fleece Hoodie"  # inherited across 40 rows


def test_groups_without_parent_rows_do_not_hold_batches_open(
    tmp_path, monkeypatch, fast_path
) -> None:
    """Google feeds: item_group_id names a group, no row is its parent. Such a group
    comes out the same however it is cut, so far-apart members never force one batch."""
    rows = ["id,title,item_group_id,weight"]
    rows.append("S0,Tee black S,G1,0.2 kg")
    for i in range(1, 30):
        rows.append(f"S{i},Mug {i},,0.3 kg")
    rows.append("S30,Tee black M,G1,2 kg")
    path = tmp_path / "google.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    parts = _same(path, monkeypatch, size=5)
    assert max(p.height for p in parts) <= 6


def test_shopify_handles_and_image_rows_across_cuts(tmp_path, monkeypatch, fast_path) -> None:
    head = "Handle,Title,Body (HTML),Variant SKU,Option1 Name,Option1 Value,Image Src"
    rows = [head]
    for p in range(12):
        rows.append(f"h{p},Tee {p},<p>Soft tee</p>,T{p}-S,Size,S,http://x/{p}a.jpg")
        rows.append(f"h{p},,,T{p}-M,,M,http://x/{p}b.jpg")
        rows.append(f"h{p},,,,,,http://x/{p}c.jpg")  # image-only row: folds into the product
    path = tmp_path / "shopify.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _same(path, monkeypatch, size=2)


def test_generated_catalogue_lints_identically(tmp_path, monkeypatch, fast_path) -> None:
    generate = generator()
    path = generate.write_csv(2_500, tmp_path / "gen.csv", seed=11)
    _same(path, monkeypatch, size=300)
    monkeypatch.setattr(stream, "STREAM_BYTES", 10**15)
    whole = listlint.lint(path, select=["ALL"], jobs=1, batch_size=300)
    monkeypatch.setattr(stream, "STREAM_BYTES", 0)
    streamed = listlint.lint(path, select=["ALL"], jobs=1, batch_size=300)
    assert streamed.model_dump() == whole.model_dump()
    assert streamed.summary.records == 2_500


def test_suppression_column_read_while_streaming(tmp_path, monkeypatch, fast_path) -> None:
    import json

    from click.testing import CliRunner

    from listlint.cli import main

    def findings(path: Path, threshold: int) -> list[dict]:
        monkeypatch.setattr(stream, "STREAM_BYTES", threshold)
        result = CliRunner().invoke(main, [str(path), "-f", "json", "--isolated"])
        assert result.exit_code in (0, 1), result.output
        return json.loads(result.stdout)["findings"]

    plain = tmp_path / "dup.csv"
    plain.write_text("sku,title\nA1,Cotton tee\nA1,Cotton tee\n", encoding="utf-8")
    assert {f["rule"] for f in findings(plain, 10**15)} == {"DT203"}  # a duplicate SKU
    waived = tmp_path / "waived.csv"
    waived.write_text(
        "sku,title,listlint\n"
        "A1,Cotton tee,ignore DT203: two colours share a SKU until the feed fix\n"
        "A1,Cotton tee,ignore DT203: two colours share a SKU until the feed fix\n",
        encoding="utf-8",
    )
    streamed = findings(waived, 0)
    assert streamed == findings(waived, 10**15)
    assert not [f for f in streamed if f["rule"] == "DT203"]


def test_cp1252_and_stray_bytes_are_streamed_as_the_whole_file_reads_them(
    tmp_path, monkeypatch
) -> None:
    """A big cp1252 file is streamed (it loaded whole: 1.86 GB for 279 MB, issue 21 M11),
    and a UTF-8 file with one stray byte keeps its UTF-8 and reports the line (M5)."""
    legacy = tmp_path / "latin1.csv"
    legacy.write_bytes("sku,title\nA1,Caf\xe9 cr\xe8me mug\nA2,Tee\n".encode("cp1252"))
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes("sku,title\nZ1,高仿 watch\n".encode() + b"Z2,Caf\xe9 mug\n")
    for path, titles, lines in (
        (legacy, ["Café crème mug", "Tee"], []),
        (mixed, ["高仿 watch", "Café mug"], [3]),
    ):
        whole = load(path)
        monkeypatch.setattr(stream, "STREAM_BYTES", 0)
        streamed = load(path)
        monkeypatch.setattr(stream, "STREAM_BYTES", 10**15)
        assert getattr(streamed, "streaming", False) and not getattr(whole, "streaming", False)
        assert streamed.frame["title"].to_list() == whole.frame["title"].to_list() == titles
        for cat in (whole, streamed):
            assert [i.row for i in cat.issues if i.kind == "encoding-fallback"] == lines


def test_utf16_loads_whole(tmp_path, monkeypatch) -> None:
    path = tmp_path / "utf16.csv"
    path.write_bytes("sku,title\nA1,Café mug\n".encode("utf-16"))
    monkeypatch.setattr(stream, "STREAM_BYTES", 0)
    catalog = load(path)
    assert not getattr(catalog, "streaming", False)
    assert catalog.frame["title"].item() == "Café mug"


def test_streamed_catalogue_frame_still_works_for_library_users(tmp_path, monkeypatch) -> None:
    path = tmp_path / "small.csv"
    path.write_text("sku,title\nA1,Mug\nA2,Tee\n", encoding="utf-8")
    catalog = _streamed(path, monkeypatch)
    assert catalog.frame["sku"].to_list() == ["A1", "A2"]
    assert catalog.records == 2 and catalog.listings_count == 2
    assert [b.frame.height for b in catalog.batches(1)] == [1, 1]


@pytest.mark.parametrize(("jobs", "batch_size", "seed"), [(2, 250, 3), (0, 100, 5)])
def test_streamed_file_on_workers_same_report(
    tmp_path, monkeypatch, fast_path, jobs: int, batch_size: int, seed: int
) -> None:
    """Workers normalise streamed chunks themselves; the report is still identical. With
    automatic jobs (``jobs=0``) this process normalises and lints some chunks itself
    (every worker busy), and the chunks' records and issues are still booked in file
    order."""
    from listlint.api import make_config, to_catalogs
    from listlint.engine import RuleSet, lint_catalog
    from listlint.parallel import Runner, workers_for

    if jobs == 0 and workers_for(0, None) < 2:
        pytest.skip("one core: automatic jobs lint in process")
    path = generator().write_csv(1_200, tmp_path / "gen.csv", seed=seed)
    monkeypatch.setattr(stream, "STREAM_BYTES", 0)
    serial_cfg = make_config(select=["ALL"], jobs=1, batch_size=batch_size)
    serial_cat = to_catalogs(str(path), serial_cfg)[0]
    serial = [f.to_dict() for f in lint_catalog(RuleSet.build(serial_cfg), serial_cat)]
    cfg = make_config(select=["ALL"], jobs=jobs, batch_size=batch_size)
    catalog = to_catalogs(str(path), cfg)[0]
    with Runner(RuleSet.build(cfg)) as runner:
        parallel = [f.to_dict() for f in runner.lint(catalog)]
        assert runner.dispatched > (1 if jobs else 0)
        assert (runner.linted_here > 0) == (jobs == 0)
    assert parallel == serial
    assert catalog.records == serial_cat.records == 1_200
    assert catalog.listings_count == serial_cat.listings_count
    assert catalog.issues == serial_cat.issues


@pytest.mark.parametrize(
    ("buf", "cut"),
    [
        (b"a,b\nc,d\ne", 8),
        (b'a,"x\ny",b\nc,d\ne', 14),
        (b'a,b\nc,"x\ny', 4),  # the newline inside quotes is no cut
        (b'a,"x\ny', -1),  # still inside the quoted value
        (b'a,"say ""hi""",b\nc', 17),  # doubled quotes keep the count even
        (b"a,b\n\n\nc", 6),  # never start the next block on a blank line
        (b"a,b\n", -1),  # nothing after the newline yet
    ],
)
def test_block_cuts(buf: bytes, cut: int) -> None:
    assert blocks.find_cut(buf) == cut


def test_blocks_account_for_every_record(tmp_path, monkeypatch) -> None:
    lines = ["sku,title", *[f'S{i},"Tee {i}\nline two"' for i in range(200)], "", "S9,end"]
    path = tmp_path / "multi.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frames = list(blocks.read_blocks(path, ",", 2, block_bytes=100))
    joined = pl.concat(frames)
    whole = pl.read_csv(path.read_bytes(), **delimited.polars_csv_options(",", 2))
    assert len(frames) > 10
    assert joined["__n"].to_list() == list(range(1, whole.height + 1))
    assert joined.drop("__n").equals(whole)


def test_broken_quoting_still_streams_in_bounded_blocks(tmp_path) -> None:
    """A stray quote (12" ruler) never closes: blocks are force-cut, nothing is lost."""
    lines = ["sku,title", *[f"S{i},Ruler {i}" for i in range(300)]]
    lines[5] = 'S4,12" ruler'
    path = tmp_path / "stray.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frames = list(blocks.read_blocks(path, ",", 2, block_bytes=200))
    assert len(frames) > 3
    assert max(len(f) for f in frames) < 120
    assert "S299" in pl.concat(frames)["c0"].to_list()


@pytest.mark.parametrize("slice_bytes", [1, 2, 3, 5, 1 << 24])
def test_encoding_of_a_streamed_file_does_not_depend_on_where_slices_end(
    tmp_path, monkeypatch, slice_bytes: int
) -> None:
    """The whole-file UTF-8 check skips ASCII slices; a character cut by a slice end,
    a stray byte in an ASCII run or at the very end still decide the kind as before."""
    cases = {
        "ascii": (b"sku,title\nA1,Mug\n", "utf-8"),
        "utf-8": ("sku,title\nA1,Caf\u00e9 \u9ad8\u4eff \U0001f600 mug\n".encode(), "utf-8"),
        "mixed": ("sku,title\nZ1,\u9ad8\u4eff\n".encode() + b"Z2,Caf\xe9\n", "mixed"),
        "legacy": (b"sku,title\nA1,Caf\xe9 cr\xe8me\n", "legacy"),
        "cut at the end": ("sku,title\nA1,\u00e9".encode()[:-1], "legacy"),
        "wide then cut": ("sku,title\nA1,\u00e9 \u00e9".encode()[:-1], "mixed"),
    }
    monkeypatch.setattr(stream, "_SLICE", slice_bytes)
    for name, (data, kind) in cases.items():
        path = tmp_path / f"{name}.csv"
        path.write_bytes(data)
        assert stream._utf8_kind(path) == kind, name


def test_cut_plan_keys_ignore_blanks_spacing_and_unicode_form() -> None:
    """Rows share a variant key when their handles differ only in whitespace or Unicode
    form; blank handles group nothing."""
    from types import SimpleNamespace

    from listlint.loader.stream import CutPlan

    raw = pl.DataFrame(
        {"c0": ["caf\u00e9", "  ", "x", "ca fe\u0301", "", "  ", None, "x"]}
    ).with_row_index("__n", offset=1)
    cmap = SimpleNamespace(
        fields={"handle": [0]}, variants={"key": "handle"}, attribute_indices=list, headers=["h"]
    )
    plan = CutPlan.build(lambda cols: iter([raw]), cmap)  # type: ignore[arg-type]
    assert plan.starts.to_list() == [1, 3] and plan.reach.to_list() == [4, 8]
    # the two spans overlap: no cut from record 2 to record 8
    assert plan.next_cut(1) == 1 and plan.next_cut(2) == 9 and plan.next_cut(9) == 9


def test_cut_plan_keys_match_across_ascii_and_non_ascii_blocks() -> None:
    """A block of ASCII keys skips NFC (it changes no ASCII text): keys still match the
    same keys, and other forms of a key, in blocks that are not all ASCII."""
    from types import SimpleNamespace

    from listlint.loader.stream import CutPlan

    first = pl.DataFrame({"c0": ["tee", "mug", "cap"]}).with_row_index("__n", offset=1)
    second = pl.DataFrame({"c0": ["caf\u00e9", "tee", "cafe\u0301", "cap"]}).with_row_index(
        "__n", offset=4
    )
    cmap = SimpleNamespace(
        fields={"handle": [0]}, variants={"key": "handle"}, attribute_indices=list, headers=["h"]
    )
    plan = CutPlan.build(lambda cols: iter([first, second]), cmap)  # type: ignore[arg-type]
    # tee 1-5, cap 3-7, café 4-6 (two Unicode forms)
    assert plan.starts.to_list() == [1, 3, 4] and plan.reach.to_list() == [5, 7, 7]


def _old_cuts(data: bytes, size: int) -> list[bytes]:
    """The blocks as read_blocks cut them when it concatenated the carried tail with
    the next read (the reference for the re-reading reader: same block boundaries,
    which a broken file's forced cuts depend on)."""
    out, carry, pos, first = [], b"", 0, True
    while True:
        chunk, pos = data[pos : pos + size], pos + size
        if first:
            chunk = chunk[len(blocks._BOM) :] if chunk.startswith(blocks._BOM) else chunk
            first = False
        buf = carry + chunk if carry else chunk
        if not chunk:
            if buf:
                out.append(buf)
            return out
        cut = blocks.find_cut(buf)
        if cut < 0 and len(buf) >= size * blocks.MAX_BLOCK_FACTOR:
            cut = buf.rfind(b"\n", 0, len(buf) - 1) + 1
        if cut <= 0:
            carry = buf
            continue
        out.append(buf[:cut])
        carry = buf[cut:]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([b"a", b",", b'"', b"\n", b"\r\n", b"bcdefgh", b'""', b"\n\n"])),
    st.booleans(),
    st.integers(min_value=1, max_value=40),
)
def test_blocks_are_cut_where_the_concatenating_reader_cut_them(
    tmp_path_factory, parts: list[bytes], bom: bool, size: int
) -> None:
    """Re-reading the tail of a block from the file keeps every block boundary of the
    reader that concatenated it (forced cuts of broken quoting included), and replaying
    a pass's spans reads the same blocks again."""
    data = (blocks._BOM if bom else b"") + b"".join(parts)
    path = tmp_path_factory.mktemp("cuts") / "f.csv"
    path.write_bytes(data)
    with path.open("rb") as fh:
        got = list(blocks._cut_blocks(fh, size))
    assert [b for _, b in got] == _old_cuts(data, size)
    assert all(data[s : s + len(b)] == b for s, b in got)
    with path.open("rb") as fh:
        spans = [(s, s + len(b)) for s, b in got]
        assert list(blocks._spans(fh, spans)) == got


def test_the_record_pass_reads_the_key_pass_blocks(tmp_path, monkeypatch) -> None:
    """A streamed file with variant keys is cut once (the key pass); the record pass
    reads the same spans without looking for cuts, and gives the same records."""
    lines = [
        "sku,title,item_group_id",
        *[f'S{i},"Tee {i}\nline two",G{i // 3}' for i in range(300)],
    ]
    path = tmp_path / "keys.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 150)
    catalog = _streamed(path, monkeypatch)
    calls = []
    real = blocks.find_cut
    monkeypatch.setattr(blocks, "find_cut", lambda buf: calls.append(1) or real(buf))
    bodies = [b for b, _ in catalog.chunks(40)]
    cut_once = len(calls)
    assert cut_once > 10
    frames = list(blocks.read_blocks(path, ",", 3, block_bytes=150))
    assert len(calls) == 2 * cut_once  # a pass on its own cuts as often as both did
    records = pl.concat(frames)
    assert pl.concat(bodies).drop("__n").equals(records.slice(1).drop("__n"))
