"""The regression gate: fail when a gated metric falls more than an allowance below a baseline.

Gated metrics (:data:`summarizer.evals.metrics.GATED`): material accuracy, category F1 (micro),
severity within one level, shift direction accuracy, fact recall, quote verbatim rate (higher is
better), forbidden-claim rate and the mean reading grade (lower is better). The allowance is
absolute: 0.02 = two points for the rates, and its own allowance in grade levels (default 1.0)
for the reading grade.
Both runs are scored on the cases they share; the cases whose own score moved the wrong way are
named as the cause.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from summarizer.errors import GateFailed, InputError
from summarizer.evals.metrics import GATED, GRADE_ALLOWANCE_METRICS
from summarizer.evals.results import RunResult

MAX_CASES_NAMED = 10
DEFAULT_MAX_GRADE_RISE = 1.0  # reading-grade levels the mean may rise before the gate fails


@dataclass
class CaseMove:
    case_id: str
    before: float | int | None
    after: float | int | None
    error: str | None = None


@dataclass
class GateViolation:
    """A gated metric that regressed past the allowance."""

    metric: str
    baseline: float
    current: float
    direction: int
    allowed: float
    cases: list[CaseMove] = field(default_factory=list)

    @property
    def regression(self) -> float:
        """How much worse, as a positive number."""
        return (self.baseline - self.current) * self.direction

    def describe(self) -> str:
        verb = "fell" if self.direction > 0 else "rose"
        line = (
            f"{self.metric} {verb} {self.regression:.3f} ({self.baseline:.3f} → {self.current:.3f}; "
            f"allowed {self.allowed:.3f})"
        )
        if self.cases:
            named = [
                f"{c.case_id} ({_fmt(c.before)}→{_fmt(c.after)}{', error' if c.error else ''})"
                for c in self.cases[:MAX_CASES_NAMED]
            ]
            more = len(self.cases) - MAX_CASES_NAMED
            line += "; cases: " + ", ".join(named) + (f" and {more} more" if more > 0 else "")
        else:
            line += "; no single case moved (the case mix changed)"
        return line


@dataclass
class GateResult:
    baseline: RunResult
    run: RunResult
    max_regression: float
    violations: list[GateViolation]
    checked: dict[str, tuple[float | None, float | None]]  # metric -> (baseline, current)
    shared_cases: int
    new_cases: list[str]
    missing_cases: list[str]
    changed_cases: list[str]
    max_grade_rise: float = DEFAULT_MAX_GRADE_RISE

    @property
    def ok(self) -> bool:
        return not self.violations

    def message(self) -> str:
        """One summary line, then one line per failing metric with the cases that caused it."""
        head = (
            f"eval gate {'passed' if self.ok else 'failed'} against {self.baseline.name} "
            f"(max regression {self.max_regression:g}, reading grade +{self.max_grade_rise:g}, "
            f"{self.shared_cases} shared cases)"
        )
        lines = [head] + [f"  {v.describe()}" for v in self.violations]
        if self.missing_cases:
            lines.append(
                f"  note: {len(self.missing_cases)} baseline case(s) not in this run: "
                f"{', '.join(self.missing_cases[:MAX_CASES_NAMED])}"
            )
        if self.new_cases:
            lines.append(
                f"  note: {len(self.new_cases)} case(s) not in the baseline (not gated): "
                f"{', '.join(self.new_cases[:MAX_CASES_NAMED])}"
            )
        if self.changed_cases:
            lines.append(
                f"  note: {len(self.changed_cases)} case(s) changed since the baseline "
                f"(regenerate the baseline from a fresh run): {', '.join(self.changed_cases[:MAX_CASES_NAMED])}"
            )
        return "\n".join(lines)


def check_gate(
    run: RunResult, baseline: RunResult, max_regression: float, max_grade_rise: float = DEFAULT_MAX_GRADE_RISE
) -> GateResult:
    """Compare *run* with *baseline* on the gated metrics over their shared cases."""
    if max_regression < 0 or max_grade_rise < 0:
        raise InputError(
            "the allowed regression and grade rise must be zero or more", setting="max_regression"
        )
    base_cases, run_cases = baseline.by_case(), run.by_case()
    shared = set(base_cases) & set(run_cases)
    if not shared:
        raise InputError(f"the run and the baseline {baseline.name} share no case: nothing to gate on")
    base = baseline.subset(shared)
    head = run.subset(shared)
    violations, checked = [], {}
    for metric, (case_metric, direction) in GATED.items():
        before, after = base.aggregate.get(metric), head.aggregate.get(metric)
        checked[metric] = (before, after)
        if before is None or after is None:
            continue
        regression = (float(before) - float(after)) * direction
        allowed = max_grade_rise if metric in GRADE_ALLOWANCE_METRICS else max_regression
        if regression > allowed + 1e-9:
            moves = []
            for case_id in sorted(shared):
                b, a = (
                    base_cases[case_id].metrics.get(case_metric),
                    run_cases[case_id].metrics.get(case_metric),
                )
                if b is not None and (a is None or (float(b) - float(a)) * direction > 1e-9):
                    moves.append(CaseMove(case_id, b, a, run_cases[case_id].error))
            moves.sort(key=lambda m: -abs(float(m.before or 0) - float(m.after or 0)))
            violations.append(GateViolation(metric, float(before), float(after), direction, allowed, moves))
    changed = sorted(
        c
        for c in shared
        if base_cases[c].case_sha256
        and run_cases[c].case_sha256
        and base_cases[c].case_sha256 != run_cases[c].case_sha256
    )
    return GateResult(
        baseline=baseline,
        run=run,
        max_regression=max_regression,
        violations=violations,
        checked=checked,
        shared_cases=len(shared),
        new_cases=sorted(set(run_cases) - shared),
        missing_cases=sorted(set(base_cases) - shared),
        changed_cases=changed,
        max_grade_rise=max_grade_rise,
    )


def enforce_gate(
    run: RunResult, baseline: RunResult, max_regression: float, max_grade_rise: float = DEFAULT_MAX_GRADE_RISE
) -> GateResult:
    """:func:`check_gate`, raising :class:`GateFailed` (exit 1) with the full message on failure."""
    result = check_gate(run, baseline, max_regression, max_grade_rise)
    if not result.ok:
        raise GateFailed(result.message())
    return result


def _fmt(value: float | int | None) -> str:
    return "–" if value is None else f"{float(value):.2f}"
