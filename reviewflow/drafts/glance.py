"""The draft page's answer to "where is it, who is it waiting for, by when", from what the page loads anyway.

Pure functions over the draft and the municipalities' status rows (no queries of their own): the next step
of each state comes from the lifecycle in :mod:`reviewflow.workflows.lifecycle`, written as people say it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext

from reviewflow.models import Draft, DraftState


@dataclass(frozen=True)
class ConsultationSummary:
    """How the invited municipalities stand: counts, and a sentence for the page.

    ``answered`` = ``with_comments`` + ``no_comments``; ``silent`` = still waiting, overdue, or (after the
    consultation) did not answer.
    """

    invited: int
    with_comments: int
    no_comments: int
    silent: int
    entered: int = 0  # of the silent, those that have entered comments and not submitted them yet

    @property
    def answered(self) -> int:
        """Municipalities that answered, with comments or with "pastabų neturime"."""
        return self.with_comments + self.no_comments

    def sentence(self, consultation_open: bool) -> str:
        """``Atsakė 12 iš 60: 9 su pastabomis, 3 pastabų neturi; 48 neatsako.``"""
        head = _("Answered %(answered)d of %(invited)d: %(comments)d with comments, %(none)d without",
                 answered=self.answered, invited=self.invited, comments=self.with_comments, none=self.no_comments)
        if consultation_open:
            tail = _("%(n)d not yet", n=self.silent)
            if self.entered:
                tail += " " + ngettext("(%(num)d of them has entered comments and not submitted them yet)",
                                       "(%(num)d of them have entered comments and not submitted them yet)",
                                       self.entered)
        else:
            tail = _("%(n)d did not answer", n=self.silent)
        return f"{head}; {tail}."


def consultation_summary(statuses: list[dict] | None) -> ConsultationSummary | None:
    """The summary of :func:`reviewflow.services.consultation.invitation_statuses` rows, or ``None``
    when nobody was invited."""
    if not statuses:
        return None
    counts = Counter(row["status"] for row in statuses)
    return ConsultationSummary(invited=len(statuses), with_comments=counts["answered"],
                               no_comments=counts["no_comments"],
                               silent=counts["pending"] + counts["overdue"] + counts["not_answered"],
                               entered=sum(1 for row in statuses
                                           if row["status"] in ("pending", "overdue") and row["comments"]))


def next_step(draft: Draft) -> str | None:
    """What the draft waits for now and from whom, in words (``None`` once it is finished).

    Raises nothing; a state this function does not know gives ``None``.
    """
    lawyer = draft.lawyer.name if draft.lawyer else None
    committee = draft.committee.display_name if draft.committee else None
    match draft.state:
        case DraftState.REGISTERED:
            return _("An administrator assigns a responsible lawyer.")
        case DraftState.ASSIGNED:
            return _("%(lawyer)s opens the consultation with municipalities or skips it.", lawyer=lawyer or "—")
        case DraftState.CONSULTATION:
            when = draft.comment_deadline.isoformat() if draft.comment_deadline else "—"
            return _("Municipalities comment until %(date)s; then %(lawyer)s consolidates the comments.",
                     date=when, lawyer=lawyer or "—")
        case DraftState.CONSOLIDATION:
            return _("%(lawyer)s decides on the proposals and writes LSA's position.", lawyer=lawyer or "—")
        case DraftState.COMMITTEE_REVIEW:
            return _("The committee %(committee)s gives its opinion.", committee=committee or "—")
        case DraftState.BOARD_REVIEW:
            return _("The board approves LSA's position.")
        case DraftState.APPROVED:
            return _("%(lawyer)s has the letter signed and sends it to the initiator.", lawyer=lawyer or "—")
    return None
