"""How other platforms handle a provision (#14): labelled precision on the bundled real documents,
hand-counted stances, the same results on SQLite and PostgreSQL, the CLI and escaping."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from summarizer.rendering.platforms import RENDERERS
from summarizer.store.ingest import ingest_text
from summarizer.store.platforms import compare_provision

ROOT = Path(__file__).resolve().parents[2]
OTA = ROOT / "evals" / "data" / "ota"
LABELS = yaml.safe_load((ROOT / "evals" / "platforms" / "labels.yaml").read_text(encoding="utf-8"))
STANCES = yaml.safe_load((ROOT / "evals" / "platforms" / "stances.yaml").read_text(encoding="utf-8"))


def ingest_bundled(url: str) -> None:
    """The new.md of every bundled pair, as the current version of its service/document."""
    for folder in sorted(OTA.iterdir()):
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        ingest_text(
            url,
            meta["service"],
            meta["document_type"],
            (folder / "new.md").read_text(encoding="utf-8"),
            captured_at=datetime.fromisoformat(meta["new_date"]),
            source=str(folder.name),
        )


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('platforms') / 'store.db'}"
    ingest_bundled(url)
    return url


def _provisions() -> list[tuple[str, str, str]]:
    seen: list[tuple[str, str, str]] = []
    for row in LABELS:
        key = tuple(row["provision"])
        if key not in seen:
            seen.append(key)
    return seen


def _shown(url: str) -> dict[tuple, list]:
    return {p: compare_provision(url, *p, n=3).examples for p in _provisions()}


def test_labelled_precision_at_3(bundled: str):
    assert len(LABELS) >= 40
    labels: dict[tuple, list[dict]] = {}
    for r in LABELS:  # a pair may have several labelled passages (the ranker changed in round 3)
        labels.setdefault((tuple(r["provision"]), r["other"]), []).append(r)
    good = total = 0
    for provision, examples in _shown(bundled).items():
        assert len(examples) == 3
        for ex in examples:
            shown = " ".join(ex.excerpt.split())
            row = next(
                (r for r in labels.get((provision, ex.service), []) if shown.startswith(r["excerpt_start"])),
                None,
            )
            assert row is not None, (
                f"unlabelled passage {provision} / {ex.service}: label it in evals/platforms"
            )
            assert ex.category == provision[2] and ex.service != provision[0]
            good += row["same_provision"]
            total += 1
    assert total >= 40
    assert good / total >= 0.9, f"precision@3 {good}/{total}"


@pytest.mark.parametrize("question", STANCES, ids=[q["kind"] for q in STANCES])
def test_stances_match_hand_counts(bundled: str, question: dict):
    result = compare_provision(bundled, *question["provision"])
    stance = next(s for s in result.stances if s.kind == question["kind"])
    if "stating" in question:
        expected = (set(question["stating"]) - set(question.get("tool_misses", []))) | set(
            question.get("tool_extra", [])
        )
        assert sorted(e.service for e in stance.stating) == sorted(expected)
    for service, value in question.get("values", {}).items():
        entry = next(e for e in stance.stating if e.service == service)
        assert float(entry.value) == value, (service, entry.shown, entry.excerpt)
    for entry in stance.stating:  # every figure is backed by a verbatim excerpt and a link
        assert entry.excerpt and entry.link.startswith("s/") and entry.link.endswith(".html")


@pytest.mark.postgres
def test_sqlite_and_postgresql_show_the_same(bundled: str, pg_url: str):
    ingest_bundled(pg_url)
    for provision in _provisions():
        a = compare_provision(bundled, *provision, n=3).to_dict()
        b = compare_provision(pg_url, *provision, n=3).to_dict()
        assert a == b, provision


def test_index_follows_new_versions_and_is_built_once(sqlite_url: str):
    from sqlalchemy import text

    from summarizer.store.db import open_engine

    old = "We keep your chat logs for 30 days and then delete them from our servers for good.\n"
    ingest_text(sqlite_url, "A", "Privacy Policy", old, captured_at=datetime(2024, 1, 1))
    ingest_text(sqlite_url, "B", "Privacy Policy", "We retain your messages for 90 days before we delete them.\n",
                captured_at=datetime(2024, 1, 1))  # fmt: skip
    first = compare_provision(sqlite_url, "A", "Privacy Policy", "data_retention")
    assert [e.service for e in first.examples] == ["B"]
    assert first.stances[0].this.value == 30 and first.stances[0].median == 90
    new = "We retain your messages for 2 years, then we delete them from our servers.\n"
    ingest_text(sqlite_url, "B", "Privacy Policy", new, captured_at=datetime(2024, 6, 1))
    again = compare_provision(sqlite_url, "A", "Privacy Policy", "data_retention")
    assert again.examples[0].excerpt == new.strip() and again.stances[0].median == 730
    with open_engine(sqlite_url).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM indexed_versions")).scalar() == 3
        assert conn.execute(text("SELECT count(*) FROM passage_fts")).scalar() == 2  # current passages only


def test_every_format_escapes_document_text(sqlite_url: str):
    hostile = "We retain data for 30 days <script>alert(1)</script> **bold** \x1b[31mred\u202e and delete it then.\n"
    ingest_text(sqlite_url, "Evil", "Privacy Policy", hostile, captured_at=datetime(2024, 1, 1))
    ingest_text(sqlite_url, "Good", "Privacy Policy", "We retain your data for 90 days and then delete it.\n",
                captured_at=datetime(2024, 1, 1))  # fmt: skip
    data = compare_provision(sqlite_url, "Good", "Privacy Policy", "data_retention").to_dict()
    assert data["examples"][0]["service"] == "Evil"
    for name, render in RENDERERS.items():
        out = render(data)
        assert "\x1b" not in out and "\u202e" not in out, name
        if name == "markdown":
            assert "<script>" not in out and "**bold**" not in out
        if name == "json":
            assert json.loads(out)["examples"][0]["excerpt"] == hostile.strip()


def test_cli(sqlite_url: str, capsys):
    from summarizer.cli import main

    ingest_text(sqlite_url, "A", "Terms", "Any dispute will be resolved by binding arbitration.\n",
                captured_at=datetime(2024, 1, 1))  # fmt: skip
    ingest_text(sqlite_url, "B", "Terms", "All disputes are resolved through binding arbitration in Delaware.\n",
                captured_at=datetime(2024, 1, 1))  # fmt: skip
    main(["platforms", "A", "Terms", "dispute_resolution", "--db", sqlite_url, "--format", "json", "-n", "2"])
    data = json.loads(capsys.readouterr().out)
    assert data["examples"][0]["service"] == "B"
    assert data["stances"][0]["kind"] == "requires_arbitration" and len(data["stances"][0]["stating"]) == 1
    with pytest.raises(SystemExit) as exc:
        main(["platforms", "A", "Terms", "no_such_category", "--db", sqlite_url])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["platforms", "Nobody", "Terms", "dispute_resolution", "--db", sqlite_url])
    assert exc.value.code == 2
