"""Run the command line in process, for tests: exit code, stdout and stderr."""

from __future__ import annotations

from typing import Any


def run_cli(capsys: Any, *args: str) -> tuple[int, str, str]:
    """``summarizer ARGS...`` through :func:`summarizer.cli.main`, with pytest's *capsys* collecting
    the output; returns (exit code, stdout, stderr)."""
    from summarizer.cli import main

    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
