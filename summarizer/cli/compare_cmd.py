"""``summarizer compare`` (one change record for two versions) and ``summarizer schema``."""

from __future__ import annotations

import json
import sys
from enum import Enum

import typer

from summarizer.cli.app import CHUNK_TOKENS, MAX_OUTPUT_TOKENS, RESPONSE_FORMAT, TIMEOUT, app


class RecordFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"


@app.command("compare")
def compare_command(
    old: str = typer.Argument(
        ..., metavar="OLD", help="Old version: a .md, .txt or .html file, or '-' for stdin."
    ),
    new: str = typer.Argument(..., metavar="NEW", help="New version: a file, or '-' for stdin."),
    format: RecordFormat = typer.Option(
        RecordFormat.text, "--format", "-f", help="text, json, markdown or html."
    ),
    analyzer: str = typer.Option(None, "--analyzer", "-a", help="rules (offline, the default) or llm."),
    model: str = typer.Option(None, "--model", "-m", help="Model name for --analyzer llm."),
    base_url: str = typer.Option(None, "--base-url", help="OpenAI-compatible endpoint for --analyzer llm."),
    prompt: str = typer.Option(None, "--prompt", help="Prompt template NAME@VERSION for --analyzer llm."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not answer model calls from the cache."),
    max_cost: float = typer.Option(
        None, "--max-cost", min=0.0, help="Stop before spending more than this many USD."
    ),
    chunk_tokens: int = CHUNK_TOKENS,
    max_output_tokens: int = MAX_OUTPUT_TOKENS,
    timeout: float = TIMEOUT,
    response_format: str = RESPONSE_FORMAT,
    encoding: str = typer.Option(
        None, "--encoding", help="Decode inputs with this encoding instead of UTF-8."
    ),
    output: str = typer.Option(
        None, "--output", "-o", help="Write the record to this file instead of stdout."
    ),
    color: bool = typer.Option(
        None, "--color/--no-color", help="Colours in text output (default: when a terminal)."
    ),
    service: str = typer.Option(None, "--service", help="The service, named in the record (e.g. Spotify)."),
    document: str = typer.Option(
        None, "--document", help="The document, named in the record (e.g. 'Privacy Policy')."
    ),
    old_date: str = typer.Option(None, "--old-date", help="Date of the old version, kept in the record."),
    new_date: str = typer.Option(None, "--new-date", help="Date of the new version, kept in the record."),
    compliance: bool = typer.Option(
        False, "--compliance", help="Add the compliance analysis (rules engaged, exposure, what to check)."
    ),
    compliance_method: str = typer.Option(
        "offline", "--compliance-method", help="offline (the default) or llm (offline is the fallback)."
    ),
) -> None:
    """Explain how a document changed: one change record (severity, shifts, quotes) for OLD → NEW."""
    from summarizer.analyzers import ANALYZERS
    from summarizer.api import analysis_options, compare_files
    from summarizer.config import load_settings
    from summarizer.errors import InputError

    settings = load_settings(
        model=model,
        base_url=base_url,
        analyzer=analyzer,
        chunk_tokens=chunk_tokens,
        max_output_tokens=max_output_tokens,
        timeout=timeout,
        response_format=response_format,
    )
    if settings.analyzer not in ANALYZERS:
        raise InputError(f"unknown analyzer {settings.analyzer!r}: choose one of {', '.join(ANALYZERS)}")
    options = analysis_options(settings, prompt=prompt, use_cache=not no_cache, max_cost=max_cost)
    from summarizer.cli.executor import signals_executor

    with signals_executor() as executor:
        record = compare_files(
            old,
            new,
            settings.analyzer,
            options,
            encoding=encoding,
            compliance=compliance_method if compliance else None,
            executor=executor,
        )
    if service or document or old_date or new_date:
        from summarizer.api import name_record

        name_record(record, service=service, document=document, old_date=old_date, new_date=new_date)

    if output is not None:
        from pathlib import Path

        from summarizer.rendering import render

        try:
            Path(output).write_text(render(record, format.value), encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{output}: cannot write ({exc.strerror})") from None
        return
    if format is RecordFormat.text and (color if color is not None else sys.stdout.isatty()):
        from rich.console import Console

        from summarizer.rendering.text import print_record

        print_record(record, Console(highlight=False))
        return
    from summarizer.rendering import render

    sys.stdout.write(render(record, format.value))


@app.command("schema")
def schema_command() -> None:
    """Print the ChangeRecord JSON Schema."""
    from summarizer.model.record import record_json_schema

    typer.echo(json.dumps(record_json_schema(), indent=2, ensure_ascii=False))
