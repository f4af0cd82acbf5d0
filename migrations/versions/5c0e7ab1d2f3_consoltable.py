"""issue 13 (consoltable): a lawyer's saved reasons and internal notes on proposals

Revision ID: 5c0e7ab1d2f3
Revises: 7a3c91e0b4d2
Create Date: 2026-11-30 17:50:00

"""
import sqlalchemy as sa
from alembic import op

import reviewflow.models.base

# revision identifiers, used by Alembic.
revision = '5c0e7ab1d2f3'
down_revision = "7a3c91e0b4d2"
branch_labels = None
depends_on = None


def upgrade():
    """Create the saved reasons and internal notes tables."""
    op.create_table('saved_reason',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', reviewflow.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['user.id'], name=op.f('fk_saved_reason_owner_id_user'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_reason'))
    )
    op.create_index(op.f('ix_saved_reason_owner_id'), 'saved_reason', ['owner_id'], unique=False)
    op.create_table('internal_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', reviewflow.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_internal_note_author_id_user')),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_internal_note_comment_id_comment'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_internal_note'))
    )
    op.create_index(op.f('ix_internal_note_comment_id'), 'internal_note', ['comment_id'], unique=False)


def downgrade():
    """Drop them again."""
    op.drop_index(op.f('ix_internal_note_comment_id'), table_name='internal_note')
    op.drop_table('internal_note')
    op.drop_index(op.f('ix_saved_reason_owner_id'), table_name='saved_reason')
    op.drop_table('saved_reason')
