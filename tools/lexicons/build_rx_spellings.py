"""Build wordlists/prohibited/rx_spellings.tsv: the spellings the generic names of
rx_medicines.tsv take in Spanish, Portuguese, French, German/Vietnamese and Indonesian.

International Nonproprietary Names are adapted to each language by regular rules (WHO,
"Guidance on the use of International Nonproprietary Names (INNs) for pharmaceutical
substances", 2017, section on INNs in other languages; Brazil's Denominações Comuns
Brasileiras and Indonesia's Farmakope follow the same pattern): amoxicillin is amoxicilina
(es, pt), amoxicilline (fr), Amoxicillin (de), amoksisilin (id); sildenafil is sildenafilo
(es) and sildenafila (pt); amlodipine is amlodipino (es), anlodipino (pt: m becomes n before
a consonant other than p or b), Amlodipin (de, vi). A pharmacy export in Guatemala or a
Brazilian drugstore lists the medicine under that spelling, not under the English one.

Input: wordlists/prohibited/rx_medicines.tsv (generic names sold in the US, ``country`` US,
not marked ``ambiguous``). Each spelling inherits status and routes of its English name.
A spelling is kept only when it is new (not already a name in rx_medicines.tsv), has seven
letters or more, and is not an everyday word (wordlists/brands/common_words.txt). Accents
are left out: the family matches folded text (codeína = codeina).

Run: python tools/lexicons/build_rx_spellings.py [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pinned import WORDLISTS, common_words, write_tsv

SOURCE = WORDLISTS / "prohibited" / "rx_medicines.tsv"
OUT = WORDLISTS / "prohibited" / "rx_spellings.tsv"
COLUMNS = ("term", "lang", "base", "status", "routes", "rule")
MIN_LETTERS = 7


def _respell(word: str) -> str:
    """Spelling shared by es and pt: no ph/th/rh/ch, y as i, ae/oe as e, double consonants
    single (acetylcholine -> acetilcolina)."""
    word = word.replace("ph", "f").replace("th", "t").replace("rh", "r").replace("ch", "c")
    word = word.replace("ae", "e").replace("oe", "e")
    word = word[:1] + word[1:].replace("y", "i")
    return re.sub(r"([bcdfgklmnprstvz])\1", r"\1", word)


#: (English ending, Spanish, Portuguese); the first that fits wins (longest endings first)
_IBERIAN = (
    ("dipine", "dipino", "dipino"),
    ("afil", "afilo", "afila"),
    ("sartan", "sartan", "sartana"),
    ("triptan", "triptan", "triptana"),
    ("oxacin", "oxacino", "oxacino"),
    ("ine", "ina", "ina"),
    ("in", "ina", "ina"),
    ("ole", "ol", "ol"),
    ("one", "ona", "ona"),
    ("ide", "ida", "ida"),
    ("ate", "ato", "ato"),
    ("ium", "io", "io"),
    ("um", "o", "o"),
    ("en", "eno", "eno"),
    ("ac", "aco", "aco"),
)


def _iberian(word: str, lang: str) -> str | None:
    col = 1 if lang == "es" else 2
    base = _respell(word)
    for row in _IBERIAN:
        if base.endswith(row[0]):
            out = base[: -len(row[0])] + row[col]
            break
    else:
        return None
    if lang == "pt":  # Portuguese writes n, not m, before a consonant other than p or b
        out = re.sub(r"m(?=[^aeioupbm\s])", "n", out)
    return out


def spanish(word: str) -> str | None:
    return _iberian(word, "es")


def portuguese(word: str) -> str | None:
    return _iberian(word, "pt")


def french(word: str) -> str | None:
    """-in takes an e (azithromycine, amoxicilline), -en becomes -ene (ibuprofene)."""
    if word.endswith("in"):
        return word + "e"
    if word.endswith("en"):
        return word[:-2] + "ene"
    return None


#: endings whose final e German, Vietnamese and Indonesian spellings drop
_FINAL_E = ("ine", "ole", "one", "ide", "ate", "ene")


def german(word: str) -> str | None:
    """The final e of -ine, -ole, -one, -ide, -ate, -ene falls (Amlodipin, Omeprazol,
    Dexamethason, Furosemid, Alendronat, Adapalen); Vietnamese packs print the same forms."""
    for end in _FINAL_E:
        if word.endswith(end):
            return word[:-1]
    return None


def indonesian(word: str) -> str | None:
    """Indonesian spelling: x is ks, c is s before e/i and k elsewhere, ph/th/y as f/t/i,
    double consonants single, the final e of -ine/-one/-ide... falls (amoksisilin,
    siprofloksasin, deksametason; akarbose keeps it)."""
    w = word.replace("ph", "f").replace("th", "t").replace("ch", "k").replace("y", "i")
    w = w.replace("x", "ks").replace("qu", "kw")
    w = re.sub(r"c(?=[ei])", "s", w).replace("c", "k")
    w = re.sub(r"([bdfgklmnprstvz])\1", r"\1", w)
    return w[:-1] if w.endswith(_FINAL_E) else w


RULES: dict[str, tuple[str, Callable[[str], str | None]]] = {
    "es": ("es", spanish),
    "pt": ("pt", portuguese),
    "fr": ("fr", french),
    "de": ("de,vi", german),
    "id": ("id", indonesian),
}


def read_generics(path: Path = SOURCE) -> tuple[list[dict[str, str]], set[str]]:
    """US generic names not marked ambiguous, and every name already in the file."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    known = {r["term"] for r in rows}
    generics = [
        r
        for r in rows
        if r["kind"] == "generic" and r["country"] == "US" and not r.get("ambiguous")
    ]
    return generics, known


def spellings(generics: list[dict[str, str]], known: set[str]) -> Iterator[tuple[str, ...]]:
    common = common_words()
    seen: dict[str, tuple[str, ...]] = {}
    for row in generics:
        base = row["term"]
        if not re.fullmatch(r"[a-z]+", base):  # one plain word: "insulin glargine" stays English
            continue
        for name, (langs, rule) in RULES.items():
            form = rule(base)
            if (
                not form
                or form == base
                or form in known
                or len(form) < MIN_LETTERS
                or form in common
            ):
                continue
            key = form
            if key in seen:
                # two English names giving one spelling: keep the first, mark the language
                old = seen[key]
                if name not in old[1].split(","):
                    seen[key] = (old[0], f"{old[1]},{langs}", *old[2:])
                continue
            seen[key] = (form, langs, base, row["status"], row["routes"], name)
    yield from sorted(seen.values())


HEADER = (
    "Spellings of prescription and OTC generic names in other languages, generated from",
    "rx_medicines.tsv by the INN adaptation rules of each language (WHO INN guidance 2017;",
    "Brazil's DCB; Indonesia's Farmakope): es/pt -ine -> -ina, -one -> -ona, -afil -> -afilo/-afila,",
    "pt m -> n before a consonant (anlodipino), fr -in -> -ine, de/vi drop the final e, id x -> ks,",
    "c -> s/k. Accents are left out: the family matches folded text.",
    "Columns:",
    "  term    the spelling (lower case)",
    "  lang    languages that write it ('de,vi': German and Vietnamese packs print the same form)",
    "  base    the English name in rx_medicines.tsv it stands for",
    "  status  rx | otc, inherited from the English name",
    "  routes  routes of the English name's products (rx_medicines.tsv)",
    "  rule    which language's rule made it",
    "A spelling is kept only when new, of seven letters or more and not an everyday word.",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    generics, known = read_generics()
    n = write_tsv(
        args.out,
        HEADER,
        COLUMNS,
        spellings(generics, known),
        "tools/lexicons/build_rx_spellings.py",
    )
    print(f"{args.out}: {n} spellings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
