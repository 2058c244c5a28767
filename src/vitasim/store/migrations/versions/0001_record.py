"""The person's record: people, dated labs, regimen, medicines, conditions.

Revision ID: 0001
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("start", sa.Date, nullable=True),
        sa.Column("age", sa.Float, nullable=True),
        sa.Column("sex", sa.String(10), nullable=True),
        sa.Column("weight_kg", sa.Float, nullable=True),
        sa.Column("height_cm", sa.Float, nullable=True),
        sa.Column("egfr", sa.Float, nullable=True),
        sa.Column("pregnant", sa.Boolean, nullable=False),
        sa.Column("diet", sa.JSON, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "lab_result",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("person.id", ondelete="CASCADE"), nullable=False),
        sa.Column("lab", sa.String(40), nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("unit", sa.String(40), nullable=False),
        sa.Column("taken_on", sa.Date, nullable=True),
        sa.Column("day", sa.Float, nullable=True),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_lab_result_person_id", "lab_result", ["person_id"])
    op.create_table(
        "regimen_entry",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("person.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("supplement", sa.String(80), nullable=False),
        sa.Column("dose", sa.String(80), nullable=False),
        sa.Column("every", sa.String(40), nullable=True),
        sa.Column("start", sa.String(40), nullable=True),
        sa.Column("stop", sa.String(40), nullable=True),
        sa.Column("doses", sa.Integer, nullable=True),
        sa.Column("missed", sa.JSON, nullable=True),
        sa.Column("route", sa.String(40), nullable=True),
    )
    op.create_index("ix_regimen_entry_person_id", "regimen_entry", ["person_id"])
    op.create_table(
        "medicine",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("person.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("since", sa.String(40), nullable=True),
    )
    op.create_index("ix_medicine_person_id", "medicine", ["person_id"])
    op.create_table(
        "condition",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("person.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
    )
    op.create_index("ix_condition_person_id", "condition", ["person_id"])


def downgrade() -> None:
    for table in ("condition", "medicine", "regimen_entry", "lab_result", "person"):
        op.drop_table(table)
