"""Each passage's terms stored as a vector (#14: the broad categories' queries under 50 ms).

Revision ID: 0006_passage_vectors
Revises: 0005_passage_stances
Create Date: 2026-12-06

Columns ``passages.vocab`` (the distinct terms in first-occurrence order) and ``passages.weights``
(their weights 1 + ln(count), little-endian float64), written at index time
(:func:`summarizer.store.passage_index.term_vector`), so a comparison sums the query's weights over a
passage's distinct terms without splitting and counting its terms again. Filled here from the stored
``terms`` of the passages already indexed (the search terms are unchanged: no re-index).
"""

from __future__ import annotations

import math
import sys
from array import array
from collections import Counter

import sqlalchemy as sa
from alembic import op

revision = "0006_passage_vectors"
down_revision = "0005_passage_stances"
branch_labels = None
depends_on = None

_BATCH = 2000


def term_vector(terms: list[str]) -> tuple[str, bytes]:
    """passage_index.term_vector as of this revision (kept here so the migration never changes)."""
    counts = Counter(terms)
    weights = array("d", (1.0 + math.log(n) for n in counts.values()))
    if sys.byteorder == "big":  # pragma: no cover
        weights.byteswap()
    return " ".join(counts), weights.tobytes()


def upgrade() -> None:
    with op.batch_alter_table("passages") as batch:
        batch.add_column(sa.Column("vocab", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("weights", sa.LargeBinary(), nullable=False, server_default=""))
    bind = op.get_bind()
    update = sa.text("UPDATE passages SET vocab = :vocab, weights = :weights WHERE id = :id")
    last = 0
    while True:
        rows = bind.execute(
            sa.text("SELECT id, terms FROM passages WHERE id > :last ORDER BY id LIMIT :n"),
            {"last": last, "n": _BATCH},
        ).all()
        if not rows:
            break
        values = []
        for pid, terms in rows:
            vocab, weights = term_vector(terms.split())
            values.append({"id": pid, "vocab": vocab, "weights": weights})
        bind.execute(update, values)
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("passages") as batch:
        batch.drop_column("weights")
        batch.drop_column("vocab")
