"""Build wordlists/claims/conditions_<lang>.tsv for es, pt, de, fr, id: disease and
condition names in the languages of the shared exports, same columns as
conditions_lexicon.tsv.

Sources (pinned; see tools/lexicons/README.md):
  ICD-10 translations (icd10_i18n.py)      es, pt, de, id titles with qualifiers stripped
  Open Multilingual Wordnet (omw-data)     lemmas of the synsets that are medical in the
                                           Open English WordNet, joined through the
                                           Collaborative Interlingual Index (cili): es MCR,
                                           pt OpenWN-PT, fr WOLF, id Wordnet Bahasa, and
                                           Wiktionary-derived lists for all five (de only so)

Kind, topic and code follow the English lexicon (the ICD code's chapter; for a WordNet
lemma the English row of its synset). A lemma that the language's wordnet also files
under a non-medical synset is marked ambiguous, as in English.
Run: python tools/lexicons/build_conditions_i18n.py [--mirrors DIR] [--lang es ...]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_conditions
import icd10_i18n
import icd10cm
import wordnet
from pinned import DEFAULT_MIRRORS, WORDLISTS, GitFile, mirror_dir, write_tsv

LANGS = ("es", "pt", "de", "fr", "id")
OMW_REPO = "omwn/omw-data"
OMW_COMMIT = "f75be19ec590da12a7a5665e361690b5badb7a25"  # 2026-01-31
#: the Spanish MCR file grew past the mirror's 4 MiB limit; its 2020 version is kept
OMW_SPA_COMMIT = "291d2c211b767ff10c17a7eea22d521577001ff6"
CILI_REPO = "globalwordnet/cili"
CILI_COMMIT = "dfc99e15e11e5b20e143f29386220d7b69805628"  # 2024-06-11
#: language -> [(commit, path, licence)] of OMW tab files
OMW_FILES = {
    "es": [
        (OMW_SPA_COMMIT, "wns/mcr/wn-data-spa.tab", "MCR, CC BY 3.0"),
        (OMW_COMMIT, "wns/wikt/wn-wikt-spa.tab", "Wiktionary, CC BY-SA 3.0"),
    ],
    "pt": [
        (OMW_COMMIT, "wns/por/wn-data-por.tab", "OpenWN-PT, CC BY-SA"),
        (OMW_COMMIT, "wns/wikt/wn-wikt-por.tab", "Wiktionary, CC BY-SA 3.0"),
    ],
    "fr": [
        (OMW_COMMIT, "wns/fra/wn-data-fra.tab", "WOLF, CeCILL-C"),
        (OMW_COMMIT, "wns/wikt/wn-wikt-fra.tab", "Wiktionary, CC BY-SA 3.0"),
    ],
    "id": [
        (OMW_COMMIT, "wns/msa/wn-data-ind.tab", "Wordnet Bahasa, MIT"),
        (OMW_COMMIT, "wns/wikt/wn-wikt-ind.tab", "Wiktionary, CC BY-SA 3.0"),
    ],
    "de": [(OMW_COMMIT, "wns/wikt/wn-wikt-deu.tab", "Wiktionary, CC BY-SA 3.0")],
}


def oewn_by_ili(mirrors: Path) -> dict[str, str]:
    """ILI id -> OEWN synset id, read from the synset files (the parse cache keeps no ili)."""
    import subprocess

    git_dir = mirror_dir(wordnet.REPO, mirrors)
    cmd = ["git", f"--git-dir={git_dir}", "ls-tree", "--name-only", wordnet.COMMIT, "src/yaml/"]
    names = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
    out: dict[str, str] = {}
    for name in names:
        if not Path(name).stem.startswith("noun."):
            continue
        sid = None
        for line in GitFile(wordnet.REPO, wordnet.COMMIT, name).read(mirrors).decode().splitlines():
            if re.match(r"^\d{8}-[nvasr]:$", line):
                sid = line[:-1]
            elif sid and line.startswith("  ili: "):
                out[line[7:].strip()] = sid
    return out


def pwn30_to_oewn(mirrors: Path) -> dict[str, str]:
    by_ili = oewn_by_ili(mirrors)
    raw = GitFile(CILI_REPO, CILI_COMMIT, "ili-map-pwn30.tab").read(mirrors).decode()
    out = {}
    for line in raw.splitlines():
        ili, _, offset = line.partition("\t")
        if ili in by_ili:
            out[offset.strip()] = by_ili[ili]
    return out


def omw_lemmas(lang: str, mirrors: Path) -> dict[str, set[str]]:
    """lemma -> PWN 3.0 offsets of its synsets, over the language's OMW files."""
    senses: dict[str, set[str]] = defaultdict(set)
    for commit, path, _ in OMW_FILES[lang]:
        for line in GitFile(OMW_REPO, commit, path).read(mirrors).decode("utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) == 3 and cells[1].endswith("lemma") and cells[0].endswith("-n"):
                lemma = re.sub(r"[\s_]+", " ", cells[2]).strip().lower()
                if lemma:
                    senses[lemma].add(cells[0])
    return senses


def build_lang(
    lang: str,
    mirrors: Path,
    wn: wordnet.WordNet,
    english: dict[str, build_conditions.Row],
    to_oewn: dict[str, str],
) -> list[build_conditions.Row]:
    rows: dict[str, build_conditions.Row] = {}
    if lang in icd10_i18n.RULES:
        for title in icd10_i18n.titles(lang, mirrors):
            code = title.code
            if not code or code[0] in icd10cm.SKIP_CHAPTERS or "T36" <= code[:3] <= "T65":
                continue  # circumstances, external causes, and poisoning by named substances
            term = icd10_i18n.clean(title.text, lang)
            if not term or (code[0] in "ST" and len(term.split()) > 2):
                continue
            old = rows.get(term)
            if old is None or build_conditions._rank(code) < build_conditions._rank(old.code):
                rows[term] = build_conditions.Row(
                    term, icd10cm.kind_of(code), icd10cm.topic_of(code), code, f"icd10-{lang}"
                )
    roots = set(wordnet.root_ids(wn))
    by_sid: dict[str, build_conditions.Row] = {}
    for row in english.values():
        if row.source == "oewn" and row.code.startswith("oewn:"):
            by_sid.setdefault(row.code[5:], row)
    senses = omw_lemmas(lang, mirrors)
    for lemma, offsets in senses.items():
        sids = {to_oewn[o] for o in offsets if o in to_oewn}
        medical = sorted(s for s in sids if s in wn.medical and s not in roots)
        if not medical or lemma in rows or len(lemma) < 3 or len(lemma.split()) > 4:
            continue
        sid = medical[0]
        members = [m.lower() for m in wn.synsets[sid].members]
        ref = next((english[m] for m in members if m in english), None) or by_sid.get(sid)
        if ref is None:
            continue  # the English lexicon dropped every name of this synset (too generic)
        code = ref.code if not ref.code.startswith("oewn:") else f"oewn:{sid}"
        rows[lemma] = build_conditions.Row(lemma, ref.kind, ref.topic, code, f"omw-{lang}")
    for row in rows.values():
        sids = {to_oewn[o] for o in senses.get(row.term, ()) if o in to_oewn}
        other = sorted(
            {wn.synsets[s].lexname for s in sids if s not in wn.medical and s in wn.synsets}
        )
        if row.kind == "pathogen":
            other = [o for o in other if o != "noun.animal"]
        row.ambiguous = "other-senses:" + ",".join(other) if other else ""
    return sorted(rows.values(), key=lambda r: (r.topic, r.kind, r.term))


def header(lang: str) -> list[str]:
    omw = "; ".join(f"{path} ({lic})" for _, path, lic in OMW_FILES[lang])
    lines = [
        f"Disease and condition names in '{lang}' for the claims family, generated from public sources.",
        "Sources (column `source`):",
    ]
    if lang in icd10_i18n.SOURCES:
        lines.append(f"  icd10-{lang}: {icd10_i18n.SOURCES[lang]}")
    lines += [
        f"  omw-{lang}: Open Multilingual Wordnet github:{OMW_REPO}@{OMW_COMMIT[:12]} {omw};",
        f"    joined to Open English WordNet medical synsets (github:{wordnet.REPO}@{wordnet.COMMIT[:12]})",
        f"    through github:{CILI_REPO}@{CILI_COMMIT[:12]} ili-map-pwn30.tab",
        "Rules: tools/lexicons/icd10_i18n.py (this language's 'other', 'unspecified', 'due to', lists,",
        "  >5 words dropped), build_conditions_i18n.py (lemmas of medical synsets).",
        "Columns as in conditions_lexicon.tsv: term, kind, topic (rewordings.tsv key), code (ICD-10 code",
        "  without dot, or oewn:<synset>), source, ambiguous (other-senses:<WordNet files> when this",
        "  language's wordnet also files the word under a non-medical synset).",
        "Caveat: names are as the classification words them; lay words come only from the wordnets.",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=DEFAULT_MIRRORS)
    parser.add_argument("--lang", action="append", choices=LANGS)
    args = parser.parse_args(argv)
    wn = wordnet.load_cached(args.mirrors)
    english = {r.term.lower(): r for r in build_conditions.build(args.mirrors)}
    to_oewn = pwn30_to_oewn(args.mirrors)
    for lang in args.lang or LANGS:
        rows = build_lang(lang, args.mirrors, wn, english, to_oewn)
        out = WORDLISTS / "claims" / f"conditions_{lang}.tsv"
        n = write_tsv(
            out,
            header(lang),
            build_conditions.COLUMNS,
            ((r.term, r.kind, r.topic, r.code, r.source, r.ambiguous) for r in rows),
            "tools/lexicons/build_conditions_i18n.py",
        )
        print(f"{out}: {n} rows")
        for label, counter in (
            ("kind", Counter(r.kind for r in rows)),
            ("source", Counter(r.source for r in rows)),
            ("ambiguous", Counter(r.ambiguous.split(":")[0] or "-" for r in rows)),
        ):
            print(f"  {label}: " + ", ".join(f"{k} {v}" for k, v in counter.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
