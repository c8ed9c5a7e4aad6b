"""Two runs side by side: suite scores, and per case which metrics moved which way.

Aggregates are compared on the cases both runs share (recomputed from per-case metrics when the
case sets differ), so a run on a subset of cases is compared fairly with a full baseline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from summarizer.evals.metrics import AGGREGATE_DIRECTION, CASE_DIRECTION
from summarizer.evals.results import CaseResult, RunResult

EPSILON = 1e-9


@dataclass
class MetricDelta:
    """One metric in both runs (``a`` the base, ``b`` the head)."""

    metric: str
    a: float | int | None
    b: float | int | None
    direction: int  # +1 higher is better, -1 lower is better, 0 informational

    @property
    def delta(self) -> float | None:
        if self.a is None or self.b is None:
            return None
        return float(self.b) - float(self.a)

    @property
    def status(self) -> str:
        """'better', 'worse', 'same' or 'n/a' (missing on a side, or informational and changed)."""
        d = self.delta
        if d is None:
            return "same" if self.a is None and self.b is None else "n/a"
        if abs(d) <= EPSILON:
            return "same"
        if self.direction == 0:
            return "changed"
        return "better" if d * self.direction > 0 else "worse"


@dataclass
class CaseDelta:
    """One case in both runs."""

    case_id: str
    a: CaseResult | None
    b: CaseResult | None
    metrics: list[MetricDelta] = field(default_factory=list)

    @property
    def status(self) -> str:
        """regressed, improved, mixed, unchanged, only_a (dropped) or only_b (new)."""
        if self.a is None:
            return "only_b"
        if self.b is None:
            return "only_a"
        worse = (
            self.worse or (self.a.passed and not self.b.passed) or (not self.a.error and bool(self.b.error))
        )
        better = (
            self.better or (not self.a.passed and self.b.passed) or (bool(self.a.error) and not self.b.error)
        )
        if worse and better:
            return "mixed"
        return "regressed" if worse else "improved" if better else "unchanged"

    @property
    def worse(self) -> list[MetricDelta]:
        return [m for m in self.metrics if m.status == "worse"]

    @property
    def better(self) -> list[MetricDelta]:
        return [m for m in self.metrics if m.status == "better"]

    @property
    def case_changed(self) -> bool:
        """The case file or its inputs changed between the runs (labels are not the same)."""
        return bool(
            self.a
            and self.b
            and self.a.case_sha256
            and self.b.case_sha256
            and self.a.case_sha256 != self.b.case_sha256
        )

    def summary(self) -> str:
        """A short line: which metrics moved, e.g. 'category_f1 1.00→0.50, passed→failed'."""
        parts = [
            f"{m.metric} {fmt_value(m.a)}→{fmt_value(m.b)}"
            for m in self.metrics
            if m.status in ("worse", "better")
        ]
        if self.a and self.b and self.a.passed != self.b.passed:
            parts.append("passed→failed" if self.a.passed else "failed→passed")
        if self.b and self.b.error and not (self.a and self.a.error):
            parts.append(f"error: {self.b.error}")
        return ", ".join(parts)


@dataclass
class RunComparison:
    a: RunResult
    b: RunResult
    aggregate: list[MetricDelta]
    cases: list[CaseDelta]
    restricted: bool  # aggregates were recomputed on the shared cases only

    def with_status(self, *statuses: str) -> list[CaseDelta]:
        return [c for c in self.cases if c.status in statuses]

    @property
    def regressed(self) -> list[CaseDelta]:
        return self.with_status("regressed", "mixed")

    @property
    def improved(self) -> list[CaseDelta]:
        return self.with_status("improved", "mixed")

    @property
    def changed_cases(self) -> list[str]:
        return [c.case_id for c in self.cases if c.case_changed]

    def to_dict(self) -> dict:
        def md(m: MetricDelta) -> dict:
            return {"metric": m.metric, "a": m.a, "b": m.b, "delta": m.delta, "status": m.status}

        return {
            "a": {
                "run_id": self.a.run_id,
                "label": self.a.label,
                "source": self.a.source,
                "prompt_id": self.a.prompt_id,
                "model": self.a.model,
                "analyzer": self.a.analyzer,
                "git_revision": self.a.git_revision,
            },
            "b": {
                "run_id": self.b.run_id,
                "label": self.b.label,
                "source": self.b.source,
                "prompt_id": self.b.prompt_id,
                "model": self.b.model,
                "analyzer": self.b.analyzer,
                "git_revision": self.b.git_revision,
            },
            "restricted_to_shared_cases": self.restricted,
            "aggregate": [md(m) for m in self.aggregate],
            "regressed": [c.case_id for c in self.regressed],
            "improved": [c.case_id for c in self.improved],
            "cases": [
                {
                    "case_id": c.case_id,
                    "status": c.status,
                    "case_changed": c.case_changed,
                    "summary": c.summary(),
                    "metrics": [md(m) for m in c.metrics if m.status != "same"],
                }
                for c in self.cases
            ],
        }


def compare_runs(a: RunResult, b: RunResult) -> RunComparison:
    """Compare run *a* (base) with run *b* (head)."""
    ca, cb = a.by_case(), b.by_case()
    shared = set(ca) & set(cb)
    restricted = set(ca) != set(cb)
    agg_a = a.subset(shared).aggregate if restricted else a.aggregate
    agg_b = b.subset(shared).aggregate if restricted else b.aggregate
    metrics = [m for m in AGGREGATE_DIRECTION if m in agg_a or m in agg_b]
    aggregate = [MetricDelta(m, agg_a.get(m), agg_b.get(m), AGGREGATE_DIRECTION[m]) for m in metrics]
    cases = []
    for case_id in sorted(set(ca) | set(cb)):
        ra, rb = ca.get(case_id), cb.get(case_id)
        deltas = []
        if ra is not None and rb is not None:
            deltas = [
                MetricDelta(m, ra.metrics.get(m), rb.metrics.get(m), d)
                for m, d in CASE_DIRECTION.items()
                if m in ra.metrics or m in rb.metrics
            ]
        cases.append(CaseDelta(case_id, ra, rb, deltas))
    return RunComparison(a=a, b=b, aggregate=aggregate, cases=cases, restricted=restricted)


def fmt_value(value: float | int | None) -> str:
    """A metric value in two decimals (integers as they are, '–' when missing)."""
    if value is None:
        return "–"
    if isinstance(value, int) or float(value).is_integer() and abs(value) > 1:
        return str(int(value))
    return f"{value:.2f}"
