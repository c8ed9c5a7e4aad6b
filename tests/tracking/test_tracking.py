"""Tracking: one record per consecutive pair, resumable after SIGKILL, shared by concurrent trackers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from summarizer.errors import InputError, UpstreamError
from summarizer.model.record import ChangeRecord
from summarizer.store import workqueue as wq
from summarizer.store.db import get_engine
from summarizer.store.ingest import ingest_path, ingest_text
from summarizer.tracking import track

TRACKER = Path(__file__).with_name("tracker_main.py")
ROOT = Path(__file__).resolve().parents[2]


def _default_sigint() -> None:
    """Shells start background jobs with SIGINT ignored, and children inherit that: undo it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _tracker(url: str, *args: str, env: dict | None = None) -> subprocess.Popen:
    if "--workers" not in args:  # one process each: these tests kill a tracker and count its records
        args = (*args, "--workers", "1")
    return subprocess.Popen(
        [sys.executable, str(TRACKER), "track", "--db", url, "--format", "json", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=str(ROOT),
        env={**os.environ, **(env or {})},
        preexec_fn=_default_sigint,
    )


def _records(url: str) -> int:
    with get_engine(url).connect() as conn:
        return conn.execute(text("SELECT count(*) FROM change_records")).scalar()


def _wait_for(predicate, timeout: float = 60.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_track_makes_exactly_one_record_per_consecutive_pair(db_url: str, ota_repo, pair_check):
    ingest_path(db_url, ota_repo(pairs=3, chained=2))
    events = []
    summary = track(db_url, on_progress=events.append)
    assert [e.done for e in events] == list(range(1, 10)) and {e.total for e in events} == {9}
    check = pair_check(db_url)
    assert len(check["pairs"]) == summary.pairs == summary.made == 9
    assert not check["missing"] and not check["duplicated"] and not check["extra"]
    assert summary.remaining == 0
    with get_engine(db_url).connect() as conn:
        stored = conn.execute(
            text("SELECT record_json, material, severity, categories FROM change_records")
        ).all()
        states = conn.execute(text("SELECT count(*) FROM provision_states")).scalar()
        cats = conn.execute(text("SELECT count(*) FROM record_categories")).scalar()
    for raw, material, severity, categories in stored:
        record = ChangeRecord.model_validate_json(raw)
        assert (record.material, record.severity, " ".join(record.categories)) == (
            bool(material),
            severity,
            categories,
        )
        assert record.provenance.analyzer == "rules"
        assert "#" in (record.provenance.old_source or "")  # names the stored version
    material = [ChangeRecord.model_validate_json(r[0]) for r in stored if r[1]]
    assert material, "the real pairs hold material changes"
    assert states == 2 * sum(len({c.category for c in r.changes}) for r in material)
    assert cats >= sum(len(r.categories) for r in material)
    # idempotent: a second run has nothing to do
    again = track(db_url)
    assert (again.made, again.planned, again.remaining) == (0, 0, 0)
    assert _records(db_url) == 9


def test_new_versions_are_tracked_incrementally_and_inserted_versions_replace_their_pair(
    sqlite_url: str, pair_check
):
    for year, body in (
        (2020, "We will not share your data."),
        (2022, "We may share your data with partners."),
    ):
        ingest_text(
            sqlite_url, "Acme", "Privacy Policy", f"# Privacy\n\n{body}\n", captured_at=datetime(year, 1, 1)
        )
    assert track(sqlite_url).made == 1
    for month in (1, 2, 3):
        ingest_text(
            sqlite_url,
            "Acme",
            "Privacy Policy",
            f"# Privacy\n\nWe may sell your data ({month}).\n",
            captured_at=datetime(2023, month, 1),
        )
    limited = track(sqlite_url, limit=2)
    assert (limited.made, limited.remaining) == (2, 1)
    assert track(sqlite_url).made == 1
    # a version found later for 2021 sits between 2020 and 2022: two new pairs replace the old one
    ingest_text(
        sqlite_url,
        "Acme",
        "Privacy Policy",
        "# Privacy\n\nWe do not share your data.\n",
        captured_at=datetime(2021, 1, 1),
    )
    summary = track(sqlite_url)
    assert summary.made == 2 and summary.pairs == 5
    check = pair_check(sqlite_url)
    assert not check["missing"] and not check["duplicated"]
    assert len(check["extra"]) == 1  # the 2020→2022 record is kept, but is no longer a consecutive pair


@pytest.mark.slow
def test_sigkill_mid_run_then_rerun_leaves_exactly_one_record_per_pair(db_url: str, ota_repo, pair_check):
    ingest_path(db_url, ota_repo(pairs=4, chained=5))
    total = len(pair_check(db_url)["pairs"])
    assert total == 24
    proc = _tracker(db_url, env={"TRACK_TEST_DELAY": "0.15"})
    try:
        _wait_for(lambda: _records(db_url) >= 4, what="the tracker to make some records")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    made_before = _records(db_url)
    assert 4 <= made_before < total, "the kill must land mid-run"
    with get_engine(db_url).connect() as conn:
        held = conn.execute(text("SELECT count(*) FROM work_items WHERE status = 'claimed'")).scalar()
    assert held <= 1  # at most the pair in flight; it rolled back with the process
    rerun = _tracker(db_url)
    out, err = rerun.communicate(timeout=240)
    assert rerun.returncode == 0, err
    summary = json.loads(out)
    assert summary["released_dead_claims"] == held  # the dead tracker's claim is free at once, no lease wait
    assert summary["made"] == total - made_before
    check = pair_check(db_url)
    assert not check["missing"] and not check["duplicated"] and not check["extra"]


@pytest.mark.slow
def test_two_concurrent_trackers_share_the_work_without_duplicates_or_gaps(
    db_url: str, ota_repo, pair_check, tmp_path: Path
):
    ingest_path(db_url, ota_repo(pairs=4, chained=5))
    total = len(pair_check(db_url)["pairs"])
    go = tmp_path / "go"
    procs = [
        _tracker(
            db_url,
            env={
                "TRACK_TEST_DELAY": "0.1",
                "TRACK_TEST_READY": str(tmp_path / f"ready{i}"),
                "TRACK_TEST_GO": str(go),
            },
        )
        for i in range(2)
    ]
    _wait_for(lambda: all((tmp_path / f"ready{i}").exists() for i in range(2)), what="both trackers to start")
    go.touch()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err
        results.append(json.loads(out))
    assert all(r["made"] > 0 for r in results), results  # both did part of the work
    assert sum(r["made"] for r in results) == total
    check = pair_check(db_url)
    assert not check["missing"] and not check["duplicated"] and not check["extra"]
    with get_engine(db_url).connect() as conn:
        workers = conn.execute(text("SELECT count(DISTINCT worker) FROM change_records")).scalar()
    assert workers == 2


@pytest.mark.slow
def test_workers_option_splits_the_work_across_processes(sqlite_url: str, ota_repo, pair_check):
    ingest_path(sqlite_url, ota_repo(pairs=3, chained=4))
    proc = _tracker(sqlite_url, "--workers", "2", env={"TRACK_TEST_DELAY": "0.2"})
    out, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err
    summary = json.loads(out)
    assert summary["made"] == len(pair_check(sqlite_url)["pairs"]) == 15
    check = pair_check(sqlite_url)
    assert not check["missing"] and not check["duplicated"]
    with get_engine(sqlite_url).connect() as conn:
        workers = conn.execute(text("SELECT count(DISTINCT worker) FROM change_records")).scalar()
    assert workers == 2


def test_upstream_failure_exits_3_and_keeps_the_records_already_made(db_url: str, ota_repo, pair_check):
    ingest_path(db_url, ota_repo(pairs=2, chained=3))
    proc = _tracker(db_url, env={"TRACK_TEST_FAIL_AFTER": "3"})
    out, err = proc.communicate(timeout=240)
    assert proc.returncode == 3
    assert err.strip().splitlines() == ["error: model endpoint unreachable after 3 attempts (test)"]
    assert _records(db_url) == 3
    with get_engine(db_url).connect() as conn:
        statuses = dict(conn.execute(text("SELECT status, count(*) FROM work_items GROUP BY status")).all())
    assert statuses == {"done": 3, "pending": 5}  # the pair in flight went back to the queue
    assert track(db_url).made == 5
    check = pair_check(db_url)
    assert not check["missing"] and not check["duplicated"]


def test_a_lapsed_lease_is_taken_over_and_a_live_one_is_respected(db_url: str):
    for year in (2020, 2021, 2022):
        ingest_text(
            db_url,
            "Acme",
            "Terms",
            f"# Terms\n\nFees are {year - 2000} dollars.\n",
            captured_at=datetime(year, 1, 1),
        )
    engine = get_engine(db_url)
    scope = wq.Scope()
    with engine.begin() as conn:
        wq.plan(conn, "rules", "", scope)
        alive = wq.claim(conn, "otherhost:2:busy", "rules", "", scope, lease_seconds=3600)
        crashed = wq.claim(
            conn, "otherhost:1:dead", "rules", "", scope, lease_seconds=-1
        )  # lease already over
        # a lapsed lease is up for grabs at once (here by the next claim, which gives it back)
        again = wq.claim(conn, "otherhost:3:x", "rules", "", scope, lease_seconds=-1)
    assert len(crashed) == len(alive) == 1 and crashed[0].item_id != alive[0].item_id
    assert [c.item_id for c in again] == [crashed[0].item_id]
    summary = track(db_url)
    assert (summary.made, summary.remaining) == (1, 1)  # took over the lapsed claim, left the live one alone
    with engine.connect() as conn:
        row = conn.execute(
            text("SELECT status, attempts FROM work_items WHERE id = :i"), {"i": crashed[0].item_id}
        ).one()
    assert tuple(row) == ("done", 3)


def _five_versions(db_url: str) -> tuple:
    """Five versions of one document (four pairs to analyse): the engine and the whole scope."""
    for day in range(1, 6):
        ingest_text(
            db_url, "Acme", "Terms", f"# Terms\n\nVersion {day}.\n", captured_at=datetime(2021, 1, day)
        )
    return get_engine(db_url), wq.Scope()


def test_a_stopped_worker_hands_back_every_claim_it_holds_and_no_other(db_url: str):
    engine, scope = _five_versions(db_url)
    with engine.begin() as conn:
        wq.plan(conn, "rules", "", scope)
        mine = wq.claim(conn, "host_a:1:w", "rules", "", scope, lease_seconds=3600, limit=2)
        theirs = wq.claim(conn, "hostXa:1:w", "rules", "", scope, lease_seconds=3600)  # '_' is no wildcard
        assert wq.release_worker(conn, "host_a:1:w") == 2
        rows = dict(conn.execute(text("SELECT id, status FROM work_items")).all())
    assert [rows[c.item_id] for c in mine] == ["pending", "pending"]
    assert rows[theirs[0].item_id] == "claimed"


def test_claims_never_hand_out_the_same_pair_twice(db_url: str):
    engine, scope = _five_versions(db_url)
    with engine.begin() as conn:
        assert wq.plan(conn, "rules", "", scope).pending == 4
    if engine.dialect.name == "postgresql":
        # SKIP LOCKED: a claim inside an open transaction does not block, nor get handed out, again
        with engine.connect() as c1, engine.connect() as c2:
            t1 = c1.begin()
            first = wq.claim(c1, "h:1:a", "rules", "", scope, lease_seconds=60, limit=2)
            started = time.monotonic()
            t2 = c2.begin()
            second = wq.claim(c2, "h:1:b", "rules", "", scope, lease_seconds=60, limit=4)
            assert time.monotonic() - started < 5
            t2.commit()
            t1.commit()
    else:
        with engine.begin() as conn:
            first = wq.claim(conn, "h:1:a", "rules", "", scope, lease_seconds=60, limit=2)
        with engine.begin() as conn:
            second = wq.claim(conn, "h:1:b", "rules", "", scope, lease_seconds=60, limit=4)
    assert len(first) == 2 and len(second) == 2
    assert {c.item_id for c in first}.isdisjoint({c.item_id for c in second})


def test_the_unique_constraint_is_the_final_guard(sqlite_url: str):
    from summarizer.api import compare_texts
    from summarizer.tracking import store_record

    for year in (2020, 2021):
        ingest_text(
            sqlite_url,
            "Acme",
            "Terms",
            f"# Terms\n\nWe keep data for {year - 2000} days.\n",
            captured_at=datetime(year, 1, 1),
        )
    engine = get_engine(sqlite_url)
    with engine.begin() as conn:
        wq.plan(conn, "rules", "", wq.Scope())
        claim = wq.claim(conn, "h:1:a", "rules", "", wq.Scope(), lease_seconds=60)[0]
    record = compare_texts("We keep data for 20 days.", "We keep data for 21 days.")
    with engine.connect() as conn:
        assert store_record(conn, claim, record, "rules", "", "h:1:a") == "made"
        assert store_record(conn, claim, record, "rules", "", "h:1:b") == "already_made"
    assert _records(sqlite_url) == 1


def test_track_refuses_unknown_analyzers_and_scopes(sqlite_url: str, run_cli, tmp_path: Path):
    ingest_text(sqlite_url, "Acme", "Terms", "Hello.\n")
    with pytest.raises(InputError, match="unknown analyzer"):
        track(sqlite_url, "nonsense")
    with pytest.raises(InputError, match="no stored document matches 'Nobody'"):
        track(sqlite_url, service="Nobody")
    done = run_cli("track", "--db", sqlite_url, "--service", "Nobody")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip() == "error: no stored document matches 'Nobody' (ingest it first)"


def test_in_process_upstream_error_releases_the_pair(sqlite_url: str, monkeypatch: pytest.MonkeyPatch):
    for day in (1, 2, 3):
        ingest_text(
            sqlite_url, "Acme", "Terms", f"# Terms\n\nClause {day}.\n", captured_at=datetime(2021, 1, day)
        )
    import summarizer.api as pipeline

    def failing(*args, **kwargs):
        raise UpstreamError("endpoint down")

    monkeypatch.setattr(pipeline, "analyze", failing)
    with pytest.raises(UpstreamError):
        track(sqlite_url)
    with get_engine(sqlite_url).connect() as conn:
        rows = conn.execute(text("SELECT status, claimed_by, error FROM work_items ORDER BY id")).all()
    assert [r[0] for r in rows] == ["pending", "pending"] and rows[0][1] is None
    assert rows[0][2] == "endpoint down"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sig", "code", "said"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
    ids=["ctrl-c", "sigterm"],
)
def test_ctrl_c_hands_back_the_pair_in_flight_and_a_rerun_finishes(
    sqlite_url: str, ota_repo, pair_check, sig, code, said
):
    """Ctrl-C, or SIGTERM from a service manager: one line, and nothing stays claimed."""
    ingest_path(sqlite_url, ota_repo(pairs=2, chained=5))
    total = len(pair_check(sqlite_url)["pairs"])
    proc = _tracker(sqlite_url, env={"TRACK_TEST_DELAY": "0.15"})
    try:
        _wait_for(lambda: _records(sqlite_url) >= 3, what="the tracker to make some records")
    finally:
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == code
    assert f"{said}: work done so far is saved" in err and "Traceback" not in err
    with get_engine(sqlite_url).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM work_items WHERE status = 'claimed'")).scalar() == 0
    made_before = _records(sqlite_url)
    assert made_before < total
    assert track(sqlite_url).made == total - made_before
    check = pair_check(sqlite_url)
    assert not check["missing"] and not check["duplicated"]


def test_missing_postgresql_binaries_are_reported_clearly(monkeypatch: pytest.MonkeyPatch):
    """The cluster helper (and so the pg fixture, which turns this into a failure) names the fix."""
    from summarizer.testing import pgcluster

    monkeypatch.setattr(pgcluster.shutil, "which", lambda name: None)
    monkeypatch.setattr(pgcluster.glob, "glob", lambda pattern: [])
    cluster = pgcluster.TempCluster()
    with pytest.raises(
        pgcluster.PostgresUnavailable, match=r"initdb, pg_ctl\) not found: run .ci/setup-postgres.sh"
    ):
        cluster.start()


def test_llm_records_are_keyed_by_model_and_prompt():
    from summarizer.analyzers import AnalysisOptions
    from summarizer.tracking import analysis_key

    assert analysis_key("rules", AnalysisOptions(model="gpt-4o")) == ""
    a = analysis_key("llm", AnalysisOptions(model="gpt-4o-mini", prompt="change_record@v1"))
    b = analysis_key("llm", AnalysisOptions(model="gpt-4o", prompt="change_record@v1"))
    c = analysis_key("llm", AnalysisOptions(model="gpt-4o-mini", prompt="change_record@v2"))
    assert len({a, b, c}) == 3 and "gpt-4o-mini" in a and "change_record@v2" in c
