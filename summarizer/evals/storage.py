"""Eval runs in the database (tables ``eval_runs`` and ``eval_results``), and run references.

A reference names a run for ``eval compare``, ``eval report`` and ``--baseline``:

- a path to a run JSON file (``evals/baselines/rules.json``, ``--format json`` output)
- ``latest``, ``latest~1``, ``latest~2`` ... (newest first)
- a run id, or a unique prefix of one
- ``NAME@VERSION`` or ``NAME@VERSION#HASH``: the newest run with that prompt
- a label given with ``--label`` (the newest run carrying it)
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.evals.results import CaseResult, RunResult

_LATEST = re.compile(r"^latest(?:~(\d+))?$")

# CaseResult fields kept in eval_results.metrics_json next to the metrics themselves
_ENVELOPE = (
    "title",
    "tags",
    "case_sha256",
    "detail",
    "checks",
    "failures",
    "error_kind",
    "calls",
    "cache_hits",
    "judge",
)


def _engine(db_url: str):
    """An engine on *db_url* with its schema up to date; what the database fails with is one clear
    error (``store.db.database_errors``), never a traceback."""
    from summarizer.store.db import open_engine

    return open_engine(db_url)


def save_run(run: RunResult, db_url: str) -> None:
    """Store *run* and its case results in one transaction."""
    from sqlmodel import Session

    from summarizer.store.models import EvalResult, EvalRun

    with Session(_engine(db_url)) as session:
        session.add(
            EvalRun(
                run_id=run.run_id,
                created_at=run.created_at,
                label=run.label,
                analyzer=run.analyzer,
                model=run.model,
                prompt_id=run.prompt_id,
                git_revision=run.git_revision,
                cases_dir=run.cases_dir or "",
                case_count=run.case_count,
                aggregate_json=json.dumps(run.aggregate),
                params_json=json.dumps(run.params, default=str),
            )
        )
        session.flush()  # the run row first: results reference it
        for r in run.results:
            envelope = {"metrics": r.metrics, **{k: getattr(r, k) for k in _ENVELOPE}}
            session.add(
                EvalResult(
                    run_id=run.run_id,
                    case_id=r.case_id,
                    metrics_json=json.dumps(envelope, default=str),
                    record_json=json.dumps(r.record) if r.record is not None else None,
                    passed=r.passed,
                    error=r.error,
                    tokens=r.tokens,
                    cost_usd=r.cost_usd,
                    latency_ms=r.latency_ms,
                )
            )
        session.commit()


def _to_run(row: Any, results: list[Any] | None) -> RunResult:
    run = RunResult(
        run_id=row.run_id,
        created_at=row.created_at,
        label=row.label,
        analyzer=row.analyzer,
        model=row.model,
        prompt_id=row.prompt_id,
        git_revision=row.git_revision,
        cases_dir=row.cases_dir,
        case_count=row.case_count or 0,
        aggregate=json.loads(row.aggregate_json or "{}"),
        params=json.loads(row.params_json or "{}"),
    )
    for res in results or []:
        env = json.loads(res.metrics_json or "{}")
        run.results.append(
            CaseResult(
                case_id=res.case_id,
                metrics=env.get("metrics", {}),
                passed=bool(res.passed),
                error=res.error,
                tokens=res.tokens or 0,
                cost_usd=res.cost_usd or 0.0,
                latency_ms=res.latency_ms or 0.0,
                record=json.loads(res.record_json) if res.record_json else None,
                **{k: env[k] for k in _ENVELOPE if env.get(k) is not None},
            )
        )
    return run


def list_runs(db_url: str, limit: int | None = 20, *, offset: int = 0) -> list[RunResult]:
    """Stored runs, newest first, without their case results."""
    from sqlmodel import Session, col, select

    from summarizer.store.models import EvalRun

    with Session(_engine(db_url)) as session:
        stmt = select(EvalRun).order_by(col(EvalRun.created_at).desc(), col(EvalRun.id).desc()).offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        return [_to_run(row, None) for row in session.exec(stmt).all()]


def load_run(run_id: str, db_url: str) -> RunResult:
    """One stored run with every case result."""
    from sqlmodel import Session, col, select

    from summarizer.store.models import EvalResult, EvalRun

    with Session(_engine(db_url)) as session:
        row = session.exec(select(EvalRun).where(EvalRun.run_id == run_id)).first()
        if row is None:
            raise InputError(f"no eval run {run_id!r} in the database")
        results = session.exec(
            select(EvalResult).where(EvalResult.run_id == run_id).order_by(col(EvalResult.id))
        ).all()
        run = _to_run(row, list(results))
    run.source = None
    return run


def delete_run(run_id: str, db_url: str) -> bool:
    """Remove a stored run and its results; False when there was none."""
    from sqlmodel import Session, col, delete, select

    from summarizer.store.models import EvalResult, EvalRun

    with Session(_engine(db_url)) as session:
        row = session.exec(select(EvalRun).where(EvalRun.run_id == run_id)).first()
        if row is None:
            return False
        session.exec(delete(EvalResult).where(col(EvalResult.run_id) == run_id))
        session.delete(row)
        session.commit()
        return True


def resolve_run(ref: str, db_url: str | None) -> RunResult:
    """The run a reference names (see the module docstring); InputError when none does."""
    ref = ref.strip()
    if not ref:
        raise InputError("empty eval run reference")
    path = Path(ref).expanduser()
    if path.is_file():
        return RunResult.from_file(path)
    if ref.endswith(".json") or "/" in ref:
        raise InputError(f"{ref}: no such eval run file")
    if db_url is None:
        raise InputError(f"{ref!r}: not a file, and no database to look it up in")
    latest = _LATEST.match(ref)
    if latest:
        back = int(latest.group(1) or 0)
        rows = list_runs(db_url, 1, offset=back)
        if not rows:
            raise InputError(
                f"{ref}: there are not that many stored eval runs (run 'summarizer eval run' first)"
            )
        return load_run(rows[0].run_id, db_url)
    runs = list_runs(db_url, None)
    exact = [r for r in runs if r.run_id == ref]
    if exact:
        return load_run(ref, db_url)
    prefixed = [r for r in runs if r.run_id.startswith(ref)]
    if len(prefixed) == 1:
        return load_run(prefixed[0].run_id, db_url)
    if len(prefixed) > 1:
        raise InputError(f"{ref!r} matches {len(prefixed)} eval runs; give more of the id")
    if "@" in ref:
        by_prompt = [
            r for r in runs if r.prompt_id and (r.prompt_id == ref or r.prompt_id.startswith(ref + "#"))
        ]
        if by_prompt:
            return load_run(by_prompt[0].run_id, db_url)
        raise InputError(
            f"no stored eval run used prompt {ref!r} (run the eval with that prompt first)", setting="prompt"
        )
    by_label = [r for r in runs if r.label == ref]
    if by_label:
        return load_run(by_label[0].run_id, db_url)
    raise InputError(
        f"no eval run matches {ref!r}: give a run id, 'latest', 'latest~N', NAME@VERSION, a label "
        f"or a run JSON file ('summarizer eval list' shows stored runs)"
    )
