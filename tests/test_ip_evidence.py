"""The ip family's evidence parts (issue 20): sound keys, the near-brand search, price
floors and rates, brand families, second-hand and licence wording, the risk sum."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from listlint.resources import table
from listlint.rules.ip import prices
from listlint.rules.ip.families import families, key
from listlint.rules.ip.phonetic import brand_key
from listlint.rules.ip.risk import Risk
from listlint.rules.ip.search import NearSearch, attested, web_attested
from listlint.rules.ip.wording import licence_claim, second_hand

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("a", "b"),
    [("philps", "philips"), ("filips", "philips"), ("shanel", "chanel"), ("samsong", "samsung"),
     ("kolgate", "colgate"), ("versacce", "versace"), ("guchi", "gucci"), ("duracel", "duracell")],
)  # fmt: skip
def test_sound_alikes_share_a_key(a: str, b: str) -> None:
    assert brand_key(a) == brand_key(b)


@pytest.mark.parametrize(("a", "b"), [("nike", "puma"), ("chanel", "camel"), ("gucci", "coach")])
def test_different_sounds_differ(a: str, b: str) -> None:
    assert brand_key(a) != brand_key(b)


def test_near_search_finds_sound_alikes_and_glued_affixes() -> None:
    s = NearSearch(["philips", "bose", "dyson", "rolex"])
    assert [n.word for n in s.sound_alikes("filips")] == ["philips"]
    assert {n.word for n in s.affixed("ibosex")} == {"bose"}
    assert {n.word for n in s.affixed("dysonic")} == {"dyson"}
    assert s.affixed("rolexes") == []  # the brand's own plural
    assert s.affixed("embossed") == []  # "bose" is not inside
    assert s.affixed("superdysonstore") == []  # affixes too long: another name


def test_attested_words_are_real_words_not_knockoffs() -> None:
    words, web = attested(), web_attested()
    for real in ("panna", "colgante", "ankers", "valentina", "energize"):
        assert real in words, real  # dictionary words of some language
    for name in ("madeline", "duracel"):
        assert name in web and name not in words, name  # a first name, a frequent typo
    for fake in ("philps", "lenuvo", "colgatte", "samsong", "ibosex", "dysonic", "guccii"):
        assert fake not in words | web, fake


def test_attested_list_matches_the_brand_list() -> None:
    """Adding a brand without regenerating the list leaves its near-words unknown."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "brand_neighbours.py"), "--check"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr


def test_every_rate_and_floor_is_dated_and_sourced() -> None:
    for r in table("brands/fx_rates"):
        assert r["date"][:4].isdigit() and r["source"], r
        assert float(r["per_usd"]) > 0
    brands = {r["brand"] for r in table("brands/brands")}
    for r in table("brands/price_floors"):
        assert r["brand"] in brands, r
        assert r["as_of"][:4].isdigit() and r["source"].startswith("https://"), r
        assert prices.to_usd(float(r["floor"]), r["currency"]), r


def test_conversion_uses_the_rate_table() -> None:
    eur = prices.per_usd()["EUR"]
    assert prices.to_usd(100, "EUR") == pytest.approx(100 / eur)
    # no currency: read cautiously as a strong currency, so it never looks cheap
    assert prices.to_usd(100, None) == pytest.approx(100 * prices.UNKNOWN_CURRENCY_USD)
    assert prices.to_usd(100, "XXX") is None  # a currency without a rate is not compared


def test_floor_prefers_model_then_type_then_brand_minimum() -> None:
    book = prices.PriceBook()
    assert book.floor("Chanel", "bag", "classic flap").model == "classic flap"
    assert book.floor("Chanel", "bag", None).type == "bag"
    assert book.floor("Chanel", None, None) is None  # type unknown: no price judgement
    assert book.floor("Chanel", prices.ACCESSORY, None) is None


def test_clone_price_is_under_thirty_percent_of_the_floor() -> None:
    book = prices.PriceBook()
    assert book.clone_price("Rolex", "watch", None, 300, "USD") is not None
    assert book.clone_price("Rolex", "watch", None, 6400, "USD") is None
    assert book.clone_price("Rolex", "watch", None, 300, "XXX") is None  # no rate
    found = book.clone_price("Apple", "earbuds", "airpods pro", 70, "CNY")
    assert found is not None and "AirPods Pro" in found.describe("70 CNY")


def test_product_type_words_in_several_languages() -> None:
    book = prices.PriceBook()
    assert [t for _, t in book.types_in("sac en cuir noir")] == ["bag"]
    assert [t for _, t in book.types_in("ساعة رولكس")] == ["watch"]
    assert "accessory" in [t for _, t in book.types_in("iphone 15 case")]


def test_brand_families_and_licensees() -> None:
    f = families()
    assert f.related("CeraVe", "La Roche-Posay")  # both L'Oréal
    assert f.related("Enchen", "Xiaomi")  # ecosystem
    assert f.related("YSL", "Yves Saint Laurent")
    assert not f.related("CeraVe", "The Ordinary")  # L'Oréal vs Estée Lauder
    assert f.is_licensee("Hasbro") and f.is_licensee("Funko")
    assert not f.is_licensee("StreetVibe")
    assert key("La Roche-Posay") == key("LA ROCHE POSAY")


@pytest.mark.parametrize(
    ("title", "condition", "used"),
    [("louis vuitton speedy 30 - pre-owned", None, True), ("ralph lauren polo 古着", None, True),
     ("iphone 12 seminovo", None, True), ("rolex datejust", "used", True),
     ("gucci bag (used)", None, True), ("can be used for travel", None, False),
     ("new rolex datejust", "new", False)],
)  # fmt: skip
def test_second_hand_wording(title: str, condition: str | None, used: bool) -> None:
    assert bool(second_hand(title, condition)) is used


def test_licence_wording() -> None:
    assert licence_claim("officially licensed pokemon plush") == "officially licensed"
    assert licence_claim("正版授权 宝可梦 公仔") is not None
    assert licence_claim("pokemon plush") is None


def test_risk_severity_from_the_evidence_sum() -> None:
    r = Risk()
    r.add("price far below list", "price", "price", 2.0)
    assert r.level == "warning"  # a price alone is never an error
    r.add("model named without the brand", "title", "model", 2.0)
    assert r.level == "error"
    assert "price far below list" in r.explain() and "error" in r.why()


def test_a_respelling_of_a_real_word_is_not_a_made_up_brand_spelling() -> None:
    from listlint.rules.ip.lookalike import respells_word

    # one edit from "dalmatian" and sounding like it, two from "balmain": the dog's word
    assert respells_word("dalmatin", "balmain")
    # sounds like the brand ("Filips"), or one edit from it ("Philps"): the brand's
    assert not respells_word("filips", "philips")
    assert not respells_word("philps", "philips")
    assert not respells_word("lenuvo", "lenovo")
