"""The bounded memo the analyses remember repeated texts' answers in."""

from __future__ import annotations

from listlint.memo import BoundedMemo


def test_remembers_until_full_then_starts_again() -> None:
    memo: BoundedMemo[str, int | None] = BoundedMemo(3)
    assert memo.keep("a", 1) == 1 and memo.keep("b", None) is None
    assert "b" in memo and memo.get("a") == 1
    memo.keep("c", 3)
    assert len(memo) == 3
    assert memo.keep("d", 4) == 4  # full: emptied first, so never above its limit
    assert dict(memo) == {"d": 4}


def test_a_key_kept_again_replaces_its_answer() -> None:
    memo: BoundedMemo[str, int] = BoundedMemo(2)
    memo.keep("a", 1)
    memo.keep("a", 2)
    assert dict(memo) == {"a": 2}
