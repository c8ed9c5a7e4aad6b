"""Which way does a clause cut for the user? The rubric's factors against a polarity learned from ToS;DR.

    python bench/polarity_compare.py

Both are tested on data neither was written on: the unfair-tos set (``evals/polarity/
unfair_tos_tagged.jsonl``: 1,518 sentences of 50 terms of service tagged clearly fair (1),
potentially unfair (2) or clearly unfair (3) for arbitration, unilateral change, content removal,
jurisdiction, choice of law, limitation of liability, unilateral termination and contract by use).

- **rubric**: the severity rubric's factors (``summarizer.rubric.severity.text_factors``) for the
  tag's nearest taxonomy category; their weights summed: > 0 claims "worse for the user", < 0
  "better", 0 abstains.
- **clause reader**: the cue of ``summarizer.rubric.clauses`` (who takes on a duty or gains a
  right) read for a consumer as if the sentence were new: +1 claims worse, -1 better, none abstains.
- **learned**: a logistic regression on word unigrams and bigrams, trained on ToS;DR's rated
  quotes (``evals/polarity/tosdr_points.jsonl``: bad/blocker = worse, good = better; neutral left
  out); P(worse) >= 0.5 claims worse, else better (it never abstains).

Reported per method: how many sentences it makes a claim on, how many of those claims are right
(unfair = worse, fair = better), and the balanced accuracy (mean of the recall on unfair and on
fair sentences; an abstention counts as not right).

Credits: unfair-tos, A. Galassi, F. Lagioia, A. Jabłonowska, M. Lippi, "Unfair clause detection in
terms of service across multiple languages", Artificial Intelligence and Law, 2024 (CC BY 4.0);
ToS;DR (Terms of Service; Didn't Read, https://tosdr.org) points and quotes (CC BY-SA 3.0).
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.rubric.severity import text_factors  # noqa: E402

DATA = ROOT / "evals" / "polarity"
TAG_CATEGORY = {
    "a": "dispute_resolution",
    "ch": "policy_change_notice",
    "cr": "account_termination",
    "j": "dispute_resolution",
    "law": "dispute_resolution",
    "ltd": "liability_warranty_payment",
    "ter": "account_termination",
    "use": "policy_change_notice",
}
_WORD = re.compile(r"[a-z']+")


def _features(text: str) -> list[str]:
    words = _WORD.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def train_learned(
    rows: list[dict], epochs: int = 30, rate: float = 0.2, l2: float = 1e-4
) -> dict[str, float]:
    """Logistic regression by plain SGD (deterministic order), features seen at least twice."""
    data = [
        (_features(r["quote"]), 1.0 if r["classification"] in ("bad", "blocker") else 0.0)
        for r in rows
        if r["classification"] != "neutral"
    ]
    counts = Counter(f for feats, _ in data for f in set(feats))
    weights: dict[str, float] = {"<bias>": 0.0}
    for _ in range(epochs):
        for feats, y in data:
            kept = [f for f in set(feats) if counts[f] >= 2]
            z = weights["<bias>"] + sum(weights.get(f, 0.0) for f in kept)
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            g = p - y
            weights["<bias>"] -= rate * g
            for f in kept:
                weights[f] = weights.get(f, 0.0) * (1 - rate * l2) - rate * g / math.sqrt(len(kept))
    return weights


def learned_claim(weights: dict[str, float], text: str) -> str:
    feats = set(_features(text))
    z = weights["<bias>"] + sum(weights.get(f, 0.0) for f in feats) / math.sqrt(max(1, len(feats)))
    return "worse" if z >= 0 else "better"


def rubric_claim(text: str, tags: list[str]) -> str | None:
    category = next((TAG_CATEGORY[t[:-1]] for t in tags if t[:-1] in TAG_CATEGORY), None)
    if category is None:
        return None
    net = sum(f.weight for f in text_factors(category, text))
    return "worse" if net > 0 else "better" if net < 0 else "abstain"


def clause_claim(text: str) -> str:
    """The clause reader's claim (``summarizer.rubric.clauses``): the sentence's cue read for a
    consumer, as if the sentence had been added (+1 worse, -1 better, no cue or 0: abstain)."""
    from summarizer.rubric.clauses import POLARITY, sentence_kind

    kind = sentence_kind(text)
    pol = POLARITY[kind]["consumer"] if kind else 0
    return "worse" if pol > 0 else "better" if pol < 0 else "abstain"


def score(claims: list[tuple[str, str]]) -> dict:
    """claims: (truth, claim) with truth worse/better and claim worse/better/abstain."""
    made = [(t, c) for t, c in claims if c != "abstain"]
    right = sum(t == c for t, c in made)
    recall = {}
    for side in ("worse", "better"):
        of = [(t, c) for t, c in claims if t == side]
        recall[side] = sum(t == c for t, c in of) / len(of) if of else 0.0
    return {
        "sentences": len(claims),
        "claims": len(made),
        "claims_right": right / len(made) if made else 0.0,
        "wrong_claim_rate": 1 - right / len(made) if made else 0.0,
        "balanced_accuracy": (recall["worse"] + recall["better"]) / 2,
        "recall_unfair": recall["worse"],
        "recall_fair": recall["better"],
    }


def main() -> int:
    points = [json.loads(x) for x in (DATA / "tosdr_points.jsonl").read_text(encoding="utf-8").splitlines()]
    sentences = [
        json.loads(x) for x in (DATA / "unfair_tos_tagged.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    weights = train_learned(points)
    rubric, learned, clauses = [], [], []
    for s in sentences:
        levels = [int(t[-1]) for t in s["tags"] if t[:-1] in TAG_CATEGORY]
        if not levels:
            continue
        truth = "worse" if max(levels) >= 2 else "better"
        claim = rubric_claim(s["text"], s["tags"])
        if claim is None:
            continue
        rubric.append((truth, claim))
        learned.append((truth, learned_claim(weights, s["text"])))
        clauses.append((truth, clause_claim(s["text"])))
    results = {
        "rubric factors": score(rubric),
        "learned from ToS;DR": score(learned),
        "clause reader": score(clauses),
    }
    keys = [
        "sentences",
        "claims",
        "claims_right",
        "wrong_claim_rate",
        "balanced_accuracy",
        "recall_unfair",
        "recall_fair",
    ]
    print(f"{'unfair-tos (never used to write either)':<42}" + "".join(f"{k:>22}" for k in results))
    for k in keys:
        row = [results[m][k] for m in results]
        print(f"{k:<42}" + "".join(f"{v:>22.2f}" if isinstance(v, float) else f"{v:>22}" for v in row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
