"""issue 11 (search, finished): the SQLite upkeep view that keeps the index in one statement per flush, and the
index rebuilt to take in the drafts' provisions, internal notes and LSA's reasons.

Revision ID: 9d4f6b8c2e51
Revises: 5e4c1a9b7d20
Create Date: 2026-11-30 21:15:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "9d4f6b8c2e51"
down_revision = "5e4c1a9b7d20"
branch_labels = None
depends_on = None


def upgrade():
    """Create what is missing of the full-text structures (the view; PostgreSQL needs nothing), then reindex."""
    from reviewflow.services.search.index import rebuild_index
    from reviewflow.services.search.schema import create_search_schema

    bind = op.get_bind()
    create_search_schema(bind)
    rebuild_index(bind)


def downgrade():
    """Drop the new kinds of rows (provisions, notes, reasons: 7, 8, 9), which the older code does not know,
    and the upkeep view (its triggers go with it)."""
    bind = op.get_bind()
    bind.exec_driver_sql("DELETE FROM search_document WHERE kind IN (7, 8, 9)")
    if bind.dialect.name == "sqlite":
        from reviewflow.services.search.schema import SQLITE_UPKEEP_DROP

        for statement in SQLITE_UPKEEP_DROP:
            bind.exec_driver_sql(statement)
