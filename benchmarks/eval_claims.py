"""Dev-set precision/recall of the health-claims rules on ../shared/data/claims_dev.jsonl.

    python benchmarks/eval_claims.py [path/to/claims_dev.jsonl] [--category "Health > Supplements"] [-v]

Each line's text is linted as the description of one listing (no category by default:
the honest setting, since the dev lines carry none). Reports, per label, how many lines
any HC rule flags and how many HC101 (disease-claim) flags. Targets (issue 4): recall
>= 0.95 on disease_claim, false alarms <= 0.05 on structure_function and disclaimer.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import listlint

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "claims_dev.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--category", default=None)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    path = Path(args.path)
    if not path.is_file():
        print(f"dev set not found: {path}", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    listings = [
        {"sku": f"DEV-{i}", "description": r["text"], "category": args.category}
        for i, r in enumerate(rows)
    ]
    report = listlint.lint(listings, select=["claims"])
    codes: dict[int, set[str]] = {}
    for f in report.findings:
        codes.setdefault(int(f.sku.split("-")[1]), set()).add(f.rule)
    total, any_hc, hc101 = Counter(), Counter(), Counter()
    for i, r in enumerate(rows):
        label = r["label"]
        total[label] += 1
        found = codes.get(i, set())
        any_hc[label] += bool(found)
        hc101[label] += "HC101" in found
        if args.verbose:
            mark = ",".join(sorted(found)) or "-"
            print(f"{label[:12]:12} {mark:18} {r['text'][:100]}")
    print(f"{'label':20} {'lines':>5} {'any HC':>7} {'HC101':>6}")
    for label in sorted(total):
        n = total[label]
        print(f"{label:20} {n:5} {any_hc[label] / n:7.2f} {hc101[label] / n:6.2f}")
    neg = total["structure_function"] + total["disclaimer"]
    false_alarms = any_hc["structure_function"] + any_hc["disclaimer"]
    print(
        f"\nrecall(disease_claim, any HC) = {any_hc['disease_claim'] / total['disease_claim']:.3f}"
        f"  (HC101 only {hc101['disease_claim'] / total['disease_claim']:.3f})"
    )
    print(
        f"false alarms (structure_function + disclaimer) = {false_alarms}/{neg} = {false_alarms / max(neg, 1):.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
