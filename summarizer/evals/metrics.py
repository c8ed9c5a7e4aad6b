"""Score one change record against one case, and aggregate many scores.

Per case (``score_record``), every metric is a plain number (``None`` when it does not apply). Each
check is one function registered in :data:`METRICS` (``@metric(name)``), run in order:

- ``material_correct``      1 when ``record.material`` equals the expected flag
- ``category_precision/recall/f1`` over the record's categories (``categories_optional`` never
  count against it); counts ``cat_tp``, ``cat_fp``, ``cat_fn``
- ``severity_exact``, ``severity_within_one``   overall severity
- ``shift_direction_accuracy`` per expected provision: does the record's change of that category
  move the same way (up, down, same)? A category with several changes is rated by its most severe
  clause before and after. Counts ``shift_correct``, ``shift_total``.
- ``record_direction_correct``  1 when the record's direction for the user (worse / better / mixed /
  neutral, or unclear: the record must abstain) is the case's expected ``direction`` (only cases that
  state one; issue 12)
- ``fact_recall``           fact groups of which any alternative appears (case-insensitive, typography
  and Markdown normalised) in headline, summary, impact and the changes' summaries
- ``forbidden_rate``        forbidden groups that appear anywhere in the record's prose
- ``quote_verbatim_rate``   ``quotes_old`` found in the old text and ``quotes_new`` in the new text,
  modulo whitespace
- ``reading_grade``         Flesch-Kincaid grade of the record's own prose (``summarizer.rubric.readability``)
- ``length_words``          words of headline, summary, impact and change summaries
- ``flags``                 verification flags the analyzer raised

``aggregate`` turns per-case results into suite scores: means for the per-case rates, pooled
(micro) ratios for counts, per-category (macro) F1, and totals for tokens, cost and latency.
Gated metrics and their direction are in :data:`GATED`.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from summarizer.evals.cases import Case, shift_direction
from summarizer.model.record import ChangeRecord
from summarizer.model.taxonomy import severity_of
from summarizer.text.normalise import normalise

# aggregate metric -> (per-case metric that explains it, +1 when higher is better / -1 when lower is)
GATED: dict[str, tuple[str, int]] = {
    "material_accuracy": ("material_correct", +1),
    "category_f1": ("category_f1", +1),
    "severity_within_one": ("severity_within_one", +1),
    "shift_direction_accuracy": ("shift_direction_accuracy", +1),
    "record_direction_accuracy": ("record_direction_correct", +1),
    "fact_recall": ("fact_recall", +1),
    "quote_verbatim_rate": ("quote_verbatim_rate", +1),
    "forbidden_claim_rate": ("forbidden_rate", -1),
    # plain language is a product requirement: the mean grade may not rise by more than its own
    # allowance (GRADE_ALLOWANCE_METRICS; grade levels, not points)
    "reading_grade": ("reading_grade", -1),
}
GRADE_ALLOWANCE_METRICS = frozenset({"reading_grade"})

# aggregate metrics shown in tables, with the direction that counts as better (0: informational)
AGGREGATE_DIRECTION: dict[str, int] = {
    "pass_rate": +1,
    "material_accuracy": +1,
    "category_precision": +1,
    "category_recall": +1,
    "category_f1": +1,
    "category_f1_macro": +1,
    "severity_exact": +1,
    "severity_within_one": +1,
    "shift_direction_accuracy": +1,
    "record_direction_accuracy": +1,
    "fact_recall": +1,
    "forbidden_claim_rate": -1,
    "quote_verbatim_rate": +1,
    "judge_faithfulness": +1,
    "reading_grade": -1,
    "length_words": 0,
    "errors": -1,
    "tokens": 0,
    "calls": 0,
    "cache_hits": 0,
    "cost_usd": 0,
    "latency_ms_mean": 0,
    "latency_ms_p95": 0,
}

# per-case metrics shown in comparisons, with the direction that counts as better
CASE_DIRECTION: dict[str, int] = {
    "material_correct": +1,
    "category_f1": +1,
    "severity_exact": +1,
    "severity_within_one": +1,
    "shift_direction_accuracy": +1,
    "record_direction_correct": +1,
    "fact_recall": +1,
    "forbidden_rate": -1,
    "quote_verbatim_rate": +1,
    "judge_faithfulness": +1,
}

CHECKS = ("material", "severity", "categories", "shift", "facts", "forbidden", "quotes")


@dataclass
class CaseScore:
    """Metrics, details (what was expected and found) and per-case checks of one record."""

    metrics: dict[str, float | int | None]
    detail: dict[str, Any]
    checks: dict[str, bool]
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(self.checks.values())


# --- text helpers ------------------------------------------------------------------------------

_WS = re.compile(r"\s+")


def match_form(text: str) -> str:
    """Form used to look for facts and forbidden claims: normalised typography, no Markdown, lower case."""
    return normalise(text).casefold()


def collapse_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


def fact_text(record: ChangeRecord) -> str:
    """The prose facts are looked for in: headline, summary, impact, changes' summaries."""
    return "\n".join([record.headline, record.summary, record.impact, *(c.summary for c in record.changes)])


def all_prose(record: ChangeRecord) -> str:
    """Every sentence of the record a reader sees (forbidden claims must appear nowhere)."""
    parts = [fact_text(record), *record.actions, record.interpretive_note or ""]
    parts += [c.shift_reason for c in record.changes]
    return "\n".join(parts)


def find_alternatives(groups: Iterable[Sequence[str]], haystack: str) -> list[tuple[list[str], str | None]]:
    """For each group of alternatives, the first alternative found in *haystack* (or None)."""
    hay = match_form(haystack)
    out = []
    for group in groups:
        hit = next((alt for alt in group if match_form(alt) and match_form(alt) in hay), None)
        out.append((list(group), hit))
    return out


def word_count(text: str) -> int:
    return len(text.split())


# --- per-case scoring --------------------------------------------------------------------------


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1; an empty side is perfect only when the other is empty too."""
    precision = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    recall = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def record_provisions(record: ChangeRecord) -> dict[str, tuple[str, str]]:
    """Per category of the record's changes: (severity before, severity after) of its worst clause."""
    out: dict[str, tuple[int, int]] = {}
    for change in record.changes:
        b, a = severity_of(change.severity_before).rank, severity_of(change.severity_after).rank
        pb, pa = out.get(change.category, (0, 0))
        out[change.category] = (max(pb, b), max(pa, a))
    return {cat: (severity_of_rank(b), severity_of_rank(a)) for cat, (b, a) in out.items()}


def severity_of_rank(rank: int) -> str:
    from summarizer.model.taxonomy import Severity

    return Severity.from_rank(rank).value


@dataclass
class MetricScore:
    """What one metric makes of one record: numbers, details, a pass/fail check (None: informational)."""

    metrics: dict[str, float | int | None]
    detail: dict[str, Any] = field(default_factory=dict)
    check: bool | None = None
    failures: list[str] = field(default_factory=list)


Scorer = Callable[[Case, ChangeRecord], MetricScore]

# check name -> the function scoring it, in the order results and reports show them
METRICS: dict[str, Scorer] = {}


def metric(name: str) -> Callable[[Scorer], Scorer]:
    """Register a per-case metric under *name* (its check's name in results)."""

    def register(fn: Scorer) -> Scorer:
        METRICS[name] = fn
        return fn

    return register


def score_record(case: Case, record: ChangeRecord | None) -> CaseScore:
    """All deterministic metrics of *record* against *case* (``None``: the analyzer failed)."""
    if record is None:
        return _score_missing(case)
    score = CaseScore(metrics={}, detail={}, checks={})
    for name, scorer in METRICS.items():
        part = scorer(case, record)
        score.metrics.update(part.metrics)
        score.detail.update(part.detail)
        if part.check is not None:
            score.checks[name] = part.check
        score.failures.extend(part.failures)
    return score


@metric("material")
def score_material(case: Case, record: ChangeRecord) -> MetricScore:
    """1 when the record's material flag is the expected one."""
    exp = case.expected
    correct = record.material == exp.material
    failures = (
        []
        if correct
        else [f"material: expected {str(exp.material).lower()}, got {str(record.material).lower()}"]
    )
    return MetricScore(
        {"material_correct": int(correct)},
        {"material": {"expected": exp.material, "got": record.material}},
        correct,
        failures,
    )


@metric("categories")
def score_categories(case: Case, record: ChangeRecord) -> MetricScore:
    """Precision, recall and F1 of the record's categories (optional ones never count against it)."""
    exp = case.expected
    predicted = set(record.categories) | {c.category for c in record.changes}
    expected, optional = set(exp.categories), set(exp.categories_optional)
    tp, fp, fn = len(predicted & expected), len(predicted - expected - optional), len(expected - predicted)
    p, r, f1 = prf(tp, fp, fn)
    detail = {
        "expected": sorted(expected),
        "optional": sorted(optional),
        "predicted": sorted(predicted),
        "missing": sorted(expected - predicted),
        "extra": sorted(predicted - expected - optional),
    }
    return MetricScore(
        {
            "cat_tp": tp,
            "cat_fp": fp,
            "cat_fn": fn,
            "category_precision": p,
            "category_recall": r,
            "category_f1": f1,
        },
        {"categories": detail},
        fn == 0,
        [f"categories: missing {', '.join(sorted(expected - predicted))}"] if fn else [],
    )


@metric("severity")
def score_severity(case: Case, record: ChangeRecord) -> MetricScore:
    """The overall severity: exact, and within one level (the check)."""
    exp = case.expected
    gap = abs(severity_of(record.severity).rank - severity_of(exp.severity).rank)
    return MetricScore(
        {"severity_exact": int(gap == 0), "severity_within_one": int(gap <= 1)},
        {"severity": {"expected": exp.severity, "got": record.severity}},
        gap <= 1,
        [f"severity: expected {exp.severity}, got {record.severity} ({gap} levels off)"] if gap > 1 else [],
    )


@metric("shift")
def score_shifts(case: Case, record: ChangeRecord) -> MetricScore:
    """Per expected provision: does the record's change of that category move the same way?"""
    got = record_provisions(record)
    shifts, failures = [], []
    for prov in case.expected.provisions:
        want = prov.direction
        expected = f"{prov.severity_before}->{prov.severity_after}"
        if prov.category in got:
            before, after = got[prov.category]
            have = shift_direction(before, after)
            shifts.append(
                {
                    "category": prov.category,
                    "expected": expected,
                    "got": f"{before}->{after}",
                    "correct": have == want,
                }
            )
            if have != want:
                failures.append(
                    f"shift: {prov.category} expected {want} ({prov.severity_before}→{prov.severity_after}), "
                    f"got {have} ({before}→{after})"
                )
        else:
            shifts.append({"category": prov.category, "expected": expected, "got": None, "correct": False})
            failures.append(
                f"shift: {prov.category} expected {want}, but the record has no change of that category"
            )
    correct = sum(1 for s in shifts if s["correct"])
    return MetricScore(
        {
            "shift_correct": correct,
            "shift_total": len(shifts),
            "shift_direction_accuracy": correct / len(shifts) if shifts else None,
        },
        {"shifts": shifts},
        correct == len(shifts),
        failures,
    )


@metric("direction")
def score_direction(case: Case, record: ChangeRecord) -> MetricScore:
    """The record's direction for the user against the case's, when the case states one."""
    want = case.expected.direction
    if want is None:
        return MetricScore({"record_direction_correct": None}, {}, None, [])
    got = getattr(record, "direction", None)
    correct = got == want
    return MetricScore(
        {"record_direction_correct": int(correct)},
        {"direction": {"expected": want, "got": got}},
        correct,
        [] if correct else [f"direction: expected {want}, got {got}"],
    )


@metric("facts")
def score_facts(case: Case, record: ChangeRecord) -> MetricScore:
    """Fact groups of which any alternative appears in the record's headline, summaries and impact."""
    facts = find_alternatives(case.expected.facts, fact_text(record))
    found = sum(1 for _, hit in facts if hit)
    missing = [alts for alts, hit in facts if not hit]
    return MetricScore(
        {
            "facts_found": found,
            "facts_total": len(facts),
            "fact_recall": found / len(facts) if facts else None,
        },
        {"facts_missing": missing},
        not missing,
        [f"facts: none of {_alts(alts)} found" for alts in missing],
    )


@metric("forbidden")
def score_forbidden(case: Case, record: ChangeRecord) -> MetricScore:
    """Forbidden claims (groups of alternatives) that appear anywhere in the record's prose."""
    forbidden = case.expected.forbidden
    bad = [hit for _, hit in find_alternatives(forbidden, all_prose(record)) if hit]
    return MetricScore(
        {
            "forbidden_hits": len(bad),
            "forbidden_total": len(forbidden),
            "forbidden_rate": len(bad) / len(forbidden) if forbidden else None,
        },
        {"forbidden_found": bad},
        not bad,
        [f"forbidden: {hit!r} appears" for hit in bad],
    )


@metric("quotes")
def score_quotes(case: Case, record: ChangeRecord) -> MetricScore:
    """``quotes_old`` found in the old text and ``quotes_new`` in the new, modulo whitespace."""
    old_c, new_c = collapse_ws(case.old_text), collapse_ws(case.new_text)
    quotes = [(q, old_c) for c in record.changes for q in c.quotes_old] + [
        (q, new_c) for c in record.changes for q in c.quotes_new
    ]
    bad = [q for q, doc in quotes if not collapse_ws(q) or collapse_ws(q) not in doc]
    failures = (
        [f"quotes: {len(bad)} of {len(quotes)} not found verbatim, e.g. {_clip(bad[0])!r}"] if bad else []
    )
    return MetricScore(
        {
            "quotes_verbatim": len(quotes) - len(bad),
            "quotes_total": len(quotes),
            "quote_verbatim_rate": (len(quotes) - len(bad)) / len(quotes) if quotes else None,
        },
        {"quotes_not_verbatim": bad},
        not bad,
        failures,
    )


@metric("readability")
def score_readability(case: Case, record: ChangeRecord) -> MetricScore:
    """Informational: reading grade and length of the record's prose, and the flags it raised."""
    from summarizer.rubric.readability import record_reading_grade

    return MetricScore(
        {
            "reading_grade": round(record_reading_grade(record), 2),
            "length_words": word_count(fact_text(record)),
            "flags": len(record.flags),
        }
    )


def _score_missing(case: Case) -> CaseScore:
    """Scores of a case whose analyzer failed: every quality metric at its worst."""
    exp = case.expected
    n_prov, n_facts = len(exp.provisions), len(exp.facts)
    m: dict[str, float | int | None] = {
        "material_correct": 0,
        "cat_tp": 0,
        "cat_fp": 0,
        "cat_fn": len(exp.categories),
        "category_precision": 0.0,
        "category_recall": 0.0,
        "category_f1": 0.0,
        "severity_exact": 0,
        "severity_within_one": 0,
        "shift_correct": 0,
        "shift_total": n_prov,
        "shift_direction_accuracy": 0.0 if n_prov else None,
        "record_direction_correct": 0 if exp.direction else None,
        "facts_found": 0,
        "facts_total": n_facts,
        "fact_recall": 0.0 if n_facts else None,
        "forbidden_hits": 0,
        "forbidden_total": 0,
        "forbidden_rate": None,
        "quotes_verbatim": 0,
        "quotes_total": 0,
        "quote_verbatim_rate": None,
        "reading_grade": None,
        "length_words": None,
        "flags": 0,
    }
    detail = {
        "categories": {
            "expected": sorted(exp.categories),
            "optional": sorted(exp.categories_optional),
            "predicted": [],
            "missing": sorted(exp.categories),
            "extra": [],
        }
    }
    checks = {name: False for name in CHECKS}
    return CaseScore(metrics=m, detail=detail, checks=checks, failures=["no record: the analyzer failed"])


def _alts(alts: Sequence[str]) -> str:
    return " / ".join(repr(a) for a in alts)


def _clip(text: str, n: int = 80) -> str:
    text = collapse_ws(text)
    return text if len(text) <= n else text[: n - 1] + "…"


# --- aggregation -------------------------------------------------------------------------------


class Scored(Protocol):
    """What :func:`aggregate` needs of a case result."""

    metrics: dict[str, Any]
    detail: dict[str, Any]
    passed: bool
    error: str | None
    tokens: int
    calls: int
    cache_hits: int
    cost_usd: float
    latency_ms: float


def _mean(values: Iterable[float | int | None]) -> float | None:
    vals = [float(v) for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def _sum(results: Sequence[Scored], key: str) -> int:
    return int(sum(r.metrics.get(key) or 0 for r in results))


def aggregate(results: Sequence[Scored]) -> dict[str, float | int | None]:
    """Suite scores of *results* (a pure function of the per-case metrics: recomputable on any subset)."""
    n = len(results)
    agg: dict[str, float | int | None] = {
        "cases": n,
        "passed": sum(1 for r in results if r.passed),
        "errors": sum(1 for r in results if r.error),
    }
    agg["pass_rate"] = _ratio(agg["passed"], n)  # type: ignore[arg-type]
    agg["material_accuracy"] = _mean(r.metrics.get("material_correct") for r in results)
    tp, fp, fn = _sum(results, "cat_tp"), _sum(results, "cat_fp"), _sum(results, "cat_fn")
    p, r_, f1 = prf(tp, fp, fn)
    agg.update(
        category_precision=p if n else None, category_recall=r_ if n else None, category_f1=f1 if n else None
    )
    agg.update(_macro(results))
    agg["severity_exact"] = _mean(r.metrics.get("severity_exact") for r in results)
    agg["severity_within_one"] = _mean(r.metrics.get("severity_within_one") for r in results)
    agg["shift_direction_accuracy"] = _ratio(_sum(results, "shift_correct"), _sum(results, "shift_total"))
    agg["record_direction_accuracy"] = _mean(r.metrics.get("record_direction_correct") for r in results)
    agg["fact_recall"] = _ratio(_sum(results, "facts_found"), _sum(results, "facts_total"))
    agg["forbidden_claim_rate"] = _ratio(_sum(results, "forbidden_hits"), _sum(results, "forbidden_total"))
    agg["quote_verbatim_rate"] = _ratio(_sum(results, "quotes_verbatim"), _sum(results, "quotes_total"))
    judged = [
        r.metrics.get("judge_faithfulness")
        for r in results
        if r.metrics.get("judge_faithfulness") is not None
    ]
    if judged:
        agg["judge_faithfulness"] = _mean(judged)
        agg["judge_pass_rate"] = _mean(r.metrics.get("judge_passed") for r in results)
        agg["judge_spread"] = _mean(r.metrics.get("judge_stdev") for r in results)
    agg["reading_grade"] = _round(_mean(r.metrics.get("reading_grade") for r in results))
    agg["length_words"] = _round(_mean(r.metrics.get("length_words") for r in results))
    agg["tokens"] = sum(r.tokens for r in results)
    agg["calls"] = sum(r.calls for r in results)
    agg["cache_hits"] = sum(r.cache_hits for r in results)
    agg["cost_usd"] = round(sum(r.cost_usd for r in results), 6)
    latencies = sorted(r.latency_ms for r in results)
    agg["latency_ms_mean"] = _round(statistics.fmean(latencies)) if latencies else None
    agg["latency_ms_p95"] = (
        _round(latencies[min(len(latencies) - 1, math.ceil(0.95 * len(latencies)) - 1)])
        if latencies
        else None
    )
    return agg


def _macro(results: Sequence[Scored]) -> dict[str, float | None]:
    """Per-category precision, recall and F1, averaged over the categories seen in the suite."""
    rows = per_category(results).values()
    return {
        "category_precision_macro": _mean(x["precision"] for x in rows),
        "category_recall_macro": _mean(x["recall"] for x in rows),
        "category_f1_macro": _mean(x["f1"] for x in rows),
    }


def per_category(results: Sequence[Scored]) -> dict[str, dict[str, float | int]]:
    """Per taxonomy category: support (expected), tp, fp, fn, precision, recall, F1."""
    counts: dict[str, list[int]] = {}
    for r in results:
        cats = r.detail.get("categories") or {}
        expected, optional, predicted = (
            set(cats.get("expected", [])),
            set(cats.get("optional", [])),
            set(cats.get("predicted", [])),
        )
        for c in expected | predicted:
            row = counts.setdefault(c, [0, 0, 0])
            row[0] += int(c in expected and c in predicted)
            row[1] += int(c in predicted and c not in expected and c not in optional)
            row[2] += int(c in expected and c not in predicted)
    out: dict[str, dict[str, float | int]] = {}
    for c, (tp, fp, fn) in sorted(counts.items()):
        if tp + fp + fn == 0:
            continue
        p, rec, f1 = prf(tp, fp, fn)
        out[c] = {"support": tp + fn, "tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": rec, "f1": f1}
    return out


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)
