"""The literal scan offplatform and advertising share (listlint.rules.textscan): one pass
over a batch column for the union of their literals, each family keeping only its rows."""

from __future__ import annotations

import polars as pl
import pytest

from listlint.batch import Batch
from listlint.rules import textscan


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textscan, "_REGISTERED", {})
    monkeypatch.setattr(textscan, "_union", [""])


def _batch() -> Batch:
    texts = ["The BEST mug", "mail me@x.com", "plain", "www.x.com, hurry!", None]
    return Batch(pl.DataFrame({"description": texts}))


def test_each_family_keeps_its_own_rows_from_one_scan(registry: None) -> None:
    textscan.register("claims-like", r"best|hurry")
    textscan.register("links-like", r"@|www\.")
    batch = _batch()
    assert textscan.rows(batch, "description", "claims-like").to_list() == [0, 3]
    assert textscan.rows(batch, "description", "links-like").to_list() == [1, 3]
    scans = [k for k in batch._cache if k.startswith("textscan:")]
    assert len(scans) == 1  # the second family reused the first one's scan


def test_a_single_family_scans_its_own_literals(registry: None) -> None:
    textscan.register("links-like", r"@|www\.")
    assert textscan.rows(_batch(), "description", "links-like").to_list() == [1, 3]


def test_registering_again_changes_nothing_but_a_new_set_rescans(registry: None) -> None:
    textscan.register("links-like", r"@")
    batch = _batch()
    assert textscan.rows(batch, "description", "links-like").to_list() == [1]
    textscan.register("links-like", r"@")
    textscan.register("links-like", r"www\.")
    assert textscan.rows(batch, "description", "links-like").to_list() == [3]


def test_an_empty_alternation_keeps_no_cell_and_leaves_the_union_alone(registry: None) -> None:
    textscan.register("links-like", r"@")
    textscan.register("nothing", "")
    batch = _batch()
    assert textscan.rows(batch, "description", "nothing").to_list() == []
    assert textscan.rows(batch, "description", "links-like").to_list() == [1]


def test_built_vocabularies_register_again_in_a_fresh_process(registry: None) -> None:
    """A worker that receives vocabularies built elsewhere starts with an empty registry:
    each family registers its literals when it first reads a batch."""
    from listlint.rules.advertising import prefilter as ad_prefilter
    from listlint.rules.advertising.vocab import build as ad_build
    from listlint.rules.offplatform import prefilter as op_prefilter
    from listlint.rules.offplatform.vocab import build as op_build
    from listlint.rules.origin.family import OriginAnalysis
    from listlint.rules.origin.vocab import build as or_build

    ad, op, origin = ad_build(), op_build(), or_build()
    textscan._REGISTERED.clear()
    textscan._union[0] = ""
    batch = Batch(
        pl.DataFrame(
            {
                "description": ["The best cap. Call 415-555-0132.", "Made in USA.", "Plain."],
                "country_of_origin": ["China", "China", None],
            }
        )
    )
    assert ad.prefilter is not None and op.prefilter is not None
    assert ad_prefilter.candidates(batch, "description", ad.prefilter) == [0]
    assert op_prefilter.candidates(batch, "description", op.prefilter) == [0]
    assert [s.index for s in OriginAnalysis(batch, origin).stated] == [1]
