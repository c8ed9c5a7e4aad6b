"""The tracking work queue: one row per version pair to analyse, claimed with a lease.

Claims are atomic on every backend:

- PostgreSQL: ``UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING``, so
  workers on many machines take different rows without waiting for each other;
- SQLite: one ``UPDATE ... WHERE id IN (SELECT ... LIMIT n)`` statement (SQLite runs writers one
  at a time) that stamps the rows with a claim token unique to this claim, then reads them back.

A claim is a lease: a worker that dies leaves rows whose lease runs out and that others take over.
Claims of dead processes on this host are released at once (:func:`release_dead_claims`). The
unique constraint on change records is the final guard: a pair never gets two records.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import Insert, Select

from summarizer.store.models import PolicyDocument, Service, StoredRecord, Version, WorkItem, table_of

PENDING, CLAIMED, DONE, FAILED, OBSOLETE = "pending", "claimed", "done", "failed", "obsolete"
_T = table_of(WorkItem)


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_worker_id() -> str:
    """'host:pid:random' - the host and pid let a later run on this host spot claims of dead workers."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class Scope:
    """Which documents a tracking run covers (all when both are None)."""

    service: str | None = None
    document: str | None = None

    def document_ids(self) -> Select | None:
        if self.service is None and self.document is None:
            return None
        stmt = select(table_of(PolicyDocument).c.id).select_from(
            table_of(PolicyDocument).join(
                table_of(Service), table_of(Service).c.id == table_of(PolicyDocument).c.service_id
            )
        )
        if self.service is not None:
            stmt = stmt.where(table_of(Service).c.name == self.service)
        if self.document is not None:
            stmt = stmt.where(table_of(PolicyDocument).c.doc_type == self.document)
        return stmt


@dataclass(frozen=True)
class Claim:
    item_id: int
    document_id: int
    old_version_id: int
    new_version_id: int
    token: str


@dataclass
class PlanResult:
    pairs: int = 0  # consecutive pairs in scope
    created: int = 0  # new work items
    obsolete: int = 0  # pending items whose versions are no longer consecutive
    pending: int = 0  # items waiting (pending, or claimed with a lapsed lease) after planning


def _queue_filter(analyzer: str, key: str, scope: Scope) -> list[Any]:
    cond = [_T.c.analyzer == analyzer, _T.c.analysis_key == key]
    ids = scope.document_ids()
    if ids is not None:
        cond.append(_T.c.document_id.in_(ids))
    return cond


def plan(
    conn: Connection, analyzer: str, key: str, scope: Scope, *, retry_failed: bool = False
) -> PlanResult:
    """Make sure every consecutive version pair in scope has a work item; return the queue's state."""
    result = PlanResult()
    vt = table_of(Version)
    vstmt = select(vt.c.id, vt.c.document_id).order_by(vt.c.document_id, vt.c.captured_at, vt.c.id)
    ids = scope.document_ids()
    if ids is not None:
        vstmt = vstmt.where(vt.c.document_id.in_(ids))
    pairs: set[tuple[int, int]] = set()
    pair_doc: dict[tuple[int, int], int] = {}
    prev: tuple[int, int] | None = None
    for vid, did in conn.execute(vstmt):
        if prev is not None and prev[1] == did:
            pairs.add((prev[0], vid))
            pair_doc[(prev[0], vid)] = did
        prev = (vid, did)
    result.pairs = len(pairs)

    cond = _queue_filter(analyzer, key, scope)
    existing = {
        (o, n): (i, s)
        for i, o, n, s in conn.execute(
            select(_T.c.id, _T.c.old_version_id, _T.c.new_version_id, _T.c.status).where(*cond)
        )
    }
    rt = table_of(StoredRecord)
    rcond = [rt.c.analyzer == analyzer, rt.c.analysis_key == key]
    if ids is not None:
        rcond.append(rt.c.document_id.in_(ids))
    records = {
        (o, n): rid
        for rid, o, n in conn.execute(select(rt.c.id, rt.c.old_version_id, rt.c.new_version_id).where(*rcond))
    }

    now = utcnow()
    rows = []
    for pair in sorted(pairs - existing.keys(), key=lambda p: (pair_doc[p], p)):
        record_id = records.get(pair)
        rows.append(
            {
                "document_id": pair_doc[pair],
                "old_version_id": pair[0],
                "new_version_id": pair[1],
                "analyzer": analyzer,
                "analysis_key": key,
                "status": DONE if record_id else PENDING,
                "claimed_by": None,
                "lease_expires_at": None,
                "attempts": 0,
                "error": None,
                "record_id": record_id,
                "created_at": now,
                "updated_at": now,
            }
        )
    result.created = _insert_ignoring_duplicates(conn, rows)

    stale = [
        item_id for pair, (item_id, status) in existing.items() if pair not in pairs and status == PENDING
    ]
    for chunk in _chunks(stale, 500):
        result.obsolete += conn.execute(
            update(_T)
            .where(_T.c.id.in_(chunk), _T.c.status == PENDING)
            .values(status=OBSOLETE, updated_at=now)
        ).rowcount
    if retry_failed:
        conn.execute(
            update(_T).where(*cond, _T.c.status == FAILED).values(status=PENDING, error=None, updated_at=now)
        )
    result.pending = remaining(conn, analyzer, key, scope)
    return result


def remaining(conn: Connection, analyzer: str, key: str, scope: Scope) -> int:
    """Items not done yet: pending, or claimed (by a live or dead worker)."""
    return int(
        conn.execute(
            select(func.count())
            .select_from(_T)
            .where(*_queue_filter(analyzer, key, scope), _T.c.status.in_([PENDING, CLAIMED]))
        ).scalar()
        or 0
    )


def claim(
    conn: Connection,
    worker: str,
    analyzer: str,
    key: str,
    scope: Scope,
    *,
    lease_seconds: float,
    limit: int = 1,
) -> list[Claim]:
    """Atomically take up to *limit* items nobody holds (pending, or with a lapsed lease)."""
    now = utcnow()
    token = f"{worker}#{uuid.uuid4().hex[:8]}"
    available = or_(_T.c.status == PENDING, and_(_T.c.status == CLAIMED, _T.c.lease_expires_at < now))
    pick = (
        select(_T.c.id).where(*_queue_filter(analyzer, key, scope), available).order_by(_T.c.id).limit(limit)
    )
    values = {
        "status": CLAIMED,
        "claimed_by": token,
        "lease_expires_at": now + timedelta(seconds=lease_seconds),
        "attempts": _T.c.attempts + 1,
        "updated_at": now,
    }
    cols = (_T.c.id, _T.c.document_id, _T.c.old_version_id, _T.c.new_version_id)
    if conn.dialect.name == "postgresql":
        pick = pick.with_for_update(skip_locked=True)
        rows = conn.execute(
            update(_T).where(_T.c.id.in_(pick.scalar_subquery())).values(**values).returning(*cols)
        ).all()
    else:
        conn.execute(update(_T).where(_T.c.id.in_(pick.scalar_subquery())).values(**values))
        rows = conn.execute(select(*cols).where(_T.c.claimed_by == token, _T.c.status == CLAIMED)).all()
    return [Claim(int(i), int(d), int(o), int(n), token) for i, d, o, n in sorted(rows)]


def extend_lease(conn: Connection, token: str, lease_seconds: float) -> int:
    """Push the lease of the rows held under *token* forward (the heartbeat)."""
    return conn.execute(
        update(_T)
        .where(_T.c.claimed_by == token, _T.c.status == CLAIMED)
        .values(lease_expires_at=utcnow() + timedelta(seconds=lease_seconds))
    ).rowcount


def mark_done(conn: Connection, item_id: int, record_id: int) -> None:
    conn.execute(
        update(_T)
        .where(_T.c.id == item_id)
        .values(
            status=DONE,
            record_id=record_id,
            claimed_by=None,
            lease_expires_at=None,
            error=None,
            updated_at=utcnow(),
        )
    )


def release(conn: Connection, claim: Claim, *, error: str | None = None, failed: bool = False) -> None:
    """Give an item back (pending again), or mark it failed; only while this claim still holds it."""
    conn.execute(
        update(_T)
        .where(_T.c.id == claim.item_id, _T.c.claimed_by == claim.token, _T.c.status == CLAIMED)
        .values(
            status=FAILED if failed else PENDING,
            claimed_by=None,
            lease_expires_at=None,
            error=(error or None) and error[:2000],
            updated_at=utcnow(),
        )
    )


def release_worker(conn: Connection, worker: str) -> int:
    """Give back every item a worker still holds (its claims are ``<worker>#<token>``)."""
    return conn.execute(
        update(_T)
        .where(_T.c.status == CLAIMED, _T.c.claimed_by.startswith(f"{worker}#", autoescape=True))
        .values(status=PENDING, claimed_by=None, lease_expires_at=None, updated_at=utcnow())
    ).rowcount


def release_dead_claims(conn: Connection, *, host: str | None = None) -> int:
    """Release claims held by processes of this host that no longer run (e.g. killed trackers)."""
    host = host or socket.gethostname()
    rows = conn.execute(
        select(_T.c.id, _T.c.claimed_by).where(_T.c.status == CLAIMED, _T.c.claimed_by.like(f"{host}:%"))
    ).all()
    dead = [item_id for item_id, holder in rows if not _pid_alive(holder)]
    released = 0
    for chunk in _chunks(dead, 500):
        released += conn.execute(
            update(_T)
            .where(_T.c.id.in_(chunk), _T.c.status == CLAIMED)
            .values(status=PENDING, claimed_by=None, lease_expires_at=None, updated_at=utcnow())
        ).rowcount
    return released


def _pid_alive(holder: str) -> bool:
    try:
        pid = int(holder.split(":")[1])
    except (IndexError, ValueError):
        return True  # not ours to judge: wait for the lease
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return _not_zombie(pid)


def _not_zombie(pid: int) -> bool:
    """A killed child that nobody reaped yet still has a pid; /proc tells us it is a zombie."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().split(b") ", 1)[1][:1] != b"Z"
    except (OSError, IndexError):
        return True


def _insert_ignoring_duplicates(conn: Connection, rows: list[dict]) -> int:
    """Insert rows, skipping those another process inserted first (unique pair constraint)."""
    if not rows:
        return 0
    name = conn.dialect.name
    created = 0
    if name in ("postgresql", "sqlite"):
        for chunk in _chunks(rows, 500):
            created += max(conn.execute(_insert_or_skip(name, chunk)).rowcount, 0)
        return created
    for row in rows:  # other backends: one savepoint per row
        try:
            with conn.begin_nested():
                conn.execute(_T.insert().values(row))
            created += 1
        except IntegrityError:
            pass
    return created


def _insert_or_skip(dialect: str, rows: list[dict]) -> Insert:
    """``INSERT ... ON CONFLICT DO NOTHING`` on the unique pair, in PostgreSQL's or SQLite's dialect."""
    keys = ["old_version_id", "new_version_id", "analyzer", "analysis_key"]
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(_T).values(rows).on_conflict_do_nothing(index_elements=keys)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(_T).values(rows).on_conflict_do_nothing(index_elements=keys)


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
