"""A short `compare` loads only what it uses: no process pool, no logging, no store, and (text
to a pipe) no rich; and what it defers still works when a later step needs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import contextlib, io, json, sys
from summarizer.cli import main
names = sys.argv[4:]
sys.argv = ["summarizer", "compare", sys.argv[1], sys.argv[2], "--format", sys.argv[3]]
out = io.StringIO()
with contextlib.redirect_stdout(out):
    main()
loaded = {name: name in sys.modules for name in names}
import logging  # a later step that logs: the library's logger must get its quiet handler then
handlers = [type(h).__name__ for h in logging.getLogger("summarizer").handlers]
print(json.dumps({"loaded": loaded, "handlers": handlers, "out": out.getvalue()}))
"""

HEAVY = ["multiprocessing", "concurrent.futures.process", "logging", "summarizer.store.model_calls", "rich"]


def _probe(tmp_path: Path, fmt: str) -> dict:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("# Privacy\n\nWe do not sell your personal information.\n", encoding="utf-8")
    new.write_text("# Privacy\n\nWe may sell your personal information to advertisers.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "SUMMARIZER_LOG"}
    env["PYTHONPATH"] = str(ROOT)
    env["SUMMARIZER_HOME"] = str(tmp_path / "home")
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(old), str(new), fmt, *HEAVY],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    return json.loads(done.stdout)


def test_a_short_json_compare_loads_no_pool_logging_store_or_rich(tmp_path: Path) -> None:
    seen = _probe(tmp_path, "json")
    assert seen["loaded"] == dict.fromkeys(HEAVY, False)
    assert json.loads(seen["out"])["severity"]
    assert seen["handlers"] == ["NullHandler"]  # given when logging was imported after the run


def test_a_short_text_compare_to_a_pipe_lays_out_without_rich(tmp_path: Path) -> None:
    seen = _probe(tmp_path, "text")
    assert seen["loaded"] == dict.fromkeys(HEAVY, False)
    assert seen["out"].startswith("╭") and "We may sell your personal information" in seen["out"]
