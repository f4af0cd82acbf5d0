"""issue 13 (notices in the reader's language): a notice keeps its kind's parameters, so that its text is
written when it is read, in the reader's current language; older rows keep their stored text.

Revision ID: 4c7e2a9b5d18
Revises: 11f27afb69ce
Create Date: 2026-12-01 00:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "4c7e2a9b5d18"
down_revision = "11f27afb69ce"
branch_labels = None
depends_on = None


def upgrade():
    """Add the nullable ``notification.params`` (JSON)."""
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("params", sa.JSON(), nullable=True))


def downgrade():
    """Drop ``notification.params``."""
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_column("params")
