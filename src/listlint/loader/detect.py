"""Decide what a file is from its bytes, never its extension, and decode text.

A CSV named ``.xlsx`` is read as CSV; a Word document named ``.xlsx`` or random bytes
are refused with one line. Text encodings: UTF-8 (with or without BOM), UTF-16/32
(BOM, or detected from NUL-byte patterns), else cp1252 with latin-1 fallback.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from pathlib import Path

from listlint.errors import InputError
from listlint.loader.textcodec import Decoded, decode_utf8

SNIFF_BYTES = 64 * 1024

_BASE64_RE = re.compile(rb"^[A-Za-z0-9+/=\r\n]{200,}$")


def sniff_format(path: Path, head: bytes) -> str:
    """One of ``xlsx``, ``json``, ``jsonl``, ``parquet``, ``text`` (delimited text)."""
    name = str(path)
    if not head:
        raise InputError("the file is empty", path=name)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InputError(_ole_message(path, head), path=name)
    if head.startswith(b"PAR1"):
        return "parquet"
    for magic, what in (
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x1f\x8b", "a gzip archive (unpack it first)"),
        (b"7z\xbc\xaf", "a 7-Zip archive"),
        (b"Rar!", "a RAR archive"),
        (b"SQLite format 3", "an SQLite database"),
        (b"{\\rtf", "an RTF document"),
    ):
        if head.startswith(magic):
            raise InputError(f"this is {what}, not a catalogue (CSV, TSV, XLSX, JSON)", path=name)
    text = decode_head(head, name)
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")) and _json_start(stripped):
        return _json_kind(stripped)
    first = stripped.split("\n", 1)[0].strip()
    if first.startswith(("<?xml", "<rss", "<feed", "<!DOCTYPE", "<html", "<HTML")):
        raise InputError(
            "this is an XML/HTML document; XML product feeds are not supported yet, "
            "export the feed as TSV or CSV",
            path=name,
        )
    if re.match(r"#{1,6} \S", first):
        raise InputError("this looks like a Markdown document, not a catalogue table", path=name)
    if (
        _BASE64_RE.match(head.strip())
        and b"," not in head
        and b"\t" not in head
        and _long_lines(head)
    ):
        raise InputError(
            "this looks like base64-encoded binary data, not a catalogue table", path=name
        )
    return "text"


#: what may follow "[" in JSON (Python's reader also takes NaN and Infinity)
_JSON_VALUE_START = re.compile(r'\s*(?:[\[{"\-0-9\]]|true\b|false\b|null\b|NaN\b|Infinity\b)')
_JSON_KEY_START = re.compile(r'\s*["}]')


def _json_start(text: str) -> bool:
    """Text opening like JSON: ``[`` then a JSON value or ``]``, ``{`` then a quoted key or
    ``}``. A CSV header such as ``[SKU],[Title]`` (SQL Server exports) or ``{SKU},{Title}``
    opens with a bracket too, but never like that."""
    rest = text[1:]
    return bool((_JSON_KEY_START if text[0] == "{" else _JSON_VALUE_START).match(rest))


def _long_lines(head: bytes) -> bool:
    """Base64 is written in long lines (76 characters, or one line); a one-column list
    of codes (GTINs) is not."""
    lines = head.strip().split(b"\n")
    body = lines[:-1] if len(lines) > 1 else lines
    return max(len(line.strip()) for line in body) >= 60


#: stream names (UTF-16LE, as stored in an OLE2 directory) of an encrypted OOXML file
_ENCRYPTED_MARKERS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))


def _ole_message(path: Path, head: bytes) -> str:
    """OLE2 compound files are legacy .xls workbooks or, when they hold an
    ``EncryptedPackage`` stream, password-protected .xlsx files (Excel wraps the
    encrypted workbook in OLE2). Neither is read; say which one it is."""
    try:
        with path.open("rb") as fh:
            data = fh.read(4 * 1024 * 1024)
    except OSError:
        data = head
    if any(marker in data for marker in _ENCRYPTED_MARKERS):
        return (
            "this workbook is password-protected (encrypted); listlint cannot open it. "
            "Open it in Excel, remove the password (File > Info > Protect Workbook), save, "
            "and try again, or export the sheet as .csv"
        )
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "this is a legacy .xls workbook; save it as .xlsx or .csv and try again"
    return (
        "this is a legacy Office (OLE2) file: an old .xls workbook or a password-protected "
        "Excel file; remove any password and save it as .xlsx or .csv, then try again"
    )


def _json_kind(text: str) -> str:
    lines = [ln for ln in text.splitlines() if ln.strip()][:5]
    if (
        len(lines) >= 2
        and lines[0].startswith("{")
        and lines[0].rstrip().endswith("}")
        and lines[1].lstrip().startswith("{")
    ):
        return "jsonl"
    return "json"


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError, ValueError) as exc:
        # NotImplementedError: a zip version or compression zipfile does not know
        raise InputError(f"a damaged or truncated zip/XLSX file ({exc})", path=str(path)) from exc
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        if "xl/workbook.bin" in names:
            raise InputError(
                "this is an .xlsb binary workbook; save it as .xlsx or .csv", path=str(path)
            )
        return "xlsx"
    if "word/document.xml" in names:
        raise InputError("this is a Word document, not a catalogue", path=str(path))
    if "content.xml" in names and "mimetype" in names:
        raise InputError("this is an OpenDocument file; save it as .xlsx or .csv", path=str(path))
    if "ppt/presentation.xml" in names:
        raise InputError("this is a PowerPoint file, not a catalogue", path=str(path))
    raise InputError(
        "this is a zip archive, not a workbook; unpack it and lint the catalogue inside",
        path=str(path),
    )


def detect_encoding(data: bytes) -> str:
    """Best encoding for ``data`` (a prefix is enough)."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        return "utf-32"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    sample = data[:SNIFF_BYTES]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        # UTF-16 without a BOM: ASCII text leaves every other byte NUL
        even = sample[0::2].count(b"\x00")
        odd = sample[1::2].count(b"\x00")
        if odd > even * 4:
            return "utf-16-le"
        if even > odd * 4:
            return "utf-16-be"
        return "binary"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # a multi-byte character cut by the sample boundary is still UTF-8
        if exc.start >= len(sample) - 3 and len(data) > len(sample):
            return "utf-8"
        try:
            data.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            return "cp1252"


def decode_head(head: bytes, name: str) -> str:
    enc = detect_encoding(head)
    if enc == "binary":
        raise InputError("binary data, not a text catalogue", path=name)
    text = head.decode(enc if enc != "cp1252" else "latin-1", errors="replace")
    if _looks_binary(text):
        raise InputError("binary data, not a text catalogue", path=name)
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\r\n\f\v") or c == "\ufffd")
    return "\x00" in sample or bad > max(8, len(sample) // 50)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """All of ``data`` as text and the encoding used (see :func:`decode_text`)."""
    decoded = decode_text(data, name)
    return decoded.text, decoded.encoding


def decode_text(data: bytes, name: str) -> Decoded:
    """All of ``data`` as text. UTF-8 with stray non-UTF-8 bytes keeps its UTF-8 and
    reads only those bytes as cp1252, listing the lines (:mod:`.textcodec`); a file
    with no UTF-8 at all is cp1252 (latin-1 for the five bytes cp1252 leaves
    undefined); UTF-16/32 as detected."""
    enc = detect_encoding(data)
    if enc == "binary":
        raise InputError("binary data, not a text catalogue", path=name)
    if enc in ("utf-8", "cp1252"):
        decoded = decode_utf8(data)
    elif enc == "utf-8-sig":
        decoded = decode_utf8(data[len(codecs.BOM_UTF8) :])
        decoded.encoding = "utf-8-sig" if decoded.encoding == "utf-8" else decoded.encoding
    else:
        # one unpaired surrogate must not make a UTF-16 file "binary" (L7): it reads
        # as U+FFFD and the rest of the file is checked
        decoded = Decoded(data.decode(enc, errors="replace"), enc)
    if _looks_binary(decoded.text):
        raise InputError("binary data, not a text catalogue", path=name)
    return decoded
