"""The specs family's columnar shortcuts agree with the simple per-listing code they
replace: GTIN columns read in polars, attribute presence and values, category mapping
once per distinct text, and the polars prefilters that choose which titles the Python
checks see (a prefilter may let extra rows through, never drop a row with a finding)."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from listlint import gtin as g
from listlint.batch import Batch
from listlint.fields import REC, ROW, SHEET
from listlint.gtin import read_series
from listlint.rules.specs import textcheck as tc
from listlint.rules.specs.attributes import AttributeColumns
from listlint.taxonomy import _match_one, default_taxonomy, map_batch
from listlint.text.steps import non_ascii

#: whitespace Python strips that regex engines may not (\x1c-\x1f), and Unicode spaces
_SPACES = [" ", "\t", "\n", "\xa0", "\u3000", "\x1c", "\x1f", "\u2009", "\x85"]
cell = st.one_of(
    st.none(),
    st.text(alphabet=st.sampled_from([*_SPACES, "a", "M", "é", "0", "-"]), max_size=6),
    st.text(max_size=8),
)


def _batch(**columns: list) -> Batch:
    n = len(next(iter(columns.values())))
    frame = pl.DataFrame(
        {
            ROW: list(range(2, n + 2)),
            REC: list(range(n)),
            SHEET: [None] * n,
            **{k: pl.Series(k, v, dtype=pl.Utf8) for k, v in columns.items()},
        },
        schema_overrides={SHEET: pl.Utf8},
    )
    return Batch(frame, columns={k: k for k in columns})


def _valid(body: str) -> str:
    return g.with_check_digit(body)


gtin_cell = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "0", "n/a", "4006381333931", "'4006381333931", "36000291452"]),
    st.sampled_from([12, 13]).flatmap(
        lambda n: st.text(alphabet="0123456789", min_size=n - 1, max_size=n - 1).map(_valid)
    ),
    st.text(alphabet="0123456789 .-E+", max_size=15),
    # restricted-circulation and coupon prefixes, GTIN-8 included
    st.tuples(
        st.sampled_from(["2", "02", "04", "05", "99", "981", "984", "0"]),
        st.sampled_from([8, 12, 13, 14]),
        st.text(alphabet="0123456789", min_size=14, max_size=14),
    ).map(lambda t: _valid((t[0] + t[2])[: t[1] - 1])),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(gtin_cell, max_size=25))
def test_gtin_column_reads_like_the_per_cell_reader(values: list[str | None]) -> None:
    column = read_series(pl.Series("gtin", values, dtype=pl.Utf8))
    assert list(column) == g.read_column(values)
    odd = dict(column.odd_rows())
    for i, r in enumerate(g.read_column(values)):
        plain = r is not None and r.problem is None and not r.repairs and r.digits == r.raw
        # rows left out of odd_rows are plain codes (odd_rows may hold plain ones too)
        assert i in odd or (r is None and i in column.odd) or plain, (values[i], r)


@settings(max_examples=150, deadline=None)
@given(st.lists(cell, min_size=1, max_size=20))
def test_attribute_presence_and_values_match_value(values: list[str | None]) -> None:
    batch = _batch(size=values)
    attrs = AttributeColumns(batch, {}, {})
    expected = [attrs.value("size", i) for i in range(len(values))]
    assert attrs.value_series("size").to_list() == expected
    assert attrs.missing_mask("size").to_list() == [v is None for v in expected]


category = st.one_of(
    st.none(),
    st.sampled_from(
        ["Apparel > Shirts", "Herrkläder", "Indoor", "", "Clothing, Clothing > T-shirts"]
    ),
    st.sampled_from(["Shoes", "Home > Kitchen", "Accessories", "1604", "服装 > T恤"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(category, category), min_size=1, max_size=12))
def test_category_mapping_once_per_distinct_text(pairs: list[tuple]) -> None:
    batch = _batch(category=[a for a, _ in pairs], product_type=[b for _, b in pairs])
    tax = default_taxonomy()
    expected = [
        _match_one(tax, [("category", a, False), ("product_type", b, False)]) for a, b in pairs
    ]
    assert list(map_batch(batch)) == expected


title = st.one_of(
    st.text(max_size=40),
    st.lists(
        st.sampled_from(
            ["ORGANIC", "Cotton", "cotton", "TEE", "A'BC", "AB'C", "USB", "🔥", "<b>", "DON’T"]
        ),
        max_size=8,
    ).map(" ".join),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(title, st.none()), min_size=1, max_size=10))
def test_title_prefilters_keep_every_row_with_a_finding(titles: list[str | None]) -> None:
    batch = _batch(title=titles)
    unique = batch.frame["title"].drop_nulls().unique()
    caps = set(
        tc.rows_where(
            batch,
            "title",
            lambda s: non_ascii(s) | s.str.contains("[A-Z]{2}"),
            unique=unique,
        )
    )
    emoji = set(tc.rows_where(batch, "title", lambda s: s.str.contains(tc.EMOJI_CLASS)))
    longer = set(tc.rows_where(batch, "title", lambda s: s.str.len_chars() > 10))
    repeating = set(
        tc.rows_where(batch, "title", lambda s: tc.may_repeat_words(s, 1), unique=unique)
    )
    for i, t in enumerate(titles):
        if t is None:
            assert i not in caps | emoji | longer | repeating
            continue
        repeats = tc.repeated_words(t, frozenset())
        assert not repeats or i in repeating, t
        share, _ = tc.caps_share(t)
        assert share == 0 or i in caps, t
        assert not tc.emoji(t) or i in emoji, t
        assert (len(t) > 10) == (i in longer), t


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=10))
def test_phrase_prefilter_keeps_every_matching_row(texts: list[str]) -> None:
    from listlint.text.matcher import PhraseMatcher

    terms = ["free shipping", "Ｆree", "lorem ipsum", "é", "%", "c++ (x)", "a.b|c"]
    matcher = PhraseMatcher((t, t) for t in terms)
    batch = _batch(title=[t + " free shipping" if k % 3 == 0 else t for k, t in enumerate(texts)])
    rows = set(tc.rows_containing(batch, "title", tc.folded_keys(terms)))
    for i, folded in enumerate(batch.folded("title")):
        if folded and matcher.longest(folded):
            assert i in rows, folded


def _variant_partial(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            REC: list(range(len(rows))),
            ROW: list(range(2, len(rows) + 2)),
            SHEET: [None] * len(rows),
            "_group": [r[0] for r in rows],
            "sku": [r[1] for r in rows],
            "__parent": [r[2] for r in rows],
            "v:size\x1fsize\x1fSize": [r[3] for r in rows],
            "v:color\x1fcolour\x1fColor": [r[4] for r in rows],
            "__other": [""] * len(rows),
        },
        schema_overrides={
            SHEET: pl.Utf8,
            "_group": pl.Utf8,
            "sku": pl.Utf8,
            "__parent": pl.Boolean,
            "v:size\x1fsize\x1fSize": pl.Utf8,
            "v:color\x1fcolour\x1fColor": pl.Utf8,
        },
    )


def _reference_variants(rows: list[tuple]) -> tuple[list, list]:
    """Duplicates and gaps computed listing by listing, group by group."""
    groups: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        if r[0] is not None and not r[2]:
            groups.setdefault(r[0], []).append(i)
    dups, gaps = [], []
    for g_, members in groups.items():
        if len(members) < 2:
            continue
        first: dict[tuple, int] = {}
        pairs: set[tuple] = set()
        for i in members:
            sig = (rows[i][3] or "", rows[i][4] or "")
            if (sig, rows[i][1]) in pairs:
                continue
            pairs.add((sig, rows[i][1]))
            if sig in first:
                f = first[sig]
                dups.append((i, i + 2, None, rows[i][1], g_, f + 2, rows[f][1]))
            else:
                first[sig] = i
        for k, (attr, label, header) in (
            (3, ("size", "size", "Size")),
            (4, ("color", "colour", "Color")),
        ):
            seen = list(dict.fromkeys(rows[i][k] for i in members if rows[i][k] is not None))
            if len(seen) < 2:
                continue
            for i in members:
                if rows[i][k] is None:
                    gaps.append(
                        (i, i + 2, None, rows[i][1], g_, attr, label, header, ", ".join(seen[:4]))
                    )
    return sorted(dups), sorted(gaps)


variant_row = st.tuples(
    st.sampled_from(["A", "B", "C"]),  # phase one keeps only rows in a group
    st.sampled_from(["s1", "s2", "s3", "s4", None]),
    st.booleans(),
    st.sampled_from(["S", "M", None]),
    st.sampled_from(["Black", "Red", None]),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(variant_row, min_size=1, max_size=14))
def test_variant_merges_match_a_per_group_reference(rows: list[tuple]) -> None:
    from listlint.fields import GROUP
    from listlint.rules.specs.variants import duplicate_variants, missing_variant_values

    frame = _variant_partial(rows).rename({"_group": GROUP})
    dups, gaps = _reference_variants(rows)
    assert sorted(duplicate_variants(frame)) == dups
    assert sorted(missing_variant_values(frame)) == gaps


_WORDS = ["ab", "abc", "b c", "bc", "c-d", "c", "d", "ab cd"]
ascii_text = st.lists(
    st.sampled_from(["ab", "abc", "b", "c", "d", "cd", "-", " ", "_", ".", "x", "1", "A"]),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(ascii_text, min_size=1, max_size=8))
def test_first_word_pattern_finds_the_matchers_first_match(texts: list[str]) -> None:
    """In ASCII text the polars pattern's first match is the first match of
    ``PhraseMatcher.longest``: the earliest whole word, the longest one starting there
    (a longer word failing its boundary leaves the shorter one)."""
    from listlint.text.matcher import PhraseMatcher

    matcher = PhraseMatcher((w, w) for w in _WORDS)
    pattern = tc.first_word_pattern(tc.folded_keys(_WORDS))
    assert pattern is not None
    got = pl.Series(texts, dtype=pl.Utf8).str.extract(pattern, 1).to_list()
    for text, first in zip(texts, got):
        found = matcher.longest(text)
        assert first == (found[0].term if found else None), text


def test_first_word_pattern_leaves_other_keys_to_the_matcher() -> None:
    assert tc.first_word_pattern(["battery", "电池"]) is None
    assert tc.first_word_pattern(["battery", "-ion"]) is None
    assert tc.first_word_pattern(["battery", "li-ion"]) is not None


_MENTIONS = [
    "battery",
    "batteries",
    "li-ion",
    "lithium",
    "ion",
    "lithium-ion",
    "lithium ion",
    "lipo",
    "lipo battery",
    "rechargeable",
    "rechargeables",
    "no",
    "free",
    "battery-free",
    "battery free",
    "batteryx",
    "xbattery",
    "电池",
    "é",
    "Battery",
    "BATTERIES",
    "1",
]
mention_text = st.one_of(
    st.none(),
    st.lists(
        st.tuples(
            st.sampled_from(_MENTIONS),
            st.sampled_from([" ", "", "-", ", ", "\n", "_", "é", "电", "ä "]),
        ),
        max_size=6,
    ).map(lambda parts: "".join(w + s for w, s in parts)),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(mention_text, mention_text, mention_text, st.sampled_from([None, "", "NiMH"])),
        min_size=1,
        max_size=12,
    ),
    st.booleans(),
)
def test_conditional_attribute_first_mention_in_polars_matches_the_matcher(
    rows: list[tuple], with_column: bool
) -> None:
    """SP103: the first mention found in polars (ASCII text without a cancelling phrase)
    gives the same needs, in the same order, as the phrase matcher on every listing."""
    from listlint.api import make_config
    from listlint.engine import RuleSet
    from listlint.loader import from_records

    records = []
    for k, (title, description, category, battery) in enumerate(rows):
        record = {"sku": f"S{k}", "title": title, "description": description}
        record["category"] = category
        if with_column:
            record["battery type"] = battery
        records.append(record)
    ruleset = RuleSet.build(make_config(policy="amazon-us", select=["SP103"]))
    (rule,) = [r for r in ruleset.rules if r.code == "SP103"]
    rule._matcher()
    assert rule._first_mention is not None
    for batch in from_records(records).batches(5):
        analysis = ruleset.context(batch).analysis(rule.family)
        fast = list(rule._needs(batch, analysis, with_column=with_column))
        kept, rule._first_mention = rule._first_mention, None
        try:
            slow = list(rule._needs(batch, analysis, with_column=with_column))
        finally:
            rule._first_mention = kept
        assert [(i, a, c, [p.label for p in ps], t, s) for i, a, c, ps, t, s in fast] == [
            (i, a, c, [p.label for p in ps], t, s) for i, a, c, ps, t, s in slow
        ]


placeholder_cell = st.one_of(
    st.none(),
    st.sampled_from(["N/A", " n/a ", "TBD", "tbd\u3000", "Nakamura", "NA-12", "", " ", "Ｎ/Ａ"]),
    st.text(alphabet=st.sampled_from([*_SPACES, "n", "A", "/", "t", "b", "d"]), max_size=5),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(placeholder_cell, placeholder_cell), min_size=1, max_size=20))
def test_placeholder_cells_tested_once_per_distinct_value(rows: list[tuple]) -> None:
    """SP306 tests each distinct cell of a column once: the rows it reports are those
    the whole column's strip/lower-case test and the per-cell check give."""
    from listlint.api import make_config
    from listlint.engine import RuleSet
    from listlint.rules.specs.wording import _placeholders
    from listlint.text.normalize import fold

    cells, _ = _placeholders()
    batch = _batch(brand=[r[0] for r in rows], color=[r[1] for r in rows])
    ruleset = RuleSet.build(make_config(select=["SP306"]))
    (rule,) = [r for r in ruleset.rules if r.code == "SP306"]
    got = [(h.field, h.index) for h in rule.hits(ruleset.context(batch))]
    want = []
    for field in ("brand", "color"):
        col = batch.frame[field]
        mask = col.str.strip_chars().str.to_lowercase().is_in(list(cells)).fill_null(False)
        for i in mask.arg_true().to_list():
            value = batch.values(field)[i]
            if value and fold(value).strip() in cells:
                want.append((field, i))
    assert got == want
