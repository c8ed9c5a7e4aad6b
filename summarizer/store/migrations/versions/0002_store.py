"""The store: services, documents, versions, change records, provision states, work queue, evals.

Revision ID: 0002_store
Revises: 0001_initial
Create Date: 2025-01-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_store"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def _create(name: str, *columns, indexes: tuple[tuple[str, list[str], bool], ...] = ()) -> None:
    """Create a table and its indexes unless it exists (a database made by create_all before migrations)."""
    if sa.inspect(op.get_bind()).has_table(name):
        return
    op.create_table(name, *columns)
    for index_name, cols, unique in indexes:
        op.create_index(index_name, name, cols, unique=unique)


def upgrade() -> None:
    _create(
        "services",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        indexes=(("ix_services_name", ["name"], True),),
    )
    _create(
        "documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("service_id", sa.Integer(), sa.ForeignKey("services.id"), nullable=False),
        sa.Column("doc_type", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("service_id", "doc_type", name="uq_documents_service_type"),
        indexes=(("ix_documents_service_id", ["service_id"], False),),
    )
    _create(
        "versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("captured_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("chars", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("document_id", "content_sha256", "captured_at", name="uq_versions_doc_hash_time"),
        indexes=(
            ("ix_versions_document_id", ["document_id"], False),
            ("ix_versions_content_sha256", ["content_sha256"], False),
            ("ix_versions_document_time", ["document_id", "captured_at"], False),
        ),
    )
    _create(
        "change_records",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("old_version_id", sa.Integer(), sa.ForeignKey("versions.id"), nullable=False),
        sa.Column("new_version_id", sa.Integer(), sa.ForeignKey("versions.id"), nullable=False),
        sa.Column("analyzer", sa.String(), nullable=False),
        sa.Column("analysis_key", sa.String(), nullable=False),
        sa.Column("model", sa.String(), nullable=True),
        sa.Column("prompt_version", sa.String(), nullable=True),
        sa.Column("material", sa.Boolean(), nullable=False),
        sa.Column("severity", sa.String(), nullable=False),
        sa.Column("severity_rank", sa.Integer(), nullable=False),
        sa.Column("categories", sa.String(), nullable=False),
        sa.Column("headline", sa.String(), nullable=False),
        sa.Column("record_json", sa.Text(), nullable=False),
        sa.Column("worker", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("old_version_id", "new_version_id", "analyzer", "analysis_key",
                            name="uq_change_records_pair"),
        indexes=(
            ("ix_change_records_document_id", ["document_id"], False),
            ("ix_change_records_old_version_id", ["old_version_id"], False),
            ("ix_change_records_new_version_id", ["new_version_id"], False),
            ("ix_change_records_analyzer", ["analyzer"], False),
            ("ix_change_records_prompt_version", ["prompt_version"], False),
            ("ix_change_records_material", ["material"], False),
            ("ix_change_records_severity", ["severity"], False),
        ),
    )
    _create(
        "record_categories",
        sa.Column("record_id", sa.Integer(), sa.ForeignKey("change_records.id"), primary_key=True),
        sa.Column("category", sa.String(), primary_key=True),
        indexes=(("ix_record_categories_category", ["category"], False),),
    )
    _create(
        "provision_states",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("version_id", sa.Integer(), sa.ForeignKey("versions.id"), nullable=False),
        sa.Column("record_id", sa.Integer(), sa.ForeignKey("change_records.id"), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("basis", sa.String(), nullable=False),
        sa.Column("severity", sa.String(), nullable=False),
        sa.Column("severity_rank", sa.Integer(), nullable=False),
        sa.UniqueConstraint("record_id", "category", "basis", name="uq_provision_states_record"),
        indexes=(
            ("ix_provision_states_document_id", ["document_id"], False),
            ("ix_provision_states_version_id", ["version_id"], False),
            ("ix_provision_states_record_id", ["record_id"], False),
            ("ix_provision_states_category", ["category"], False),
        ),
    )
    _create(
        "work_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("old_version_id", sa.Integer(), sa.ForeignKey("versions.id"), nullable=False),
        sa.Column("new_version_id", sa.Integer(), sa.ForeignKey("versions.id"), nullable=False),
        sa.Column("analyzer", sa.String(), nullable=False),
        sa.Column("analysis_key", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("claimed_by", sa.String(), nullable=True),
        sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.String(), nullable=True),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("old_version_id", "new_version_id", "analyzer", "analysis_key", name="uq_work_items_pair"),
        indexes=(
            ("ix_work_items_document_id", ["document_id"], False),
            ("ix_work_items_queue", ["analyzer", "analysis_key", "status"], False),
        ),
    )
    _create(
        "eval_runs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("run_id", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("label", sa.String(), nullable=True),
        sa.Column("analyzer", sa.String(), nullable=False),
        sa.Column("model", sa.String(), nullable=True),
        sa.Column("prompt_id", sa.String(), nullable=True),
        sa.Column("git_revision", sa.String(), nullable=True),
        sa.Column("cases_dir", sa.String(), nullable=False),
        sa.Column("case_count", sa.Integer(), nullable=False),
        sa.Column("aggregate_json", sa.Text(), nullable=False),
        sa.Column("params_json", sa.Text(), nullable=False),
        indexes=(
            ("ix_eval_runs_run_id", ["run_id"], True),
            ("ix_eval_runs_created_at", ["created_at"], False),
            ("ix_eval_runs_label", ["label"], False),
        ),
    )
    _create(
        "eval_results",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("run_id", sa.String(), sa.ForeignKey("eval_runs.run_id"), nullable=False),
        sa.Column("case_id", sa.String(), nullable=False),
        sa.Column("metrics_json", sa.Text(), nullable=False),
        sa.Column("record_json", sa.Text(), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("error", sa.String(), nullable=True),
        sa.Column("tokens", sa.Integer(), nullable=False),
        sa.Column("cost_usd", sa.Float(), nullable=False),
        sa.Column("latency_ms", sa.Float(), nullable=False),
        indexes=(("ix_eval_results_run_id", ["run_id"], False),),
    )


def downgrade() -> None:
    for name in ("eval_results", "eval_runs", "work_items", "provision_states", "record_categories",
                 "change_records", "versions", "documents", "services"):
        op.drop_table(name)
