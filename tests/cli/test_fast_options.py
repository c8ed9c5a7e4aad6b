"""`diff` and `compare` read their usual command lines without Typer, from the same declarations
Typer builds its commands from (summarizer.cli.options): both paths must accept the same options
and print the same bytes, and anything unusual must go to Typer."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys

import pytest

from summarizer.cli.options import COMPARE_PARAMS, DIFF_PARAMS, parse
from summarizer.cli.run_commands import FAST_COMMANDS, run_compare, run_diff


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "summarizer", *args], capture_output=True, timeout=120)


def test_usual_diff_command_lines_are_read():
    assert parse(DIFF_PARAMS, ["a", "b", "--format", "json"]) == {
        "old": "a",
        "new": "b",
        "format": "json",
        "encoding": None,
        "cosmetic": True,
        "color": None,
    }
    got = parse(DIFF_PARAMS, ["-f", "json", "-", "b", "--encoding=cp1252", "--no-color", "--no-cosmetic"])
    assert got is not None
    assert (got["old"], got["new"], got["encoding"], got["color"], got["cosmetic"]) == (
        "-",
        "b",
        "cp1252",
        False,
        False,
    )
    assert parse(DIFF_PARAMS, ["a", "b"])["format"] == "text"  # type: ignore[index]


def test_usual_compare_command_lines_are_read():
    got = parse(
        COMPARE_PARAMS,
        [
            "a",
            "--format=markdown",
            "b",
            "--max-cost",
            "0.5",
            "--chunk-tokens",
            "800",
            "--no-cache",
            "--service",
            "X",
        ],
    )
    assert got is not None
    assert (got["old"], got["new"], got["format"], got["max_cost"], got["chunk_tokens"]) == (
        "a",
        "b",
        "markdown",
        0.5,
        800,
    )
    assert got["no_cache"] is True and got["service"] == "X" and got["compliance"] is False
    assert got["compliance_method"] == "offline" and got["analyzer"] is None


@pytest.mark.parametrize(
    "argv",
    [
        ["a", "b", "--format", "JSON"],  # not a choice: Typer owns the message
        ["a", "b", "-fjson"],  # short-option cluster
        ["a", "b", "-f=json"],
        ["a", "b", "--help"],
        ["a", "--format", "json"],  # missing NEW
        ["a", "b", "c"],
        ["a", "b", "--format", "json", "--format", "json"],  # repeated
        ["a", "b", "--color", "--no-color"],
        ["a", "b", "--format"],
        ["--", "a", "b"],
        ["a", "b", "--fromat", "json"],
        ["a", "b", "--chunk-tokens", "50"],  # below its minimum
        ["a", "b", "--chunk-tokens", "many"],
        ["a", "b", "--max-cost=-1"],
        ["a", "b", "--no-cache=1"],
        [],
    ],
)
def test_everything_else_is_left_to_typer(argv):
    params = (
        COMPARE_PARAMS
        if "--chunk-tokens" in argv or "--max-cost=-1" in argv or "--no-cache=1" in argv
        else DIFF_PARAMS
    )
    assert parse(params, argv) is None
    if params is DIFF_PARAMS:
        assert parse(COMPARE_PARAMS, argv) is None


def test_the_declarations_are_the_run_functions_parameters():
    for name, (params, function) in FAST_COMMANDS.items():
        assert [p.name for p in params] == list(inspect.signature(function).parameters), name
        defaults = {k: v.default for k, v in inspect.signature(function).parameters.items()}
        for p in params:
            if not p.argument:
                assert defaults[p.name] == p.default, (name, p.name)
    assert FAST_COMMANDS["diff"][1] is run_diff and FAST_COMMANDS["compare"][1] is run_compare


def test_typer_builds_the_same_options():
    import typer

    from summarizer.cli import _load_app

    group = typer.main.get_command(_load_app("compare"))
    for command, params in (("compare", COMPARE_PARAMS), ("diff", DIFF_PARAMS)):
        group = typer.main.get_command(_load_app(command))
        built = {p.name: p for p in group.commands[command].params}  # type: ignore[attr-defined]
        assert list(built) == [p.name for p in params]
        for p in params:
            if p.argument:
                continue
            flags = [*built[p.name].opts, *built[p.name].secondary_opts]
            assert sorted(flags) == sorted(f for flag in p.flags for f in flag.split("/")), p.name


@pytest.mark.parametrize(
    "fast, via_typer",
    [
        (["diff", "{old}", "{new}", "--format", "json"], ["diff", "{old}", "{new}", "-fjson"]),
        (["compare", "{old}", "{new}", "--format", "json"], ["compare", "{old}", "{new}", "-fjson"]),
        (["compare", "{old}", "{new}", "-f", "markdown"], ["compare", "{old}", "{new}", "-fmarkdown"]),
        (["compare", "{old}", "{new}", "--no-color"], ["compare", "{old}", "{new}", "--no-color", "-ftext"]),
    ],
)
def test_fast_and_typer_paths_print_the_same_bytes(ota_dir, fast, via_typer):
    pair = ota_dir / "wix-privacy-policy-2020-07-13-2020-07-22"
    paths = {"old": str(pair / "old.md"), "new": str(pair / "new.md")}
    a = run(*[x.format(**paths) for x in fast])
    b = run(*[x.format(**paths) for x in via_typer])  # a short-option cluster goes through Typer
    assert a.returncode == b.returncode == 0, a.stderr + b.stderr
    strip = re.compile(rb'"timings_ms": \{[^{}]*\}|[0-9.]+ ms\b')  # timings differ from run to run
    assert strip.sub(b"", a.stdout) == strip.sub(b"", b.stdout)
    assert len(a.stdout) > 200


@pytest.mark.parametrize("command", ["diff", "compare"])
def test_the_usual_command_loads_neither_typer_nor_pydantic(tmp_path, command):
    (tmp_path / "a.md").write_text("# T\n\nWe keep logs for 30 days.\n")
    (tmp_path / "b.md").write_text("# T\n\nWe keep logs for 90 days and sell them.\n")
    code = (
        "import sys; from summarizer.cli import main; main(sys.argv[1:]); "
        "sys.stderr.write(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'pydantic', 'rich', 'openai', 'httpx'))))"
    )
    argv = [command, str(tmp_path / "a.md"), str(tmp_path / "b.md"), "--format", "json"]
    proc = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert ('"new": "90 days"' if command == "diff" else '"material": true') in proc.stdout
    assert proc.stderr == ""


def test_usage_errors_still_come_from_typer(tmp_path):
    (tmp_path / "a.md").write_text("a\n")
    done = run("compare", str(tmp_path / "a.md"), str(tmp_path / "a.md"), "--format", "pdf")
    assert done.returncode == 2
    assert b"'pdf' is not one of" in done.stderr or b"Invalid value" in done.stderr
