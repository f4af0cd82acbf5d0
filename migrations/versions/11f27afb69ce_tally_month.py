"""issue 11 (reports filtered fast): the invitation tally keyed also by the month of the draft's receipt and its kind,
so a period or a kind reads the tally instead of counting invitations; an index that lets the stages report read
the chosen drafts' stage times from the index alone.

Revision ID: 11f27afb69ce
Revises: 2c7e9a4f1b86
Create Date: 2026-12-01 00:20:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '11f27afb69ce'
down_revision = "2c7e9a4f1b86"
branch_labels = None
depends_on = None

# The backfills are written out here (not the application's rebuild) so this step keeps meaning what it meant.
MONTH = {"postgresql": "CAST(date_trunc('month', d.received_date) AS DATE)",
         "sqlite": "substr(d.received_date, 1, 7) || '-01'"}  # SQLite keeps a date as text "YYYY-MM-DD"


def _tally_table(*keys: sa.Column) -> None:
    op.create_table('invitation_tally',
    *keys,
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('invitations', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'],
                            name=op.f('fk_invitation_tally_municipality_id_municipality')),
    sa.PrimaryKeyConstraint(*(k.name for k in keys), 'municipality_id', 'status', name=op.f('pk_invitation_tally'))
    )


def upgrade():
    """Rebuild the tally with the month and kind in its key, counted from the invitations; add the index."""
    op.drop_table('invitation_tally')
    _tally_table(sa.Column('received_month', sa.Date(), nullable=False),
                 sa.Column('kind', sa.String(length=32), nullable=False))
    bind = op.get_bind()
    month = MONTH["postgresql" if bind.dialect.name == "postgresql" else "sqlite"]
    op.execute(
        "INSERT INTO invitation_tally (received_month, kind, municipality_id, status, invitations) "
        f"SELECT {month}, d.kind, i.municipality_id, i.status, count(*) "
        "FROM invitation i JOIN draft d ON d.id = i.draft_id "
        f"GROUP BY {month}, d.kind, i.municipality_id, i.status")
    with op.batch_alter_table('draft_stage_time', schema=None) as batch_op:
        batch_op.create_index('ix_draft_stage_time_draft_stage_days', ['draft_id', 'stage', 'days'], unique=False)


def downgrade():
    """Drop the index; the tally back to municipality and status only, counted again."""
    with op.batch_alter_table('draft_stage_time', schema=None) as batch_op:
        batch_op.drop_index('ix_draft_stage_time_draft_stage_days')
    op.drop_table('invitation_tally')
    _tally_table()
    op.execute("INSERT INTO invitation_tally (municipality_id, status, invitations) "
               "SELECT municipality_id, status, count(*) FROM invitation GROUP BY municipality_id, status")
