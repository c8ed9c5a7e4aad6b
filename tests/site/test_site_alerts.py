"""Alerts against a loopback receiver: signed, retried on 500, never lost, re-sent on the next run."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from summarizer.errors import InputError
from summarizer.site.alerts import SIGNATURE_HEADER, deliver_pending, verify
from summarizer.store.db import open_engine
from summarizer.store.ingest import ingest_text
from summarizer.store.models import AlertDelivery
from summarizer.tracking import track

SECRET = "s3cret-signing-key-for-tests"
TEXTS = [
    "# Privacy\n\nWe will not sell your personal information. We keep it for 30 days after you leave.\n",
    "# Privacy\n\nWe may sell your personal information to advertising partners. We keep it for 30 days after you leave.\n",
    "# Privacy\n\nWe may sell your personal information to advertising partners. We keep it for 5 years after you leave.\n",
]


class Receiver:
    """A loopback HTTP receiver answering from a script of statuses (then 200), keeping what it got."""

    def __init__(self, statuses: list[int] | None = None) -> None:
        self.statuses = list(statuses or [])
        self.received: list[tuple[bytes, dict]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status = outer.statuses.pop(0) if outer.statuses else 200
                outer.received.append((body, dict(self.headers), status))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def delivered(self) -> list[dict]:
        return [json.loads(body) for body, _h, status in self.received if status == 200]


@pytest.fixture
def receiver():
    made: list[Receiver] = []

    def make(statuses: list[int] | None = None) -> Receiver:
        made.append(Receiver(statuses))
        return made[-1]

    yield make
    for r in made:
        r.close()


def _store(url: str, target: str) -> int:
    for day, text in enumerate(TEXTS, start=1):
        ingest_text(url, "Acme", "Privacy Policy", text, captured_at=datetime(2024, 5, day, tzinfo=UTC))
    summary = track(url, notify=(target,))
    assert summary.made == 2
    return summary.made


def _rows(url: str) -> list:
    with open_engine(url).connect() as conn:
        return conn.execute(select(AlertDelivery.__table__).order_by(AlertDelivery.__table__.c.id)).all()


def test_each_material_record_is_posted_once_signed_with_the_secret(db_url: str, receiver):
    hook = receiver()
    _store(db_url, hook.url)
    summary = deliver_pending(db_url, hook.url, SECRET, site_url="https://watch.example.org/")
    assert summary.delivered == 2 and summary.pending == 0
    assert len(hook.received) == 2
    for body, headers, _status in hook.received:
        assert verify(body, SECRET, headers[SIGNATURE_HEADER])
        assert not verify(body, "another secret", headers[SIGNATURE_HEADER])
        assert not verify(body + b" ", SECRET, headers[SIGNATURE_HEADER])
    first = hook.delivered[0]
    assert first["service"] == "Acme" and first["document"] == "Privacy Policy"
    assert first["severity"] in {"medium", "high"} and first["shift_summary"]
    assert first["record_url"].startswith(
        "https://watch.example.org/s/acme/privacy-policy/changes/2024-05-02-v"
    )
    assert all(r.status == "delivered" for r in _rows(db_url))
    assert deliver_pending(db_url, hook.url, SECRET).delivered == 0  # delivered once, never again


def test_a_500_is_retried_with_backoff(sqlite_url: str, receiver):
    hook = receiver([500, 503])
    _store(sqlite_url, hook.url)
    waits: list[float] = []
    summary = deliver_pending(sqlite_url, hook.url, SECRET, backoff=0.25, sleep=waits.append)
    assert summary.delivered == 2 and summary.attempts == 4
    assert waits == [0.25, 0.5]  # exponential, only between attempts
    assert [r.attempts for r in _rows(sqlite_url)] == [3, 1]


def test_nothing_is_lost_when_the_receiver_is_down_and_it_is_resent_next_run(sqlite_url: str, receiver):
    hook = receiver()
    down = hook.url
    hook.close()  # the port is closed: every POST fails to connect
    _store(sqlite_url, down)  # tracking is not held back: both records are stored
    summary = deliver_pending(sqlite_url, down, SECRET, tries=2, sleep=lambda s: None)
    assert summary.delivered == 0 and summary.pending == 2
    rows = _rows(sqlite_url)
    assert [r.status for r in rows] == ["pending", "pending"] and all(r.attempts == 2 for r in rows)
    assert all(r.last_error == "ConnectError" for r in rows)

    back = receiver()  # the next run, with the receiver up (at a new port: same rows, moved target)
    with open_engine(sqlite_url).begin() as conn:
        conn.execute(AlertDelivery.__table__.update().values(target=back.url))
    assert deliver_pending(sqlite_url, back.url, SECRET).delivered == 2
    assert sorted(e["record_id"] for e in back.delivered) == sorted(r.record_id for r in rows)


def test_a_500_that_outlasts_the_retries_stays_pending_for_the_next_run(sqlite_url: str, receiver):
    hook = receiver([500] * 6)
    _store(sqlite_url, hook.url)
    first = deliver_pending(sqlite_url, hook.url, SECRET, sleep=lambda s: None)
    assert first.pending == 2 and first.delivered == 0
    second = deliver_pending(sqlite_url, hook.url, SECRET, sleep=lambda s: None)
    assert second.delivered == 2
    assert [r.attempts for r in _rows(sqlite_url)] == [4, 4]


def test_alerts_need_a_secret(sqlite_url: str):
    with pytest.raises(InputError, match="secret"):
        deliver_pending(sqlite_url, "http://127.0.0.1:9/hook", None)


def test_track_notify_on_the_command_line_signs_and_keeps_the_secret_out_of_sight(
    sqlite_url: str, receiver, run_cli
):
    hook = receiver()
    for day, text in enumerate(TEXTS, start=1):
        ingest_text(
            sqlite_url, "Acme", "Privacy Policy", text, captured_at=datetime(2024, 5, day, tzinfo=UTC)
        )
    env = {"SUMMARIZER_NOTIFY_SECRET": SECRET}
    result = run_cli("track", "--db", sqlite_url, "--notify", hook.url, "--format", "json", env=env)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["made"] == 2 and out["alerts"]["delivered"] == 2
    assert all(verify(body, SECRET, headers[SIGNATURE_HEADER]) for body, headers, _s in hook.received)
    assert SECRET not in result.stdout + result.stderr
    dump = "\n".join(str(tuple(r)) for r in _rows(sqlite_url))
    assert SECRET not in dump
    shown = run_cli("config", env=env)
    assert SECRET not in shown.stdout
    no_secret = run_cli(
        "track", "--db", sqlite_url, "--notify", hook.url, env={"SUMMARIZER_NOTIFY_SECRET": ""}
    )
    assert no_secret.returncode == 2 and "secret" in no_secret.stderr
