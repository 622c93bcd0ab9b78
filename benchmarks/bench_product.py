"""Time the shared product analysis (listlint.product) on a large catalogue.

    python benchmarks/generate.py 1000000 /tmp/1m.csv
    python benchmarks/bench_product.py /tmp/1m.csv [--candidates=20000] [--batch-size=N]

Prints, apart from loading: the lexicon build (once per process), the folding of the
title, product-type and category columns (shared with the families, so reported apart),
the all-rows part (product type, group, carrier per listing: CPU µs per listing), and the
per-candidate part: the role of one matched term, timed on ``--candidates`` spans a
family would ask about (the first word of the title that names a type or a risky
subject), as CPU µs per candidate. Wall figures on a shared machine are noisy; CPU
figures are given too.
"""

from __future__ import annotations

import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import listlint
from listlint.config import Config
from listlint.product import analyse_batch
from listlint.product.analysis import TYPE_FIELDS
from listlint.product.lexicon import lexicon

#: words a family would have matched in generated listings (planted problems and traps)
_TERMS = re.compile(r"\b(?:kratom|switchblade|knife|replica|cure|serum|mug|shirt|skillet)\b")


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    options = dict(a[2:].split("=", 1) for a in argv if a.startswith("--") and "=" in a)
    if not args:
        print(__doc__)
        return 2
    want = int(options.get("candidates", 20_000))
    cfg = Config(batch_size=int(options.get("batch-size", Config().batch_size)))
    t0 = time.perf_counter()
    catalog = listlint.load(Path(args[0]))
    t_load = time.perf_counter() - t0
    c0 = time.process_time()
    lex = lexicon()
    c_lex = time.process_time() - c0
    t_fold = c_fold = t_rows = c_rows = c_roles = 0.0
    n = n_roles = 0
    groups: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    for batch in catalog.batches(cfg.batch_size):
        t1, c1 = time.perf_counter(), time.process_time()
        for name in TYPE_FIELDS:
            batch.folded_series(name)
        t_fold += time.perf_counter() - t1
        c_fold += time.process_time() - c1
        t1, c1 = time.perf_counter(), time.process_time()
        pa = analyse_batch(batch, lex)
        t_rows += time.perf_counter() - t1
        c_rows += time.process_time() - c1
        n += len(batch)
        groups.update(pa.frame["product_group"].fill_null("-").to_list())
        if n_roles < want:
            titles = batch.folded_series("title")
            spans = []
            for i, title in enumerate(titles.to_list()):
                m = _TERMS.search(title or "")
                if m:
                    spans.append((i, m.start(), m.end()))
                if len(spans) >= want - n_roles:
                    break
            c1 = time.process_time()
            for i, s, e in spans:
                roles[pa.role(i, "title", s, e).role.value] += 1
            c_roles += time.process_time() - c1
            n_roles += len(spans)
        batch.release()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"listings {n:,}; load {t_load:.1f} s (not part of the analysis)")
    print(f"lexicon build (once per process): {c_lex:.2f} s CPU, {len(lex.types):,} type forms")
    print(f"fold title/product_type/category (shared with families): {t_fold:.2f} s wall, "
          f"{c_fold:.2f} s CPU")  # fmt: skip
    print(f"all rows (type, group, carrier): {t_rows:.2f} s wall, {c_rows:.2f} s CPU = "
          f"{c_rows / max(n, 1) * 1e6:.2f} µs CPU per listing")  # fmt: skip
    if n_roles:
        print(f"roles: {n_roles:,} candidate spans, {c_roles:.2f} s CPU = "
              f"{c_roles / n_roles * 1e6:.1f} µs CPU per candidate")  # fmt: skip
    print(f"peak RSS {rss:,.0f} MB")
    print("groups:", ", ".join(f"{g} {c:,}" for g, c in groups.most_common(12)))
    print("roles:", ", ".join(f"{r} {c:,}" for r, c in roles.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
