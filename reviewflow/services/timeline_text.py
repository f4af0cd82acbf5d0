"""A draft's record in words people use: each audit entry as a past-tense sentence naming its object.

The names the sentences need (municipalities, provisions, lawyers, committees, signatories) are loaded for
the whole timeline at once with one query (:func:`load_names`); :func:`entry_text` is then pure.
Sentences are made at read time in the reader's language, so entries written long ago read in Lithuanian
or English alike. Warnings are stored as codes for the same reason (:func:`warning_text`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import Integer, String, cast, literal, null, or_, select, union_all

from reviewflow.documents.answer_tables import provision_as_written
from reviewflow.extensions import db
from reviewflow.models import AuditEntry, Comment, Committee, Municipality, Provision, Signatory, User


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated when the sentence is made."""
    return message


# The same msgids as the labels on the forms, so their translations are shared.
STANCE_TEXT = {"supports": N_("Supports"), "supports_with_remarks": N_("Supports with remarks"),
               "objects": N_("Objects")}
SENT_VIA_TEXT = {"e_delivery": N_("E-delivery (e. pristatymas)"), "email": N_("E-mail"), "post": N_("Post"),
                 "other": N_("Other")}
OUTCOME_TEXT = {"taken": N_("Taken into account"), "partly": N_("Partly taken into account"),
                "not_taken": N_("Not taken into account")}
DECISION_TEXT = {
    "accepted": N_("Accepted the proposal of %(whose)s on %(provision)s"),
    "partly_accepted": N_("Partly accepted the proposal of %(whose)s on %(provision)s"),
    "rejected": N_("Rejected the proposal of %(whose)s on %(provision)s"),
}
# Draft.deadline_warning and the register entry keep this code, not a sentence: it is read in any language.
SHORT_DEADLINE = "short_reply_deadline"


@dataclass(frozen=True)
class CommentNames:
    """Whose a proposal is and which provision it is on."""

    whose: str | None  # the municipality's short name; None for a proposal of LSA's own
    provision: str | None  # the provision's label, or the numbers as typed; None for the draft as a whole
    # The same provision in the genitive, as Lithuanian sentences need it after "dėl" ("3 straipsnio 2 dalies");
    # None where it has no case form of its own (numbers typed as "3 str. 2 d.").
    genitive: str | None = None


@dataclass
class TimelineNames:
    """The names a timeline's sentences need, loaded once for all its entries."""

    comments: dict[int, CommentNames] = field(default_factory=dict)
    municipalities_by_code: dict[str, str] = field(default_factory=dict)
    municipalities_by_id: dict[int, str] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)  # e-mail -> name
    committees: dict[str, str] = field(default_factory=dict)  # code -> "LSA IVPK"
    signatories: dict[int, str] = field(default_factory=dict)


def _comment_ids(entry: AuditEntry) -> list[int]:
    """The comments an entry names (one, or the proposal a merge kept)."""
    payload = entry.payload or {}
    ids = [payload.get("comment_id"), payload.get("into")]
    return [i for i in ids if isinstance(i, int)]


def _name_row(kind: str, num, key, a, b=None, c=None, d=None, e=None):
    """One kind's part of the names statement: eight columns, each labelled, so that SQLAlchemy keeps every
    one (a select repeating one unlabelled NULL column would de-duplicate it and the rows would come out short)."""
    def column(value, name, kind_of=String):
        return (value if value is not None else cast(null(), kind_of)).label(name)
    return select(literal(kind).label("kind"), column(num, "num", Integer), column(key, "key"), column(a, "a"),
                  column(b, "b"), column(c, "c"), column(d, "d"), column(e, "e"))


def load_names(entries: Iterable[AuditEntry]) -> TimelineNames:
    """Everything the sentences of ``entries`` name, in one statement (never one per entry or per kind)."""
    entries = list(entries)
    names = TimelineNames()
    comment_ids: set[int] = set()
    signatory_ids: set[int] = set()
    municipality_ids: set[int] = set()
    codes: set[str] = set()
    emails: set[str] = set()
    committee_codes: set[str] = set()
    for entry in entries:
        payload = entry.payload or {}
        comment_ids.update(_comment_ids(entry))
        if isinstance(payload.get("municipality"), str):
            codes.add(payload["municipality"])
        for part in (payload, payload.get("after"), payload.get("before")):
            if isinstance(part, dict):
                if isinstance(part.get("lawyer"), str):
                    emails.add(part["lawyer"])
                if isinstance(part.get("committee"), str):
                    committee_codes.add(part["committee"])
        if entry.action == "set_signatory" and isinstance(payload.get("after"), int):
            signatory_ids.add(payload["after"])
        if entry.action in ("no_comments", "submit_answer") and entry.actor is not None \
                and entry.actor.municipality_id is not None:
            municipality_ids.add(entry.actor.municipality_id)
    parts = []
    if comment_ids:
        parts.append(
            _name_row("c", Comment.id, Provision.citation, Municipality.short_name, Provision.label, Comment.article,
                      Comment.part, Comment.point)
            .outerjoin(Municipality, Municipality.id == Comment.municipality_id)
            .outerjoin(Provision, Provision.id == Comment.provision_id)
            .where(Comment.id.in_(comment_ids)))
    if codes or municipality_ids:
        parts.append(_name_row("m", Municipality.id, Municipality.iso_code, Municipality.short_name)
                     .where(or_(Municipality.iso_code.in_(codes), Municipality.id.in_(municipality_ids))))
    if emails:
        parts.append(_name_row("u", None, User.email, User.name).where(User.email.in_(emails)))
    if committee_codes:
        parts.append(_name_row("k", None, Committee.code, None).where(Committee.code.in_(committee_codes)))
    if signatory_ids:
        parts.append(_name_row("s", Signatory.id, None, Signatory.name).where(Signatory.id.in_(signatory_ids)))
    if not parts:
        return names
    # Every kind of name in one statement (a UNION ALL), not one look-up per kind.
    for kind, num, key, a, b, c, d, e in db.session.execute(union_all(*parts) if len(parts) > 1 else parts[0]):
        if kind == "c":
            written = provision_as_written(c or "", d or "", e or "")
            names.comments[num] = CommentNames(a, b or written or None, _genitive(key) if b else None)
        elif kind == "m":
            names.municipalities_by_code[key] = names.municipalities_by_id[num] = a
        elif kind == "u":
            names.users[key] = a
        elif kind == "k":
            names.committees[key] = f"LSA {key}"
        else:
            names.signatories[num] = a
    return names


def _genitive(citation: str | None) -> str | None:
    """The provision in the genitive, as the letter names it after "Dėl" (the anchor's citation, which the
    structure reader builds with the letter's :func:`~reviewflow.documents.provision_phrases.provision_label`),
    without the letter's leading "Projekto". Numbers typed by hand are shown as written ("3 str. 2 d."),
    which reads right in any case."""
    if citation:
        return citation.removeprefix("Projekto ").strip() or None
    return None


def _proposal(payload: dict, names: TimelineNames, key: str = "comment_id") -> CommentNames | None:
    value = payload.get(key)
    return names.comments.get(value) if isinstance(value, int) else None


def _whose(known: CommentNames) -> str:
    return known.whose or _("LSA")


def _on(known: CommentNames | None) -> str:
    """The provision a proposal is on, or "the draft as a whole".

    Every Lithuanian sentence puts it after "dėl", which governs the genitive ("dėl 3 straipsnio 2 dalies");
    the English ones keep the label as people see it.
    """
    if known is not None and known.provision:
        if known.genitive and str(get_locale() or "").startswith("lt"):
            return known.genitive
        return known.provision
    return _("the draft as a whole")


def _count(value: object) -> int:
    return len(value) if isinstance(value, list | dict) else (value if isinstance(value, int) else 0)


def _lifecycle_text(entry: AuditEntry, payload: dict, names: TimelineNames) -> str | None:
    """The lifecycle steps (the transitions of the workflow table, and reassigning)."""
    action = entry.action
    if action in ("assign", "reassign"):
        after = payload.get("after") if action == "reassign" else payload
        after = after if isinstance(after, dict) else {}
        email = after.get("lawyer")
        lawyer = names.users.get(email, email) if isinstance(email, str) else None
        committee = after.get("committee")
        text = (_("Responsible lawyer assigned: %(lawyer)s", lawyer=lawyer) if action == "assign"
                else _("Responsible lawyer changed to %(lawyer)s", lawyer=lawyer)) if lawyer else \
            _("Assignment changed")
        if isinstance(committee, str):
            text += "; " + _("committee: %(committee)s", committee=names.committees.get(committee, committee))
        return text
    if action == "open_consultation":
        text = _("Municipal consultation opened (municipalities: %(count)d), comments due by %(date)s",
                 count=_count(payload.get("municipalities")), date=payload.get("comment_deadline", ""))
        if payload.get("scope") == "changed":
            text += "; " + _("only the changed provisions")
        return text
    if action == "close_consultation":
        submitted = _count(payload.get("answers_submitted"))  # those the closing itself submitted
        if "answers_received" not in payload:  # entries written before the total was recorded
            return _("Municipal consultation closed (answers received: %(count)d)", count=submitted)
        text = _("Municipal consultation closed (answers received: %(count)d)",
                 count=_count(payload["answers_received"]))
        if submitted:
            text += "; " + _("%(count)d of them submitted at closing with the comments entered", count=submitted)
        return text
    if action == "send_to_committee":
        code = payload.get("committee")
        return _("Sent to committee %(committee)s", committee=names.committees.get(code, code or ""))
    if action == "give_opinion":
        stance = payload.get("opinion")
        return _("Committee opinion given: %(opinion)s (meeting of %(date)s)",
                 opinion=_(STANCE_TEXT[stance]) if stance in STANCE_TEXT else stance,
                 date=payload.get("meeting_date", ""))
    if action == "approve":
        return _("Position approved by the board: decision %(number)s of %(date)s",
                 number=payload.get("decision_number", ""), date=payload.get("decision_date", ""))
    if action == "mark_sent":
        via = payload.get("sent_via")
        text = _("Letter sent on %(date)s", date=payload.get("sent_date", ""))
        return f"{text} ({_(SENT_VIA_TEXT[via])})" if via in SENT_VIA_TEXT else text
    fixed = {
        "skip_consultation": N_("Municipal consultation skipped"),
        "skip_committee": N_("Committee skipped, sent to the board"),
        "return_for_revision": N_("Returned for revision"),
        "withdraw": N_("Draft withdrawn"),
    }
    return _(fixed[action]) if action in fixed else None


def _comment_text(entry: AuditEntry, payload: dict, names: TimelineNames) -> str | None:
    """Comments, proposals and decisions on them."""
    action, known = entry.action, _proposal(payload, names)
    if action in ("add_comment", "edit_comment"):
        if known is None:
            return _("Comment entered") if action == "add_comment" else _("Comment changed")
        # Entered, not submitted: the municipality submits its answer as a step of its own (submit_answer), or
        # the closing of the consultation submits what was entered (close_consultation).
        message = N_("Comment of %(whose)s on %(provision)s entered") if action == "add_comment" \
            else N_("Comment of %(whose)s on %(provision)s changed")
        return _(message, whose=_whose(known), provision=_on(known))
    if action == "decide_comment" and payload.get("decision") in DECISION_TEXT:
        if known is None:
            return _("Decision on a comment")
        return _(DECISION_TEXT[payload["decision"]], whose=_whose(known), provision=_on(known))
    if action == "add_lsa_proposal":
        return _("LSA's own proposal on %(provision)s added", provision=_on(known))
    if action == "edit_lsa_words":
        return _("LSA's words for the proposal on %(provision)s changed", provision=_on(known))
    if action == "merge_comments":
        into = _proposal(payload, names, "into")
        return _("%(count)d proposals on %(provision)s merged", count=_count(payload.get("merged")) + 1,
                 provision=_on(into))
    if action == "unmerge_comment":
        if known is None:
            return _("Proposal unmerged")
        return _("Proposal of %(whose)s on %(provision)s separated", whose=_whose(known), provision=_on(known))
    if action == "record_initiator_answer":
        outcome = payload.get("outcome")
        return _("Initiator's answer to the proposal on %(provision)s recorded: %(outcome)s", provision=_on(known),
                 outcome=_(OUTCOME_TEXT[outcome]) if outcome in OUTCOME_TEXT else outcome)
    if action == "import_initiator_answers":
        return _("Initiator's answers imported (proposals: %(count)d)", count=_count(payload.get("answers")))
    if action == "carry_over_comments":
        return _("Comments carried over from the previous revision (%(count)d)",
                 count=_count(payload.get("comments")))
    fixed = {"delete_comment": N_("A comment deleted"), "delete_lsa_proposal": N_("LSA's own proposal removed")}
    return _(fixed[action]) if action in fixed else None


def _answer_text(entry: AuditEntry, payload: dict, names: TimelineNames) -> str | None:
    """A municipality's answer and its deadline."""
    action = entry.action
    own = names.municipalities_by_id.get(entry.actor.municipality_id) if entry.actor is not None else None
    if action == "no_comments":
        return _("%(municipality)s answered: no comments", municipality=own) if own else \
            _("Answered: no comments")
    if action == "submit_answer":
        count = _count(payload.get("comments"))
        return _("%(municipality)s submitted its answer (comments: %(count)d)", municipality=own, count=count) \
            if own else _("Answer submitted (comments: %(count)d)", count=count)
    if action == "extend_deadline":
        code = payload.get("municipality")
        return _("Deadline extended for %(municipality)s until %(date)s",
                 municipality=names.municipalities_by_code.get(code, code or ""), date=payload.get("to", ""))
    return None


def _record_text(entry: AuditEntry, payload: dict, names: TimelineNames) -> str | None:
    """Registering, files and the letter."""
    action = entry.action
    if action == "register":
        text = _("Draft %(number)s registered", number=payload.get("number", ""))
        return text + "; " + _("a new revision") if payload.get("previous_revision_id") else text
    if action == "attach_file":
        return _("File attached: %(name)s", name=payload.get("name", ""))
    if action == "regenerate_letter":
        return _("Letter version %(version)s made", version=payload.get("version", ""))
    if action == "set_letter_subject":
        return _("Letter subject corrected")
    if action == "set_signatory":
        after = payload.get("after")
        if after is None:
            return _("Signatory cleared: the default signatory signs")
        return _("Signatory chosen: %(name)s", name=names.signatories.get(after, after))
    if action == "upload_signed_letter":
        signer = payload.get("signer")
        text = _("Signed letter version %(version)s uploaded", version=payload.get("version", ""))
        return text + "; " + _("signed by %(name)s", name=signer) if signer else text
    if action == "save_position":
        stance = payload.get("stance")
        return _("LSA's position saved (version %(version)s): %(stance)s", version=payload.get("version", ""),
                 stance=_(STANCE_TEXT[stance]) if stance in STANCE_TEXT else stance)
    return None


def entry_text(entry: AuditEntry, names: TimelineNames) -> str | None:
    """The entry as a past-tense sentence in the reader's language; None for an action it does not know."""
    payload = entry.payload if isinstance(entry.payload, dict) else {}
    for make in (_lifecycle_text, _comment_text, _answer_text, _record_text):
        text = make(entry, payload, names)
        if text is not None:
            return text
    return None


def timeline_texts(entries: Iterable[AuditEntry]) -> dict[int, str]:
    """Each known entry's sentence by its id (names loaded once for all)."""
    entries = list(entries)
    names = load_names(entries)
    texts = {entry.id: entry_text(entry, names) for entry in entries}
    return {key: value for key, value in texts.items() if value is not None}


def short_deadline_code(given: int, usual: int) -> str:
    """What Draft.deadline_warning keeps for a reply period shorter than usual."""
    return f"{SHORT_DEADLINE}:{given}:{usual}"


def warning_text(stored: str | None) -> str | None:
    """A stored warning in the reader's language (a warning kept as a sentence before codes is shown as is)."""
    if not stored:
        return None
    kind, _sep, rest = stored.partition(":")
    if kind == SHORT_DEADLINE:
        try:
            given, usual = (int(x) for x in rest.split(":"))
        except ValueError:
            return stored
        return _("The stated reply deadline gives %(given)d working day(s), shorter than the usual %(usual)d.",
                 given=given, usual=usual)
    return stored
