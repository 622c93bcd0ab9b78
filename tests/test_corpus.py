"""The corpus machinery (benchmarks/corpus.py): rows valid, the blind split by document."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import corpus


def _write(root: Path, rows: list[dict], groups: str = "") -> None:
    (root / "rows").mkdir(parents=True)
    (root / "rows" / "a.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8"
    )
    (root / "doc_groups.tsv").write_text(groups, encoding="utf-8")


def _row(i: int, source: str, **kw) -> dict:
    base = dict.fromkeys(corpus.FIELDS, "")
    base.update(id=f"R{i}", group="claims", label="flag", kind="k", title=f"title {i}")
    base.update(source=source, **kw)
    return base


@pytest.mark.parametrize(
    ("source", "doc"),
    [
        ("Owner/Repo@abc123:data/x.csv (a scrape)", "owner/repo"),
        ("aakash688/ursignaturescent (Supabase seed SQL)", "aakash688/ursignaturescent"),
        ("GitHub file, shop menu (search-index id 4977916357; not resolved)", "idx:4977916357"),
        ("https://www.cpsc.gov/Recalls/2026/X?ref=1", "www.cpsc.gov/recalls/2026/x"),
    ],
)
def test_doc_key(source, doc):
    assert corpus.doc_key(source) == doc


def test_rows_of_one_document_share_a_split_and_groups_join_documents(tmp_path):
    rows = [_row(i, f"o{i % 7}/r@c:f{i}") for i in range(60)]
    _write(tmp_path, rows, "^o[0-3]/r$\tgroup:low\n")
    loaded = list(corpus.load(tmp_path))
    by_doc: dict[str, set[str]] = {}
    for r in loaded:
        by_doc.setdefault(r.doc, set()).add(r.split)
    assert all(len(s) == 1 for s in by_doc.values())
    assert {r.doc for r in loaded} == {"group:low", "o4/r", "o5/r", "o6/r"}


def test_split_is_stable_and_roughly_even():
    splits = [corpus.split_of(f"doc{i}") for i in range(2000)]
    assert splits == [corpus.split_of(f"doc{i}") for i in range(2000)]
    assert 0.45 < splits.count("test") / len(splits) < 0.55


def test_forced_dev_and_duplicates(tmp_path):
    rows = [
        _row(1, "a/b@c:x", split="dev"),
        _row(2, "a/b@c:x", title="Title 1!"),  # same text as row 1 after normalising
        _row(3, "c/d@c:x", label="maybe"),
    ]
    _write(tmp_path, rows[:2])
    loaded = list(corpus.load(tmp_path))
    assert [r.id for r in loaded] == ["R1"] and loaded[0].split == "dev"
    bad = tmp_path / "bad"
    _write(bad, rows[2:])
    with pytest.raises(ValueError, match=r"a\.jsonl:1: bad group/label"):
        list(corpus.load(bad))


def test_shipped_corpus_is_valid_and_both_splits_have_every_family():
    rows = list(corpus.load())
    assert len(rows) >= 600
    for group in corpus.GROUPS:
        for split in ("dev", "test"):
            labels = {r.label for r in rows if r.group == group and r.split == split}
            assert labels == {"flag", "ok"}, (group, split)
    dev_docs = {r.doc for r in rows if r.split == "dev"}
    assert not dev_docs & {r.doc for r in rows if r.split == "test"}
