"""Passage index for comparing one provision across services (#14).

Revision ID: 0004_passages
Revises: 0003_site
Create Date: 2026-12-05

Tables ``indexed_versions``, ``passages`` and ``passage_categories``, plus the search engine's own
index: on SQLite an FTS5 table ``passage_fts`` (rowid = passage id; columns: search terms, category
tokens) holding the passages of current versions; on PostgreSQL a stored generated column
``passage_fts_tsv = to_tsvector('simple', terms)`` with a GIN index restricted to current passages.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_passages"
down_revision = "0003_site"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indexed_versions",
        sa.Column("version_id", sa.Integer(), sa.ForeignKey("versions.id"), primary_key=True),
        sa.Column("passages", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "passages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("version_id", sa.Integer(), sa.ForeignKey("versions.id"), nullable=False),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.Column("categories", sa.String(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("version_id", "ordinal", name="uq_passages_version_ordinal"),
    )
    op.create_index("ix_passages_version_id", "passages", ["version_id"])
    op.create_index("ix_passages_document_id", "passages", ["document_id"])
    op.create_index("ix_passages_is_current", "passages", ["is_current"])
    op.create_table(
        "passage_categories",
        sa.Column("passage_id", sa.Integer(), sa.ForeignKey("passages.id"), primary_key=True),
        sa.Column("category", sa.String(), primary_key=True),
    )
    op.create_index("ix_passage_categories_category", "passage_categories", ["category"])
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("CREATE VIRTUAL TABLE passage_fts USING fts5(terms, cats, tokenize='unicode61')")
    elif dialect == "postgresql":
        # a stored tsvector (not in the models: named like the engine's objects, which schema
        # comparisons skip), so neither matching nor ts_rank re-parses the terms
        op.execute(
            "ALTER TABLE passages ADD COLUMN passage_fts_tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED"
        )
        op.execute("CREATE INDEX passage_fts_gin ON passages USING GIN (passage_fts_tsv) WHERE is_current")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS passage_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS passage_fts_gin")
        op.execute("ALTER TABLE passages DROP COLUMN IF EXISTS passage_fts_tsv")
    op.drop_table("passage_categories")
    op.drop_table("passages")
    op.drop_table("indexed_versions")
