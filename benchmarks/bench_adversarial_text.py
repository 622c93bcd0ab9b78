"""Adversarial text shapes against every rule family: is each linear in text size?
(issue 21: "A benchmark over adversarial text shapes ... shows every family linear").

    .venv/bin/python benchmarks/bench_adversarial_text.py [--sizes 10,100,1000] [FAMILY...]

One listing whose title and description are one hostile cell of 10 KB, 100 KB and
1 MB (sizes in KB), per shape: letter runs with spaces (``a a a``, the shape that was
quadratic in claims, H6), one token repeated (``kratom cures kratom cures``), one long
token (no spaces), mixed scripts (Latin, Cyrillic lookalikes, Greek, Arabic, Thai, CJK,
combining marks and zero-width joiners). Prints CPU seconds of ``listlint.lint`` with
that family selected (resources are loaded before timing) and the growth from the
smallest to the largest size: linear text analysis grows about as the size does
(x100 from 10 KB to 1 MB), a quadratic one by its square. The verdict allows x3 over
linear for noise and fixed per-call costs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.adversarial_text import SHAPES, cell, cost  # noqa: E402

from listlint.rules.registry import families  # noqa: E402

#: a size that takes longer than this, or grows more than 3x faster than the text from
#: the size before, stops the shape (verdict NO): a quadratic pass at 1 MB takes hours
STOP_SECONDS = 30.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10,100,1000")
    ap.add_argument("families", nargs="*")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    names = args.families or [f.name for f in families()]
    head = " | ".join(f"{s:,} KB s" for s in sizes)
    print(f"| family | shape | {head} | growth | linear? |")
    print("|---|---|" + "---|" * len(sizes) + "---|---|")
    for family in names:
        cost(family, "warm up: load the family's resources")
        for shape, unit in SHAPES.items():
            secs: list[float] = []
            for n, kb in enumerate(sizes):
                secs.append(cost(family, cell(unit, kb)))
                grew = n > 0 and secs[-1] > 3 * max(secs[-2], 0.01) * kb / sizes[n - 1]
                if secs[-1] > STOP_SECONDS or grew:
                    break
            # fixed per-call cost (~10 ms) would hide growth at the small end
            base = max(secs[0], 0.01)
            growth = secs[-1] / base
            linear = len(secs) == len(sizes) and growth <= 3 * sizes[-1] / sizes[0]
            cells = " | ".join([f"{s:.2f}" for s in secs] + ["not run"] * (len(sizes) - len(secs)))
            print(
                f"| {family} | {shape} | {cells} | x{growth:.0f} | {'yes' if linear else 'NO'} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
