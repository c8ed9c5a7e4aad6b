"""Credentials in URLs stay hidden, and the smaller items of issue 16 (items 7 and 8)."""

from __future__ import annotations

import json
import sqlite3

from summarizer.api import compare_texts
from summarizer.testing.fake_openai import FakeOpenAIServer, ScriptedResponse
from tests.hostile.conftest import ROOT, run_cli

EXAMPLES = ROOT / "examples"
OLD = "# Privacy\n\nWe will not sell your personal information.\n"
NEW = "# Privacy\n\nWe may sell your personal information.\n"


def test_base_url_credentials_never_reach_the_call_log(obedient_model, loopback_options, tmp_path) -> None:
    db = tmp_path / "calls.db"
    url = obedient_model.base_url.replace("http://", "http://alice:s3cretpass@")
    compare_texts(OLD, NEW, "llm", loopback_options(url, max_retries=0))
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT * FROM model_calls").fetchall()
    assert (
        rows
        and "s3cretpass" not in json.dumps(rows, default=str)
        and "alice" not in json.dumps(rows, default=str)
    )


def _failing_server(status: int) -> FakeOpenAIServer:
    from summarizer.testing.fake_openai import error_body

    return FakeOpenAIServer(
        responder=lambda body: ScriptedResponse(status, error_body("nope"), headers={"Retry-After": "0"})
    )


def test_base_url_credentials_never_reach_errors(loopback_options, tmp_path) -> None:
    import pytest

    from summarizer.errors import SummarizerError

    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    done = run_cli(
        "compare",
        str(old),
        str(new),
        "--analyzer",
        "llm",
        "--base-url",
        "ftp://bob:s3cretpass@example.com/v1",
        env={"OPENAI_API_KEY": "sk-x"},
    )
    err = done.stderr.decode()
    assert done.returncode == 2 and "s3cretpass" not in err and err.count("\n") == 1, err
    with _failing_server(401) as server:
        url = server.base_url.replace("http://", "http://bob:s3cretpass@")
        with pytest.raises(SummarizerError) as failed:
            compare_texts(OLD, NEW, "llm", loopback_options(url))
    assert "s3cretpass" not in str(failed.value)


def test_config_masks_passwords_in_urls(tmp_path) -> None:
    env = {
        "OPENAI_BASE_URL": "https://carol:apipassword@llm.example/v1",
        "SUMMARIZER_DB": "postgresql://dave:pgpassword@db.example/store",
        "SUMMARIZER_HOME": str(tmp_path),
    }
    for args in (("config",), ("config", "--json")):
        done = run_cli(*args, env=env)
        out = done.stdout.decode() + done.stderr.decode()
        assert "apipassword" not in out and "pgpassword" not in out, out
        assert "db.example" in out or done.returncode != 0


def test_an_html_body_from_the_endpoint_is_named(loopback_options) -> None:
    import pytest

    from summarizer.errors import UpstreamError

    page = "<!doctype html><html><body><h1>Welcome to our site</h1></body></html>"
    responder = lambda body: ScriptedResponse(200, page, headers={"Content-Type": "text/html"})  # noqa: E731
    with FakeOpenAIServer(responder=responder) as server:
        with pytest.raises(UpstreamError) as failed:
            compare_texts(OLD, NEW, "llm", loopback_options(server.base_url))
    assert "HTML page" in str(failed.value) and "no choices" not in str(failed.value)


def test_exit_3_is_one_line(tmp_path) -> None:
    """Retries of a failing endpoint used to print a notice each: now only the final line."""
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    with _failing_server(503) as server:
        done = run_cli(
            "compare",
            str(old),
            str(new),
            "--analyzer",
            "llm",
            "--base-url",
            server.base_url,
            "--no-cache",
            env={"OPENAI_API_KEY": "sk-x", "SUMMARIZER_HOME": str(tmp_path / "h")},
            timeout=300,
        )
    err = done.stderr.decode()
    assert done.returncode == 3 and err.count("\n") == 1 and err.startswith("error: "), err
    assert len(server.chat_requests) > 1  # it did retry


def test_no_message_suggests_an_api_key_option() -> None:
    for path in (ROOT / "summarizer").rglob("*.py"):
        assert "--api-key" not in path.read_text(encoding="utf-8"), path


def test_an_invalid_base_url_fails_even_when_no_call_is_needed(tmp_path) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("# Privacy\n\nLast updated: 1 May 2024.\n\nWe keep data.\n", encoding="utf-8")
    new.write_text("# Privacy\n\nLast updated: 2 June 2024.\n\nWe keep data.\n", encoding="utf-8")
    done = run_cli(
        "compare",
        str(old),
        str(new),
        "--analyzer",
        "llm",
        "--base-url",
        "not a url",
        env={"OPENAI_API_KEY": "sk-x", "SUMMARIZER_HOME": str(tmp_path / "h")},
    )
    assert done.returncode == 2 and "--base-url" in done.stderr.decode()


def test_a_new_database_is_private(tmp_path) -> None:
    home = tmp_path / "home"
    done = run_cli(
        "ingest",
        str(EXAMPLES / "privacy-v1.md"),
        "-s",
        "A",
        "-d",
        "P",
        "--no-progress",
        env={"SUMMARIZER_HOME": str(home)},
    )
    assert done.returncode == 0, done.stderr.decode()
    assert (home / "summarizer.db").stat().st_mode & 0o077 == 0
    assert home.stat().st_mode & 0o077 == 0


def test_a_key_file_others_can_read_is_warned_about(tmp_path) -> None:
    home = tmp_path / "home"
    (home / "keys").mkdir(parents=True)
    key = home / "keys" / "openai"
    key.write_text("sk-test-0123456789abcdef")
    key.chmod(0o644)
    import os

    env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}
    env.update({"SUMMARIZER_HOME": str(home), "PYTHONPATH": str(ROOT)})
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "config"], capture_output=True, env=env, cwd=str(ROOT)
    )
    err = done.stderr.decode()
    assert "warning:" in err and "chmod 600" in err and "0123456789abcdef" not in err + done.stdout.decode()
    key.chmod(0o600)
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "config"], capture_output=True, env=env, cwd=str(ROOT)
    )
    assert "warning" not in done.stderr.decode()
