"""How far two annotators' compliance labels of the same pairs agree (issue 15: a ceiling for the figures).

    python bench/compliance_label_agreement.py SECOND [--list held_out_round10] [--json]

FIRST is the golden cases of one list of ``evals/compliance_split.yaml`` (``--list``, read from
``evals/compliance_cases/<id>.yaml``, key ``expected``). SECOND is a YAML list of
``{id, entries, entries_optional, exposure, jurisdictions, note}`` written by another annotator on the
same pairs (``evals/compliance_cases/agreement/``). Only ids on both sides are compared, and only totals
are printed, never a row: the lists compared are blind, and a row would say how a case was labelled.

Citations are scored as ``summarizer/evals/compliance.py`` (``score_case`` / ``aggregate``) scores an
analysis against a case: a cited id is right when it is in the reference's must-cite ∪ optional entries
(precision), and a reference must-cite id counts as found when it is cited (recall), micro-averaged over
all citations and all must-cite ids; the per-case (macro) averages give a case with nothing cited
precision 1 and a case with nothing must-cite recall 1, and an empty micro denominator counts as 1, as the
gate does (``tests/evals/test_compliance_label_agreement.py`` checks the figures against the gate's own
``score_case`` and ``aggregate``). The totals:

(a) SECOND's must-cite entries taken as the citations of an analysis, scored against FIRST;
(b) the same the other way round (FIRST's must-cites against SECOND's must-cite ∪ optional);
(c) must-cite set agreement: micro Jaccard (shared ids / ids either made must-cite, summed over cases),
    cases with identical must-cite sets, and cases where both or neither have any must-cite entry;
(d) exposure exact and within one level (``low < medium < high``), and each side's level counts;
(e) jurisdictions: micro Jaccard, cases with identical sets, and SECOND's flags scored against
    FIRST's as the gate scores flags (recall and precision, per-case averages as the gate prints them).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
LEVELS = {"low": 0, "medium": 1, "high": 2}


class AgreementError(ValueError):
    """Labels that cannot be compared (bad shape, an id labelled twice, an unknown list)."""


class Label(NamedTuple):
    """One annotator's call on one case (a NamedTuple: the tests load this script without a package)."""

    entries: frozenset[str]
    optional: frozenset[str]
    exposure: str
    jurisdictions: frozenset[str]


def to_label(item: dict, where: str) -> Label:
    """A label from a second-annotator item or a golden case's ``expected`` mapping."""
    exposure = str(item.get("exposure", "")).lower()
    if exposure not in LEVELS:
        raise AgreementError(f"{where}: exposure must be one of low, medium, high")
    return Label(
        entries=frozenset(item.get("entries") or []),
        optional=frozenset(item.get("entries_optional") or []),
        exposure=exposure,
        jurisdictions=frozenset(item.get("jurisdictions") or []),
    )


def read_second(path: Path) -> dict[str, Label]:
    """The second annotator's labels, keyed by case id."""
    import yaml

    try:
        items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise AgreementError(f"{path}: not valid YAML ({exc.__class__.__name__})") from None
    if not isinstance(items, list):
        raise AgreementError(f"{path}: expected a YAML list of labels")
    labels: dict[str, Label] = {}
    for item in items:
        if not isinstance(item, dict) or "id" not in item:
            raise AgreementError(f"{path}: every label needs an 'id' key")
        if item["id"] in labels:
            raise AgreementError(f"{path}: a case is labelled twice")
        labels[item["id"]] = to_label(item, str(path))
    return labels


def read_first(split: Path, name: str, cases: Path) -> dict[str, Label]:
    """The golden labels of the cases in list ``name`` of the split file, keyed by case id."""
    import yaml

    lists = yaml.safe_load(split.read_text(encoding="utf-8")) or {}
    ids = lists.get(name)
    if not isinstance(ids, list):
        raise AgreementError(f"{split}: no list named {name!r}")
    labels: dict[str, Label] = {}
    for case_id in ids:
        path = cases / f"{case_id}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("expected"), dict):
            raise AgreementError(f"{path}: not a golden compliance case")
        labels[case_id] = to_label(data["expected"], str(path))
    return labels


def _ratio(num: int | float, den: int | float) -> float | None:
    return round(num / den, 4) if den else None


def _gate_ratio(num: int, den: int) -> float:
    """The gate's convention (``summarizer/evals/compliance.py``): nothing to score counts as 1."""
    return round(num / den, 4) if den else 1.0


def citation_scores(predicted: Sequence[Label], reference: Sequence[Label]) -> dict[str, float | None]:
    """Must-cites of ``predicted`` scored as citations against ``reference``, as the gate scores them."""
    cited = right = must = found = 0
    precisions: list[float] = []
    recalls: list[float] = []
    for pred, ref in zip(predicted, reference, strict=True):
        allowed = ref.entries | ref.optional
        cited += len(pred.entries)
        right += len(pred.entries & allowed)
        must += len(ref.entries)
        found += len(pred.entries & ref.entries)
        precisions.append(len(pred.entries & allowed) / len(pred.entries) if pred.entries else 1.0)
        recalls.append(len(pred.entries & ref.entries) / len(ref.entries) if ref.entries else 1.0)
    n = len(precisions)
    return {
        "micro_precision": _gate_ratio(right, cited),
        "micro_recall": _gate_ratio(found, must),
        "macro_precision": round(sum(precisions) / (n or 1), 4),
        "macro_recall": round(sum(recalls) / (n or 1), 4),
        "cited": cited,
        "cited_right": right,
        "must": must,
        "must_found": found,
    }


def _jaccard(pairs: Sequence[tuple[frozenset[str], frozenset[str]]]) -> float | None:
    return _ratio(sum(len(a & b) for a, b in pairs), sum(len(a | b) for a, b in pairs))


def agreement(first: dict[str, Label], second: dict[str, Label]) -> dict:
    """All totals of the module docstring over the ids both sides labelled (no per-case output)."""
    common = sorted(set(first) & set(second))
    a = [first[i] for i in common]
    b = [second[i] for i in common]
    must = [(x.entries, y.entries) for x, y in zip(a, b, strict=True)]
    juris = [(x.jurisdictions, y.jurisdictions) for x, y in zip(a, b, strict=True)]
    dist = [abs(LEVELS[x.exposure] - LEVELS[y.exposure]) for x, y in zip(a, b, strict=True)]
    n = len(common)
    j_recall = [len(x & y) / len(x) if x else 1.0 for x, y in juris]
    j_precision = [len(x & y) / len(y) if y else 1.0 for x, y in juris]
    return {
        "cases_first": len(first),
        "cases_second": len(second),
        "cases_compared": n,
        "second_as_prediction_of_first": citation_scores(b, a),
        "first_as_prediction_of_second": citation_scores(a, b),
        "must_cite": {
            "micro_jaccard": _jaccard(must),
            "identical_sets": sum(x == y for x, y in must),
            "both_have_some": sum(bool(x) and bool(y) for x, y in must),
            "neither_has_any": sum(not x and not y for x, y in must),
            "only_first_has_some": sum(bool(x) and not y for x, y in must),
            "only_second_has_some": sum(not x and bool(y) for x, y in must),
            "first_total": sum(len(x) for x, _ in must),
            "second_total": sum(len(y) for _, y in must),
        },
        "exposure": {
            "exact": _ratio(sum(d == 0 for d in dist), n),
            "within_one": _ratio(sum(d <= 1 for d in dist), n),
            "first_levels": dict(Counter(x.exposure for x in a)),
            "second_levels": dict(Counter(y.exposure for y in b)),
        },
        "jurisdictions": {
            "micro_jaccard": _jaccard(juris),
            "identical_sets": sum(x == y for x, y in juris),
            "second_recall_of_first": _ratio(sum(j_recall), n),
            "second_precision_against_first": _ratio(sum(j_precision), n),
        },
    }


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def report(totals: dict) -> str:
    """Plain-text totals (never a row)."""
    n = totals["cases_compared"]
    lines = [
        f"cases: first {totals['cases_first']}, second {totals['cases_second']}, compared {n}",
    ]
    for key, title in (
        ("second_as_prediction_of_first", "(a) second's must-cites scored against first"),
        ("first_as_prediction_of_second", "(b) first's must-cites scored against second"),
    ):
        s = totals[key]
        lines.append(
            f"{title}: micro precision {_fmt(s['micro_precision'])} ({s['cited_right']}/{s['cited']}), "
            f"micro recall {_fmt(s['micro_recall'])} ({s['must_found']}/{s['must']}); "
            f"per-case precision {_fmt(s['macro_precision'])}, recall {_fmt(s['macro_recall'])}"
        )
    m = totals["must_cite"]
    lines.append(
        f"(c) must-cite sets: micro Jaccard {_fmt(m['micro_jaccard'])}; identical {m['identical_sets']}/{n}; "
        f"both some {m['both_have_some']}, neither {m['neither_has_any']}, only first {m['only_first_has_some']}, "
        f"only second {m['only_second_has_some']}; ids first {m['first_total']}, second {m['second_total']}"
    )
    e = totals["exposure"]
    levels = "low medium high".split()
    first = " ".join(f"{lv} {e['first_levels'].get(lv, 0)}" for lv in levels)
    second = " ".join(f"{lv} {e['second_levels'].get(lv, 0)}" for lv in levels)
    lines.append(
        f"(d) exposure: exact {_fmt(e['exact'])}, within one {_fmt(e['within_one'])} "
        f"(first: {first}; second: {second})"
    )
    j = totals["jurisdictions"]
    lines.append(
        f"(e) jurisdictions: micro Jaccard {_fmt(j['micro_jaccard'])}; identical {j['identical_sets']}/{n}; "
        f"second's flags against first: recall {_fmt(j['second_recall_of_first'])}, "
        f"precision {_fmt(j['second_precision_against_first'])}"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("second", type=Path, help="the second annotator's YAML list of labels")
    parser.add_argument("--list", default="held_out_round10", help="list of the split file (first annotator)")
    parser.add_argument("--split", type=Path, default=ROOT / "evals" / "compliance_split.yaml")
    parser.add_argument("--cases", type=Path, default=ROOT / "evals" / "compliance_cases")
    parser.add_argument("--json", action="store_true", help="print the totals as JSON")
    args = parser.parse_args(argv)
    try:
        totals = agreement(read_first(args.split, args.list, args.cases), read_second(args.second))
    except (AgreementError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(totals, indent=2, sort_keys=True) if args.json else report(totals))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
