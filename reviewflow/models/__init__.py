"""Typed SQLAlchemy models, one module per aggregate; models never commit."""

from reviewflow.models.accounts import ApiToken, Role, User, UserRole
from reviewflow.models.audit import AuditEntry, Notification, OutboxJob
from reviewflow.models.consultation import (
    AnswerStatus,
    Comment,
    Decision,
    Invitation,
    PositionVersion,
    Stance,
)
from reviewflow.models.drafts import (
    BoardDecision,
    CommitteeOpinion,
    Draft,
    DraftFile,
    DraftKind,
    DraftState,
    Provision,
)
from reviewflow.models.reference import Committee, CommitteeMember, Institution, Municipality

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
    "Invitation",
    "Municipality",
    "Notification",
    "OutboxJob",
    "PositionVersion",
    "Provision",
    "Role",
    "Stance",
    "User",
    "UserRole",
]
