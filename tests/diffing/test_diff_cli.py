"""`summarizer diff` end to end: formats, stdin, and one clear line (exit 2) for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

OLD = "# Privacy\n\n## Sharing\n\nWe will not sell your data.\n\nWe keep logs for 30 days.\n\nLast updated: 1 May 2024\n"
NEW = "# Privacy\n\n## Sharing\n\nWe may share your data with partners and advertisers.\n\nWe keep logs for 180 days.\n\nLast updated: 9 June 2024\n"


def run(*args, stdin: str | None = None, env=None):
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_json_output_lists_hunks_with_sections_and_signals(tmp_path):
    (tmp_path / "a.md").write_text(OLD)
    (tmp_path / "b.md").write_text(NEW)
    proc = run("diff", str(tmp_path / "a.md"), str(tmp_path / "b.md"), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["material"] is True
    substantive = [h for h in data["hunks"] if not h["cosmetic"]]
    assert len(substantive) == 2
    assert all(h["section_new"] == ["Privacy", "Sharing"] for h in substantive)
    dated = [h for h in data["hunks"] if "Last updated" in h["new_text"]]
    assert dated and dated[0]["cosmetic"] and "date" in dated[0]["cosmetic_reason"]


def test_text_output_and_stdin(tmp_path):
    (tmp_path / "b.md").write_text(NEW)
    proc = run("diff", "-", str(tmp_path / "b.md"), "--no-color", stdin=OLD)
    assert proc.returncode == 0, proc.stderr
    assert "§ Privacy › Sharing" in proc.stdout
    assert "MODIFIED" in proc.stdout and "material change" in proc.stdout


def test_identical_inputs_say_no_change(tmp_path):
    (tmp_path / "a.md").write_text(OLD)
    proc = run("diff", str(tmp_path / "a.md"), str(tmp_path / "a.md"))
    assert proc.returncode == 0
    assert proc.stdout.strip() == "no change: the two versions are identical"


def test_bad_inputs_get_one_line_and_exit_2(tmp_path):
    good = tmp_path / "good.md"
    good.write_text(OLD)
    (tmp_path / "empty.md").write_text("  \n")
    (tmp_path / "bin.md").write_bytes(b"\x7fELF\x00\x00\x01" * 50)
    (tmp_path / "latin.md").write_bytes("Politique de confidentialit\xe9".encode("latin-1"))
    (tmp_path / "big.md").write_text("word " * 5000)
    cases = {
        str(tmp_path / "missing.md"): "no such file",
        str(tmp_path / "empty.md"): "empty",
        str(tmp_path / "bin.md"): "binary",
        str(tmp_path / "latin.md"): "UTF-8",
        str(tmp_path / "big.md"): "too large",
        str(tmp_path): "directory",
    }
    import os

    env = {**os.environ, "SUMMARIZER_MAX_BYTES": "10000"}
    for path, expected in cases.items():
        proc = run("diff", path, str(good), env=env)
        assert proc.returncode == 2, (path, proc.stderr)
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and expected in lines[0], (path, proc.stderr)
        assert "Traceback" not in proc.stderr


def test_usage_errors_exit_2(tmp_path):
    proc = run("diff", "--format", "xml", "a", "b")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    proc = run("diff", "-", "-", stdin="x")
    assert proc.returncode == 2 and "standard input" in proc.stderr


def test_encoding_option_decodes_legacy_files(tmp_path):
    (tmp_path / "a.txt").write_bytes("Nous collectons vos donn\xe9es.".encode("latin-1"))
    (tmp_path / "b.txt").write_bytes("Nous partageons vos donn\xe9es.".encode("latin-1"))
    proc = run(
        "diff", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--encoding", "latin-1", "-f", "json"
    )
    assert proc.returncode == 0, proc.stderr
    assert "données" in json.loads(proc.stdout)["hunks"][0]["new_text"]
