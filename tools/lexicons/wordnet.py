"""Open English WordNet (OEWN), read from its YAML source at a pinned commit.

Used two ways by the condition lexicon:

* lay synonyms and abbreviations: every member of a synset below a medical root
  ("disease", "symptom", "pathogen"...) is a term ("piles" for hemorrhoids, "ADHD");
* ambiguity: a term one of whose WordNet senses is *not* medical ("cancer" the star
  sign, "stroke" in swimming, "cold" the temperature, "shingles" on a roof) is marked,
  with the lexicographer files of the other senses, so the claims rules can ask for
  health context before treating it as a disease.

Licence: OEWN is CC BY 4.0 (https://github.com/globalwordnet/english-wordnet).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pinned import DEFAULT_MIRRORS, GitFile

REPO = "globalwordnet/english-wordnet"
COMMIT = "d94538ad0df3d7a4c77837bde6af69d7a6592c32"  # main, 2026-08-19
LICENCE = "CC BY 4.0"

#: synsets whose hyponyms are medical conditions or agents, by (lemma, definition start)
MEDICAL_ROOTS = {
    ("disease", "an impairment of health"): "disease",
    ("illness", "impairment of normal physiological"): "disease",
    ("disorder", "a physical condition in which"): "disease",
    ("ill health", ""): "disease",
    ("infection", "the pathological state resulting"): "disease",
    ("tumor", "an abnormal new mass"): "disease",
    ("symptom", "(medicine)"): "symptom",
    ("pain", "a symptom of some physical hurt"): "symptom",
    ("pathogen", "any disease-producing agent"): "pathogen",
    ("virus", "(virology)"): "pathogen",
    ("mental disorder", ""): "disease",
    ("addiction", "an abnormally strong craving"): "disease",
    ("drug addiction", ""): "disease",
    ("allergy", ""): "disease",
    ("inflammation", "a response of body tissues"): "disease",
    ("infestation", "the state of being invaded"): "disease",
    ("injury", "any physical damage to the body"): "injury",
    ("pathologic process", ""): "disease",
    ("pathological state", ""): "disease",
    ("attack", "a sudden occurrence of an uncontrollable condition"): "disease",
}

#: subtrees below a medical root that are not human or pet health: a listing about
#: "chestnut blight" or a "mosaic" is not making a health claim
NON_MEDICAL = {("plant disease", "")}

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Synset:
    sid: str
    lexname: str
    members: list[str]
    hypernyms: list[str]
    definition: str


@dataclass
class WordNet:
    synsets: dict[str, Synset] = field(default_factory=dict)
    #: lower-cased lemma -> synset ids of all its senses, all parts of speech
    senses: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    #: lemma exactly as written (lower-case "cancer" apart from "Cancer" the sign) -> senses,
    #: most frequent first
    cased: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    #: synset id -> medical root kind ("disease", "symptom", "pathogen", "injury")
    medical: dict[str, str] = field(default_factory=dict)
    #: synset id -> id of the nearest ancestor (or itself) that names a topic
    roots: dict[str, str] = field(default_factory=dict)

    def ancestors(self, sid: str) -> list[str]:
        """sid and all its hypernyms, nearest first (breadth-first, no repeats)."""
        out, queue, seen = [], [sid], {sid}
        while queue:
            cur = queue.pop(0)
            out.append(cur)
            for hyp in self.synsets[cur].hypernyms if cur in self.synsets else ():
                if hyp not in seen:
                    seen.add(hyp)
                    queue.append(hyp)
        return out

    def other_senses(self, term: str) -> list[str]:
        """Lexicographer files of the non-medical senses of ``term`` (and of its
        singular, since "shingles" is also the plural of the roofing shingle)."""
        forms = {term.lower()}
        for suffix, repl in (("ies", "y"), ("es", ""), ("s", "")):
            if term.lower().endswith(suffix) and len(term) > len(suffix) + 2:
                forms.add(term.lower()[: -len(suffix)] + repl)
        lexnames: set[str] = set()
        for form in forms:
            for sid in self.senses.get(form, ()):
                if sid not in self.medical:
                    lexnames.add(self.synsets[sid].lexname if sid in self.synsets else "?")
        return sorted(lexnames)

    def under(self, term: str, lemmas: set[str]) -> bool:
        """Whether some noun sense of ``term`` has an ancestor (or is a synset) one of whose
        members is in ``lemmas``: "folic acid" is under "vitamin", "zinc" under
        "metallic element"."""
        for sid in self.senses.get(term.lower(), ()):
            if not sid.endswith("-n"):
                continue
            for anc in self.ancestors(sid):
                if anc in self.synsets and lemmas & {m.lower() for m in self.synsets[anc].members}:
                    return True
        return False

    def root_kind(self, term: str) -> str:
        """Medical root of the first medical sense of ``term`` ("" if none)."""
        return next(
            (self.medical[s] for s in self.senses.get(term.lower(), ()) if s in self.medical), ""
        )

    def is_medical_word(self, term: str) -> bool:
        return any(sid in self.medical for sid in self.senses.get(term.lower(), ()))


def _files(mirrors: Path) -> list[str]:
    import subprocess

    git_dir = mirrors / REPO.replace("/", "+") / "repo"
    cmd = ["git", f"--git-dir={git_dir}", "ls-tree", "--name-only", COMMIT, "src/yaml/"]
    names = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
    return [n for n in names if n.endswith(".yaml")]


def load(mirrors: Path = DEFAULT_MIRRORS) -> WordNet:
    wn = WordNet()
    files = _files(mirrors)
    for path in files:
        name = Path(path).stem
        if name.split(".")[0] not in ("noun", "verb", "adj", "adv"):
            continue
        data = yaml.load(GitFile(REPO, COMMIT, path).read(mirrors), Loader=_LOADER)
        for sid, body in data.items():
            hyps = list(body.get("hypernym", [])) + list(body.get("instance_hypernym", []))
            defs = body.get("definition") or [""]
            wn.synsets[sid] = Synset(sid, name, list(body.get("members", [])), hyps, defs[0])
    for path in files:
        if not Path(path).stem.startswith("entries-"):
            continue
        data = yaml.load(GitFile(REPO, COMMIT, path).read(mirrors), Loader=_LOADER)
        for lemma, by_pos in data.items():
            for body in by_pos.values():
                for sense in body.get("sense", []):
                    wn.senses[str(lemma).lower()].append(sense["synset"])
                    wn.cased[str(lemma)].append(sense["synset"])
    _mark_medical(wn)
    return wn


def root_ids(wn: WordNet, table: dict[tuple[str, str], str] | None = None) -> dict[str, str]:
    """Synset id -> kind for the MEDICAL_ROOTS (or another table) that exist in this WordNet."""
    found: dict[str, str] = {}
    for (lemma, definition), kind in (table or MEDICAL_ROOTS).items():
        for sid in wn.senses.get(lemma, ()):
            syn = wn.synsets.get(sid)
            if syn and syn.lexname.startswith("noun") and syn.definition.startswith(definition):
                found[sid] = kind
    return found


def _mark_medical(wn: WordNet) -> None:
    roots = root_ids(wn)
    excluded = set(root_ids(wn, {k: "" for k in NON_MEDICAL}))
    for sid in wn.synsets:
        if not sid.endswith("-n"):
            continue
        for anc in wn.ancestors(sid):
            if anc in excluded:
                break
            if anc in roots:
                wn.medical[sid] = roots[anc]
                break


def load_cached(mirrors: Path = DEFAULT_MIRRORS, cache: Path | None = None) -> WordNet:
    """load(), kept as a pickle next to the wheel cache: parsing the YAML takes minutes."""
    import pickle

    from pinned import DEFAULT_CACHE

    path = (cache or DEFAULT_CACHE) / f"oewn-{COMMIT[:12]}-v2.pickle"
    if path.exists():
        wn = pickle.loads(path.read_bytes())
    else:
        wn = load(mirrors)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(wn))
    wn.medical.clear()
    _mark_medical(wn)  # roots may change between runs; the parse does not
    return wn
