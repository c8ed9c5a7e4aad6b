"""Which direction rules carry to documents they were not written on? Per rule family, per fold:
how often it fires with the label or against it, and which records it decides (issue 12, round 9).

    python bench/direction_rule_audit.py [--set dev ...] [--rows FAMILY] [--cache FILE] [--json]

For every labelled pair of the seven open folds (dev, heldout, fresh, fresh2, fresh3, fresh4,
fresh5; never the blind ``fresh6``) the script keeps what the rules analyzer decided a record's
direction on (the inputs of ``record_balance``, the list items of the material provisions and the
``one_sided_mixed`` abstention), then reads each **rule family** two ways:

- **firings**: on each pair where the family took part, the sign of its evidence (worse for the
  reader, better, or both) against the label: ``right`` (worse on a pair labelled worse, better on
  one labelled better), ``mix`` (either sign on a pair labelled mixed: one side of it), ``wrong``
  (the other sign, or any sign on a pair labelled neutral), ``cosm`` (the pair is labelled not
  material);
- **decisions** (leave-the-family-out): the record's direction is decided again without the
  family (its cues dropped, the rubric claims unweighted, the list frame unread, the abstention
  not taken); where that changes the record, the family **gains** a pair (right with it, not
  without), **loses** one (right without it, not with it), or turns one wrong claim into another
  or into an abstention. ``dwrong`` is the change in wrong claims the family makes (+ = it adds
  wrong claims).

Families: each clause-cue kind of :mod:`summarizer.rubric.clauses` on each side (``cue:reader_duty
+added`` ...; a removed burden weighs a quarter), the rubric's confident claims weighed beside cues
(``rubric:weighed``) or alone when cues weigh under one sentence (``rubric:fallback``), each list
frame of :mod:`summarizer.analyzers.rules.list_items` where the record would otherwise abstain
(``list:bans`` ...), the ``mixed`` record that abstains when one side has no full-weight
sentence (``abstain:one_sided_mixed``), and the claim withheld when removed burdens outweigh its
sentences (``abstain:removed_burdens``, round 9). ``ORIGINS`` says in which round each was written and which
folds were open then: a family that is right on those folds and wrong as often as right on the
folds opened later is what makes blind sets fall.

Deterministic; no dependency beyond the project's; ``--cache`` pickles the collected inputs.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from labelled_sets import OPEN_SETS, labelled_pairs  # noqa: E402  (bench/, beside this script)

import summarizer.analyzers.rules.analyzer as rules_analyzer  # noqa: E402
from summarizer.analyzers.rules.calibration import one_sided_mixed  # noqa: E402
from summarizer.analyzers.rules.list_items import list_direction  # noqa: E402
from summarizer.analyzers.rules.opt_out_controls import added_control  # noqa: E402
from summarizer.analyzers.rules.removed_burdens import withheld  # noqa: E402
from summarizer.api import compare_files  # noqa: E402
from summarizer.rubric.clauses import cue_weight  # noqa: E402

FOLD_NAMES = ("dev", "heldout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5")
#: The round in which each fold was opened for tuning (dev always was).
OPENED = {"dev": 0, "heldout": 4, "fresh": 5, "fresh2": 6, "fresh3": 7, "fresh4": 8, "fresh5": 9}

#: family (or family prefix) -> (round written, helper / commit): the folds open then are those
#: with OPENED <= round. From `git log -S` on the kind's name and docs/records.md.
ORIGINS: dict[str, tuple[int, str]] = {
    "cue:protection": (3, "direction3 ea2bf80"),
    "cue:disclaimer": (3, "direction3 ea2bf80"),
    "cue:indemnity": (3, "direction3 ea2bf80"),
    "cue:licence": (3, "direction3 ea2bf80"),
    "cue:reader_right": (3, "direction3 ea2bf80"),
    "cue:end_user_right": (3, "direction3 ea2bf80"),
    "cue:commitment": (3, "direction3 ea2bf80"),
    "cue:reader_duty": (3, "direction3 ea2bf80"),
    "cue:company_right": (3, "direction3 ea2bf80"),
    "cue:penalty": (3, "direction3 ea2bf80"),
    "cue:condition": (3, "direction3 ea2bf80"),
    "cue:reader_permission": (3, "direction3 ea2bf80"),
    "cue:rule": (3, "direction3 ea2bf80"),
    "cue:automation": (3, "direction3 d4e8ec7"),
    "cue:widened": (3, "direction3 d4e8ec7; dir8 604c0d3 narrowed the word-only reading"),
    "cue:narrowed": (3, "direction3 d4e8ec7"),
    "cue:basis_": (4, "direction (round 4) dab2b3b"),
    "cue:ai_training": (3, "records 890b4d4"),
    "cue:lost_option": (3, "records 890b4d4"),
    "cue:training_default": (7, "ai7 2b5fbf7"),
    "cue:charge": (5, "dir5 4f7ccff"),
    "rubric:weighed": (3, "direction3 ea2bf80"),
    "rubric:fallback": (3, "direction3 e9e2b66"),
    "cues:removed burden": (3, "direction3 ea2bf80 (REMOVED_BURDEN_WEIGHT)"),
    "list:": (6, "lists6 d5bb667; cues8 list_frames (round 8)"),
    "abstain:one_sided_mixed": (7, "abstain7 1952441"),
    "abstain:removed_burdens": (9, "dir9 removed_burdens.withheld"),
    "cues:opt-out added": (9, "dir9b opt_out_controls (weighs nothing in the balance)"),
}


def origin(family: str) -> tuple[int, str]:
    for prefix, value in ORIGINS.items():
        if family.startswith(prefix):
            return value
    return (0, "?")


def open_when_written(family: str) -> list[str]:
    written = origin(family)[0]
    return [f for f in FOLD_NAMES if OPENED[f] <= written]


# --- collection ---------------------------------------------------------------------------------


class _Spy:
    """Keeps the inputs the analyzer's last record decided its direction on."""

    def __init__(self) -> None:
        self.orig_balance = rules_analyzer.record_balance
        self.orig_cues = rules_analyzer.provision_cues
        self.orig_doubt = rules_analyzer.one_sided_mixed
        self.last: dict = {}

    def record_balance(self, changes, cues=None, rubric_weight=0.0, rubric_fallback=True, names_only=False):
        self.last.update(
            changes=list(changes),
            cues=list(cues or []),
            rubric_weight=rubric_weight,
            rubric_fallback=rubric_fallback,
            names_only=names_only,
        )
        return self.orig_balance(changes, cues, rubric_weight, rubric_fallback, names_only)

    def provision_cues(self, provisions, views, diff):
        self.last["items"] = [i for p in provisions if rules_analyzer.is_material(p) for i in p.list_items]
        return self.orig_cues(provisions, views, diff)

    def one_sided_mixed(self, direction, cues, changes, weighed):
        self.last["all_changes"] = list(changes)
        return self.orig_doubt(direction, cues, changes, weighed)

    def __enter__(self) -> _Spy:
        rules_analyzer.record_balance = self.record_balance  # type: ignore[assignment]
        rules_analyzer.provision_cues = self.provision_cues  # type: ignore[assignment]
        rules_analyzer.one_sided_mixed = self.one_sided_mixed  # type: ignore[assignment]
        return self

    def __exit__(self, *exc) -> None:
        rules_analyzer.record_balance = self.orig_balance  # type: ignore[assignment]
        rules_analyzer.provision_cues = self.orig_cues  # type: ignore[assignment]
        rules_analyzer.one_sided_mixed = self.orig_doubt  # type: ignore[assignment]


def collect(folds: list[str]) -> list[dict]:
    """One row per labelled pair: fold, pair, label, the record's direction and its inputs."""
    rows = []
    with _Spy() as spy:
        for fold in folds:
            for pair, folder, lab in labelled_pairs(fold, OPEN_SETS):
                spy.last = {}
                record = compare_files(folder / "old.md", folder / "new.md")
                rows.append(
                    {
                        "fold": fold,
                        "pair": pair,
                        "label_material": bool(lab.get("material")),
                        "label": lab.get("direction") if lab.get("material") else None,
                        "direction": record.direction if record.material else None,
                        "inputs": dict(spy.last) if record.material and "cues" in spy.last else None,
                    }
                )
    return rows


# --- deciding again, without one family -----------------------------------------------------------


def families_of(inputs: dict) -> dict[str, int]:
    """The families taking part in one record's decision, each with the sign of its evidence
    (+1 worse for the reader, -1 better, 0 both)."""
    out: dict[str, float] = defaultdict(float)
    seen: set[str] = set()
    for c in inputs["cues"]:
        name = f"cue:{c.kind} {c.side}"
        seen.add(name)
        out[name] += cue_weight(c) * (1 if c.polarity > 0 else -1)
        for group, test in GROUPS.items():
            if test(c):
                seen.add(group)
                out[group] += cue_weight(c) * (1 if c.polarity > 0 else -1)
    claims = [c for c in inputs["changes"] if rules_analyzer._confident_claim(c)]
    net = sum(c.direction == "up" for c in claims) - sum(c.direction == "down" for c in claims)
    cue_total = sum(cue_weight(c) for c in inputs["cues"])
    if claims and inputs["rubric_weight"] and cue_total >= rules_analyzer.MIN_CUE_WEIGHT:
        seen.add("rubric:weighed")
        out["rubric:weighed"] = net
    if claims and inputs["rubric_fallback"] and cue_total < rules_analyzer.MIN_CUE_WEIGHT:
        seen.add("rubric:fallback")
        out["rubric:fallback"] = net
    base = decide(inputs)
    if base["list_used"]:
        for i in inputs.get("items", []):
            name = f"list:{i.frame}"
            seen.add(name)
            out[name] += i.polarity
    for name in ("abstain:one_sided_mixed", "abstain:removed_burdens"):
        if base["doubt" if name.endswith("mixed") else "withheld"]:
            seen.add(name)
            out[name] = 0
    return {k: (1 if out[k] > 0 else -1 if out[k] < 0 else 0) for k in seen}


#: Families that group several cue kinds: name -> test of one cue.
GROUPS = {
    # a duty, right of the company, penalty, rule ... that went: read as better at a quarter's weight
    "cues:removed burden (1/4)": lambda c: c.side == "removed" and cue_weight(c) < 1.0,
    # an opt-out, unsubscribe or switch-off added (round 9, dir9b): evidence only, never decides
    "cues:opt-out added (weighs 0)": added_control,
}


def _in_family(cue, family: str) -> bool:
    if family in GROUPS:
        return GROUPS[family](cue)
    return f"cue:{cue.kind} {cue.side}" == family


def decide(inputs: dict, drop: str = "") -> dict:
    """The record's direction from its captured inputs, as the analyzer decides it, without the
    family *drop* (empty: as it is)."""
    cues = [c for c in inputs["cues"] if not _in_family(c, drop)]
    weight = 0.0 if drop == "rubric:weighed" else inputs["rubric_weight"]
    fallback = inputs["rubric_fallback"] and drop != "rubric:fallback"
    direction, worse, better = rules_analyzer.record_balance(
        inputs["changes"], cues, weight, fallback, inputs["names_only"]
    )
    list_used = False
    if direction == "unclear":
        items = [i for i in inputs.get("items", []) if f"list:{i.frame}" != drop]
        listed = list_direction(items)
        if listed is not None:
            direction, list_used = listed, True
    if drop != "abstain:removed_burdens" and withheld(direction, cues):
        return {"direction": "unclear", "list_used": list_used, "doubt": False, "withheld": True}
    doubt = False
    if drop != "abstain:one_sided_mixed":
        changes = inputs.get("all_changes", inputs["changes"])
        doubt = one_sided_mixed(direction, cues, changes, worse + better) is not None
    return {
        "direction": "unclear" if doubt else direction,
        "list_used": list_used,
        "doubt": doubt,
        "withheld": False,
    }


# --- scoring ------------------------------------------------------------------------------------


def firing_verdict(sign: int, label: str | None) -> str:
    if label is None:
        return "cosm"
    if label == "mixed":
        return "mix"
    if sign == 0:
        return "both"
    if (sign > 0 and label == "worse") or (sign < 0 and label == "better"):
        return "right"
    return "wrong"


def audit(rows: list[dict]) -> dict:
    """family -> fold -> counts (firings right/mix/wrong/both/cosm; decisions gain/lose/swap and
    the change in wrong claims), plus the deciding pairs."""
    table: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    decided: dict = defaultdict(list)
    for r in rows:
        inputs = r["inputs"]
        if inputs is None:
            continue
        base = decide(inputs)
        assert base["direction"] == r["direction"] or r["direction"] is None, (
            r["pair"],
            base,
            r["direction"],
        )
        label = r["label"]
        for fam, sign in families_of(inputs).items():
            cell = table[fam][r["fold"]]
            if fam.startswith("abstain:"):  # an abstention is right when the claim it withdrew was wrong
                withdrawn = decide(inputs, drop=fam)["direction"]
                cell["cosm" if label is None else ("wrong" if label == withdrawn else "right")] += 1
            else:
                cell[firing_verdict(sign, label)] += 1
            if label is None:
                continue
            without = decide(inputs, drop=fam)["direction"]
            if without == base["direction"]:
                continue
            with_right, without_right = base["direction"] == label, without == label
            with_wrong = base["direction"] not in ("unclear", label)
            without_wrong = without not in ("unclear", label)
            cell["gain"] += with_right and not without_right
            cell["lose"] += without_right and not with_right
            cell["swap"] += not with_right and not without_right
            cell["dwrong"] += int(with_wrong) - int(without_wrong)
            decided[fam].append((r["fold"], r["pair"], label, without, base["direction"]))
    return {"table": table, "decided": decided}


def _cell(c: dict) -> str:
    fire = f"{c['right']}/{c['mix']}/{c['wrong']}"
    dec = f"+{c['gain']}-{c['lose']}" + (f"~{c['swap']}" if c["swap"] else "")
    dw = f" w{c['dwrong']:+d}" if c["dwrong"] else ""
    return f"{fire} {dec}{dw}"


def render(result: dict, folds: list[str]) -> str:
    table = result["table"]
    lines = [
        "cell: firings right/mix/wrong, then decisions +gained -lost (~ a wrong claim swapped for another or an",
        "abstention), w = wrong claims the family adds (negative: it removes them); * = fold open when it was written",
        "",
        f"{'family':30s} "
        + " ".join(f"{f:>17s}" for f in folds)
        + " | later folds r/w +g-l | all folds r/w +g-l",
    ]
    for fam in sorted(table):
        opened = set(open_when_written(fam))
        cells = []
        later = [0, 0, 0, 0]
        total = [0, 0, 0, 0]
        for f in folds:
            c = table[fam].get(f, defaultdict(int))
            mark = "*" if f in opened else " "
            shown = sum(v for k, v in c.items() if k != "cosm")
            cells.append(f"{_cell(c) + mark:>17s}" if shown else f"{'-' + mark:>17s}")
            for acc, on in ((later, f not in opened), (total, True)):
                if on:
                    for i, k in enumerate(("right", "wrong", "gain", "lose")):
                        acc[i] += c[k]
        lines.append(
            f"{fam:30s} "
            + " ".join(cells)
            + f" | {later[0]:>2d}/{later[1]:<2d} +{later[2]}-{later[3]:<4d}"
            + f" | {total[0]:>2d}/{total[1]:<2d} +{total[2]}-{total[3]}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", choices=FOLD_NAMES, help="folds (default: all seven open)")
    ap.add_argument("--rows", action="append", default=[], help="print the pairs a family decides")
    ap.add_argument("--cache", type=Path, help="pickle of collected inputs (read if present, else written)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    folds = args.set or list(FOLD_NAMES)
    if args.cache and args.cache.exists():
        rows = [r for r in pickle.loads(args.cache.read_bytes()) if r["fold"] in folds]
    else:
        rows = collect(folds)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(rows))
    result = audit(rows)
    if args.json:
        out = {
            fam: {f: dict(c) for f, c in per.items()} | {"written": origin(fam)}
            for fam, per in result["table"].items()
        }
        print(json.dumps(out, indent=1, sort_keys=True))
        return 0
    print(render(result, folds))
    for fam in args.rows:
        print(f"\n{fam}: pairs it decides (fold, pair, label, without -> with)")
        for fold, pair, label, without, with_ in result["decided"].get(fam, []):
            ok = "RIGHT" if with_ == label else "abstain" if with_ == "unclear" else "WRONG"
            print(f"  {fold:8s} {pair:60s} {label:8s} {without:>8s} -> {with_:8s} {ok}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
