"""Images beside the catalogue (issue 23, IM3xx): read safely with Pillow, never outside
the catalogue's folder."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

import listlint

IM = ["IM101", "IM301", "IM302", "IM303"]


def _catalogue(folder: Path, links: list[str]) -> Path:
    path = folder / "catalogue.csv"
    lines = ["sku,title,price,images"] + [
        f"S-{i},Ceramic Mug {i},12,{link}" for i, link in enumerate(links)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _png(path: Path, size: tuple[int, int]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, "white").save(path)


def _bomb_png(path: Path, width: int, height: int) -> None:
    """A PNG whose header declares ``width`` x ``height`` pixels (no pixel data to speak
    of): opening it must not decode anything."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b""))


def _codes(path: Path, policy: list[str]) -> dict[str, set[str]]:
    report = listlint.lint(str(path), select=IM, policy=policy)
    out: dict[str, set[str]] = {}
    for f in report.findings:
        out.setdefault(f.rule, set()).add(f.sku)
    return out


def test_small_and_wide_local_images(tmp_path: Path) -> None:
    _png(tmp_path / "images" / "small.png", (80, 80))
    _png(tmp_path / "images" / "wide.png", (1600, 400))
    _png(tmp_path / "images" / "good.png", (1000, 1000))
    path = _catalogue(tmp_path, ["images/small.png", "images/wide.png", "images/good.png"])
    found = _codes(path, ["tiktok-shop-us"])
    assert found.get("IM301") == {"S-0"}  # 80 x 80 is below TikTok's 300 x 300
    assert found.get("IM302") == {"S-1"}  # 4:1 is outside 3:4 to 4:3
    assert "IM101" not in found  # files that exist beside the catalogue are local images


def test_unreadable_and_bomb_images_are_findings(tmp_path: Path) -> None:
    (tmp_path / "text.jpg").write_text("not an image", encoding="utf-8")
    _bomb_png(tmp_path / "bomb.png", 60_000, 60_000)
    path = _catalogue(tmp_path, ["text.jpg", "bomb.png"])
    report = listlint.lint(str(path), select=IM, policy=["base"])
    by_sku = {f.sku: f.message for f in report.findings if f.rule == "IM303"}
    assert "not an image" in by_sku["S-0"]
    assert "decompression bomb" in by_sku["S-1"]


def test_paths_outside_the_catalogue_folder_are_never_opened(tmp_path: Path) -> None:
    outside = tmp_path / "secret.png"
    _png(outside, (10, 10))  # would be "too small" if it were read
    inner = tmp_path / "shop"
    inner.mkdir()
    link = inner / "link.png"
    try:
        os.symlink(outside, link)
    except OSError:
        pytest.skip("symbolic links not available")
    path = _catalogue(inner, ["../secret.png", "link.png"])
    found = _codes(path, ["tiktok-shop-us"])
    assert "IM301" not in found and "IM303" not in found
    assert found.get("IM101") == {"S-0", "S-1"}  # not a web address, not a file inside


def test_file_size_limit_of_the_pack(tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    Image.frombytes("RGB", (1500, 1500), os.urandom(1500 * 1500 * 3)).save(big)
    assert big.stat().st_size > 5e6
    path = _catalogue(tmp_path, ["big.png"])
    report = listlint.lint(str(path), select=["IM303"], policy=["tiktok-shop-us"])
    assert [f.sku for f in report.findings] == ["S-0"] and "MB" in report.findings[0].message


def test_a_link_too_long_for_a_file_name_is_no_local_image(tmp_path: Path) -> None:
    # a name over 255 bytes made is_file() raise ENAMETOOLONG: the whole run ended in
    # "internal error" (a misaligned real export put 900 characters of features there)
    path = _catalogue(tmp_path, ["a" * 300 + ".png", "images/" + "b" * 4000 + ".jpg"])
    assert "IM301" not in _codes(path, ["tiktok-shop-us"])
