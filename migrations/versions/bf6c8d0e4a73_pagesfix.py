"""issue 13 (pagesfix): reference rows remember the shipped row they came from and whether an administrator
edited them, so reloading the shipped files keeps an administrator's corrections.

Revision ID: bf6c8d0e4a73
Revises: 9d4f6b8c2e51
Create Date: 2026-11-30 21:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "bf6c8d0e4a73"
down_revision = "9d4f6b8c2e51"
branch_labels = None
depends_on = None

# The column each table's shipped rows are known by.
KEYS = {"institution": "name_lt", "committee": "code"}


def upgrade():
    """Add the two columns; rows already there count as shipped under their current key, not yet edited."""
    for table, key in KEYS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("shipped_key", sa.String(length=200), nullable=True))
            batch_op.add_column(sa.Column("edited_by_admin", sa.Boolean(), nullable=False,
                                          server_default=sa.false()))
        op.execute(sa.text(f"UPDATE {table} SET shipped_key = {key}"))


def downgrade():
    """Drop the two columns."""
    for table in KEYS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("edited_by_admin")
            batch_op.drop_column("shipped_key")
