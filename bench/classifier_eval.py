"""Accuracy and speed of the taxonomy classifier on the ToS;DR development set.

    python bench/classifier_eval.py [--split dev|test|all] [--errors N] [--repeat R] [--no-cv]

Prints micro- and macro-F1 and per-category precision/recall/F1/support of the classifier (lexicon +
learned weights, the default) for the chosen split (all three by default), with the lexicon-only
rule (``explain_lexicon``) and two naive peers scored on the same passages. Then cross-validation by
service on ``dev``: leave one service out, learn the weights on the others
(``evals/tosdr/learn_weights.py``), classify the left-out service's passages; the pooled figures are
printed next to the lexicon-only rule on the same passages. Last, throughput in passages per second
against the peers measured in the same run: a plain keyword ``in`` scan and a single combined regular
expression.

The set is ``evals/tosdr/devset.jsonl`` (ToS;DR quotes, CC BY-SA; see evals/tosdr/README.md). The
``test`` split holds services that were never looked at while the lexicons were written and never
used to learn the weights.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "evals" / "tosdr"))

import learn_weights  # noqa: E402

from summarizer.model.taxonomy import CATEGORY_IDS
from summarizer.rubric.classifier import (
    classify,
    classify_many,
    explain_lexicon,
    explain_with,
    weights_from_json,
)

DEVSET = ROOT / "evals" / "tosdr" / "devset.jsonl"


def lexicon_only(text: str) -> list[str]:
    """The hand-set rule without the learned weights (the classifier before they were added)."""
    return [hit.category for hit in explain_lexicon(text)]


# Peers: one short keyword list per category (what a first attempt would write).
PEER_KEYWORDS: dict[str, tuple[str, ...]] = {
    "data_collection": ("collect", "ip address", "device information"),
    "data_use_purpose": ("purposes", "how we use", "personalize"),
    "third_party_sharing": ("third part", "share", "disclose", "service providers"),
    "sale_targeted_ads": ("sell", "advertis", "targeted"),
    "tracking_tech": ("cookie", "pixel", "beacon", "do not track"),
    "sensitive_data": ("biometric", "health", "precise location", "gps"),
    "choice_consent": ("opt out", "opt-out", "consent", "unsubscribe"),
    "user_rights": ("access", "correct", "portability", "your rights"),
    "data_retention": ("retain", "retention", "as long as"),
    "security_breach": ("security", "encrypt", "breach"),
    "international_transfer": ("other countries", "transfer", "outside"),
    "children_audiences": ("children", "under the age", "years old"),
    "government_requests": ("law enforcement", "government", "subpoena"),
    "policy_change_notice": ("changes to", "amend", "modify these terms"),
    "content_license_ip": ("license", "copyright", "intellectual property"),
    "account_termination": ("terminat", "suspend", "discontinue"),
    "dispute_resolution": ("arbitration", "class action", "governed by", "courts"),
    "liability_warranty_payment": ("liab", "warrant", "indemnif", "as is", "refund"),
    "contact_generic": ("contact us", "last updated", "means"),
}


def keyword_in_scan(text: str) -> list[str]:
    lowered = text.lower()
    found = [
        c for c, words in PEER_KEYWORDS.items() if c != "contact_generic" and any(w in lowered for w in words)
    ]
    return found or ["contact_generic"]


_GROUPS = {f"c{i}": c for i, c in enumerate(PEER_KEYWORDS)}
_COMBINED = re.compile(
    "|".join(
        f"(?P<c{i}>{'|'.join(re.escape(w) for w in words)})" for i, words in enumerate(PEER_KEYWORDS.values())
    ),
    re.I,
)


def combined_regex(text: str) -> list[str]:
    found = dict.fromkeys(_GROUPS[m.lastgroup] for m in _COMBINED.finditer(text) if m.lastgroup)
    found.pop("contact_generic", None)
    return list(found) or ["contact_generic"]


def load(split: str) -> list[dict]:
    rows = [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows if split == "all" else [r for r in rows if r["split"] == split]


def scores(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict:
    """Micro/macro precision, recall and F1 plus per-category counts for multi-label predictions."""
    per = {c: {"tp": 0, "fp": 0, "fn": 0} for c in CATEGORY_IDS}
    exact = top1 = 0
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(g), set(p)
        exact += gs == ps
        top1 += bool(p) and p[0] in gs
        for c in gs & ps:
            per[c]["tp"] += 1
        for c in ps - gs:
            per[c]["fp"] += 1
        for c in gs - ps:
            per[c]["fn"] += 1
    tp = sum(v["tp"] for v in per.values())
    fp = sum(v["fp"] for v in per.values())
    fn = sum(v["fn"] for v in per.values())

    def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    rows = {}
    for c, v in per.items():
        p, r, f = prf(v["tp"], v["fp"], v["fn"])
        rows[c] = {
            "precision": p,
            "recall": r,
            "f1": f,
            "support": v["tp"] + v["fn"],
            "predicted": v["tp"] + v["fp"],
        }
    micro = prf(tp, fp, fn)
    supported = [rows[c]["f1"] for c in CATEGORY_IDS if rows[c]["support"]]
    return {
        "micro": micro,
        "macro_f1": sum(supported) / len(supported),
        "per": rows,
        "exact": exact / len(gold),
        "top1": top1 / len(gold),
        "n": len(gold),
    }


def report(name: str, result: dict) -> None:
    p, r, f = result["micro"]
    print(f"\n== {name}: {result['n']} passages")
    print(
        f"micro  P={p:.3f} R={r:.3f} F1={f:.3f}   macro-F1={result['macro_f1']:.3f}   "
        f"exact-set={result['exact']:.3f}   top-1-correct={result['top1']:.3f}"
    )
    print(f"{'category':<28}{'P':>7}{'R':>7}{'F1':>7}{'support':>9}{'predicted':>11}")
    for c in CATEGORY_IDS:
        row = result["per"][c]
        print(
            f"{c:<28}{row['precision']:>7.3f}{row['recall']:>7.3f}{row['f1']:>7.3f}{row['support']:>9}{row['predicted']:>11}"
        )


def throughput(fn: Callable[[str], list[str]], texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            fn(text)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def cross_validate() -> tuple[dict, dict, int]:
    """Leave one service out on ``dev``: learn on the other services, classify the left-out one.

    A passage quoted by several services belongs to the fold of its lowest service id (it is one
    passage, so it is never on both sides). Returns the pooled scores of the learned classifier and
    of the lexicon-only rule on the same passages, and the number of folds.
    """
    rows = learn_weights.load("dev")
    examples = learn_weights.encode(rows)
    folds = sorted({min(r["service_ids"]) for r in rows})
    gold, learned, lexicon = [], [], []
    for service in folds:
        train = [e for e, r in zip(examples, rows) if min(r["service_ids"]) != service]
        weights = weights_from_json(learn_weights.train(train))
        for r in rows:
            if min(r["service_ids"]) == service:
                gold.append(r["expected"])
                learned.append([h.category for h in explain_with(r["text"], weights)])
                lexicon.append(lexicon_only(r["text"]))
    return scores(gold, learned), scores(gold, lexicon), len(folds)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "test", "all"), default=None, help="one split only")
    ap.add_argument("--errors", type=int, default=0, help="print the first N misclassified passages")
    ap.add_argument("--repeat", type=int, default=5, help="timing repeats (best of)")
    ap.add_argument("--peers", action="store_true", help="also print the lexicon-only and peers' tables")
    ap.add_argument("--no-cv", action="store_true", help="skip the cross-validation by service")
    args = ap.parse_args(argv)

    splits = [args.split] if args.split else ["dev", "test", "all"]
    for split in splits:
        rows = load(split)
        gold = [r["expected"] for r in rows]
        pred = classify_many(r["text"] for r in rows)
        report(f"classifier, split={split}", scores(gold, pred))
        if args.peers:
            report(f"lexicon only, split={split}", scores(gold, [lexicon_only(r["text"]) for r in rows]))
            report(
                f"peer keyword-in scan, split={split}",
                scores(gold, [keyword_in_scan(r["text"]) for r in rows]),
            )
        for peer_name, peer in (
            ("lexicon only", lexicon_only),
            ("keyword-in scan", keyword_in_scan),
            ("combined regex", combined_regex),
        ):
            result = scores(gold, [peer(r_["text"]) for r_ in rows])
            p, r, f = result["micro"]
            print(
                f"   {peer_name:<20} micro P={p:.3f} R={r:.3f} F1={f:.3f}   macro-F1={result['macro_f1']:.3f}"
            )
        if args.errors:
            shown = 0
            for row, p in zip(rows, pred):
                if set(p) != set(row["expected"]) and shown < args.errors:
                    shown += 1
                    print(f"- {row['id']} expected={row['expected']} got={p}\n    {row['text'][:300]}")

    if not args.no_cv:
        learned, lexicon, k = cross_validate()
        report(
            f"cross-validation by service on dev: {k} folds (leave one service out), learned weights", learned
        )
        p, r, f = lexicon["micro"]
        print(
            f"   {'lexicon only':<20} micro P={p:.3f} R={r:.3f} F1={f:.3f}   macro-F1={lexicon['macro_f1']:.3f}"
            "   (same passages; its hand weights were set on all of dev)"
        )

    texts = [r["text"] for r in load("all")]
    words = sum(len(t.split()) for t in texts)
    classify(texts[0])  # build the lexicon index once, outside the timing
    ours = throughput(classify, texts, args.repeat)
    lex = throughput(lexicon_only, texts, args.repeat)
    kw = throughput(keyword_in_scan, texts, args.repeat)
    rx = throughput(combined_regex, texts, args.repeat)
    print(
        f"\n== throughput on {len(texts)} passages ({words / len(texts):.0f} words on average), best of {args.repeat}"
    )
    print(f"classifier        {ours:>10,.0f} passages/s")
    print(f"lexicon only      {lex:>10,.0f} passages/s   (classifier = {ours / lex:.2f}x)")
    print(f"keyword-in scan   {kw:>10,.0f} passages/s   (classifier = {ours / kw:.2f}x)")
    print(f"combined regex    {rx:>10,.0f} passages/s   (classifier = {ours / rx:.2f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
