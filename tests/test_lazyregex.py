"""Start-up helpers for non-Latin character classes (listlint.text.lazyregex): same
answers as the compiled regexes they stand in for."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from listlint.text.lazyregex import CJK, LazyPattern, has_chars

_CJK_CLASS = re.compile(r"[\u3000-\u9fff\uac00-\ud7af]")
_TEXT = st.text(
    alphabet=st.sampled_from(
        "abc XYZ-é中文字。、한국어ｶﾅ\u2fff\u3000\u9fff\ua000\uac00\ud7af\ud7b0😀"
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_has_chars_answers_as_the_character_class(text: str) -> None:
    assert has_chars(text, CJK) == bool(_CJK_CLASS.search(text))


def test_lazy_pattern_compiles_on_first_use_and_acts_as_the_pattern() -> None:
    lazy = LazyPattern(r"([\u3040-\u30ff])", re.IGNORECASE)
    assert lazy._compiled is None and lazy.pattern == r"([\u3040-\u30ff])"
    assert lazy.sub(r" \1 ", "aカb") == "a カ b"
    assert lazy._compiled is not None
    assert [m.group(0) for m in lazy.finditer("カメラ")] == ["カ", "メ", "ラ"]
    assert lazy.search("abc") is None


def test_brand_key_class_is_the_negated_range_it_replaced() -> None:
    """brands.index._ALNUM_RE lists what it strips instead of negating a BMP range
    (~10x cheaper to compile); every code point gets the same answer."""
    from listlint.rules.ip.index import _ALNUM_RE

    old = re.compile(r"[^0-9a-z\u00c0-\uffff]")
    new = re.compile(_ALNUM_RE.pattern.removesuffix("+"))
    differ = [
        c for c in range(0x110000) if bool(old.fullmatch(chr(c))) != bool(new.fullmatch(chr(c)))
    ]
    assert differ == []
