"""Run the prohibited family over the real exports and list every finding for review.

    python benchmarks/eval_prohibited_catalogs.py [catalogs-dir] [--policy=base,tiktok-shop-uk]

For each pack (one run per pack, so a finding's marketplace is unambiguous) prints the
listings with a ``prohibited`` error or warning, per file, then the totals: listings,
flagged listings, and the rate per 500 listings. Files listlint refuses (not catalogues)
are skipped. The verdict of each finding (true problem or false alarm) is a human call:
the README records the reviewed figures.
"""

from __future__ import annotations

import sys
from pathlib import Path

import listlint
from listlint.errors import ListlintError
from listlint.report import Severity

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "catalogs"


def evaluate(folder: Path, policy: str) -> tuple[int, int, list[str]]:
    listings = flagged = 0
    lines: list[str] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in (".md",):
            continue
        try:
            report = listlint.lint(path, policy=[policy], select=["prohibited"])
        except ListlintError:
            continue
        listings += report.summary.listings
        rows = set()
        for f in report.findings:
            if f.severity in (Severity.ERROR, Severity.WARNING):
                rows.add((f.sheet, f.row))
            where = f"{path.name}:{f.row}"
            lines.append(f"  {where:50} {f.rule} {f.severity.value:7} [{f.match}] {f.message[:90]}")
        flagged += len(rows)
    return listings, flagged, lines


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    options = dict(a[2:].split("=", 1) for a in argv if a.startswith("--") and "=" in a)
    folder = Path(args[0]) if args else DEFAULT
    if not folder.is_dir():
        print(f"catalogue folder not found: {folder}")
        return 2
    for policy in options.get("policy", "base").split(","):
        listings, flagged, lines = evaluate(folder, policy)
        print(f"== {policy}: {flagged} of {listings} listings flagged (error or warning)")
        print("\n".join(lines))
        rate = flagged / listings * 500 if listings else 0.0
        print(f"   {rate:.2f} flagged per 500 listings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
