"""The prohibited family settles most candidate rows without the rest of the listing:
a match covered by its own benign phrase ("ivory white"), or a term whose context the
whole listing lacks ("Tank Top": no vape word anywhere, decided columnar)."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

import listlint
from listlint.rules.prohibited.evidence import RowAnalyser
from listlint.rules.prohibited.presence import ContextPresence, words_regex
from listlint.rules.prohibited.vocab import vocabulary
from listlint.text.matcher import PhraseMatcher


@settings(max_examples=300, deadline=None)
@given(
    before=st.sampled_from(["", " ", "x", "-", "电", "1", "é"]),
    word=st.sampled_from(["vape", "e-cig", "510 thread", "电子烟", "-x", "mtl", "ohm"]),
    after=st.sampled_from(["", " ", "s", ".", "烟", "2"]),
)
def test_words_regex_finds_every_place_the_matcher_does(before: str, word: str, after: str):
    """A superset of the context automaton: a row it leaves out certainly lacks the word."""
    text = f"{before}{word}{after}"
    matcher = PhraseMatcher([(word, "w")])
    found = pl.Series([text]).str.contains(words_regex([word])).item()
    if matcher.contains_any(text):
        assert found


def test_context_presence_keeps_rows_with_a_word_or_a_signal_anywhere():
    vocab = vocabulary()
    rows = [3, 5, 8, 9]
    cells = {
        "title": ["sub ohm tank", "tank top", "mesh coils", "tank top"],
        "description": ["", "soft cotton", "0.4ohm mesh", "a vape shop favourite"],
    }
    presence = ContextPresence(vocab, rows, cells, asked={3, 5, 8})
    assert not presence.lacks("vape", 3)  # a word: "ohm"
    assert presence.lacks("vape", 5)  # none anywhere
    assert not presence.lacks("vape", 8)  # a signal: "0.4ohm"
    assert presence.lacks("vape", 9)  # not asked about: never searched


def _tank_top(lacks, complete: bool):
    values = [
        ("title", 2.0, "tank top racerback"),
        ("description", 1.0, "pairs with a chef knife"),  # a term no selected pack checks
    ]
    return RowAnalyser(vocabulary(), []).analyse(
        values, hot={"title"}, patterned=frozenset(), lacks=lacks, complete=complete
    )


def test_a_term_whose_context_the_listing_lacks_settles_the_row():
    # unsettled, the unflagged description is read and its terms judged
    assert "bladed_tools" in _tank_top(None, complete=False)
    assert "bladed_tools" in _tank_top(lambda name: True, complete=True)
    # settled: the row analysis stops before the listing's other fields
    assert _tank_top(lambda name: name == "vape", complete=False) == {}
    assert "bladed_tools" in _tank_top(lambda name: name != "vape", complete=False)


def test_a_match_covered_by_its_benign_phrase_settles_the_row():
    analyser = RowAnalyser(vocabulary(), [])
    values = [("description", 1.0, "duvet cover in ivory white percale")]
    assert analyser.analyse(values, hot={"description"}, patterned=frozenset()) == {}
    assert analyser._settled(analyser._scan("description", 1.0, values[0][2], False), None)
    real = "carved ivory netsuke figure"
    assert not analyser._settled(analyser._scan("description", 1.0, real, False), None)


def test_settled_rows_give_the_findings_of_a_full_analysis():
    listings = [
        {"sku": "A", "title": "Tank Top - Navy", "description": "Soft cotton tee."},
        {"sku": "B", "title": "Sub Ohm Tank 5ml Top Fill", "description": "Mesh coils."},
        {"sku": "C", "title": "Replacement Tank", "description": "For the X vape pen."},
        {"sku": "D", "title": "Duvet Cover", "description": "In ivory white percale."},
        {"sku": "E", "title": "Carved Ivory Figurine", "description": "Antique."},
    ]
    report = listlint.lint(listings, policy=["base"], select=["PR"])
    assert sorted({f.sku for f in report.findings}) == ["B", "C", "E"]


def test_only_rows_whose_own_category_names_a_prohibited_group_read_their_product():
    from listlint.batch import Batch
    from listlint.product import analyse_batch
    from listlint.rules.prohibited.products import ProductEvidence

    batch = Batch(
        pl.DataFrame(
            {
                "title": ["Mango Disposable", "Cotton Tee", "Red Wine 750ml", "Oak Desk"],
                "category": [
                    "Tobacco Products > Electronic Cigarettes",
                    "Apparel > Shirts",
                    "Food, Beverages & Tobacco > Beverages > Alcoholic Beverages > Wine",
                    "Furniture > Desks",
                ],
            }
        )
    )
    assert ProductEvidence.group_rows(analyse_batch(batch), [0, 1, 2, 3]) == {0, 2}
    assert ProductEvidence.group_rows(analyse_batch(batch), [1, 2]) == {2}


def test_medicine_and_recall_candidates_keep_their_rows_when_columns_are_searched_together():
    from listlint.batch import Batch
    from listlint.rules.prohibited.products import ProductEvidence

    pe = ProductEvidence()
    name = pe.medicine_names[0]
    batch = Batch(
        pl.DataFrame(
            {
                "title": ["Plain mug", f"{name} tablets", "Plain mug"],
                "brand": ["Acme", "Acme", name],
            }
        )
    )
    medicines, _ = pe.candidates(batch)
    assert medicines == {1, 2}


def test_recall_models_are_searched_only_in_cells_that_may_hold_one():
    from listlint.rules.prohibited.products import ProductEvidence

    pe = ProductEvidence()
    rows = [4, 7]
    cells = {
        "title": ["maxi dress", "maxi dress"],
        "description": ["flowing cotton, ideal for summer", "model dls-k03 in blue"],
    }
    assert pe.coded_cells(rows, cells, asked={4, 7}) == {("description", 7)}
    assert pe.coded_cells(rows, cells, asked={4}) == set()
    # a recalled ride-on truck named in the title, its model in the description
    fields = {"title": "funtok trucks", "description": "item dls-k03"}
    found = pe.recalls.match(fields)
    assert found is not None and (found.field, found.evidence) == ("description", "model")
    assert pe.recalls.match(fields, coded={"title"}) is None
