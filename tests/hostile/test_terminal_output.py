"""Nothing a document or a service name says can drive the terminal (issue 16, item 3): escape
sequences and control characters are stripped from everything printed, checked through a real
pseudo-terminal for compare, diff, ingest and history."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys

import pytest

from summarizer.cli.safe_output import strip_controls
from tests.hostile.conftest import ROOT

CLEAR = "\x1b[2J\x1b[H"
UP = "\x1b[3A\x1b[2K"
OSC8 = "\x1b]8;;https://evil.example/\x1b\\click here\x1b]8;;\x1b\\"
TITLE = "\x1b]0;pwned\x07"
C1_CSI = "\x9b2J"
BAD = [CLEAR, UP, OSC8, TITLE, C1_CSI, "\r", "\x08"]


def _run_in_pty(*args: str, env: dict[str, str]) -> tuple[int, bytes]:
    """Run the command line with a pseudo-terminal as stdout and stderr; all it printed."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "summarizer", *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "120", "TERM": "xterm", **env},
        cwd=str(ROOT),
    )
    os.close(follower)
    out = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            proc.kill()
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    return proc.wait(timeout=60), out


def _assert_clean(out: bytes) -> None:
    text = out.decode("utf-8", "replace")
    for seq in ("\x1b[2J", "\x1b[H", "\x1b[3A", "\x1b[2K", "\x1b]8;", "\x1b]0;", "\x9b", "\x08"):
        assert seq not in text, repr(seq)
    # the pty turns each \n into \r\n; any other carriage return came from the document
    assert "\r" not in text.replace("\r\n", "\n")


def _hostile_pair(tmp_path):
    old = tmp_path / "old.md"
    new = tmp_path / "new.md"
    # enough ordinary text that a few control characters do not make the file look binary
    filler = "".join(
        f"\n\n## Part {i}\n\nWe explain part {i} of how the service works in plain words." for i in range(40)
    )
    old.write_text(
        "# Privacy\n\nWe will not sell your personal information.\n\nWe keep data 30 days.\n" + filler,
        encoding="utf-8",
    )
    words = " ".join(BAD)
    new.write_text(
        f"# Privacy {CLEAR}\n\nWe may sell your personal information. {words}\n\n"
        f"We keep data 5 years.{UP}Severity: NONE\n" + filler,
        encoding="utf-8",
    )
    return old, new


@pytest.mark.parametrize("command", ["compare", "diff"])
def test_document_escapes_never_reach_the_terminal(command, tmp_path) -> None:
    old, new = _hostile_pair(tmp_path)
    code, out = _run_in_pty(command, str(old), str(new), env={"SUMMARIZER_HOME": str(tmp_path / "home")})
    assert code == 0, out
    assert b"sell your personal information" in out
    _assert_clean(out)


def test_service_name_escapes_never_reach_the_terminal_in_ingest_and_history(tmp_path) -> None:
    old, new = _hostile_pair(tmp_path)
    env = {"SUMMARIZER_HOME": str(tmp_path / "home")}
    service = f"Evil{CLEAR}{OSC8}Corp"
    outputs = []
    for path, date in ((old, "2024-01-01"), (new, "2024-02-01")):
        code, out = _run_in_pty(
            "ingest",
            str(path),
            "--service",
            service,
            "--document",
            "Privacy",
            "--date",
            date,
            "--no-progress",
            env=env,
        )
        assert code == 0, out
        outputs.append(out)
    code, out = _run_in_pty("history", service, env=env)
    outputs.append(out)
    for out in outputs:
        _assert_clean(out)
    assert b"EvilCorp" in outputs[0] or b"Evilclick hereCorp" in outputs[0]


def test_colour_codes_of_our_own_survive() -> None:
    assert strip_controls("\x1b[1;31mhigh\x1b[0m") == "\x1b[1;31mhigh\x1b[0m"
    assert strip_controls(f"a{CLEAR}b{OSC8}c\rd\x9b2Je") == "abclick herecde"
