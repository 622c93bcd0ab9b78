"""Adversarial text shapes (issue 21): shared by tests/test_text_linear.py and
benchmarks/bench_adversarial_text.py."""

from __future__ import annotations

import itertools
import time

import listlint

MIXED = "Zaпатос χρυσός ذهب ทอง 金 e\u0301\u200d K\u0280\u0430tom "

#: one unit each, repeated to the size under test
SHAPES = {
    # the shape that made a claims normaliser quadratic (issue 21 H6)
    "letter runs": "a ",
    "repeated tokens": "kratom cures ",
    "long token": "x",
    # Latin, Cyrillic lookalikes, Greek, Arabic, Thai, CJK, a combining mark, ZWJ
    "mixed scripts": MIXED,
    # words split by no-break spaces, which two families read closed (issue 21 L6)
    "split words": "kra\u00a0tom cu\u00a0res dia\u00a0be\u00a0tes ",
}


def cell(unit: str, kb: int) -> str:
    """``unit`` repeated to ``kb`` thousand characters."""
    return "".join(itertools.islice(itertools.cycle(unit), kb * 1000))


def cost(family: str, text: str) -> float:
    """CPU seconds of linting one listing whose title and description are ``text``
    with ``family`` selected (the cell-length limit raised so nothing is cut)."""
    record = {"sku": "ADV-1", "title": text, "description": text, "brand": text[:200]}
    start = time.process_time()
    listlint.lint([record], select=[family], limits={"max_cell_length": 2_000_000})
    return time.process_time() - start
