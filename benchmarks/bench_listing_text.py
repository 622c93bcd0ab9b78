"""Time the offplatform, advertising and origin families (issue 23) on a catalogue.

    python benchmarks/generate.py 1000000 benchmarks/data/1M.csv
    python benchmarks/bench_listing_text.py benchmarks/data/1M.csv [--policy=tiktok-shop-us]
        [--families=offplatform,advertising,origin]

Prints per family the CPU and wall seconds of its rules (the family's analysis of each
batch is charged to the first rule that asks for it; polars threads count in CPU), the
findings per code, and apart from them the load time and the folding of title,
description and bullets: in a full lint the prohibited and claims families fold those
columns first, so the figure a family adds to a run is its own column, not the folding.
Any groups can be timed together (``--families=pricing,category,images,offplatform,...``;
these six are issue 23's new families). On a shared machine
treat every figure as a noisy upper bound.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter

from listlint.api import load, make_config
from listlint.engine import RuleSet

FAMILIES = ("offplatform", "advertising", "origin")


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    opts = dict(a[2:].split("=", 1) for a in argv if a.startswith("--") and "=" in a)
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    families = tuple(opts.get("families", ",".join(FAMILIES)).split(","))
    policy = opts.get("policy", "base").split(",")
    clock = time.process_time
    config = make_config(jobs=1, select=list(families), policy=policy)
    ruleset = RuleSet.build(config)
    t = clock()
    catalog = load(args[0], config=config)
    rules = ruleset.for_path(catalog.path)
    for rule in rules:
        _ = rule.family.resources  # vocabularies: once per rule set, not per catalogue
    setup = clock() - t
    spent = dict.fromkeys(families, 0.0)
    wall = dict.fromkeys(families, 0.0)
    folding = loading = 0.0
    listings = 0
    found: Counter[str] = Counter()
    batches = iter(catalog.batches(config.batch_size))
    while True:
        t = clock()
        batch = next(batches, None)
        loading += clock() - t
        if batch is None:
            break
        listings += len(batch)
        t = clock()
        for field in ("title", "description", "bullets"):
            batch.folded_series(field)
        folding += clock() - t
        context = ruleset.context(batch)
        for rule in rules:
            t, w = clock(), time.perf_counter()
            found[rule.code] += sum(1 for _ in rule.hits(context))
            spent[rule.group] += clock() - t
            wall[rule.group] += time.perf_counter() - w
        context.release()
        batch.release()
    print(
        json.dumps(
            {
                "listings": listings,
                "setup_and_open_s": round(setup, 2),
                "load_s": round(loading, 2),
                "fold_s": round(folding, 2),
                "family_cpu_s": {k: round(v, 2) for k, v in spent.items()},
                "total_cpu_s": round(sum(spent.values()), 2),
                "family_wall_s": {k: round(v, 2) for k, v in wall.items()},
                "total_wall_s": round(sum(wall.values()), 2),
                "findings": dict(sorted(found.items())),
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
