"""RawTable + ColumnMap -> the listing frame every rule reads.

Columnar where it pays (polars expressions for text clean-up; parsing runs once per
*unique* value and is joined back). Variant rows inherit their parent's text, and
image-only continuation rows (Shopify) are folded into their product.
"""

from __future__ import annotations

import polars as pl

from listlint.catalog import LoadIssue
from listlint.fields import CANONICAL_FIELDS, GROUP, REC, ROW, SHEET, attr_column
from listlint.loader.cellattrs import fill_columns, magento_groups, unpack_cells
from listlint.loader.columns import JOINED_FIELDS, ColumnMap
from listlint.loader.table import RawTable
from listlint.money import parse_price
from listlint.text.normalize import clean_series

#: Text a variant row takes from its product when its own cell is blank.
INHERITED_FIELDS = ("title", "description", "bullets", "brand", "category", "product_type", "tags")
#: Fields whose HTML is stripped (titles keep theirs so the specs rules can flag it).
HTML_FIELDS = ("description", "bullets")
_IMAGE_ROW_FIELDS = {"images", "handle", "variant_group"}
#: frames wider than this are cleaned as one stacked column (see :func:`_clean_frame`)
STACK_COLUMNS = 32


def _src(i: int) -> str:
    return f"c{i}"


def build_frame(
    table: RawTable, cmap: ColumnMap, rec_offset: int = 0
) -> tuple[pl.DataFrame, list[LoadIssue]]:
    src = table.frame()
    exprs: list[pl.Expr] = []
    for fname in CANONICAL_FIELDS:
        idxs = cmap.fields.get(fname)
        if not idxs:
            continue
        cols = [pl.col(_src(i)) for i in idxs]
        if fname in JOINED_FIELDS and len(cols) > 1:
            expr = pl.concat_str(cols, separator="\n", ignore_nulls=True)
        elif len(cols) > 1:
            expr = pl.coalesce(cols)
        else:
            expr = cols[0]
        exprs.append(expr.alias(fname))
    for i in cmap.attribute_indices():
        exprs.append(pl.col(_src(i)).alias(attr_column(table.headers[i])))
    picked = src.select(exprs) if exprs else pl.DataFrame()
    frame = _clean_frame(picked) if picked.width else pl.DataFrame()
    frame = frame.with_columns(
        pl.Series(ROW, table.row_numbers, dtype=pl.Int64),
        pl.Series(REC, range(rec_offset, rec_offset + src.height), dtype=pl.Int64),
        (
            pl.Series(SHEET, table.row_sheets, dtype=pl.Utf8)
            if table.row_sheets is not None
            else pl.lit(table.sheet, dtype=pl.Utf8).alias(SHEET)
        ),
    )
    if cmap.options:
        frame = _apply_options(frame, src, table, cmap)
    frame = unpack_cells(frame)
    frame, issues = _variants(frame, cmap)
    frame = _parse_values(frame, cmap, issues)
    return frame, issues


def _clean_frame(picked: pl.DataFrame) -> pl.DataFrame:
    """:func:`clean_series` on every column. Past :data:`STACK_COLUMNS` columns, the
    columns without markup are cleaned as one stacked Series and cut apart again (the
    cleaning is cell by cell, so the result is the same): each call costs ~2 ms of
    fixed overhead, and a 16,000-column file spent 29 s in them."""
    plain = [c for c in picked.columns if c not in HTML_FIELDS]
    if len(plain) <= STACK_COLUMNS or picked.height == 0:
        return pl.DataFrame(
            [clean_series(picked[c], html_allowed=c in HTML_FIELDS) for c in picked.columns]
        )
    markup = set(picked.columns) - set(plain)
    out = {c: clean_series(picked[c], html_allowed=True) for c in picked.columns if c in markup}
    stacked = clean_series(pl.concat([picked[c] for c in plain], rechunk=True), html_allowed=False)
    height = picked.height
    for k, c in enumerate(plain):
        out[c] = stacked.slice(k * height, height).alias(c)
    return pl.DataFrame([out[c] for c in picked.columns])


def _apply_options(
    frame: pl.DataFrame, src: pl.DataFrame, table: RawTable, cmap: ColumnMap
) -> pl.DataFrame:
    """Shopify "Option1 Name/Value", WooCommerce "Attribute 1 name/value(s)": route values
    to size/color/material when the option is named so, else keep as attributes (see
    :mod:`listlint.loader.options`)."""
    from listlint.loader.options import option_column

    # a product is a handle within one sheet (sheets of one header set are read as one)
    sheets = frame[SHEET].to_list()
    handle = (
        [None if h is None else (s, h) for s, h in zip(sheets, frame["handle"], strict=True)]
        if "handle" in frame.columns
        else [None] * frame.height
    )
    routed: dict[str, list[str | None]] = {}
    for name_i, value_i in cmap.options:
        names = _option_names(src[_src(name_i)].to_list(), handle)
        values = src[_src(value_i)].to_list()
        siblings: dict[object, list[str]] = {}
        for r, (name, value) in enumerate(zip(names, values, strict=True)):
            if name and value:
                siblings.setdefault(handle[r] if handle[r] is not None else (r,), []).append(value)
        for r, (name, value) in enumerate(zip(names, values, strict=True)):
            if not name or not value:
                continue
            group = siblings[handle[r] if handle[r] is not None else (r,)]
            col = option_column(name, value, group)
            if col is not None:
                routed.setdefault(col, [None] * frame.height)[r] = value.strip()
    return fill_columns(frame, routed)


def _option_names(names: list[str | None], handle: list[object]) -> list[str | None]:
    """Shopify writes option names on a product's first row only: later rows of the same
    handle take them. A row with a blank handle belongs to no product and takes none."""
    out: list[str | None] = []
    last_name, last_handle = None, object()
    for name, h in zip(names, handle, strict=True):
        if name:
            last_name, last_handle = name, h
        elif h is not None and h == last_handle:
            name = last_name
        out.append(name)
    return out


def _variants(frame: pl.DataFrame, cmap: ColumnMap) -> tuple[pl.DataFrame, list[LoadIssue]]:
    issues: list[LoadIssue] = []
    conv = cmap.variants
    grouped = magento_groups(frame)
    if grouped is not None:
        return _inherit_in_groups(grouped), issues
    if "handle" in frame.columns and conv.get("key") == "handle":
        frame = frame.with_columns(pl.col("handle").alias(GROUP))
        present = [f for f in INHERITED_FIELDS if f in frame.columns]
        if present:
            # a blank handle is no group: such a row is a listing of its own and must not
            # take text from the rows above it (polars would treat all nulls as one group)
            grouped = pl.col(GROUP).is_not_null()
            frame = frame.with_columns(
                [
                    pl.when(grouped)
                    .then(pl.col(f).forward_fill().over(SHEET, GROUP))
                    .otherwise(pl.col(f))
                    for f in present
                ]
            )
        frame = _fold_image_rows(frame)
    elif "variant_group" in frame.columns:
        key = pl.col("variant_group").str.replace(r"^id:", "")
        frame = frame.with_columns(key.alias(GROUP))
        frame = _inherit_from_parent(frame, cmap)
    else:
        frame = frame.with_columns(pl.lit(None, dtype=pl.Utf8).alias(GROUP))
    return frame, issues


def _inherit_in_groups(frame: pl.DataFrame) -> pl.DataFrame:
    """Children take blank text from their group's parent row (Magento: the
    configurable row that lists them; its SKU is the group key)."""
    present = [f for f in INHERITED_FIELDS if f in frame.columns]
    if not present or "sku" not in frame.columns:
        return frame
    parent = (
        frame.filter(pl.col("sku") == pl.col(GROUP))
        .select([pl.col(SHEET), pl.col(GROUP), *[pl.col(f).alias(f"__p_{f}") for f in present]])
        .unique(subset=[SHEET, GROUP], keep="first")
    )
    frame = frame.join(parent, on=[SHEET, GROUP], how="left", nulls_equal=True)
    frame = frame.with_columns(
        [pl.coalesce(pl.col(f), pl.col(f"__p_{f}")).alias(f) for f in present]
    ).drop([f"__p_{f}" for f in present])
    return frame.sort(REC)


def _inherit_from_parent(frame: pl.DataFrame, cmap: ColumnMap) -> pl.DataFrame:
    """WooCommerce ``Parent`` (SKU or ``id:NN``), Amazon ``parent_sku``, Google
    ``item_group_id``: children take blank text from the parent row, and the parent row
    joins its own group."""
    present = [f for f in INHERITED_FIELDS if f in frame.columns]
    keys = []
    if "sku" in frame.columns:
        keys.append(pl.col("sku"))
    for name in ("attr:ID", "attr:id"):
        if name in frame.columns:
            keys.append(pl.col(name))
    if not keys:
        return frame
    sku = pl.col("sku") if "sku" in frame.columns else pl.lit(None, dtype=pl.Utf8)
    # parents are looked up within their own sheet (null for files without sheets)
    sheet = pl.col(SHEET).fill_null("")
    parents = []
    for k in keys:
        parents.append(
            frame.filter(k.is_not_null()).select(
                [
                    k.alias("__pkey"),
                    sheet.alias("__psheet"),
                    sku.alias("__psku"),
                    *[pl.col(f).alias(f"__p_{f}") for f in present],
                ]
            )
        )
    parent_frame = pl.concat(parents).unique(subset=["__pkey", "__psheet"], keep="first")
    frame = (
        frame.with_columns(sheet.alias("__sheet"))
        .join(
            parent_frame,
            left_on=[GROUP, "__sheet"],
            right_on=["__pkey", "__psheet"],
            how="left",
            coalesce=True,
        )
        .drop("__sheet")
    )
    frame = frame.with_columns(
        [pl.coalesce(pl.col(f), pl.col(f"__p_{f}")).alias(f) for f in present]
        # "id:10" and "HOODIE" name the same group: key groups by the parent's SKU
        + [pl.coalesce(pl.col("__psku"), pl.col(GROUP)).alias(GROUP)]
    )
    frame = frame.drop(
        [f"__p_{f}" for f in present]
        + ["__psku"]
        + [c for c in ("__pkey", "__psheet") if c in frame.columns]
    )
    # a parent row (its SKU is someone's group key in its sheet) belongs to its own group
    if "sku" in frame.columns:
        keyed = pl.concat_str([sheet, pl.col(GROUP)], separator="\x1f")
        group_keys = frame.select(keyed.drop_nulls().unique()).to_series()
        own = pl.concat_str([sheet, pl.col("sku")], separator="\x1f")
        frame = frame.with_columns(
            pl.when(pl.col(GROUP).is_null() & own.is_in(group_keys.implode()))
            .then(pl.col("sku"))
            .otherwise(pl.col(GROUP))
            .alias(GROUP)
        )
    return frame.sort(REC)


def _fold_image_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows carrying only a handle and image columns belong to the product above."""
    content = [
        c
        for c in frame.columns
        if c not in _IMAGE_ROW_FIELDS
        and c not in (ROW, REC, SHEET, GROUP)
        and c not in INHERITED_FIELDS
        and not c.lower().startswith("attr:image")
        and c != "attr:Image Position"
        and c != "attr:Image Alt Text"
    ]
    if not content:
        return frame
    only_images = (
        pl.all_horizontal([pl.col(c).is_null() for c in content]) & pl.col(GROUP).is_not_null()
    )
    if "images" in frame.columns:
        first_row = pl.col(REC) == pl.col(REC).min().over(SHEET, GROUP)
        only_images = only_images & ~first_row
        extra = (
            frame.filter(only_images & pl.col("images").is_not_null())
            .group_by(SHEET, GROUP, maintain_order=True)
            .agg(pl.col("images").str.join("\n").alias("__more_images"))
        )
        keep = frame.filter(~only_images)
        firsts = keep.group_by(SHEET, GROUP, maintain_order=True).agg(
            pl.col(REC).min().alias("__first")
        )
        extra = extra.join(firsts, on=[SHEET, GROUP], how="inner", nulls_equal=True)
        keep = keep.join(
            extra.select(["__first", "__more_images"]), left_on=REC, right_on="__first", how="left"
        )
        keep = keep.with_columns(
            pl.when(pl.col("__more_images").is_not_null())
            .then(
                pl.concat_str(
                    [pl.col("images"), pl.col("__more_images")], separator="\n", ignore_nulls=True
                )
            )
            .otherwise(pl.col("images"))
            .alias("images")
        ).drop("__more_images")
        return keep.sort(REC)
    return frame


def parent_count(frame: pl.DataFrame) -> int:
    """Rows that describe a product whose variants are rows of their own: a
    ``variant_type`` naming a parent (the generic profile's ``parent_types``;
    WooCommerce may list several: "variable, virtual") in a variant group with other
    rows. A "configurable" row with no child rows (its variants listed in a cell) is
    what a shopper buys from, so it stays a listing."""
    if "variant_type" not in frame.columns or frame.height == 0:
        return 0
    from listlint.loader.columns import profiles

    kinds = profiles()["generic"].parent_types
    values = frame["variant_type"].drop_nulls().unique().to_list()
    parents = [v for v in values if any(t.strip().lower() in kinds for t in str(v).split(","))]
    if not parents:
        return 0
    with_children = pl.col(GROUP).is_not_null() & (pl.len().over(SHEET, GROUP) > 1)
    return int(frame.select((pl.col("variant_type").is_in(parents) & with_children).sum()).item())


#: a price polars may cast itself: parse_price reads these as float() does, no currency
#: (at most 15 digits a side, so a cast can never overflow where parse_number refuses)
PLAIN_PRICE = r"^[0-9]{1,15}(?:\.[0-9]{1,15})?$"


def _prices(series: pl.Series) -> tuple[pl.Series, pl.Series]:
    """Amount and currency per price cell. Plain decimals ("19.99": nearly every cell of
    most exports) are cast in polars; the rest go through :func:`parse_price`, once per
    distinct value (a Python call per distinct price cost 0.31 s per 100k listings)."""
    plain = series.str.contains(PLAIN_PRICE).fill_null(False)
    rest = series.filter(~plain).drop_nulls().unique()
    parsed = [parse_price(v) for v in rest.to_list()]
    table = pl.DataFrame(
        {
            "k": rest,
            "a": pl.Series([p[0] for p in parsed], dtype=pl.Float64),
            "c": pl.Series([p[1] for p in parsed], dtype=pl.Utf8),
        }
    )
    out = (
        pl.DataFrame({"k": series, "plain": plain})
        .join(table, on="k", how="left", maintain_order="left")
        .select(
            pl.when("plain").then(pl.col("k").cast(pl.Float64, strict=False)).otherwise("a"),
            pl.when("plain").then(pl.lit(None, dtype=pl.Utf8)).otherwise("c"),
        )
    )
    return out.to_series(0), out.to_series(1)


def _parse_values(frame: pl.DataFrame, cmap: ColumnMap, issues: list[LoadIssue]) -> pl.DataFrame:
    new = []
    if "price" in frame.columns:
        parsed, cur = _prices(frame["price"])
        if cmap.currency:  # "Price (USD)": a plain 19.99 there is in dollars
            cur = cur.fill_null(cmap.currency)
        new += [parsed.alias("price_amount"), cur.alias("price_currency")]
        sku_col = (
            pl.col("sku") if "sku" in frame.columns else pl.lit(None, dtype=pl.Utf8).alias("sku")
        )
        bad = (
            frame.select(ROW, SHEET, "price", sku_col)
            .with_columns(parsed.alias("__p"))
            .filter(pl.col("price").is_not_null() & pl.col("__p").is_null())
        )
        for row, row_sheet, raw, sku in bad.select(ROW, SHEET, "price", "sku").iter_rows():
            issues.append(
                LoadIssue(
                    kind="bad-number",
                    message=f"price {raw!r} is not a number listlint can read",
                    row=row,
                    column=cmap.column_names().get("price"),
                    field="price",
                    match=raw,
                    sheet=row_sheet,
                    sku=sku,
                    suggestion="write the price as a plain number such as 19.99 (currency in its own column)",
                )
            )
    # the discounted and the "was" price, read the same way (pricing rules compare them
    # with the price; the ip rules weigh the price a buyer pays today)
    for field, name in (("sale_price", "sale_price"), ("compare_at_price", "compare_at")):
        if field in frame.columns:
            parsed, cur = _prices(frame[field])
            new += [parsed.alias(f"{name}_amount"), cur.alias(f"{name}_currency")]
    new += _measure_columns(frame, cmap)
    return frame.with_columns(new) if new else frame


def _measure_columns(frame: pl.DataFrame, cmap: ColumnMap) -> list[pl.Series]:
    """weight_kg, length_cm, width_cm, height_cm (columnar; see listlint.units.columns)."""
    from listlint.loader.columns import UNIT_WORDS
    from listlint.units import columns as mc

    out: list[pl.Series] = []
    unit_w = cmap.units.get("weight")
    if "weight" in frame.columns:
        unit_col = frame["weight_unit"] if "weight_unit" in frame.columns and not unit_w else None
        out.append(mc.weight_kg(frame["weight"], UNIT_WORDS.get(unit_w, unit_w), unit_col))
    unit_d = cmap.units.get("length") or cmap.units.get("width") or cmap.units.get("height")
    dim_unit_col = frame["dimension_unit"] if "dimension_unit" in frame.columns else None
    for dim in ("length", "width", "height"):
        if dim in frame.columns:
            unit = cmap.units.get(dim) or unit_d
            out.append(mc.length_cm(frame[dim], unit, dim_unit_col).alias(f"{dim}_cm"))
    if "dimensions" in frame.columns and not any(
        d in frame.columns for d in ("length", "width", "height")
    ):
        out += mc.dimensions_cm(frame["dimensions"], cmap.units.get("dimensions")).get_columns()
    if "volume" in frame.columns:
        out.append(_volume_l(frame, cmap.units.get("volume")))
    return out


def _volume_l(frame: pl.DataFrame, unit: str | None) -> pl.Series:
    """volume_l: each distinct (cell, unit) read once (a volume column is short text)."""
    from listlint.units.volume import parse_volume

    units = (
        frame["volume_unit"].cast(pl.Utf8)
        if "volume_unit" in frame.columns and not unit
        else pl.repeat(unit, frame.height, dtype=pl.Utf8, eager=True)
    )
    pairs = pl.DataFrame({"v": frame["volume"].cast(pl.Utf8), "u": units})
    memo = {(v, u): parse_volume(v, u) for v, u in pairs.unique().iter_rows() if v is not None}
    values = [memo.get((v, u)) if v is not None else None for v, u in pairs.iter_rows()]
    return pl.Series("volume_l", values, dtype=pl.Float64)
