"""Typed SQLAlchemy models, one module per aggregate; models never commit."""

from reviewflow.models.accounts import ApiToken, Role, User, UserRole
from reviewflow.models.audit import AuditEntry, Notification, OutboxJob
from reviewflow.models.consultation import (
    AnswerStatus,
    Comment,
    Decision,
    Invitation,
    PositionVersion,
    ProposalOrigin,
    Stance,
)
from reviewflow.models.drafts import (
    OPEN_STATES,
    BoardDecision,
    CommitteeOpinion,
    Draft,
    DraftFile,
    DraftKind,
    DraftState,
    Provision,
    Signatory,
)
from reviewflow.models.letters import Letter, LetterNumberSequence, LetterStatus, LetterTemplate
from reviewflow.models.notes import InternalNote, SavedReason
from reviewflow.models.reference import Committee, CommitteeMember, Institution, Municipality
from reviewflow.models.reminders import ReminderClaim, ReminderDigest
from reviewflow.models.report_facts import DraftStageTime, InvitationTally  # noqa: F401  (the reports' facts)

__all__ = [
    "AnswerStatus",
    "ApiToken",
    "AuditEntry",
    "BoardDecision",
    "Comment",
    "Committee",
    "CommitteeMember",
    "CommitteeOpinion",
    "Decision",
    "Draft",
    "DraftFile",
    "DraftKind",
    "DraftState",
    "Institution",
    "InternalNote",
    "Letter",
    "LetterNumberSequence",
    "LetterStatus",
    "LetterTemplate",
    "Invitation",
    "Municipality",
    "Notification",
    "OPEN_STATES",
    "OutboxJob",
    "PositionVersion",
    "ReminderClaim",
    "ReminderDigest",
    "Provision",
    "ProposalOrigin",
    "Role",
    "SavedReason",
    "Signatory",
    "Stance",
    "User",
    "UserRole",
]
