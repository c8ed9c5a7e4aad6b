"""`summarizer compare` and `summarizer schema` end to end (subprocess: real exit codes and streams)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer import DISCLAIMER

ROOT = Path(__file__).resolve().parents[3]
V1, V2 = ROOT / "examples" / "privacy-v1.md", ROOT / "examples" / "privacy-v2.md"


def run(*args: str, stdin: str | bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    text = not isinstance(stdin, bytes)
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        input=stdin,
        capture_output=True,
        text=text,
        timeout=120,
        env=env,
        cwd=ROOT,
    )


def test_json_format_is_a_valid_change_record():
    from summarizer.model.record import ChangeRecord

    proc = run("compare", str(V1), str(V2), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    record = ChangeRecord.model_validate_json(proc.stdout)
    assert record.material and record.provenance.analyzer == "rules"
    assert record.provenance.old_source == str(V1)


@pytest.mark.parametrize(
    "fmt,marker", [("text", "What it means for you"), ("markdown", "## Changes"), ("html", "<!DOCTYPE html>")]
)
def test_human_formats(fmt, marker):
    proc = run("compare", str(V1), str(V2), "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    assert marker in proc.stdout
    assert " ".join(DISCLAIMER.split()) in " ".join(proc.stdout.split())
    assert "\x1b[" not in proc.stdout  # not a terminal: no colour codes


def test_stdin_for_old_version():
    proc = run("compare", "-", str(V2), "--format", "json", stdin=V1.read_text(encoding="utf-8"))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["material"] is True and data["provenance"]["old_source"] == "-"


def test_output_file(tmp_path):
    target = tmp_path / "record.md"
    proc = run("compare", str(V1), str(V2), "--format", "markdown", "--output", str(target))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_identical_inputs_exit_0_with_one_line(tmp_path):
    copy = tmp_path / "same.md"
    copy.write_bytes(V1.read_bytes())
    proc = run("compare", str(V1), str(copy))
    assert proc.returncode == 0
    assert proc.stdout.strip().lower().startswith("no change") and len(proc.stdout.strip().splitlines()) == 1


@pytest.mark.parametrize("case", ["missing", "empty", "binary", "directory"])
def test_bad_input_exit_2_one_line_no_traceback(tmp_path, case):
    bad = tmp_path / "bad.md"
    if case == "empty":
        bad.write_text("")
    elif case == "binary":
        bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    elif case == "directory":
        bad = tmp_path
    proc = run("compare", str(V1), str(bad))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and str(bad) in lines[0]
    assert proc.stdout == ""


def test_unknown_analyzer_and_format_are_usage_errors():
    for args in (("--analyzer", "magic"), ("--format", "pdf")):
        proc = run("compare", str(V1), str(V2), *args)
        assert proc.returncode == 2, args
        assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_both_stdin_is_refused():
    proc = run("compare", "-", "-", stdin="x")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_offline_compare_does_not_import_model_libraries():
    code = (
        "import sys; from summarizer.cli import main\n"
        "try:\n    main(['compare', %r, %r, '--format', 'json'])\nexcept SystemExit:\n    pass\n"
        "bad = [m for m in ('openai', 'langchain_text_splitters', 'tiktoken', 'textstat', 'sqlalchemy') if m in sys.modules]\n"
        "print('HEAVY', bad, file=sys.stderr)"
    ) % (str(V1), str(V2))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert "HEAVY []" in proc.stderr, proc.stderr


def test_schema_command_prints_the_record_schema():
    proc = run("schema")
    assert proc.returncode == 0, proc.stderr
    schema = json.loads(proc.stdout)
    assert schema["title"] == "ChangeRecord"
    assert {"material", "severity", "changes", "provenance", "disclaimer"} <= set(schema["properties"])
    assert schema["$schema"].startswith("https://json-schema.org/")


def test_encoding_option(tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_bytes(
        "Café privacy\n\nWe keep your data for 30 days after you leave the café.\n".encode("latin-1")
    )
    new.write_bytes(
        "Café privacy\n\nWe keep your data for 90 days after you leave the café.\n".encode("latin-1")
    )
    refused = run("compare", str(old), str(new))
    assert refused.returncode == 2 and "--encoding" in refused.stderr and "Traceback" not in refused.stderr
    proc = run("compare", str(old), str(new), "--encoding", "latin-1", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["material"] is True
