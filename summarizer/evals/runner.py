"""Run an analyzer over golden cases and score every record.

``run_eval`` never prints: it reports each case through ``on_result`` (the CLI draws a progress
bar with it). A case whose analyzer fails (bad input, the model server down after retries, a bug)
is recorded as an error with every quality metric at its worst; the run goes on. Whether *every*
case failed upstream is for the caller to decide (:func:`all_upstream_failed`: the CLI stores the
run, then exits 3).

The analyzer is a name (``rules``, ``llm``), an object with ``.name`` and ``.analyze(diff)``, or
any ``analyze_fn(case) -> ChangeRecord``; model options (prompt, model, base URL, cache) travel in
:class:`~summarizer.analyzers.AnalysisOptions`, so re-running unchanged prompts and cases is served
by the LLM client's cache and shows up as ``cache_hits``.
"""

from __future__ import annotations

import hashlib
import platform
import secrets
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from summarizer.about import __version__
from summarizer.config import PROJECT_ROOT
from summarizer.errors import InputError, SummarizerError, UpstreamError
from summarizer.evals.cases import Case
from summarizer.evals.metrics import score_record
from summarizer.evals.results import CaseResult, RunResult, utcnow

if TYPE_CHECKING:  # pragma: no cover
    from summarizer.analyzers import AnalysisOptions, Analyzer
    from summarizer.model.record import ChangeRecord

AnalyzeFn = Callable[[Case], "ChangeRecord"]


class JudgeFn(Protocol):
    """Scores a record's faithfulness; returns a dict with at least ``mean`` and ``passed``."""

    def __call__(self, case: Case, record: "ChangeRecord") -> dict[str, Any]: ...


def new_run_id() -> str:
    """Sortable and unique: ``20250101-120000-1a2b3c``."""
    return utcnow().strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)


def git_revision(root: str | None = None) -> str | None:
    """The checkout's commit (``+dirty`` when tracked files changed), or None outside git.

    Read-only: ``--no-optional-locks`` keeps ``git status`` from touching the index.
    """
    cwd = root or str(PROJECT_ROOT)
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"], cwd=cwd, capture_output=True, text=True, timeout=10
        )
        if rev.returncode != 0:
            return None
        dirty = subprocess.run(
            ["git", "--no-optional-locks", "status", "--porcelain", "--untracked-files=no"],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return rev.stdout.strip() + ("+dirty" if dirty.returncode == 0 and dirty.stdout.strip() else "")


def make_analyze_fn(
    analyzer: "str | Analyzer", options: "AnalysisOptions | None" = None
) -> tuple[str, AnalyzeFn]:
    """(name, function) for an analyzer name or object."""
    from summarizer.api import compare_texts, diff_texts

    if isinstance(analyzer, str):
        name = analyzer

        def fn(case: Case) -> "ChangeRecord":
            return compare_texts(
                case.old_text,
                case.new_text,
                analyzer=name,
                options=options,
                old_source=case.old_source,
                new_source=case.new_source,
            )

        return name, fn
    obj = analyzer

    def fn_obj(case: Case) -> "ChangeRecord":
        return obj.analyze(
            diff_texts(case.old_text, case.new_text, old_source=case.old_source, new_source=case.new_source)
        )

    return getattr(obj, "name", type(obj).__name__), fn_obj


def evaluate_case(case: Case, analyze_fn: AnalyzeFn, judge: JudgeFn | None = None) -> CaseResult:
    """Analyse one case and score it; failures become an error result, never an exception."""
    started = time.perf_counter()
    record = None
    error = kind = None
    try:
        record = analyze_fn(case)
    except UpstreamError as exc:
        error, kind = str(exc), "upstream"
    except InputError as exc:
        error, kind = str(exc), "input"
    except SummarizerError as exc:
        error, kind = str(exc), "error"
    except Exception as exc:  # a bug in an analyzer must not lose the rest of the run
        error, kind = f"{type(exc).__name__}: {exc}", "internal"
    latency = (time.perf_counter() - started) * 1000
    score = score_record(case, record)
    result = CaseResult(
        case_id=case.id,
        title=case.title,
        tags=list(case.tags),
        case_sha256=case.sha256,
        metrics=score.metrics,
        detail=score.detail,
        checks=score.checks,
        failures=score.failures,
        passed=score.passed and error is None,
        error=error,
        error_kind=kind,
        latency_ms=round(latency, 2),
    )
    if error:
        result.failures = [f"error ({kind}): {error}"]
    if record is not None:
        usage = record.provenance.tokens
        result.tokens = usage.prompt_tokens + usage.completion_tokens
        result.calls, result.cache_hits = usage.calls, usage.cache_hits
        result.cost_usd = record.provenance.cost_usd
        result.record = record.model_dump(mode="json")
        if judge is not None:
            _apply_judge(result, judge(case, record))
    return result


def _apply_judge(result: CaseResult, verdict: dict[str, Any]) -> None:
    result.judge = verdict
    if verdict.get("mean") is None:  # the judge itself failed: no score, noted in the result
        result.failures.append(f"judge: {verdict.get('error', 'no score')}")
        return
    result.metrics["judge_faithfulness"] = verdict["mean"]
    result.metrics["judge_stdev"] = verdict.get("stdev", 0.0)
    result.metrics["judge_passed"] = int(bool(verdict["passed"]))
    result.checks["judge"] = bool(verdict["passed"])
    if not verdict["passed"]:
        result.passed = False
        result.failures.append(f"judge: faithfulness {verdict['mean']:.2f} below {verdict.get('threshold')}")


def run_eval(
    cases: Sequence[Case],
    *,
    analyzer: "str | Analyzer" = "rules",
    options: "AnalysisOptions | None" = None,
    analyze_fn: AnalyzeFn | None = None,
    judge: JudgeFn | None = None,
    label: str | None = None,
    cases_dir: str | None = None,
    params: dict[str, Any] | None = None,
    on_result: Callable[[CaseResult], None] | None = None,
    jobs: int = 1,
) -> RunResult:
    """Run every case through the analyzer, score it and return the run (not yet stored).

    ``jobs`` > 1 analyses that many cases at once in threads (for model-backed analyzers, whose
    time is spent waiting on the server); results keep the order of *cases*.
    """
    if not cases:
        raise InputError("no cases to run")
    prompt_identity = None
    if analyze_fn is None:
        if isinstance(analyzer, str):  # preflight: a bad analyzer name or prompt fails before any case
            from summarizer.analyzers import get_analyzer

            probe = get_analyzer(analyzer, options)
            getattr(probe, "client", None)  # a model-backed analyzer checks its key and URL here, once
            prompt_identity = getattr(getattr(probe, "prompt", None), "identity", None)
        name, fn = make_analyze_fn(analyzer, options)
    else:
        name = analyzer if isinstance(analyzer, str) else getattr(analyzer, "name", "custom")
        fn = analyze_fn
    run = RunResult(
        run_id=new_run_id(), label=label, analyzer=name, cases_dir=cases_dir, git_revision=git_revision()
    )
    started = time.perf_counter()
    if jobs <= 1:
        for case in cases:
            result = evaluate_case(case, fn, judge)
            run.results.append(result)
            if on_result is not None:
                on_result(result)
    else:
        from concurrent.futures import ThreadPoolExecutor, as_completed

        done: dict[str, CaseResult] = {}
        with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="eval") as pool:
            futures = [pool.submit(evaluate_case, case, fn, judge) for case in cases]
            for future in as_completed(futures):
                result = future.result()
                done[result.case_id] = result
                if on_result is not None:
                    on_result(result)
        run.results = [done[c.id] for c in cases]
    records = [r.record for r in run.results if r.record]
    run.model = (options.model if options else None) or _most_common(
        r["provenance"].get("model") for r in records
    )
    run.prompt_id = (
        _most_common(r["provenance"].get("prompt_version") for r in records)
        or prompt_identity
        or (options.prompt if options else None)
    )
    run.params = {
        "analyzer": name,
        "prompt": options.prompt if options else None,
        "model": run.model,
        "base_url_host": _host(options.base_url) if options and options.base_url else None,
        "use_cache": options.use_cache if options else True,
        "case_ids": [c.id for c in cases],
        "cases_sha256": hashlib.sha256("".join(c.sha256 for c in cases).encode()).hexdigest(),
        "library_version": __version__,
        "python": platform.python_version(),
        "wall_s": round(time.perf_counter() - started, 3),
        "jobs": jobs,
        **(params or {}),
    }
    run.recompute()
    return run


def all_upstream_failed(run: RunResult) -> bool:
    """True when every case of a non-empty run failed because the model server did."""
    return all_failed(run, "upstream")


def all_failed(run: RunResult, kind: str) -> bool:
    """True when every case of a non-empty run failed with an error of *kind* (input, upstream ...)."""
    return bool(run.results) and all(r.error_kind == kind for r in run.results)


def _most_common(values: Any) -> Any:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.hostname or url.split("/")[0]
