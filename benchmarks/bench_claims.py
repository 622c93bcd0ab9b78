"""Time the health-claims rules (HC101-HC106) on a catalogue, apart from loading it.

    python benchmarks/generate.py 1000000 /tmp/1m.csv
    python benchmarks/bench_claims.py /tmp/1m.csv

Prints load time, rule time (gate + prefilter + spaCy on candidates + findings), how many
rows passed the gate and how many sentences reached spaCy, findings per code, peak RSS,
and whether spaCy was imported at all. Figures on a shared 2-core machine are noisy upper
bounds; CPU time is the steadier figure when other jobs share the cores. Target (issue 4): 1M synthetic listings in under 10 s for the rules.
"""

from __future__ import annotations

import resource
import sys
import time
from collections import Counter
from pathlib import Path

import listlint
from listlint.api import make_config
from listlint.engine import RuleSet, check_batch


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    path = Path(argv[0])
    t0 = time.perf_counter()
    catalog = listlint.load(path)
    _ = catalog.frame.height  # the loader may normalise lazily: keep that out of the rule time
    t1 = time.perf_counter()
    c1 = time.process_time()
    ruleset = RuleSet.build(make_config(select=["claims"]))
    findings = []
    for batch in catalog.batches(ruleset.config.batch_size):
        findings.extend(check_batch(ruleset, batch))
    t2 = time.perf_counter()
    c2 = time.process_time()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"file: {path} ({catalog.listings_count:,} listings)")
    print(
        f"load: {t1 - t0:.2f} s   claims rules: {t2 - t1:.2f} s wall, {c2 - c1:.2f} s CPU"
        f"   peak RSS: {rss:.0f} MB"
    )
    print(f"spaCy imported: {'spacy' in sys.modules}")
    for code, n in sorted(Counter(f.rule for f in findings).items()):
        print(f"  {code}: {n:,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
