"""The term vectors stored at index time (#14): the scorer that reads them gives the cosine of
:func:`similarity` to the last bit, and migration 0006 fills them for passages indexed before it."""

from __future__ import annotations

import math
import random
from collections import Counter

from sqlalchemy import text

from summarizer.store.db import forget_schema_checks, open_engine
from summarizer.store.ingest import ingest_text
from summarizer.store.passage_index import index_pending, term_norm, term_vector, unpack_weights
from summarizer.store.platforms import _score, _scores, _weights, similarity


def test_vector_keeps_first_occurrence_order_and_counts():
    vocab, blob = term_vector("data share data cooki data share".split())
    assert vocab == "data share cooki"
    assert list(unpack_weights(blob)) == [1.0 + math.log(3), 1.0 + math.log(2), 1.0]


def test_stored_vector_scores_bit_identical_to_similarity():
    rng = random.Random(14)
    words = [f"w{i}" for i in range(60)]
    for _ in range(300):
        passage = rng.choices(words, k=rng.randint(1, 80))
        query = Counter(rng.choices(words, k=rng.randint(1, 120)))
        q = _weights(query)
        qnorm = sum(w * w for w in q.values()) ** 0.5
        vocab, blob = term_vector(passage)
        assert _score(q, qnorm, vocab, blob, term_norm(passage)) == similarity(q, " ".join(passage), qnorm)


def test_migration_fills_vectors_of_passages_indexed_before(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    body = "# Privacy\n\nWe share your data with advertisers and partners. We share data to sell ads.\n\n"
    ingest_text(url, "Example", "Privacy Policy", body * 3)
    engine = open_engine(url)
    with engine.begin() as conn:
        expected = {
            i: term_vector(t.split()) for i, t in conn.execute(text("SELECT id, terms FROM passages"))
        }
        assert expected
        conn.execute(text("UPDATE passages SET vocab = '', weights = x''"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0005_passage_stances'"))
        conn.execute(text("ALTER TABLE passages DROP COLUMN weights"))
        conn.execute(text("ALTER TABLE passages DROP COLUMN vocab"))
        conn.execute(text("ALTER TABLE passage_categories DROP COLUMN strength"))  # 0007's schema
        conn.execute(text("ALTER TABLE passages DROP COLUMN service_id"))
        conn.execute(text("DROP TABLE category_services"))
        from alembic import command

        from summarizer.store.db import _alembic_config

        cfg = _alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006_passage_vectors")  # migrates 0005 -> 0006 only (0007 empties the index)
        got = {i: (v, bytes(w)) for i, v, w in conn.execute(text("SELECT id, vocab, weights FROM passages"))}
    assert got == expected
    forget_schema_checks()
    engine = open_engine(url)  # 0006 -> 0007: the index is emptied, and rebuilt by the next comparison
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM passages")).scalar_one() == 0
    assert index_pending(engine) > 0


def test_scoring_all_matches_at_once_equals_one_by_one():
    rng = random.Random(17)
    words = [f"w{i}" for i in range(50)]
    q = _weights(Counter(rng.choices(words, k=90)))
    qnorm = sum(w * w for w in q.values()) ** 0.5
    rows = []
    for pid in range(200):
        passage = rng.choices(words, k=rng.randint(1, 60))
        vocab, blob = term_vector(passage)
        rows.append((pid, f"s{pid % 7}", vocab, blob, term_norm(passage), 0))
    assert _scores(q, qnorm, rows) == [_score(q, qnorm, v, w, n) for _, _, v, w, n, _ in rows]
    assert _scores(q, qnorm, []) == []
