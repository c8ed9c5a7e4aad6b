"""``summarizer compare`` (one change record for two versions) and ``summarizer schema``.

The compare command's options and work live without Typer (:mod:`summarizer.cli.options`,
:mod:`summarizer.cli.run_commands`); most command lines never load this module.
"""

from __future__ import annotations

import json

import typer

from summarizer.cli.app import app
from summarizer.cli.options import COMPARE_PARAMS, typer_command
from summarizer.cli.run_commands import run_compare

app.command("compare")(typer_command("compare", COMPARE_PARAMS, run_compare))


@app.command("schema")
def schema_command() -> None:
    """Print the ChangeRecord JSON Schema."""
    from summarizer.model.record import record_json_schema

    typer.echo(json.dumps(record_json_schema(), indent=2, ensure_ascii=False))
