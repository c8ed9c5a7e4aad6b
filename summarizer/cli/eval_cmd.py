"""``summarizer eval run|compare|report|new|list``: the eval suite on the command line.

Thin: options are parsed here, the work is in :mod:`summarizer.evals`. Progress and tables go to
the terminal through rich; ``--format json`` writes the run as JSON on stdout (the progress bar
stays on stderr). Exit codes: 1 the gate failed, 2 bad input, 3 every case failed upstream.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import TYPE_CHECKING, Optional

import typer

from summarizer.cli.app import CHUNK_TOKENS, MAX_OUTPUT_TOKENS, RESPONSE_FORMAT, TIMEOUT, app
from summarizer.cli.app import db_url as _db_url

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

    from summarizer.evals.compare import RunComparison
    from summarizer.evals.results import CaseResult, RunResult
    from summarizer.evals.suite import SuitePlan, SuiteResult

eval_app = typer.Typer(
    name="eval",
    help="Score analyzers and prompts on golden change records; compare runs; gate on regressions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(eval_app, name="eval")


class RunFormat(str, Enum):
    text = "text"
    json = "json"


class CompareFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class ReportFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    junit = "junit"


DB_HELP = "Database URL or SQLite path (default: SUMMARIZER_DB or the state directory)."
MAX_GRADE_RISE = typer.Option(
    1.0, "--max-grade-rise", min=0.0, help="Largest allowed rise of the mean reading grade (grade levels)."
)


def _console() -> "Console":
    """stdout; wide enough for the tables when it is a log file or a pipe rather than a terminal."""
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal:
        console = Console(highlight=False, soft_wrap=False, width=max(console.width, 160))
    return console


def _write(path: str, text: str) -> None:
    from summarizer.evals.suite import write_text

    write_text(path, text)


@eval_app.command("run")
def run_command(
    analyzer: str = typer.Option(None, "--analyzer", "-a", help="rules (offline, the default) or llm."),
    prompt: str = typer.Option(None, "--prompt", help="Prompt NAME@VERSION, or a prompt folder path (llm)."),
    model: str = typer.Option(None, "--model", "-m", help="Model name (llm)."),
    base_url: str = typer.Option(None, "--base-url", help="OpenAI-compatible endpoint (llm)."),
    cases: str = typer.Option(None, "--cases", help="Cases folder (default: evals/cases)."),
    case: list[str] = typer.Option(None, "--case", help="Run only this case id (repeatable)."),
    tag: list[str] = typer.Option(None, "--tag", help="Run only cases with this tag (repeatable)."),
    label: str = typer.Option(None, "--label", help="A name for this run (usable as a reference later)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not answer model calls from the cache."),
    max_cost: float = typer.Option(None, "--max-cost", min=0.0, help="Per-record cost ceiling in USD (llm)."),
    chunk_tokens: int = CHUNK_TOKENS,
    max_output_tokens: int = MAX_OUTPUT_TOKENS,
    timeout: float = TIMEOUT,
    response_format: str = RESPONSE_FORMAT,
    judge: bool = typer.Option(
        False, "--judge", help="Also score faithfulness with an LLM judge (advisory)."
    ),
    judge_model: str = typer.Option(None, "--judge-model", help="Model for the judge (default: --model)."),
    judge_threshold: float = typer.Option(
        0.7, "--judge-threshold", min=0.0, max=1.0, help="Judge score (0-1) a case needs to pass."
    ),
    repeat: int = typer.Option(
        1, "--repeat", min=1, max=20, help="Ask the judge N times per case to show its spread."
    ),
    baseline: str = typer.Option(
        None, "--baseline", help="Gate on this run: a run id, latest~N, NAME@VERSION, a label or a JSON file."
    ),
    max_regression: float = typer.Option(
        0.02, "--max-regression", min=0.0, help="Largest allowed drop of a gated metric (absolute)."
    ),
    max_grade_rise: float = MAX_GRADE_RISE,
    format: RunFormat = typer.Option(
        RunFormat.text, "--format", "-f", help="text (tables) or json (the run)."
    ),
    report_md: str = typer.Option(None, "--report-md", help="Also write a Markdown report to this file."),
    report_html: str = typer.Option(None, "--report-html", help="Also write an HTML report to this file."),
    junit: str = typer.Option(None, "--junit", help="Also write JUnit XML to this file."),
    save_baseline: str = typer.Option(
        None, "--save-baseline", help="Write the run (metrics, no records) as a baseline file."
    ),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    jobs: int = typer.Option(
        1, "--jobs", "-j", min=1, max=32, help="Analyse this many cases at once (useful with --analyzer llm)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no per-case table."),
) -> None:
    """Run the analyzer on every case, score it, store the run, and gate on a baseline."""
    from rich.console import Console

    from summarizer.evals.suite import plan_suite

    plan = plan_suite(
        analyzer=analyzer,
        prompt=prompt,
        model=model,
        base_url=base_url,
        db=db,
        cases=cases,
        case_ids=case,
        tags=tag,
        label=label,
        use_cache=not no_cache,
        max_cost=max_cost,
        chunk_tokens=chunk_tokens,
        max_output_tokens=max_output_tokens,
        timeout=timeout,
        response_format=response_format,
        judge=judge,
        judge_model=judge_model,
        judge_threshold=judge_threshold,
        repeat=repeat,
        baseline=baseline,
        max_regression=max_regression,
        max_grade_rise=max_grade_rise,
        save_baseline=save_baseline,
        jobs=jobs,
    )
    err = Console(stderr=True, highlight=False)
    out = _console()
    result = _run_with_progress(plan, err, show=not quiet and format is RunFormat.text)
    run, comparison, gate = result.run, result.comparison, result.gate
    _write_reports(run, comparison, gate, report_md, report_html, junit)

    if format is RunFormat.json:
        sys.stdout.write(run.to_json())
    else:
        if not quiet:
            print_cases(out, run.results)
        print_scores(out, run, comparison)
        if comparison is not None:
            print_moves(out, comparison)
        agg = run.aggregate
        out.print(
            f"run {run.run_id} stored ({agg.get('cases')} cases, {agg.get('passed')} pass every check, "
            f"{agg.get('errors')} errors; {agg.get('calls')} model calls, {agg.get('cache_hits')} cache hits, "
            f"${agg.get('cost_usd') or 0:.4f})"
        )
        if save_baseline:
            out.print(f"baseline written to {save_baseline}", markup=False)
        if gate is not None and gate.ok:
            out.print(gate.message(), markup=False)
    result.enforce()


def _run_with_progress(plan: "SuitePlan", console: "Console", show: bool) -> "SuiteResult":
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if not show or not console.is_terminal:
        return plan.run()
    with Progress(
        TextColumn("[bold]eval[/] {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[status]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(plan.analyzer, total=len(plan.cases), status="")
        stats = {"pass": 0, "fail": 0, "error": 0, "hits": 0}

        def on_result(r: "CaseResult") -> None:
            stats["error" if r.error else "pass" if r.passed else "fail"] += 1
            stats["hits"] += r.cache_hits
            bar.update(
                task,
                advance=1,
                description=f"{plan.analyzer}: {r.case_id}",
                status=f"{stats['pass']} pass, {stats['fail']} fail, {stats['error']} error, "
                f"{stats['hits']} cache hits",
            )

        return plan.run(on_result)


def _write_reports(run, comparison, gate, md: str | None, html: str | None, junit: str | None) -> None:
    from summarizer.evals.report import render_html, render_junit, render_markdown

    if md:
        _write(md, render_markdown(run, comparison, gate))
    if html:
        _write(html, render_html(run, comparison, gate))
    if junit:
        _write(junit, render_junit(run, gate))


# --- tables ------------------------------------------------------------------------------------


def print_cases(console: "Console", results: list["CaseResult"]) -> None:
    from rich.table import Table

    from summarizer.evals.report import case_cells

    table = Table(title="Cases", title_justify="left", show_lines=False)
    for col, just in [
        ("case", "left"),
        ("result", "left"),
        ("mat", "center"),
        ("severity exp/got", "left"),
        ("cat F1", "right"),
        ("shift", "right"),
        ("facts", "right"),
        ("forbid", "right"),
        ("quotes", "right"),
        ("ms", "right"),
    ]:
        table.add_column(col, justify=just, no_wrap=col == "case")  # type: ignore[arg-type]
    has_judge = any("judge_faithfulness" in r.metrics for r in results)
    if has_judge:
        table.add_column("judge", justify="right")
    for r in results:
        c = case_cells(r)
        style = {"pass": "green", "fail": "red", "error": "yellow"}[c["result"]]
        row = [
            r.case_id,
            f"[{style}]{c['result']}[/]",
            c["material"],
            c["severity"],
            c["category_f1"],
            c["shift"],
            c["facts"],
            c["forbidden"],
            c["quotes"],
            f"{r.latency_ms:,.0f}",
        ]
        if has_judge:
            row.append(c["judge"])
        table.add_row(*row)
    console.print(table)
    for r in results:
        if r.error:
            console.print(
                f"error in {r.case_id} ({r.error_kind}): {r.error[:300]}", markup=False, style="yellow"
            )


def print_scores(
    console: "Console",
    run: "RunResult",
    comparison: Optional["RunComparison"] = None,
    columns: tuple[str, str] = ("baseline", "this run"),
) -> None:
    from rich.markup import escape
    from rich.table import Table

    from summarizer.evals.report import score_rows

    title = "Scores" + (
        escape(f" (vs {comparison.a.name})") if comparison and columns[0] == "baseline" else ""
    )
    table = Table(title=title, title_justify="left")
    table.add_column("metric")
    if comparison:
        table.add_column(columns[0], justify="right")
    table.add_column(columns[1], justify="right")
    if comparison:
        table.add_column("Δ", justify="right")
    for r in score_rows(run, comparison):
        row = [r["label"]]
        if comparison:
            row.append(r["baseline"])
        row.append(r["value"])
        if comparison:
            style = {"worse": "red", "better": "green"}.get(r["status"], "")
            row.append(f"[{style}]{r['delta']}[/]" if style else r["delta"])
        table.add_row(*row)
    console.print(table)
    console.print("† gated metric")


def print_moves(console: "Console", comparison: "RunComparison") -> None:
    for title, items, style in (
        ("regressed", comparison.regressed, "red"),
        ("improved", comparison.improved, "green"),
    ):
        console.print(f"[{style}]{len(items)} {title} case(s)[/]")
        for c in items:
            console.print(f"  {c.case_id}: {c.summary() or c.status}", markup=False)
    if comparison.changed_cases:
        console.print(
            f"{len(comparison.changed_cases)} case(s) changed between the runs: "
            f"{', '.join(comparison.changed_cases)}",
            markup=False,
        )


# --- compare, report, list, new ----------------------------------------------------------------


@eval_app.command("compare")
def compare_command(
    a: str = typer.Argument(
        ..., metavar="A", help="Base run: run id, latest~N, NAME@VERSION, label or JSON file."
    ),
    b: str = typer.Argument("latest", metavar="B", help="Head run (default: latest)."),
    format: CompareFormat = typer.Option(
        CompareFormat.text, "--format", "-f", help="text, json or markdown."
    ),
    all_cases: bool = typer.Option(False, "--all", help="List every case, not only those that moved."),
    max_regression: float = typer.Option(
        None, "--max-regression", min=0.0, help="Also gate: exit 1 when B is worse than A by more than this."
    ),
    max_grade_rise: float = MAX_GRADE_RISE,
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Two runs side by side: scores, regressed and improved cases, per-case metric changes."""
    import json

    from summarizer.evals.compare import compare_runs
    from summarizer.evals.storage import resolve_run

    db_url = _db_url(db)
    run_a, run_b = resolve_run(a, db_url), resolve_run(b, db_url)
    comparison = compare_runs(run_a, run_b)
    gate = None
    if max_regression is not None:
        from summarizer.evals.gate import check_gate

        gate = check_gate(run_b, run_a, max_regression, max_grade_rise)
    if format is CompareFormat.json:
        data = comparison.to_dict()
        if gate is not None:
            data["gate"] = {"ok": gate.ok, "message": gate.message()}
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    elif format is CompareFormat.markdown:
        from summarizer.evals.report import render_markdown

        sys.stdout.write(render_markdown(run_b, comparison, gate))
    else:
        console = _console()
        console.print(f"A: {_describe_run(run_a)}", markup=False)
        console.print(f"B: {_describe_run(run_b)}", markup=False)
        if comparison.restricted:
            console.print(f"scores over the {len([c for c in comparison.cases if c.a and c.b])} shared cases")
        print_scores(console, run_b, comparison, columns=("A", "B"))
        print_case_deltas(console, comparison, all_cases)
        print_moves(console, comparison)
        if gate is not None and gate.ok:
            console.print(gate.message(), markup=False)
    if gate is not None and not gate.ok:
        from summarizer.errors import GateFailed

        raise GateFailed(gate.message())


def _describe_run(run: "RunResult") -> str:
    parts = [
        run.run_id,
        run.label or "",
        run.analyzer,
        run.model or "",
        run.prompt_id or "",
        run.git_revision or "",
    ]
    where = f" [{run.source}]" if run.source else ""
    return " · ".join(p for p in parts if p) + where


CASE_COLUMNS = (
    ("material_correct", "material"),
    ("category_f1", "cat F1"),
    ("severity_within_one", "sev ±1"),
    ("shift_direction_accuracy", "shift"),
    ("fact_recall", "facts"),
    ("forbidden_rate", "forbidden"),
    ("quote_verbatim_rate", "quotes"),
)


def print_case_deltas(console: "Console", comparison: "RunComparison", all_cases: bool) -> None:
    from rich.table import Table

    from summarizer.evals.compare import fmt_value

    table = Table(title="Cases", title_justify="left")
    table.add_column("case", no_wrap=True)
    table.add_column("status")
    table.add_column("A → B")
    for _, heading in CASE_COLUMNS:
        table.add_column(heading, justify="right")
    shown = 0
    for c in comparison.cases:
        if not all_cases and c.status == "unchanged":
            continue
        shown += 1
        style = {"regressed": "red", "improved": "green", "mixed": "yellow"}.get(c.status, "")
        passed = lambda r: "–" if r is None else "error" if r.error else "pass" if r.passed else "fail"  # noqa: E731
        cells = []
        by_metric = {m.metric: m for m in c.metrics}
        for metric, _ in CASE_COLUMNS:
            m = by_metric.get(metric)
            if m is None:
                cells.append("")
            elif m.status in ("worse", "better"):
                color = "red" if m.status == "worse" else "green"
                cells.append(f"[{color}]{fmt_value(m.a)}→{fmt_value(m.b)}[/]")
            else:
                cells.append(fmt_value(m.b))
        table.add_row(
            c.case_id,
            f"[{style}]{c.status}[/]" if style else c.status,
            f"{passed(c.a)} → {passed(c.b)}",
            *cells,
        )
    if shown:
        console.print(table)
    else:
        console.print("no case changed")


@eval_app.command("report")
def report_command(
    run: str = typer.Argument(
        "latest", metavar="RUN", help="Run id, latest~N, NAME@VERSION, label or JSON file."
    ),
    format: ReportFormat = typer.Option(
        ReportFormat.markdown, "--format", "-f", help="markdown, html or junit."
    ),
    output: str = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    baseline: str = typer.Option(None, "--baseline", help="Compare with this run in the report."),
    max_regression: float = typer.Option(
        None,
        "--max-regression",
        min=0.0,
        help="With --baseline: show the gate's verdict (the report never exits 1).",
    ),
    max_grade_rise: float = MAX_GRADE_RISE,
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Render a stored run as Markdown (PR comment), one self-contained HTML file, or JUnit XML."""
    from summarizer.evals.report import render
    from summarizer.evals.storage import resolve_run

    db_url = _db_url(db)
    target = resolve_run(run, db_url)
    comparison = gate = None
    if baseline:
        from summarizer.evals.compare import compare_runs
        from summarizer.evals.gate import check_gate

        base = resolve_run(baseline, db_url)
        comparison = compare_runs(base, target)
        if max_regression is not None:
            gate = check_gate(target, base, max_regression, max_grade_rise)
    text = render(target, format.value, comparison, gate)
    if output:
        _write(output, text)
    else:
        sys.stdout.write(text)


@eval_app.command("list")
def list_command(
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="How many runs (newest first)."),
    format: RunFormat = typer.Option(RunFormat.text, "--format", "-f", help="text or json."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Stored eval runs, newest first."""
    import json

    from rich.table import Table

    from summarizer.evals.report import fmt_metric
    from summarizer.evals.storage import list_runs

    runs = list_runs(_db_url(db), limit)
    if format is RunFormat.json:
        rows = [
            {
                "run_id": r.run_id,
                "created_at": r.created_at.isoformat(),
                "label": r.label,
                "analyzer": r.analyzer,
                "model": r.model,
                "prompt_id": r.prompt_id,
                "git_revision": r.git_revision,
                "case_count": r.case_count,
                "aggregate": r.aggregate,
            }
            for r in runs
        ]
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    table = Table(title="Eval runs (newest first)", title_justify="left")
    for col in ("ref", "run", "label", "analyzer", "prompt", "git", "cases", "pass", "cat F1", "facts"):
        table.add_column(col, no_wrap=col in ("run", "ref"))
    for i, r in enumerate(runs):
        a = r.aggregate
        table.add_row(
            f"latest~{i}" if i else "latest",
            r.run_id,
            r.label or "",
            r.analyzer,
            r.prompt_id or "",
            r.git_revision or "",
            str(r.case_count),
            fmt_metric("pass_rate", a.get("pass_rate")),
            fmt_metric("category_f1", a.get("category_f1")),
            fmt_metric("fact_recall", a.get("fact_recall")),
        )
    _console().print(table if runs else "no eval runs stored yet")


@eval_app.command("new")
def new_command(
    old: str = typer.Argument(..., metavar="OLD", help="Old version (a file)."),
    new: str = typer.Argument(..., metavar="NEW", help="New version (a file)."),
    case_id: str = typer.Option(
        ..., "--id", help="Case id (lower-case slug); the file is <cases>/<id>.yaml."
    ),
    cases: str = typer.Option(None, "--cases", help="Cases folder (default: evals/cases)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing case file."),
) -> None:
    """Scaffold a case from two versions, pre-filled from the offline analyzer (facts and note TODO)."""
    from summarizer.evals.scaffold import scaffold_case

    path, case = scaffold_case(old, new, case_id, cases, force=force)
    exp = case.expected
    typer.echo(
        f"wrote {path}: material={str(exp.material).lower()} severity={exp.severity} "
        f"categories={','.join(exp.categories) or '-'} — check the labels and fill in the TODOs"
    )
