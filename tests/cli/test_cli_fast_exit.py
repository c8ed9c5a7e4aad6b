"""The ``summarizer`` command leaves without the interpreter's teardown when nothing needs closing
(:func:`summarizer.cli.entry`): the output, the exit code and the exit handlers are as before."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.cli import main

OLD = "# Terms\n\nWe keep your data for 30 days.\n"
NEW = "# Terms\n\nWe keep your data for 90 days and may share it with partners.\n"


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def _run(*args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    command = (
        [sys.executable, "-m", "summarizer", *args] if code is None else [sys.executable, "-c", code, *args]
    )
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_the_command_prints_what_main_prints_and_exits_0(pair, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = pair
    try:
        main(["compare", str(old), str(new), "--format", "json"])
    except SystemExit as exc:  # main returns, or exits 0
        assert exc.code in (0, None)
    in_process = capsys.readouterr().out
    done = _run("compare", str(old), str(new), "--format", "json")
    assert done.returncode == 0 and done.stderr == ""
    ours, theirs = json.loads(done.stdout), json.loads(in_process)  # complete: it parses
    ours.pop("provenance"), theirs.pop("provenance")  # timings differ
    assert ours == theirs and done.stdout.endswith("}\n")


def test_bad_input_is_still_one_line_and_exit_2(tmp_path: Path) -> None:
    done = _run("compare", str(tmp_path / "missing.md"), str(tmp_path / "also-missing.md"))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: ")


def test_exit_handlers_still_run_and_an_output_file_is_complete(pair, tmp_path: Path) -> None:
    old, new = pair
    out = tmp_path / "record.json"
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('handler ran', file=sys.stderr))\n"
        "sys.argv = ['summarizer', *sys.argv[1:]]\n"
        "from summarizer.cli import entry\n"
        "entry()\n"
    )
    done = _run("compare", str(old), str(new), "--format", "json", "-o", str(out), code=code)
    assert done.returncode == 0, done.stderr
    assert "handler ran" in done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["material"] is True
