"""The lawyer decides in Excel: the consolidation table as a workbook, and its decisions imported back.

A value the file changes is compared with the value at export time (kept in the workbook's hidden sheet) and
with the value now stored. Changed only in the file: a change, applied once the lawyer confirms. Changed in
the browser meanwhile as well, to something else: a conflict, shown with the three values and applied only
if the lawyer ticks it. Rows that cannot be saved (no reasons for a rejection, an unknown decision, a
proposal merged meanwhile) are shown as problems. Decisions are saved through
:func:`~reviewflow.services.consolidation.decide_comment`, exactly as decided in the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from reviewflow.documents.answer_tables import NOT_TAKEN, PARTLY, TAKEN, read_opinion
from reviewflow.documents.decision_tables import FIELDS, DecisionRow, read_decisions_xlsx, render_decisions_xlsx
from reviewflow.documents.provision_phrases import provision_title
from reviewflow.errors import Conflict, DomainError, Forbidden, Invalid
from reviewflow.extensions import db
from reviewflow.models import Comment, Decision, Draft, User
from reviewflow.models.base import utcnow
from reviewflow.permissions import can_decide_comments, can_see_consolidation
from reviewflow.services import consolidation
from reviewflow.services.comment_import import safe_file_name
from reviewflow.services.comments_export import sheet_heading
from reviewflow.services.drafts import get_draft_for
from reviewflow.services.letters import LSA_PROPOSER, OPINION_LT
from reviewflow.services.payload import text_field

SUBJECT = "Sprendimų lentelė"
MAX_ITEMS = 2000
_OUTCOMES = {TAKEN: Decision.ACCEPTED, PARTLY: Decision.PARTLY_ACCEPTED, NOT_TAKEN: Decision.REJECTED}
CHANGE, CONFLICT, PROBLEM = "change", "conflict", "problem"


@dataclass
class FieldChange:
    """One value of a proposal: at export time, stored now, and in the file."""

    name: str
    base: str
    current: str
    new: str
    conflicting: bool = False


@dataclass
class DecisionChange:
    """What the file would change on one proposal; ``kind`` is change, conflict or problem."""

    comment_id: int
    where: str
    kind: str
    comment: Comment | None = None
    fields: list[FieldChange] = field(default_factory=list)
    message: str = ""

    @property
    def proposal(self) -> str:
        """The proposal as the consolidation table names it: "3 straipsnio 2 dalis · Vilniaus m. sav." (the
        internal id only when the file named a proposal this draft does not have)."""
        comment = self.comment
        if comment is None:
            return f"#{self.comment_id}"
        where = comment.provision.label if comment.provision is not None else provision_title(
            comment.article, comment.part, comment.point)
        return f"{where} · {comment.municipality.name if comment.municipality else LSA_PROPOSER}"

    def values(self, which: str) -> dict[str, str]:
        """The changed fields' ``new`` or ``base`` values, as the confirmation form carries them."""
        return {f.name: getattr(f, which) for f in self.fields}


@dataclass
class DecisionImportPreview:
    """What an edited workbook would change; nothing is saved until the lawyer confirms."""

    source: str
    changes: list[DecisionChange] = field(default_factory=list)
    conflicts: list[DecisionChange] = field(default_factory=list)
    problems: list[DecisionChange] = field(default_factory=list)
    unchanged: int = 0
    without_id: list[str] = field(default_factory=list)
    without_base: bool = False


@dataclass
class DecisionImportResult:
    """What a confirmation saved, and what it left as it was (conflicts not ticked, problems)."""

    saved: list[int] = field(default_factory=list)
    kept: list[DecisionChange] = field(default_factory=list)
    problems: list[DecisionChange] = field(default_factory=list)


def decision_value(text: str | None) -> str | None:
    """A decision as written ("Pritarti iš dalies", "Atsižvelgta", "partly_accepted") as its value; "" for
    none; None for words that are no decision."""
    text = (text or "").strip()
    if not text:
        return ""
    if text in {d.value for d in Decision}:
        return text
    _opinion, outcome, _rest = read_opinion(text)
    return _OUTCOMES[outcome].value if outcome else None


def decision_label(value: str) -> str:
    """"Pritarti" for "accepted"; the text itself when it is no decision value, "" for none."""
    if value in {d.value for d in Decision}:
        return OPINION_LT[Decision(value)]
    return value or ""


def _normal(value: str | None) -> str:
    return " ".join((value or "").split())


def _deciding(draft_id: int, user: User) -> Draft:
    draft = get_draft_for(draft_id, user)
    if not can_decide_comments(user, draft):
        if draft.lawyer_id != user.id:
            raise Forbidden(_("Only the responsible lawyer decides on comments."))
        raise Conflict(_("Decisions are made during consolidation."))
    return draft


def decisions_xlsx(draft_id: int, user: User) -> tuple[bytes, str]:
    """The consolidation table as a workbook to decide in, and its file name."""
    draft = get_draft_for(draft_id, user)
    if not can_see_consolidation(user, draft):
        raise Forbidden(_("The comments table is for LSA staff, the committee and the board."))
    rows = []
    for group in consolidation.consolidated_table(draft.id):
        provision = group.label or provision_title(group.article, group.part, group.point)
        for comment in group.comments:
            proposers = [c.municipality.name if c.municipality else LSA_PROPOSER
                         for c in (comment, *comment.merged_proposers)]
            rows.append(DecisionRow(
                comment_id=comment.id, provision=provision, proposers="\n".join(proposers), text=comment.text,
                wording=comment.proposed_wording or "",
                decision=decision_label(comment.decision.value) if comment.decision else "",
                reasons=comment.reasons or "", lsa_text=comment.lsa_text or "", lsa_wording=comment.lsa_wording or "",
            ))
    data = render_decisions_xlsx(sheet_heading(draft, SUBJECT), rows, list(OPINION_LT.values()), draft.id, utcnow())
    return data, safe_file_name(draft, "sprendimai", "xlsx")


def preview_decision_import(draft_id: int, user: User, filename: str, data: bytes) -> DecisionImportPreview:
    """Read an edited workbook and sort what it would change into changes, conflicts and problems."""
    draft = _deciding(draft_id, user)
    sheet = read_decisions_xlsx(data)
    if sheet.draft_id is not None and sheet.draft_id != draft.id:
        message = _("This file was exported from another draft: export this draft's table and decide in it.")
        raise Invalid(message, {"file": message})
    preview = DecisionImportPreview(source=(filename or "").strip()[:200], without_id=sheet.without_id,
                                    without_base=sheet.base is None)
    items = []
    for row in sheet.rows:
        base = (sheet.base or {}).get(row["comment_id"])
        # Without the export-time values (a table typed anew, the hidden sheet removed) every stored value
        # counts as changed meanwhile: the file then fills only what is still empty and conflicts elsewhere.
        base = base if base is not None else dict.fromkeys(FIELDS, "")
        items.append({"comment_id": row["comment_id"], "where": row["where"],
                      "new": {name: row[name] for name in row["present"]}, "base": base})
    for change in _classify(draft, items):
        if change is None:
            preview.unchanged += 1
        else:
            {CHANGE: preview.changes, CONFLICT: preview.conflicts, PROBLEM: preview.problems}[change.kind].append(
                change)
    return preview


def _classify(draft: Draft, items: list[dict]) -> list[DecisionChange | None]:
    """Each item ({comment_id, where, new, base}) as a change, a conflict, a problem, or None (nothing to do)."""
    comments = {c.id: c for c in db.session.scalars(
        select(Comment).where(Comment.draft_id == draft.id).options(
            selectinload(Comment.municipality), selectinload(Comment.provision)))}
    return [_classify_one(comments.get(item["comment_id"]), item) for item in items]


def _classify_one(comment: Comment | None, item: dict) -> DecisionChange | None:
    change = DecisionChange(comment_id=item["comment_id"], where=item.get("where", ""), kind=CHANGE, comment=comment)
    if comment is None:
        change.kind, change.message = PROBLEM, _("There is no proposal #%(id)s on this draft.", id=item["comment_id"])
        return change
    new, base = dict(item["new"]), dict(item["base"])
    for values in (new, base):
        if "decision" in values:
            value = decision_value(values["decision"])
            if value is None:
                change.kind = PROBLEM
                change.message = _("„%(value)s“ is not a decision: write Pritarti, Pritarti iš dalies or Nepritarti.",
                                   value=values["decision"])
                return change
            values["decision"] = value
    current = {"decision": comment.decision.value if comment.decision else "", "reasons": comment.reasons or "",
               "lsa_text": comment.lsa_text or "", "lsa_wording": comment.lsa_wording or ""}
    for name in FIELDS:
        if name not in new or _normal(new[name]) == _normal(base.get(name)):
            continue  # not in the file, or as it was exported
        if _normal(new[name]) == _normal(current[name]):
            continue  # already so, whoever did it
        conflicting = _normal(current[name]) != _normal(base.get(name))
        change.fields.append(FieldChange(name, base.get(name) or "", current[name], new[name], conflicting))
    if not change.fields:
        return None
    if any(f.conflicting for f in change.fields):
        change.kind = CONFLICT
    if comment.merged_into_id:
        change.kind = PROBLEM
        change.message = _("#%(id)s was merged into #%(into)s meanwhile: decide on that one.",
                           id=comment.id, into=comment.merged_into_id)
        return change
    try:
        _check(comment, _payload(current, change))
    except Invalid as exc:
        change.kind, change.message = PROBLEM, exc.detail
    return change


def _payload(current: dict, change: DecisionChange) -> dict:
    """The decision service's payload: what is stored, with the file's changed values over it."""
    payload = dict(current)
    payload.update(change.values("new"))
    return payload


def _check(comment: Comment, payload: dict) -> None:
    """Refuse what the decision service would refuse, before anything is saved."""
    if not payload.get("decision"):
        raise Invalid(_("Choose a decision: a decision cannot be removed here, and reasons need one."))
    decision = Decision(payload["decision"])
    text_field(payload, "reasons", required=decision != Decision.ACCEPTED)
    consolidation.lsa_words(comment, decision, payload)


def confirm_decision_import(draft_id: int, user: User, items: object) -> DecisionImportResult:
    """Apply the changes the lawyer confirmed; a conflict only where the lawyer ticked it after seeing it.

    ``items``: dicts with ``comment_id``, ``new`` and ``base`` (the changed fields' values in the file and
    at export), ``apply`` (ticked) and ``seen_conflict`` (shown as a conflict in the preview). Everything is
    compared again with what is stored now: a value changed in the browser since the preview is a conflict
    the lawyer has not seen, and it is kept.
    """
    draft = _deciding(draft_id, user)
    if not isinstance(items, list) or len(items) > MAX_ITEMS or not all(
            isinstance(i, dict) and isinstance(i.get("new"), dict) and isinstance(i.get("base"), dict)
            and isinstance(i.get("comment_id"), int) for i in items):
        message = _("The rows of the table did not arrive: upload the file again.")
        raise Invalid(message, {"rows": message})
    result = DecisionImportResult()
    for item, change in zip(items, _classify(draft, items), strict=True):
        if change is None or (change.kind == CHANGE and not item.get("apply")):
            continue  # nothing to do, or a change the lawyer unticked
        if change.kind == PROBLEM:
            result.problems.append(change)
            continue
        if change.kind == CONFLICT and not (item.get("apply") and item.get("seen_conflict")):
            change.message = (_("Not ticked: kept as it is in Reviewflow.") if item.get("seen_conflict") else
                              _("Changed in Reviewflow after you looked at the file: kept as it is."))
            result.kept.append(change)
            continue
        current = {"decision": change.comment.decision.value if change.comment.decision else "",
                   "reasons": change.comment.reasons or "", "lsa_text": change.comment.lsa_text or "",
                   "lsa_wording": change.comment.lsa_wording or ""}
        try:
            consolidation.decide_comment(change.comment_id, user, _payload(current, change))
        except DomainError as exc:
            db.session.rollback()
            change.kind, change.message = PROBLEM, exc.detail
            result.problems.append(change)
        else:
            result.saved.append(change.comment_id)
    return result
