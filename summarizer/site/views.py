"""Plain values the templates show, computed from a document's history and records."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from summarizer.model.taxonomy import Severity
from summarizer.rendering.common import category_title, shift_direction, shift_label
from summarizer.site import paths
from summarizer.site.data import DocumentData
from summarizer.store.history import CAPTURE_LABELS
from summarizer.store.models import stored_id

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
    index: int = 0  # position in the document's versions (for the chart)
    count: int = 1  # versions this table row stands for (a run of versions where nothing moved)
    until: datetime | None = None  # capture time of the run's last version


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
    timeline: list[TimelineRow] = field(default_factory=list)  # one row per version

    @property
    def table(self) -> list[TimelineRow]:
        """The timeline with each run of versions where nothing moved folded into one row: every
        version is accounted for, and a 100-version history stays a table one can read."""
        out: list[TimelineRow] = []
        for row in self.timeline:
            last = out[-1] if out else None
            plain = not row.mark and not row.record_path
            if last is not None and plain and not last.mark and last.severity == row.severity:
                out[-1] = TimelineRow(**{**last.__dict__, "count": last.count + 1, "until": row.at})
            else:
                out.append(row)
        return out


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
    vpaths = {e.version.id: version_path(doc, e.version) for e in hist.versions}
    rpaths = {e.version.id: record_path(doc, e) for e in hist.versions if e.record_id is not None}
    marks = {e.version.id: mark_of(e) for e in hist.versions}
    # per version: category -> [(index on the record page, change)], computed once for all categories
    touches: dict[int, dict[str, list]] = {}
    for e in hist.versions:
        record = doc.records.get(e.record_id) if e.record_id is not None else None
        if record is not None:
            by_category: dict[str, list] = {}
            for n, c in enumerate(record.changes, start=1):
                by_category.setdefault(c.category, []).append((n, c))
            touches[e.version.id] = by_category
    out = []
    for category in categories:
        own = points.get(category, {})
        first = next(iter(own.values()), "none")
        rows: list[TimelineRow] = []
        state = first
        changes: list[ChangeEntry] = []
        for i, entry in enumerate(hist.versions):
            mark, label = marks[entry.version.id]
            before = rows[-1].severity if rows and rows[-1].severity else state
            rpath = None
            touched = touches.get(entry.version.id, {}).get(category)
            record = doc.records.get(entry.record_id) if touched and entry.record_id is not None else None
            if touched:
                rpath = rpaths[entry.version.id] + "#" + paths.change_anchor(touched[0][0], category)
            if entry.version.id in own:
                state = own[entry.version.id]
            severity = None if entry.capture is not None else state
            rows.append(
                TimelineRow(
                    entry.version.captured_at,
                    entry.version.id,
                    vpaths[entry.version.id],
                    severity,
                    before if i else None,
                    mark,
                    label,
                    rpath,
                    i,
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
                        stored_id(entry.record_id),
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
    points: list[tuple[float, int, str, str]]  # x, y (a level's row, from y_of), severity, label
    marks: list[tuple[float, str, str]]  # x, symbol, label
    path: str
    description: str


def chart(rows: list[TimelineRow], title: str, total: int) -> Chart:
    """The chart of a provision's table rows (*total* versions): a point where a run of versions
    starts, the step line through them, a letter under each marked version."""
    left, top, step_y = 64, 14, 26
    y_of = {level: top + (3 - i) * step_y for i, level in enumerate(LEVELS)}
    n = max(1, total)
    width = 560
    span = width - left - 16

    def x_of(i: int) -> float:
        return left + 8 + (span * i / (n - 1) if n > 1 else span / 2)

    pts, marks, segments = [], [], []
    mark_y = top + 4 * step_y + 4
    for row in rows:
        x = x_of(row.index)
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
    if segments:
        d += f"H{round(x_of(n - 1), 1)}"
    rated = [r for r in rows if r.severity]
    first = rated[0].severity if rated else "none"
    last = rated[-1].severity if rated else "none"
    description = (
        f"{title}: severity over {total} versions, from {first} to {last} now"
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
