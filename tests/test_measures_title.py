"""MS205: a weight stated in the title against the weight column (issue 22)."""

from __future__ import annotations

import time

import pytest

import listlint
from listlint.rules.measures.title_weight import stated_kg


def _lint(title: str, weight: str) -> list:
    records = [{"sku": "A-1", "title": title, "weight": weight}]
    return [f for f in listlint.lint(records, select=["MS205"]).findings if f.rule == "MS205"]


def test_a_40_lb_bag_weighing_a_hundredth_of_an_ounce_is_found() -> None:
    found = _lint("Premium Dog Food 40 lb Bag", "0.01 oz")
    assert len(found) == 1
    assert "40 lb" in found[0].message and "0.01 oz" in found[0].message
    assert found[0].field == "weight" and "18.14 kg" in found[0].suggestion


@pytest.mark.parametrize(
    ("title", "weight"),
    [
        ("Premium Dog Food 40 lb Bag", "41 lb"),  # the bag and its packaging
        ("Arabica Coffee Beans 500g", "0.52 kg"),
        ("Coffee Beans 500 g, 6 pack", "3.1 kg"),  # a multipack is heavier, never lighter
        ("Wall Shelf holds up to 50 kg", "3 kg"),  # a load, not the shelf's weight
        ("Office Chair, load capacity 150 kg", "14 kg"),
        ("Dog Harness for dogs under 30 kg", "0.2 kg"),
        ("Vitamin C 1000 mg, 100 capsules", "0.15 kg"),  # a dose per capsule
        ("Protein Powder 2 lb", ""),  # no weight: nothing to compare
        ("Cotton T-Shirt", "0.2 kg"),  # no weight in the title
        ("Koshihikari rice 5~23kg", "5 kg"),  # a range names the variants' weights
        ("Rice bag 5-23 kg", "5 kg"),
    ],
)
def test_consistent_or_unrelated_weights_pass(title: str, weight: str) -> None:
    assert not _lint(title, weight)


def test_a_variant_whose_size_is_a_weight_is_not_judged_by_the_title() -> None:
    records = [{"sku": "R-5", "title": "Rice 23 kg", "size": "5kg", "weight": "5 kg"}]
    assert not [f for f in listlint.lint(records, select=["MS205"]).findings if f.rule == "MS205"]


def test_a_comma_decimal_and_the_smallest_product_weight_are_read() -> None:
    assert stated_kg("reis 2,5 kg") == (2.5, "2,5 kg")
    # two weights: the smaller one bounds the product (a 5 kg pair of 2.5 kg dumbbells)
    assert stated_kg("dumbbell pair 2 x 2.5 kg, 5 kg total")[0] == pytest.approx(2.5)
    assert stated_kg("shelf up to 50 kg") is None
    assert stated_kg("usb-c cable 2m") is None


def test_reading_the_title_is_linear() -> None:
    """Token-bounded matching: a 10x longer hostile title costs about 10x (x4 slack)."""

    def cost(n: int) -> float:
        text = ("a 1 " * n) + "kg" + (" 12kgx" * n)
        start = time.perf_counter()
        stated_kg(text)
        return time.perf_counter() - start

    small, large = cost(10_000), cost(100_000)
    assert large < small * 40, (small, large)


def test_a_unit_fix_does_not_repeat_the_same_weight() -> None:
    """Issue 22: "did you mean 52 g? (= 52 g)" said the weight twice."""
    socks = {"sku": "S1", "title": "Cotton Socks", "weight": "52 kg"}
    found = [f for f in listlint.lint([socks], select=["MS201"]).findings if f.rule == "MS201"]
    assert [f.suggestion for f in found] == ["did you mean 52 g?"]
    tee = {"sku": "T1", "title": "Organic Cotton Crew T-Shirt", "weight": "180 kg"}
    found = [f for f in listlint.lint([tee], select=["MS201"]).findings if f.rule == "MS201"]
    assert [f.suggestion for f in found] == ["did you mean 180 g? (= 0.18 kg)"]
