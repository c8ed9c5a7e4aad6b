"""When should a record abstain? Every record-level direction claim on the five open folds, its
evidence, and whether it was right (issue 12, round 7: "abstain rather than mislead").

    python bench/claim_calibration.py [--cache FILE] [--rows] [--set dev|heldout|fresh|fresh2|fresh3]

For every labelled pair of the open folds (never the blind ``fresh6`` set) whose label says
material and whose record claims a direction (worse, better, mixed, neutral; ``unclear`` is an
abstention), the script collects the evidence the rules analyzer decided on:

- what decided: clause cues (``cues``), the rubric's confident claims when the cues weigh under
  one sentence (``fallback``), the list items that came or went (``list``), or a names-only /
  citations-only / contact / disclosure record (``neutral``);
- the weights of ``record_balance`` (worse / better) and their ratio (winner over loser);
- full-weight cues on each side, and how many kinds of cue the winning side has;
- confident material rubric claims up / down, number of changes and of material ones;
- the document's reader view (consumer / business / data).

It prints a table of each feature against right / wrong claims (``--rows`` prints every claim),
then evaluates simple abstention rules **leave-one-fold-out**: each rule family's threshold is
chosen on four folds (maximising wrong claims removed minus right claims lost; "no rule" is a
choice worth 0) and reported on the fifth. The keep criterion of the round-7 brief: leave-one-
fold-out, the wrong-claim rate falls on at least three folds and direction accuracy falls on none
by more than one pair. Deterministic; no dependency beyond the project's.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from labelled_sets import OPEN_SETS, labelled_pairs  # noqa: E402  (bench/, beside this script)

import summarizer.analyzers.rules.analyzer as rules_analyzer  # noqa: E402
from summarizer.api import compare_files  # noqa: E402
from summarizer.rubric.clauses import cue_weight  # noqa: E402

FOLDS = {k: OPEN_SETS[k] for k in ("dev", "heldout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5")}


def _pairs(name: str) -> list[tuple[str, Path, dict]]:
    return labelled_pairs(name, FOLDS)


class _Spy:
    """Keeps what the analyzer's last material record decided on."""

    def __init__(self) -> None:
        self.balance = rules_analyzer.record_balance
        self.listdir = rules_analyzer._list_direction
        self.reset()

    def reset(self) -> None:
        self.last: dict | None = None
        self.list_fired = False

    def record_balance(self, changes, cues=None, rubric_weight=0.0, rubric_fallback=True, names_only=False):
        out = self.balance(changes, cues, rubric_weight, rubric_fallback, names_only)
        self.last = {
            "changes": changes,
            "cues": list(cues or []),
            "out": out,
            "fallback_allowed": rubric_fallback,
            "names_only": names_only,
        }
        return out

    def list_direction(self, provisions, changes):
        out = self.listdir(provisions, changes)
        self.list_fired = out is not None
        return out


def _features(record, spy: _Spy) -> dict:
    last = spy.last or {}
    cues = last.get("cues", [])
    changes = last.get("changes", list(record.changes))
    direction, worse, better = last.get("out", ("unclear", 0.0, 0.0))
    full = [c for c in cues if cue_weight(c) >= 1.0]
    cue_w = sum(cue_weight(c) for c in cues) if any(cue_weight(c) >= 1.0 for c in cues) else 0.0
    if direction == "unclear" and spy.list_fired:
        decided = "list"
    elif last.get("names_only") and direction == "neutral" and not worse and not better:
        decided = "neutral"
    elif cue_w >= rules_analyzer.MIN_CUE_WEIGHT:
        decided = "cues"
    elif direction != "unclear":
        decided = "fallback"
    else:
        decided = "none"
    claims = [c for c in changes if rules_analyzer._confident_claim(c)]
    hi, lo = max(worse, better), min(worse, better)
    win_sign = 1 if worse >= better else -1
    view = "consumer" if last.get("fallback_allowed", True) else "business/data"
    return {
        "decided": decided,
        "worse_w": round(worse, 3),
        "better_w": round(better, 3),
        "ratio": round(hi / lo, 3) if lo else None,
        "full_worse": sum(c.polarity > 0 for c in full),
        "full_better": sum(c.polarity < 0 for c in full),
        "win_kinds": len({c.kind for c in full if c.polarity == win_sign}),
        "claims_up": sum(c.direction == "up" for c in claims),
        "claims_down": sum(c.direction == "down" for c in claims),
        "changes": len(record.changes),
        "material_changes": sum(1 for c in record.changes if c.direction != "same"),  # not restatements
        "view": view,
        "unclear_changes": sum(1 for c in record.changes if c.direction == "unclear"),
    }


def collect(folds: list[str]) -> list[dict]:
    """One row per labelled pair of *folds*: label, the record's direction and its evidence."""
    from bench.heldout_accuracy import record_direction

    spy = _Spy()
    rules_analyzer.record_balance = spy.record_balance  # type: ignore[assignment]
    rules_analyzer._list_direction = spy.list_direction  # type: ignore[assignment]
    rows = []
    try:
        for fold in folds:
            for pair, folder, lab in _pairs(fold):
                spy.reset()
                record = compare_files(folder / "old.md", folder / "new.md")
                row = {
                    "fold": fold,
                    "pair": pair,
                    "label_material": bool(lab.get("material")),
                    "label_direction": lab.get("direction"),
                    "material": record.material,
                    "direction": record_direction(record),
                }
                if record.material:
                    row.update(_features(record, spy))
                rows.append(row)
    finally:
        rules_analyzer.record_balance = spy.balance
        rules_analyzer._list_direction = spy.listdir
    return rows


# --- scoring -----------------------------------------------------------------------------------


def claims(rows: list[dict]) -> list[dict]:
    """Claims on pairs labelled material: a direction other than unclear."""
    return [r for r in rows if r["label_material"] and r["direction"] not in (None, "unclear")]


def fold_score(rows: list[dict], abstain: Callable[[dict], bool] | None = None) -> dict:
    """Direction accuracy (over pairs labelled material), wrong-claim rate, claims, right, wrong."""
    mat = [r for r in rows if r["label_material"]]
    right = wrong = n_claims = 0
    for r in mat:
        d = r["direction"]
        if d in (None, "unclear") or (abstain is not None and abstain(r)):
            continue
        n_claims += 1
        if d == r["label_direction"]:
            right += 1
        else:
            wrong += 1
    return {
        "pairs": len(mat),
        "claims": n_claims,
        "right": right,
        "wrong": wrong,
        "accuracy": right / len(mat) if mat else 0.0,
        "wrong_rate": wrong / n_claims if n_claims else 0.0,
    }


def _ratio(r: dict) -> float:
    return r["ratio"] if r.get("ratio") is not None else 99.0


#: Rule families: name -> (thresholds, rule(threshold) -> abstain(row)). Each states one general
#: reading of "weak or conflicting evidence"; threshold None means no rule.
FAMILIES: dict[str, tuple[list, Callable]] = {
    "fallback claim (no clause cue) with rubric weight < t": (
        [1, 2, 3, 4, 6, 99],
        lambda t: lambda r: r.get("decided") == "fallback" and max(r["worse_w"], r["better_w"]) < t,
    ),
    "worse/better by cues with winner/loser ratio < t": (
        [2, 2.5, 3, 4],
        lambda t: (
            lambda r: r.get("decided") == "cues" and r["direction"] in ("worse", "better") and _ratio(r) < t
        ),
    ),
    "worse/better resting on <= t full-weight cues of the winning side": (
        [0, 1, 2],
        lambda t: (
            lambda r: (
                r.get("decided") in ("cues", "fallback")
                and r["direction"] in ("worse", "better")
                and (r["full_worse"] if r["direction"] == "worse" else r["full_better"]) <= t
            )
        ),
    ),
    "worse/better with a single cue kind on the winning side and <= t material changes": (
        [1, 2, 3, 5],
        lambda t: (
            lambda r: (
                r.get("decided") == "cues"
                and r["direction"] in ("worse", "better")
                and r["win_kinds"] <= 1
                and r["material_changes"] <= t
            )
        ),
    ),
    "mixed with winner/loser ratio >= t (near one-sided)": (
        [1.2, 1.3, 1.4],
        lambda t: lambda r: r["direction"] == "mixed" and _ratio(r) < 99 and _ratio(r) >= t,
    ),
    "claim in the business/data view with rubric-free evidence < t cues": (
        [1, 2, 3],
        lambda t: (
            lambda r: (
                r.get("view") == "business/data"
                and r["direction"] in ("worse", "better", "mixed")
                and r["full_worse"] + r["full_better"] < t
            )
        ),
    ),
    "list-item claim (no clause cue)": ([0], lambda t: lambda r: r.get("decided") == "list"),
    "mixed by cues or rubric claims with <= t full-weight cues on each side (thin conflict)": (
        [0, 1, 2],
        lambda t: (
            lambda r: (
                r["direction"] == "mixed"
                and r.get("decided") in ("cues", "fallback")
                and max(r["full_worse"], r["full_better"]) <= t
            )
        ),
    ),
    "mixed with a side resting on no full-weight cue": (
        [0],
        lambda t: (
            lambda r: (
                r["direction"] == "mixed"
                and r.get("decided") in ("cues", "fallback")
                and min(r["full_worse"], r["full_better"]) == 0
            )
        ),
    ),
    "claim with >= t changes the rubric left unclear": (
        [1, 2, 3, 5],
        lambda t: (
            lambda r: r["direction"] in ("worse", "better", "mixed") and r.get("unclear_changes", 0) >= t
        ),
    ),
}


def _gain(rows: list[dict], abstain: Callable[[dict], bool], cost: float = 1.0) -> float:
    """Wrong claims removed minus *cost* times the right claims lost."""
    g = 0.0
    for r in claims(rows):
        if abstain(r):
            g += 1.0 if r["direction"] != r["label_direction"] else -cost
    return g


def lofo(rows: list[dict], family: str, cost: float = 1.0) -> list[tuple[str, object, dict, dict, list]]:
    """Per held-out fold: the threshold chosen on the other four, base and after scores, moved pairs."""
    thresholds, make = FAMILIES[family]
    folds = list(dict.fromkeys(r["fold"] for r in rows))
    out = []
    for fold in folds:
        train = [r for r in rows if r["fold"] != fold]
        test = [r for r in rows if r["fold"] == fold]
        best, best_gain = None, 0.0
        for t in thresholds:
            g = _gain(train, make(t), cost)
            if g > best_gain:
                best, best_gain = t, g
        rule = make(best) if best is not None else None
        moved = [
            f"{r['pair']} ({r['direction']}, label {r['label_direction']})"
            for r in claims(test)
            if rule is not None and rule(r)
        ]
        out.append((fold, best, fold_score(test), fold_score(test, rule), moved))
    return out


def feature_table(rows: list[dict]) -> list[str]:
    """Right / wrong claims by each feature's value, all folds together."""
    cl = claims(rows)
    lines = []

    def tab(title: str, key: Callable[[dict], object]) -> None:
        tally: dict[object, Counter] = {}
        for r in cl:
            tally.setdefault(key(r), Counter())[
                "right" if r["direction"] == r["label_direction"] else "wrong"
            ] += 1
        lines.append(f"\n{title}")
        for k in sorted(tally, key=str):
            t = tally[k]
            n = t["right"] + t["wrong"]
            lines.append(
                f"  {str(k):28} right {t['right']:3}  wrong {t['wrong']:3}  wrong rate {t['wrong'] / n:.2f}"
            )

    def bucket(x: float, edges: list[float]) -> str:
        for i, e in enumerate(edges):
            if x < e:
                return f"{i}: < {e}"
        return f"{len(edges)}: >= {edges[-1]}"

    tab("claimed direction", lambda r: r["direction"])
    tab("what decided", lambda r: r.get("decided"))
    tab("claim x decided", lambda r: f"{r['direction']}/{r.get('decided')}")
    tab("reader view", lambda r: r.get("view"))
    tab("winner/loser weight ratio (one-sided = inf)", lambda r: bucket(_ratio(r), [1.5, 2, 3, 5, 99]))
    tab(
        "full-weight cues on the winning side",
        lambda r: bucket(
            r["full_worse"] if r["worse_w"] >= r["better_w"] else r["full_better"], [1, 2, 3, 5]
        ),
    )
    tab(
        "full-weight cues on the losing side",
        lambda r: bucket(min(r["full_worse"], r["full_better"]), [1, 2, 4]),
    )
    tab("cue kinds on the winning side", lambda r: bucket(r["win_kinds"], [1, 2, 3]))
    tab("material changes", lambda r: bucket(r["material_changes"], [2, 3, 6, 10, 20]))
    tab("changes the rubric left unclear", lambda r: bucket(r.get("unclear_changes", 0), [1, 2, 4]))
    tab("label (of the claims)", lambda r: r["label_direction"])
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", choices=list(FOLDS), default=[])
    ap.add_argument("--cache", type=Path, help="JSON file keeping the collected rows between runs")
    ap.add_argument("--rows", action="store_true", help="print every claim with its evidence")
    ap.add_argument(
        "--cost",
        type=float,
        action="append",
        default=[],
        help="cost of a right claim lost, against 1 for a wrong claim removed, when a threshold is chosen "
        "(repeatable; default 1 and 0.5)",
    )
    args = ap.parse_args(argv)
    folds = args.set or list(FOLDS)
    if args.cache and args.cache.exists():
        rows = [r for r in json.loads(args.cache.read_text(encoding="utf-8")) if r["fold"] in folds]
    else:
        rows = collect(folds)
        if args.cache:
            args.cache.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    if args.rows:
        for r in claims(rows):
            mark = "ok   " if r["direction"] == r["label_direction"] else "WRONG"
            print(
                f"{mark} {r['fold']:7} {r['pair'][:60]:60} {r['direction']:7} label {r['label_direction']:7} "
                f"{r['decided']:8} w={r['worse_w']:.1f} b={r['better_w']:.1f} cues {r['full_worse']}/"
                f"{r['full_better']} kinds {r['win_kinds']} claims {r['claims_up']}/{r['claims_down']} "
                f"mat {r['material_changes']} unclear {r['unclear_changes']} {r['view']}"
            )
    print("Per fold (rules as shipped): accuracy / wrong-claim rate (claims, right, wrong)")
    for fold in folds:
        s = fold_score([r for r in rows if r["fold"] == fold])
        print(
            f"  {fold:8} {s['accuracy']:.2f} / {s['wrong_rate']:.2f} "
            f"({s['claims']} claims of {s['pairs']}, right {s['right']}, wrong {s['wrong']})"
        )
    print("\n".join(feature_table(rows)))
    for cost in args.cost or [1.0, 0.5]:
        _report_lofo(rows, cost)
    return 0


def _report_lofo(rows: list[dict], cost: float) -> None:
    print(
        f"\nLeave-one-fold-out: threshold chosen on four folds (a right claim lost costs {cost} of a wrong "
        "claim removed), figures on the fifth"
    )
    for family in FAMILIES:
        print(f"\n{family}")
        lower_wrong = worst_loss = 0
        for fold, t, base, after, moved in lofo(rows, family, cost):
            lower_wrong += after["wrong_rate"] < base["wrong_rate"] - 1e-9
            worst_loss = max(worst_loss, base["right"] - after["right"])
            print(
                f"  {fold:8} t={t!s:5} acc {base['accuracy']:.2f} -> {after['accuracy']:.2f}  "
                f"wrong {base['wrong_rate']:.2f} -> {after['wrong_rate']:.2f}  "
                f"abstains on: {'; '.join(moved) or '-'}"
            )
        keep = lower_wrong >= 3 and worst_loss <= 1
        print(
            f"  wrong rate lower on {lower_wrong} folds, most right claims lost on a fold {worst_loss}: "
            f"{'KEEP' if keep else 'not kept'}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
