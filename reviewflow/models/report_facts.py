"""Facts the reports read, stored when they happen so a report never replays the audit record."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from reviewflow.extensions import db
from reviewflow.models.consultation import Comment, Invitation
from reviewflow.models.drafts import Draft


class DraftStageTime(db.Model):
    """Working days one draft spent in one stage, summed over its finished stays there.

    Kept by :mod:`reviewflow.services.reports.stage_times` in the same flush as the audit entry of each
    state change; a stage the draft has not left yet has no row (the report does not count it).
    """

    __tablename__ = "draft_stage_time"

    draft_id: Mapped[int] = mapped_column(ForeignKey("draft.id", ondelete="CASCADE"), primary_key=True)
    stage: Mapped[str] = mapped_column(String(32), primary_key=True)
    days: Mapped[int] = mapped_column(Integer)
    stays: Mapped[int] = mapped_column(Integer)


# The stages report groups by (stage, days): with this index it reads the index alone when nothing is filtered.
Index("ix_draft_stage_time_stage_days", DraftStageTime.stage, DraftStageTime.days, DraftStageTime.draft_id)
# ... and when drafts are filtered, it reads each chosen draft's facts from this one alone (not the table's rows).
Index("ix_draft_stage_time_draft_stage_days", DraftStageTime.draft_id, DraftStageTime.stage, DraftStageTime.days)

# The reports' GROUP BYs read these indexes alone (no row of the wide draft table, no invitation row):
# drafts per month of receipt and of sending, the letters' margins, invitations per draft, proposals' fate.
Index("ix_draft_report_received", Draft.received_date, Draft.kind, Draft.institution_id, Draft.state)
Index("ix_draft_report_sent", Draft.state, Draft.sent_date, Draft.reply_deadline, Draft.kind, Draft.institution_id)
Index("ix_invitation_draft_municipality_status", Invitation.draft_id, Invitation.municipality_id, Invitation.status)


class InvitationTally(db.Model):
    """How many invitations each municipality has in each answer status, per month of receipt and kind of draft.

    Kept by :mod:`reviewflow.services.reports.tallies` in the same flush as the invitations it counts (and as a
    change of a draft's received date or kind, which moves its invitations to another cell), so the participation
    report sums a few rows per month instead of counting a million invitations; it then takes away the invitations
    of the drafts a filter leaves out within those months, or counts the chosen drafts directly, whichever is fewer.
    """

    __tablename__ = "invitation_tally"

    # The 1st of the month of ``Draft.received_date``: first in the key, so a period reads one range of it.
    received_month: Mapped[date] = mapped_column(Date, primary_key=True)
    # The draft's kind (a ``DraftKind`` value): a kind is a quarter or more of the archive, too many to count.
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    invitations: Mapped[int] = mapped_column(Integer)


Index("ix_comment_report_fate", Comment.draft_id, Comment.merged_into_id, Comment.decision, Comment.initiator_outcome)
