"""Stances read once per passage at index time (#14), and a re-index with the new search terms.

Revision ID: 0005_passage_stances
Revises: 0004_passages
Create Date: 2026-12-06

Column ``passages.norm`` (the length of a passage's term weights, so a query only sums shared
terms) and table ``passage_stances``: for each indexed passage and stance kind it states (a number or a
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


def downgrade() -> None:
    op.drop_table("passage_stances")
    _empty_index()
    with op.batch_alter_table("passages") as batch:
        batch.drop_column("norm")
