"""The history of a service's documents: versions, material changes and each provision's severity over time.

Built from consecutive version pairs and their change records (one record per pair; with several
analyzers, the one asked for, else the newest). A provision's severity at a version is what the
record arriving at that version says (``severity_after``), else what the record leaving it says
(``severity_before``); a *shift* is a record whose before and after differ for a category.

History understands captures. A version whose text is identical (same hash) to an earlier,
non-adjacent version is a *revert* to it: it is said as such and not counted as a new material
change. A record flagged as a bad capture (``capture_truncated``: one side cut short;
``capture_mismatch``: another page swapped in) is kept out of the provision timelines, which
mark the version instead, so a broken capture never reads as a severity shift.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from summarizer.errors import InputError
from summarizer.model.taxonomy import Severity
from summarizer.store.db import open_engine
from summarizer.store.models import PolicyDocument, ProvisionState, Service, StoredRecord, stored_id
from summarizer.store.repository import VersionInfo, document_versions, select_columns

CAPTURE_FLAGS = ("capture_truncated", "capture_mismatch")  # record flags that mark a bad capture
CAPTURE_LABELS = {
    "capture_truncated": "capture cut short",
    "capture_mismatch": "another page captured",
}


@dataclass
class Shift:
    """A provision whose severity moved between two consecutive versions."""

    category: str
    before: str
    after: str
    at: datetime  # capture time of the new version
    version_id: int
    record_id: int
    reason: str = ""

    @property
    def direction(self) -> str:
        return "up" if Severity(self.after).rank > Severity(self.before).rank else "down"

    def line(self) -> str:
        """'third_party_sharing: medium → high (2022-03-29)'."""
        return f"{self.category}: {self.before} → {self.after} ({self.at:%Y-%m-%d})"

    def to_dict(self) -> dict:
        return {
            "category": self.category,
            "before": self.before,
            "after": self.after,
            "direction": self.direction,
            "date": self.at.isoformat(),
            "version_id": self.version_id,
            "record_id": self.record_id,
            "reason": self.reason,
        }


@dataclass
class VersionEntry:
    """A version, and the record of the change that produced it (None for the first or untracked)."""

    version: VersionInfo
    record_id: int | None = None
    analyzer: str | None = None
    material: bool | None = None
    severity: str | None = None
    categories: list[str] = field(default_factory=list)
    headline: str | None = None
    shifts: list[Shift] = field(default_factory=list)
    revert_of: VersionInfo | None = None  # the earlier version this one is identical to
    capture: str | None = None  # a bad-capture flag of the record (one of CAPTURE_FLAGS)
    flags: list[str] = field(default_factory=list)  # every flag code of the record

    @property
    def new_material(self) -> bool:
        """A material change that is neither a revert to earlier text nor a bad capture."""
        return bool(self.material) and self.revert_of is None and self.capture is None

    def to_dict(self) -> dict:
        return {
            **self.version.to_dict(),
            "revert_of": self.revert_of.id if self.revert_of else None,
            "revert_of_date": self.revert_of.captured_at.isoformat() if self.revert_of else None,
            "capture": self.capture,
            "flags": self.flags,
            "record_id": self.record_id,
            "analyzer": self.analyzer,
            "material": self.material,
            "severity": self.severity,
            "categories": self.categories,
            "headline": self.headline,
            "shifts": [s.to_dict() for s in self.shifts],
        }


@dataclass
class ProvisionPoint:
    version_id: int
    at: datetime
    severity: str

    def to_dict(self) -> dict:
        return {"version_id": self.version_id, "date": self.at.isoformat(), "severity": self.severity}


@dataclass
class TimelineMark:
    """A version a timeline shows but does not rate: a revert, or a bad capture (kept out of severities)."""

    version_id: int
    at: datetime
    kind: str  # 'revert' or a CAPTURE_FLAGS code
    label: str

    def to_dict(self) -> dict:
        return {
            "version_id": self.version_id,
            "date": self.at.isoformat(),
            "kind": self.kind,
            "label": self.label,
        }


@dataclass
class ProvisionTimeline:
    """One category's severity at each version where a record speaks of it (changes only)."""

    category: str
    points: list[ProvisionPoint] = field(default_factory=list)

    @property
    def current(self) -> str:
        return self.points[-1].severity if self.points else "none"

    def to_dict(self) -> dict:
        return {
            "category": self.category,
            "current": self.current,
            "points": [p.to_dict() for p in self.points],
        }


@dataclass
class DocumentHistory:
    service: str
    document: str
    document_id: int
    versions: list[VersionEntry] = field(default_factory=list)
    provisions: list[ProvisionTimeline] = field(default_factory=list)
    shifts: list[Shift] = field(default_factory=list)
    marks: list[TimelineMark] = field(default_factory=list)
    records: dict[int, dict] = field(default_factory=dict, repr=False)  # record id -> its parsed JSON

    @property
    def untracked(self) -> int:
        """Consecutive pairs without a record yet."""
        return sum(1 for v in self.versions[1:] if v.record_id is None)

    @property
    def material_changes(self) -> int:
        """New material changes: reverts to earlier text and bad captures are not counted."""
        return sum(1 for v in self.versions if v.new_material)

    @property
    def reverts(self) -> int:
        return sum(1 for v in self.versions if v.revert_of is not None)

    @property
    def bad_captures(self) -> int:
        return sum(1 for v in self.versions if v.capture is not None)

    def to_dict(self) -> dict:
        return {
            "service": self.service,
            "document": self.document,
            "document_id": self.document_id,
            "version_count": len(self.versions),
            "material_changes": self.material_changes,
            "reverts": self.reverts,
            "bad_captures": self.bad_captures,
            "untracked_pairs": self.untracked,
            "versions": [v.to_dict() for v in self.versions],
            "provisions": [p.to_dict() for p in self.provisions],
            "shifts": [s.to_dict() for s in self.shifts],
            "marks": [m.to_dict() for m in self.marks],
        }


def history(
    db_url: str, service: str, document: str | None = None, *, analyzer: str | None = None
) -> list[DocumentHistory]:
    """The history of every document of *service* (or only *document*)."""
    engine = open_engine(db_url)
    with Session(engine) as session:
        svc = session.exec(select(Service).where(Service.name == service)).first()
        if svc is None:
            known = session.exec(select(Service.name).order_by(col(Service.name)).limit(8)).all()
            hint = (
                f" (stored services: {', '.join(known)})"
                if known
                else " (the store is empty: run 'summarizer ingest')"
            )
            raise InputError(f"no stored service named {service!r}{hint}")
        stmt = (
            select(PolicyDocument)
            .where(PolicyDocument.service_id == svc.id)
            .order_by(col(PolicyDocument.doc_type))
        )
        if document is not None:
            stmt = stmt.where(PolicyDocument.doc_type == document)
        docs = session.exec(stmt).all()
        if not docs:
            names = session.exec(
                select(PolicyDocument.doc_type).where(PolicyDocument.service_id == svc.id)
            ).all()
            raise InputError(
                f"{service} has no stored document {document!r} (it has: {', '.join(sorted(names))})"
            )
        return [_document_history(session, service, doc, analyzer) for doc in docs]


def _document_history(
    session: Session, service: str, doc: PolicyDocument, analyzer: str | None
) -> DocumentHistory:
    doc_id = stored_id(doc.id)
    versions = document_versions(session, doc_id)
    out = DocumentHistory(service, doc.doc_type, doc_id, [VersionEntry(v) for v in versions])
    by_id = {v.id: v for v in versions}
    _mark_reverts(out.versions)
    stmt = (
        select_columns(
            StoredRecord.id,
            StoredRecord.old_version_id,
            StoredRecord.new_version_id,
            StoredRecord.analyzer,
            StoredRecord.material,
            StoredRecord.severity,
            StoredRecord.categories,
            StoredRecord.headline,
        )
        .where(StoredRecord.document_id == doc.id)
        .order_by(col(StoredRecord.id))
    )
    if analyzer is not None:
        stmt = stmt.where(StoredRecord.analyzer == analyzer)
    chosen: dict[tuple[int, int], tuple] = {}
    for row in session.exec(stmt).all():
        chosen[(row[1], row[2])] = row  # newest wins
    entries = out.versions
    record_ids: list[int] = []
    for prev, entry in zip(entries, entries[1:]):
        rec = chosen.get((prev.version.id, entry.version.id))
        if rec is None:
            continue
        entry.record_id, entry.analyzer, entry.material, entry.severity = (
            int(rec[0]),
            rec[3],
            bool(rec[4]),
            rec[5],
        )
        entry.categories = rec[6].split() if rec[6] else []
        entry.headline = rec[7]
        record_ids.append(int(rec[0]))
    if not record_ids:
        return out

    reasons, flags = _record_details(session, record_ids, out.records)
    bad_records: set[int] = set()
    for entry in entries[1:]:
        if entry.record_id is None:
            continue
        entry.flags = flags.get(entry.record_id, [])
        entry.capture = next((f for f in entry.flags if f in CAPTURE_FLAGS), None)
        if entry.capture is not None:
            bad_records.add(entry.record_id)
            out.marks.append(
                TimelineMark(
                    entry.version.id, entry.version.captured_at, entry.capture, CAPTURE_LABELS[entry.capture]
                )
            )
        elif entry.revert_of is not None:
            out.marks.append(
                TimelineMark(
                    entry.version.id,
                    entry.version.captured_at,
                    "revert",
                    f"reverts to the version of {entry.revert_of.captured_at:%Y-%m-%d}",
                )
            )

    states: dict[int, dict[str, dict[str, str]]] = {}  # version -> category -> {basis: severity}
    for chunk_start in range(0, len(record_ids), 500):
        chunk = record_ids[chunk_start : chunk_start + 500]
        for record_id, version_id, category, basis, severity in session.exec(
            select_columns(
                ProvisionState.record_id,
                ProvisionState.version_id,
                ProvisionState.category,
                ProvisionState.basis,
                ProvisionState.severity,
            ).where(col(ProvisionState.record_id).in_(chunk))
        ).all():
            if record_id in bad_records:  # a bad capture says nothing about the provision
                continue
            states.setdefault(version_id, {}).setdefault(category, {})[basis] = severity

    for prev, entry in zip(entries, entries[1:]):
        if entry.record_id is None or entry.record_id in bad_records:
            continue
        arriving = states.get(entry.version.id, {})
        leaving = states.get(prev.version.id, {})
        for category in sorted(arriving):
            before = leaving.get(category, {}).get("before")
            after = arriving[category].get("after")
            if before and after and before != after:
                shift = Shift(
                    category,
                    before,
                    after,
                    entry.version.captured_at,
                    entry.version.id,
                    entry.record_id,
                    reasons.get((entry.record_id, category), ""),
                )
                entry.shifts.append(shift)
                out.shifts.append(shift)

    timelines: dict[str, ProvisionTimeline] = {}
    for version in versions:
        for category, known in sorted(states.get(version.id, {}).items()):
            severity = known.get("after") or known["before"]  # a record states both (see ProvisionState)
            line = timelines.setdefault(category, ProvisionTimeline(category))
            if not line.points or line.points[-1].severity != severity:
                line.points.append(ProvisionPoint(version.id, by_id[version.id].captured_at, severity))
    out.provisions = sorted(timelines.values(), key=lambda t: (-Severity(t.current).rank, t.category))
    return out


def _mark_reverts(entries: list[VersionEntry]) -> None:
    """A version identical (same hash) to an earlier, non-adjacent one reverts to the latest such version."""
    seen: dict[str, VersionInfo] = {}
    for i, entry in enumerate(entries):
        earlier = seen.get(entry.version.content_sha256)
        if earlier is not None and i > 0 and entries[i - 1].version.id != earlier.id:
            entry.revert_of = earlier
        seen[entry.version.content_sha256] = entry.version


def _record_details(
    session: Session, record_ids: list[int], parsed: dict[int, dict] | None = None
) -> tuple[dict[tuple[int, str], str], dict[int, list[str]]]:
    """(record, category) -> the shift_reason of that category's most severe change; record -> flag codes."""
    out: dict[tuple[int, str], tuple[int, str]] = {}
    flags: dict[int, list[str]] = {}
    for start in range(0, len(record_ids), 200):
        chunk = record_ids[start : start + 200]
        for rid, raw in session.exec(
            select(StoredRecord.id, StoredRecord.record_json).where(col(StoredRecord.id).in_(chunk))
        ).all():
            rid = stored_id(rid)
            data = json.loads(raw)
            if parsed is not None:
                parsed[rid] = data
            flags[rid] = [f.get("code", "") for f in data.get("flags", [])]
            for change in data.get("changes", []):
                rank = Severity(change.get("severity_after", "none")).rank
                key = (rid, change.get("category", ""))
                if key not in out or rank > out[key][0]:
                    out[key] = (rank, change.get("shift_reason") or "")
    return {k: v[1] for k, v in out.items()}, flags


def _shift_reasons(session: Session, record_ids: list[int]) -> dict[tuple[int, str], str]:
    """(record, category) -> the shift_reason of that category's most severe change."""
    return _record_details(session, record_ids)[0]


def format_history(histories: list[DocumentHistory]) -> str:
    """Plain-text timeline for the terminal."""
    lines: list[str] = []
    for h in histories:
        vs = h.versions
        span = (
            f"{vs[0].version.captured_at:%Y-%m-%d} → {vs[-1].version.captured_at:%Y-%m-%d}"
            if vs
            else "no versions"
        )
        lines.append(f"{h.service} — {h.document}")
        lines.append(
            f"  {len(vs)} version{'s' if len(vs) != 1 else ''} · {span} · "
            f"{h.material_changes} material change{'s' if h.material_changes != 1 else ''}"
            + (
                f" · {h.untracked} pair{'s' if h.untracked != 1 else ''} not tracked yet "
                "(run 'summarizer track')"
                if h.untracked
                else ""
            )
        )
        lines.append("")
        lines.append("  Versions")
        for i, entry in enumerate(vs):
            head = f"    {entry.version.captured_at:%Y-%m-%d}  v{entry.version.id:<5}"
            if i == 0:
                lines.append(f"{head} first version")
            elif entry.capture is not None:
                lines.append(
                    f"{head} record {entry.record_id}: {CAPTURE_LABELS[entry.capture]} "
                    "(flagged; kept out of the severity timeline)"
                )
            elif entry.revert_of is not None:
                lines.append(
                    f"{head} reverts to the version of {entry.revert_of.captured_at:%Y-%m-%d} "
                    f"(v{entry.revert_of.id}); not a new change"
                    + (f" [record {entry.record_id}]" if entry.record_id is not None else "")
                )
            elif entry.record_id is None:
                lines.append(f"{head} (no record yet)")
            else:
                what = f"material · {entry.severity}" if entry.material else "not material"
                cats = (
                    f" · {', '.join(entry.categories[:4])}{' …' if len(entry.categories) > 4 else ''}"
                    if entry.categories and entry.material
                    else ""
                )
                lines.append(f"{head} record {entry.record_id}: {what}{cats} — {entry.headline}")
                for shift in entry.shifts:
                    lines.append(f"{' ' * 18}{'▲' if shift.direction == 'up' else '▼'} {shift.line()}")
        if h.provisions:
            lines.append("")
            lines.append("  Provisions (severity over time)")
            for line in h.provisions:
                steps = " → ".join(f"{p.severity} ({p.at:%Y-%m-%d})" for p in line.points)
                lines.append(f"    {line.category}: {steps}")
        if h.shifts:
            lines.append("")
            lines.append("  Severity shifts")
            for shift in h.shifts:
                reason = f" — {shift.reason}" if shift.reason else ""
                lines.append(f"    {shift.line()} [record {shift.record_id}]{reason}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
