"""The offplatform family beyond its case file (tests/cases/offplatform.yaml): the
columnar prefilter keeps every cell the reader would report, reading stays linear on
hostile text, and the severity of several marketplaces does not depend on their order."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import listlint
from listlint.batch import Batch
from listlint.rules.offplatform import detect, prefilter
from listlint.rules.offplatform.vocab import Vocab, build
from listlint.text.normalize import fold

from .linear_time import assert_linear

CASES = Path(__file__).parent / "cases" / "offplatform.yaml"
FIELDS = {"title": "title", "description": "description", "bullet points": "bullets"}


@pytest.fixture(scope="module")
def vocab() -> Vocab:
    return build()


def _texts() -> list[str]:
    spec = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    return [c["listing"][k] for c in spec["cases"] for k in FIELDS if c["listing"].get(k)]


def test_prefilter_keeps_every_cell_the_reader_reports(vocab: Vocab) -> None:
    texts = _texts()
    batch = Batch(pl.DataFrame({"description": texts}))
    assert vocab.prefilter is not None
    kept = set(prefilter.candidates(batch, "description", vocab.prefilter))
    reported = {i for i, t in enumerate(texts) if detect.find(fold(t), vocab)}
    assert reported, "the case file reports nothing"
    assert reported <= kept
    # and it is a filter: most trap texts do not reach the reader
    assert len(kept) < len(texts)


@pytest.mark.parametrize(
    "piece",
    ["@", "1-", "+1 ", "www.", "a.com ", "call 1.", "wa ", "@a.b", "tel: 12 ", "ig: @"],
)
def test_reading_is_linear_on_hostile_text(vocab: Vocab, piece: str) -> None:
    assert_linear(lambda text: detect.find(text, vocab), piece, copies=2_000)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab1@.:+-() wWhtp/é微信"), max_size=120))
def test_reader_never_raises_and_spans_are_in_the_text(text: str) -> None:
    vocab = _VOCAB
    for f in detect.find(text, vocab):
        assert 0 <= f.start < f.end <= len(text)


_VOCAB = build()


def _severity(policy: list[str]) -> str:
    report = listlint.lint(
        [{"sku": "A", "title": "Lamp", "description": "See www.lampshop.com for spares"}],
        policy=policy,
        select=["OP102"],
    )
    (finding,) = report.findings
    return finding.severity.value


def test_strictest_marketplace_decides_whatever_the_order() -> None:
    assert _severity(["google-shopping"]) == "warning"
    assert _severity(["google-shopping", "tiktok-shop-us"]) == "error"
    assert _severity(["tiktok-shop-us", "google-shopping"]) == "error"


def test_finding_quotes_the_sellers_characters() -> None:
    report = listlint.lint(
        [{"sku": "A", "title": "Lamp", "description": "Ｃａｌｌ ０９１２ ３４５ ６７８ now"}],
        select=["OP101"],
    )
    (finding,) = report.findings
    assert finding.match == "０９１２ ３４５ ６７８"


def test_manufacturer_address_is_not_scanned() -> None:
    report = listlint.lint(
        [
            {
                "sku": "A",
                "title": "Garden Hose",
                "manufacturer address": "Hoseco GmbH, Berlin, www.hoseco.de, +49 30 1234567",
            }
        ],
        select=["offplatform"],
    )
    assert report.findings == []
