"""Stances read once per passage at index time (#14), and a re-index with the new search terms.

Revision ID: 0005_passage_stances
Revises: 0004_passages
Create Date: 2026-12-06

Column ``passages.norm`` (the length of a passage's term weights, so a query only sums shared
terms), table ``passage_stances``, and on PostgreSQL the category tokens inside the stored
``tsvector`` (weight A; the terms weight D) so one GIN lookup selects category and terms: for each indexed passage and stance kind it states (a number or a
practice, :mod:`summarizer.rubric.stances`), the finding and its sentence, so a comparison reads a
few rows instead of running the patterns over every passage of a category per query. The passage
search terms changed in the same release (the stemmer joins 'cookie'/'cookies'), so the index is
emptied here and rebuilt from the stored versions by the next ``ingest``, ``track`` or query.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_passage_stances"
down_revision = "0004_passages"
branch_labels = None
depends_on = None


#: SQL for a passage's category tokens, as passage_index.category_token spells them
#: ('data_retention tracking_tech' -> 'catdataretention cattrackingtech').
PG_CATEGORY_TOKENS = "regexp_replace(replace(categories, '_', ''), '(\\S+)', 'cat\\1', 'g')"


def _empty_index() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DELETE FROM passage_fts")
    op.execute("DELETE FROM passage_categories")
    op.execute("DELETE FROM passages")
    op.execute("DELETE FROM indexed_versions")


def upgrade() -> None:
    _empty_index()
    with op.batch_alter_table("passages") as batch:
        batch.add_column(sa.Column("norm", sa.Float(), nullable=False, server_default="0"))
    op.create_table(
        "passage_stances",
        sa.Column("passage_id", sa.Integer(), sa.ForeignKey("passages.id"), primary_key=True),
        sa.Column("kind", sa.String(), primary_key=True),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("shown", sa.String(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
    )
    op.create_index("ix_passage_stances_kind", "passage_stances", ["kind"])
    if op.get_bind().dialect.name == "postgresql":
        # the category tokens join the terms in the tsvector (weight A, the terms D), as FTS5's 'cats'
        # column does on SQLite: one GIN lookup selects the category and the terms together
        op.execute("DROP INDEX IF EXISTS passage_fts_gin")
        op.execute("ALTER TABLE passages DROP COLUMN passage_fts_tsv")
        op.execute(
            "ALTER TABLE passages ADD COLUMN passage_fts_tsv tsvector GENERATED ALWAYS AS ("
            f"setweight(to_tsvector('simple', {PG_CATEGORY_TOKENS}), 'A') || "
            "setweight(to_tsvector('simple', terms), 'D')) STORED"
        )
        op.execute("CREATE INDEX passage_fts_gin ON passages USING GIN (passage_fts_tsv) WHERE is_current")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS passage_fts_gin")
        op.execute("ALTER TABLE passages DROP COLUMN passage_fts_tsv")
        op.execute(
            "ALTER TABLE passages ADD COLUMN passage_fts_tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED"
        )
        op.execute("CREATE INDEX passage_fts_gin ON passages USING GIN (passage_fts_tsv) WHERE is_current")
    op.drop_table("passage_stances")
    _empty_index()
    with op.batch_alter_table("passages") as batch:
        batch.drop_column("norm")
