"""Write ``wordlists/brands/attested_near_brands.txt``: real words and names that sit close
to a protected brand word (two edits, the same sound key, or the brand with a short affix).

    python tools/brand_neighbours.py            # regenerate (about a minute, two cores)
    python tools/brand_neighbours.py --check    # exit 1 when the shipped file is stale

Why: a knock-off spelling is made up ("Philps", "Lenuvo", "Colgatte" appear in no word
list), while the ordinary words that happen to sit one letter from a brand are attested
in some language ("panna" cream/velvet in Italian, "colgante" pendant in Spanish,
"ankers" anchors in Dutch, "nikel" nickel in Indonesian, "Valentina", "Lorelai" and
"Madeline" first names, "energize" an English verb). The lookalike search reads this list
and lets an attested word stand for a brand only with strong support (the brand's model
named next to it, or counterfeit wording); a made-up word needs less.

Sources (all shipped by the PyPI package spacy-lookups-data, already a dependency, so the
list is reproducible offline): the lemma lookup tables of ca, cs, da, de, en, es, fr, hr,
hu, id, it, lb, lt, mk, nb, nl, pl, pt, ro, ru, sr, sv, tl, tr (inflected forms and
lemmas: "dictionary words"), and the English, German, Spanish and Greek lexeme tables
(word forms of web text: first names and frequent misspellings too, "web words"). Brand words: the single words the brand index
compares tokens with. The header records a hash of brands.tsv, aliases.tsv and
models.tsv: a test fails when a brand was added and the list was not regenerated.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "wordlists" / "brands" / "attested_near_brands.txt"
INPUTS = ("brands.tsv", "aliases.tsv", "models.tsv")
_WORD = re.compile(r"^[a-z]{3,24}$")
#: affixes a knock-off glues to a brand word ("iBOSEX", "Dysonic"): at most this long
MAX_PREFIX, MAX_SUFFIX = 2, 3


def input_hash(root: Path = ROOT) -> str:
    h = hashlib.sha256()
    for name in INPUTS:
        h.update((root / "wordlists" / "brands" / name).read_bytes())
    return h.hexdigest()[:16]


def brand_words() -> set[str]:
    """The single words the lookalike search compares tokens with (the brand index's own,
    so variants such as "loreal" for L'Oréal are covered)."""
    sys.path.insert(0, str(ROOT / "src"))
    from listlint.rules.ip.index import BrandIndex

    return {w for w in BrandIndex().word_text.values() if w.isascii() and w.isalpha()}


def attested_words() -> tuple[set[str], set[str]]:
    """(dictionary words, web words): the word forms of the lemma tables of 24 languages
    (English included) are dictionary words; the de/el/en/es web lexeme tables add names
    and frequent misspellings ("Madeline", "duracel")."""
    import spacy_lookups_data

    data = Path(spacy_lookups_data.__path__[0]) / "data"
    dictionary: set[str] = set()
    web: set[str] = set()
    paths = sorted(data.glob("*_lexeme_prob.json.gz")) + sorted(
        data.glob("*_lemma_lookup*.json.gz")
    )
    for path in paths:
        # lexeme tables are word frequencies of web text (they hold brand misspellings:
        # "duracel", "swarovsky"); lemma tables list a language's words
        target = web if "_lexeme_" in path.name else dictionary
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            table = json.load(fh)
        for k, v in table.items():
            for w in (k, v) if isinstance(v, str) else (k,):
                w = _fold(w)
                if _WORD.match(w):
                    target.add(w)
    return dictionary, web - dictionary


def _fold(w: str) -> str:
    import unicodedata

    w = unicodedata.normalize("NFKD", w.lower())
    return "".join(c for c in w if not unicodedata.combining(c))


def neighbours(brands: set[str], words: set[str]) -> set[str]:
    import ahocorasick
    import numpy as np
    from rapidfuzz.distance import OSA
    from rapidfuzz.process import cdist

    sys.path.insert(0, str(ROOT / "src"))
    from listlint.rules.ip.phonetic import brand_key
    from listlint.text.confusables import skeleton

    cands = sorted(words - brands)
    bl = sorted(brands)

    keep: set[str] = set()
    # 1. the lookalike search's edit bound between skeletons: one edit for brand words
    # under six letters, two from six on (a word of a multi-word name may be two off); compared in groups of one brand length against
    # the words of a length within the bound (one cdist call per group)
    by_len: dict[int, list[str]] = {}
    for w in cands:
        by_len.setdefault(len(w), []).append(w)
    groups: dict[int, list[str]] = {}
    for b in bl:
        groups.setdefault(len(b), []).append(skeleton(b))
    for n, bsk in sorted(groups.items()):
        d = 2 if n >= 6 else 1  # words of longer names may be two edits off
        pool = [w for m in range(n - d, n + d + 1) for w in by_len.get(m, ())]
        if not pool:
            continue
        dist = cdist(
            [skeleton(w) for w in pool],
            bsk,
            scorer=OSA.distance,
            score_cutoff=d,
            workers=1,
            dtype=np.uint8,
        )
        keep.update(pool[int(r)] for r in np.nonzero((dist <= d).any(axis=1))[0])
    # 2. the same sound key (words of five letters or more)
    # (and within three edits, as the lookalike search asks)
    by_key: dict[str, list[str]] = {}
    for b in bl:
        if len(b) >= 5:
            by_key.setdefault(brand_key(b), []).append(b)
    for w in cands:
        if len(w) >= 5 and w not in keep:
            near = by_key.get(brand_key(w))
            if near and any(OSA.distance(w, b, score_cutoff=3) <= 3 for b in near):
                keep.add(w)
    # 3. a brand word with a short affix ("nikel", "ankers", "bosex")
    auto = ahocorasick.Automaton()
    for b in bl:
        auto.add_word(b, b)
    auto.make_automaton()
    for w in cands:
        for end, b in auto.iter(w):
            start = end - len(b) + 1
            if start <= MAX_PREFIX and len(w) - end - 1 <= MAX_SUFFIX:
                keep.add(w)
                break
    return keep


def render(dictionary: set[str], web: set[str], digest: str) -> str:
    head = [
        "# Attested words near a protected brand word: real words and names of some language within the",
        "# lookalike search's edit bound, the same sound key, or the brand with a short affix. Generated by",
        "# tools/brand_neighbours.py from spacy-lookups-data (lemma tables of 24 languages, de/es/el/en lexeme",
        "# tables); do not edit. 'd <word>': a dictionary word of some language; 'w <word>': attested only in",
        "# English web text (first names, frequent misspellings of a brand).",
        f"# inputs: {digest}",
    ]
    lines = [f"d {w}" for w in sorted(dictionary)] + [f"w {w}" for w in sorted(web)]
    return "\n".join(head + lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    digest = input_hash()
    if args.check:
        first = OUT.read_text(encoding="utf-8").split("\n")[:8] if OUT.exists() else []
        ok = f"# inputs: {digest}" in first
        print("up to date" if ok else "stale: run python tools/brand_neighbours.py")
        return 0 if ok else 1
    brands = brand_words()
    dictionary, web = attested_words()
    near = neighbours(brands, dictionary | web)
    OUT.write_text(render(near & dictionary, near & web, digest), encoding="utf-8")
    print(f"wrote {len(near)} words to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
