"""Seeded generator of realistic synthetic catalogues for benchmarks.

Mixed categories, descriptions of 40-120 words built from category vocabulary, variant
groups with sizes/colours, GTINs with valid check digits, weights in varied units (each
product in its own realistic range, 3% copied carelessly from anywhere in the category), and
a few planted problems per 1,000 listings (prohibited product, disease claim, brand
lookalike, counterfeit wording, missing size, unit mix-up, bad GTIN, duplicate SKU).

    python benchmarks/generate.py 100000 benchmarks/data/100k.csv
    from generate import generate; df = generate(10_000, seed=1)
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import polars as pl

CATEGORIES = {
    "Apparel > Shirts": (
        ["T-Shirt", "Oxford Shirt", "Linen Shirt", "Polo Shirt", "Henley", "Tank Top"],
        [
            "cotton",
            "breathable",
            "relaxed fit",
            "crew neck",
            "machine washable",
            "soft",
            "everyday",
            "layering",
        ],
        (0.12, 0.35),
    ),
    "Apparel > Dresses": (
        ["Midi Dress", "Maxi Dress", "Wrap Dress", "Shirt Dress"],
        ["flowy", "viscose", "floral print", "tie waist", "summer", "pockets", "lined", "elegant"],
        (0.2, 0.6),
    ),
    "Shoes > Sneakers": (
        ["Running Shoe", "Canvas Sneaker", "Trail Runner", "Court Sneaker"],
        [
            "cushioned",
            "rubber outsole",
            "lightweight",
            "mesh upper",
            "arch support",
            "lace-up",
            "grip",
        ],
        (0.5, 1.4),
    ),
    "Electronics > Audio": (
        ["Wireless Earbuds", "Bluetooth Speaker", "Over-Ear Headphones", "Soundbar"],
        [
            "bluetooth 5.3",
            "noise cancelling",
            "40 hour battery",
            "usb-c charging",
            "deep bass",
            "microphone",
        ],
        (0.05, 3.0),
    ),
    "Home > Kitchen": (
        [
            "Chef Knife",
            "Cast Iron Skillet",
            "Ceramic Mug",
            "Cutting Board",
            "Glass Storage Jar",
            "Stand Mixer",
        ],
        [
            "dishwasher safe",
            "stainless steel",
            "ergonomic handle",
            "non-stick",
            "food grade",
            "gift",
        ],
        (0.2, 6.0),
    ),
    "Home > Bedding": (
        ["Duvet Cover", "Fitted Sheet Set", "Pillowcase Pair", "Weighted Blanket"],
        [
            "ivory white",
            "percale",
            "400 thread count",
            "breathable",
            "queen size",
            "hypoallergenic",
        ],
        (0.4, 7.0),
    ),
    "Beauty > Skin Care": (
        ["Hydrating Serum", "Night Cream", "Facial Cleanser", "Sunscreen SPF 50", "Lip Balm"],
        [
            "hyaluronic acid",
            "reduces the appearance of fine lines",
            "fragrance free",
            "dermatologist tested",
            "moisturising",
        ],
        (0.03, 0.4),
    ),
    "Health > Supplements": (
        [
            "Vitamin D3 Gummies",
            "Magnesium Capsules",
            "Omega-3 Softgels",
            "Probiotic Capsules",
            "Collagen Powder",
        ],
        [
            "supports normal immune function",
            "helps maintain strong bones",
            "non-gmo",
            "third-party tested",
            "60 servings",
        ],
        (0.08, 0.9),
    ),
    "Toys > Building": (
        ["Building Blocks Set", "Plush Bear", "Wooden Puzzle", "RC Car", "3 Channel RC Helicopter"],
        ["ages 3+", "educational", "bpa free", "gift for kids", "rechargeable", "durable"],
        (0.1, 2.0),
    ),
    "Pet > Dog": (
        ["Dog Treats", "Chew Toy", "Dog Bed", "Leash", "Grooming Brush"],
        ["natural", "grain free", "for large dogs", "durable", "washable", "training"],
        (0.1, 4.0),
    ),
    "Jewelry > Necklaces": (
        ["Pendant Necklace", "Chain Necklace", "Charm Bracelet", "Stud Earrings"],
        ["sterling silver", "gold plated", "hypoallergenic", "gift box", "adjustable", "handmade"],
        (0.01, 0.1),
    ),
    "Sports > Fitness": (
        ["Yoga Mat", "Resistance Bands", "Dumbbell Set", "Jump Rope", "Foam Roller"],
        ["non-slip", "home workout", "portable", "latex free", "carry strap", "durable"],
        (0.2, 20.0),
    ),
}
BRANDS = [
    "Northwind",
    "Acme",
    "Bluebird",
    "Kestrel",
    "Lumen",
    "Oakridge",
    "Pioneer",
    "Sable",
    "Tandem",
    "Verdant",
]
FILLER = (
    "designed for daily use with quality materials and careful finishing . easy to clean and built to last . "
    "our team tests every batch before it ships . perfect as a gift or for yourself . "
    "available in several sizes and colours to match your style . ships in recyclable packaging ."
).split()
SIZES = ["XS", "S", "M", "L", "XL"]
COLORS = ["Black", "White", "Navy", "Sage", "Rust", "Grey"]

#: packed weight (kg) of each product, from typical retail listings; a product not
#: named here draws from its category's range
PRODUCT_KG = {
    "T-Shirt": (0.12, 0.3),
    "Oxford Shirt": (0.2, 0.4),
    "Linen Shirt": (0.15, 0.35),
    "Polo Shirt": (0.18, 0.35),
    "Henley": (0.15, 0.35),
    "Tank Top": (0.08, 0.2),
    "Maxi Dress": (0.3, 0.8),
    "Running Shoe": (0.7, 1.5),
    "Canvas Sneaker": (0.6, 1.3),
    "Trail Runner": (0.8, 1.6),
    "Court Sneaker": (0.7, 1.5),
    "Wireless Earbuds": (0.08, 0.3),
    "Bluetooth Speaker": (0.3, 2.0),
    "Over-Ear Headphones": (0.3, 0.9),
    "Soundbar": (1.5, 6.0),
    "Chef Knife": (0.15, 0.5),
    "Cast Iron Skillet": (1.2, 3.5),
    "Ceramic Mug": (0.3, 0.6),
    "Cutting Board": (0.4, 2.5),
    "Glass Storage Jar": (0.2, 1.5),
    "Stand Mixer": (3.0, 8.0),
    "Duvet Cover": (0.6, 1.8),
    "Fitted Sheet Set": (1.0, 2.5),
    "Pillowcase Pair": (0.2, 0.5),
    "Weighted Blanket": (2.5, 7.0),
    "Hydrating Serum": (0.05, 0.2),
    "Night Cream": (0.08, 0.3),
    "Facial Cleanser": (0.1, 0.35),
    "Sunscreen SPF 50": (0.06, 0.25),
    "Lip Balm": (0.01, 0.05),
    "Vitamin D3 Gummies": (0.15, 0.45),
    "Magnesium Capsules": (0.08, 0.3),
    "Omega-3 Softgels": (0.1, 0.35),
    "Probiotic Capsules": (0.05, 0.2),
    "Collagen Powder": (0.35, 1.1),
    "Building Blocks Set": (0.3, 2.0),
    "Plush Bear": (0.1, 0.6),
    "Wooden Puzzle": (0.15, 0.8),
    "RC Car": (0.4, 2.0),
    "3 Channel RC Helicopter": (0.2, 0.8),
    "Dog Treats": (0.1, 1.0),
    "Chew Toy": (0.05, 0.4),
    "Dog Bed": (1.0, 5.0),
    "Leash": (0.05, 0.3),
    "Grooming Brush": (0.05, 0.25),
    "Pendant Necklace": (0.02, 0.1),
    "Chain Necklace": (0.02, 0.1),
    "Charm Bracelet": (0.02, 0.1),
    "Stud Earrings": (0.01, 0.05),
    "Yoga Mat": (0.8, 2.5),
    "Resistance Bands": (0.1, 0.6),
    "Dumbbell Set": (4.0, 20.0),
    "Jump Rope": (0.1, 0.4),
    "Foam Roller": (0.2, 1.2),
}
#: share of products whose weight was copied carelessly: any value of the category's
#: range (a few % of real catalogues carry such weights; some are implausible)
SLOPPY = 0.03


def _weight_kg(name: str, category: tuple[float, float], u: float) -> float:
    """The product's weight from one uniform draw ``u`` (one draw whatever the branch,
    so every other column of a seeded catalogue stays the same)."""
    if u >= 1 - SLOPPY or name not in PRODUCT_KG:
        lo, hi = category
        u = (u - (1 - SLOPPY)) / SLOPPY if name in PRODUCT_KG else u
    else:
        lo, hi = PRODUCT_KG[name]
        u = u / (1 - SLOPPY)
    return lo + (hi - lo) * u


PLANTED = [
    ("title", "Kratom Capsules 500mg Premium Maeng Da"),
    ("description", "This herbal tea cures arthritis and reverses diabetes in weeks."),
    ("title", "Nlke Air Running Shoe 1:1 replica"),
    ("description", "AAA quality mirror copy of the original Rolex design."),
    ("title", "Switchblade Pocket Knife Automatic"),
    ("description", "Clinically proven to make you lose 30 lbs in 30 days."),
]


#: GS1 prefixes no real product carries (restricted circulation 02x/2xx/04x, coupons 05x/98x/99x)
#: are moved to an ordinary neighbour, so synthetic GTINs look like a real catalogue's.
_PREFIX_FIX = {(0, 2): (0, 3), (0, 4): (0, 6), (0, 5): (0, 7), (9, 8): (9, 7), (9, 9): (9, 6)}


def _gtin(rng: random.Random) -> str:
    body = [rng.randint(0, 9) for _ in range(12)]
    if body[0] == 2:
        body[0] = 3
    body[0], body[1] = _PREFIX_FIX.get((body[0], body[1]), (body[0], body[1]))
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(body))
    return "".join(map(str, body)) + str((10 - total % 10) % 10)


def _weight_text(kg: float, rng: random.Random) -> str:
    form = rng.random()
    if form < 0.4:
        return f"{kg:.2f} kg"
    if form < 0.7:
        return f"{kg * 1000:.0f} g"
    if form < 0.9:
        return f"{kg / 0.45359237:.2f} lb"
    return f"{kg / 0.028349523:.1f} oz"


def generate(n: int, seed: int = 0) -> pl.DataFrame:
    rng = random.Random(seed)
    cats = list(CATEGORIES)
    cols: dict[str, list] = {
        k: []
        for k in (
            "sku",
            "title",
            "description",
            "brand",
            "category",
            "price",
            "gtin",
            "size",
            "color",
            "material",
            "weight",
            "length",
            "width",
            "height",
            "item_group_id",
        )
    }
    i = 0
    group = 0
    while i < n:
        cat = rng.choice(cats)
        names, words, (wmin, wmax) = CATEGORIES[cat]
        brand = rng.choice(BRANDS)
        name = rng.choice(names)
        base_title = f"{brand} {name}"
        n_words = rng.randint(40, 120)
        desc_words = [
            rng.choice(words) if rng.random() < 0.3 else rng.choice(FILLER) for _ in range(n_words)
        ]
        description = " ".join(desc_words).replace(" .", ".").capitalize()
        kg = _weight_kg(name, (wmin, wmax), rng.random())
        price = round(rng.uniform(5, 250), 2)
        apparel = cat.startswith(("Apparel", "Shoes"))
        variants = rng.randint(2, 5) if apparel else 1
        group += 1
        for v in range(variants):
            if i >= n:
                break
            size = SIZES[v % len(SIZES)] if apparel else None
            color = rng.choice(COLORS)
            title = f"{base_title} - {color}" + (f" / {size}" if size else "")
            desc = description
            weight = _weight_text(kg, rng)
            gtin = _gtin(rng)
            sku = f"SKU-{i:08d}"
            r = rng.random()
            if r < 0.006:  # planted text problems
                fld, text = PLANTED[rng.randrange(len(PLANTED))]
                if fld == "title":
                    title = text
                else:
                    desc = desc + " " + text
            elif r < 0.008 and apparel:
                size = None  # missing size
            elif r < 0.010:
                weight = f"{kg * 1000:.0f} kg"  # g/kg mix-up
            elif r < 0.012:
                gtin = gtin[:-1] + str((int(gtin[-1]) + 1) % 10)  # wrong check digit
            elif r < 0.013 and i > 0:
                sku = f"SKU-{i - 1:08d}"  # duplicate SKU
            cols["sku"].append(sku)
            cols["title"].append(title)
            cols["description"].append(desc)
            cols["brand"].append(brand)
            cols["category"].append(cat)
            cols["price"].append(f"{price:.2f}")
            cols["gtin"].append(gtin)
            cols["size"].append(size)
            cols["color"].append(color)
            cols["material"].append(
                rng.choice(["cotton", "polyester", "steel", "wood", "plastic", "ceramic", None])
            )
            cols["weight"].append(weight)
            cols["length"].append(f"{rng.uniform(5, 60):.1f}")
            cols["width"].append(f"{rng.uniform(5, 40):.1f}")
            cols["height"].append(f"{rng.uniform(1, 30):.1f}")
            cols["item_group_id"].append(f"G{group:07d}" if variants > 1 else None)
            i += 1
    return pl.DataFrame(cols, schema={k: pl.Utf8 for k in cols})


def write_csv(n: int, path: Path, seed: int = 0, chunk: int = 200_000) -> Path:
    """Write ``n`` listings to ``path`` in chunks (bounded memory for 10M rows)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        written = 0
        part = 0
        while written < n:
            size = min(chunk, n - written)
            df = generate(size, seed=seed + part)
            df = (
                df.with_columns(
                    (
                        pl.lit("SKU-")
                        + (pl.int_range(written, written + size).cast(pl.Utf8).str.zfill(9))
                    ).alias("sku"),
                    # each chunk numbers its groups from 1: keep them apart across chunks
                    pl.col("item_group_id").str.replace("^G", f"G{part:03d}-"),
                )
                if part
                else df
            )
            df.write_csv(fh, include_header=(part == 0))
            written += size
            part += 1
    return path


def write_xlsx(df: pl.DataFrame, path: Path) -> Path:
    """Write ``df`` as a one-sheet workbook ("Products"), streamed by openpyxl."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Products")
    ws.append(df.columns)
    for row in df.iter_rows():
        ws.append(list(row))
    wb.save(path)
    return path


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(f"benchmarks/data/{count}.csv")
    write_csv(count, out)
    print(f"wrote {count:,} listings to {out} ({out.stat().st_size / 1e6:.1f} MB)")
