"""issue 10 (revisions2): a carried comment's origin, and a consultation limited to the changed provisions

Revision ID: 7a3c91e0b4d2
Revises: dfc6cd8d7335
Create Date: 2026-11-30 18:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '7a3c91e0b4d2'
down_revision = "dfc6cd8d7335"
branch_labels = None
depends_on = None


def upgrade():
    """Add Comment.carried_from_id (SET NULL on delete) and Draft.consultation_scope."""
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('carried_from_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_comment_carried_from_id'), ['carried_from_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_comment_carried_from_id_comment'), 'comment',
                                    ['carried_from_id'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consultation_scope', sa.String(length=16), nullable=True))


def downgrade():
    """Drop both columns again."""
    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.drop_column('consultation_scope')
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_comment_carried_from_id_comment'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_comment_carried_from_id'))
        batch_op.drop_column('carried_from_id')
