"""Site alerts: deliveries of alert events (filled by the site and alerts work, #13).

Revision ID: 0003_site
Revises: 0002_store
Create Date: 2026-12-05
"""

from __future__ import annotations

revision = "0003_site"
down_revision = "0002_store"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
