"""Product analysis (listlint.product): data-driven cases, the batch path, properties.

Case files (``tests/cases/product_types.yaml``, ``tests/cases/product_roles.yaml``)::

    cases:
      - id: tshirt-plain
        listing: {title: "Organic Cotton Crew Neck T-Shirt"}
        group: apparel            # product group (null: none known); optional type, carrier, field
      - id: mushroom-tshirt
        listing: {title: "Magic Mushroom T-Shirt"}
        field: title              # where the term is (default: title)
        term: mushroom            # found as whole words in the folded field (``at``: n-th hit)
        role: depiction           # expected role; optional ``reason`` substring
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from listlint.product import Role, analyse_batch, analyse_records, product_analysis
from listlint.product.evidence import CEILING
from listlint.text.normalize import fold

CASES = Path(__file__).parent / "cases"


def _cases(name: str) -> list:
    spec = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))
    ids: set[str] = set()
    out = []
    for case in spec["cases"]:
        assert case["id"] not in ids, f"duplicate case id {case['id']} in {name}"
        ids.add(case["id"])
        out.append(pytest.param(case, id=case["id"]))
    return out


def _joined(a: str, b: str) -> bool:
    """Are two adjacent characters parts of one word? (CJK characters are words of
    their own: no spaces separate them)."""
    return (a.isascii() and b.isascii() and a.isalnum() and b.isalnum()) or (
        a.isalpha() and b.isalpha() and not _cjk(a) and not _cjk(b)
    )


def _cjk(c: str) -> bool:
    return "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af"


def term_span(text: str, term: str, at: int = 0) -> tuple[int, int]:
    """The ``at``-th whole-word occurrence of the folded ``term`` in folded ``text``."""
    found = [
        m.start()
        for m in re.finditer(re.escape(fold(term)), text)
        if not _joined(text[m.start() - 1 : m.start()], text[m.start()])
        and not _joined(text[m.end() - 1], text[m.end() : m.end() + 1])
    ]
    assert len(found) > at, f"{term!r} not in {text!r}"
    return found[at], found[at] + len(fold(term))


@pytest.mark.parametrize("case", _cases("product_types.yaml"))
def test_product_type(case: dict) -> None:
    pa = analyse_records([case["listing"]])
    p = pa.product(0)
    row = pa.frame.row(0, named=True)
    if "group" in case:
        assert row["product_group"] == case["group"], (row, p)
        assert p.group == case["group"]
    if "type" in case:
        assert p.type == case["type"], row
    if "carrier" in case:
        assert p.carrier is case["carrier"], row
    if "field" in case:
        assert p.field == case["field"], row


@pytest.mark.parametrize("case", _cases("product_roles.yaml"))
def test_term_role(case: dict) -> None:
    pa = analyse_records([case["listing"]])
    field = case.get("field", "title")
    text = fold(str(case["listing"][field]))
    start, end = term_span(text, case["term"], case.get("at", 0))
    role = pa.role(0, field, start, end)
    assert role.role == Role(case["role"]), role
    assert role.term == text[start:end]
    if "reason" in case:
        assert case["reason"] in role.reason, role.reason
    evidence = pa.evidence(0, field, start, end)
    assert evidence.ceiling == CEILING[role.role]
    assert role.reason in evidence.explain()


# -- the batch path ---------------------------------------------------------------------------
def _batch(records: list[dict]):  # type: ignore[no-untyped-def]
    from listlint.loader import from_records

    return next(from_records(records).batches(10_000))


def test_batch_analysis_is_shared_and_matches_records() -> None:
    records = [
        {"sku": "1", "title": "Magic Mushroom T-Shirt", "category": "Apparel"},
        {"sku": "2", "title": "Kratom Capsules 500mg", "brand": "Leaf Co"},
        {"sku": "3", "title": "Clear Case", "category": "Phone Cases"},
        {"sku": "4", "title": "Magic Mushroom T-Shirt", "category": "Apparel"},
        {"sku": "5"},
    ]
    batch = _batch(records)
    pa = product_analysis(batch)
    assert product_analysis(batch) is pa  # one analysis per batch, cached
    expected = analyse_records(records).frame
    assert pa.frame.equals(expected)
    assert pa.frame["product_group"].to_list() == [
        "apparel", "supplement", "device_accessory", "apparel", None
    ]  # fmt: skip
    title = batch.folded_series("title")[0]
    start = title.index("mushroom")
    role = pa.role(0, "title", start, start + len("mushroom"))
    assert role.role is Role.DEPICTION
    assert pa.role(0, "title", start, start + len("mushroom")) is role  # memoised


def test_products_in_bulk_equal_one_row_at_a_time() -> None:
    records = [
        {"sku": "1", "title": "Magic Mushroom T-Shirt", "category": "Apparel"},
        {"sku": "2", "title": "Kratom Capsules 500mg", "brand": "Leaf Co"},
        {"sku": "3", "title": "Clear Case", "category": "Phone Cases"},
        {"sku": "4", "product_type": "Wine", "category": "Food > Drinks"},
        {"sku": "5"},
    ]
    single = analyse_batch(_batch(records))
    one_by_one = {i: single.product(i) for i in range(len(records))}
    bulk = analyse_batch(_batch(records))
    rows = [4, 0, 2, 0, 3, 1]  # any order, repeats allowed
    found = bulk.products(rows)
    assert list(found) == [4, 0, 2, 3, 1]
    assert found == {i: one_by_one[i] for i in rows}
    assert found[1].head is not None and found[1].head.term == "capsules"
    assert bulk.product(2) is found[2]  # later calls reuse the bulk read


def test_batch_without_text_columns() -> None:
    pa = analyse_batch(_batch([{"sku": "1", "price": "3.00"}, {"sku": "2", "price": "4"}]))
    assert pa.frame["product_group"].to_list() == [None, None]
    assert pa.product(1).entry is None


def test_evidence_explains_field_role_and_ceiling() -> None:
    pa = analyse_records([{"title": "Floral Dress", "tags": "dress, vape, boho"}])
    tags = fold("dress, vape, boho")
    ev = pa.evidence(0, "tags", tags.index("vape"), tags.index("vape") + 4)
    assert (ev.role, ev.ceiling, ev.names_product) == (Role.TAG, "warning", False)
    assert ev.explain().startswith("in the tags, 'vape' is in the tags column")
    assert "at most a warning" in ev.explain()


# -- data ----------------------------------------------------------------------------------
def test_lexicon_groups_are_declared() -> None:
    from listlint.product.lexicon import lexicon

    lex = lexicon()
    used = {e.group for e in lex.types.values() if e.group} | {
        e.group for e in lex.google_ids.values()
    }
    assert used <= set(lex.groups), used - set(lex.groups)
    assert len(lex.types) > 50_000  # the whole taxonomy, several languages
    assert len(lex.google_ids) > 5_000


# -- properties ------------------------------------------------------------------------------
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200) | st.sampled_from(
    ["", " - ", "for for for", "#", "colour: ", "compatible with", "大麻 手机壳"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=_TEXT,
    description=_TEXT,
    category=_TEXT,
    brand=_TEXT,
    data=st.data(),
)
def test_analysis_never_raises(
    title: str, description: str, category: str, brand: str, data
) -> None:  # type: ignore[no-untyped-def]
    record = {"title": title, "description": description, "category": category, "brand": brand}
    pa = analyse_records([record])
    assert pa.frame.height == 1
    for field in ("title", "description", "category", "brand", "tags"):
        text = pa._text(field, 0) or ""
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        role = pa.role(0, field, start, end)
        assert isinstance(role.role, Role) and role.reason


def _seconds(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


@pytest.mark.parametrize(
    "unit",
    [
        "for ",  # complement words everywhere
        "magic mushroom t-shirt ",  # type nouns everywhere
        "- , ( ",  # separators
        "colour: ivory white ",  # attribute cues
        "a" * 50 + " ",  # long words
        "#tag, ",  # tag lists
        "大麻手机壳",  # CJK, no spaces
    ],
)
def test_linear_in_text_size(unit: str) -> None:
    """Analysis and a role at the end of the text cost O(n): 8x the text, at most ~8x
    the time (with room for noise), never the quadratic 64x."""

    def run(n: int) -> None:
        text = unit * n
        pa = analyse_records([{"title": text, "description": text}])
        pa.role(0, "title", len(text) - 3, len(text))
        pa.role(0, "description", len(text) // 2, len(text) // 2 + 2)

    small = _seconds(lambda: run(2_000))
    large = _seconds(lambda: run(16_000))
    assert large < 24 * small + 0.05, (small, large)


def test_remembered_reads_are_the_readings() -> None:
    """The title heads and category types remembered across batches are what
    title_head and category_type say, and the frame is the same on a second pass."""
    from listlint.product.analysis import _reads, analyse_records
    from listlint.product.head import category_type, title_head
    from listlint.product.lexicon import lexicon

    lex = lexicon()
    records = [
        {"title": "Magic Mushroom T-Shirt - Black / M", "category": "Apparel > Shirts"},
        {"title": "Funda para iPhone 14", "product_type": "Phone Case"},
        {"title": "Dog Treats Chicken Jerky", "category": "Food > Snacks"},
        {"title": "Whisky- und Weingläser", "category": "Home > Kitchen"},
    ]
    first = analyse_records(records, lex).frame
    again = analyse_records(records, lex).frame
    assert first.equals(again)
    reads = _reads(lex)
    for text, head in reads.heads.items():
        assert head == title_head(text, lex)
    for text, found in reads.categories.items():
        assert found == category_type(text, lex)
    assert reads.heads and reads.categories
