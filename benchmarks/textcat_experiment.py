"""Would a trained text classifier help where the rules miss? (issue 16, item 4)

    python benchmarks/textcat_experiment.py            # all three families
    python benchmarks/textcat_experiment.py --group claims --seed 1

For each family, a spaCy text classifier (``TextCatBOW``: a linear model over words and
word pairs, the architecture that suits a few hundred rows) is trained on the family's
corpus ``dev`` rows only (title, description, category, brand as one text). It is
measured three ways, each as recall on ``flag`` rows and false alarms on ``ok`` rows:

* *dev, grouped cross-validation*: five folds by source document (a document's rows are
  never split between training and scoring), so the figure is not a memory of the row;
* *test*: trained on all of dev, scored on the blind ``test`` split, aggregates only;
* combined with the rules (the findings ``eval_corpus.py`` counts): ``rules or model``
  (the model adds recall) and ``rules and model`` (the model vetoes false alarms), at
  the classifier thresholds 0.5 and 0.7.

Nothing here ships: the script records the experiment so that it can be repeated. The
figures and what they mean are in ``docs/evaluation.md`` ("A trained component").
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import eval_corpus

FOLDS = 5
EPOCHS = 12
THRESHOLDS = (0.5, 0.7)


def text_of(row: corpus.Row) -> str:
    return " | ".join(x for x in (row.title, row.description, row.category, row.brand) if x)


def train(rows: list[corpus.Row], seed: int):
    """A blank multilingual pipeline with one exclusive two-class text classifier."""
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = spacy.blank("xx")
    textcat = nlp.add_pipe(
        "textcat",
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": 2,
                "no_output_layer": False,
                "length": 262144,
            }
        },
    )
    for label in ("flag", "ok"):
        textcat.add_label(label)
    examples = [
        Example.from_dict(
            nlp.make_doc(text_of(r)),
            {"cats": {"flag": float(r.label == "flag"), "ok": float(r.label == "ok")}},
        )
        for r in rows
    ]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(EPOCHS):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.1)
    return nlp


def scores(nlp, rows: list[corpus.Row]) -> list[float]:
    return [doc.cats["flag"] for doc in nlp.pipe(text_of(r) for r in rows)]


def figures(rows: list[corpus.Row], flagged: list[bool]) -> str:
    flag = [f for r, f in zip(rows, flagged) if r.label == "flag"]
    ok = [f for r, f in zip(rows, flagged) if r.label == "ok"]
    return f"{eval_corpus._rate(sum(flag), len(flag))}  {eval_corpus._rate(sum(ok), len(ok))}"


def folds(rows: list[corpus.Row], seed: int) -> list[list[int]]:
    """Row indexes in FOLDS groups, whole documents at a time."""
    docs = sorted({r.doc for r in rows})
    random.Random(seed).shuffle(docs)
    fold_of = {d: i % FOLDS for i, d in enumerate(docs)}
    return [[i for i, r in enumerate(rows) if fold_of[r.doc] == k] for k in range(FOLDS)]


def report(name: str, rows: list[corpus.Row], rules: list[bool], model: list[float]) -> None:
    print(f"  {name}")
    print(f"    {'rules alone':24} {figures(rows, rules)}")
    for t in THRESHOLDS:
        alone = [p >= t for p in model]
        print(f"    {f'model alone @{t}':24} {figures(rows, alone)}")
        print(f"    {f'rules or model @{t}':24} {figures(rows, [a or b for a, b in zip(rules, alone)])}")  # fmt: skip
        print(f"    {f'rules and model @{t}':24} {figures(rows, [a and b for a, b in zip(rules, alone)])}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--group", choices=corpus.GROUPS)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    rows_all = corpus.load()
    for group in [args.group] if args.group else corpus.GROUPS:
        rows = [r for r in rows_all if r.group == group]
        fired = eval_corpus.flagged_groups(rows, eval_corpus.POLICIES)
        rule_hit = [bool(h.get(group)) for h in fired]
        dev = [i for i, r in enumerate(rows) if r.split == "dev"]
        test = [i for i, r in enumerate(rows) if r.split == "test"]
        print(f"{group}: {len(dev)} dev rows, {len(test)} test rows "
              "(recall on flag rows, false alarms on ok rows)")  # fmt: skip
        dev_rows = [rows[i] for i in dev]
        cv = [0.0] * len(dev_rows)
        for fold in folds(dev_rows, args.seed):
            held = set(fold)
            nlp = train([r for i, r in enumerate(dev_rows) if i not in held], args.seed)
            for i, p in zip(fold, scores(nlp, [dev_rows[i] for i in fold])):
                cv[i] = p
        report("dev, 5-fold by document", dev_rows, [rule_hit[i] for i in dev], cv)
        nlp = train(dev_rows, args.seed)
        test_rows = [rows[i] for i in test]
        report("test (trained on all of dev)", test_rows, [rule_hit[i] for i in test],
               scores(nlp, test_rows))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
