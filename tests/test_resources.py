"""Wordlist files: comments, and the escape that keeps a term starting with '#'."""

from __future__ import annotations

from pathlib import Path

import pytest

from listlint import resources
from listlint.resources import table, wordlist


@pytest.fixture
def lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(resources, "wordlists_dir", lambda: tmp_path)
    wordlist.cache_clear()
    table.cache_clear()
    yield tmp_path
    wordlist.cache_clear()
    table.cache_clear()


def test_hash_escape_in_term_lists(lists: Path) -> None:
    (lists / "t.txt").write_text(
        "# a comment naming its source\n"
        "\\#1 best seller\n"
        "size \\#2 # a comment after the term\n"
        "c#\n"
        "  # indented comment\n"
        "plain term  # trailing comment\n",
        encoding="utf-8",
    )
    assert wordlist("t") == ("#1 best seller", "size #2", "c#", "plain term")


def test_hash_escape_in_tables(lists: Path) -> None:
    (lists / "t.tsv").write_text(
        "# comment\nterm\tnote\n\\#1 seller\tranked \\#1\n#1 commented out\tx\n", encoding="utf-8"
    )
    assert table("t") == ({"term": "#1 seller", "note": "ranked #1"},)


def test_shipped_hash_terms_survive() -> None:
    """The shipped lists' '#' terms reach the rules (they were silently dropped)."""
    assert "#1 seller" in {r["term"] for r in table("specs/promotional")}
    assert "#1 doctor recommended" in {r["term"] for r in table("claims/phrases")}
