"""The Typer application object shared by the command modules."""

from __future__ import annotations

import typer

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


# Model-call tuning shared by every command that can run --analyzer llm: flags for load_settings,
# which falls back to the environment (SUMMARIZER_CHUNK_TOKENS, ...), then the prompt's manifest.
CHUNK_TOKENS = typer.Option(
    None,
    "--chunk-tokens",
    min=100,
    help="Token budget for the changes in one model call (llm; smaller for small context windows).",
)
MAX_OUTPUT_TOKENS = typer.Option(
    None, "--max-output-tokens", min=1, help="Answer tokens per model call (llm)."
)
TIMEOUT = typer.Option(None, "--timeout", min=1.0, help="Seconds per model request before retrying (llm).")
RESPONSE_FORMAT = typer.Option(
    None,
    "--response-format",
    help="json_schema (structured outputs, the default) or json_object_schema (schema inside JSON mode: llama-cpp-python).",
)


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
