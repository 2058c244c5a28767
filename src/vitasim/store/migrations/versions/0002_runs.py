"""Check/plan runs with inputs, outputs and model version; when each person was last changed.

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (no table copy: on SQLite, copying "person" with foreign keys on would
    # cascade-delete the labs); existing people get their creation time as their last change.
    op.add_column("person", sa.Column("updated_at", sa.DateTime, nullable=True))
    op.execute("UPDATE person SET updated_at = created_at")
    op.create_table(
        "run",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("person.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("inputs", sa.JSON, nullable=False),
        sa.Column("outputs", sa.JSON, nullable=False),
        sa.Column("vitasim_version", sa.String(40), nullable=False),
        sa.Column("model_version", sa.String(200), nullable=False),
    )
    op.create_index("ix_run_person_id", "run", ["person_id"])


def downgrade() -> None:
    op.drop_table("run")
    op.drop_column("person", "updated_at")
