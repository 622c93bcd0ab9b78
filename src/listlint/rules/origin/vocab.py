"""The origin family's vocabulary, read once per rule set from ``wordlists/origin/``:
the phrases that introduce a place of manufacture (``cues.tsv``), country names in the
markets' languages (``countries.tsv``, generated from CLDR by
``tools/gen_origin_countries.py``), regions (``regions.tsv``), and the words that make an
origin phrase about a component (``components.txt``) or deny it (``negators.txt``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from listlint.resources import table, wordlist
from listlint.text.normalize import fold
from listlint.text.scriptmatch import ScriptMatcher, unspaced

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
    #: literal keys a text must contain to hold a claim (polars prefilter)
    keys: list[str] = field(default_factory=list)

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
    vocab.display = {r["code"]: r["name"] for r in table("origin/display")}
    return vocab


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
