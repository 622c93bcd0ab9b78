"""Detection of lookalike brands and counterfeit listings on ``lookalikes_dev.jsonl``.

Each labelled text is linted as one listing (title = text; brand column from
``seller_brand``/``brand_field`` and GTIN from ``gtin`` when the record has them; category
"Watches" for the watch listings; price with its currency when given). Reports detection on ``lookalike_brand_name``, ``suspected_counterfeit``
and ``counterfeit_signal_phrase`` (any ``ip`` finding counts) and false alarms on
``legit_brand_reference``.

    python benchmarks/eval_lookalikes.py [path/to/lookalikes_dev.jsonl] [-v]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import listlint

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "lookalikes_dev.jsonl"
POSITIVE = ("lookalike_brand_name", "suspected_counterfeit", "counterfeit_signal_phrase")
NEGATIVE = ("legit_brand_reference",)
CODES = ["TM101", "TM102", "TM103", "TM104", "TM105"]


def listing(record: dict) -> dict:
    out = {"title": record["text"]}
    brand = record.get("seller_brand") or record.get("brand_field")
    if brand:
        out["brand"] = brand
    if record.get("gtin"):
        out["gtin"] = record["gtin"]
    for key, currency in (("price_aed", "AED"), ("price_cny", "CNY")):
        if record.get(key) is not None:
            out["price"] = f"{record[key]} {currency}"
    if str(record.get("listing_id", "")).startswith("watch"):
        out["category"] = "Watches"
    return out


def evaluate(path: Path) -> dict[str, dict]:
    records = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    stats: dict[str, dict] = {}
    for rec in records:
        label = rec["label"]
        if label not in POSITIVE + NEGATIVE:
            continue
        report = listlint.lint([listing(rec)], policy=["base"], select=CODES)
        found = [f for f in report.findings if f.rule in CODES]
        s = stats.setdefault(label, {"n": 0, "flagged": 0, "items": []})
        s["n"] += 1
        s["flagged"] += bool(found)
        s["items"].append((rec["text"], [(f.rule, f.severity.value, f.match) for f in found]))
    return stats


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    path = Path(args[0]) if args else DEFAULT
    if not path.exists():
        print(f"{path} not found")
        return 2
    stats = evaluate(path)
    pos_n = sum(stats.get(label, {"n": 0})["n"] for label in POSITIVE)
    pos_hit = sum(stats.get(label, {"flagged": 0})["flagged"] for label in POSITIVE)
    for label, s in stats.items():
        kind = "false alarms" if label in NEGATIVE else "detected"
        print(f"{label:28s} {kind}: {s['flagged']}/{s['n']}")
        if verbose:
            for text, found in s["items"]:
                print(f"    {'X' if found else '.'} {text[:70]!r} {found}")
    print(f"{'overall detection':28s} {pos_hit}/{pos_n} = {pos_hit / max(pos_n, 1):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
