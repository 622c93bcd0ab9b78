"""Candidate rows settled columnar (rules/prohibited/settle.py): a row said settled is
one the row analysis settles, whatever the text around its matches."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import listlint
from listlint.rules.prohibited.evidence import RowAnalyser
from listlint.rules.prohibited.vocab import vocabulary


def _settled(text: str, lacks=lambda name: True) -> bool:
    settler = vocabulary().settler
    return 0 in settler.settled([(0, text)], lambda name, row: lacks(name))


def _analysed(text: str, lacks=lambda name: True) -> dict:
    values = [("description", 1.0, text)]
    return RowAnalyser(vocabulary(), []).analyse(
        values, hot={"description"}, patterned=frozenset(), lacks=lacks
    )


def test_a_safe_phrase_has_the_letters_of_the_term_it_excuses_upper_cased():
    settler = vocabulary().settler
    assert settler.rewrites[settler.phrases.index("ivory white")] == "IVORY white"


def test_a_phrase_that_a_term_it_does_not_excuse_may_overlap_is_not_rewritten():
    # "e cigarette lighter": the phrase excuses "cigarette", not the vape "e cigarette"
    assert "cigarette lighter" not in vocabulary().settler.phrases
    assert _analysed("e cigarette lighter kit")
    assert not _settled("e cigarette lighter kit")


def test_rows_with_only_excused_matches_or_lacking_contexts_are_settled():
    assert _settled("duvet cover, ivory white, 400 thread count. ivory white piping")
    assert _settled("racerback tank top", lacks=lambda name: name == "vape")
    assert not _settled("racerback tank top", lacks=lambda name: False)
    assert not _settled("ivory white duvet with a carved ivory netsuke")
    # a phrase with a letter beside it is no phrase the matcher finds
    assert not _settled("ivory whitewash")
    assert _analysed("ivory whitewash")


FRAGMENTS = [
    "ivory", "ivory white", "white", "white widow", "tank", "tank top", "top", "vape",
    "e cigarette", "cigarette lighter", "cigarette", "knife", "butter knife", "hot glue gun",
    "gun", "glue", "kratom", "faux ivory", "x", "é", "电", "1", "-", "/", ".", ", ",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    parts=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6),
    seps=st.lists(st.sampled_from(["", " ", " ", "-", "x", "\u00e9", "/"]), min_size=6, max_size=6),
    vape=st.booleans(),
)
def test_a_row_settled_columnar_gets_no_evidence_from_the_row_analysis(parts, seps, vape):
    text = "".join(p + s for p, s in zip(parts, seps, strict=False))

    def lacks(name: str) -> bool:
        return not (vape and name == "vape")

    if _settled(text, lacks):
        assert _analysed(text, lacks) == {}


def test_a_catalogue_of_settled_and_unsettled_rows_keeps_its_findings():
    listings = [
        {"sku": "A", "title": "Duvet Cover", "description": "Ivory white percale."},
        {"sku": "B", "title": "Carved Ivory Figurine", "description": "Real ivory."},
        {"sku": "C", "title": "Tank Top - Navy", "description": "Soft cotton tee."},
        {"sku": "D", "title": "Sub Ohm Tank", "description": "For the X vape pen."},
    ]
    found = {f.sku for f in listlint.lint(listings).findings if f.group == "prohibited"}
    assert {"B", "D"} <= found
    assert not {"A", "C"} & found
