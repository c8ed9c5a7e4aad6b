"""Every failure the issue found as a traceback is one line and exit 2, or 3 for a server that
cannot be reached (issue 16, items 5 and 6), and nothing already good is lost."""

from __future__ import annotations

import socket

import pytest

from tests.hostile.conftest import ROOT, run_cli

EXAMPLES = ROOT / "examples"


def _one_line(done, code: int) -> str:
    err = done.stderr.decode()
    assert done.returncode == code, err
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("error: "), err
    return err


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- item 5: the size limit holds for devices and pipes -------------------------------------------


def test_dev_zero_is_refused_at_the_limit() -> None:
    done = run_cli(
        "diff", "/dev/zero", str(EXAMPLES / "privacy-v1.md"), env={"SUMMARIZER_MAX_BYTES": "100000"}
    )
    assert "too large" in _one_line(done, 2)


def test_dev_zero_is_refused_at_the_default_limit_too() -> None:
    done = run_cli("compare", "/dev/zero", str(EXAMPLES / "privacy-v1.md"), "--format", "json")
    assert "too large" in _one_line(done, 2)


def test_an_endless_pipe_is_refused_at_the_limit() -> None:
    done = run_cli("classify", "-", input=b"x" * 300_000, env={"SUMMARIZER_MAX_BYTES": "1000"})
    assert "too large" in _one_line(done, 2)


def test_a_fifo_is_read_only_up_to_the_limit(tmp_path) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)

    def feed() -> None:
        try:
            with open(fifo, "wb") as w:
                for _ in range(200):
                    w.write(b"We keep data. " * 10_000)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    done = run_cli("diff", str(fifo), str(EXAMPLES / "privacy-v1.md"), env={"SUMMARIZER_MAX_BYTES": "50000"})
    assert "too large" in _one_line(done, 2)


@pytest.mark.parametrize("value", ["abc", "-5", "1e9x"])
def test_a_bad_size_limit_is_one_line(value: str) -> None:
    done = run_cli(
        "diff",
        str(EXAMPLES / "privacy-v1.md"),
        str(EXAMPLES / "privacy-v2.md"),
        env={"SUMMARIZER_MAX_BYTES": value},
    )
    assert "SUMMARIZER_MAX_BYTES" in _one_line(done, 2)


# --- item 6: deep nesting -------------------------------------------------------------------------

DEEP_HTML = "<html><body>" + "<div>" * 3000 + "We sell data." + "</div>" * 3000 + "</body></html>"


def test_deeply_nested_html_is_one_line(tmp_path) -> None:
    deep, ok = tmp_path / "deep.html", tmp_path / "ok.html"
    deep.write_text(DEEP_HTML, encoding="utf-8")
    ok.write_text("<html><body><p>We keep data.</p></body></html>", encoding="utf-8")
    for command in ("diff", "compare"):
        assert "nested too deeply" in _one_line(run_cli(command, str(ok), str(deep)), 2)


def test_folder_ingest_stores_the_good_files_and_names_the_bad_one(tmp_path) -> None:
    folder = tmp_path / "snapshots"
    folder.mkdir()
    (folder / "2024-01-01.html").write_text(
        "<html><body><p>We keep data.</p></body></html>", encoding="utf-8"
    )
    (folder / "2024-02-01.html").write_text(DEEP_HTML, encoding="utf-8")
    (folder / "2024-03-01.html").write_text(
        "<html><body><p>We sell data.</p></body></html>", encoding="utf-8"
    )
    env = {"SUMMARIZER_HOME": str(tmp_path / "home")}
    done = run_cli("ingest", str(folder), "-s", "Acme", "-d", "Privacy", "--no-progress", env=env)
    err = _one_line(done, 2)
    assert "2024-02-01.html" in err and "nested too deeply" in err
    assert b"2 new versions" in done.stdout
    history = run_cli("history", "Acme", "--format", "json", env=env)
    assert (
        history.returncode == 0
        and history.stdout.count(b'"captured_at"') >= 2
        or b"2024-03-01" in history.stdout
    )


def test_deeply_nested_json_in_classify_is_one_line() -> None:
    line = b'{"id": 1, "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    assert "nested too deeply" in _one_line(run_cli("classify", "-", input=line), 2)


# --- item 6: databases ----------------------------------------------------------------------------


def test_unreachable_postgresql_is_exit_3_without_the_password() -> None:
    url = f"postgresql://someone:hunter2secret@127.0.0.1:{_closed_port()}/store"
    err = _one_line(run_cli("history", "Acme", "--db", url), 3)
    assert "hunter2secret" not in err and "cannot reach" in err


@pytest.mark.postgres
def test_missing_postgresql_database_is_exit_2(pg_cluster) -> None:
    err = _one_line(run_cli("history", "Acme", "--db", pg_cluster.url("no_such_database_here")), 2)
    assert "does not exist" in err


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("mysql://u:pw@localhost/x", "driver is not installed"),
        ("nosuchdb://somewhere/x", "unknown kind of database"),
    ],
)
def test_bad_database_urls_are_exit_2(url: str, words: str) -> None:
    err = _one_line(run_cli("history", "Acme", "--db", url), 2)
    assert words in err and ":pw@" not in err


def test_a_file_that_is_not_a_database_is_exit_2(tmp_path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"this is not a database, just some words " * 200)
    err = _one_line(
        run_cli("ingest", str(EXAMPLES / "privacy-v1.md"), "-s", "A", "-d", "P", "--db", str(bogus)), 2
    )
    assert "not a database" in err


def test_missing_database_folder_is_exit_2_and_creates_nothing(tmp_path) -> None:
    target = tmp_path / "missing" / "dir" / "x.db"
    done = run_cli("ingest", str(EXAMPLES / "privacy-v1.md"), "-s", "A", "-d", "P", "--db", str(target))
    assert "does not exist" in _one_line(done, 2)
    assert not (tmp_path / "missing").exists()


def test_unwritable_state_directory_is_one_line(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    env = {"SUMMARIZER_HOME": str(blocker / "state")}  # a folder inside a file cannot be made
    done = run_cli("ingest", str(EXAMPLES / "privacy-v1.md"), "-s", "A", "-d", "P", env=env)
    assert "state directory" in _one_line(done, 2)
