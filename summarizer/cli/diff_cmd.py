"""``summarizer diff``: the section-aware diff itself."""

from __future__ import annotations

from enum import Enum

import typer

from summarizer.cli.app import app


class DiffFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("diff")
def diff_command(
    old: str = typer.Argument(
        ..., metavar="OLD", help="Old version: a .md, .txt or .html file, or '-' for stdin."
    ),
    new: str = typer.Argument(..., metavar="NEW", help="New version: a file, or '-' for stdin."),
    format: DiffFormat = typer.Option(
        DiffFormat.text, "--format", "-f", help="text (coloured) or json (the hunk list)."
    ),
    encoding: str = typer.Option(
        None, "--encoding", help="Decode inputs with this encoding instead of UTF-8."
    ),
    cosmetic: bool = typer.Option(
        True, "--cosmetic/--no-cosmetic", help="Show cosmetic hunks in text output."
    ),
    color: bool = typer.Option(
        None, "--color/--no-color", help="Force colour on or off (default: when a terminal)."
    ),
) -> None:
    """Show the section-aware diff: hunks with sections, word changes, cosmetic flags and signals."""
    if format is DiffFormat.json:  # usually answered by diff_fast before Typer even loads
        from summarizer.cli.diff_fast import write_json_diff

        write_json_diff(old, new, encoding)
        return
    from summarizer.api import diff_documents, load_pair
    from summarizer.cli.executor import signals_executor

    old_doc, new_doc = load_pair(old, new, encoding=encoding)
    with signals_executor() as executor:
        result = diff_documents(old_doc, new_doc, executor=executor)
    from rich.console import Console

    from summarizer.rendering.diff_view import print_diff

    console = Console(force_terminal=color, no_color=color is False, soft_wrap=False, highlight=False)
    print_diff(result, console, show_cosmetic=cosmetic)
