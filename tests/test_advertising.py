"""The advertising family beyond its case file (tests/cases/advertising.yaml): the
columnar prefilter keeps every cell the readers report, reading stays linear on hostile
text, severity follows the strictest marketplace, SP305 and HC105 keep their words."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
import yaml

import listlint
from listlint.batch import Batch
from listlint.rules.advertising import detect, prefilter
from listlint.rules.advertising.vocab import Vocab, build
from listlint.text.normalize import fold

from .linear_time import assert_linear

CASES = Path(__file__).parent / "cases" / "advertising.yaml"
FIELDS = ("title", "description", "bullet points")


@pytest.fixture(scope="module")
def vocab() -> Vocab:
    return build()


def _claims(text: str, vocab: Vocab) -> list[detect.Claim]:
    owned = detect.owned_elsewhere(text, vocab, title=False)
    return (
        detect.absolutes(text, vocab, owned, None, None)
        + detect.urgencies(text, vocab, owned)
        + detect.comparisons(text, vocab, None, None)
    )


def test_prefilter_keeps_every_cell_a_reader_reports(vocab: Vocab) -> None:
    spec = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    texts = [c["listing"][k] for c in spec["cases"] for k in FIELDS if c["listing"].get(k)]
    batch = Batch(pl.DataFrame({"description": texts}))
    assert vocab.prefilter is not None
    kept = set(prefilter.candidates(batch, "description", vocab.prefilter))
    reported = {i for i, t in enumerate(texts) if _claims(fold(t), vocab)}
    assert reported and reported <= kept
    assert len(kept) < len(texts)


@pytest.mark.parametrize(
    "piece",
    [
        "the best ",
        "#1 ",
        "no. 1 no. 2 ",
        "better than dyson ",
        "only 2 left ",
        "hurry, ",
        "the only ",
    ],
)
def test_reading_is_linear_on_hostile_text(vocab: Vocab, piece: str) -> None:
    assert_linear(lambda text: _claims(text, vocab), piece)


def _lint(title: str, description: str, policy: list[str]) -> list:
    report = listlint.lint(
        [{"sku": "A", "title": title, "description": description}],
        policy=policy,
        select=["AD101", "AD102", "AD103", "SP305", "HC105"],
    )
    return report.findings


@pytest.mark.parametrize(
    ("policy", "severity"),
    [
        (["base"], "info"),
        (["amazon-us"], "warning"),
        (["tiktok-shop-us"], "error"),
        (["amazon-us", "tiktok-shop-us"], "error"),
        (["tiktok-shop-us", "amazon-us"], "error"),
    ],
)
def test_superlatives_are_strict_on_tiktok_and_milder_elsewhere(policy, severity) -> None:
    (f,) = _lint("Lip Oil", "The best lip oil.", policy)
    assert (f.rule, f.severity.value) == ("AD101", severity)


def test_baseline_names_no_marketplace_for_a_note() -> None:
    (f,) = _lint("Lip Oil", "The best lip oil.", ["base"])
    assert f.marketplaces == () and "reject" not in f.message


def test_sp305_keeps_title_promotions_and_ad_keeps_descriptions() -> None:
    title = _lint("#1 Best Seller Yoga Mat", "Non-slip.", ["tiktok-shop-us"])
    assert {f.rule for f in title} == {"SP305"}
    description = _lint("Yoga Mat", "Our best seller, the best mat ever.", ["tiktok-shop-us"])
    assert {f.rule for f in description} == {"AD101"}


def test_hc105_keeps_efficacy_claims() -> None:
    found = _lint("Patch", "#1 doctor recommended. Guaranteed results.", ["tiktok-shop-us"])
    assert {f.rule for f in found} == {"HC105"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("our 'Bee the Best Cookies', baked", ["Bee the Best Cookies"]),
        ("“Simply the Best” vinyl", ["Simply the Best"]),
        ("“The best serum I have ever used”", []),  # a sentence, not a name
        ("it is 'the best' serum", []),  # scare quotes around lower case
        ('"THE BEST CURL CREME." in a jar', []),  # capitals and a full stop: a slogan
        ('"The Best Curl Creme!" in a jar', []),  # a sentence
        ("World's Best Dad 'Mug'", ["Mug"]),  # the apostrophe neither opens nor closes
        ("'" + "Word " * 40 + "'", []),  # too long for a name
    ],
)
def test_quoted_title_case_spans_are_names(text: str, names: list[str]) -> None:
    found = [text[s:e] for s, e in detect.quoted_names(text).spans()]
    assert found == names


def test_quoted_names_are_read_in_linear_time() -> None:
    assert_linear(detect.quoted_names, "'A b' x '", copies=2_500)
