"""Recall and false alarms of the detection families on the labelled real-text corpus.

    python benchmarks/eval_corpus.py                 # both splits, per family and kind
    python benchmarks/eval_corpus.py --show dev      # also list dev misses and false alarms
    python benchmarks/eval_corpus.py --json out.json # figures as JSON too

Each corpus row (``corpus/rows/*.jsonl``) is linted as one listing (title, description,
category, brand, price) against the packs the rows were labelled for (TikTok Shop US and
Amazon US). A row of group G counts as *flagged* when listlint reports a finding of group
G at warning or error: a ``flag`` row flagged is a hit, an ``ok`` row flagged is a false
alarm. Info findings never count.

The ``test`` split is blind: never tune on it. This script prints its rows only as
aggregates; ``--show`` accepts ``dev`` alone on purpose.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import listlint

POLICIES = ["tiktok-shop-us", "amazon-us"]
COUNTED = {"error", "warning"}
TARGET_RECALL, TARGET_FA = 0.90, 0.03


def flagged_groups(rows: list[corpus.Row], policies: list[str]) -> list[dict[str, set[str]]]:
    """Per row: group -> the rule codes of that group that fired (warning or error)."""
    report = listlint.lint([r.listing(f"C{i}") for i, r in enumerate(rows)], policy=policies)
    out: list[dict[str, set[str]]] = [defaultdict(set) for _ in rows]
    for f in report.findings:
        if f.sku and f.sku.startswith("C") and f.severity.value in COUNTED:
            out[int(f.sku[1:])][f.group].add(f.rule)
    return out


def _rate(n: int, d: int) -> str:
    return f"{n / d:.2f} ({n}/{d})" if d else "-"


def evaluate(rows: list[corpus.Row], fired: list[dict[str, set[str]]]) -> dict:
    """Counts per (split, group) and per (split, group, label, kind)."""
    totals: dict[tuple[str, str], Counter] = defaultdict(Counter)
    kinds: dict[tuple[str, str, str, str], Counter] = defaultdict(Counter)
    for row, hits in zip(rows, fired):
        hit = bool(hits.get(row.group))
        t = totals[(row.split, row.group)]
        t[f"{row.label}_n"] += 1
        t[f"{row.label}_hit"] += hit
        k = kinds[(row.split, row.group, row.label, row.kind)]
        k["n"] += 1
        k["hit"] += hit
    return {"totals": totals, "kinds": kinds}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", choices=["dev"], help="list dev misses and false alarms")
    ap.add_argument("--group", choices=corpus.GROUPS, help="one family only")
    ap.add_argument("--kinds", action="store_true", help="per-kind table")
    ap.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    ap.add_argument("--policy", default=",".join(POLICIES))
    args = ap.parse_args(argv)
    try:
        rows = [r for r in corpus.load() if not args.group or r.group == args.group]
    except ValueError as exc:
        print(f"corpus: {exc}", file=sys.stderr)
        return 2
    fired = flagged_groups(rows, args.policy.split(","))
    res = evaluate(rows, fired)
    docs = Counter(split for split in {r.doc: r.split for r in rows}.values())
    print(f"corpus: {len(rows)} rows, {docs['dev']} dev / {docs['test']} test documents; "
          f"packs {args.policy}; {date.today().isoformat()}")  # fmt: skip
    print(f"\n{'family':11} {'split':5} {'recall':>16} {'false alarms':>16}  target")
    summary = {}
    for group in corpus.GROUPS:
        for split in ("dev", "test"):
            t = res["totals"].get((split, group))
            if not t:
                continue
            recall = t["flag_hit"] / t["flag_n"] if t["flag_n"] else None
            fa = t["ok_hit"] / t["ok_n"] if t["ok_n"] else None
            ok = (
                recall is not None
                and fa is not None
                and recall >= TARGET_RECALL
                and fa <= TARGET_FA
            )
            print(f"{group:11} {split:5} {_rate(t['flag_hit'], t['flag_n']):>16} "
                  f"{_rate(t['ok_hit'], t['ok_n']):>16}  {'met' if ok else 'not met'}")  # fmt: skip
            summary[f"{group}/{split}"] = {"recall": recall, "false_alarms": fa, **t}
    if args.kinds:
        print(f"\n{'family':11} {'split':5} {'label':5} {'kind':28} {'flagged':>12}")
        for (split, group, label, kind), k in sorted(res["kinds"].items()):
            print(f"{group:11} {split:5} {label:5} {kind[:28]:28} {_rate(k['hit'], k['n']):>12}")
    if args.show == "dev":
        print("\ndev rows scored wrong (label, kind, rules fired, title | description):")
        for row, hits in zip(rows, fired):
            if row.split != "dev" or (row.label == "flag") == bool(hits.get(row.group)):
                continue
            codes = ",".join(sorted(hits.get(row.group, ()))) or "-"
            text = f"{row.title} | {row.description}"[:150]
            print(f"  {row.group:10} {row.label:4} {row.kind[:22]:22} {codes:12} {row.id}: {text}")
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1, default=dict), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
