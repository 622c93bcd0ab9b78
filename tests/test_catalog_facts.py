"""Catalogue facts (issue 17): what the ip rules weigh about the whole file (a brand
column holding a store's name, the brands a file sells by name) is read over the whole
catalogue, so findings do not depend on how the catalogue is cut into batches, worker
processes or Spark/Dask partitions (:mod:`listlint.rules.facts`)."""

from __future__ import annotations

import polars as pl
import pytest

import listlint
from listlint.batchapi import lint_batch
from listlint.rules.ip.catalog_facts import BrandColumnFacts, combine, evidence
from listlint.sources import make_config
from tests import scale_helpers as H

#: a shop whose brand column is its own name on every listing ("Maple Lane": a Shopify
#: Vendor), one knock-off among them, and a house brand ("Sunplay", named by its own
#: titles) on a mis-filed Bioré listing
_GOODS = [
    "Cotton tote bag", "Linen apron", "Ceramic mug", "Bamboo cutting board", "Wool throw blanket",
    "Scented soy candle", "Glass water bottle", "Canvas backpack", "Leather card holder",
    "Knitted beanie", "Cork yoga mat", "Enamel camping cup", "Jute doormat", "Cotton bath towel",
    "Stoneware bowl", "Oak serving tray", "Silk scarf", "Brass bottle opener",
    "Felt laptop sleeve", "Rattan basket", "Copper measuring cups", "Recycled notebook",
    "Travel pillow memory foam grey", "Pine bird feeder", "Clay plant pot", "Hemp shopping net",
    "Beeswax food wraps",
]  # fmt: skip


def _shop() -> list[dict[str, str]]:
    store = [
        {"sku": f"M{k}", "title": t, "brand": "Maple Lane", "price": "19.00"}
        for k, t in enumerate(_GOODS)
    ]
    store.insert(9, {"sku": "M-LV", "title": "Louis Vuitton Neverfull MM monogram tote",
                     "brand": "Maple Lane", "price": "39"})  # fmt: skip
    house = [
        {"sku": "A1", "title": "Sunplay Skin Aqua UV Super Moist Milk SPF50+ 30g",
         "brand": "Sunplay", "price": "4.50"},
        {"sku": "A2", "title": "Sunplay Skin Aqua Tone Up UV Essence Lavender 50g",
         "brand": "Sunplay", "price": "6.90"},
        {"sku": "A3", "title": "Bioré UV Aqua Rich Watery Essence SPF50 50g",
         "brand": "Sunplay", "price": "9.80"},
    ]  # fmt: skip
    # the house brand's own listings and its mis-filed one far apart: other batches
    return house[:2] + store[:12] + house[2:] + store[12:]


def _keys(report: listlint.Report) -> list[tuple[object, ...]]:
    return sorted((f.row, f.sku, f.rule, f.severity, f.message) for f in report.findings)


def test_alone_a_listing_is_judged_on_its_own_batch() -> None:
    """What the facts change: alone, the mis-filed Bioré listing is an unauthorised
    brand, and the knock-off's store name reads as another brand."""
    cfg = make_config(select=["TM"])
    shop = _shop()
    alone = {
        sku: lint_batch(pl.DataFrame([r for r in shop if r["sku"] == sku]), cfg)
        for sku in ("A3", "M-LV")
    }
    assert alone["A3"].get_column("rule").to_list() == ["TM103"]
    assert 'brand column names another brand ("Maple Lane")' in alone["M-LV"]["message"][0]


@pytest.mark.parametrize("jobs", [1, 2])
def test_findings_do_not_depend_on_batch_size(jobs: int) -> None:
    shop = _shop()
    whole = listlint.lint(shop, select=["TM"], batch_size=1000)
    # the file's facts: the store's name is no brand, Sunplay is a brand it sells
    assert [(f.sku, f.rule, f.severity) for f in whole.findings] == [("M-LV", "TM103", "warning")]
    assert "Maple Lane" not in whole.findings[0].message  # a store's name: no brand column
    for size in (1, 7):
        cut = listlint.lint(shop, select=["TM"], batch_size=size, jobs=jobs)
        assert _keys(cut) == _keys(whole), size


def test_lazyframe_batches_share_the_facts() -> None:
    shop = pl.DataFrame(_shop())
    whole = listlint.lint(shop, select=["TM"], batch_size=1000)
    for size in (1, 7):
        assert _keys(listlint.lint(shop.lazy(), select=["TM"], batch_size=size)) == _keys(whole)


def test_case_catalogue_same_findings_for_any_batch_size() -> None:
    cases = H.case_catalogue()
    whole = _keys(listlint.lint(cases, select=["ip"], batch_size=cases.height))
    assert whole
    for size in (7, 61):  # batch size 1 on the small shop above
        assert _keys(listlint.lint(cases, select=["ip"], batch_size=size)) == whole, size


def test_evidence_combines_in_any_grouping() -> None:
    """Combining is associative: a worker may pre-combine its batches' evidence."""
    from listlint.batch import Batch
    from listlint.rules.ip.families import families
    from listlint.rules.ip.index import BrandIndex

    index, fam = BrandIndex(), families()
    frame = pl.DataFrame(_shop())
    parts = [evidence(Batch(frame.slice(k, 5)), index, fam) for k in range(0, frame.height, 5)]
    whole = evidence(Batch(frame), index, fam)
    assert combine([p for p in parts if p is not None]).equals(whole)
    nested = combine([combine(parts[:2]), combine(parts[2:])])  # type: ignore[arg-type]
    assert nested.equals(whole)
    facts = BrandColumnFacts.read(whole)
    assert facts.stores == {"Maple Lane"} and "Sunplay" in facts.house
