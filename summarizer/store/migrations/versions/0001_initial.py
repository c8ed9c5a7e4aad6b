"""Initial schema: the model-call log, as databases made before migrations existed have it.

Revision ID: 0001_initial
Revises:
Create Date: 2025-01-01

Databases created by ``init_db`` before alembic was introduced already hold this table (and no
``alembic_version``); the upgrade then leaves it, and its rows, as they are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("model_calls"):
        return
    op.create_table(
        "model_calls",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("cache_key", sa.String(), nullable=False),
        sa.Column("prompt_id", sa.String(), nullable=True),
        sa.Column("model", sa.String(), nullable=False),
        sa.Column("base_url_host", sa.String(), nullable=True),
        sa.Column("request_json", sa.String(), nullable=False),
        sa.Column("response_json", sa.String(), nullable=True),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("error", sa.String(), nullable=True),
        sa.Column("prompt_tokens", sa.Integer(), nullable=False),
        sa.Column("completion_tokens", sa.Integer(), nullable=False),
        sa.Column("cost_usd", sa.Float(), nullable=False),
        sa.Column("latency_ms", sa.Float(), nullable=False),
        sa.Column("cached", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_model_calls_cache_key", "model_calls", ["cache_key"])


def downgrade() -> None:
    op.drop_index("ix_model_calls_cache_key", table_name="model_calls")
    op.drop_table("model_calls")
