"""issue 11 (search): the search index table, its full-text structures (SQLite FTS5 / PostgreSQL tsvector
with a GIN index), and the index of what is already there.

Revision ID: 5e4c1a9b7d20
Revises: 3e5c0a7b9d21
Create Date: 2026-11-30 18:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '5e4c1a9b7d20'
down_revision = "3e5c0a7b9d21"
branch_labels = None
depends_on = None


def upgrade():
    """Create the index table and its full-text structures, then index what exists."""
    from reviewflow.services.search.index import rebuild_index
    from reviewflow.services.search.schema import create_search_schema

    op.create_table('search_document',
    sa.Column('id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.SmallInteger(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.Column('public_when_sent', sa.Boolean(), nullable=False),
    sa.Column('terms', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['draft_id'], ['draft.id'], name=op.f('fk_search_document_draft_id_draft'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_document'))
    )
    with op.batch_alter_table('search_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_document_draft_id'), ['draft_id'], unique=False)
    bind = op.get_bind()
    create_search_schema(bind)
    # Drafts registered before search existed become searchable at once.
    rebuild_index(bind)


def downgrade():
    """Drop the full-text structures and the index table."""
    from reviewflow.services.search.schema import drop_search_schema

    drop_search_schema(op.get_bind())
    with op.batch_alter_table('search_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_document_draft_id'))
    op.drop_table('search_document')
