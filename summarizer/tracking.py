"""Make change records for every consecutive version pair that has none.

``track()`` plans the work (one work item per pair), then one or more workers claim items, run
the pipeline (``diff_texts`` + ``analyze``) and store each pair's record in its own transaction
together with the item's completion. So a crash, a Ctrl-C or an upstream failure loses at most the
pair in flight, a second run picks up where the first stopped, and several processes (or machines
sharing one PostgreSQL) split the work without duplicates: see :mod:`summarizer.store.workqueue`.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from summarizer.analyzers import AnalysisOptions
from summarizer.errors import InputError, NoChange, SummarizerError, UpstreamError
from summarizer.model.taxonomy import Severity
from summarizer.store import workqueue as wq
from summarizer.store.db import open_engine
from summarizer.store.model_calls import ModelCallStore
from summarizer.store.models import (
    AlertDelivery,
    PolicyDocument,
    ProvisionState,
    RecordCategory,
    Service,
    StoredRecord,
    Version,
    table_of,
    utcnow,
)
from summarizer.store.passage_index import index_pending

DEFAULT_LEASE_SECONDS = 120.0


@dataclass
class TrackProgress:
    """Reported after each pair: pairs this process finished, and the queue as a whole."""

    done: int  # records made by this call (all its workers, as far as it knows)
    total: int  # pairs that needed a record when the run started
    failed: int = 0
    remaining: int | None = None  # pairs still without a record, across every tracker


@dataclass
class TrackSummary:
    """What a tracking run did."""

    analyzer: str
    analysis_key: str
    pairs: int = 0  # consecutive pairs in scope
    planned: int = 0  # pairs that needed a record when the run started
    made: int = 0  # records this run stored
    already_made: int = 0  # pairs another tracker finished while this one held them
    failed: int = 0
    remaining: int = 0  # pairs still without a record after the run
    released_dead_claims: int = 0
    compliance_added: int = 0  # stored records that lacked the compliance section and now have it
    workers: int = 1
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)

    def absorb(self, other: dict[str, Any]) -> None:
        self.made += other.get("made", 0)
        self.already_made += other.get("already_made", 0)
        self.failed += other.get("failed", 0)
        self.errors.extend(other.get("errors", []))


def analysis_key(analyzer: str, options: AnalysisOptions | None) -> str:
    """What besides the analyzer makes two records of one pair differ: model and prompt for 'llm'."""
    if analyzer != "llm":
        return ""
    from summarizer.config import DEFAULT_MODEL

    options = options or AnalysisOptions()
    return f"model={options.model or DEFAULT_MODEL};prompt={options.prompt or 'default'}"


AUTO = "auto"
MODEL_WORKERS_PER_CORE = 4  # model calls mostly wait on the network
MAX_MODEL_WORKERS = 16
MIN_RULES_PAIRS_PER_WORKER = 100  # a rules worker's start-up costs about as much as this many cheap pairs


def usable_cores() -> int:
    """CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _worker_count(workers: int | str) -> int | None:
    """The number of workers asked for; None for 'auto' (InputError for anything else)."""
    if workers == AUTO:
        return None
    if not isinstance(workers, int) or workers < 1:
        raise InputError("workers must be at least 1, or 'auto'", setting="workers")
    return workers


def auto_workers(analyzer: str, options: AnalysisOptions, pending: int) -> tuple[int, AnalysisOptions]:
    """``--workers auto``: one worker per core for the rules analyzer (CPU-bound); for the model
    path, which mostly waits on the endpoint, :data:`MODEL_WORKERS_PER_CORE` per core up to
    :data:`MAX_MODEL_WORKERS`, and with a requests-per-minute limit (``rpm``) no more workers than
    requests per minute, each given its share of the limit so that together they keep to it.
    Never more workers than pairs to do, and for the rules analyzer no more than one per
    :data:`MIN_RULES_PAIRS_PER_WORKER` pairs: starting a worker process costs about what that many
    cheap pairs do (measured with bench/track_workers.py). Returns the count and the options the
    workers run with."""
    cores = usable_cores()
    if analyzer != "llm":
        return max(1, min(cores, pending // MIN_RULES_PAIRS_PER_WORKER)), options
    count = min(MODEL_WORKERS_PER_CORE * cores, MAX_MODEL_WORKERS)
    rpm = options.rpm
    if rpm is not None and rpm > 0:
        count = max(1, min(count, int(rpm)))
    count = max(1, min(count, pending))
    if rpm is not None and rpm > 0 and count > 1:
        options = replace(options, rpm=max(1, int(rpm) // count))  # together the workers keep to the limit
    return count, options


def track(
    db_url: str,
    analyzer: str = "rules",
    options: AnalysisOptions | None = None,
    *,
    service: str | None = None,
    document: str | None = None,
    limit: int | None = None,
    workers: int | str = 1,
    lease_seconds: float = DEFAULT_LEASE_SECONDS,
    retry_failed: bool = False,
    on_progress: Callable[[TrackProgress], None] | None = None,
    notify: tuple[str, ...] = (),
    compliance: str | None = None,
) -> TrackSummary:
    """Make the missing change records in scope; returns what was done.

    With *notify* (receiver URLs), each new material record queues an alert delivery per receiver
    in the transaction that stores it, so no alert is lost; ``summarizer.site.alerts`` sends them.
    With *compliance* ('offline' or 'llm') each record carries the compliance analysis.

    Raises UpstreamError when the model endpoint fails (records already made stay stored) and
    InputError for an unknown analyzer or service. ``workers`` > 1 runs that many processes; ``"auto"`` chooses (:func:`auto_workers`).
    """
    asked = _worker_count(workers)
    if limit is not None and limit < 1:
        raise InputError("limit must be at least 1", setting="limit")
    started = time.perf_counter()
    options = options or AnalysisOptions()
    if options.call_log is None:  # model calls are logged (and cached) beside the records
        options = replace(options, call_log=ModelCallStore(db_url))
    _check_analyzer(analyzer, options)
    key = analysis_key(analyzer, options)
    scope = wq.Scope(service, document)
    engine = open_engine(db_url)
    summary = TrackSummary(analyzer=analyzer, analysis_key=key, workers=asked if asked is not None else 1)
    with engine.begin() as conn:
        _check_scope(conn, scope)
        summary.released_dead_claims = wq.release_dead_claims(conn)
        planned = wq.plan(conn, analyzer, key, scope, retry_failed=retry_failed)
    summary.pairs, summary.planned = planned.pairs, planned.pending
    if asked is None:
        count, options = auto_workers(analyzer, options, planned.pending if limit is None else limit)
    else:
        count = asked
    summary.workers = count
    if planned.pending:
        job = _Job(db_url, analyzer, options, key, scope, lease_seconds, tuple(notify), compliance)
        if count == 1:
            summary.absorb(job.run(limit, on_progress, planned.pending))
        else:
            _run_pool(job, count, limit, on_progress, planned.pending, summary)
    if compliance:
        summary.compliance_added = add_missing_compliance(
            engine, analyzer, key, scope, compliance, options, limit=limit
        )
    with engine.connect() as conn:
        summary.remaining = wq.remaining(conn, analyzer, key, scope)
    index_pending(engine)  # the passage index follows the current versions (#14)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def add_missing_compliance(
    engine: Engine,
    analyzer: str,
    key: str,
    scope: wq.Scope,
    method: str,
    options: AnalysisOptions | None = None,
    *,
    limit: int | None = None,
) -> int:
    """Give the stored records in scope that lack a ``compliance`` section one, in place.

    Records made before ``--compliance`` was asked for keep everything they had (the analyzer is not
    run again: the section is computed from the stored record and the two stored texts) and gain
    the section, one transaction per record. Returns how many records were updated.
    """
    from summarizer.api import add_compliance, diff_texts
    from summarizer.model.record import ChangeRecord

    rt, vt = table_of(StoredRecord), table_of(Version)
    stmt = select(rt.c.id, rt.c.old_version_id, rt.c.new_version_id, rt.c.record_json).where(
        rt.c.analyzer == analyzer, rt.c.analysis_key == key
    )
    ids = scope.document_ids()
    if ids is not None:
        stmt = stmt.where(rt.c.document_id.in_(ids))
    with engine.connect() as conn:
        rows = conn.execute(stmt.order_by(rt.c.id)).all()
    done = 0
    for record_id, old_id, new_id, body in rows:
        if limit is not None and done >= limit:
            break
        record = ChangeRecord.model_validate_json(body)
        if record.compliance is not None:
            continue
        with engine.connect() as conn:
            texts: dict[int, str] = dict(
                conn.execute(select(vt.c.id, vt.c.text).where(vt.c.id.in_([old_id, new_id]))).all()
            )
        add_compliance(record, diff_texts(texts[old_id], texts[new_id]), method, options)
        with engine.begin() as conn:  # only the JSON changes; the row's other columns stay as stored
            conn.execute(
                rt.update()
                .where(rt.c.id == record_id, rt.c.record_json == body)
                .values(record_json=record.model_dump_json())
            )
        done += 1
    return done


def _check_analyzer(analyzer: str, options: AnalysisOptions) -> None:
    from summarizer.analyzers import get_analyzer

    get_analyzer(analyzer, options)  # InputError for an unknown name


def _check_scope(conn: Connection, scope: wq.Scope) -> None:
    ids = scope.document_ids()
    if ids is not None and conn.execute(ids.limit(1)).first() is None:
        what = "/".join(x for x in (scope.service, scope.document) if x)
        raise InputError(f"no stored document matches {what!r} (ingest it first)")


# --- one worker --------------------------------------------------------------------------------


@dataclass
class _Job:
    """Everything a worker needs; picklable so pool processes can receive it."""

    db_url: str
    analyzer: str
    options: AnalysisOptions
    key: str
    scope: wq.Scope
    lease_seconds: float
    notify: tuple[str, ...] = ()
    compliance: str | None = None

    def run(
        self, limit: int | None, on_progress: Callable[[TrackProgress], None] | None = None, total: int = 0
    ) -> dict[str, Any]:
        """Claim, analyse and store pairs until none is left (or *limit* are done).

        One connection for the whole loop; per pair one transaction claims it and reads its
        texts, the analysis runs outside any transaction, and one transaction stores the record.
        """
        engine = open_engine(self.db_url)
        worker = wq.new_worker_id()
        out: dict[str, Any] = {"made": 0, "already_made": 0, "failed": 0, "errors": []}
        names: dict[int, tuple[str, str]] = {}
        heartbeat = _Heartbeat(engine, self.lease_seconds)
        last_count = 0.0
        try:
            with engine.connect() as conn:
                while limit is None or out["made"] + out["failed"] + out["already_made"] < limit:
                    with conn.begin():
                        claims = wq.claim(
                            conn,
                            worker,
                            self.analyzer,
                            self.key,
                            self.scope,
                            lease_seconds=self.lease_seconds,
                        )
                        if not claims:
                            break  # leaving the block commits, as before
                        item = claims[0]
                        pair = self._load(conn, item, names)
                        reverts_to = reverted_to(conn, item)
                    heartbeat.hold(item.token)
                    try:
                        record = self._analyze(item, *pair)
                        if reverts_to is not None:
                            flag_revert(record, reverts_to)
                        outcome = store_record(
                            conn, item, record, self.analyzer, self.key, worker, notify=self.notify
                        )
                    except UpstreamError as exc:
                        _release(engine, item, error=str(exc))
                        raise
                    except (InputError, NoChange, ValueError) as exc:  # this pair cannot be analysed
                        _release(engine, item, error=f"{type(exc).__name__}: {exc}", failed=True)
                        out["failed"] += 1
                        out["errors"].append(f"versions {item.old_version_id}->{item.new_version_id}: {exc}")
                        outcome = None
                    finally:
                        heartbeat.hold(None)
                    if outcome:
                        out[outcome] += 1
                    if on_progress:
                        now = time.monotonic()
                        left = None
                        if now - last_count > 0.5:
                            with conn.begin():
                                left = wq.remaining(conn, self.analyzer, self.key, self.scope)
                            last_count = now
                        on_progress(
                            TrackProgress(out["made"] + out["already_made"], total, out["failed"], left)
                        )
        except BaseException:  # Ctrl-C, SIGTERM or a bug, wherever it lands: nothing stays claimed by us
            try:
                with engine.begin() as conn:
                    wq.release_worker(conn, worker)
            except Exception:  # noqa: BLE001 - best effort: the lease runs out anyway
                pass
            raise
        finally:
            heartbeat.stop()
        return out

    @staticmethod
    def _load(
        conn: Connection, item: wq.Claim, names: dict[int, tuple[str, str]]
    ) -> tuple[dict, dict, str, str]:
        """The pair's texts and capture times, and its service and document names."""
        rows = conn.execute(
            select(col(Version.id), col(Version.text), col(Version.captured_at)).where(
                col(Version.id).in_([item.old_version_id, item.new_version_id])
            )
        ).all()
        if item.document_id not in names:
            service, document = conn.execute(
                select(col(Service.name), col(PolicyDocument.doc_type))
                .join(Service, col(Service.id) == col(PolicyDocument.service_id))
                .where(col(PolicyDocument.id) == item.document_id)
            ).one()
            names[item.document_id] = (service, document)
        return (
            {vid: body for vid, body, _ in rows},
            {vid: when for vid, _, when in rows},
            *names[item.document_id],
        )

    def _analyze(self, item: wq.Claim, texts: dict, stamps: dict, service: str, doc: str):
        from summarizer.api import analyze, diff_texts, name_record

        def label(version_id: int) -> str:
            return f"{service}/{doc} #{version_id} ({stamps[version_id]:%Y-%m-%d %H:%M})"

        diff = diff_texts(
            texts[item.old_version_id],
            texts[item.new_version_id],
            old_source=label(item.old_version_id),
            new_source=label(item.new_version_id),
        )
        record = name_record(
            analyze(diff, self.analyzer, self.options),
            service=service,
            document=doc,
            old_date=stamps[item.old_version_id].isoformat(),
            new_date=stamps[item.new_version_id].isoformat(),
        )
        flag_captures(record, diff)
        if self.compliance:  # offline or llm: the compliance analysis of the record (#15)
            from summarizer.api import add_compliance

            add_compliance(record, diff, self.compliance, self.options)
        return record


def reverted_to(conn: Connection, item: wq.Claim) -> tuple[int, Any] | None:
    """(id, capture time) of the latest version before the pair's old one whose text is identical to
    its new one: the new version then reverts to that earlier text. None when it does not."""
    vt = table_of(Version)
    old = conn.execute(select(vt.c.captured_at).where(vt.c.id == item.old_version_id)).scalar_one()
    new_sha = conn.execute(select(vt.c.content_sha256).where(vt.c.id == item.new_version_id)).scalar_one()
    row = conn.execute(
        select(vt.c.id, vt.c.captured_at)
        .where(
            vt.c.document_id == item.document_id,
            vt.c.content_sha256 == new_sha,
            vt.c.id != item.new_version_id,
            vt.c.id != item.old_version_id,
            vt.c.captured_at <= old,
        )
        .order_by(vt.c.captured_at.desc(), vt.c.id.desc())
        .limit(1)
    ).first()
    return (int(row[0]), row[1]) if row else None


def flag_revert(record, reverts_to: tuple[int, Any]) -> None:
    """Say on the record (a flag, not only prose) that the new text restores an earlier version's."""
    from summarizer.model.record import Flag

    version_id, when = reverts_to
    if any(f.code == "revert" for f in record.flags):
        return
    record.flags.append(
        Flag(
            code="revert",
            message=f"The new version is identical to the version of {when:%Y-%m-%d} (#{version_id}): "
            "this change restores earlier text rather than making a new one.",
        )
    )


def flag_captures(record, diff) -> None:
    """Flag a capture cut short or swapped for another page, whichever analyzer made the record."""
    from summarizer.analyzers.rules.analyzer import different_document
    from summarizer.model.record import Flag
    from summarizer.rubric.truncation import truncated_capture

    if record.provenance.analyzer == "rules":  # the rules analyzer checks both itself
        return
    codes = {f.code for f in record.flags}
    if "capture_mismatch" not in codes:
        mismatch = different_document(diff)
        if mismatch:
            record.flags.append(Flag(code="capture_mismatch", message=mismatch))
            return
    if "capture_truncated" not in codes and "capture_mismatch" not in codes:
        cut = truncated_capture(diff)
        if cut is not None:
            record.flags.append(Flag(code="capture_truncated", message=cut.message()))


def store_record(
    conn: Connection,
    item: wq.Claim,
    record,
    analyzer: str,
    key: str,
    worker: str,
    *,
    notify: tuple[str, ...] = (),
) -> str:
    """Store *record* for the claimed pair and close the item, in one transaction on *conn*
    (with an alert delivery per *notify* receiver when the record is a material change).

    Returns 'made', or 'already_made' when the pair already had a record (the unique constraint
    caught a tracker that took over after this one's lease ran out).
    """
    try:
        with conn.begin():
            record_id = _insert_record(conn, item, record, analyzer, key, worker)
            if notify and alertable(record):
                now = utcnow()
                conn.execute(
                    table_of(AlertDelivery).insert(),
                    [
                        {
                            "record_id": record_id,
                            "target": t,
                            "status": "pending",
                            "attempts": 0,
                            "created_at": now,
                            "updated_at": now,
                        }
                        for t in dict.fromkeys(notify)
                    ],
                )
            wq.mark_done(conn, item.item_id, record_id)
        return "made"
    except IntegrityError:
        with conn.begin():
            rt = table_of(StoredRecord)
            existing = conn.execute(
                select(rt.c.id).where(
                    rt.c.old_version_id == item.old_version_id,
                    rt.c.new_version_id == item.new_version_id,
                    rt.c.analyzer == analyzer,
                    rt.c.analysis_key == key,
                )
            ).scalar()
            if existing is None:
                raise
            wq.mark_done(conn, item.item_id, int(existing))
        return "already_made"


def alertable(record) -> bool:
    """A material change readers should hear about: not a capture cut short or another page."""
    return bool(record.material) and not any(
        f.code in ("capture_truncated", "capture_mismatch") for f in record.flags
    )


def _insert_record(conn: Connection, item: wq.Claim, record, analyzer: str, key: str, worker: str) -> int:
    prov = record.provenance
    rt = table_of(StoredRecord)
    record_id = conn.execute(
        rt.insert()
        .values(
            document_id=item.document_id,
            old_version_id=item.old_version_id,
            new_version_id=item.new_version_id,
            analyzer=analyzer,
            analysis_key=key,
            model=prov.model,
            prompt_version=prov.prompt_version,
            material=bool(record.material),
            severity=record.severity,
            severity_rank=Severity(record.severity).rank,
            categories=" ".join(record.categories),
            headline=record.headline[:500],
            record_json=record.model_dump_json(),
            worker=worker,
            created_at=utcnow(),
        )
        .returning(rt.c.id)
    ).scalar_one()
    categories = sorted(set(record.categories) | {c.category for c in record.changes})
    if categories:
        conn.execute(
            table_of(RecordCategory).insert(), [{"record_id": record_id, "category": c} for c in categories]
        )
    states = []
    for category, (before, after) in provision_shifts(record).items():
        for basis, version_id, sev in (
            ("before", item.old_version_id, before),
            ("after", item.new_version_id, after),
        ):
            states.append(
                {
                    "document_id": item.document_id,
                    "version_id": version_id,
                    "record_id": record_id,
                    "category": category,
                    "basis": basis,
                    "severity": sev.value,
                    "severity_rank": sev.rank,
                }
            )
    if states:
        conn.execute(table_of(ProvisionState).insert(), states)
    return int(record_id)


def provision_shifts(record) -> dict[str, tuple[Severity, Severity]]:
    """Per category the record touches: (severity before, severity after), the worst change of each."""
    out: dict[str, tuple[Severity, Severity]] = {}
    for change in record.changes:
        before, after = Severity(change.severity_before), Severity(change.severity_after)
        if change.category in out:
            b, a = out[change.category]
            before, after = max(b, before), max(a, after)
        out[change.category] = (before, after)
    return out


def _release(engine: Engine, item: wq.Claim, *, error: str | None = None, failed: bool = False) -> None:
    try:
        with engine.begin() as conn:
            wq.release(conn, item, error=error, failed=failed)
    except Exception:  # noqa: BLE001 - best effort: the lease runs out anyway
        pass


class _Heartbeat:
    """Extends the lease of the claim being worked on, every third of the lease, from a thread."""

    def __init__(self, engine: Engine, lease_seconds: float) -> None:
        self.engine = engine
        self.lease = lease_seconds
        self.token: str | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._beat, name="track-heartbeat", daemon=True)
        self._thread.start()

    def hold(self, token: str | None) -> None:
        with self._lock:
            self.token = token

    def _beat(self) -> None:
        while not self._stop.wait(self.lease / 3):
            with self._lock:
                token = self.token
            if token is None:
                continue
            try:
                with self.engine.begin() as conn:
                    wq.extend_lease(conn, token, self.lease)
            except Exception:  # noqa: BLE001 - a missed beat only shortens the lease
                pass

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


# --- several worker processes ----------------------------------------------------------------


def _child_main(job: _Job, limit: int | None, results, parent: int | None = None) -> None:
    """Entry point of a pool process: run one worker, report its counts or its error; *parent*
    is the pool's process id (the worker stops when that process is gone)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    _exit_with_parent(parent)
    try:
        results.put(("ok", job.run(limit)))
    except SummarizerError as exc:
        results.put(("error", (type(exc).__name__, True, str(exc), exc.setting)))
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises
        results.put(("error", (type(exc).__name__, False, f"{type(exc).__name__}: {exc}", None)))


def _exit_with_parent(parent: int | None, poll: float = 0.5, grace: float = 10.0) -> None:
    """Stop this worker when its parent dies (killed with SIGKILL, it cannot stop us itself): a
    watchdog thread interrupts the work, so claims are handed back as on Ctrl-C, and ends the
    process if that has not happened after *grace* seconds."""
    import _thread

    if parent is None:
        parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll)
        _thread.interrupt_main()
        time.sleep(grace)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def _run_pool(
    job: _Job, workers: int, limit: int | None, on_progress, total: int, summary: TrackSummary
) -> None:
    """Run workers-1 processes plus one worker in this process; collect their counts."""
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    share = None if limit is None else -(-limit // workers)
    children = [
        ctx.Process(target=_child_main, args=(job, share, results, os.getpid()), daemon=True)
        for _ in range(workers - 1)
    ]
    for child in children:
        child.start()
    try:
        summary.absorb(job.run(share, on_progress, total))
        reports = _collect(children, results)
    except BaseException:
        for child in children:
            if child.is_alive():
                child.terminate()
        for child in children:
            child.join(timeout=10)
        raise
    first_error = None
    for status, payload in reports:
        if status == "ok":
            summary.absorb(payload)
        else:
            first_error = first_error or payload
    if len(reports) < len(children):
        first_error = first_error or (
            "RuntimeError",
            False,
            "a tracking worker process died unexpectedly",
            None,
        )
    if first_error:
        name, ours, message, setting = first_error
        if name == "UpstreamError":
            raise UpstreamError(message, setting=setting)
        if ours:
            raise InputError(message, setting=setting)
        raise RuntimeError(message)


def _collect(children: list, results) -> list[tuple[str, Any]]:
    """Every child's report (read before joining, so no child blocks on a full pipe)."""
    reports: list[tuple[str, Any]] = []
    while len(reports) < len(children):
        try:
            reports.append(results.get(timeout=1))
        except queue.Empty:
            if not any(child.is_alive() for child in children):
                try:
                    reports.append(results.get(timeout=1))
                except queue.Empty:
                    break
    for child in children:
        child.join()
    return reports
