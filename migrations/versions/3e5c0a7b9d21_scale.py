"""Indexes for every filtered or sorted column the pages and scans use at scale (issue 12).

Revision ID: 3e5c0a7b9d21
Revises: 5c0e7ab1d2f3
"""

from alembic import op

revision = "3e5c0a7b9d21"
down_revision = "5c0e7ab1d2f3"
branch_labels = None
depends_on = None

# (index name, table, columns): the same as the Index() declarations next to the models.
INDEXES = [
    ("ix_draft_received_date", "draft", ["received_date"]),
    ("ix_draft_state_reply_deadline", "draft", ["state", "reply_deadline"]),
    ("ix_draft_lawyer_state", "draft", ["lawyer_id", "state"]),
    ("ix_invitation_municipality_status", "invitation", ["municipality_id", "status"]),
    ("ix_comment_draft_municipality", "comment", ["draft_id", "municipality_id"]),
    ("ix_audit_entry_draft_created", "audit_entry", ["draft_id", "created_at"]),
    ("ix_notification_user_created", "notification", ["user_id", "created_at"]),
    ("ix_reminder_claim_channel_status", "reminder_claim", ["channel", "status"]),
]


def upgrade():
    """Create the indexes (plain CREATE INDEX works on SQLite and PostgreSQL alike)."""
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    """Drop them again."""
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
