"""History that understands captures: reverts said as such, bad captures flagged and kept off timelines."""

from __future__ import annotations

from datetime import datetime

import pytest

from summarizer.model.diff import DiffResult
from summarizer.model.record import Change, ChangeRecord, Provenance
from summarizer.store.history import format_history, history
from summarizer.store.ingest import ingest_text
from summarizer.store.repository import load_record
from summarizer.tracking import track

_BODY = [
    f"Section {n} explains in plain words how the service handles one more part of your account data."
    for n in range(1, 9)
]
A = "# Privacy\n\n" + "\n\n".join(["We will not share your data with anyone at all.", *_BODY]) + "\n"
B = "# Privacy\n\n" + "\n\n".join(["We may share your data with our partners.", *_BODY]) + "\n"
CUT = B[: B.index("Section 3")] + "Section 3 explains in plain words how the"


def _fake_analyze(diff: DiffResult, analyzer: str = "rules", options=None) -> ChangeRecord:
    """Sharing rated from the text; a cut capture reads as the sharing clause dropped (severity none)."""

    def rate(text: str) -> str:
        if "partners" in text:
            return "high"
        return "medium" if "not share" in text else "none"

    before, after = rate(diff.old.text), rate(diff.new.text)
    changes = []
    if before != after:
        changes.append(
            Change(
                category="third_party_sharing",
                kind="expanded",
                summary="Sharing changed.",
                severity_before=before,
                severity_after=after,
                shift_reason="sharing changed",
                section="Privacy",
            )
        )
    return ChangeRecord(
        material=bool(changes),
        severity=after if changes and after != "none" else ("low" if changes else "none"),
        categories=[c.category for c in changes],
        headline="Sharing changed" if changes else "Wording only",
        summary="s",
        impact="i",
        changes=changes,
        provenance=Provenance(analyzer="fake"),
    )


@pytest.fixture
def tracked(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    import summarizer.api as pipeline

    monkeypatch.setattr(pipeline, "analyze", _fake_analyze)
    for day, body in [(1, A), (2, B), (3, A), (4, B), (5, CUT), (6, B)]:
        ingest_text(db_url, "Acme", "Privacy Policy", body, captured_at=datetime(2024, 1, day))
    track(db_url)
    return db_url


def test_a_version_identical_to_an_earlier_one_is_a_revert_not_a_new_change(tracked: str):
    (doc,) = history(tracked, "Acme", "Privacy Policy")
    entries = doc.versions
    assert entries[2].revert_of is not None and entries[2].revert_of.id == entries[0].version.id
    assert entries[3].revert_of is not None and entries[3].revert_of.id == entries[1].version.id
    assert [e.new_material for e in entries] == [False, True, False, False, False, False]
    assert doc.material_changes == 1 and doc.reverts >= 2
    record = load_record(tracked, entries[2].record_id).record()
    assert [f.code for f in record.flags] == ["revert"]  # a flag on the record, not only prose
    text = format_history([doc])
    assert "reverts to the version of 2024-01-01" in text


def test_a_capture_cut_short_is_flagged_and_kept_out_of_the_timeline(tracked: str):
    (doc,) = history(tracked, "Acme", "Privacy Policy")
    cut = doc.versions[4]
    assert cut.capture == "capture_truncated" and "capture_truncated" in cut.flags
    (line,) = doc.provisions
    assert "none" not in [p.severity for p in line.points]  # the cut never reads as 'sharing dropped'
    assert cut.version.id not in [p.version_id for p in line.points]
    kinds = {m.version_id: m.kind for m in doc.marks}
    assert kinds[cut.version.id] == "capture_truncated"
    assert kinds[doc.versions[2].version.id] == "revert"
    assert all(s.version_id not in (cut.version.id, doc.versions[5].version.id) for s in doc.shifts)
    assert "capture cut short" in format_history([doc])
