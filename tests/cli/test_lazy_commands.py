"""The command line imports only the module of the command being run: every command and
subcommand must still be there when only that command's modules are loaded."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from summarizer.cli import _COMMAND_MODULES

_PROBE = """
import json, sys, typer
from summarizer.cli import _load_app
group = typer.main.get_command(_load_app(sys.argv[1] or None))
out = {}
for name, cmd in group.commands.items():
    out[name] = sorted(getattr(cmd, "commands", {}) or [])
print(json.dumps(out))
"""


def _commands(command: str) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, command], capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def everything() -> dict[str, list[str]]:
    return _commands("")


@pytest.mark.parametrize("command", sorted(_COMMAND_MODULES))
def test_a_command_loaded_alone_has_all_its_subcommands(command: str, everything) -> None:
    alone = _commands(command)
    assert command in alone
    assert alone[command] == everything[command]


def test_every_command_is_listed_for_lazy_loading(everything) -> None:
    assert set(everything) == set(_COMMAND_MODULES)
