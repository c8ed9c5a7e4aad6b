"""`summarizer classify`: JSON lines in and out, order kept, one clear line and exit 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys

LINES = [
    {"id": 1, "text": "We do not sell your personal information."},
    {"id": "b", "text": "Last updated: March 3, 2024"},
    {"id": 3, "text": "Any dispute will be resolved by binding arbitration."},
    {"id": "d", "text": "We use cookies and web beacons."},
]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", "classify", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def jsonl(rows) -> str:
    return "".join(json.dumps(r) + "\n" for r in rows)


def test_file_in_lines_out_order_kept(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(jsonl(LINES) + "\n")  # a trailing blank line is skipped
    proc = run(str(path))
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, "b", 3, "d"]
    assert [o["categories"][0] for o in out] == [
        "sale_targeted_ads",
        "contact_generic",
        "dispute_resolution",
        "tracking_tech",
    ]
    assert all(set(o) == {"id", "categories"} for o in out)


def test_stdin_and_explain():
    proc = run("--explain", stdin=jsonl(LINES[:1]))
    assert proc.returncode == 0, proc.stderr
    (row,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert row["categories"] == ["sale_targeted_ads"]
    hit = row["hits"][0]
    assert set(hit) == {"category", "score", "terms"}
    assert hit["category"] == "sale_targeted_ads" and "not sell" in hit["terms"]


def test_default_reads_stdin():
    proc = run(stdin=jsonl(LINES[1:2]))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {"id": "b", "categories": ["contact_generic"]}


def test_malformed_line_is_one_error_line_and_exit_2():
    bad = jsonl(LINES[:2]) + '{"id": 3, "text": oops}\n' + jsonl(LINES[3:])
    proc = run(stdin=bad)
    assert proc.returncode == 2
    assert proc.stdout == ""  # nothing is written when the input is bad
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "line 3" in lines[0] and "JSON" in lines[0]
    assert "Traceback" not in proc.stderr


def test_missing_text_and_bad_id_name_their_line(tmp_path):
    for payload, words in (
        ('{"id": 1}', '"text"'),
        ('{"text": "x"}', '"id"'),
        ("[1, 2]", "object"),
        ('{"id": [1], "text": "x"}', '"id"'),
    ):
        proc = run(stdin=jsonl(LINES[:1]) + payload + "\n")
        assert proc.returncode == 2, payload
        (line,) = proc.stderr.strip().splitlines()
        assert "line 2" in line and words in line


def test_missing_file_and_binary_input(tmp_path):
    proc = run(str(tmp_path / "nope.jsonl"))
    assert proc.returncode == 2 and "no such file" in proc.stderr
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b"\xff\xfe\x00junk")
    proc = run(str(binary))
    assert proc.returncode == 2 and "UTF-8" in proc.stderr and "Traceback" not in proc.stderr


def test_empty_input_gives_empty_output():
    proc = run(stdin="")
    assert proc.returncode == 0 and proc.stdout == ""
