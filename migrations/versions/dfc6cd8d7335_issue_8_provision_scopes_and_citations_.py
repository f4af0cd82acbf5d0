"""issue 8: provision scopes and citations, LSA proposals, letter PDF and signatories, revisions link;
issue 9: outbox retry schedule and failures

Revision ID: dfc6cd8d7335
Revises: d9a804632b66
Create Date: 2026-11-30 14:38:33.439881

"""
from alembic import op
import sqlalchemy as sa

import reviewflow.models.base


# revision identifiers, used by Alembic.
revision = 'dfc6cd8d7335'
down_revision = 'd9a804632b66'
branch_labels = None
depends_on = None


def _sqlite_foreign_keys_off():
    """Batch mode recreates tables on SQLite; with foreign keys on, dropping the old ``draft`` table
    would cascade to every child row. Reviewflow does not turn them on, but an operator's shell might."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA foreign_keys=OFF")


def upgrade():
    _sqlite_foreign_keys_off()
    op.create_table('signatory',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('position', sa.String(length=120), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('created_at', reviewflow.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signatory'))
    )
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('origin', sa.Enum('municipality', 'lsa', name='proposalorigin', native_enum=False, length=16), nullable=False, server_default='municipality'))
        batch_op.add_column(sa.Column('lsa_text', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('lsa_wording', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('initiator_outcome', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('initiator_arguments', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('initiator_source', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('initiator_recorded_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('initiator_recorded_at', reviewflow.models.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_comment_initiator_recorded_by_id_user'), 'user', ['initiator_recorded_by_id'], ['id'])
        batch_op.alter_column('municipality_id',
               existing_type=sa.INTEGER(),
               nullable=True)

    with op.batch_alter_table('institution', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(length=254), nullable=True))

    with op.batch_alter_table('outbox_job', schema=None) as batch_op:
        batch_op.add_column(sa.Column('next_attempt_at', reviewflow.models.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('failed_at', reviewflow.models.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbox_job_next_attempt_at'), ['next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_job_failed_at'), ['failed_at'], unique=False)

    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.add_column(sa.Column('letter_subject', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('sent_via', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('previous_revision_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('signatory_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_draft_previous_revision_id'), ['previous_revision_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_draft_signatory_id_signatory'), 'signatory', ['signatory_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_draft_previous_revision_id_draft'), 'draft', ['previous_revision_id'], ['id'])

    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pdf_stored_name', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('pdf_error', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('annex_pages', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('signatory_position', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('signatory_name', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('signed_stored_name', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('signed_original_name', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('signed_format', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('signer_name', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('signed_at', reviewflow.models.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('signed_uploaded_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('signed_uploaded_at', reviewflow.models.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_letter_signed_uploaded_by_id_user'), 'user', ['signed_uploaded_by_id'], ['id'])

    with op.batch_alter_table('provision', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scope', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('citation', sa.String(length=400), nullable=True))
        batch_op.add_column(sa.Column('short', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('depth', sa.Integer(), nullable=False, server_default='0'))
        batch_op.alter_column('label',
               existing_type=sa.VARCHAR(length=120),
               type_=sa.String(length=300),
               existing_nullable=False)

    # ### end Alembic commands ###


def downgrade():
    _sqlite_foreign_keys_off()
    with op.batch_alter_table('provision', schema=None) as batch_op:
        batch_op.alter_column('label',
               existing_type=sa.String(length=300),
               type_=sa.VARCHAR(length=120),
               existing_nullable=False)
        batch_op.drop_column('depth')
        batch_op.drop_column('short')
        batch_op.drop_column('citation')
        batch_op.drop_column('scope')

    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_letter_signed_uploaded_by_id_user'), type_='foreignkey')
        batch_op.drop_column('signed_uploaded_at')
        batch_op.drop_column('signed_uploaded_by_id')
        batch_op.drop_column('signed_at')
        batch_op.drop_column('signer_name')
        batch_op.drop_column('signed_format')
        batch_op.drop_column('signed_original_name')
        batch_op.drop_column('signed_stored_name')
        batch_op.drop_column('signatory_name')
        batch_op.drop_column('signatory_position')
        batch_op.drop_column('annex_pages')
        batch_op.drop_column('pdf_error')
        batch_op.drop_column('pdf_stored_name')

    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_draft_previous_revision_id_draft'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_draft_signatory_id_signatory'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_draft_previous_revision_id'))
        batch_op.drop_column('signatory_id')
        batch_op.drop_column('previous_revision_id')
        batch_op.drop_column('sent_via')
        batch_op.drop_column('letter_subject')

    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.alter_column('municipality_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_constraint(batch_op.f('fk_comment_initiator_recorded_by_id_user'), type_='foreignkey')
        batch_op.drop_column('initiator_recorded_at')
        batch_op.drop_column('initiator_recorded_by_id')
        batch_op.drop_column('initiator_source')
        batch_op.drop_column('initiator_arguments')
        batch_op.drop_column('initiator_outcome')
        batch_op.drop_column('lsa_wording')
        batch_op.drop_column('lsa_text')
        batch_op.drop_column('origin')

    with op.batch_alter_table('outbox_job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_job_failed_at'))
        batch_op.drop_index(batch_op.f('ix_outbox_job_next_attempt_at'))
        batch_op.drop_column('failed_at')
        batch_op.drop_column('next_attempt_at')

    with op.batch_alter_table('institution', schema=None) as batch_op:
        batch_op.drop_column('email')

    op.drop_table('signatory')
    # ### end Alembic commands ###
