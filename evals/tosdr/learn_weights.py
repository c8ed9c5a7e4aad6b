"""Learn the classifier's per-term log-odds weights from the ToS;DR ``dev`` services.

Usage (regenerates ``summarizer/data/classifier_weights.json``; needs only this repository)::

    python evals/tosdr/learn_weights.py

The model is one logistic regression per taxonomy category over what the hand-written lexicon
finds in a passage (:func:`summarizer.rubric.classifier.features`)::

    log-odds(c) = bias_c + scale_c * hand_score_c + rival_c * best_other_hand_score
                  + sum(own_c[p]   for p in the phrases of c's lexicon that fired)
                  + sum(cross_c[p] for p in the phrases of any lexicon that fired)

so every learned number is attached to a lexicon phrase a reader can see ("cookie" counts -0.9
for ``data_collection``), or to the hand-set score. Phrases seen in fewer than ``MIN_COUNT`` training
passages get no weight of their own. L2 regularisation (``L2``) pulls phrase weights towards 0, so
rare phrases keep their hand-set meaning. It is trained on the ``dev`` split only: the held-out
``test`` services are never read here. Plain Python (a small L-BFGS), no numeric libraries.

The training data are ToS;DR quotes (CC BY-SA 3.0, tosdr.org); the weights file is a derivative and
carries that licence and credit in its ``_meta``.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from summarizer.model.taxonomy import CATEGORY_IDS
from summarizer.rubric.classifier import PAIR, WEIGHTS_FILE, Features, features, lexicon_fingerprint

DEVSET = HERE / "devset.jsonl"
OUT = ROOT / "summarizer" / "data" / WEIGHTS_FILE

#: L2 penalty on phrase weights (chosen by leave-one-service-out cross-validation on ``dev``).
L2 = 1.0
#: Small penalty on the two score multipliers (keeps them finite on separable categories).
L2_SCALE = 0.01
#: A phrase gets a weight only when it fired in at least this many training passages.
MIN_COUNT = 2
#: Weights smaller than this are dropped from the shipped file (no measurable effect).
PRUNE = 0.02


@dataclass(frozen=True)
class Example:
    """One labelled passage, reduced to what the model sees."""

    found: Features
    labels: frozenset[str]
    services: tuple[int, ...]


def load(split: str = "dev") -> list[dict]:
    rows = [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows if split == "all" else [r for r in rows if r["split"] == split]


def encode(rows: Sequence[dict]) -> list[Example]:
    return [Example(features(r["text"]), frozenset(r["expected"]), tuple(r["service_ids"])) for r in rows]


# --- optimisation ----------------------------------------------------------------------------


def lbfgs(
    fun: Callable[[list[float]], tuple[float, list[float]]],
    x0: list[float],
    *,
    memory: int = 10,
    max_iter: int = 400,
    tol: float = 1e-5,
) -> list[float]:
    """Minimise a smooth convex *fun* (value and gradient) with L-BFGS and a backtracking line search."""
    x = list(x0)
    f, g = fun(x)
    s_hist: list[list[float]] = []
    y_hist: list[list[float]] = []
    rho: list[float] = []
    for _ in range(max_iter):
        if max(abs(v) for v in g) < tol:
            break
        # two-loop recursion: d = -H g
        q = list(g)
        alphas = []
        for s, y, r in zip(reversed(s_hist), reversed(y_hist), reversed(rho)):
            a = r * sum(si * qi for si, qi in zip(s, q))
            alphas.append(a)
            q = [qi - a * yi for qi, yi in zip(q, y)]
        if s_hist:
            s, y = s_hist[-1], y_hist[-1]
            gamma = sum(si * yi for si, yi in zip(s, y)) / sum(yi * yi for yi in y)
            q = [gamma * qi for qi in q]
        for (s, y, r), a in zip(zip(s_hist, y_hist, rho), reversed(alphas)):
            b = r * sum(yi * qi for yi, qi in zip(y, q))
            q = [qi + (a - b) * si for qi, si in zip(q, s)]
        d = [-qi for qi in q]
        slope = sum(gi * di for gi, di in zip(g, d))
        if slope >= 0:  # not a descent direction: restart from the gradient
            d = [-gi for gi in g]
            slope = -sum(gi * gi for gi in g)
            s_hist.clear(), y_hist.clear(), rho.clear()
        step = 1.0 if s_hist else min(1.0, 1.0 / math.sqrt(-slope))
        while True:
            x_new = [xi + step * di for xi, di in zip(x, d)]
            f_new, g_new = fun(x_new)
            if f_new <= f + 1e-4 * step * slope or step < 1e-10:
                break
            step *= 0.5
        s = [a - b for a, b in zip(x_new, x)]
        y = [a - b for a, b in zip(g_new, g)]
        sy = sum(si * yi for si, yi in zip(s, y))
        converged = abs(f - f_new) <= 1e-10 * max(1.0, abs(f))
        x, f, g = x_new, f_new, g_new
        if sy > 1e-12:
            s_hist.append(s), y_hist.append(y), rho.append(1.0 / sy)
            if len(s_hist) > memory:
                s_hist.pop(0), y_hist.pop(0), rho.pop(0)
        if converged:
            break
    return x


def _softplus(z: float) -> float:
    return z + math.log1p(math.exp(-z)) if z > 0 else math.log1p(math.exp(z))


def _fit_category(
    category: str, examples: Sequence[Example], phrase_vocab: dict[str, int], l2: float, min_count: int
) -> dict:
    """Logistic regression for one category; returns its JSON-ready parameters."""
    own_counts = Counter(f for e in examples for f in e.found.fired.get(category, ()))
    own_vocab = {f: i for i, f in enumerate(sorted(f for f, n in own_counts.items() if n >= min_count))}
    n_own = len(own_vocab)
    offset = 3 + n_own
    rows = []
    for e in examples:
        scores = e.found.scores
        hand = scores.get(category, 0.0)
        rival = max([0.0] + [v for c, v in scores.items() if c != category])
        idx = [3 + own_vocab[f] for f in e.found.fired.get(category, ()) if f in own_vocab]
        idx += [offset + phrase_vocab[p] for p in e.found.phrases if p in phrase_vocab]
        rows.append((hand, rival, idx, 1.0 if category in e.labels else 0.0))
    size = offset + len(phrase_vocab)

    def fun(x: list[float]) -> tuple[float, list[float]]:
        a, b, g = x[0], x[1], x[2]
        grad = [0.0] * size
        loss = 0.0
        for hand, rival, idx, y in rows:
            z = b + a * hand + g * rival
            for j in idx:
                z += x[j]
            loss += _softplus(z) - y * z
            err = (1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))) - y
            grad[0] += err * hand
            grad[1] += err
            grad[2] += err * rival
            for j in idx:
                grad[j] += err
        loss += L2_SCALE * (a * a + g * g)
        grad[0] += 2 * L2_SCALE * a
        grad[2] += 2 * L2_SCALE * g
        for j in range(3, size):
            loss += 0.5 * l2 * x[j] * x[j]
            grad[j] += l2 * x[j]
        return loss, grad

    x0 = [1.0, -2.0, 0.0] + [0.0] * (size - 3)
    x = lbfgs(fun, x0)
    phrases = sorted(phrase_vocab, key=phrase_vocab.get)
    own_names = sorted(own_vocab, key=own_vocab.get)
    return {
        "bias": round(x[1], 4),
        "scale": round(x[0], 4),
        "rival": round(x[2], 4),
        "own": {f: round(x[3 + i], 4) for i, f in enumerate(own_names) if abs(x[3 + i]) >= PRUNE},
        "cross": {p: round(x[offset + i], 4) for i, p in enumerate(phrases) if abs(x[offset + i]) >= PRUNE},
    }


def train(examples: Sequence[Example], *, l2: float = L2, min_count: int = MIN_COUNT) -> dict:
    """Learn the weights of every category from *examples*; returns the JSON form (without _meta)."""
    counts = Counter(p for e in examples for p in e.found.phrases)
    phrase_vocab = {
        p: i for i, p in enumerate(sorted(p for p, n in counts.items() if n >= min_count and p != PAIR))
    }
    # a category no training passage carries (ai_training: ToS;DR has next to no AI passages) gets
    # no weights: the classifier decides it by its hand-set lexicon alone
    seen = {c for e in examples for c in e.labels}
    return {
        "categories": {
            c: _fit_category(c, examples, phrase_vocab, l2, min_count) for c in CATEGORY_IDS if c in seen
        }
    }


def main(argv: list[str]) -> int:
    rows = load("dev")
    services = sorted({s for r in rows for s in r["service_ids"]})
    model = train(encode(rows))
    model["_meta"] = {
        "what": "per-category log-odds weights of summarizer.rubric.classifier over its lexicon phrases",
        "trained_on": f"evals/tosdr/devset.jsonl split=dev: {len(rows)} passages, ToS;DR services {services}",
        "method": f"logistic regression per category, L2={L2} on phrase weights, phrases seen in >= "
        f"{MIN_COUNT} passages, weights below {PRUNE} dropped; see evals/tosdr/learn_weights.py",
        "lexicon_fingerprint": lexicon_fingerprint(),
        "credit": "Derived from ToS;DR (Terms of Service; Didn't Read, https://tosdr.org) points and quotes.",
        "licence": "CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/), like its source.",
    }
    ordered = {"_meta": model["_meta"], "categories": model["categories"]}
    OUT.write_text(
        json.dumps(ordered, indent=1, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8"
    )
    n = sum(len(v["own"]) + len(v["cross"]) for v in model["categories"].values())
    print(f"wrote {OUT.relative_to(ROOT)} ({n} phrase weights, trained on {len(rows)} dev passages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
