"""Time the ``ip`` rule family (TM1xx) on a large catalogue, apart from loading.

    python benchmarks/generate.py 1000000 /tmp/1m.csv
    python benchmarks/bench_trademarks.py /tmp/1m.csv [--batch-size=N]
    python benchmarks/bench_trademarks.py --random-vocab=300000

The synthetic catalogue has a small vocabulary; ``--random-vocab=N`` times the lookalike
scoring alone on N distinct title words (60k dictionary words plus made-up ones), the
part that grows with a real catalogue's vocabulary.

Prints the load time (not part of the family), the time to fold the title and
description columns (shared with the prohibited and claims families, so reported
apart), the family's own time per rule, the findings per code and the peak RSS.
Figures are wall-clock seconds on whatever machine runs it (plus the process CPU time,
which other processes disturb less): treat them as noisy upper bounds on a shared machine.
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


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    batch_size = Config().batch_size
    for a in argv:
        if a.startswith("--batch-size="):
            batch_size = int(a.split("=", 1)[1])
    for a in argv:
        if a.startswith("--random-vocab="):
            return random_vocab(int(a.split("=", 1)[1]))
    if not args:
        print(__doc__)
        return 2
    path = Path(args[0])
    t0 = time.perf_counter()
    catalog = listlint.load(path)
    # the loader may stream: read every batch before timing, so parsing is not counted
    batches = list(catalog.batches(batch_size))
    t_load = time.perf_counter() - t0
    cfg = Config(select=["ip"], batch_size=batch_size)
    ruleset = RuleSet.build(cfg)
    t_fold = t_rules = cpu_fold = cpu_rules = 0.0
    per_rule: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for batch in batches:
        t0, c0 = time.perf_counter(), time.process_time()
        batch.folded("title")
        batch.folded("description")
        t_fold += time.perf_counter() - t0
        cpu_fold += time.process_time() - c0
        for rule in ruleset.rules:
            t0, c0 = time.perf_counter(), time.process_time()
            findings = check_batch(ruleset, batch, [rule])
            dt = time.perf_counter() - t0
            cpu_rules += time.process_time() - c0
            per_rule[rule.code] += dt
            t_rules += dt
            found.update(f.rule for f in findings)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"listings            {catalog.listings_count:,}")
    print(f"load                {t_load:.2f} s (not part of the family)")
    print(f"fold title+desc     {t_fold:.2f} s (shared with other text families)")
    for code, dt in per_rule.items():
        print(f"  {code}             {dt:.2f} s")
    print(f"ip family           {t_rules:.2f} s  (with folding: {t_rules + t_fold:.2f} s)")
    print(
        f"CPU seconds         fold {cpu_fold:.2f}, family {cpu_rules:.2f} (all threads; other load disturbs CPU time less than wall time)"
    )
    print(f"findings            {dict(sorted(found.items()))}")
    print(f"peak RSS            {rss:,.0f} MB")
    return 0


def random_vocab(n: int) -> int:
    import random
    import string

    from listlint.rules.ip.index import BrandIndex, word_log_prob
    from listlint.rules.ip.lookalike import vocabulary_hits

    index = BrandIndex()
    rng = random.Random(1)
    tokens = set(list(word_log_prob())[:60_000])
    while len(tokens) < n:
        size = rng.randint(4, 10)
        tokens.add("".join(rng.choice(string.ascii_lowercase) for _ in range(size)))
    c0, t0 = time.process_time(), time.perf_counter()
    hits = vocabulary_hits(index, sorted(tokens))
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    print(f"{n:,} distinct words: {wall:.2f} s wall, {cpu:.2f} CPU-s, {len(hits):,} candidates")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
