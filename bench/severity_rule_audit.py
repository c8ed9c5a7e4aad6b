"""Which step of the rules analyzer decided each record's severity, and how that step does on every
labelled fold (issue 12, round 9: sev9).

    python bench/severity_rule_audit.py [--set dev --set fresh5 ...] [--rows] [--json FILE]

The record's severity is a chain (``summarizer/analyzers/rules/analyzer.py``): the rubric's highest
change severity (``overall_severity``), then :func:`record_severity`'s steps (a ``_high_change``
branch raises it to high; a rubric high without one falls to medium; a minor record is low; a
material change on a substantive subject is at least medium; ...), then the caps of
``conduct_severity``, ``note_contact``, ``disclosure_severity`` and ``note_pointers``. This bench
wraps those functions, replays the steps with a name on each, checks the replay against the real
output, and names the **deciding step**: the last step that set the level the record carries.

Per deciding step and per fold it prints exact / over / under (over: the record's severity is above
the label's). A step that is right on the fold it was written from but over or under elsewhere is
what a blind set pays for. ``--rows`` lists every pair whose severity differs from its label, with
its step. Sets: the seven open folds (never ``fresh6``: blind), ``golden`` (the eval cases) and
``bundled`` (no severity label: firings only).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from labelled_sets import OPEN_SETS, labelled_pairs  # noqa: E402

from summarizer.analyzers.rules import analyzer as rules_analyzer  # noqa: E402
from summarizer.api import compare_files, compare_texts  # noqa: E402
from summarizer.model.taxonomy import Severity  # noqa: E402

RANK = {"none": 0, "low": 1, "medium": 2, "high": 3}
FOLDS = ["fresh5", "fresh4", "fresh3", "fresh2", "fresh", "heldout", "dev"]


#: details of the last high branch that fired (category, levels, evidence weight), for ``--rows``
DETAIL: list[str] = []
_SIGNED = re.compile(r"^([+-]\d+) ")


def evidence_weight(assessment) -> int:
    """The signed sum of an assessment's evidence (its fragments start "+1 ", "-2 ")."""
    if assessment is None:
        return 0
    return sum(int(m.group(1)) for e in assessment.evidence if (m := _SIGNED.match(e)))


def high_branch(provisions, views, direction, cues) -> str | None:
    """The branch of ``_high_change`` that returns True (a replay of it, with names), or None."""
    a = rules_analyzer
    if direction in ("better", "unclear"):
        return None
    for p, view, mine in zip(provisions, views, cues):
        if (
            direction == "worse"
            and a.is_material(p)
            and any(c.kind == "training_default" and c.polarity > 0 for c in mine)
        ):
            return "high:training_default"
        if view == "business" or not a.is_material(p):
            continue
        if (
            direction == "worse"
            and view == "consumer"
            and any(c.kind == "ai_training" and c.polarity > 0 for c in mine)
        ):
            return "high:ai_training_cue"
        if p.category not in a.HIGH_RISK:
            continue
        if p.category == "content_license_ip" and not a.licence_widened(p, mine):
            continue
        if p.direction == "up" and p.after is Severity.high:
            DETAIL.append(
                f"{p.category} {p.before.value}->{p.after.value} evidence {evidence_weight(p.assessment):+d}"
            )
            return f"high:rubric_up_high({p.category})"
        worse, better = a.balance([c for c in mine if c.kind != "charge"])
        if worse >= a.MIN_CUE_WEIGHT and worse > better and max(p.before, p.after) is Severity.high:
            kinds = sorted(
                f"{c.side[0]}:{c.kind}{c.polarity:+d} «{c.sentence[:90]}»" for c in mine if c.kind != "charge"
            )
            DETAIL.append(f"{p.category} {p.before.value}->{p.after.value} cues {' '.join(kinds)}")
            return f"high:cues_worse_at_high({p.category})"
        if (
            direction == "worse"
            and view == "consumer"
            and p.category in a.PRIVACY_HIGH_RISK
            and worse > better
            and any(a.protection_lost(c) for c in mine)
        ):
            return f"high:protection_lost({p.category})"
    return None


def record_steps(provisions, views=None, direction="", cues=None, minor=False) -> tuple[Severity, str]:
    """A named replay of :func:`record_severity`: (level, the step that set it)."""
    a = rules_analyzer
    assessments = [p.assessment for p in provisions if p.assessment is not None]
    level = a.overall_severity(assessments)
    step = f"rubric:{level.value}"
    views = views or ["consumer"] * len(provisions)
    cues = cues or [[] for _ in provisions]
    branch = high_branch(provisions, views, direction, cues)
    if level is Severity.high and not branch:
        level, step = Severity.medium, "rubric_high_held_medium"
    elif branch:
        level, step = Severity.high, branch
    if minor and not branch:
        return Severity.low, "minor_record_low"
    if any(p.category != "contact_generic" and a.is_material(p) for p in provisions):
        return (level, step) if level >= Severity.medium else (Severity.medium, "substantive_floor_medium")
    if direction == "worse" and any(c.polarity > 0 and a.cue_weight(c) >= 1.0 for mine in cues for c in mine):
        return (level, step) if level >= Severity.medium else (Severity.medium, "burden_cue_floor_medium")
    if direction in ("worse", "mixed") and any(
        i.polarity > 0 and not a.scope_item(i) for p in provisions for i in p.list_items
    ):
        return (level, step) if level >= Severity.medium else (Severity.medium, "list_item_floor_medium")
    return (level, step) if level >= Severity.low else (Severity.low, "generic_floor_low")


class Tracer:
    """Wraps the analyzer's severity steps for one record at a time."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, str]] = []
        self.mismatch = False
        a = rules_analyzer
        self._orig = {
            n: getattr(a, n)
            for n in (
                "record_severity",
                "conduct_severity",
                "note_contact",
                "disclosure_severity",
                "note_pointers",
            )
        }

    def reset(self) -> None:
        self.steps, self.mismatch = [], False
        DETAIL.clear()

    def install(self) -> None:
        a, orig = rules_analyzer, self._orig

        def record_severity(provisions, views=None, direction="", cues=None, minor=False):
            real = orig["record_severity"](provisions, views, direction, cues, minor=minor)
            level, step = record_steps(provisions, views, direction, cues, minor)
            self.mismatch |= level is not real
            self.steps.append((step, real.value))
            return real

        def capped(name: str, label: str, arg: int):
            def wrapper(*args):
                before = args[arg]
                after = orig[name](*args)
                if after is not before:
                    self.steps.append((label, after.value))
                return after

            return wrapper

        a.record_severity = record_severity
        a.conduct_severity = capped("conduct_severity", "conduct_document_held_medium", 0)
        a.note_contact = capped("note_contact", "contact_record_low", 1)
        a.disclosure_severity = capped("disclosure_severity", "disclosure_record_low", 1)
        a.note_pointers = capped("note_pointers", "pointer_record_low", 3)

    def decided(self, record_material: bool) -> str:
        if not record_material:
            return "not_material"
        if not self.steps:
            return "other_path"
        return self.steps[-1][0]


def _golden() -> list[tuple[str, str, str, dict]]:
    from summarizer.evals.cases import load_cases

    out = []
    for case in load_cases(ROOT / "evals" / "cases"):
        out.append((case.id, case.old_text, case.new_text, {"severity": case.expected.severity}))
    return out


def run(sets: list[str]) -> list[dict]:
    tracer = Tracer()
    tracer.install()
    rows = []
    for name in sets:
        if name == "fresh6":
            raise SystemExit("fresh6 is blind this round")
        if name == "golden":
            items = [(pid, lambda o=o, n=n: compare_texts(o, n), lab) for pid, o, n, lab in _golden()]
        else:
            items = [
                (pid, lambda f=folder: compare_files(f / "old.md", f / "new.md"), lab)
                for pid, folder, lab in labelled_pairs(name, {**OPEN_SETS})
            ]
        for pid, make, lab in items:
            tracer.reset()
            record = make()
            rows.append(
                {
                    "set": name,
                    "pair": pid,
                    "label": lab.get("severity"),
                    "label_direction": lab.get("direction"),
                    "severity": record.severity,
                    "direction": getattr(record, "direction", None),
                    "material": record.material,
                    "step": tracer.decided(record.material),
                    "steps": list(tracer.steps),
                    "mismatch": tracer.mismatch,
                    "detail": list(DETAIL),
                }
            )
    return rows


def verdict(row: dict) -> str:
    if not row["label"]:
        return "unlabelled"
    d = RANK[row["severity"]] - RANK[row["label"]]
    return "exact" if d == 0 else "over" if d > 0 else "under"


def table(rows: list[dict], sets: list[str]) -> str:
    per: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for r in rows:
        per[r["step"]][r["set"]][verdict(r)] += 1
    lines = ["step | " + " | ".join(sets) + " | total (exact/over/under)", "---|" + "---|" * (len(sets) + 1)]
    for step in sorted(per, key=lambda s: -sum(sum(c.values()) for c in per[s].values())):
        cells, tot = [], Counter()
        for s in sets:
            c = per[step][s]
            tot += c
            cells.append(
                f"{c['exact']}/{c['over']}/{c['under']}" + (f" +{c['unlabelled']}" if c["unlabelled"] else "")
                if c
                else "."
            )
        lines.append(f"{step} | " + " | ".join(cells) + f" | {tot['exact']}/{tot['over']}/{tot['under']}")
    lines.append("")
    for s in sets:
        mine = [r for r in rows if r["set"] == s and r["label"]]
        if mine:
            exact = sum(verdict(r) == "exact" for r in mine) / len(mine)
            within = sum(abs(RANK[r["severity"]] - RANK[r["label"]]) <= 1 for r in mine) / len(mine)
            lines.append(f"{s}: severity exact {exact:.2f} (within one {within:.2f}), n={len(mine)}")
    bad = [r for r in rows if r["mismatch"]]
    if bad:
        lines.append(f"replay mismatches: {len(bad)} ({', '.join(r['pair'] for r in bad[:5])})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", action="append", dest="sets")
    ap.add_argument(
        "--rows", action="store_true", help="list every pair whose severity differs from its label"
    )
    ap.add_argument("--json", type=Path, help="write the rows to this file")
    ap.add_argument("--load", type=Path, help="read rows written by --json instead of running")
    args = ap.parse_args(argv)
    sets = args.sets or FOLDS
    rows = json.loads(args.load.read_text()) if args.load else run(sets)
    rows = [r for r in rows if r["set"] in sets]
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    print(table(rows, sets))
    if args.rows:
        for r in rows:
            v = verdict(r)
            if v in ("over", "under"):
                print(
                    f"{r['set']:8} {r['pair']:50} label {r['label']:6} record {r['severity']:6} {v:5} "
                    f"step {r['step']} dir {r['label_direction']}/{r['direction']} {'; '.join(r.get('detail', []))}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
