"""The labelled real-text corpus (``corpus/``): loading, source documents, the blind split.

Rows live in ``corpus/rows/*.jsonl`` (format: ``corpus/README.md``). Each row belongs to a
source *document* (a repository, a web page, a search-index file); rows of one document,
and of documents known to copy each other (``corpus/doc_groups.tsv``), always fall in the
same split, so the blind ``test`` split never shares a source with ``dev``.

The split is a pure function of the document key (a salted hash), fixed before any rule
was tuned on these rows: adding rows never moves an existing document between splits.
Rows that earlier stops tuned on carry ``"split": "dev"`` and stay in dev.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "corpus"
GROUPS = ("claims", "prohibited", "ip")
LABELS = ("flag", "ok")
FIELDS = ("id", "group", "label", "kind", "title", "description", "category", "brand",
          "price", "lang", "source")  # fmt: skip
#: Share of documents in the blind ``test`` split.
TEST_SHARE = 0.5
_SALT = "listlint-corpus-v1"

_REPO = re.compile(r"^(?:GitHub file,?\s*)?([A-Za-z0-9][\w.-]*/[\w.-]+?)(?:@|\s|$)")
_INDEX = re.compile(r"search-index id (\d+)")
_URL = re.compile(r"https?://([^\s?#]+)")


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    group: str
    label: str
    kind: str
    title: str
    description: str
    category: str
    brand: str
    price: str
    currency: str
    lang: str
    source: str
    doc: str
    split: str
    file: str

    def listing(self, sku: str) -> dict[str, str | None]:
        """The row as a catalogue record (empty fields left out)."""
        rec: dict[str, str | None] = {"sku": sku}
        for name in ("title", "description", "category", "brand", "price", "currency"):
            value = getattr(self, name)
            if value:
                rec[name] = value
        return rec


def doc_key(source: str) -> str:
    """The source document of a row: ``owner/repo``, ``idx:N`` or ``host/path``."""
    m = _INDEX.search(source)
    if m:
        return f"idx:{m.group(1)}"
    m = _URL.search(source)
    if m and not _REPO.match(source):
        return m.group(1).rstrip("/").lower()
    m = _REPO.match(source)
    if m:
        return m.group(1).lower()
    return source.strip().lower()


def load_groups(path: Path = ROOT / "doc_groups.tsv") -> list[tuple[re.Pattern[str], str]]:
    """Documents that copy one another: (pattern on the doc key, group name)."""
    out = []
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            pattern, group = line.split("\t")[:2]
            out.append((re.compile(pattern), group.strip()))
    return out


def split_of(doc: str) -> str:
    digest = hashlib.sha256(f"{_SALT}:{doc}".encode()).digest()
    return "test" if int.from_bytes(digest[:8], "big") / 2**64 < TEST_SHARE else "dev"


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", text))


def load(root: Path = ROOT) -> Iterator[Row]:
    """Every row of ``root/rows/*.jsonl``, validated, deduplicated (first wins), with its
    document group and split. Raises ValueError naming the file and line on a bad row."""
    groups = load_groups(root / "doc_groups.tsv")
    seen_ids: set[str] = set()
    seen_text: set[tuple[str, str]] = set()
    for path in sorted((root / "rows").glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{n}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{where}: not JSON ({exc.msg})") from None
            missing = [f for f in FIELDS if f not in raw]
            if missing:
                raise ValueError(f"{where}: missing {', '.join(missing)}")
            if raw["group"] not in GROUPS or raw["label"] not in LABELS:
                raise ValueError(f"{where}: bad group/label {raw['group']}/{raw['label']}")
            rid = f"{path.stem}:{raw['id']}"
            if rid in seen_ids:
                raise ValueError(f"{where}: duplicate id {raw['id']}")
            seen_ids.add(rid)
            text = (raw["group"], _norm(f"{raw['title']} {raw['description']}"))
            if text in seen_text:
                continue
            seen_text.add(text)
            doc = raw.get("doc") or doc_key(raw["source"])
            for pattern, group in groups:
                if pattern.search(doc):
                    doc = group
                    break
            split = raw.get("split") or split_of(doc)
            yield Row(
                id=raw["id"], group=raw["group"], label=raw["label"], kind=raw["kind"] or "",
                title=raw["title"] or "", description=raw["description"] or "",
                category=raw["category"] or "", brand=raw["brand"] or "",
                price=str(raw["price"] or ""), currency=raw.get("currency") or "",
                lang=raw["lang"] or "", source=raw["source"], doc=doc, split=split,
                file=path.name,
            )  # fmt: skip
