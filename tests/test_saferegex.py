"""User-supplied patterns run in linear time or are refused with a clear message."""

from __future__ import annotations

import time

import pytest

from listlint.errors import ConfigError
from listlint.text.saferegex import compile_pattern, match_at


def test_catastrophic_pattern_runs_in_linear_time():
    # (a+)+$ takes exponential time in a backtracking engine on "aaaa...b".
    pattern = compile_pattern(r"(a+)+$", "test")
    start = time.perf_counter()
    assert pattern.search("a" * 100_000 + "b") is None
    assert time.perf_counter() - start < 1.0


def test_case_insensitive_by_default():
    assert compile_pattern(r"kr[a@]tom", "test").search("KR@TOM capsules")


@pytest.mark.parametrize("bad", [r"(a)\1", r"foo(?=bar)", r"(?<!x)y", "(unclosed"])
def test_unsupported_or_invalid_pattern_is_a_config_error_naming_its_source(bad):
    with pytest.raises(ConfigError) as info:
        compile_pattern(bad, "my-pack.yaml key prohibited.patterns[0]")
    text = str(info.value)
    assert "my-pack.yaml key prohibited.patterns[0]" in text
    assert "\n" not in text


def test_overlong_pattern_is_refused():
    with pytest.raises(ConfigError, match="limit"):
        compile_pattern("a" * 5000, "test")


def test_match_at_reports_positions_in_the_whole_text_and_looks_a_window_ahead() -> None:
    digits = compile_pattern(r"\d+", "test")
    text = "call 0812 now, or 99"
    assert match_at(digits, text, 5)[:2] == (5, 9)
    assert match_at(digits, text, 0) is None  # anchored at pos, like re's match(text, pos)
    assert match_at(digits, "x" + "1" * 300, 1, width=128)[:2] == (1, 129)  # cut at the window
