"""Plain values the templates show, computed from a document's history and records."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from summarizer.model.taxonomy import Severity
from summarizer.rendering.common import category_title, shift_direction, shift_label
from summarizer.site import paths
from summarizer.site.data import DocumentData
from summarizer.store.history import CAPTURE_LABELS

LEVELS = ["none", "low", "medium", "high"]


@dataclass
class TimelineRow:
    at: datetime
    version_id: int
    version_path: str
    severity: str | None  # None: not rated (a bad capture)
    before: str | None
    mark: str | None = None  # 'revert', 'capture_truncated', 'capture_mismatch'
    mark_label: str | None = None
    record_path: str | None = None


@dataclass
class ChangeEntry:
    at: datetime
    record_id: int
    record_path: str  # with the change's anchor
    headline: str
    severity_before: str
    severity_after: str
    shift: str
    sentences: list[str]
    mark_label: str | None = None


@dataclass
class Provision:
    category: str
    title: str
    path: str
    current: str  # current severity
    changes: list[ChangeEntry] = field(default_factory=list)
    timeline: list[TimelineRow] = field(default_factory=list)


def record_path(doc: DocumentData, entry) -> str:
    v = entry.version
    return paths.record_page(doc.ref.service, doc.ref.document, v.id, v.captured_at)


def version_path(doc: DocumentData, version) -> str:
    return paths.version_page(doc.ref.service, doc.ref.document, version.id, version.captured_at)


def mark_of(entry) -> tuple[str | None, str | None]:
    if entry.capture is not None:
        return entry.capture, CAPTURE_LABELS[entry.capture]
    if entry.revert_of is not None:
        return "revert", f"reverts to the version of {entry.revert_of.captured_at:%Y-%m-%d}"
    return None, None


def provisions(doc: DocumentData, categories: list[str]) -> list[Provision]:
    """One Provision per category: its change entries (newest first) and a row per version."""
    hist = doc.history
    points = {p.category: {pt.version_id: pt.severity for pt in p.points} for p in hist.provisions}
    out = []
    for category in categories:
        own = points.get(category, {})
        first = next(iter(own.values()), "none")
        rows: list[TimelineRow] = []
        state = first
        changes: list[ChangeEntry] = []
        for i, entry in enumerate(hist.versions):
            mark, label = mark_of(entry)
            before = rows[-1].severity if rows and rows[-1].severity else state
            rpath = None
            record = doc.records.get(entry.record_id) if entry.record_id is not None else None
            touched = (
                [(n, c) for n, c in enumerate(record.changes, start=1) if c.category == category]
                if record is not None
                else []
            )
            if touched:
                rpath = record_path(doc, entry) + "#" + paths.change_anchor(touched[0][0], category)
            if entry.version.id in own:
                state = own[entry.version.id]
            severity = None if entry.capture is not None else state
            rows.append(
                TimelineRow(
                    entry.version.captured_at,
                    entry.version.id,
                    version_path(doc, entry.version),
                    severity,
                    before if i else None,
                    mark,
                    label,
                    rpath,
                )
            )
            if touched and record is not None:
                n, change = max(touched, key=lambda t: Severity(t[1].severity_after).rank)
                sentences = [change.summary]
                if record.impact and record.material:
                    sentences.append(record.impact)
                changes.append(
                    ChangeEntry(
                        entry.version.captured_at,
                        int(entry.record_id),
                        rpath or "",
                        record.headline,
                        change.severity_before,
                        change.severity_after,
                        shift_label(change) if shift_direction(change) else "",
                        sentences,
                        label,
                    )
                )
        changes.reverse()
        current = next((r.severity for r in reversed(rows) if r.severity), first)
        out.append(
            Provision(
                category,
                category_title(category),
                paths.provision_page(doc.ref.service, doc.ref.document, category),
                current,
                changes,
                rows,
            )
        )
    return out


@dataclass
class Chart:
    """An inline SVG step chart of severity per version, readable without colour (labels, shapes)."""

    width: int
    height: int
    left: int
    y_of: dict[str, int]
    points: list[tuple[float, float, str, str]]  # x, y, severity, label
    marks: list[tuple[float, str, str]]  # x, symbol, label
    path: str
    description: str


def chart(rows: list[TimelineRow], title: str) -> Chart:
    left, top, step_y = 64, 14, 26
    y_of = {level: top + (3 - i) * step_y for i, level in enumerate(LEVELS)}
    n = max(1, len(rows))
    width = 560
    span = width - left - 16
    x_of = [left + 8 + (span * i / max(1, n - 1) if n > 1 else span / 2) for i in range(n)]
    pts, marks, segments = [], [], []
    mark_y = top + 4 * step_y + 4
    for x, row in zip(x_of, rows):
        if row.severity is not None:
            y = y_of[row.severity]
            label = f"{row.at:%Y-%m-%d}: {row.severity}"
            pts.append((round(x, 1), y, row.severity, label))
            segments.append((round(x, 1), y))
        if row.mark:
            symbol = "R" if row.mark == "revert" else "×"
            marks.append((round(x, 1), symbol, f"{row.at:%Y-%m-%d}: {row.mark_label}"))
    d = ""
    for i, (x, y) in enumerate(segments):
        d += f"M{x},{y}" if i == 0 else f"H{x}V{y}"
    rated = [r for r in rows if r.severity]
    first = rated[0].severity if rated else "none"
    last = rated[-1].severity if rated else "none"
    description = (
        f"{title}: severity over {len(rows)} versions, from {first} to {last} now"
        + (
            f"; {sum(1 for r in rows if r.mark)} versions marked (reverts or bad captures)"
            if any(r.mark for r in rows)
            else ""
        )
        + ". The table below gives every value."
    )
    return Chart(width, mark_y + 22, left, y_of, pts, marks, d, description)


def document_summary(doc: DocumentData, provs: list[Provision]) -> dict:
    """What the service and index pages say about a document (kept in the build state)."""
    hist = doc.history
    last = next((v for v in reversed(hist.versions) if v.new_material), None)
    highest = max((p.current for p in provs), key=lambda s: Severity(s).rank, default="none")
    first = hist.versions[0].version.captured_at if hist.versions else None
    return {
        "service": doc.ref.service,
        "document": doc.ref.document,
        "path": paths.document_page(doc.ref.service, doc.ref.document),
        "feed": paths.document_feed(doc.ref.service, doc.ref.document),
        "versions": len(hist.versions),
        "material_changes": hist.material_changes,
        "since": first.strftime("%Y-%m-%d") if first else None,
        "last_change": last.version.captured_at.strftime("%Y-%m-%d") if last else None,
        "highest": highest,
    }
