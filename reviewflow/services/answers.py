"""The initiator's answer to the proposals LSA sent: recorded by hand, or imported from the answer document."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from reviewflow.documents.answer_tables import AnswerRow, fold, provision_as_written, read_answer_table
from reviewflow.documents.answer_tables_pdf import read_answer_pdf
from reviewflow.errors import Conflict, Forbidden, Invalid
from reviewflow.extensions import db
from reviewflow.models import AuditEntry, Comment, Decision, Draft, DraftState, Municipality, User
from reviewflow.models.base import utcnow
from reviewflow.permissions import can_record_initiator_answer, can_see_initiator_answers
from reviewflow.services import outbox
from reviewflow.services.consolidation import Anchors
from reviewflow.services.consultation import get_comment_for
from reviewflow.services.drafts import get_draft_for
from reviewflow.services.outcome import notify_answers_recorded
from reviewflow.services.payload import enum_field, is_db_id, text_field


class InitiatorOutcome(enum.StrEnum):
    """What the initiator did with a proposal: Atsižvelgta / Iš dalies atsižvelgta / Neatsižvelgta."""

    TAKEN = "taken"
    PARTLY = "partly"
    NOT_TAKEN = "not_taken"


COUNT_KEYS = (*(o.value for o in InitiatorOutcome), "unanswered")
# A proposed match must agree on the provision or say much the same; below this the row is left unmatched.
MATCH_THRESHOLD = 0.5
_LSA_NAME = re.compile(r"\blietuvos savivaldybiu asociacij|\blsa\b")
_ARTICLE_NUMBERS = re.compile(r"\d+(?:\.\d+)*")


@dataclass
class Answers:
    """The proposals LSA sent on a draft, with the initiator's answers, and how many got each outcome;
    ``municipalities`` names, per proposal id, every municipality that proposed it (merged ones included)."""

    items: list[Comment]
    counts: dict[str, int]
    municipalities: dict[int, list[Municipality]] = field(default_factory=dict)


@dataclass
class ProposedMatch:
    """One LSA row of the answer document and the proposal it most likely answers (``comment`` None: none)."""

    row: int
    answer: AnswerRow
    comment: Comment | None = None
    score: float = 0.0


@dataclass
class ImportPreview:
    """What an answer document would record; nothing is saved until the lawyer confirms."""

    source: str
    matches: list[ProposedMatch] = field(default_factory=list)
    unmatched: list[ProposedMatch] = field(default_factory=list)
    other_rows: int = 0  # rows of other proposers (ministries, municipalities), left out


def sent_proposals(draft: Draft) -> list[Comment]:
    """Top-level proposals LSA accepted (fully or partly) on a sent draft, in table order; empty before sending."""
    if draft.state != DraftState.SENT:
        return []
    query = (select(Comment)
             .where(Comment.draft_id == draft.id, Comment.merged_into_id.is_(None),
                    Comment.decision.in_([Decision.ACCEPTED, Decision.PARTLY_ACCEPTED]))
             .options(selectinload(Comment.provision))
             .order_by(Comment.created_at, Comment.id))
    # The consolidation table's order (general comments first), kept within a provision by the stable sort.
    return sorted(db.session.scalars(query), key=Anchors(draft.id).order)


def provision_text(comment: Comment) -> str:
    """The provision as people read it: the anchor's label, else the typed numbers ("5 str. 2 d.")."""
    if comment.provision is not None:
        return comment.provision.label
    return provision_as_written(comment.article or "", comment.part or "", comment.point or "")


def answers_for(draft_id: int, user: User) -> Answers:
    """Per proposal LSA sent, what LSA asked and what the initiator answered; counts per outcome."""
    draft = get_draft_for(draft_id, user)
    if not can_see_initiator_answers(user, draft):
        raise Forbidden(_("The initiator's answers are kept by LSA's lawyers."))
    items = sent_proposals(draft)
    counts = dict.fromkeys(COUNT_KEYS, 0)
    for comment in items:
        counts[comment.initiator_outcome or "unanswered"] += 1
    return Answers(items=items, counts=counts, municipalities=proposing_municipalities(items))


def proposing_municipalities(proposals: list[Comment]) -> dict[int, list[Municipality]]:
    """Per proposal, the municipalities whose comments it stands for: its own and those merged into it, each
    once, in Lithuanian alphabetical order (one query however many proposals)."""
    ids = [c.id for c in proposals]
    if not ids:
        return {}
    rows = db.session.execute(
        select(func.coalesce(Comment.merged_into_id, Comment.id), Municipality)
        .join(Municipality, Municipality.id == Comment.municipality_id)
        .where(or_(Comment.id.in_(ids), Comment.merged_into_id.in_(ids)))
        .order_by(Municipality.sort_key)
    ).all()
    result: dict[int, list[Municipality]] = {i: [] for i in ids}
    for proposal_id, municipality in rows:
        if municipality not in result[proposal_id]:
            result[proposal_id].append(municipality)
    return result


def _answerable_draft(draft_id: int, user: User, *, lock: bool = False) -> Draft:
    draft = get_draft_for(draft_id, user, lock=lock)
    _check_may_record(user, draft)
    return draft


def _check_may_record(user: User, draft: Draft) -> None:
    if not can_see_initiator_answers(user, draft):
        raise Forbidden(_("Only LSA's lawyers record the initiator's answer."))
    if not can_record_initiator_answer(user, draft):
        raise Conflict(_("The initiator's answer is recorded once LSA's letter is sent."))


def _write_answer(comment: Comment, user: User, outcome: InitiatorOutcome, arguments: str | None,
                  source: str | None) -> None:
    """Set the answer on the proposal and on the comments merged into it (their proposers hear it too)."""
    now = utcnow()
    merged = db.session.scalars(select(Comment).where(Comment.merged_into_id == comment.id)).all()
    for target in (comment, *merged):
        target.initiator_outcome = outcome.value
        target.initiator_arguments = arguments
        target.initiator_source = source
        target.initiator_recorded_by_id = user.id
        target.initiator_recorded_at = now


def record_answer(comment_id: int, user: User, payload: dict) -> Comment:
    """Record the initiator's answer to one proposal LSA sent: ``outcome``, ``arguments``, ``source``."""
    comment, draft = get_comment_for(comment_id, user)
    _check_may_record(user, draft)
    if comment not in sent_proposals(draft):
        raise Conflict(_("Only proposals LSA sent (accepted, not merged into another) get the initiator's answer."))
    outcome = enum_field(payload, "outcome", InitiatorOutcome)
    arguments = text_field(payload, "arguments", required=False)
    source = text_field(payload, "source", required=False, max_length=300)
    _write_answer(comment, user, outcome, arguments, source)
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="record_initiator_answer",
                              payload={"comment_id": comment.id, "outcome": outcome.value, "source": source}))
    notify_answers_recorded(draft, [comment.id])
    outbox.commit()
    return comment


def is_lsa(proposer: str) -> bool:
    """Whether a proposer cell names LSA ("Lietuvos savivaldybių asociacija", "LSA"), in any case or spelling."""
    return bool(_LSA_NAME.search(fold(proposer)))


def import_answers(draft_id: int, user: User, filename: str, data: bytes) -> ImportPreview:
    """Read the answer document and propose, for each of LSA's rows, the proposal it answers; saves nothing."""
    draft = _answerable_draft(draft_id, user)
    name = (filename or "").strip()
    if name.lower().endswith(".docx"):
        rows = read_answer_table(data)
    elif name.lower().endswith(".pdf") and data.startswith(b"%PDF"):
        rows = read_answer_pdf(data)  # a PDF with a text layer; a scan has no table to find
    else:
        message = _("Upload the answer document as a Word file (.docx) or a PDF with a text layer.")
        raise Invalid(message, {"file": message})
    preview = ImportPreview(source=name[:300])
    lsa_rows = [ProposedMatch(row=index, answer=row) for index, row in enumerate(rows, start=1)
                if is_lsa(row.proposer)]
    preview.other_rows = len(rows) - len(lsa_rows)
    _match(lsa_rows, sent_proposals(draft))
    preview.matches = [m for m in lsa_rows if m.comment is not None]
    preview.unmatched = [m for m in lsa_rows if m.comment is None]
    return preview


def _match(rows: list[ProposedMatch], proposals: list[Comment]) -> None:
    """Pair rows and proposals, best score first, each at most once."""
    scored = sorted(((match_score(m.answer, c), i, j) for i, m in enumerate(rows) for j, c in enumerate(proposals)),
                    key=lambda item: (-item[0], item[1], item[2]))
    taken_rows: set[int] = set()
    taken_proposals: set[int] = set()
    for score, i, j in scored:
        if score < MATCH_THRESHOLD or i in taken_rows or j in taken_proposals:
            continue
        rows[i].comment, rows[i].score = proposals[j], round(score, 3)
        taken_rows.add(i)
        taken_proposals.add(j)


def match_score(row: AnswerRow, comment: Comment) -> float:
    """From 0 to 1: half how well the provision agrees, half how alike the texts are."""
    return 0.5 * _provision_score(row, comment) + 0.5 * text_similarity(row.proposal, _lsa_words(comment))


def _lsa_words(comment: Comment) -> list[str]:
    text = comment.lsa_text or comment.text or ""
    wording = comment.lsa_wording or comment.proposed_wording or ""
    return [t for t in (text, wording, f"{text} {wording}".strip()) if t]


def _provision_score(row: AnswerRow, comment: Comment) -> float:
    """1 when article (and part, point where both say them) agree, 0 when the articles differ, ½ when unknown.

    A Seimas table writes an amending law's article with the amended one in brackets ("1 (5)"), so both
    numbers count; a comment's article counts with its anchor's scope ("1 str.") for the same reason.
    """
    row_articles = set(_ARTICLE_NUMBERS.findall(row.article))
    if not row_articles:
        return 0.5
    provision = comment.provision
    own = {comment.article or (provision.article if provision else None)}
    if provision is not None and provision.scope:
        own.update(_ARTICLE_NUMBERS.findall(provision.scope))
    own.discard(None)
    if not own:
        return 0.5
    if not row_articles & own:
        return 0.0
    score = 1.0
    for written, mine, penalty in ((row.part, comment.part, 0.5), (row.point, comment.point, 0.25)):
        numbers = set(_ARTICLE_NUMBERS.findall(written))
        if numbers and mine and mine not in numbers:
            score -= penalty
    return score


def text_similarity(proposal: str, lsa_words: list[str]) -> float:
    """How alike the row's text is to LSA's words, word by word (the best of LSA's text, wording, both).

    difflib from the standard library: no dependency to keep, and proposals are a few hundred words, so its
    quadratic worst case costs nothing here; comparing words rather than letters keeps inflections and
    quotes from inflating the likeness of unrelated sentences.
    """
    words = _words(proposal)
    if not words:
        return 0.0
    return max((SequenceMatcher(None, words, _words(text), autojunk=False).ratio() for text in lsa_words),
               default=0.0)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def confirm_import(draft_id: int, user: User, matches: object, source: str | None = None) -> list[Comment]:
    """Save the pairs the lawyer confirmed or corrected (``row``, ``comment_id``, ``outcome``, ``arguments``).

    Each pair may name its ``source`` document; otherwise ``source`` applies. One commit, one audit entry.
    """
    draft = _answerable_draft(draft_id, user, lock=True)
    if not isinstance(matches, list) or not matches:
        message = _("Confirm at least one row with the proposal it answers.")
        raise Invalid(message, {"matches": message})
    proposals = {c.id: c for c in sent_proposals(draft)}
    source = text_field({"source": source}, "source", required=False, max_length=300)
    pairs: list[tuple[Comment, InitiatorOutcome, str | None, object, str | None]] = []
    for index, item in enumerate(matches):
        key = f"matches[{index}]"
        if not isinstance(item, dict):
            raise Invalid(_("Each match is an object."), {key: _("Each match is an object.")})
        comment = proposals.get(item.get("comment_id")) if is_db_id(item.get("comment_id")) else None
        if comment is None:
            message = _("Choose one of the proposals LSA sent on this draft.")
            raise Invalid(message, {f"{key}.comment_id": message})
        if any(comment is other for other, *_rest in pairs):
            message = _("A proposal can be answered by one row only.")
            raise Invalid(message, {f"{key}.comment_id": message})
        try:
            outcome = enum_field(item, "outcome", InitiatorOutcome)
            arguments = text_field(item, "arguments", required=False)
            item_source = text_field(item, "source", required=False, max_length=300) or source
        except Invalid as exc:
            raise Invalid(exc.detail, {f"{key}.{name}": text for name, text in exc.errors.items()}) from None
        row = item.get("row") if is_db_id(item.get("row")) else None
        pairs.append((comment, outcome, arguments, row, item_source))
    for comment, outcome, arguments, _row, item_source in pairs:
        _write_answer(comment, user, outcome, arguments, item_source)
    sources = sorted({s for *_rest, s in pairs if s})
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="import_initiator_answers", payload={
        "source": sources[0] if len(sources) == 1 else (sources or None),
        "answers": [{"row": row, "comment_id": c.id, "outcome": o.value} for c, o, _a, row, _s in pairs]}))
    notify_answers_recorded(draft, [comment.id for comment, *_rest in pairs])  # one notice for the whole import
    outbox.commit()
    return [comment for comment, *_rest in pairs]
