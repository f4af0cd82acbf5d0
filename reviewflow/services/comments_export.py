"""The full comments table as XLSX, for LSA's own work (dates are Vilnius dates), and every export's heading."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from reviewflow.documents.xlsx import SheetHeading, render_comments_xlsx
from reviewflow.errors import Forbidden
from reviewflow.extensions import db
from reviewflow.models import Comment, Draft, User
from reviewflow.permissions import is_lsa_staff
from reviewflow.services.clock import vilnius_date, vilnius_today
from reviewflow.services.drafts import get_draft_for
from reviewflow.services.letters import LSA_PROPOSER, OPINION_LT, short_provision

COMMENT_COLUMNS = [
    ("no", "Eil. Nr."), ("municipality", "Savivaldybė"), ("author", "Teikėjas"), ("date", "Data"),
    ("provision", "Siūloma keisti"), ("text", "Pasiūlymo turinys"), ("wording", "Siūloma redakcija"),
    ("lsa_text", "LSA pasiūlymas"), ("lsa_wording", "LSA siūloma redakcija"),
    ("late", "Pavėluota"), ("decision", "LSA nuomonė"), ("reasons", "Argumentai"), ("merged_into", "Sujungta su"),
]


def draft_link(draft_id: int) -> str:
    """The draft page's address on the system as configured (BASE_URL), for files that leave the browser."""
    return current_app.config["BASE_URL"].rstrip("/") + f"/drafts/{draft_id}"


def sheet_heading(draft: Draft, subject: str, lines: tuple = ()) -> SheetHeading:
    """The heading every export opens with: what it is, the draft's number and title, today, a link back."""
    return SheetHeading(number=draft.number_raw, title=draft.title, made_on=vilnius_today(),
                        link=draft_link(draft.id), subject=subject, lines=tuple(lines))


def comments_xlsx(draft_id: int, user: User) -> bytes:
    """The full comments table as XLSX, for LSA's own work; dates are Vilnius dates."""
    from reviewflow.services.consolidation import Anchors

    draft = get_draft_for(draft_id, user)
    if not is_lsa_staff(user):
        raise Forbidden(_("Only LSA lawyers and administrators export the comments table."))
    comments = db.session.scalars(
        select(Comment).where(Comment.draft_id == draft.id)
        .options(selectinload(Comment.municipality), selectinload(Comment.author))
    ).all()
    anchors = Anchors(draft.id)
    comments = sorted(comments, key=lambda c: (anchors.order(c), c.created_at, c.id))

    def provision(c: Comment) -> str:
        anchor = anchors.provision_of(c)
        return anchor.short if anchor is not None and anchor.short else short_provision(c.article, c.part, c.point)

    numbers = {c.id: n for n, c in enumerate(comments, start=1)}
    by_id = {c.id: c for c in comments}

    def merged_into(c: Comment) -> str:
        """The row this proposal was merged into, as people cite it: its number, provision and proposer."""
        target = by_id.get(c.merged_into_id)
        if target is None:
            return ""
        who = target.municipality.name if target.municipality else LSA_PROPOSER
        return f"{numbers[target.id]} ({provision(target)}, {who})"

    rows = [{
        "no": n, "municipality": c.municipality.name if c.municipality else LSA_PROPOSER,
        "author": c.author.name, "date": vilnius_date(c.created_at), "provision": provision(c),
        "text": c.text, "wording": c.proposed_wording or "", "lsa_text": c.lsa_text or "",
        "lsa_wording": c.lsa_wording or "", "late": "taip" if c.late else "",
        "decision": OPINION_LT.get(c.decision, "") if c.decision else "", "reasons": c.reasons or "",
        "merged_into": merged_into(c),
    } for n, c in enumerate(comments, start=1)]
    return render_comments_xlsx(rows, COMMENT_COLUMNS, heading=sheet_heading(draft, "Pastabų lentelė"))
