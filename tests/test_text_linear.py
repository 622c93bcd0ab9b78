"""Every rule family is linear in text size on adversarial shapes (issue 21 H6 and its
target). One listing whose title and description are one 5 KB and one 40 KB cell of each
shape (tests/adversarial_text.py): 8x the text may cost at most 24x the CPU (linear with
room for noise and fixed per-call costs); a quadratic pass costs 64x. The figures up to
1 MB are benchmarks/bench_adversarial_text.py's (docs/hostile.md)."""

from __future__ import annotations

import pytest

from listlint.rules.registry import families
from tests.adversarial_text import SHAPES, cell, cost

SMALL, LARGE = 5, 40
#: per-call fixed cost floor, so a 1 ms small run cannot make noise look like growth
FLOOR = 0.02

#: (family, shape) still superlinear: strict, so the fix shows up as a pass
KNOWN_SUPERLINEAR: dict[tuple[str, str], str] = {}

CASES = [
    pytest.param(
        f.name,
        shape,
        marks=[pytest.mark.xfail(strict=True, reason=KNOWN_SUPERLINEAR[(f.name, shape)])]
        if (f.name, shape) in KNOWN_SUPERLINEAR
        else [],
        id=f"{f.name}-{shape.replace(' ', '-')}",
    )
    for f in families()
    for shape in SHAPES
]


@pytest.mark.parametrize(("family", "shape"), CASES)
def test_family_is_linear_in_text_size(family: str, shape: str) -> None:
    cost(family, "warm up: the family's resources load once")
    unit = SHAPES[shape]
    small = max(cost(family, cell(unit, SMALL)), FLOOR)
    large = cost(family, cell(unit, LARGE))
    assert large <= small * 3 * LARGE / SMALL, (small, large)
