"""Migration 0008 (#14, round 4): passage topicality was read again, so a store indexed by the
previous release is emptied and re-indexed by the next comparison, with the new reading."""

from __future__ import annotations

from sqlalchemy import text

from summarizer.store.db import HEAD_REVISION, forget_schema_checks, open_engine
from summarizer.store.ingest import ingest_text
from summarizer.store.platforms import compare_provision

POLICY = (
    "# Privacy\n\nWe share your personal information with service providers and advertising partners "
    "who help us run the site.\n\n"
    '* "Service Providers" means the companies that process information on our behalf under contract.\n\n'
)


def test_store_of_previous_release_is_reindexed(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    ingest_text(url, "Alpha", "Privacy Policy", POLICY)
    ingest_text(url, "Beta", "Privacy Policy", POLICY.replace("advertising partners", "affiliates"))
    engine = open_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE passage_categories SET strength = 2"))  # an older reading
        conn.execute(text("UPDATE alembic_version SET version_num = '0007_passage_topics'"))
    forget_schema_checks()
    engine = open_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD_REVISION
        assert conn.execute(text("SELECT COUNT(*) FROM passages")).scalar_one() == 0
    shown = compare_provision(url, "Alpha", "Privacy Policy", "third_party_sharing").examples
    assert [ex.service for ex in shown] == ["Beta"]
    assert shown[0].excerpt.startswith("We share")  # the definition is off topic, never shown
    with engine.connect() as conn:
        strengths = conn.execute(text("SELECT DISTINCT strength FROM passage_categories")).scalars().all()
    assert set(strengths) != {2}
