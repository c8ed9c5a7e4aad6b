"""``summarizer site build | serve``: the published site from the store."""

from __future__ import annotations

import json
from typing import Optional

import typer

from summarizer.cli.app import RESPONSE_FORMAT, TIMEOUT, app
from summarizer.cli.app import db_url as _db_url

site_app = typer.Typer(help="Provision pages, change-record pages and Atom feeds, built from the store.")
app.add_typer(site_app, name="site")


@site_app.command("build")
def build_command(
    out: str = typer.Argument(..., metavar="OUT", help="Folder to write the site into."),
    db: Optional[str] = typer.Option(None, "--db", help="Database URL or SQLite path."),
    base_url: Optional[str] = typer.Option(
        None,
        "--base-url",
        help="Where the site will be published (absolute links in feeds and the sitemap; "
        "default: SUMMARIZER_SITE_URL or site_url in the config, else http://127.0.0.1:8000/).",
    ),
    full: bool = typer.Option(False, "--full", help="Rewrite every page, not only those touched."),
    json_out: bool = typer.Option(False, "--json", help="Print the build summary as JSON."),
    analyzer: Optional[str] = typer.Option(
        None,
        "--analyzer",
        "-a",
        help="Who writes the provision statements: rules (extracted offline, the default) or llm "
        "(the model, through prompt provision_statement; quotes verified, the extract is the fallback).",
    ),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Model name for --analyzer llm."),
    model_url: Optional[str] = typer.Option(
        None,
        "--model-url",
        help="OpenAI-compatible endpoint for --analyzer llm (--base-url is where the site is published).",
    ),
    prompt: Optional[str] = typer.Option(
        None,
        "--prompt",
        help="Statement prompt NAME@VERSION for --analyzer llm (default provision_statement).",
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not answer model calls from the cache."),
    max_cost: Optional[float] = typer.Option(
        None, "--max-cost", min=0.0, help="Stop calling the model past this many USD."
    ),
    response_format: Optional[str] = RESPONSE_FORMAT,
    timeout: Optional[float] = TIMEOUT,
) -> None:
    """Build the site, or bring it up to date: only pages touched by new versions or records are rewritten."""
    from summarizer.analyzers import require_analyzer
    from summarizer.config import load_settings
    from summarizer.site.build import build_site

    settings = load_settings(
        db=db,
        site_url=base_url,
        analyzer=analyzer,
        model=model,
        base_url=model_url,
        response_format=response_format,
        timeout=timeout,
    )
    require_analyzer(settings.analyzer)
    statements = None
    if settings.analyzer == "llm":
        from summarizer.api import analysis_options
        from summarizer.site.statement_model import StatementWriter

        statements = StatementWriter(
            analysis_options(settings, prompt=prompt, use_cache=not no_cache, max_cost=max_cost)
        )
    try:
        summary = build_site(_db_url(db), out, base_url=settings.site_url, full=full, statements=statements)
    finally:
        if statements is not None:
            statements.close()
    if json_out:
        typer.echo(json.dumps(summary.to_dict()))
        return
    typer.echo(
        f"{'full build' if summary.full else 'update'}: {summary.documents} documents "
        f"({summary.rebuilt_documents} rebuilt), {len(summary.written)} files written "
        f"in {summary.seconds:.2f}s → {summary.out}/index.html"
    )


@site_app.command("serve")
def serve_command(
    out: str = typer.Argument(..., metavar="OUT", help="A folder made by 'summarizer site build'."),
    port: int = typer.Option(8000, "--port", "-p", min=0, max=65535, help="Port on 127.0.0.1."),
) -> None:
    """Preview a built site on http://127.0.0.1:PORT/ (local only; Ctrl-C stops it)."""
    from summarizer.site.serve import make_server

    server = make_server(out, port)
    host, bound = server.server_address[:2]
    assert isinstance(host, str)  # make_server binds "127.0.0.1" (typeshed allows a bytes host)
    typer.echo(f"serving {out} on http://{host}:{bound}/ (Ctrl-C to stop)", err=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
