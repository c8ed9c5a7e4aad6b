"""A learned record direction against the rules, leave-one-set-out over the four open #12 folds.

    python bench/direction_learned.py [--groups rules,pipeline,words,polarity] [--tosdr WEIGHT]
                                      [--golden WEIGHT] [--balanced] [--rows] [--json] [--cache FILE]
    python bench/direction_learned.py --sweep [--cache FILE]   # every configuration tried, one table

For each open fold (dev 71 pairs, old held-out 56, fresh 43, fresh2 35; ``evals/vlops``,
``evals/fresh``, ``evals/fresh2``), a multinomial logistic regression
(:func:`pair_features`: the rules' record direction and per-change readings,
clause cues, diff signals, document view, and the added / removed wording as unigrams and bigrams)
is trained on the material pairs of the other three folds and predicts the record direction
(worse / better / mixed / neutral) of the held-out fold's material pairs. Optionally, ToS;DR's rated
quotes (``--tosdr``: bad/blocker = worse, good = better, neutral = neutral, each read as added
wording) and the golden cases (``--golden``) join the training data with a weight.

Everything is chosen on the training folds only: the L2 strength and, per variant, the probability
threshold below which the model abstains are picked by an inner leave-one-set-out over the three
training folds, maximising right claims minus wrong claims (a wrong claim costs what a right one
gains; an abstention costs nothing there). Training is plain stochastic gradient descent in a fixed
order: the output is deterministic.

Variants, each on the same pairs (a pair the record calls not material has no direction in any
variant):

- **rules**: the record's own direction (``unclear`` = abstained);
- **learned**: the model's direction, ``unclear`` below its threshold ("learned replaces rules");
- **fill**: the rules, and the model only where the rules abstain ("learned where the rules abstain");
- **override**: the model where it is confident, the rules where it abstains.

Per held-out fold: direction accuracy over pairs labelled material (an abstention is not right),
the wrong-claim rate (wrong claims / claims), claims and abstentions, and the label mix. The
blind set (``evals/fresh3``) is never read.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.model.diff import Hunk  # noqa: E402

# --- features (what the pipeline computed for a pair, and the changed wording) ------------------

CLASSES = ("worse", "better", "mixed", "neutral")
_WORD = re.compile(r"[a-z][a-z']*")
_EVIDENCE = re.compile(r"^([+-]1) (new|removed): (.+?) \(")
_RANK = {"none": 0, "low": 1, "medium": 2, "high": 3}


def _cue_kinds() -> dict[str, str]:
    from summarizer.rubric.clauses import LABELS

    return {label: kind for kind, label in LABELS.items()}


def _grams(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:])}


def _sides(hunks: Iterable[Hunk]) -> tuple[str, str]:
    """The wording taken out and the wording put in by *hunks* (inline edits of a modified block,
    a whole block added or removed)."""
    added: list[str] = []
    removed: list[str] = []
    for h in hunks:
        if h.kind == "added":
            added.append(h.new_text)
        elif h.kind == "removed":
            removed.append(h.old_text)
        elif h.kind == "modified":
            if h.changes:
                added.extend(c.new for c in h.changes if c.new)
                removed.extend(c.old for c in h.changes if c.old)
            else:
                added.append(h.new_text)
                removed.append(h.old_text)
    return " \n ".join(removed), " \n ".join(added)


def _unit(group: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in group.values()))
    return {k: v / norm for k, v in group.items()} if norm else {}


def pair_features(
    rule_direction: str | None,
    changes: Sequence[Any],
    hunks: Sequence[Hunk],
    view: str,
) -> dict[str, float]:
    """The features of one material pair.

    *changes* are the record's changes (``category``, ``kind``, ``direction``, ``confidence``,
    ``severity_before``/``severity_after``, ``evidence``, ``hunk_ids``), *hunks* the diff's hunks,
    *view* the document's view (consumer, business, data)."""
    kinds = _cue_kinds()
    rules: dict[str, float] = {f"rule={rule_direction or 'none'}": 1.0, f"view={view}": 1.0}
    counts: dict[str, float] = {}
    cues: dict[str, float] = {}
    worse = better = 0
    for c in changes:
        for key in (
            f"dir={c.direction}",
            f"dir={c.direction}/{c.confidence}",
            f"kind={c.kind}",
            f"cat={c.category}",
            f"cat={c.category}/{c.direction}",
        ):
            counts[key] = counts.get(key, 0.0) + 1.0
        step = _RANK.get(c.severity_after, 0) - _RANK.get(c.severity_before, 0)
        if step:
            key = "sev_up" if step > 0 else "sev_down"
            counts[key] = counts.get(key, 0.0) + 1.0
        for line in c.evidence:
            m = _EVIDENCE.match(line)
            if not m:
                continue
            sign, side, label = m.groups()
            kind = kinds.get(label, "other")
            key = f"cue{sign}/{side}/{kind}"
            cues[key] = cues.get(key, 0.0) + 1.0
            if sign == "+1":
                worse += 1
            else:
                better += 1
    if worse or better:
        cues["cue_worse_share"] = worse / (worse + better)
        cues["cue_both"] = float(bool(worse and better))
    else:
        cues["cue_none"] = 1.0
    counts = {k: math.log1p(v) for k, v in counts.items()}
    wanted = {i for c in changes for i in c.hunk_ids}
    mine = [h for h in hunks if h.id in wanted]
    signals: dict[str, float] = {}
    for h in mine:
        s = h.signals
        for e in s.enumerations:
            if e.added:
                signals["list_grew"] = 1.0
            if e.removed:
                signals["list_shrank"] = 1.0
        for m in s.modality:
            signals[f"modality_{m.direction}"] = 1.0
        for n in s.negation:
            signals[f"negation_{n.change}"] = 1.0
        if s.parties_added:
            signals["parties_added"] = 1.0
        if s.parties_removed:
            signals["parties_removed"] = 1.0
        if s.numbers:
            signals["numbers"] = 1.0
        if s.reserve_right_added:
            signals["reserve_right_added"] = 1.0
        if s.reserve_right_removed:
            signals["reserve_right_removed"] = 1.0
    removed, added = _sides(mine)
    plus, minus = _grams(added), _grams(removed)
    words = {f"+{g}": 1.0 for g in plus - minus} | {f"-{g}": 1.0 for g in minus - plus}
    out: dict[str, float] = {"<bias>": 1.0}
    for group in (rules, counts, cues, signals):
        out.update(_unit(group))
    out.update(_unit(words))
    return out


def probabilities(weights: Mapping[str, Sequence[float]], features: Mapping[str, float]) -> list[float]:
    """P(class) for each of :data:`CLASSES` under a multinomial logistic regression."""
    z = [0.0] * len(CLASSES)
    for name, value in features.items():
        w = weights.get(name)
        if w is None:
            continue
        for k in range(len(CLASSES)):
            z[k] += w[k] * value
    top = max(z)
    e = [math.exp(v - top) for v in z]
    total = sum(e)
    return [v / total for v in e]


def predict(
    weights: Mapping[str, Sequence[float]], features: Mapping[str, float], threshold: float
) -> tuple[str, float]:
    """The most probable direction and its probability, or ``unclear`` below *threshold*."""
    p = probabilities(weights, features)
    best = max(range(len(CLASSES)), key=lambda k: (p[k], -k))
    return (CLASSES[best] if p[best] >= threshold else "unclear"), p[best]


FOLDS = {
    "dev": ([ROOT / "evals/vlops/dev_labels.yaml"], ROOT / "evals/data/vlops"),
    "heldout": ([ROOT / "evals/vlops/heldout_labels.yaml"], ROOT / "evals/data/vlops"),
    "fresh": (sorted((ROOT / "evals/fresh").glob("*_labels.yaml")), ROOT / "evals/data/fresh"),
    "fresh2": (sorted((ROOT / "evals/fresh2").glob("*_labels.yaml")), ROOT / "evals/data/fresh2"),
}
VARIANTS = ("rules", "learned", "fill", "override")
#: Printed beside the variants: the training folds' most common label claimed for every material record.
BASELINE = "majority"
L2_GRID = (0.001, 0.003, 0.01, 0.03)
THRESHOLDS = tuple(round(0.30 + 0.05 * i, 2) for i in range(14))  # 0.30 .. 0.95
EPOCHS = 40


def _example(rule_direction, changes, diff) -> dict[str, float]:
    from summarizer.rubric.clauses import reader_view

    return pair_features(rule_direction, changes, diff.hunks, reader_view(diff.new.text))


def fold_examples(fold: str) -> list[dict]:
    """Every labelled pair of *fold*: its label, the rules' record and (when the record is material)
    its features."""
    from summarizer.api import analyze, diff_documents, load_pair

    files, pairs = FOLDS[fold]
    out = []
    for labels_file in files:
        for lab in yaml.safe_load(labels_file.read_text(encoding="utf-8")):
            old, new = load_pair(pairs / lab["pair"] / "old.md", pairs / lab["pair"] / "new.md")
            diff = diff_documents(old, new)
            record = analyze(diff, plain=True)
            rules = (record.direction or "unclear") if record.material else None
            out.append(
                {
                    "pair": lab["pair"],
                    "fold": fold,
                    "label": lab["direction"] if lab["material"] else None,
                    "rules": rules,
                    "features": _example(record.direction, record.changes, diff) if record.material else None,
                }
            )
    return out


def golden_examples() -> list[dict]:
    """The golden cases with a direction (as ``bench/heldout_accuracy.golden_rows`` reads it)."""
    from bench.heldout_accuracy import golden_rows
    from summarizer.api import analyze, diff_texts
    from summarizer.evals.cases import load_cases

    wanted = {r["pair"]: r["label"]["direction"] for r in golden_rows()}
    out = []
    for case in load_cases(ROOT / "evals" / "cases"):
        label = wanted.get(case.id)
        if label not in CLASSES:
            continue
        diff = diff_texts(case.old_text, case.new_text)
        record = analyze(diff, plain=True)
        if record.material:
            out.append({"label": label, "features": _example(record.direction, record.changes, diff)})
    return out


def tosdr_examples() -> list[dict]:
    """ToS;DR's rated quotes as added wording only (their rating as the direction)."""
    side = {"bad": "worse", "blocker": "worse", "good": "better", "neutral": "neutral"}
    out = []
    for line in (ROOT / "evals/polarity/tosdr_points.jsonl").read_text(encoding="utf-8").splitlines():
        point = json.loads(line)
        words = _unit({f"+{g}": 1.0 for g in _grams(point["quote"])})
        out.append({"label": side[point["classification"]], "features": {"<bias>": 1.0, **words}})
    return out


# --- the model ---------------------------------------------------------------------------------


BALANCED = False  # --balanced: weigh each training example by 1 / its class's share


def train(
    examples: list[dict], l2: float, epochs: int = EPOCHS, min_count: int = 2
) -> dict[str, list[float]]:
    """Multinomial logistic regression by SGD in the examples' order (deterministic); features
    present in fewer than *min_count* training examples are dropped. Each example may carry a
    ``weight``."""
    counts = Counter(f for e in examples for f in e["features"])
    share = Counter(e["label"] for e in examples)
    if BALANCED:
        examples = [
            dict(e, weight=e.get("weight", 1.0) * len(examples) / (len(share) * share[e["label"]]))
            for e in examples
        ]
    data = [
        (
            [(f, v) for f, v in e["features"].items() if counts[f] >= min_count or f == "<bias>"],
            CLASSES.index(e["label"]),
            e.get("weight", 1.0),
        )
        for e in examples
    ]
    weights: dict[str, list[float]] = {}
    k = len(CLASSES)
    step = 0
    for _ in range(epochs):
        for feats, y, w in data:
            step += 1
            rate = 0.5 / math.sqrt(1 + step / len(data))
            p = probabilities(weights, dict(feats))
            for f, v in feats:
                row = weights.setdefault(f, [0.0] * k)
                for c in range(k):
                    grad = w * (p[c] - (1.0 if c == y else 0.0)) * v + l2 * row[c]
                    row[c] -= rate * grad
    return weights


def _predict_all(weights, examples) -> list[tuple[str, float]]:
    out = []
    for e in examples:
        if e["features"] is None:
            out.append((None, 0.0))
            continue
        p = probabilities(weights, e["features"])
        best = max(range(len(CLASSES)), key=lambda c: (p[c], -c))
        out.append((CLASSES[best], p[best]))
    return out


def decide(
    variant: str, rules: str | None, guess: str | None, prob: float, threshold: float, majority: str = "worse"
) -> str | None:
    """The direction a variant claims for one pair (None: not material; 'unclear': abstains)."""
    if rules is None:
        return None
    if variant == "majority":
        return majority
    learned = guess if guess is not None and prob >= threshold else "unclear"
    if variant == "rules":
        return rules
    if variant == "learned":
        return learned
    if variant == "fill":
        return learned if rules == "unclear" else rules
    return learned if learned != "unclear" else rules  # override


def net(variant: str, rows: list[tuple], threshold: float) -> int:
    """Right claims minus wrong claims of *variant* over (label, rules, guess, prob) rows."""
    score = 0
    for label, rules, guess, prob in rows:
        said = decide(variant, rules, guess, prob, threshold)
        if said in (None, "unclear"):
            continue
        score += 1 if said == label else -1
    return score


def _material(examples: list[dict]) -> list[dict]:
    return [e for e in examples if e["label"] in CLASSES]


def _trainable(examples: list[dict]) -> list[dict]:
    return [e for e in _material(examples) if e["features"] is not None]


def choose(train_folds: dict[str, list[dict]], extra: list[dict]) -> tuple[float, dict[str, float]]:
    """The L2 strength and each variant's threshold, by an inner leave-one-set-out over
    *train_folds* (the held-out fold is never seen here)."""
    best: tuple | None = None
    for l2 in L2_GRID:
        rows = []
        for inner in train_folds:
            fit = [e for f, ex in train_folds.items() if f != inner for e in _trainable(ex)]
            weights = train(fit + extra, l2)
            test = _material(train_folds[inner])
            for e, (guess, prob) in zip(test, _predict_all(weights, test)):
                rows.append((e["label"], e["rules"], guess, prob))
        thresholds = {v: max(THRESHOLDS, key=lambda t, v=v: (net(v, rows, t), t)) for v in VARIANTS[1:]}
        key = net("learned", rows, thresholds["learned"])
        if best is None or key > best[0]:
            best = (key, l2, thresholds)
    assert best is not None
    return best[1], best[2]


def fold_scores(rows: list[tuple], variant: str, threshold: float, majority: str = "worse") -> dict:
    """Direction accuracy (abstentions not right), wrong-claim rate, claims and abstentions of
    *variant* over (label, rules, guess, prob) rows."""
    right = claims = wrong = 0
    for label, rules, guess, prob in rows:
        said = decide(variant, rules, guess, prob, threshold, majority)
        right += said == label
        if said not in (None, "unclear"):
            claims += 1
            wrong += said != label
    n = len(rows)
    return {
        "accuracy": right / n if n else None,
        "wrong_claim_rate": wrong / claims if claims else 0.0,
        "claims": claims,
        "abstained": n - claims,
        "right": right,
        "pairs": n,
    }


def all_examples(cache: Path | None = None) -> dict[str, list[dict]]:
    """Every fold's examples (read from *cache* when it exists, else computed and written there)."""
    if cache is not None and cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    examples = {fold: fold_examples(fold) for fold in FOLDS}
    if cache is not None:
        cache.write_text(json.dumps(examples), encoding="utf-8")
    return examples


def _group(feature: str) -> str:
    if feature[0] in "+-":
        return "words"
    if feature.startswith(("rule=", "view=")):
        return "rules"
    if feature.startswith("pol_"):
        return "polarity"
    return "pipeline"  # per-change readings, clause cues, diff signals


def only(examples: dict[str, list[dict]], groups: set[str]) -> dict[str, list[dict]]:
    """*examples* with only the features of *groups* (words, rules, pipeline) and the bias."""

    def keep(features):
        if features is None:
            return None
        return {f: v for f, v in features.items() if f == "<bias>" or _group(f) in groups}

    return {fold: [dict(e, features=keep(e["features"])) for e in ex] for fold, ex in examples.items()}


GROUPS = ("rules", "pipeline", "words")


def with_polarity(examples: dict[str, list[dict]], l2: float = 0.003) -> dict[str, list[dict]]:
    """*examples* plus four features from a clause-polarity model learned on ToS;DR's rated quotes
    alone (worse / better / neutral, fixed L2, never trained on a fold): P(worse) and P(better) of
    the added wording and of the removed wording, each read as one bag of unigrams and bigrams."""
    polarity = train(tosdr_examples(), l2)

    def extra(features):
        out = {}
        for sign, side in (("+", "added"), ("-", "removed")):
            bag = _unit({f"+{f[1:]}": 1.0 for f in features if f[0] == sign})
            if not bag:
                continue
            p = probabilities(polarity, {"<bias>": 1.0, **bag})
            for name in ("worse", "better"):
                out[f"pol_{side}_{name}"] = p[CLASSES.index(name)]
        return out

    return {
        fold: [
            dict(e, features=None if e["features"] is None else {**e["features"], **extra(e["features"])})
            for e in ex
        ]
        for fold, ex in examples.items()
    }


def run(
    tosdr: float = 0.0,
    golden: float = 0.0,
    show_rows: bool = False,
    cache: Path | None = None,
    groups: tuple[str, ...] = GROUPS,
) -> dict:
    examples = all_examples(cache)
    if "polarity" in groups:
        examples = with_polarity(examples)
    examples = only(examples, set(groups))
    extra: list[dict] = []
    if tosdr:
        extra += [dict(e, weight=tosdr) for e in tosdr_examples()]
    if golden:
        gold_cache = cache.with_suffix(".golden.json") if cache is not None else None
        if gold_cache is not None and gold_cache.exists():
            cases = json.loads(gold_cache.read_text(encoding="utf-8"))
        else:
            cases = golden_examples()
            if gold_cache is not None:
                gold_cache.write_text(json.dumps(cases), encoding="utf-8")
        keep = set(groups)
        extra += [
            dict(
                e,
                weight=golden,
                features={f: v for f, v in e["features"].items() if f == "<bias>" or _group(f) in keep},
            )
            for e in cases
        ]
    report: dict = {}
    for held in FOLDS:
        train_folds = {f: ex for f, ex in examples.items() if f != held}
        l2, thresholds = choose(train_folds, extra)
        weights = train([e for ex in train_folds.values() for e in _trainable(ex)] + extra, l2)
        test = _material(examples[held])
        rows = [
            (e["label"], e["rules"], guess, prob)
            for e, (guess, prob) in zip(test, _predict_all(weights, test))
        ]
        seen = Counter(e["label"] for ex in train_folds.values() for e in _material(ex))
        majority = seen.most_common(1)[0][0]
        report[held] = {
            "label_mix": dict(Counter(e["label"] for e in test).most_common()),
            "l2": l2,
            "thresholds": thresholds,
            "majority": majority,
            "rows": [[e["pair"], *row] for e, row in zip(test, rows)],
            "variants": {
                v: fold_scores(rows, v, thresholds.get(v, 0.0), majority) for v in (BASELINE, *VARIANTS)
            },
        }
        if show_rows:
            for e, (label, rules, guess, prob) in zip(test, rows):
                said = decide("learned", rules, guess, prob, thresholds["learned"])
                print(
                    f"{held:8} {e['pair'][:60]:60} label={label:8} rules={rules!s:8} "
                    f"learned={guess!s:8} p={prob:.2f} -> {said}"
                )
    return report


#: The configurations tried in round 6 (docs/records.md), in the order they were tried:
#: (name, feature groups, ToS;DR weight, golden weight, balanced).
SWEEP = (
    ("all features", GROUPS, 0.0, 0.0, False),
    ("no wording", ("rules", "pipeline"), 0.0, 0.0, False),
    ("wording only", ("words",), 0.0, 0.0, False),
    ("rules + wording", ("rules", "words"), 0.0, 0.0, False),
    ("all + ToS;DR quotes (0.2)", GROUPS, 0.2, 0.0, False),
    ("all + golden cases", GROUPS, 0.0, 1.0, False),
    ("all, balanced labels", GROUPS, 0.0, 0.0, True),
    ("all + ToS;DR polarity", (*GROUPS, "polarity"), 0.0, 0.0, False),
    ("no wording + ToS;DR polarity", ("rules", "pipeline", "polarity"), 0.0, 0.0, False),
)


def meets_bar(report: dict, variant: str) -> bool:
    """The adoption bar: more accurate than the rules on at least three of the four held-out folds,
    and a wrong-claim rate no higher than the rules' on any."""
    better = sum(r["variants"][variant]["right"] > r["variants"]["rules"]["right"] for r in report.values())
    safe = all(
        r["variants"][variant]["wrong_claim_rate"] <= r["variants"]["rules"]["wrong_claim_rate"] + 1e-9
        for r in report.values()
    )
    return better >= 3 and safe


def sweep(cache: Path | None = None) -> int:
    """Every configuration of :data:`SWEEP`: accuracy / wrong-claim rate per held-out fold and variant,
    and whether the variant meets the adoption bar."""
    global BALANCED
    print(f"{'configuration':<30}{'variant':<10}" + "".join(f"{f:>13}" for f in FOLDS) + "   bar")
    for name, groups, tosdr, golden, balanced in SWEEP:
        BALANCED = balanced
        report = run(tosdr, golden, False, cache, groups)
        shown = (*VARIANTS, BASELINE) if name == SWEEP[0][0] else VARIANTS[1:]
        for v in shown:
            cells = "".join(
                f"{r['variants'][v]['accuracy']:>7.2f} /{r['variants'][v]['wrong_claim_rate']:.2f}"
                for r in report.values()
            )
            bar = "-" if v in ("rules", BASELINE) else ("meets" if meets_bar(report, v) else "no")
            print(f"{name:<30}{v:<10}{cells}   {bar}", flush=True)
    BALANCED = False
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tosdr", type=float, default=0.0, help="weight of ToS;DR's rated quotes (0: left out)")
    ap.add_argument("--golden", type=float, default=0.0, help="weight of the golden cases (0: left out)")
    ap.add_argument("--rows", action="store_true", help="print each held-out pair's row")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--cache", type=Path, help="keep the folds' features in this file (for repeated runs)")
    ap.add_argument(
        "--groups", default=",".join(GROUPS), help="feature groups used (rules, pipeline, words, polarity)"
    )
    ap.add_argument("--balanced", action="store_true", help="weigh training pairs by 1 / their label's share")
    ap.add_argument("--sweep", action="store_true", help="every configuration tried in round 6, one table")
    args = ap.parse_args(argv)
    if args.sweep:
        return sweep(args.cache)
    global BALANCED
    BALANCED = args.balanced
    report = run(args.tosdr, args.golden, args.rows, args.cache, tuple(args.groups.split(",")))
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(
        f"{'held-out fold':<10}{'variant':<10}{'accuracy':>9}{'wrong':>7}{'claims':>7}{'abst.':>6}"
        f"{'thr':>6}  label mix / l2"
    )
    for fold, r in report.items():
        for v in (*VARIANTS, BASELINE):
            s = r["variants"][v]
            thr = r["thresholds"].get(v)
            print(
                f"{fold:<10}{v:<10}{s['accuracy']:>9.2f}{s['wrong_claim_rate']:>7.2f}{s['claims']:>7}"
                f"{s['abstained']:>6}{(f'{thr:.2f}' if thr else '-'):>6}"
                + (f"  {r['label_mix']} l2={r['l2']}" if v == "rules" else "")
                + (f"  ({r['majority']})" if v == BASELINE else "")
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
