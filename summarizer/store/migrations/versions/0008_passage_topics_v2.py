"""Passage topicality read again (#14, round 4: precision on the two open blind sets).

Revision ID: 0008_passage_topics_v2
Revises: 0007_passage_topics
Create Date: 2026-12-06

:func:`summarizer.rubric.passages.topic_strength` now leaves out, as off topic, definitions ('"X"
means ...') and lists of links or tables of contents, treats a short cross-reference to another
section ("the ... section above") as a pointer, and no longer counts an evidence word used in
another sense (a contract "breach", the company's own "prior written consent", "selling on" a
marketplace, "retains editorial control", "payment processing providers", "provided by a service
provider"). ``passage_categories.strength`` is read from the passage text at index time, so the
index is emptied here and rebuilt by the next ``ingest``, ``track`` or comparison (as 0007 did).
No schema change.
"""

from __future__ import annotations

from alembic import op

revision = "0008_passage_topics_v2"
down_revision = "0007_passage_topics"
branch_labels = None
depends_on = None


def _empty_index() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DELETE FROM passage_fts")
    op.execute("DELETE FROM passage_stances")
    op.execute("DELETE FROM passage_categories")
    op.execute("DELETE FROM passages")
    op.execute("DELETE FROM indexed_versions")
    op.execute("DELETE FROM category_services")


def upgrade() -> None:
    _empty_index()


def downgrade() -> None:
    _empty_index()  # the older release re-indexes with its own reading
