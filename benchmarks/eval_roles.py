"""What a role-based verdict would change: the product analysis applied to today's findings.

    python benchmarks/eval_roles.py                 # dev: every finding with its role; test: totals
    python benchmarks/eval_roles.py --group prohibited
    python benchmarks/eval_roles.py --changes-only  # dev findings whose verdict would change

Runs the current rules on the labelled corpus (``corpus/``; see eval_corpus.py) and, for
each finding of the row's family at warning or error, asks :mod:`listlint.product` the
role of the matched text in its field. The simulated verdict: a finding whose term is a
depiction, attribute, brand, modifier or compatibility target is dropped (not the
product); one resting on a search tag stays at most a warning (still counted, as
eval_corpus.py counts warnings). A row stays flagged when one of its findings survives.

For ``dev`` it prints each finding (row id, label, rule, field, matched text, role,
reason, effect); for the blind ``test`` split only the totals per family (never its rows).

Two verdicts are simulated. ``generic``: the one above, for every family. ``family``:
what each family would take from the role. Prohibited: as generic. Claims: a claim word
is not a claim when it is a depiction, attribute or brand, or one word of another
product's name ("UV cure gel"); "for" before a claim is its purpose, not compatibility.
IP: only compatibility ("case for iPhone") and attributes clear a brand; a brand printed
on a carrier or written before another head noun is exactly what infringes.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import listlint
from listlint.product import NOT_PRODUCT, Role, analyse_records
from listlint.text.normalize import fold

POLICIES = ["tiktok-shop-us", "amazon-us"]
COUNTED = {"error", "warning"}
_FIELDS = ("title", "description", "category", "brand")


@dataclass
class Judged:
    row: int
    group: str
    rule: str
    field: str
    match: str
    role: str
    reason: str

    def kept(self, verdict: str) -> bool:
        """Does the finding survive the ``generic`` or ``family`` verdict?"""
        if self.role == "-":
            return True
        role = Role(self.role)
        if verdict == "generic" or self.group == "prohibited":
            return role not in NOT_PRODUCT
        if self.group == "ip":
            return role not in (Role.COMPATIBILITY, Role.ATTRIBUTE)
        one_word = len(self.match.split()) == 1
        return not (
            role in (Role.DEPICTION, Role.ATTRIBUTE, Role.BRAND)
            or (role is Role.MODIFIER and one_word)
        )


def locate(text: str, match: str) -> tuple[int, int] | None:
    """Span of the folded ``match`` in folded ``text`` (first whole-word hit, else any)."""
    if not text or not match:
        return None
    needle = fold(match).strip()
    pos = text.find(needle)
    first = pos
    while pos >= 0:
        before, after = text[pos - 1 : pos], text[pos + len(needle) : pos + len(needle) + 1]
        if not before.isalnum() and not after.isalnum():
            return pos, pos + len(needle)
        pos = text.find(needle, pos + 1)
    return (first, first + len(needle)) if first >= 0 else None


def judge(rows: list[corpus.Row]) -> dict[int, list[Judged]]:
    """Row index -> its counted findings of its own family, each with a role."""
    listings = [r.listing(f"C{i}") for i, r in enumerate(rows)]
    report = listlint.lint(listings, policy=POLICIES)
    pa = analyse_records([{f: r.get(f) for f in _FIELDS} for r in listings])
    out: dict[int, list[Judged]] = defaultdict(list)
    for f in report.findings:
        if not (f.sku and f.sku.startswith("C")) or f.severity.value not in COUNTED:
            continue
        i = int(f.sku[1:])
        if f.group != rows[i].group:
            continue
        field = f.field if f.field in _FIELDS else None
        span = locate(pa._text(field, i) or "", f.match or "") if field else None
        if span is None:  # a finding about the whole listing, or text it rewrote
            out[i].append(Judged(i, f.group, f.rule, f.field or "-", f.match or "", "-", "-"))
            continue
        role = pa.role(i, field, *span)
        out[i].append(
            Judged(i, f.group, f.rule, field, f.match or "", role.role.value, role.reason)
        )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--group", choices=corpus.GROUPS)
    ap.add_argument("--changes-only", action="store_true")
    args = ap.parse_args(argv)
    try:
        rows = [r for r in corpus.load() if not args.group or r.group == args.group]
    except ValueError as exc:
        print(f"corpus: {exc}", file=sys.stderr)
        return 2
    judged = judge(rows)
    totals: dict[tuple[str, str], Counter] = defaultdict(Counter)
    roles: dict[tuple[str, str], Counter] = defaultdict(Counter)
    print("dev findings (row, label, rule, field, match, role, generic / family effect | reason):")
    for i, row in enumerate(rows):
        found = judged.get(i, [])
        before = bool(found)
        t = totals[(row.split, row.group)]
        t[f"{row.label}_n"] += 1
        t[f"{row.label}_before"] += before
        effects = []
        for verdict in ("generic", "family"):
            after = any(j.kept(verdict) for j in found)
            t[f"{row.label}_{verdict}"] += after
            effect = "same"
            if before and not after:
                effect = "REMOVES FALSE ALARM" if row.label == "ok" else "LOSES TRUE HIT"
            effects.append(effect)
        t["tag_findings"] += sum(j.role == Role.TAG.value for j in found)
        for j in found:
            roles[(row.split, row.group)][j.role] += 1
        if row.split != "dev":
            continue
        for j in found:
            if args.changes_only and effects == ["same", "same"]:
                continue
            print(f"  {row.group:10} {row.id:14.14} {row.label:4} {j.rule:6} {j.field:11.11} "
                  f"{j.match[:24]!r:26} {j.role:13} {effects[0]:19} / {effects[1]:19} "
                  f"| {j.reason[:80]}")  # fmt: skip
    for verdict in ("generic", "family"):
        print(f"\n{verdict} verdict")
        print(f"{'family':11} {'split':5} {'recall before -> after':>26} "
              f"{'false alarms before -> after':>30}")  # fmt: skip
        for group in corpus.GROUPS:
            for split in ("dev", "test"):
                t = totals.get((split, group))
                if not t:
                    continue
                fn, on = t["flag_n"], t["ok_n"]
                rec = f"{t['flag_before']}/{fn} -> {t[f'flag_{verdict}']}/{fn}"
                fa = f"{t['ok_before']}/{on} -> {t[f'ok_{verdict}']}/{on}"
                print(f"{group:11} {split:5} {rec:>26} {fa:>30}   tags {t['tag_findings']}")
    print("\nroles of counted findings (split/family: role count):")
    for (split, group), c in sorted(roles.items()):
        print(f"  {split:5} {group:10} " + ", ".join(f"{r} {n}" for r, n in c.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
