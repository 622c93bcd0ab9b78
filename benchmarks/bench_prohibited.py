"""Time the ``prohibited`` rule family (PR1xx) on a large catalogue, apart from loading.

    python benchmarks/generate.py 1000000 /tmp/1m.csv
    python benchmarks/bench_prohibited.py /tmp/1m.csv [--policy=tiktok-shop-us,amazon-us]

Prints the load time (not part of the family), the time to fold the text columns (shared
with the claims and ip families, so reported apart), the family's own time, its cost per
100k listings, the findings per code and the peak RSS. Wall-clock figures on a shared
machine are noisy upper bounds; the process CPU time is printed too.
"""

from __future__ import annotations

import resource
import sys
import time
from collections import Counter
from pathlib import Path

import listlint
from listlint.config import Config
from listlint.engine import RuleSet, check_batch
from listlint.rules.prohibited.prefilter import scanned_fields


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    options = dict(a[2:].split("=", 1) for a in argv if a.startswith("--") and "=" in a)
    if not args:
        print(__doc__)
        return 2
    path = Path(args[0])
    t0 = time.perf_counter()
    catalog = listlint.load(path)
    t_load = time.perf_counter() - t0
    cfg = Config(
        select=["prohibited"],
        policy=options.get("policy", "base"),
        batch_size=int(options.get("batch-size", Config().batch_size)),
    )
    t0 = time.perf_counter()
    ruleset = RuleSet.build(cfg)
    t_fold = t_rules = cpu_rules = 0.0
    found: Counter[str] = Counter()
    listings: set[int] = set()
    cpu0 = time.process_time()
    for batch in catalog.batches(cfg.batch_size):
        t1 = time.perf_counter()
        for name, _ in scanned_fields(batch):
            batch.folded_series(name)
        t_fold += time.perf_counter() - t1
        t1, c1 = time.perf_counter(), time.process_time()
        findings = check_batch(ruleset, batch, ruleset.rules)
        t_rules += time.perf_counter() - t1
        cpu_rules += time.process_time() - c1
        found.update(f.rule for f in findings)
        listings.update(f.row for f in findings if f.row is not None)
    cpu = time.process_time() - cpu0
    n = catalog.listings_count
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"listings               {n:,}")
    print(f"load                   {t_load:.2f} s (not part of the family)")
    print(f"fold scanned fields    {t_fold:.2f} s (shared with the other text families)")
    print(f"prohibited family      {t_rules:.2f} s  ({t_rules / n * 1e5:.3f} s per 100k listings)")
    print(
        f"family + folding       {t_rules + t_fold:.2f} s  "
        f"({(t_rules + t_fold) / n * 1e5:.3f} s per 100k listings)"
    )
    print(
        f"CPU, family alone      {cpu_rules:.2f} s  ({cpu_rules / n * 1e5:.3f} s per 100k listings)"
    )
    print(f"CPU, fold + family     {cpu:.2f} s")
    print(f"findings               {dict(sorted(found.items()))} on {len(listings):,} listings")
    print(f"peak RSS               {rss:,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
