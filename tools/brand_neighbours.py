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
list is reproducible offline): the English lexeme probability table (one million word
forms from web text, en_lexeme_prob), the German, Spanish and Greek lexeme tables, and
the lemma lookup tables of ca, cs, da, de, es, fr, hr, hu, id, it, lb, lt, mk, nb, nl,
pl, pt, ro, ru, sr, sv, tl, tr (their inflected forms and lemmas). Brand words: the
single words of four letters or more of ``brands.tsv`` and the name/variant spellings of
``aliases.tsv``. The header records a hash of those two files: a test fails when a brand
was added and the list was not regenerated.
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
INPUTS = ("brands.tsv", "aliases.tsv")
_WORD = re.compile(r"^[a-z]{3,24}$")
#: affixes a knock-off glues to a brand word ("iBOSEX", "Dysonic"): at most this long
MAX_PREFIX, MAX_SUFFIX = 2, 3


def input_hash(root: Path = ROOT) -> str:
    h = hashlib.sha256()
    for name in INPUTS:
        h.update((root / "wordlists" / "brands" / name).read_bytes())
    return h.hexdigest()[:16]


def brand_words() -> set[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from listlint.resources import table
    from listlint.text.normalize import fold

    names = [r["brand"] for r in table("brands/brands")]
    names += [
        r["alias"]
        for r in table("brands/aliases")
        if r.get("alias_type", "").split("_")[0] in ("variant", "misspelling", "lookalike")
        or r.get("alias_type") == "variant"
    ]
    out = set()
    for name in names:
        for w in re.findall(r"[^\W\d_]+", fold(name)):
            if len(w) >= 4 and w.isascii() and w.isalpha():
                out.add(w)
    return out


def attested_words() -> set[str]:
    import spacy_lookups_data

    data = Path(spacy_lookups_data.__path__[0]) / "data"
    words: set[str] = set()
    for path in sorted(data.glob("*_lexeme_prob.json.gz")) + sorted(data.glob("*_lemma_lookup*.json.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            table = json.load(fh)
        for k, v in table.items():
            for w in (k, v) if isinstance(v, str) else (k,):
                w = _fold(w)
                if _WORD.match(w):
                    words.add(w)
    return words


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
    # under nine letters, two from nine on; compared in groups of one brand length against
    # the words of a length within the bound (one cdist call per group)
    by_len: dict[int, list[str]] = {}
    for w in cands:
        by_len.setdefault(len(w), []).append(w)
    groups: dict[int, list[str]] = {}
    for b in bl:
        groups.setdefault(len(b), []).append(skeleton(b))
    for n, bsk in sorted(groups.items()):
        d = 2 if n >= 9 else 1
        pool = [w for m in range(n - d, n + d + 1) for w in by_len.get(m, ())]
        if not pool:
            continue
        dist = cdist([skeleton(w) for w in pool], bsk, scorer=OSA.distance, score_cutoff=d,
                     workers=1, dtype=np.uint8)
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


def render(words: set[str], digest: str) -> str:
    head = [
        "# Attested words near a protected brand word: real words and names of some language within two",
        "# edits, the same sound key, or the brand with a short affix. Generated by tools/brand_neighbours.py",
        "# from spacy-lookups-data (en/de/es/el lexeme tables; lemma tables of 23 languages); do not edit.",
        f"# inputs: {digest}",
    ]
    return "\n".join(head + sorted(words)) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    digest = input_hash()
    if args.check:
        first = OUT.read_text(encoding="utf-8").split("\n")[:5] if OUT.exists() else []
        ok = f"# inputs: {digest}" in first
        print("up to date" if ok else "stale: run python tools/brand_neighbours.py")
        return 0 if ok else 1
    words = neighbours(brand_words(), attested_words())
    OUT.write_text(render(words, digest), encoding="utf-8")
    print(f"wrote {len(words)} words to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
