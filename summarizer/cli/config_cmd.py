"""``summarizer config``: show the settings in force, secrets masked."""

from __future__ import annotations

import json

import typer

from summarizer.cli.app import app


@app.command("config")
def config_command(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Show the settings in force and where each came from (secrets masked)."""
    from summarizer.config import load_settings

    shown = load_settings().masked()
    if as_json:
        typer.echo(json.dumps(shown, indent=2))
        return
    width = max(len(k) for k in shown)
    for key, item in shown.items():
        typer.echo(f"{key:<{width}}  {item['value']!s:<40}  ({item['source']})")
