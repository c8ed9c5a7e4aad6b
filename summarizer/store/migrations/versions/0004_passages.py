"""Passage index for comparing one provision across services (filled by #14).

Revision ID: 0004_passages
Revises: 0003_site
Create Date: 2026-12-05
"""

from __future__ import annotations

revision = "0004_passages"
down_revision = "0003_site"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
