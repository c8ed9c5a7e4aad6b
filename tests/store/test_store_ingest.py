"""Ingest: files, dated snapshot folders and Open Terms Archive git repositories; re-ingest is a no-op."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import Session

from summarizer.store.db import get_engine
from summarizer.store.ingest import ingest_path, ingest_text
from summarizer.store.repository import document_versions, find_document, list_documents
from summarizer.store.sources import date_from_name, effective_date


def _versions(url: str, service: str, document: str):
    with Session(get_engine(url)) as session:
        doc = find_document(session, service, document)
        assert doc is not None
        return document_versions(session, doc.id)


def test_git_repository_in_ota_layout_is_ingested_then_reingesting_is_a_no_op(
    db_url: str, ota_repo, ota_commits
):
    repo = ota_repo(pairs=3, chained=2)
    commits = ota_commits(3, 2)
    first = ingest_path(db_url, repo)
    assert first.added == len(commits) == 12
    assert len(first.documents) == 3
    # every document's timeline is its commits in date order, with the texts the commits hold
    for service, document in {(c[0], c[1]) for c in commits}:
        expected = sorted((c for c in commits if (c[0], c[1]) == (service, document)), key=lambda c: c[2])
        stored = _versions(db_url, service, document)
        assert [v.captured_at for v in stored] == [c[2] for c in expected]
        with Session(get_engine(db_url)) as session:
            from summarizer.store.repository import version_text

            assert [version_text(session, v.id) for v in stored] == [c[3] for c in expected]
        assert all(v.source.startswith(str(repo.resolve()) + "@") for v in stored)
    again = ingest_path(db_url, repo)
    assert (again.added, again.already_stored) == (0, 12)
    with Session(get_engine(db_url)) as session:
        assert sum(d.versions for d in list_documents(session)) == 12


def test_git_ingest_can_be_restricted_to_one_document(sqlite_url: str, ota_repo, ota_commits):
    repo = ota_repo(pairs=3, chained=1)
    service, document = ota_commits(3, 1)[0][:2]
    summary = ingest_path(sqlite_url, repo, service=service, document=document)
    assert list(summary.documents) == [f"{service}/{document}"]
    assert summary.added == 3


def test_folder_of_dated_snapshots(db_url: str, tmp_path: Path):
    folder = tmp_path / "snapshots"
    folder.mkdir()
    (folder / "2021-06-01.md").write_text("# Privacy\n\nWe may share your data with partners.\n")
    (folder / "2021-02-23.md").write_text("# Privacy\n\nWe will not share your data.\n")
    (folder / "2021-09-10T08-30-00.md").write_text(
        "# Privacy\n\nWe may share your data with partners.\n"
    )  # unchanged
    undated = folder / "latest.md"
    undated.write_text("# Privacy\n\nWe may sell your data.\n")
    stamp = datetime(2022, 3, 29, 12, 0, tzinfo=UTC).timestamp()
    os.utime(undated, (stamp, stamp))
    (folder / "notes.json").write_text("{}")  # not a snapshot

    summary = ingest_path(db_url, folder, service="Acme", document="Privacy Policy")
    assert (summary.added, summary.identical_to_previous) == (3, 1)
    stored = _versions(db_url, "Acme", "Privacy Policy")
    assert [v.captured_at.date() for v in stored] == [date(2021, 2, 23), date(2021, 6, 1), date(2022, 3, 29)]
    again = ingest_path(db_url, folder, service="Acme", document="Privacy Policy")
    assert again.added == 0 and again.already_stored + again.identical_to_previous == 4


def test_single_file_versions_and_identical_snapshots(sqlite_url: str, tmp_path: Path):
    policy = tmp_path / "policy.md"
    policy.write_text("We keep your data for 30 days.\n")
    first = ingest_path(sqlite_url, policy, service="Acme", document="Terms", when=datetime(2021, 1, 1))
    assert first.added == 1
    # the same text again, later: a snapshot taken when nothing changed
    same = ingest_path(sqlite_url, policy, service="Acme", document="Terms")
    assert (same.added, same.identical_to_previous) == (0, 1)
    policy.write_text("We keep your data for 90 days.\n")
    changed = ingest_path(sqlite_url, policy, service="Acme", document="Terms")
    assert changed.added == 1
    assert len(_versions(sqlite_url, "Acme", "Terms")) == 2


def test_versions_ingested_out_of_order_take_their_place_in_time(sqlite_url: str):
    ingest_text(sqlite_url, "Acme", "Terms", "A\n", captured_at=datetime(2021, 1, 1))
    ingest_text(sqlite_url, "Acme", "Terms", "C\n", captured_at=datetime(2023, 1, 1))
    ingest_text(sqlite_url, "Acme", "Terms", "B\n", captured_at=datetime(2022, 1, 1))
    stored = _versions(sqlite_url, "Acme", "Terms")
    assert [v.captured_at.year for v in stored] == [2021, 2022, 2023]
    # earlier evidence of the 2023 text moves that version back instead of adding a duplicate
    summary = ingest_text(sqlite_url, "Acme", "Terms", "C\n", captured_at=datetime(2022, 6, 1))
    assert summary.backdated == 1
    stored = _versions(sqlite_url, "Acme", "Terms")
    assert [v.captured_at.date() for v in stored] == [date(2021, 1, 1), date(2022, 1, 1), date(2022, 6, 1)]


def test_html_snapshots_are_stored_as_text(sqlite_url: str, tmp_path: Path):
    page = tmp_path / "2020-05-05.html"
    page.write_text("<html><body><h1>Terms</h1><p>You agree to <b>arbitration</b>.</p></body></html>")
    ingest_path(sqlite_url, page, service="Acme", document="Terms")
    with Session(get_engine(sqlite_url)) as session:
        from summarizer.store.repository import version_text

        doc = find_document(session, "Acme", "Terms")
        stored = version_text(session, document_versions(session, doc.id)[0].id)
    assert "<p>" not in stored and "arbitration" in stored
    assert _versions(sqlite_url, "Acme", "Terms")[0].captured_at.date() == date(2020, 5, 5)


def test_effective_dates_and_dates_in_file_names():
    assert effective_date("# Privacy Policy\n\nLast updated: March 29, 2022\n\nWe collect...") == date(
        2022, 3, 29
    )
    assert effective_date("Effective date: 5 January 2023\n") == date(2023, 1, 5)
    assert effective_date("Effective as of 2021-02-23.\n") == date(2021, 2, 23)
    assert effective_date("We update this policy from time to time.\n") is None
    assert date_from_name("2021-02-23.md") == datetime(2021, 2, 23, tzinfo=UTC)
    assert date_from_name("snapshot_20210223T101500.html") == datetime(2021, 2, 23, 10, 15, tzinfo=UTC)
    assert date_from_name("policy.md") is None


def test_cli_ingest_reports_and_refuses_bad_input(tmp_path: Path, invoke, run_cli):
    db = tmp_path / "cli.db"
    policy = tmp_path / "policy.md"
    policy.write_text("We collect your email address.\n")
    args = (
        str(policy),
        "--service",
        "Acme",
        "--document",
        "Privacy Policy",
        "--date",
        "2021-02-23",
        "--db",
        str(db),
    )
    code, out, err = invoke("ingest", *args)
    assert code == 0, err
    assert out == "1 new version across 1 document\n  Acme/Privacy Policy: +1\n"
    code, out, _ = invoke("ingest", *args, "--format", "json")
    assert code == 0 and json.loads(out)["added"] == 0 and json.loads(out)["already_stored"] == 1
    for bad_args, message in [
        ((str(policy),), "--service and --document"),  # the CLI names the flags
        ((str(tmp_path / "missing.md"), "-s", "A", "-d", "B"), "no such file or folder"),
        ((str(policy), "-s", "A", "-d", "B", "--date", "yesterday"), "expected an ISO date"),
    ]:
        code, out, err = invoke("ingest", *bad_args, "--db", str(db))
        assert code == 2 and message in err
        assert len(err.strip().splitlines()) == 1
    # the real executable too: one line, exit code 2, no traceback
    done = run_cli("ingest", str(policy), "--db", str(db))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: ") and len(done.stderr.strip().splitlines()) == 1
