"""history (timeline, provision severities, shifts) and show (a stored record in every format)."""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest

from summarizer.errors import InputError
from summarizer.model.diff import DiffResult
from summarizer.model.record import Change, ChangeRecord, Provenance
from summarizer.store.history import format_history, history
from summarizer.store.ingest import ingest_path, ingest_text
from summarizer.tracking import track

VERSIONS = [
    (datetime(2021, 2, 23), "# Privacy\n\nWe will not share your data. We keep data for 30 days.\n"),
    (datetime(2021, 9, 1), "# Privacy\n\nWe will not share your data. We keep data for 90 days.\n"),
    (datetime(2022, 3, 29), "# Privacy\n\nWe may share your data with partners. We keep data for 90 days.\n"),
    (datetime(2022, 6, 1), "# Privacy\n\nWe may share your data with partners.  We keep data for 90 days.\n"),
]


def _sharing(text: str) -> str:
    return "high" if "may share" in text else "medium"


def _retention(text: str) -> str:
    return "medium" if "90 days" in text else "low"


def _fake_analyze(diff: DiffResult, analyzer: str = "rules", options=None) -> ChangeRecord:
    """A tiny deterministic analyzer whose severities the test controls."""
    old, new = diff.old.text, diff.new.text
    changes = []
    if _sharing(old) != _sharing(new):
        changes.append(
            Change(
                category="third_party_sharing",
                kind="expanded",
                summary="Sharing with partners.",
                severity_before=_sharing(old),
                severity_after=_sharing(new),
                shift_reason="'will not share' became 'may share with partners'",
                section="Privacy",
            )
        )
    if _retention(old) != _retention(new):
        changes.append(
            Change(
                category="data_retention",
                kind="expanded",
                summary="Kept longer.",
                severity_before=_retention(old),
                severity_after=_retention(new),
                shift_reason="30 days became 90 days",
                section="Privacy",
            )
        )
    material = bool(changes)
    return ChangeRecord(
        material=material,
        severity=max(
            (c.severity_after for c in changes), key=["none", "low", "medium", "high"].index, default="none"
        ),
        categories=[c.category for c in changes],
        headline="Sharing and retention changed" if material else "Wording only",
        summary="s",
        impact="i",
        changes=changes,
        provenance=Provenance(analyzer=analyzer),
    )


@pytest.fixture
def tracked(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    import summarizer.api as pipeline

    monkeypatch.setattr(pipeline, "analyze", _fake_analyze)
    for when, body in VERSIONS:
        ingest_text(db_url, "Acme", "Privacy Policy", body, captured_at=when)
    ingest_text(db_url, "Acme", "Terms", "# Terms\n\nBe nice.\n", captured_at=datetime(2021, 1, 1))
    assert track(db_url).made == 3
    return db_url


def test_history_marks_severity_shifts_with_their_dates(tracked: str):
    (doc,) = history(tracked, "Acme", "Privacy Policy")
    assert [s.line() for s in doc.shifts] == [
        "data_retention: low → medium (2021-09-01)",
        "third_party_sharing: medium → high (2022-03-29)",
    ]
    assert doc.shifts[1].reason == "'will not share' became 'may share with partners'"
    timeline = {
        p.category: [(pt.at.date().isoformat(), pt.severity) for pt in p.points] for p in doc.provisions
    }
    assert timeline == {
        "data_retention": [("2021-02-23", "low"), ("2021-09-01", "medium")],
        "third_party_sharing": [("2021-09-01", "medium"), ("2022-03-29", "high")],
    }
    assert [v.material for v in doc.versions] == [None, True, True, False]
    assert doc.material_changes == 2 and doc.untracked == 0

    text = format_history([doc])
    assert "third_party_sharing: medium → high (2022-03-29)" in text
    assert "▲ data_retention: low → medium (2021-09-01)" in text
    assert "4 versions · 2021-02-23 → 2022-06-01 · 2 material changes" in text


def test_history_of_a_whole_service_and_untracked_pairs(tracked: str):
    ingest_text(tracked, "Acme", "Terms", "# Terms\n\nBe very nice.\n", captured_at=datetime(2021, 5, 1))
    docs = history(tracked, "Acme")
    assert [d.document for d in docs] == ["Privacy Policy", "Terms"]
    assert docs[1].untracked == 1
    assert "1 pair not tracked yet" in format_history(docs)
    payload = json.loads(json.dumps([d.to_dict() for d in docs]))
    assert payload[0]["shifts"][1]["after"] == "high" and payload[0]["shifts"][1]["direction"] == "up"


def test_history_refuses_unknown_services_and_documents(tracked: str):
    with pytest.raises(InputError, match=r"no stored service named 'Nobody' \(stored services: Acme\)"):
        history(tracked, "Nobody")
    with pytest.raises(InputError, match="has no stored document 'Cookies'"):
        history(tracked, "Acme", "Cookies")


def test_history_and_show_on_the_command_line(sqlite_url: str, ota_repo, ota_commits, invoke, run_cli):
    repo = ota_repo(pairs=2, chained=2)
    service, document = ota_commits(2, 2)[0][:2]
    assert invoke("ingest", str(repo), "--db", sqlite_url)[0] == 0
    code, out, err = invoke("track", "--db", sqlite_url)
    assert code == 0, err
    assert re.match(r"6 records made \(rules, [\d.]+s\); 0 of 6 pairs still without a record", out)

    code, out, err = invoke("history", service, document, "--db", sqlite_url)
    assert code == 0, err
    assert out.startswith(f"{service} — {document}\n  4 versions")
    data = json.loads(invoke("history", service, "--db", sqlite_url, "--format", "json")[1])
    record_ids = [v["record_id"] for v in data[0]["versions"] if v["record_id"]]
    assert len(record_ids) == 3

    record = ChangeRecord.model_validate_json(
        invoke("show", str(record_ids[0]), "--db", sqlite_url, "-f", "json")[1]
    )
    assert record.provenance.analyzer == "rules"
    assert record.provenance.old_source.startswith(f"{service}/{document} #")
    as_md = invoke("show", str(record_ids[0]), "--db", sqlite_url, "--format", "markdown")[1]
    as_html = invoke("show", str(record_ids[0]), "--db", sqlite_url, "--format", "html")[1]
    as_text = invoke("show", str(record_ids[0]), "--db", sqlite_url)[1]
    for out in (as_md, as_html, as_text):
        assert record.headline.split()[0] in out and "not legal advice" in out
    assert "<html" in as_html.lower()

    code, out, err = invoke("show", "999", "--db", sqlite_url)
    assert code == 2 and err.startswith("error: no change record with id 999")
    # the real executable: one clear line and exit code 2, never a traceback
    nobody = run_cli("history", "Nobody", "--db", sqlite_url)
    assert nobody.returncode == 2
    assert (
        nobody.stderr
        == "error: no stored service named 'Nobody' (stored services: "
        + ", ".join(sorted({c[0] for c in ota_commits(2, 2)}))
        + ")\n"
    )


def test_real_pairs_track_into_a_history_with_shifts(sqlite_url: str, tmp_path):
    """The bundled OTA pair of Allrecipes' privacy policy: the rules analyzer finds new provisions."""
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "evals" / "data" / "ota"
    pair = next(p for p in sorted(folder.iterdir()) if p.name.startswith("allrecipes-privacy-policy"))
    meta = json.loads((pair / "meta.json").read_text())
    snapshots = tmp_path / "snapshots"
    snapshots.mkdir()
    (snapshots / f"{meta['old_date'][:10]}.md").write_text((pair / "old.md").read_text())
    (snapshots / f"{meta['new_date'][:10]}.md").write_text((pair / "new.md").read_text())
    ingest_path(sqlite_url, snapshots, service=meta["service"], document=meta["document_type"])
    assert track(sqlite_url).made == 1
    (doc,) = history(sqlite_url, meta["service"])
    record_shifts = [s for s in doc.shifts if s.record_id == doc.versions[1].record_id]
    assert record_shifts, "a material real change shows at least one severity shift"
    assert all(s.at.date().isoformat() == meta["new_date"][:10] for s in record_shifts)
    # a shift is one of the record's changes; the record is filed under fewer ids (issue 12: the
    # subjects that changed, not every category a change touched)
    from summarizer.api import compare_files

    changed = {c.category for c in compare_files(pair / "old.md", pair / "new.md").changes}
    assert {s.category for s in record_shifts} <= changed
    assert set(doc.versions[1].categories) <= changed | {"policy_change_notice"}
