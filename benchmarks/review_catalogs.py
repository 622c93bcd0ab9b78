"""False alarms of the detection families on the real exports, against a hand review.

    python benchmarks/review_catalogs.py                  # per family: findings, false per 1,000
    python benchmarks/review_catalogs.py --unreviewed     # what still needs a verdict
    python benchmarks/review_catalogs.py --false          # every reviewed false alarm

Lints every export in ``../shared/data/catalogs*`` (the licence keeps them out of this
repository) with the packs the corpus is labelled for, and joins each listing a family
flagged (file, row, group) with its verdict in ``corpus/catalog_review.tsv``: ``true`` (the
listing really has that family's problem), ``false`` (a false alarm), with a short note.
The review holds no catalogue text, only locations and verdicts.

Figures per family: listings, flagged listings at error and at warning, reviewed false
ones per 1,000 listings (issue 16's goal: under 1 false error and 5 false warnings per
1,000 per family), and how many flagged listings have no verdict yet.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

import listlint

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
REVIEW = ROOT / "corpus" / "catalog_review.tsv"
POLICIES = ["tiktok-shop-us", "amazon-us"]
FAMILIES = (
    "prohibited",
    "claims",
    "ip",
    "pricing",
    "category",
    "images",
    "offplatform",
    "advertising",
    "origin",
)
RANK = {"info": 0, "warning": 1, "error": 2}


def exports(shared: Path = SHARED) -> list[Path]:
    return sorted(
        p
        for folder in ("catalogs", "catalogs2")
        for p in (shared / folder).glob("*")
        if p.is_file() and p.suffix != ".md"
    )


def load_review(path: Path = REVIEW) -> dict[tuple[str, int, str], tuple[str, str]]:
    out: dict[tuple[str, int, str], tuple[str, str]] = {}
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as fh:
            for rec in csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"):
                key = (rec["file"], int(rec["row"]), rec["group"])
                out[key] = (rec["verdict"], rec.get("note") or "")
    return out


def flagged(path: Path, families: tuple[str, ...]) -> tuple[int, dict]:
    """Listings in ``path`` and, per (row, group), the worst severity, rules and quotes."""
    report = listlint.lint(str(path), policy=POLICIES, select=list(families))
    hits: dict[tuple[int, str], dict] = {}
    for f in report.findings:
        if f.row is None or f.severity.value == "info":
            continue
        h = hits.setdefault((f.row, f.group), {"sev": "info", "rules": set(), "quotes": set()})
        if RANK[f.severity.value] > RANK[h["sev"]]:
            h["sev"] = f.severity.value
        h["rules"].add(f.rule)
        if f.match:
            h["quotes"].add(f.match[:40])
    return report.summary.listings, hits


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--unreviewed", action="store_true")
    ap.add_argument("--false", action="store_true", dest="false_")
    ap.add_argument("--families", default=",".join(FAMILIES))
    args = ap.parse_args(argv)
    families = tuple(args.families.split(","))
    files = exports()
    if not files:
        print(f"no exports under {SHARED}: nothing to review", file=sys.stderr)
        return 2
    review = load_review()
    listings = 0
    counts: dict[str, Counter] = defaultdict(Counter)
    pending, false_rows = [], []
    for path in files:
        try:
            n, hits = flagged(path, families)
        except listlint.InputError as exc:
            print(f"skipped: {exc}", file=sys.stderr)
            continue
        listings += n
        for (row, group), h in sorted(hits.items()):
            c = counts[group]
            c[h["sev"]] += 1
            verdict = review.get((path.name, row, group))
            line = (path.name, row, group, h["sev"], ",".join(sorted(h["rules"])),
                    "; ".join(sorted(h["quotes"])))  # fmt: skip
            if verdict is None:
                c["unreviewed"] += 1
                pending.append(line)
            elif verdict[0] == "false":
                c[f"false_{h['sev']}"] += 1
                false_rows.append((*line, verdict[1]))
    print(f"{len(files)} exports, {listings} listings; packs {','.join(POLICIES)}")
    print(f"\n{'family':11} {'errors':>7} {'warnings':>9} {'false err/1k':>13} "
          f"{'false warn/1k':>14} {'unreviewed':>11}")  # fmt: skip
    for group in families:
        c = counts[group]
        fe = 1000 * c["false_error"] / listings
        fw = 1000 * c["false_warning"] / listings
        print(f"{group:11} {c['error']:7} {c['warning']:9} {fe:13.2f} {fw:14.2f} "
              f"{c['unreviewed']:11}")  # fmt: skip
    if args.unreviewed:
        print("\nunreviewed (file, row, group, severity, rules, quotes):")
        for line in pending:
            print("  " + "\t".join(map(str, line)))
    if args.false_:
        print("\nfalse alarms (file, row, group, severity, rules, quotes, note):")
        for line in false_rows:
            print("  " + "\t".join(map(str, line)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
