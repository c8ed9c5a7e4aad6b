"""The CLI's one mapping from library errors to exit codes and flag hints (summarizer/cli/errors.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.cli.errors import exit_code, message
from summarizer.errors import GateFailed, InputError, NoChange, SummarizerError, UpstreamError
from summarizer.llm.pricing import BudgetExceeded

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (NoChange("same"), 0),
        (GateFailed("worse"), 1),
        (InputError("bad"), 2),
        (BudgetExceeded("over"), 2),
        (SummarizerError("odd"), 2),
        (UpstreamError("down"), 3),
    ],
)
def test_exit_codes(error: SummarizerError, code: int) -> None:
    assert exit_code(error) == code
    assert not hasattr(error, "exit_code")  # the library's errors carry none


def test_the_cli_names_the_flag_behind_a_setting() -> None:
    assert message(InputError("plain")) == "plain"
    assert message(InputError("the endpoint URL must be http(s)", setting="base_url")).endswith(
        "(see --base-url)"
    )
    assert message(InputError("limit must be at least 1", setting="limit")).endswith("(see --limit)")
    assert message(InputError("x: already exists", setting="force")).endswith("(pass --force to overwrite)")
    assert (
        message(InputError("no API key: set OPENAI_API_KEY", setting="api_key"))
        == "no API key: set OPENAI_API_KEY"
    )


def test_a_bad_endpoint_is_one_line_naming_the_flag(invoke) -> None:
    code, out, err = invoke(
        "compare",
        str(EXAMPLES / "privacy-v1.md"),
        str(EXAMPLES / "privacy-v2.md"),
        "--analyzer",
        "llm",
        "--base-url",
        "ftp://x",
    )
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("error: the endpoint URL must be an http(s) URL") and "--base-url" in err


@pytest.mark.parametrize("command", [["compare", "{old}", "{new}"], ["site", "build", "{out}"]])
def test_an_unknown_analyzer_is_one_line_with_the_flag_on_every_command(
    command: list[str], tmp_path: Path
) -> None:
    """``compare``, ``site build``, ``eval run`` and the Python API share one analyzer check."""
    import subprocess
    import sys

    paths = {
        "old": str(EXAMPLES / "privacy-v1.md"),
        "new": str(EXAMPLES / "privacy-v2.md"),
        "out": str(tmp_path),
    }
    argv = [part.format(**paths) for part in command]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "summarizer",
            *argv,
            "--analyzer",
            "nope",
            "--db",
            f"sqlite:///{tmp_path}/s.db",
        ]
        if command[0] == "site"
        else [sys.executable, "-m", "summarizer", *argv, "--analyzer", "nope"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: unknown analyzer 'nope': choose one of rules, llm (see --analyzer)"
    ]
