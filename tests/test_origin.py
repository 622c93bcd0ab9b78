"""The origin family beyond its case file (tests/cases/origin.yaml): origin columns and
manufacturer addresses as sellers write them, the generated country table kept in step
with its hand-written aliases, and linear reading."""

from __future__ import annotations

from pathlib import Path

import pytest

import listlint
from listlint.resources import table
from listlint.rules.origin import detect
from listlint.rules.origin.vocab import Vocab, build
from listlint.text.normalize import fold

from .linear_time import assert_linear


@pytest.fixture(scope="module")
def vocab() -> Vocab:
    return build()


@pytest.mark.parametrize(
    ("value", "codes"),
    [
        ("China", {"CN"}),
        ("CN", {"CN"}),
        ("CHN", {"CN"}),
        ("Chine", {"CN"}),
        ("中国", {"CN"}),
        ("China (Mainland)", {"CN"}),
        ("China/Vietnam", {"CN", "VN"}),
        ("USA and Mexico", {"US", "MX"}),
        ("Made in USA", {"US"}),
        ("Estados Unidos", {"US"}),
        ("EU", {"EU"}),
        ("IN", {"IN"}),
        ("in", set()),  # a word, not India's code
        ("NA", set()),  # not applicable, not Namibia
        ("N/A", set()),
        ("Imported", set()),
        ("Georgia", set()),  # a state or a country: no reading
    ],
)
def test_origin_column_values(vocab: Vocab, value: str, codes: set[str]) -> None:
    assert set(detect.column_codes(value, vocab)) == codes


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("Shenzhen Bright Tech Co., Ltd., Bao'an District, Shenzhen, Guangdong, China", "CN"),
        ("Guangzhou Home Goods Ltd, Baiyun, Guangzhou, P.R. China", "CN"),
        ("Casa Sol LLC, 1200 Main St, Los Angeles, CA 90001, USA", "US"),
        ("Moda Tekstil A.S., Merter, Istanbul, Türkiye", "TR"),
        ("Hoseco GmbH, Gartenweg 3, 10115 Berlin, DE", "DE"),
        ("Unit 5, Riverside Industrial Estate", None),
    ],
)
def test_manufacturer_address_country(vocab: Vocab, address: str, code: str | None) -> None:
    assert detect.address_country(address, vocab) == code


def test_generated_countries_hold_every_alias() -> None:
    """countries.tsv is generated from CLDR and aliases.tsv: re-run
    tools/gen_origin_countries.py after editing the aliases."""
    countries = {(r["code"], r["name"]) for r in table("origin/countries")}
    missing = [
        (r["code"], r["name"])
        for r in table("origin/aliases")
        if (r["code"], fold(r["name"]).strip()) not in countries
    ]
    assert missing == []


@pytest.mark.parametrize("piece", ["made in usa ", "usa-made ", "日本製", "made in made in "])
def test_reading_is_linear_on_hostile_text(vocab: Vocab, piece: str) -> None:
    assert_linear(lambda text: detect.claims(text, vocab), piece)


def test_no_evidence_no_reading() -> None:
    """Without an origin or address column nothing contradicts a claim: no finding, and
    the text is not read at all."""
    report = listlint.lint(
        [{"sku": "A", "title": "Made in USA Cap", "description": "Made in USA."}],
        select=["origin"],
    )
    assert report.findings == []


def test_message_names_the_column_and_both_countries() -> None:
    report = listlint.lint(
        [{"sku": "A", "title": "Belt Made in USA", "Country of Origin": "CN"}],
        policy=["amazon-us"],
        select=["OR101"],
    )
    (f,) = report.findings
    assert "United States" in f.message and "'CN'" in f.message and "Country of Origin" in f.message
    assert f.match == "Made in USA" and f.severity.value == "error"


def test_prefilter_keeps_every_cell_a_claim_is_read_in(vocab: Vocab) -> None:
    """The columnar prefilter (the shared scan, then "made" only after a word that ends a
    country name) keeps every cell the reader finds a claim in, and drops the rest."""
    import polars as pl
    import yaml

    from listlint.batch import Batch
    from listlint.rules.origin.family import OriginAnalysis

    spec = yaml.safe_load((Path(__file__).parent / "cases" / "origin.yaml").read_text("utf-8"))
    texts = [c["listing"][k] for c in spec["cases"] for k in ("title", "description")
             if c["listing"].get(k)]  # fmt: skip
    texts += ["Hand made mug", "Well-made bag", "made with love", "U.S.A.-made knife"]
    batch = Batch(pl.DataFrame({"description": texts}))
    kept = set(OriginAnalysis(batch, vocab)._candidates(batch, "description"))
    reported = {i for i, t in enumerate(texts) if detect.claims(fold(t), vocab)}
    assert reported and reported <= kept
    assert {texts[i] for i in range(len(texts)) if i not in kept} >= {
        "Hand made mug",
        "Well-made bag",
        "made with love",
    }
