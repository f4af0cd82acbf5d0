"""issue 12 (pages flat at scale): indexes the drafts list walks in its sort order under its common filters, so a
page reads 25 rows instead of sorting every draft that matches (a state with each sort; an institution with the
default sort by deadline).

Revision ID: 6a1d3c5e7f90
Revises: 4c7e2a9b5d18
Create Date: 2026-12-01 00:45:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "6a1d3c5e7f90"
down_revision = "4c7e2a9b5d18"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_draft_state_received": ["state", "received_date", "id"],
    "ix_draft_state_number": ["state", "number", "id"],
    "ix_draft_institution_deadline": ["institution_id", "reply_deadline", "id"],
}


def upgrade():
    """Create the list's composite indexes."""
    for name, columns in INDEXES.items():
        op.create_index(name, "draft", columns, unique=False)


def downgrade():
    """Drop them."""
    for name in INDEXES:
        op.drop_index(name, table_name="draft")
