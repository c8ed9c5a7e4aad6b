"""The eval suite as one call: settings -> cases -> runner -> store -> gate -> baseline.

:func:`run_suite` is what ``summarizer eval run`` does, callable from Python::

    from summarizer.evals import run_suite

    result = run_suite(baseline="evals/baselines/rules.json")
    print(result.run.aggregate["category_f1"], result.ok)

:func:`plan_suite` does the part that spends nothing (settings, cases, baseline, options), so a
caller can show progress over ``len(plan.cases)`` before :meth:`SuitePlan.run`. Nothing here prints
or exits; a failed gate is reported in :attr:`SuiteResult.gate` (:meth:`SuiteResult.enforce`
raises :class:`~summarizer.errors.GateFailed`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.errors import GateFailed, InputError, UpstreamError
from summarizer.evals.cases import Case, default_cases_dir, load_cases
from summarizer.evals.results import CaseResult, RunResult

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers import AnalysisOptions
    from summarizer.evals.compare import RunComparison
    from summarizer.evals.gate import GateResult
    from summarizer.evals.runner import JudgeFn

DEFAULT_MAX_REGRESSION = 0.02


@dataclass
class SuiteResult:
    """A finished, stored run; with a baseline, the comparison and the gate's verdict."""

    run: RunResult
    baseline: RunResult | None = None
    comparison: RunComparison | None = None
    gate: GateResult | None = None

    @property
    def ok(self) -> bool:
        """False only when a baseline was given and a gated metric regressed past its allowance."""
        return self.gate is None or self.gate.ok

    def enforce(self) -> SuiteResult:
        """Raise :class:`GateFailed` (with the gate's full message) when the gate failed."""
        if self.gate is not None and not self.gate.ok:
            raise GateFailed(self.gate.message())
        return self


@dataclass
class SuitePlan:
    """Everything resolved before a case runs: the cases, the analyzer and its options, the baseline."""

    cases: list[Case]
    analyzer: str
    options: AnalysisOptions
    db_url: str
    cases_dir: str
    judge: JudgeFn | None = None
    baseline: RunResult | None = None
    label: str | None = None
    params: dict[str, Any] | None = None
    max_regression: float = DEFAULT_MAX_REGRESSION
    max_grade_rise: float | None = None
    save_baseline: str | Path | None = None
    jobs: int = 1

    def run(self, on_result: Callable[[CaseResult], None] | None = None) -> SuiteResult:
        """Run and score every case, store the run, gate it on the baseline, write the baseline file."""
        from summarizer.evals.runner import all_failed, all_upstream_failed, run_eval
        from summarizer.evals.storage import save_run

        run = run_eval(
            self.cases,
            analyzer=self.analyzer,
            options=self.options,
            judge=self.judge,
            label=self.label,
            cases_dir=self.cases_dir,
            params=self.params,
            on_result=on_result,
            jobs=self.jobs,
        )
        save_run(run, self.db_url)
        if all_upstream_failed(run):
            raise UpstreamError(
                f"every case failed upstream (run {run.run_id} stored): {run.results[0].error}"
            )
        if all_failed(run, "input"):  # a setting every case tripped on (no API key, a budget ...)
            raise InputError(f"every case failed (run {run.run_id} stored): {run.results[0].error}")
        result = SuiteResult(run, self.baseline)
        if self.baseline is not None:
            from summarizer.evals.compare import compare_runs
            from summarizer.evals.gate import DEFAULT_MAX_GRADE_RISE, check_gate

            grade_rise = DEFAULT_MAX_GRADE_RISE if self.max_grade_rise is None else self.max_grade_rise
            result.comparison = compare_runs(self.baseline, run)
            result.gate = check_gate(run, self.baseline, self.max_regression, grade_rise)
        if self.save_baseline:
            write_text(self.save_baseline, run.to_json(records=False))
        return result


def plan_suite(
    *,
    analyzer: str | None = None,
    prompt: str | None = None,
    model: str | None = None,
    base_url: str | None = None,
    db: str | None = None,
    cases: str | Path | None = None,
    case_ids: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
    label: str | None = None,
    use_cache: bool = True,
    max_cost: float | None = None,
    chunk_tokens: int | None = None,
    max_output_tokens: int | None = None,
    timeout: float | None = None,
    response_format: str | None = None,
    judge: bool = False,
    judge_model: str | None = None,
    judge_threshold: float = 0.7,
    repeat: int = 1,
    baseline: str | None = None,
    max_regression: float = DEFAULT_MAX_REGRESSION,
    max_grade_rise: float | None = None,
    save_baseline: str | Path | None = None,
    jobs: int = 1,
) -> SuitePlan:
    """Resolve settings, cases, the baseline and the analyzer's options; spends nothing.

    Unset *analyzer*, *model*, *base_url* and *db* come from the settings (environment, config file).
    *cases* is a folder of case files (default: ``evals/cases`` of the working directory or the
    checkout); *case_ids* and *tags* select some of them. *baseline* is a run reference (run id,
    ``latest~N``, ``NAME@VERSION``, a label or a JSON file), resolved before anything runs.
    *chunk_tokens*, *max_output_tokens*, *timeout* and *response_format* tune the model calls (unset:
    the settings, then the prompt's manifest).
    """
    from summarizer.analyzers import require_analyzer
    from summarizer.api import analysis_options
    from summarizer.config import load_settings
    from summarizer.evals.storage import resolve_run

    settings = load_settings(
        model=model,
        base_url=base_url,
        analyzer=analyzer,
        db=db,
        chunk_tokens=chunk_tokens,
        max_output_tokens=max_output_tokens,
        timeout=timeout,
        response_format=response_format,
    )
    require_analyzer(settings.analyzer)
    if prompt and settings.analyzer != "llm":
        raise InputError(
            "a prompt applies to the llm analyzer (the offline analyzer has no prompt)", setting="prompt"
        )
    selected = load_cases(cases, ids=case_ids or None, tags=tags or None)
    cases_dir = Path(cases) if cases else default_cases_dir()
    base_run = resolve_run(baseline, settings.db_url) if baseline else None  # fail before spending anything
    options = analysis_options(settings, prompt=prompt, use_cache=use_cache, max_cost=max_cost)
    judge_fn = None
    if judge:
        from summarizer.evals.judge import Judge, JudgeOptions

        judge_fn = Judge(
            JudgeOptions(
                model=judge_model or settings.model,
                base_url=settings.base_url,
                api_key=settings.api_key,
                threshold=judge_threshold,
                repeat=repeat,
                use_cache=use_cache,
                call_log=options.call_log,
            )
        )
    params = {
        "judge": {"model": judge_model or settings.model, "threshold": judge_threshold, "repeat": repeat}
        if judge
        else None,
        "max_cost": max_cost,
    }
    return SuitePlan(
        cases=selected,
        analyzer=settings.analyzer,
        options=options,
        db_url=settings.db_url,
        cases_dir=shown_path(cases_dir),
        judge=judge_fn,
        baseline=base_run,
        label=label,
        params=params,
        max_regression=max_regression,
        max_grade_rise=max_grade_rise,
        save_baseline=save_baseline,
        jobs=jobs,
    )


def run_suite(*, on_result: Callable[[CaseResult], None] | None = None, **options: Any) -> SuiteResult:
    """Plan (see :func:`plan_suite` for the options) and run the suite; the run is stored.

    Check :attr:`SuiteResult.ok`, or call ``.enforce()`` to raise :class:`GateFailed`.
    """
    return plan_suite(**options).run(on_result)


def shown_path(path: Path) -> str:
    """A path as stored with a run: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def write_text(path: str | Path, text: str) -> None:
    """Write *text* to *path* (parents created); InputError when it cannot be written."""
    try:
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
