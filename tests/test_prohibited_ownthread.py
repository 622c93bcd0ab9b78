"""The prohibited family's batch analysis runs on a thread of its own (polars' regex cache
is per thread): results and errors come back, and a nested call does not wait on itself."""

from __future__ import annotations

import threading

import pytest

from listlint.rules.prohibited.ownthread import on_own_thread


def test_the_result_comes_back_from_the_family_thread():
    name = on_own_thread(lambda: threading.current_thread().name)
    assert name.startswith("listlint-prohibited")
    assert name != threading.current_thread().name


def test_an_error_comes_back_to_the_caller():
    def fail() -> None:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        on_own_thread(fail)


def test_a_nested_call_runs_in_place():
    assert on_own_thread(lambda: on_own_thread(lambda: 42)) == 42
