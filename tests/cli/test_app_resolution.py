"""``from summarizer.cli import app`` is the Typer app with every command, whatever was imported first.

The package's name ``app`` is also its submodule ``summarizer.cli.app``: the import system binds the
package attribute to that module the first time anything imports it (a test module importing
``summarizer.cli.store_cmd`` at collection did), which used to shadow the app and break a later
``CliRunner().invoke(app, ...)`` with "module 'summarizer.cli.app' has no attribute '_add_completion'".
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import summarizer.cli

ROOT = Path(__file__).resolve().parents[2]


def test_the_app_survives_the_import_system_binding_the_submodule() -> None:
    importlib.import_module("summarizer.cli.store_cmd")  # imports summarizer.cli.app, as the leaking test did
    submodule = sys.modules["summarizer.cli.app"]
    # what the import system does when it first loads the submodule (earlier tests may have loaded it)
    summarizer.cli.app = submodule  # type: ignore[assignment]
    from summarizer.cli import app

    assert app is submodule.app
    result = CliRunner().invoke(app, ["eval", "--help"])
    assert result.exit_code == 0, result.output
    assert "compliance" in result.output
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    assert {"diff", "compare", "eval", "track", "site", "config"} <= set(commands)


def test_a_fresh_interpreter_importing_a_command_module_first_still_gets_the_app() -> None:
    code = (
        "import summarizer.cli.store_cmd\n"
        "from summarizer.cli import app\n"
        "import typer\n"
        "print(' '.join(sorted(typer.main.get_command(app).commands)))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert {"diff", "compare", "eval", "track", "history"} <= set(done.stdout.split())


def test_the_app_cannot_be_replaced_by_something_else() -> None:
    with pytest.raises(AttributeError, match="Typer app"):
        summarizer.cli.app = object()  # type: ignore[assignment]
