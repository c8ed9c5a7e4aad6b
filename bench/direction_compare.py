"""Record direction from the clause reader (rules) against a clause polarity learned from data.

    python bench/direction_compare.py

Issue 12 asks whether clause polarity learned from ToS;DR's rated quotes beats word lists. Two
readers of a clause, compared on data neither was written on:

- **clause reader** (shipped): ``summarizer.rubric.clauses`` - who takes on a duty or gains a
  right in the sentence, in the view the document takes (consumer / business user / data).
- **learned**: a multinomial naive Bayes over word unigrams and bigrams, trained on ToS;DR's
  rated quotes (``evals/polarity/tosdr_points.jsonl``: bad/blocker = worse, good = better; neutral
  left out) with equal class priors (the raw data is 2:1 bad, which would make it a prior, not a
  reader). A sentence is worse or better when its mean log-odds per feature passes +/- MARGIN,
  else it abstains.

Two tests:

1. **unfair-tos sentences** (``evals/polarity/unfair_tos_tagged.jsonl``, 1,518 tagged sentences
   of 50 terms of service: potentially or clearly unfair = worse, fair = better). Reported: claims,
   share right, balanced accuracy (mean of the recall on unfair and on fair; abstention = not
   right).
2. **records on the labelled vlops dev pairs** (``evals/vlops/dev_labels.yaml``): the analyzer as
   shipped (clause reader, rubric fallback) against the same record built with the learned
   polarity of each added / removed sentence (a removed sentence counts the other way round; a
   side wins at 1.5x, else mixed; no signed sentence = unclear). Direction accuracy over pairs
   labelled material, wrong-direction rate over claims, abstentions. The held-out pairs are not
   used.

Credits: unfair-tos, A. Galassi, F. Lagioia, A. Jabłonowska, M. Lippi, "Unfair clause detection in
terms of service across multiple languages", Artificial Intelligence and Law, 2024 (CC BY 4.0);
ToS;DR (Terms of Service; Didn't Read, https://tosdr.org) points and quotes (CC BY-SA 3.0); the
vlops pairs, Open Terms Archive contributors (ODC-BY 1.0).
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.analyzers.rules.analyzer import is_material  # noqa: E402
from summarizer.analyzers.rules.provisions import provisions_of  # noqa: E402
from summarizer.api import compare_files, diff_documents, load_pair  # noqa: E402
from summarizer.rubric.clauses import POLARITY, _sentence_set, sentence_kind  # noqa: E402

DATA = ROOT / "evals" / "polarity"
VLOPS = ROOT / "evals" / "data" / "vlops"
DEV_LABELS = ROOT / "evals" / "vlops" / "dev_labels.yaml"
MARGIN = 0.05
RATIO = 1.5
_WORD = re.compile(r"[a-z']+")


def _features(text: str) -> list[str]:
    words = _WORD.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def train_nb(points: list[dict]) -> dict[str, float]:
    """Per-feature log-odds log P(f | worse) - log P(f | better), Laplace-smoothed, features seen
    at least twice."""
    counts = {"worse": Counter(), "better": Counter()}
    for p in points:
        if p["classification"] == "neutral":
            continue
        side = "worse" if p["classification"] in ("bad", "blocker") else "better"
        counts[side].update(_features(p["quote"]))
    vocab = {f for c in counts.values() for f, n in c.items() if n >= 1}
    vocab = {f for f in vocab if counts["worse"][f] + counts["better"][f] >= 2}
    totals = {s: sum(counts[s][f] for f in vocab) + len(vocab) for s in counts}
    return {
        f: math.log((counts["worse"][f] + 1) / totals["worse"])
        - math.log((counts["better"][f] + 1) / totals["better"])
        for f in vocab
    }


def learned_sign(odds: dict[str, float], text: str) -> int:
    feats = [f for f in _features(text) if f in odds]
    if not feats:
        return 0
    z = sum(odds[f] for f in feats) / len(feats)
    return 1 if z > MARGIN else -1 if z < -MARGIN else 0


def rules_sign(text: str, view: str = "consumer") -> int:
    kind = sentence_kind(text)
    return POLARITY[kind][view] if kind else 0


def sentence_scores(claims: list[tuple[int, int]]) -> dict:
    """claims: (truth +1 worse / -1 better, claim +1 / -1 / 0 abstain)."""
    made = [(t, c) for t, c in claims if c]
    right = sum(t == c for t, c in made)
    rec = {}
    for side in (1, -1):
        of = [c for t, c in claims if t == side]
        rec[side] = sum(c == side for c in of) / len(of) if of else 0.0
    return {
        "sentences": len(claims),
        "claims": len(made),
        "claims_right": right / len(made) if made else 0.0,
        "balanced_accuracy": (rec[1] + rec[-1]) / 2,
        "recall_unfair": rec[1],
        "recall_fair": rec[-1],
    }


def _direction(signs: list[int]) -> str:
    worse, better = signs.count(1), signs.count(-1)
    if not worse and not better:
        return "unclear"
    if worse >= RATIO * better:
        return "worse"
    if better >= RATIO * worse:
        return "better"
    return "mixed"


def record_rows(odds: dict[str, float]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(label, direction) per dev pair labelled material: the shipped analyzer, the learned reader."""
    shipped, learned = [], []
    for lab in yaml.safe_load(DEV_LABELS.read_text(encoding="utf-8")):
        if not lab["material"] or not lab.get("direction"):
            continue
        pair = VLOPS / lab["pair"]
        record = compare_files(pair / "old.md", pair / "new.md")
        shipped.append((lab["direction"], record.direction if record.material else "none"))
        if not record.material:
            learned.append((lab["direction"], "none"))
            continue
        old, new = load_pair(pair / "old.md", pair / "new.md")
        signs: list[int] = []
        seen: set[str] = set()
        for prov in provisions_of(diff_documents(old, new)).provisions:
            if not is_material(prov):
                continue
            olds, news = _sentence_set(prov.old_text), _sentence_set(prov.new_text)
            for key, raw in news.items():
                if key not in olds and key not in seen:
                    seen.add(key)
                    signs.append(learned_sign(odds, raw))
            for key, raw in olds.items():
                if key not in news and key not in seen:
                    seen.add(key)
                    signs.append(-learned_sign(odds, raw))
        learned.append((lab["direction"], _direction(signs)))
    return shipped, learned


def record_scores(rows: list[tuple[str, str]]) -> dict:
    claimed = [(t, c) for t, c in rows if c not in ("unclear", "none")]
    return {
        "pairs": len(rows),
        "direction_accuracy": sum(t == c for t, c in rows) / len(rows),
        "wrong_direction_rate": sum(t != c for t, c in claimed) / len(claimed) if claimed else 0.0,
        "claims": len(claimed),
        "abstained": sum(c == "unclear" for _, c in rows),
        "said_not_material": sum(c == "none" for _, c in rows),
    }


def _table(title: str, results: dict[str, dict]) -> None:
    keys = list(next(iter(results.values())))
    print(f"{title:<34}" + "".join(f"{k:>22}" for k in results))
    for k in keys:
        row = [results[m][k] for m in results]
        print(f"{k:<34}" + "".join(f"{v:>22.2f}" if isinstance(v, float) else f"{v:>22}" for v in row))


def main() -> int:
    points = [json.loads(x) for x in (DATA / "tosdr_points.jsonl").read_text(encoding="utf-8").splitlines()]
    odds = train_nb(points)
    rules, learned = [], []
    for line in (DATA / "unfair_tos_tagged.jsonl").read_text(encoding="utf-8").splitlines():
        s = json.loads(line)
        if not s["tags"]:
            continue
        truth = 1 if max(int(t[-1]) for t in s["tags"]) >= 2 else -1
        rules.append((truth, rules_sign(s["text"])))
        learned.append((truth, learned_sign(odds, s["text"])))
    _table(
        "unfair-tos sentences",
        {"clause reader (rules)": sentence_scores(rules), "learned (ToS;DR NB)": sentence_scores(learned)},
    )
    print()
    shipped, learned_records = record_rows(odds)
    _table(
        "vlops dev records (material)",
        {"shipped analyzer": record_scores(shipped), "learned sentences": record_scores(learned_records)},
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
