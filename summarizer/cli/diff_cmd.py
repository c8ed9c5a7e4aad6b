"""``summarizer diff``: the section-aware diff itself.

Its options and work live without Typer (:mod:`summarizer.cli.options`,
:mod:`summarizer.cli.run_commands`); most command lines never load this module.
"""

from __future__ import annotations

from summarizer.cli.app import app
from summarizer.cli.options import DIFF_PARAMS, typer_command
from summarizer.cli.run_commands import run_diff

app.command("diff")(typer_command("diff", DIFF_PARAMS, run_diff))
