"""Alerts: a signed JSON event POSTed to a receiver for each new material record.

Tracking queues one ``alert_deliveries`` row per (record, receiver) in the transaction that stores
the record, so an alert can never be lost, and records never wait for a receiver. After tracking,
:func:`deliver_pending` sends every pending delivery for the receiver: each POST is retried with
exponential backoff on a 5xx, 429 or connection failure; one still failing stays pending (its
attempts and last error stored) and is sent again on the next run. Receivers should treat the
``X-Summarizer-Delivery`` header as an idempotency key: a delivery whose answer was lost is re-sent.

The body is signed with HMAC-SHA256 under a secret from the configuration (never stored, never
logged): header ``X-Summarizer-Signature: sha256=<hex digest of the raw body>``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from sqlalchemy import select, update

from summarizer.errors import InputError
from summarizer.model.taxonomy import CATEGORIES
from summarizer.site import paths
from summarizer.store.db import open_engine
from summarizer.store.models import (
    AlertDelivery,
    PolicyDocument,
    Service,
    StoredRecord,
    Version,
    table_of,
    utcnow,
)

SIGNATURE_HEADER = "X-Summarizer-Signature"
DELIVERY_HEADER = "X-Summarizer-Delivery"
EVENT_HEADER = "X-Summarizer-Event"
EVENT = "change_record.material"
RETRYABLE = {408, 425, 429, 500, 502, 503, 504}


@dataclass
class DeliverySummary:
    target: str
    delivered: int = 0
    pending: int = 0  # still owed after this run (re-sent next run)
    attempts: int = 0
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def sign(body: bytes, secret: str) -> str:
    """The signature header's value for *body*: 'sha256=<hex>'."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(body: bytes, secret: str, header: str | None) -> bool:
    """What a receiver does: recompute the signature and compare in constant time."""
    return bool(header) and hmac.compare_digest(sign(body, secret), header or "")


def event_for(conn, record_id: int, site_url: str | None) -> dict:
    """The JSON event of one stored record."""
    from summarizer.model.record import ChangeRecord

    rt, dt, st, vt = table_of(StoredRecord), table_of(PolicyDocument), table_of(Service), table_of(Version)
    row = conn.execute(
        select(rt.c.record_json, rt.c.new_version_id, rt.c.old_version_id, st.c.name, dt.c.doc_type)
        .join(dt, dt.c.id == rt.c.document_id)
        .join(st, st.c.id == dt.c.service_id)
        .where(rt.c.id == record_id)
    ).one()
    record = ChangeRecord.model_validate_json(row[0])
    dates = dict(conn.execute(select(vt.c.id, vt.c.captured_at).where(vt.c.id.in_([row[1], row[2]]))).all())
    service, document = row[3], row[4]
    shifts = [
        {
            "category": c.category,
            "provision": CATEGORIES[c.category].title if c.category in CATEGORIES else c.category,
            "before": c.severity_before,
            "after": c.severity_after,
            "reason": c.shift_reason,
        }
        for c in record.changes
        if c.severity_before != c.severity_after
    ]
    summary = "; ".join(f"{s['provision']}: {s['before']} → {s['after']}" for s in shifts) or record.headline
    return {
        "event": EVENT,
        "record_id": record_id,
        "service": service,
        "document": document,
        "severity": record.severity,
        "headline": record.headline,
        "shift_summary": summary,
        "shifts": shifts,
        "categories": list(record.categories),
        "revert": any(f.code == "revert" for f in record.flags),
        "old_version_date": dates[row[2]].isoformat(),
        "new_version_date": dates[row[1]].isoformat(),
        "record_url": paths.absolute(site_url, paths.record_page(service, document, row[1], dates[row[1]])),
        "disclaimer": record.disclaimer,
    }


def deliver_pending(
    db_url: str,
    target: str,
    secret: str | None,
    *,
    site_url: str | None = None,
    tries: int = 3,
    backoff: float = 0.5,
    timeout: float = 5.0,
    sleep: Callable[[float], None] = time.sleep,
) -> DeliverySummary:
    """Send every pending delivery for *target* (oldest first); see the module docstring."""
    import httpx

    if not secret:
        raise InputError(
            "alerts need a signing secret: set SUMMARIZER_NOTIFY_SECRET or notify_secret in the config file"
        )
    if not target.startswith(("http://", "https://")):
        raise InputError(f"--notify needs an http(s) URL, not {target!r}")
    engine = open_engine(db_url)
    at = table_of(AlertDelivery)
    out = DeliverySummary(target)
    with engine.connect() as conn:
        pending = conn.execute(
            select(at.c.id, at.c.record_id)
            .where(at.c.target == target, at.c.status == "pending")
            .order_by(at.c.id)
        ).all()
        events = {rid: event_for(conn, rid, site_url) for _id, rid in pending}
    with httpx.Client(timeout=timeout, follow_redirects=False) as client:
        for delivery_id, record_id in pending:
            body = json.dumps(events[record_id], ensure_ascii=False, sort_keys=True).encode("utf-8")
            headers = {
                "Content-Type": "application/json",
                SIGNATURE_HEADER: sign(body, secret),
                DELIVERY_HEADER: str(delivery_id),
                EVENT_HEADER: EVENT,
                "User-Agent": "change-summarizer-alerts",
            }
            status, error = None, None
            for attempt in range(tries):
                out.attempts += 1
                try:
                    response = client.post(target, content=body, headers=headers)
                    status, error = response.status_code, None
                    if 200 <= status < 300:
                        break
                    error = f"HTTP {status}"
                    if status not in RETRYABLE:
                        break
                except httpx.HTTPError as exc:
                    status, error = None, f"{type(exc).__name__}"
                if attempt + 1 < tries:
                    sleep(backoff * 2**attempt)
            delivered = error is None
            with engine.begin() as conn:
                conn.execute(
                    update(at)
                    .where(at.c.id == delivery_id)
                    .values(
                        status="delivered" if delivered else "pending",
                        attempts=at.c.attempts + (attempt + 1),
                        last_error=error,
                        last_status=status,
                        updated_at=utcnow(),
                        delivered_at=utcnow() if delivered else None,
                    )
                )
            if delivered:
                out.delivered += 1
            else:
                out.pending += 1
                out.errors.append(f"record {record_id}: {error}")
    return out
