"""issue 11 (reports at scale): the stored working days per draft and stage (backfilled from the audit record),
the tally of invitations per municipality and status (counted from the invitations), and indexes that let the
reports' GROUP BYs read an index alone.

Revision ID: 8b2d4f6a1c30
Revises: bf6c8d0e4a73
Create Date: 2026-11-30 21:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '8b2d4f6a1c30'
down_revision = "bf6c8d0e4a73"
branch_labels = None
depends_on = None


def upgrade():
    """Create the tables and indexes, and fill the tables from what is already there."""
    from reviewflow.services.reports.stage_times import rebuild_stage_times

    op.create_table('draft_stage_time',
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=32), nullable=False),
    sa.Column('days', sa.Integer(), nullable=False),
    sa.Column('stays', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['draft_id'], ['draft.id'], name=op.f('fk_draft_stage_time_draft_id_draft'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('draft_id', 'stage', name=op.f('pk_draft_stage_time'))
    )
    with op.batch_alter_table('draft_stage_time', schema=None) as batch_op:
        batch_op.create_index('ix_draft_stage_time_stage_days', ['stage', 'days', 'draft_id'], unique=False)
    op.create_table('invitation_tally',
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('invitations', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'],
                            name=op.f('fk_invitation_tally_municipality_id_municipality')),
    sa.PrimaryKeyConstraint('municipality_id', 'status', name=op.f('pk_invitation_tally'))
    )
    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.create_index('ix_draft_report_received', ['received_date', 'kind', 'institution_id', 'state'],
                              unique=False)
        batch_op.create_index('ix_draft_report_sent',
                              ['state', 'sent_date', 'reply_deadline', 'kind', 'institution_id'], unique=False)
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.create_index('ix_invitation_draft_municipality_status', ['draft_id', 'municipality_id', 'status'],
                              unique=False)
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.create_index('ix_comment_report_fate', ['draft_id', 'merged_into_id', 'decision', 'initiator_outcome'],
                              unique=False)
    # Every draft's finished stages from the audit entries already recorded; the invitations counted once.
    bind = op.get_bind()
    rebuild_stage_times(bind)
    # Written out: the application's rebuild now fills the later shape of this table (11f27afb69ce).
    op.execute("INSERT INTO invitation_tally (municipality_id, status, invitations) "
               "SELECT municipality_id, status, count(*) FROM invitation GROUP BY municipality_id, status")


def downgrade():
    """Drop the indexes and the tables."""
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_index('ix_comment_report_fate')
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_index('ix_invitation_draft_municipality_status')
    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.drop_index('ix_draft_report_sent')
        batch_op.drop_index('ix_draft_report_received')
    op.drop_table('invitation_tally')
    with op.batch_alter_table('draft_stage_time', schema=None) as batch_op:
        batch_op.drop_index('ix_draft_stage_time_stage_days')
    op.drop_table('draft_stage_time')
