"""A failed write to standard output is one line and exit 2, never a traceback (issue 16, item 6)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.hostile.conftest import ROOT

EXAMPLES = ROOT / "examples"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_full_disk_is_one_line_and_exit_2(fmt: str) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "summarizer",
                "compare",
                str(EXAMPLES / "privacy-v1.md"),
                str(EXAMPLES / "privacy-v2.md"),
                "--format",
                fmt,
            ],
            stdout=full,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=120,
        )
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err
    assert err.strip().count("\n") == 0 and "No space left" in err


def test_diff_json_to_a_full_disk() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "summarizer",
                "diff",
                str(EXAMPLES / "privacy-v1.md"),
                str(EXAMPLES / "privacy-v2.md"),
                "--format",
                "json",
            ],
            stdout=full,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=120,
        )
    assert done.returncode == 2 and done.stderr.decode().count("\n") == 1


def test_closed_pipe_is_one_line_and_exit_2(tmp_path) -> None:
    big = tmp_path / "big.md"
    big.write_text(
        "# T\n\n" + "\n\n".join(f"Paragraph {i} says we keep data." for i in range(20000)), encoding="utf-8"
    )
    other = tmp_path / "other.md"
    other.write_text(
        "# T\n\n" + "\n\n".join(f"Paragraph {i} says we sell data." for i in range(20000)), encoding="utf-8"
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "summarizer", "diff", str(big), str(other), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    proc.stdout.read(10)
    proc.stdout.close()  # the reader goes away, as `| head -c 10` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 2, err
    assert "Traceback" not in err and err.count("\n") == 1 and "error:" in err
