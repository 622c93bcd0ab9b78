"""The shortcuts that cut what every listlint process pays before its first listing
(reading the lexicon tables, building phrase matchers, importing spaCy) give what the
long way gives."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

import pytest

from listlint.resources import ESCAPED_HASH, table, table_rows, wordlists_dir
from listlint.text import normalize
from listlint.text.matcher import PhraseMatcher, is_word_char
from listlint.text.normalize import fold


def _table_long_way(name: str) -> tuple[dict[str, str], ...]:
    """table() as it was written before the fast path (a comprehension per row)."""
    path = wordlists_dir() / f"{name}.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    if not lines:
        return ()
    header = lines[0].rstrip("\r\n").split("\t")
    width = len(header)
    column = {name: i for i, name in enumerate(header) if name}
    rows = []
    for line in lines[1:]:
        cells = line.rstrip("\r\n").split("\t")
        if len(cells) < width:
            cells += [""] * (width - len(cells))
        rows.append({k: cells[i].strip().replace(ESCAPED_HASH, "#") for k, i in column.items()})
    return tuple(rows)


def _shipped_tables() -> list[str]:
    root = wordlists_dir()
    return sorted(str(p.relative_to(root).with_suffix("")) for p in root.rglob("*.tsv"))


@pytest.mark.parametrize("name", _shipped_tables())
def test_every_shipped_table_reads_as_the_long_way(name: str) -> None:
    expected = _table_long_way(name)
    assert table(name) == expected
    assert [list(r) for r in table(name)] == [list(r) for r in expected]
    keys, rows = table_rows(name)
    assert tuple(dict(zip(keys, r)) for r in rows) == expected


def test_table_rows_fast_path_shapes(tmp_path, monkeypatch) -> None:
    """Short rows padded, extra cells dropped, cells stripped, trailing unnamed column."""
    from listlint import resources

    monkeypatch.setattr(resources, "wordlists_dir", lambda: tmp_path)
    (tmp_path / "t.tsv").write_text(
        "a\tb\t\n x \ty\tz\textra\r\nshort\n\n#comment\tx\nq\t r \n",
        encoding="utf-8",
        newline="",
    )
    assert table_rows("t") == (("a", "b"), [["x", "y"], ["short", ""], ["q", "r"]])


def test_ascii_fold_is_lower_case() -> None:
    """PhraseMatcher folds ASCII terms with str.lower, which is what fold() does to them
    (FOLD's ASCII path): every ASCII character, and a few words."""
    chars = "".join(map(chr, range(128)))
    assert fold(chars) == chars.lower()
    assert normalize.FOLD._ascii_only is str.lower
    for w in ("Hot Glue GUN", "  iPhone 15 ", "C#", "\x00x\x7f"):
        assert fold(w) == w.lower()


def _matcher_long_way(terms, word_boundaries=True):
    """The automaton's entries as PhraseMatcher's constructor made them before."""
    store: dict[str, list] = {}
    for term, payload in terms:
        key = fold(term).strip()
        if key:
            store.setdefault(key, []).append(payload)
    return {
        k: (k, tuple(p), len(k) - 1, is_word_char(k[0]), is_word_char(k[-1]))
        for k, p in store.items()
    }


def test_phrase_matcher_entries_as_the_long_way() -> None:
    from listlint.product.lexicon import lexicon

    samples = [
        ("Gun", 1),
        ("gun", 2),
        (" Hot glue gun ", 3),
        ("Café", 4),
        ("电子烟", 5),
        ("ไฟแช็ก", 6),
        ("vape电子烟", 7),
        ("١٢ قلم", 8),
        ("", 9),
        ("   ", 10),
        ("\u00adsoft\u200bhyphen", 11),
        ("ＷＩＤＥ", 12),
    ]
    lex = lexicon()
    samples += list(lex.types.items())
    for terms in (samples, [(c, c) for c in map(chr, range(32, 0x3100, 7))]):
        m = PhraseMatcher(terms)
        expected = _matcher_long_way(terms)
        assert len(m) == len(expected)
        assert dict(m._automaton.items()) == expected


def test_lexicon_entries_as_the_long_way() -> None:
    """TypeEntry is a named tuple now: the same values, equal and hashed as the frozen
    dataclass it was (which hashed the tuple of its fields)."""
    from listlint.product.lexicon import TypeEntry, lexicon

    @dataclass(frozen=True, slots=True)
    class OldEntry:
        type: str
        group: str
        carrier: bool
        form: bool
        head_first: bool
        origin: str

    lex = lexicon()
    rows = _table_long_way("product/types")
    assert list(lex.types) == list({r["term"]: None for r in rows})
    for r in rows[:2000]:
        old = OldEntry(*_entry_values(r))
        new = TypeEntry(old.type, old.group, old.carrier, old.form, old.head_first, old.origin)
        assert hash(new) == hash(old)
    by_term = {r["term"]: r for r in rows}
    for term, e in lex.types.items():
        r = by_term[term]
        assert (e.type, e.group, e.carrier, e.form, e.head_first, e.origin) == (_entry_values(r))
    words = {entry[0] for entry in lex._words._automaton.values()}
    cjk = {entry[0] for entry in lex._cjk._automaton.values()}
    assert not words & cjk
    assert words | cjk == {fold(t).strip() for t in lex.types}


def _python_says_ok(code: str) -> None:
    """``code`` run in a fresh interpreter (spaCy's import state is per process)."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")


def _entry_values(r: dict[str, str]) -> tuple[str, str, bool, bool, bool, str]:
    """A types.tsv row's fields as the lexicon's entry holds them."""
    yes = ("carrier", "form", "head_first")
    return (r["type"], r["group"], *(r[k] == "yes" for k in yes), r["origin"])  # type: ignore[return-value]


def test_spacy_imports_without_its_cli() -> None:
    """The claims pipeline imports spaCy without spacy.cli (typer, weasel, requests,
    httpx); spacy.info still works and spacy.cli imports for real afterwards."""
    code = (
        "import sys\n"
        "from listlint.rules.claims.pipeline import build_nlp, import_spacy\n"
        "spacy = import_spacy()\n"
        "nlp = build_nlp()\n"
        "assert [t.text for t in nlp('It cures colds.')] == ['It', 'cures', 'colds', '.']\n"
        "assert not [m for m in sys.modules if m.startswith('spacy.cli')], 'cli'\n"
        "assert not {'typer', 'weasel', 'requests', 'httpx'} & set(sys.modules)\n"
        "assert not hasattr(spacy, 'cli')\n"
        "assert spacy.info()['spacy_version'] == spacy.__version__\n"
        "import spacy.cli\n"
        "assert callable(spacy.cli.download) and spacy.cli.info.__module__ == 'spacy.cli.info'\n"
        "print('ok')\n"
    )
    _python_says_ok(code)


def test_spacy_already_imported_is_left_alone() -> None:
    code = (
        "import spacy, spacy.cli\n"
        "from listlint.rules.claims.pipeline import import_spacy\n"
        "assert import_spacy() is spacy and spacy.cli.download\n"
        "print('ok')\n"
    )
    _python_says_ok(code)


def _wordlist_long_way(name: str) -> tuple[str, ...]:
    from listlint.resources import _strip_comment

    path = wordlists_dir() / f"{name}.txt"
    with path.open(encoding="utf-8") as fh:
        terms = (_strip_comment(line.rstrip("\n")).strip() for line in fh)
        return tuple(t for t in terms if t)


@pytest.mark.parametrize(
    "name",
    sorted(
        str(p.relative_to(wordlists_dir()).with_suffix(""))
        for p in wordlists_dir().rglob("*.txt")
        if p.name != "README.txt"
    ),
)
def test_every_shipped_wordlist_reads_as_the_long_way(name: str) -> None:
    from listlint.resources import wordlist

    assert wordlist(name) == _wordlist_long_way(name)


def test_letter_or_digit_cached_as_computed() -> None:
    import unicodedata

    from listlint.rules.prohibited.settle import _letter_or_digit

    for o in (*range(0x3100), 0x1F600, 0x20000):
        c = chr(o)
        assert _letter_or_digit(c) == (unicodedata.category(c)[0] in "LN")
