"""``summarizer ingest | track | history | show``: the store on the command line.

Thin: options are parsed here, the work is in :mod:`summarizer.store`. Progress bars go to stderr
so ``--format json`` output on stdout stays clean.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Optional

import typer

from summarizer.cli.app import CHUNK_TOKENS, MAX_OUTPUT_TOKENS, RESPONSE_FORMAT, TIMEOUT, app
from summarizer.cli.app import db_url as _db_url

DB_HELP = "Database URL or SQLite path (default: SUMMARIZER_DB, else summarizer.db in the state directory)."


class OutFormat(str, Enum):
    text = "text"
    json = "json"


class RecordFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"


def _progress(label: str, enabled: bool):
    """A rich progress bar on stderr (a no-op context when disabled or not a terminal)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=False,
        disable=not enabled or not console.is_terminal,
    )


@app.command("ingest")
def ingest_command(
    path: str = typer.Argument(
        ...,
        metavar="PATH",
        help="A file (one version), a folder of dated snapshots, or a git repository in "
        "Open Terms Archive layout (<service>/<document type>.md, one commit per version).",
    ),
    service: Optional[str] = typer.Option(
        None, "--service", "-s", help="Service name (a git repository: only this one)."
    ),
    document: Optional[str] = typer.Option(
        None,
        "--document",
        "-d",
        help="Document type, e.g. 'Privacy Policy' (a git repository: only this one).",
    ),
    date: Optional[str] = typer.Option(
        None, "--date", help="Capture date of a single file (ISO), instead of now."
    ),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    format: OutFormat = typer.Option(OutFormat.text, "--format", "-f", help="text or json (the summary)."),
    progress: bool = typer.Option(
        True, "--progress/--no-progress", help="Show a progress bar on a terminal."
    ),
) -> None:
    """Store new versions of documents; versions already stored, or identical to the previous one, are skipped."""
    from summarizer.store.ingest import ingest_path
    from summarizer.store.sources import parse_when

    when = parse_when(date) if date else None
    url = _db_url(db)
    with _progress("ingesting", progress) as bar:
        task = bar.add_task("ingest", total=None)

        def on_progress(seen: int, total: int | None) -> None:
            bar.update(task, completed=seen, total=total)

        summary = ingest_path(
            url, path, service=service, document=document, when=when, on_progress=on_progress
        )
    if format is OutFormat.json:
        typer.echo(json.dumps(summary.to_dict()))
        _fail_on_bad_files(summary.failed)
        return
    skipped = []
    if summary.already_stored:
        skipped.append(f"{summary.already_stored} already stored")
    if summary.identical_to_previous:
        skipped.append(f"{summary.identical_to_previous} identical to the previous version")
    if summary.backdated:
        skipped.append(f"{summary.backdated} moved an existing version to an earlier date")
    typer.echo(
        f"{summary.added} new version{'s' if summary.added != 1 else ''}"
        + (f" ({', '.join(skipped)})" if skipped else "")
        + f" across {len(summary.documents)} document{'s' if len(summary.documents) != 1 else ''}"
    )
    for name, added in sorted(summary.documents.items()):
        if added:
            typer.echo(f"  {name}: +{added}")
    _fail_on_bad_files(summary.failed)


def _fail_on_bad_files(failed: list[str]) -> None:
    """The good files are stored; a file that could not be read is one line and exit 2."""
    if failed:
        from summarizer.errors import InputError

        more = f" (and {len(failed) - 1} more bad files)" if len(failed) > 1 else ""
        raise InputError(f"not stored: {failed[0]}{more}")


def _workers(value: str) -> int | str:
    """``--workers``: 'auto' or a count from 1 to 64."""
    from summarizer.errors import InputError

    if value.strip().lower() == "auto":
        return "auto"
    try:
        count = int(value)
    except ValueError:
        raise InputError(f"--workers must be a number from 1 to 64, or auto (got {value!r})") from None
    if not 1 <= count <= 64:
        raise InputError(f"--workers must be from 1 to 64, or auto (got {count})")
    return count


@app.command("track")
def track_command(
    analyzer: Optional[str] = typer.Option(
        None, "--analyzer", "-a", help="rules (offline, the default) or llm."
    ),
    service: Optional[str] = typer.Option(None, "--service", "-s", help="Only this service's documents."),
    document: Optional[str] = typer.Option(None, "--document", "-d", help="Only documents of this type."),
    limit: Optional[int] = typer.Option(
        None, "--limit", "-n", min=1, help="Make at most this many records, then stop."
    ),
    workers: str = typer.Option(
        "auto",
        "--workers",
        "-w",
        help="Worker processes on this machine: a number (1-64), or auto (one per core for the "
        "rules analyzer; more for the model path, within its requests-per-minute limit).",
    ),
    retry_failed: bool = typer.Option(
        False, "--retry-failed", help="Try again pairs that failed in an earlier run."
    ),
    lease: float = typer.Option(
        120.0,
        "--lease",
        min=1.0,
        help="Seconds a claimed pair stays reserved without a heartbeat (after a crash on "
        "another machine, others take it over after this).",
    ),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Model name for --analyzer llm."),
    base_url: Optional[str] = typer.Option(
        None, "--base-url", help="OpenAI-compatible endpoint for --analyzer llm."
    ),
    prompt: Optional[str] = typer.Option(
        None, "--prompt", help="Prompt template NAME@VERSION for --analyzer llm."
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not answer model calls from the cache."),
    max_cost: Optional[float] = typer.Option(
        None, "--max-cost", min=0.0, help="Per-record cost cap in USD (llm)."
    ),
    chunk_tokens: Optional[int] = CHUNK_TOKENS,
    max_output_tokens: Optional[int] = MAX_OUTPUT_TOKENS,
    timeout: Optional[float] = TIMEOUT,
    response_format: Optional[str] = RESPONSE_FORMAT,
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    notify: Optional[str] = typer.Option(
        None,
        "--notify",
        help="POST a signed JSON alert to this URL for each new material record (default: "
        "SUMMARIZER_NOTIFY_URL or notify_url in the config; the secret: SUMMARIZER_NOTIFY_SECRET).",
    ),
    site_url: Optional[str] = typer.Option(
        None, "--site-url", help="Base URL of the published site, for the record links in alerts."
    ),
    format: OutFormat = typer.Option(OutFormat.text, "--format", "-f", help="text or json (the summary)."),
    progress: bool = typer.Option(
        True, "--progress/--no-progress", help="Show a progress bar on a terminal."
    ),
    compliance: bool = typer.Option(
        False,
        "--compliance",
        help="Add the offline compliance analysis to each record, and to stored records that lack it "
        "(setting: SUMMARIZER_COMPLIANCE=offline).",
    ),
) -> None:
    """Make a change record for every consecutive version pair that has none (resumable; run it in parallel freely)."""
    from summarizer.api import analysis_options
    from summarizer.config import load_settings
    from summarizer.tracking import track

    settings = load_settings(
        db=db,
        model=model,
        base_url=base_url,
        analyzer=analyzer,
        chunk_tokens=chunk_tokens,
        max_output_tokens=max_output_tokens,
        timeout=timeout,
        response_format=response_format,
        notify_url=notify,
        site_url=site_url,
    )
    if settings.notify_url and not settings.notify_secret:
        from summarizer.errors import InputError

        raise InputError(
            "alerts need a signing secret: set SUMMARIZER_NOTIFY_SECRET or notify_secret in the config file"
        )
    options = analysis_options(settings, prompt=prompt, use_cache=not no_cache, max_cost=max_cost)
    with _progress("tracking", progress) as bar:
        task = bar.add_task("track", total=None)

        def on_progress(p) -> None:
            done = max(0, p.total - p.remaining) if p.remaining is not None else p.done
            bar.update(task, total=p.total, completed=done)

        summary = track(
            settings.db_url,
            settings.analyzer,
            options,
            service=service,
            document=document,
            limit=limit,
            workers=_workers(workers),
            lease_seconds=lease,
            retry_failed=retry_failed,
            on_progress=on_progress,
            notify=(settings.notify_url,) if settings.notify_url else (),
            compliance="offline" if compliance else settings.compliance,
        )
    alerts = None
    if settings.notify_url:  # after every record is stored: a slow receiver never holds records back
        from summarizer.site.alerts import deliver_pending

        alerts = deliver_pending(
            settings.db_url, settings.notify_url, settings.notify_secret, site_url=settings.site_url
        )
    if format is OutFormat.json:
        out = summary.to_dict()
        if alerts is not None:
            out["alerts"] = {k: v for k, v in alerts.to_dict().items() if k != "target"}
        typer.echo(json.dumps(out))
        return
    if alerts is not None:
        typer.echo(
            f"alerts: {alerts.delivered} delivered, {alerts.pending} still pending (sent again next run)",
            err=True,
        )
    parts = [f"{summary.made} record{'s' if summary.made != 1 else ''} made"]
    if summary.already_made:
        parts.append(f"{summary.already_made} made by another tracker")
    if summary.failed:
        parts.append(f"{summary.failed} failed")
    if summary.compliance_added:
        n = summary.compliance_added
        parts.append(f"compliance section added to {n} stored record{'s' if n != 1 else ''}")
    typer.echo(
        f"{', '.join(parts)} ({summary.analyzer}, {summary.seconds:.1f}s); "
        f"{summary.remaining} of {summary.pairs} pairs still without a record"
    )
    for error in summary.errors[:10]:
        typer.echo(f"  failed: {error}", err=True)


@app.command("history")
def history_command(
    service: str = typer.Argument(..., metavar="SERVICE", help="Service name as ingested."),
    document: Optional[str] = typer.Argument(None, metavar="[DOCUMENT]", help="Only this document type."),
    analyzer: Optional[str] = typer.Option(
        None,
        "--analyzer",
        "-a",
        help="Use this analyzer's records (default: the newest record of each pair).",
    ),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    format: OutFormat = typer.Option(OutFormat.text, "--format", "-f", help="text or json."),
) -> None:
    """The timeline of versions, material changes and each provision's severity, with shifts marked."""
    from summarizer.store.history import format_history, history

    histories = history(_db_url(db), service, document, analyzer=analyzer)
    if format is OutFormat.json:
        typer.echo(json.dumps([h.to_dict() for h in histories], ensure_ascii=False, indent=2))
        return
    sys.stdout.write(format_history(histories))


@app.command("show")
def show_command(
    record_id: int = typer.Argument(..., metavar="RECORD_ID", help="A record id (see 'summarizer history')."),
    format: RecordFormat = typer.Option(
        RecordFormat.text, "--format", "-f", help="text, json, markdown or html."
    ),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    color: Optional[bool] = typer.Option(
        None, "--color/--no-color", help="Colours in text output (default: when a terminal)."
    ),
) -> None:
    """Render a stored change record in any format of 'compare'."""
    from summarizer.rendering import render
    from summarizer.store.repository import load_record

    row = load_record(_db_url(db), record_id)
    record = row.record()
    if format is RecordFormat.text and (color if color is not None else sys.stdout.isatty()):
        from rich.console import Console

        from summarizer.rendering.text import print_record

        print_record(record, Console(highlight=False))
        return
    sys.stdout.write(render(record, format.value))
