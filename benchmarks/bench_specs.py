"""Time the ``specs`` rule family (SP1xx-SP3xx) on a large catalogue, apart from loading.

    python benchmarks/generate.py 100000 benchmarks/data/100000.csv
    python benchmarks/bench_specs.py benchmarks/data/100000.csv [--policy=google-shopping,amazon-us]
        [--select=SP101,SP201] [--shared-text]

Prints the load time (not part of the family), each rule's CPU time (per-batch checks,
and for catalogue rules the partial and merge phases; polars threads count too), the
findings per code and the peak RSS. ``--select`` picks rules (default: the whole family,
opt-in SP102 included). ``--shared-text`` folds the text columns before the rules run and
reports that apart, as in a full lint where another family (prohibited, claims) has
usually folded them already. On a shared machine treat every figure as a noisy upper
bound.
"""

from __future__ import annotations

import resource
import sys
import time
from collections import Counter
from pathlib import Path

import listlint
from listlint.config import Config
from listlint.engine import RuleSet, catalog_partials, check_batch, merge_partials


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    policy, select = ["base"], ["specs"]
    for a in argv:
        if a.startswith("--policy="):
            policy = a.split("=", 1)[1].split(",")
        if a.startswith("--select="):
            select = a.split("=", 1)[1].split(",")
    shared_text = "--shared-text" in argv
    if not args:
        print(__doc__)
        return 2
    t0 = time.perf_counter()
    catalog = listlint.load(Path(args[0]))
    t_load = time.perf_counter() - t0
    ruleset = RuleSet.build(Config(select=select, policy=policy))
    per_rule: Counter[str] = Counter()
    found: Counter[str] = Counter()
    partials: dict[str, list] = {}
    cpu0, wall0 = time.process_time(), time.perf_counter()
    shared = 0.0
    for batch in catalog.batches(ruleset.config.batch_size):
        if shared_text:
            t0 = time.process_time()
            for name in ("title", "description", "bullets", "category"):
                batch.folded_series(name)
            shared += time.process_time() - t0
        for rule in ruleset.rules:
            t0 = time.process_time()
            found.update(f.rule for f in check_batch(ruleset, batch, [rule]))
            for code, frame in catalog_partials(ruleset, batch, [rule]).items():
                partials.setdefault(code, []).append(frame)
            per_rule[rule.code] += time.process_time() - t0
    for code, frames in partials.items():
        t0 = time.process_time()
        found.update(f.rule for f in merge_partials(ruleset, {code: frames}, catalog.path))
        per_rule[code] += time.process_time() - t0
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"listings   {catalog.listings_count:,}   policy {','.join(policy)}")
    print(f"load       {t_load:.2f} s (not part of the family)")
    print(f"specs      {wall:.2f} s wall, {cpu:.2f} s CPU (per rule: CPU seconds; the")
    print("           first rule to read a column pays for folding it, shared with others)")
    if shared_text:
        print(f"  shared text folding {shared:.2f} s (paid by whichever family folds first)")
    print(f"  rules    {sum(per_rule.values()):6.2f} s in all")
    for code, seconds in sorted(per_rule.items()):
        print(f"  {code}  {seconds:6.2f} s   {found.get(code, 0):>7,} findings")
    print(f"peak RSS   {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
