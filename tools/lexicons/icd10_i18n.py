"""ICD-10 titles in other languages -> condition names, per-language qualifier rules.

The same idea as icd10cm.py (drop "other", "unspecified", "due to ...", lists and long
descriptions), with each language's wording of those qualifiers. Sources, all WHO ICD-10
translations or national modifications published by the health authority and committed
to public repositories:

  pt  CID-10 (DATASUS, Brazilian Ministry of Health), CID-10-CATEGORIAS/SUBCATEGORIAS.CSV
  es  CIE-10 (WHO/PAHO Spanish titles via icdcode.info, Chile DEIS codes), cie-10.csv
  de  ICD-10-GM 2017 (DIMDI, now BfArM), icd10gm2017syst_kodes.txt
  id  ICD-10 2019 titles with Indonesian names (community translation), master_icd_x.json
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pinned import DEFAULT_MIRRORS, GitFile


@dataclass(frozen=True)
class Rules:
    leading: re.Pattern[str]
    clause: re.Pattern[str]
    trailing: re.Pattern[str]
    lists: re.Pattern[str]
    generic: frozenset[str]
    generic_prefix: re.Pattern[str]


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


RULES = {
    "pt": Rules(
        _rx(r"^(?:outr[oa]s?|demais|certas?|alguns|algumas)\s+"),
        _rx(
            r"\s+(?:devid[oa]s?\s+a|devid[oa]s?|causad[oa]s?\s+por|com|sem|em\s+doenças\s+classificadas|"
            r"não\s+classificad[oa]s?|classificad[oa]s?\s+em\s+outra|associad[oa]s?\s+a|"
            r"durante|após|na\s+gravidez|em\s+outras\s+doenças)\b.*$"
        ),
        _rx(r"[\s,;:.]*(?:não\s+especificad[oa]s?|ne|ncop|sem\s+outra\s+especificação)?[\s,;:.]*$"),
        _rx(r"\b(?:e|ou|e/ou)\b|/|;"),
        frozenset(
            {
                "doença",
                "doenças",
                "transtorno",
                "transtornos",
                "afecção",
                "afecções",
                "síndrome",
                "infecção",
                "infecções",
                "lesão",
                "lesões",
                "neoplasia",
                "neoplasias",
                "neoplasia maligna",
                "neoplasias malignas",
                "malformação",
                "complicações",
            }
        ),
        _rx(
            r"^(?:doenças?|transtornos?|afecç(?:ão|ões)|complicaç(?:ão|ões)|sequelas?|"
            r"traumatismos?|intoxicaç(?:ão|ões)|efeitos?|exame|contato|história|anormalidades?|"
            r"achados?|ausência|presença|pessoas?|supervisão|problemas?|lesões?)\b"
        ),
    ),
    "es": Rules(
        _rx(r"^(?:otr[oa]s?|ciert[oa]s?|alguna?s?)\s+"),
        _rx(
            r"\s+(?:debid[oa]s?\s+a|debid[oa]s?|causad[oa]s?\s+por|con|sin|en\s+enfermedades\s+clasificadas|"
            r"no\s+clasificad[oa]s?|clasificad[oa]s?\s+en\s+otra|asociad[oa]s?\s+a|"
            r"durante|consecutiv[oa]s?\s+a|en\s+el\s+embarazo|en\s+otras\s+enfermedades)\b.*$"
        ),
        _rx(r"[\s,;:.]*(?:no\s+especificad[oa]s?|sin\s+otra\s+especificación|ne)?[\s,;:.]*$"),
        _rx(r"\b(?:y|o|e|u|y/o)\b|/|;"),
        frozenset(
            {
                "enfermedad",
                "enfermedades",
                "trastorno",
                "trastornos",
                "afección",
                "afecciones",
                "síndrome",
                "infección",
                "infecciones",
                "lesión",
                "lesiones",
                "tumor",
                "tumor maligno",
                "tumores malignos",
                "malformación",
                "complicaciones",
            }
        ),
        _rx(
            r"^(?:enfermedad(?:es)?|trastornos?|afecci(?:ón|ones)|complicaci(?:ón|ones)|secuelas?|"
            r"traumatismos?|envenenamientos?|intoxicaci(?:ón|ones)|efectos?|examen|contacto|"
            r"historia|anormalidad(?:es)?|hallazgos?|ausencia|presencia|personas?|supervisión|"
            r"problemas?|lesi(?:ón|ones))\b"
        ),
    ),
    "de": Rules(
        _rx(
            r"^(?:sonstige[rsn]?|andere[rsn]?|bestimmte[rsn]?|(?:nicht\s+)?näher\s+bezeichnete[rsn]?)\s+"
        ),
        _rx(
            r"(?::|\s+(?:durch|mit|ohne|bei\s+anderenorts|bei\s+sonstigen|anderenorts|infolge|nach|während|"
            r"in\s+der\s+schwangerschaft)\b).*$"
        ),
        _rx(r"[\s,;:.]*(?:nicht\s+näher\s+bezeichnet|n\.n\.bez\.|o\.n\.a\.|a\.n\.k\.)?[\s,;:.]*$"),
        _rx(r"\b(?:und|oder|bzw)\b|/|;"),
        frozenset(
            {
                "krankheit",
                "krankheiten",
                "störung",
                "störungen",
                "syndrom",
                "infektion",
                "affektionen",
                "infektionen",
                "verletzung",
                "verletzungen",
                "bösartige neubildung",
                "neubildung",
                "neubildungen",
                "fehlbildung",
                "fehlbildungen",
                "komplikationen",
            }
        ),
        _rx(
            r"^(?:krankheit(?:en)?|störung(?:en)?|komplikation(?:en)?|folgen|verletzung(?:en)?|"
            r"vergiftung(?:en)?|schädigung|untersuchung|kontakt|anamnese|abnorme?|befunde?|"
            r"fehlen|vorhandensein|personen|überwachung|probleme?|zustand)\b"
        ),
    ),
    "id": Rules(
        _rx(r"^(?:lain|beberapa|tertentu)\s+"),
        _rx(
            r"\s+(?:disebabkan|karena|akibat|dengan|tanpa|pada\s+penyakit\s+yang|yang\s+diklasifikasikan|"
            r"tidak\s+diklasifikasikan|dalam\s+kehamilan|selama|setelah)\b.*$"
        ),
        _rx(
            r"[\s,;:.]*(?:lainnya|lain|yang\s+tidak\s+spesifik|tidak\s+spesifik|yang\s+tidak\s+ditentukan|"
            r"tidak\s+ditentukan|ytt)?[\s,;:.]*$"
        ),
        _rx(r"\b(?:dan|atau)\b|/|;"),
        frozenset(
            {
                "penyakit",
                "gangguan",
                "kelainan",
                "sindrom",
                "infeksi",
                "cedera",
                "luka",
                "neoplasma",
                "neoplasma ganas",
                "komplikasi",
                "kondisi",
            }
        ),
        _rx(
            r"^(?:penyakit\s+(?:pada|dari|lain)|gangguan\s+(?:pada|dari|lain)|komplikasi|gejala|"
            r"cedera|keracunan|efek|pemeriksaan|kontak|riwayat|temuan|kelainan|kondisi|penghuni|"
            r"pengawasan|masalah|konseling|tindak)\b"
        ),
    ),
}


def clean(text: str, lang: str) -> str | None:
    rules = RULES[lang]
    text = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", text)
    text = re.sub(r"\s+", " ", text).replace(" ,", ",").strip()
    if re.search(r",.*" + rules.lists.pattern, text, re.I):
        return None  # a list of conditions, not a name
    text = text.split(",")[0]
    prev = None
    while prev != text:
        prev = text
        text = rules.leading.sub("", text)
        text = rules.clause.sub("", text)
        text = rules.trailing.sub("", text).strip()
    low = text.lower()
    if len(low) < 3 or rules.lists.search(low) or re.search(r"(?<![-\w])\d{2,}\b|[.:]", low):
        return None
    if len(low.split()) > 5 or low in rules.generic or rules.generic_prefix.match(low):
        return None
    return low


@dataclass(frozen=True)
class Title:
    code: str  # ICD-10 code without dot
    text: str


PT_REPO, PT_COMMIT = "victorhug913/MedApps", "a1ea194059c7aee32a0f83cc55b33e5b93fe9d8f"
ES_REPO, ES_COMMIT = "cluster311/cie10", "8f19749aa066ce59e79b390da139770748c4dfe1"
DE_REPO, DE_COMMIT = "edonnachie/ICD10gm", "155fea9ef654c6f9f6b515f60d609c06af27b26e"
ID_REPO, ID_COMMIT = "fendis0709/icd-10", "aae98fb2a455d5c5aac829d1dca7bbc29e70ba45"

SOURCES = {
    "pt": f"CID-10 (DATASUS/Ministério da Saúde, public data), github:{PT_REPO}@{PT_COMMIT} "
    "CID-10-CATEGORIAS.CSV, CID-10-SUBCATEGORIAS.CSV",
    "es": f"CIE-10 (WHO/OPS Spanish titles from icdcode.info; Chile DEIS), github:{ES_REPO}@{ES_COMMIT} "
    "cie/data/cie-10.zip (MIT repository; titles (c) WHO/OPS)",
    "de": f"ICD-10-GM 2017 (DIMDI/BfArM, free download under its Downloadbedingungen), "
    f"github:{DE_REPO}@{DE_COMMIT} data-raw/dimdi/systematik/x1gmt2017.zip",
    "id": f"ICD-10 2019 with Indonesian names (community translation), github:{ID_REPO}@{ID_COMMIT} "
    "master_icd_x.json",
}


def titles(lang: str, mirrors: Path = DEFAULT_MIRRORS) -> Iterator[Title]:
    if lang == "pt":
        for name, fields in (
            ("CID-10-CATEGORIAS.CSV", ("LETRA", "NÚMERO", None)),
            ("CID-10-SUBCATEGORIAS.CSV", ("LETRA", "CATEGORIA", "SUBCATEGORIA")),
        ):
            raw = GitFile(PT_REPO, PT_COMMIT, name).read(mirrors).decode("latin-1")
            for row in csv.DictReader(io.StringIO(raw), delimiter=";"):
                letter, num, sub = (row.get(f) if f else "" for f in fields)
                code = f"{letter}{int(num):02d}{sub or ''}" if num and num.isdigit() else ""
                if code:
                    yield Title(code, row["DESCRICAO"])
    elif lang == "es":
        blob = GitFile(ES_REPO, ES_COMMIT, "cie/data/cie-10.zip").read(mirrors)
        with zipfile.ZipFile(io.BytesIO(blob)) as zf:
            raw = zf.read("cie-10.csv").decode("utf-8")
        for row in csv.DictReader(io.StringIO(raw)):
            code = row["code"].replace(".", "")
            if "-" not in code and row["level"] not in ("0", "1"):
                yield Title(code, row["description"])
    elif lang == "de":
        blob = GitFile(DE_REPO, DE_COMMIT, "data-raw/dimdi/systematik/x1gmt2017.zip").read(mirrors)
        with zipfile.ZipFile(io.BytesIO(blob)) as zf:
            raw = zf.read("Klassifikationsdateien/icd10gm2017syst_kodes.txt").decode("utf-8")
        for line in raw.splitlines():
            cells = line.split(";")
            if len(cells) > 10:
                yield Title(cells[7], cells[8])  # code without dot, title
    elif lang == "id":
        for item in json.loads(GitFile(ID_REPO, ID_COMMIT, "master_icd_x.json").read(mirrors)):
            yield Title(item["kode_icd"].replace(".", ""), item.get("nama_icd_indo") or "")
    else:
        return
