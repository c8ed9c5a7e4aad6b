"""Large changes in the labelled pairs: how the record balances many changes into one direction
and severity, and where the different-page check fires (issue 12, round 7).

    python bench/large_records.py [--set dev|heldout|fresh|fresh2|fresh3|bundled] [--min N] [--mismatch]

For every open labelled pair (never the blind ``fresh6`` set) whose record has at least ``--min``
changes (default 10: provisions listed in the record, material or not), or that the different-page check stops (``capture_mismatch`` with
"different document"): the label's direction and severity, the record's, the number of changes
and of material ones, the weights of the record's balance (worse / better, from clause cues and rubric claims),
the changes' own rubric directions (up / down / same / unclear), and the count of full-weight
cues on each side. ``--mismatch`` prints only pairs the different-page check stops. The closing
lines count, per set, large pairs and how often the record's direction and severity agree with
the label.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from labelled_sets import OPEN_SETS, labelled_pairs  # noqa: E402  (bench/, beside this script)

import summarizer.analyzers.rules.analyzer as rules_analyzer  # noqa: E402
from summarizer.analyzers.rules.analyzer import RulesAnalyzer, is_material  # noqa: E402
from summarizer.api import diff_documents, load_pair  # noqa: E402
from summarizer.rubric.clauses import cue_weight  # noqa: E402

SETS = {k: OPEN_SETS[k] for k in ("dev", "heldout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5")}


def _pairs(name: str) -> list[tuple[str, Path, dict]]:
    return labelled_pairs(name, SETS)


class _Spy:
    """Records the arguments and result of the analyzer's last record_balance call."""

    def __init__(self) -> None:
        self.real = rules_analyzer.record_balance
        self.last: tuple | None = None
        self.provisions: list = []

    def __call__(self, changes, cues=None, *args, **kwargs):
        out = self.real(changes, cues, *args, **kwargs)
        self.last = (changes, list(cues or []), out)
        return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", choices=[*SETS, "bundled"], default=[])
    ap.add_argument("--min", type=int, default=10, help="changes that make a record large")
    ap.add_argument("--mismatch", action="store_true", help="only pairs the different-page check stops")
    args = ap.parse_args(argv)
    spy = _Spy()
    rules_analyzer.record_balance = spy
    real_material = RulesAnalyzer._material

    def _material(self, diff, provisions, kinds):
        spy.provisions = provisions
        return real_material(self, diff, provisions, kinds)

    RulesAnalyzer._material = _material  # type: ignore[method-assign]
    analyzer = RulesAnalyzer()
    totals: dict[str, Counter] = {}
    for name in args.set or list(SETS):
        tally = totals.setdefault(name, Counter())
        for pair, folder, lab in _pairs(name):
            old, new = load_pair(folder / "old.md", folder / "new.md")
            diff = diff_documents(old, new)
            spy.last, spy.provisions = None, []
            record = analyzer.analyze_data(diff)
            mismatch = any(f.code == "capture_mismatch" and "another page" in f.message for f in record.flags)
            n_material = sum(1 for p in spy.provisions if is_material(p)) if record.material else 0
            if args.mismatch and not mismatch:
                continue
            n_changes = len(record.changes)
            if not mismatch and n_changes < args.min:
                continue
            tally["pairs"] += 1
            want_dir, want_sev = lab.get("direction"), lab.get("severity")
            got_dir = record.direction if record.material else None
            if lab.get("material"):
                tally["material"] += 1
                tally["direction_right"] += got_dir == want_dir
            tally["severity_right"] += record.severity == want_sev
            line = (
                f"{name:7} {pair}\n  label: {lab.get('material')} {want_dir} {want_sev}"
                f"\n  got:   {record.material} {got_dir} {record.severity} changes={n_changes} material={n_material}"
            )
            if mismatch:
                line += "  DIFFERENT-PAGE: " + next(
                    f.message for f in record.flags if f.code == "capture_mismatch"
                )
            if spy.last is not None and record.material:
                changes, cues, (direction, worse, better) = spy.last
                dirs = Counter(c.direction for c in changes)
                full_w = sum(1 for c in cues if c.polarity > 0 and cue_weight(c) >= 1.0)
                full_b = sum(1 for c in cues if c.polarity < 0 and cue_weight(c) >= 1.0)
                kinds = Counter(
                    (c.kind, "+" if c.polarity > 0 else "-") for c in cues if cue_weight(c) >= 1.0
                )
                material = {id(c) for p, c in zip(spy.provisions, changes) if is_material(p)}
                strong = Counter(
                    (c.direction, c.severity_before if c.direction == "down" else c.severity_after)
                    for c in changes
                    if id(c) in material
                    and c.direction in ("up", "down")
                    and c.confidence in ("high", "medium")
                )
                line += f"\n  confident material claims (direction, level): {dict(sorted(strong.items()))}"
                line += (
                    f"\n  balance: {direction} worse={worse:.2f} better={better:.2f} "
                    f"full cues worse={full_w} better={full_b}  change dirs={dict(dirs)}"
                    f"\n  cue kinds: {dict(kinds.most_common(8))}"
                )
            print(line)
    print()
    for name, tally in totals.items():
        print(
            f"{name}: large or stopped pairs {tally['pairs']}, labelled material {tally['material']}, "
            f"direction right {tally['direction_right']}, severity right {tally['severity_right']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
