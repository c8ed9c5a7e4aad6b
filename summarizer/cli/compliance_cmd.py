"""``summarizer eval compliance``: score the compliance analysis on the golden compliance cases."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import typer

from summarizer.cli.eval_cmd import eval_app

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    from summarizer.model.compliance import ComplianceSection


@eval_app.command("compliance")
def eval_compliance_command(
    cases: str = typer.Option("evals/compliance_cases", "--cases", help="Folder of golden compliance cases."),
    split: str = typer.Option("evals/compliance_split.yaml", "--split", help="Tuning / held-out split file."),
    method: str = typer.Option(
        "offline", "--method", help="offline, or llm (needs --base-url or cassettes)."
    ),
    model: str = typer.Option(None, "--model", "-m", help="Model name for --method llm."),
    base_url: str = typer.Option(None, "--base-url", help="OpenAI-compatible endpoint for --method llm."),
    prompt: str = typer.Option(None, "--prompt", help="Compliance prompt NAME@VERSION (llm)."),
    baseline: str = typer.Option(
        None, "--baseline", help="Fail (exit 1) on a regression against this report."
    ),
    save_baseline: str = typer.Option(
        None, "--save-baseline", help="Write the report here as the new baseline."
    ),
    max_regression: float = typer.Option(0.01, "--max-regression", help="Allowed drop of a gated metric."),
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
    part: str = typer.Option(
        "all", "--part", help="all, or only the tuning or held_out cases (the others are not analysed)."
    ),
) -> None:
    """Citation precision and recall, exposure (exact, within one), jurisdiction flags, forbidden claims."""
    from pathlib import Path

    from summarizer.evals import compliance as ev

    all_cases = ev.load_cases(cases)
    parts = ev.load_split(split) if Path(split).exists() else {}
    if part != "all":
        all_cases = [c for c in all_cases if parts.get(c.id) == part]
        if not all_cases:
            raise typer.BadParameter(f"no {part!r} cases in {split}", param_hint="--part")
    analyse: Callable[[ev.ComplianceCase], ComplianceSection] = ev.offline_analyse
    if method == "llm":
        from summarizer.analyzers import AnalysisOptions
        from summarizer.config import load_settings

        settings = load_settings(model=model, base_url=base_url)
        options = AnalysisOptions(
            model=settings.model, base_url=settings.base_url, api_key=settings.api_key, prompt=prompt
        )
        analyse = ev.llm_analyser(options)
    report = ev.run_cases(all_cases, analyse, parts)
    if save_baseline:
        ev.save_report(report, save_baseline)
    if format == "json":
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        for part in ("all", "tuning", "held_out"):
            if part in report:
                row = report[part]
                typer.echo(
                    f"{part:9} n={row['cases']:2}  citations: precision {row['micro_citation_precision']:.3f} "
                    f"({row['citations']} cited)  recall {row['micro_citation_recall']:.3f} "
                    f"({row['must_cite_entries']} must-cite)  [per case: precision "
                    f"{row['citation_precision']:.3f}  recall {row['citation_recall']:.3f}]  "
                    f"exposure exact {row['exposure_exact']:.3f}  "
                    f"within one {row['exposure_within_one']:.3f}  jurisdictions R {row['jurisdiction_recall']:.3f} "
                    f"P {row['jurisdiction_precision']:.3f}  forbidden-claim rate {row['forbidden_claim_rate']:.3f}"
                )
    if baseline:
        failures = ev.gate(report, json.loads(Path(baseline).read_text(encoding="utf-8")), max_regression)
        for failure in failures:
            typer.echo(f"gate: {failure}", err=True)
        if failures:
            raise typer.Exit(1)
