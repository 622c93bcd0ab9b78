"""Generate the product-type lexicon and the colour names of ``wordlists/product/``.

    python tools/gen_product_lexicon.py SOURCES_DIR [--out wordlists/product]

``SOURCES_DIR`` holds the files named in ``wordlists/product/sources.tsv`` (each checked
against its sha256; a missing or changed file stops the run). To lay them out from the
pinned commits::

    git --git-dir=<fetched repo>/repo show <commit>:<path> > SOURCES_DIR/<name>

Writes:

* ``types.tsv``: one row per folded type noun and language: ``term, lang, type, group,
  carrier, form, origin``. Terms come from every leaf of Google's product taxonomy (each
  locale in sources.tsv): a leaf "Shirts & Tops" gives "shirts" and "tops" and their
  singulars, "Friandises pour chiens" gives "friandises pour chiens" and its head phrase
  "friandises"; each is mapped to the group of its deepest ancestor in
  ``taxonomy_groups.tsv``. A bare head noun shared by several leaves ("cases") gets
  their group only when they agree. Then the keywords of
  ``wordlists/measures/product_types.tsv`` (groups from ``measures_types.tsv``) and the
  hand-listed trade nouns of ``extra_types.tsv``.
* ``google_ids.tsv``: every Google category id with its type, group and carrier flag.
* ``colours.tsv``: colour names of the xkcd colour survey and of X11 (``name, origin``).

Deterministic: the same sources give byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDLISTS = ROOT / "wordlists"

#: languages whose noun phrases put the head first ("Fundas para móviles")
HEAD_FIRST = frozenset({"es", "pt", "fr", "id", "vi", "ar"})
#: words that join names in a taxonomy leaf ("Shirts & Tops", "Bows & Crossbows")
_JOIN = re.compile(r"\s*(?:&|,|/|、|・|，)\s*|\s+(?:and|und|y|e|et|ou|o|oder|و|và|dan)\s+")
#: prepositions after which a leaf's name says what the item is for ("Treats for dogs")
_PREP = re.compile(
    r"\s+(?:for|pour|para|für|per|de|des|du|do|da|dos|das|del|von|zum|zur|à|a|au|aux|"
    r"untuk|cho|لـ|ل)\s+"
)
#: a leaf name of this length or longer is a description, not a noun sellers write
_MAX_WORDS = 5


def fold(text: str) -> str:
    """As listlint.text.normalize.fold (kept here so the script runs without the package)."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if unicodedata.category(c)[0] != "M")
    return text.lower()


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def check_sources(src: Path, out: Path) -> list[dict[str, str]]:
    rows = read_tsv(out / "sources.tsv")
    for row in rows:
        path = src / row["name"]
        if not path.is_file():
            raise SystemExit(f"{path}: missing (see sources.tsv for its origin)")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != row["sha256"]:
            raise SystemExit(f"{path}: sha256 {digest} differs from sources.tsv")
    return rows


def read_taxonomy(path: Path) -> dict[int, list[str]]:
    """Google category id -> its path as a list of names."""
    out: dict[int, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d+) - (.+)$", line.strip())
        if m:
            out[int(m.group(1))] = [p.strip() for p in m.group(2).split(" > ")]
    return out


def groups_by_id(en: dict[int, list[str]], out: Path) -> dict[int, tuple[str, bool]]:
    """Every English category id -> (group, carrier) of its deepest listed ancestor."""
    rules: dict[tuple[str, ...], tuple[str, bool]] = {}
    for row in read_tsv(out / "taxonomy_groups.tsv"):
        gid = int(row["google_id"])
        if gid not in en or " > ".join(en[gid]) != row["path"]:
            raise SystemExit(f"taxonomy_groups.tsv: id {gid} is not {row['path']!r}")
        rules[tuple(en[gid])] = (row["group"], row["carrier"] == "yes")
    found: dict[int, tuple[str, bool]] = {}
    for gid, path in en.items():
        for depth in range(len(path), 0, -1):
            hit = rules.get(tuple(path[:depth]))
            if hit:
                found[gid] = hit
                break
    return found


def singular_en(word: str) -> str:
    if len(word) < 4 or not word.isalpha() or not word.endswith("s"):
        return word
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("ves"):
        return word[:-3] + ("fe" if word.endswith("ives") else "f")
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1]


def singulars(phrase: str, lang: str) -> list[str]:
    """The phrase and a singular guess (a wrong guess only adds a form no text has)."""
    words = phrase.split(" ")
    i = 0 if lang in HEAD_FIRST else len(words) - 1
    w = words[i]
    forms = {phrase}
    if lang == "en":
        cand = [singular_en(w)]
    elif lang in {"es", "pt", "fr"}:
        cand = [w[:-1]] if len(w) > 3 and w[-1] in "sx" else []
        if lang == "es" and w.endswith("es") and len(w) > 4:
            cand.append(w[:-2])
    elif lang == "de":
        cand = [w[:-1]] if len(w) > 4 and (w.endswith("en") or w.endswith("s")) else []
    else:
        cand = []
    for c in cand:
        forms.add(" ".join([*words[:i], c, *words[i + 1 :]]))
    return sorted(forms)


def names_of(leaf: str) -> list[tuple[str, str, bool]]:
    """(name, head phrase, shared) for each product a taxonomy leaf names. ``shared``: a
    one-word part beside longer ones may share their words ("Waste Container Labels &
    Signs" are waste container signs, "Salt & Pepper Shakers" are salt shakers), so it is
    only weak evidence for what the bare word means."""
    leaf = re.sub(r"\([^)]*\)", " ", leaf)
    parts = [" ".join(fold(p).split()) for p in _JOIN.split(leaf)]
    parts = [p for p in parts if p and len(p.split()) <= _MAX_WORDS]
    # only a pair shares words ("Salt & Pepper Shakers"); a list keeps each name whole
    # ("Posters, Prints, & Visual Artwork")
    pair = len(parts) == 2 and any(" " in p for p in parts)
    out = []
    for name in parts:
        head = _PREP.split(f" {name} ", maxsplit=1)[0].strip() if " " in name else name
        out.append((name, head or name, pair and " " not in name))
    return out


def english_type(path: list[str]) -> str:
    """The type name of a category: its English leaf, singular ("Mobile Phone Case")."""
    names = names_of(path[-1])
    first = names[0][0] if names else fold(path[-1])
    return _singular_phrase(first)


def _singular_phrase(phrase: str) -> str:
    words = phrase.split(" ")
    return " ".join([*words[:-1], singular_en(words[-1])])


Row = tuple[str, str, str, str, bool, bool, str]  # term, lang, type, group, carrier, form, origin


def common_english(limit: int = 3000) -> frozenset[str]:
    """The most frequent English words (wordlists/brands/common_words.txt, from spaCy's
    lexeme table): a form of another language that spells one of these ("thé" folds to
    "the", Spanish "set") would match English text, so it is left out."""
    words = []
    for line in (
        (WORDLISTS / "brands" / "common_words.txt").read_text(encoding="utf-8").splitlines()
    ):
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line)
    return frozenset(words[:limit])


def usable(form: str, lang: str, common: frozenset[str]) -> bool:
    """Long enough to be a noun sellers write, and not an English word in disguise."""
    if is_cjk(form):
        return len(form) >= 2
    if len(form) < 3:
        return False
    return lang == "en" or form not in common


def is_cjk(text: str) -> bool:
    return re.search("[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]", text) is not None


def taxonomy_rows(
    locales: dict[str, dict[int, list[str]]], en: dict[int, list[str]], groups: dict
) -> list[Row]:
    whole: dict[tuple[str, str], set[tuple[str, str, bool, str]]] = defaultdict(set)
    exact: dict[tuple[str, str], set[tuple[str, str, bool, str]]] = defaultdict(set)
    bare: dict[tuple[str, str], set[tuple[str, str, bool, str]]] = defaultdict(set)
    for lang, tax in locales.items():
        for gid, path in tax.items():
            # a top-level category ("Food, Beverages & Tobacco") is a department, not a type
            if gid not in en or gid not in groups or len(path) < 2:
                continue
            group, carrier = groups[gid]
            type_name = english_type(en[gid])
            origin = f"google-{gid}"
            names = names_of(path[-1])
            for name, head, shared in names:
                # a leaf that is this one name ("Plates") outweighs a part of a longer
                # leaf ("Baseball & Softball Bases & Plates")
                target = whole if len(names) == 1 else (bare if shared else exact)
                for form in singulars(name, lang):
                    target[(form, lang)].add((type_name, group, carrier, origin))
                if head != name:
                    for form in singulars(head, lang):
                        bare[(form, lang)].add((type_name, group, carrier, origin))
                words = head.split(" ")
                if len(words) > 1 and lang not in {"zh", "ja"}:
                    noun = words[0] if lang in HEAD_FIRST else words[-1]
                    if len(noun) > 2:
                        for form in singulars(noun, lang):
                            bare[(form, lang)].add((fold(noun), group, carrier, origin))
    common = common_english()
    rows: list[Row] = []
    for key in sorted(set(whole) | set(exact) | set(bare)):
        # a one-word part that may share the words of its neighbours ("Hot & Cold
        # Therapies") is kept only when it is not an everyday English word
        named = key in whole or key in exact
        # a bare head noun needs two categories behind it: "paraphernalia" only ends
        # "Autographed Sports Paraphernalia", which says nothing about the word alone
        backed = named or len({o for *_, o in bare[key]}) >= 2
        if usable(*key, common) and backed and (named or key[0] not in common):
            rows.append(_merge(key, whole.get(key) or exact.get(key) or bare[key]))
    return rows


def _merge(key: tuple[str, str], found: set[tuple[str, str, bool, str]]) -> Row:
    """One row for a term that several categories share: the group of at least two
    thirds of them ("treats": bird, cat, dog, small-animal treats and horse treats), else
    none; the most common type, or its English head noun when the types differ."""
    term, lang = key
    by_origin = {o: (t, g, c) for t, g, c, o in sorted(found)}
    votes = Counter(g for _, g, _ in by_origin.values())
    group, n = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
    if n * 3 < len(by_origin) * 2:
        group = ""
    members = [v for v in by_origin.values() if not group or v[1] == group]
    carrier = sum(c for _, _, c in members) * 2 > len(members)
    types = Counter(t for t, _, _ in members)
    best = max(types.items(), key=lambda kv: (kv[1], -len(kv[0]), kv[0]))[0]
    type_name = best if len(types) == 1 else best.split(" ")[-1]
    origins = sorted(by_origin, key=lambda o: int(o.split("-")[1]))
    origin = origins[0] + (f"+{len(origins) - 1}" if len(origins) > 1 else "")
    return (term, lang, type_name, group, carrier, False, origin)


def plural_forms(term: str) -> list[str]:
    """The term and its regular English plural (as listlint.text.matcher.inflections)."""
    words = term.split(" ")
    last = words[-1]
    forms = {last}
    if len(last) > 2 and last.replace("-", "").isalpha():
        if last.endswith(("s", "x", "z", "ch", "sh")):
            forms.add(last + "es")
        elif last.endswith("y") and last[-2] not in "aeiou":
            forms.add(last[:-1] + "ies")
        elif last.endswith("fe"):
            forms.update({last + "s", last[:-2] + "ves"})
        else:
            forms.add(last + "s")
    return [" ".join([*words[:-1], f]) for f in sorted(forms)]


def measures_rows(out: Path, english: frozenset[str] = frozenset()) -> list[Row]:
    mapping = {r["type"]: r for r in read_tsv(out / "measures_types.tsv")}
    rows: list[Row] = []
    for row in read_tsv(WORDLISTS / "measures" / "product_types.tsv"):
        m = mapping.get(row["type"])
        if m is None:
            raise SystemExit(f"measures_types.tsv: no group for type {row['type']!r}")
        for kw in row["keywords"].split("|"):
            kw = " ".join(fold(kw).split())
            if kw:
                # the type's own name when the keyword shares a word with it ("oxford shirt"
                # is a shirt), else the keyword ("nail polish" is not a "lipstick")
                name = re.sub(r"\s+\d.*$", "", row["type"].split(" (")[0].split(" / ")[0])
                shared = set(re.split(r"[\s-]+", name)) & set(re.split(r"[\s-]+", kw))
                if not shared and kw in english:
                    name = _singular_phrase(kw)
                rows.append((kw, "*", name, m["group"], m["carrier"] == "yes", False, "measures"))
    return rows


def extra_rows(out: Path) -> list[Row]:
    return [
        (
            " ".join(fold(r["term"]).split()),
            r["lang"],
            r["type"],
            r["group"],
            r["carrier"] == "yes",
            r["form"] == "yes",
            r["source"],
        )
        for r in read_tsv(out / "extra_types.tsv")
    ]


def colour_rows(src: Path) -> list[tuple[str, str]]:
    names: dict[str, str] = {}
    for line in (src / "xkcd_colors.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        name = " ".join(fold(line.split("\t")[0]).replace("/", " ").split())
        names.setdefault(name, "xkcd")
    for line in (src / "x11_rgb.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split(None, 3)
        if line.startswith("!") or len(parts) < 4:
            continue
        name = parts[3].strip()
        if " " not in name:  # X11 also spells "GhostWhite": split camel case
            name = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
        name = " ".join(re.sub(r"\d+$", "", fold(name)).split())
        if name:
            names.setdefault(name, "x11")
    return sorted(names.items())


def resolve_forms(layers: tuple[list[Row], ...]) -> dict[str, tuple]:
    """One row per folded form. A later layer (measures keywords, then extra_types.tsv)
    replaces every row of the same form from earlier ones: it was listed to settle that
    term. Within a layer, a form named in several languages keeps the group its rows
    agree on (the exact term before a plural guess of another)."""
    by_form: dict[str, tuple[int, list[Row]]] = {}
    all_langs: dict[str, set[str]] = defaultdict(set)
    for level, layer in enumerate(layers):
        for row in layer:
            term, lang = row[0], row[1]
            variants = plural_forms(term) if lang in {"*", "en"} and term.isascii() else [term]
            for form in variants:
                if lang != "*":
                    all_langs[form].add(lang)
                old = by_form.get(form)
                if old is None or old[0] < level:
                    by_form[form] = (level, [row])
                elif old[0] == level:
                    old[1].append(row)
    out: dict[str, tuple] = {}
    for form, (_, found) in by_form.items():
        exact = [r for r in found if r[0] == form]
        pick = sorted(exact or found)
        # an English word is read as English: the Spanish "set" of "sets de tren" does
        # not make every English "set" a toy train
        pick = [r for r in pick if r[1] in ("en", "*")] or pick
        groups = {r[3] for r in pick if r[3]}
        group = groups.pop() if len(groups) == 1 else ""
        best = next((r for r in pick if r[3] == group), pick[0])
        # a hand-listed "camiseta" (lang *) is head-first because the taxonomy's Spanish
        # and Portuguese rows name it; "t-shirt" is not, English and German name it too
        langs = sorted(all_langs.get(form) or {r[1] for r in found})
        head_first = bool(langs) and all(lang in HEAD_FIRST for lang in langs)
        carrier = best[4] if group else any(r[4] for r in pick)
        form_flag = any(r[5] for r in pick)
        out[form] = (form, best[2], group, carrier, form_flag, head_first, ",".join(langs), best[6])
    return out


def write_tsv(path: Path, header: str, rows: list[tuple], comment: str) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(comment)
        fh.write(header + "\n")
        for row in rows:
            cells = [("yes" if v else "no") if isinstance(v, bool) else str(v) for v in row]
            fh.write("\t".join(cells) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sources", type=Path)
    ap.add_argument("--out", type=Path, default=WORDLISTS / "product")
    args = ap.parse_args(argv)
    sources = check_sources(args.sources, args.out)
    locales = {
        r["lang"]: read_taxonomy(args.sources / r["name"])
        for r in sources
        if r["name"].startswith("taxonomy-with-ids.")
    }
    en = locales["en"]
    groups = groups_by_id(en, args.out)
    tax_rows = taxonomy_rows(locales, en, groups)
    english = frozenset(r[0] for r in tax_rows if r[1] == "en")
    layers = (tax_rows, measures_rows(args.out, english), extra_rows(args.out))
    forms = resolve_forms(layers)
    pinned = ", ".join(
        f"{r['name']} ({r['origin']})" for r in sources if r["name"].startswith("tax")
    )
    comment = (
        "# GENERATED by tools/gen_product_lexicon.py from the sources pinned in sources.tsv; do not edit.\n"
        "# Product-type nouns, one row per folded form (plurals of English terms included): Google product\n"
        "# taxonomy leaves (" + pinned + "),\n"
        "# wordlists/measures/product_types.tsv keywords, extra_types.tsv. group/carrier from taxonomy_groups.tsv,\n"
        "# measures_types.tsv. group '' = the noun is shared by categories of several groups. head_first = every\n"
        "# language naming it puts the head noun first (es, pt, fr, id, vi, ar).\n"
    )
    write_tsv(
        args.out / "types.tsv",
        "term\ttype\tgroup\tcarrier\tform\thead_first\tlangs\torigin",
        [forms[k] for k in sorted(forms)],
        comment,
    )
    ids = sorted(groups)
    write_tsv(
        args.out / "google_ids.tsv",
        "google_id\ttype\tgroup\tcarrier",
        [(i, english_type(en[i]), *groups[i]) for i in ids],
        "# GENERATED by tools/gen_product_lexicon.py: every Google product category id with its type and\n"
        "# group (taxonomy_groups.tsv), for category columns that hold Google ids.\n",
    )
    colours = colour_rows(args.sources)
    write_tsv(
        args.out / "colours.tsv",
        "name\torigin",
        colours,
        "# GENERATED by tools/gen_product_lexicon.py: colour names of the xkcd colour survey (CC0,\n"
        "# https://xkcd.com/color/rgb.txt) and X11 rgb.txt (Debian x11-common), pinned in sources.tsv.\n",
    )
    print(f"types.tsv: {len(forms)} forms; colours.tsv: {len(colours)} names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
