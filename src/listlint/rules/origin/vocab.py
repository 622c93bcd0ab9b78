"""The origin family's vocabulary, read once per rule set from ``wordlists/origin/``:
the phrases that introduce a place of manufacture (``cues.tsv``), country names in the
markets' languages (``countries.tsv``, generated from CLDR by
``tools/gen_origin_countries.py``), regions (``regions.tsv``), and the words that make an
origin phrase about a component (``components.txt``) or deny it (``negators.txt``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from listlint.resources import table, wordlist
from listlint.rules import textscan
from listlint.text.normalize import fold
from listlint.text.scriptmatch import ScriptMatcher, unspaced

#: this family's name in the shared text scan (:mod:`listlint.rules.textscan`)
OWNER = "origin"
#: kinds of country names read in free text (codes are read in columns only)
TEXT_KINDS = ("cldr", "alias", "demonym", "place", "region")


@dataclass(frozen=True)
class Cue:
    lang: str
    side: str  # after | before
    kind: str  # made | assembly | label


@dataclass(frozen=True)
class Name:
    code: str
    lang: str
    kind: str
    ambiguous: bool


@dataclass
class Vocab:
    cues: ScriptMatcher[Cue]
    names: ScriptMatcher[Name]
    #: folded name or code -> country (or region) code, for columns
    column_names: dict[str, str]
    regions: dict[str, frozenset[str]]
    components: frozenset[str]
    negators: tuple[str, ...]
    #: code -> the country's English name, for messages
    display: dict[str, str] = field(default_factory=dict)
    #: literal keys a text must contain to hold a claim (polars prefilter): the ASCII
    #: ones go into the scan the text families share, the others are looked for in
    #: cells with a non-ASCII character only
    keys: list[str] = field(default_factory=list)
    dense_keys: list[str] = field(default_factory=list)
    #: ASCII cues a country precedes ("USA-made"): "made" alone is everyday English, so a
    #: cell kept only for one of them is read when the word before it ends a country name
    #: (a regex capturing that word, and the set of last words of every name)
    before_word: str = ""
    name_ends: frozenset[str] = frozenset()
    #: the other ASCII cues ("made in", "hecho en", "country of origin")
    strong: str = ""
    #: every ASCII cue, this family's part of the shared scan
    scan: str = ""

    def agree(self, a: str, b: str) -> bool:
        """Do two codes name the same origin (a region agrees with its members)?"""
        return a == b or b in self.regions.get(a, ()) or a in self.regions.get(b, ())


def build() -> Vocab:
    cues = [(r["cue"], Cue(r["lang"], r["side"], r["kind"])) for r in table("origin/cues")]
    rows = table("origin/countries")
    names = [
        (r["name"], Name(r["code"], r["lang"], r["kind"], r["ambiguous"] == "yes"))
        for r in rows
        if r["kind"] in TEXT_KINDS
    ]
    column_names: dict[str, str] = {}
    for r in rows:
        if r["ambiguous"] != "yes" and r["kind"] != "demonym":
            column_names.setdefault(r["name"], r["code"])
    regions = {r["region"]: frozenset(r["members"].split()) for r in table("origin/regions")}
    vocab = Vocab(
        cues=ScriptMatcher(cues),
        names=ScriptMatcher(names),
        column_names=column_names,
        regions=regions,
        components=frozenset(fold(w) for w in wordlist("origin/components")),
        negators=tuple(fold(w) for w in wordlist("origin/negators")),
    )
    vocab.keys = sorted(set(vocab.cues.keys))
    vocab.dense_keys = [k for k in vocab.keys if not k.isascii()]
    ascii_keys = sorted((k for k in vocab.keys if k.isascii()), key=len, reverse=True)
    vocab.scan = _alt(ascii_keys)
    textscan.register(OWNER, vocab.scan)  # before the first batch is scanned
    before = {fold(t).strip().lstrip("-") for t, c in cues if c.side == "before" and t.isascii()}
    vocab.before_word = r"([^\s-]+)[\s-]+(?:" + _alt(sorted(before, key=len, reverse=True)) + r")\b"
    vocab.strong = _alt([k for k in ascii_keys if k.lstrip("-") not in before])
    vocab.name_ends = frozenset(name_end(k) for k in vocab.names.keys)
    vocab.display = {r["code"]: r["name"] for r in table("origin/display")}
    return vocab


def _alt(keys: list[str]) -> str:
    return "|".join(pl.escape_regex(k) for k in keys)


def name_end(text: str) -> str:
    """The last word of a name or of the text before a cue, as the prefilter compares
    them: split at spaces and hyphens, without dots and brackets ("u.s.a." -> "usa")."""
    words = text.replace("-", " ").split()
    return words[-1].translate(_NAME_END_DROP) if words else ""


_NAME_END_DROP = str.maketrans("", "", ".,;:()[]\"'")


def text_name_ok(name: Name, term: str, cue: Cue) -> bool:
    """May ``term`` (a country name in text) follow or precede ``cue``? Names of the cue's
    language, English names, and any name of four letters or more (sellers write "Made in
    Italia"); short names of other languages are too often words ("my", Vietnamese for
    the USA, is "made in my kitchen" in English)."""
    if name.ambiguous:
        return False
    if name.kind == "demonym" and cue.side != "before":
        return False  # "made in American style" names no place; "American-made" does
    if name.lang in ("", "en") or name.lang == cue.lang or len(term) >= 4:
        return True
    # Chinese and Japanese share their country names ("日本", "中国"): any such name goes
    return unspaced(term)
