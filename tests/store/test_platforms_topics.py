"""How other platforms handle a provision (#14, round 3): only passages that treat the category are
shown, a passage's topic strength weighs its score, and the services with passages in each
category are kept in ``category_services``, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import text

from summarizer.store.db import open_engine
from summarizer.store.ingest import ingest_text
from summarizer.store.passage_index import category_service_names, term_norm, term_vector
from summarizer.store.platforms import STRENGTH_BONUS, _score, _scores, _weights, compare_provision

RETAIN = "We retain your messages for 90 days and then delete them from our servers for good.\n"
# classified into data_retention by its heading, but the passage does not treat retention
ADDRESS = "# How long we keep data\n\nOur office: 1 Main Street, Springfield, Illinois, United States.\n"


def test_off_topic_passages_are_counted_but_never_shown(db_url: str):
    when = datetime(2024, 1, 1)
    ingest_text(db_url, "A", "Privacy Policy", RETAIN.replace("90", "30"), captured_at=when)
    ingest_text(db_url, "B", "Privacy Policy", RETAIN, captured_at=when)
    ingest_text(db_url, "C", "Privacy Policy", ADDRESS, captured_at=when)
    with open_engine(db_url).connect() as conn:
        strengths = dict(
            conn.execute(
                text(
                    "SELECT s.name, pc.strength FROM passage_categories pc JOIN passages p ON p.id = pc.passage_id "
                    "JOIN documents d ON d.id = p.document_id JOIN services s ON s.id = d.service_id "
                    "WHERE pc.category = 'data_retention'"
                )
            ).all()
        )
        names = category_service_names(conn, "data_retention")
    assert strengths["B"] >= 1 and strengths.get("C", -1) == -1
    got = compare_provision(db_url, "A", "Privacy Policy", "data_retention")
    assert [e.service for e in got.examples] == ["B"]
    assert got.compared == len(names - {"A"})  # the off-topic service still counts among those compared


def test_category_services_follow_new_versions(sqlite_url: str):
    ingest_text(sqlite_url, "A", "Privacy Policy", RETAIN, captured_at=datetime(2024, 1, 1))
    with open_engine(sqlite_url).connect() as conn:
        assert "A" in category_service_names(conn, "data_retention")
    other = "We share your data with advertisers and partners to show you ads.\n"
    ingest_text(sqlite_url, "A", "Privacy Policy", other, captured_at=datetime(2024, 6, 1))
    with open_engine(sqlite_url).connect() as conn:
        assert "A" not in category_service_names(conn, "data_retention")
        scanned = {
            (c, s)
            for c, s in conn.execute(
                text(
                    "SELECT DISTINCT pc.category, p.service_id FROM passage_categories pc "
                    "JOIN passages p ON p.id = pc.passage_id WHERE p.is_current"
                )
            )
        }
        kept = set(conn.execute(text("SELECT category, service_id FROM category_services")).all())
    assert kept == scanned and kept


def test_strength_multiplies_the_cosine():
    passage = ["retain", "messag", "day", "delete", "retain"]
    vocab, blob = term_vector(passage)
    q = _weights({"retain": 2, "day": 1})
    qnorm = sum(w * w for w in q.values()) ** 0.5
    base = _score(q, qnorm, vocab, blob, term_norm(passage))
    rows = [(1, 1, vocab, blob, term_norm(passage), s) for s in (0, 1, 2)]
    got = _scores(q, qnorm, rows)
    assert got[0] == base  # strength 0: the plain cosine, to the bit
    assert all(abs(g - base * (1 + STRENGTH_BONUS * s)) < 1e-8 for g, s in zip(got, (0, 1, 2), strict=True))
