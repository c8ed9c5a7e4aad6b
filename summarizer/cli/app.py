"""The Typer application object shared by the command modules."""

from __future__ import annotations

import typer

from summarizer.cli import options
from summarizer.cli.options import typer_default

app = typer.Typer(
    name="summarizer",
    help="Explain how terms of service and privacy policies change.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def db_url(db: str | None) -> str:
    """The database URL in force: ``--db``, else ``SUMMARIZER_DB``/config, else the state directory."""
    from summarizer.config import load_settings

    return load_settings(db=db).db_url


# Model-call tuning shared by every command that can run --analyzer llm (declared once, in
# summarizer.cli.options, where compare's fast path reads them too).
CHUNK_TOKENS = typer_default(options.CHUNK_TOKENS)
MAX_OUTPUT_TOKENS = typer_default(options.MAX_OUTPUT_TOKENS)
TIMEOUT = typer_default(options.TIMEOUT)
RESPONSE_FORMAT = typer_default(options.RESPONSE_FORMAT)


def _version(value: bool) -> None:
    if value:
        from summarizer.about import __version__

        typer.echo(f"change-summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Explain how terms of service and privacy policies change."""
