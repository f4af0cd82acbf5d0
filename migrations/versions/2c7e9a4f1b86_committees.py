"""issue 13 (committees): reference rows not marked as edited by an administrator forget the shipped key that
migration bf6c8d0e4a73 gave them from their current name or code.

That backfill could not know whether an administrator had already changed a row in the browser: a renamed
institution was recorded under its new name (so a reload added the shipped name back as a second row) and a
renamed committee under its unchanged code (so a reload put the shipped name back over the administrator's).
A row without a shipped key is matched by the next reload by its key and its other names, and marked edited if
it differs from the file (reviewflow.services.reference._match). Rows a reload has loaded since equal the file,
so they are simply matched again. No schema change.

Revision ID: 2c7e9a4f1b86
Revises: 8b2d4f6a1c30
Create Date: 2026-12-01 00:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "2c7e9a4f1b86"
down_revision = "8b2d4f6a1c30"
branch_labels = None
depends_on = None

# The column each table's shipped rows are known by (as in bf6c8d0e4a73).
KEYS = {"institution": "name_lt", "committee": "code"}


def upgrade():
    """Rows not edited by an administrator: provenance unknown until the next reload matches them."""
    for table in KEYS:
        op.execute(sa.text(f"UPDATE {table} SET shipped_key = NULL WHERE edited_by_admin = :no")
                   .bindparams(no=False))


def downgrade():
    """Back to bf6c8d0e4a73's backfill: such rows count as shipped under their current key."""
    for table, key in KEYS.items():
        op.execute(sa.text(f"UPDATE {table} SET shipped_key = {key} "
                           "WHERE shipped_key IS NULL AND edited_by_admin = :no").bindparams(no=False))
