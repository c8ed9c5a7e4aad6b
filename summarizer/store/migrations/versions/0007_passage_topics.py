"""How well each passage treats each of its categories (#14: blind precision).

Revision ID: 0007_passage_topics
Revises: 0006_passage_vectors
Create Date: 2026-12-07

Column ``passage_categories.strength`` (:func:`summarizer.rubric.passages.topic_strength`): -1 when
the passage is in the category by a passing word only (kept for stances and counts, never shown as
an example), 0 when only its section heading names the category, 1-2 for the distinct phrases of the
category's evidence in its own text. The comparison's candidates are the passages with strength
>= 0, scored by similarity times (1 + strength / 2). The strength is read from the passage text,
so the index is emptied here and rebuilt by the next ``ingest``, ``track`` or comparison (as 0005 did).

For the broad categories' latency: ``passages.service_id`` (the document's service, so the search
joins no documents and services per match) and table ``category_services`` (which services have
current passages in each category, kept by ``refresh_current``: the count of compared services
without scanning the category).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_passage_topics"
down_revision = "0006_passage_vectors"
branch_labels = None
depends_on = None


def _empty_index() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DELETE FROM passage_fts")
    op.execute("DELETE FROM passage_stances")
    op.execute("DELETE FROM passage_categories")
    op.execute("DELETE FROM passages")
    op.execute("DELETE FROM indexed_versions")


def upgrade() -> None:
    _empty_index()
    with op.batch_alter_table("passage_categories") as batch:
        batch.add_column(sa.Column("strength", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("passages") as batch:
        batch.add_column(sa.Column("service_id", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "category_services",
        sa.Column("category", sa.String(), primary_key=True),
        sa.Column("service_id", sa.Integer(), sa.ForeignKey("services.id"), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("category_services")
    with op.batch_alter_table("passages") as batch:
        batch.drop_column("service_id")
    with op.batch_alter_table("passage_categories") as batch:
        batch.drop_column("strength")
