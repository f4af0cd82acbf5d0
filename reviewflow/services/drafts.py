"""Registering drafts, their files and structure, and loading a draft for a given person."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from reviewflow import calendar
from reviewflow.documents.structure import ExtractedText, extract_structure
from reviewflow.documents.titles import normal_case
from reviewflow.errors import Conflict, Forbidden, Invalid, NotFound
from reviewflow.extensions import db
from reviewflow.models import (
    AuditEntry,
    Comment,
    Draft,
    DraftFile,
    DraftKind,
    Institution,
    Invitation,
    Provision,
    Signatory,
    User,
)
from reviewflow.permissions import (
    can_edit_letter_requisites,
    can_register_draft,
    draft_visibility,
    early_refusal,
    is_lsa_staff,
)
from reviewflow.services import files
from reviewflow.services.draft_numbers import (
    DuplicateDraft,
    SameIncomingLetter,
    parse_draft_number,
    previous_revision_for,
    registered_as,
    same_incoming_letter,
)
from reviewflow.services.payload import date_field, enum_field, is_db_id, text_field
from reviewflow.services.timeline_text import short_deadline_code
from reviewflow.text import clean_text

FILE_ROLES = ("draft_text", "explanatory_note", "other")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass
class RegisteredDraft:
    """The new draft, the warning if its stated deadline is shorter than usual, the earlier revision it
    was linked to, what reading its text warned about (a PDF scan: comments will be general), and another draft
    registered with the same incoming letter of the institution."""

    draft: Draft
    warning: str | None
    previous: Draft | None = None
    structure_warning: str | None = None
    same_letter: Draft | None = None


def default_reply_deadline(received: date) -> date:
    """N working days after receipt on the Lithuanian calendar (N from configuration)."""
    return calendar.add_working_days(received, current_app.config["DEFAULT_REPLY_WORKING_DAYS"])


def _institution(name: object) -> Institution:
    institution = None
    if isinstance(name, str):
        institution = db.session.scalar(select(Institution).where(Institution.name_lt == name.strip()))
    if institution is None:
        message = _("Unknown institution %(name)r: use its Lithuanian name from the list.", name=name)
        raise Invalid(message, {"institution": message})
    return institution


def register_draft(payload: dict, user: User, uploads: Iterable[tuple[str, str, bytes]] = (), *,
                   confirm_same_letter: bool = False) -> RegisteredDraft:
    """Record an incoming draft with its files ``(role, filename, bytes)``: all or nothing.

    The institution's letter already registered with another draft is told either way: with
    ``confirm_same_letter`` (the page, before the person confirms) as :class:`SameIncomingLetter`, else on the
    result (``same_letter``, the API's warning field); one letter may bring two drafts, so it is never refused.
    """
    if not can_register_draft(user):
        raise Forbidden(_("Only LSA lawyers and administrators register drafts."))
    # The heading is often pasted in capitals: keep it in normal case, as the letter cites it.
    title = normal_case(text_field(payload, "title", max_length=2000))
    raw_number = text_field(payload, "number", max_length=80)
    parsed = parse_draft_number(raw_number)
    existing = registered_as(parsed)
    if existing is not None and payload.get("allow_duplicate") is not True:
        raise DuplicateDraft(existing)
    previous = previous_revision_for(parsed, payload.get("revision_of"))
    kind = enum_field(payload, "kind", DraftKind)
    institution = _institution(payload.get("institution"))
    letter_number = text_field(payload, "incoming_letter_number", max_length=80)
    letter_date = date_field(payload, "incoming_letter_date")
    received = date_field(payload, "received_date")
    stated = date_field(payload, "reply_deadline", required=False)
    if letter_date > received:
        message = _("The incoming letter cannot be dated after the day it was received.")
        raise Invalid(message, {"incoming_letter_date": message})
    default = default_reply_deadline(received)
    deadline = stated or default
    if deadline < received:
        message = _("The reply deadline cannot be before the received date.")
        raise Invalid(message, {"reply_deadline": message})
    warning = None
    if stated and stated < default:
        given = calendar.working_days_between(received, stated)
        usual = current_app.config["DEFAULT_REPLY_WORKING_DAYS"]
        warning = short_deadline_code(given, usual)  # a code, shown in the reader's language (timeline_text)
    tais_url = text_field(payload, "tais_url", required=False, max_length=500)
    related_act = text_field(payload, "related_act", required=False, max_length=300)
    checked = [check_upload(role, filename, data) for role, filename, data in uploads]
    same_letter = same_incoming_letter(institution.id, letter_number, parsed.number)
    if same_letter is not None and confirm_same_letter:
        raise SameIncomingLetter(same_letter)  # asked last: a warning only for an otherwise valid draft
    draft = Draft(
        title=title, number_raw=parsed.raw, number=parsed.number, revision=parsed.revision,
        kind=kind, institution=institution, incoming_letter_number=letter_number,
        incoming_letter_date=letter_date, received_date=received, reply_deadline=deadline,
        deadline_warning=warning,
        tais_url=tais_url, related_act=related_act, registered_by_id=user.id,
        previous_revision_id=previous.id if previous else None,
    )
    db.session.add(draft)
    db.session.flush()
    db.session.add(AuditEntry(
        draft_id=draft.id, actor_id=user.id, action="register", to_state=draft.state.value,
        payload={"number": parsed.raw, "reply_deadline": deadline.isoformat(),
                 **({"warning": warning} if warning else {}),
                 **({"previous_revision_id": previous.id} if previous else {})},
    ))
    stored: list[str] = []
    try:
        records = [_add_file(draft, user, upload, Path(current_app.config["UPLOAD_FOLDER"]), stored)
                   for upload in checked]
    except Exception:
        _discard(stored)
        raise
    _commit_or_clean(stored)
    structure_warning = next((r.structure_warning for r in records if r.structure_warning), None)
    return RegisteredDraft(draft, warning, previous, structure_warning, same_letter)


def invitation_for(draft_id: int, municipality_id: int | None) -> Invitation | None:
    """The invitation of ``municipality_id`` to comment on the draft, if any."""
    if municipality_id is None:
        return None
    return db.session.scalar(select(Invitation).where(
        Invitation.draft_id == draft_id, Invitation.municipality_id == municipality_id
    ))


def get_draft_for(draft_id: int, user: User, *, lock: bool = False) -> Draft:
    """The draft, if ``user`` may see it; otherwise :class:`NotFound` (its existence is not told)."""
    query = select(Draft).where(Draft.id == draft_id, draft_visibility(user))
    if lock:
        query = query.with_for_update(of=Draft)
    else:
        # Pages show the institution, committee and files: loaded with the draft, not one by one.
        query = query.options(joinedload(Draft.institution), joinedload(Draft.committee),
                              joinedload(Draft.files))
    draft = db.session.scalars(query).unique().first()
    if draft is None:
        hidden = db.session.get(Draft, draft_id) if user.is_authenticated else None
        refusal = early_refusal(user, hidden) if hidden is not None else None
        if refusal:  # the draft's committee or the board before their stage: told why and when (permissions)
            raise Forbidden(refusal)
        raise NotFound(_("No such draft."))
    return draft


@dataclass
class Upload:
    """A file checked by content and ready to store: its kind and its structure (DOCX or PDF)."""

    role: str
    filename: str
    data: bytes
    kind: str
    extracted: ExtractedText | None


def check_upload(role: str, filename: str, data: bytes) -> Upload:
    """Validate a file before anything is written; errors name the file's role as the field."""
    if role not in FILE_ROLES:
        message = _("File role must be one of %(roles)s.", roles=", ".join(FILE_ROLES))
        raise Invalid(message, {"role": message})
    try:
        kind = files.validate_upload(filename, data, current_app.config["MAX_UPLOAD_BYTES"])
        extracted = extract_structure(data)  # a DOCX or a PDF; a PDF scan comes back with a warning
    except Invalid as exc:
        raise Invalid(exc.detail, {role: exc.detail, **exc.errors}) from None
    return Upload(role, filename, data, kind, extracted)


def _add_file(draft: Draft, user: User, upload: Upload, folder: Path, stored: list[str]) -> DraftFile:
    """Store the bytes and add the rows (no commit); ``stored`` collects names to delete on failure."""
    name = files.store_file(folder, upload.data, "." + upload.kind)
    stored.append(name)
    record = DraftFile(
        draft_id=draft.id, role=upload.role, original_name=files.safe_display_name(upload.filename),
        stored_name=name, content_type=CONTENT_TYPES[upload.kind], size=len(upload.data),
        sha256=hashlib.sha256(upload.data).hexdigest(),
        extracted_text=upload.extracted.text if upload.extracted else None, uploaded_by_id=user.id,
    )
    db.session.add(record)
    # Set on the instance only, so the view can tell the lawyer why a scanned draft offers no provisions.
    record.structure_warning = upload.extracted.warning if upload.extracted and upload.role == "draft_text" else None
    if upload.extracted and upload.role == "draft_text" and not upload.extracted.warning:
        # The latest draft text defines the anchors; earlier ones are replaced. A scan has none, so it
        # leaves the anchors of a readable copy of the same draft in place.
        # Comments already made keep their anchor: they follow the new provision with the same label, or
        # stand as typed (article / part / point) when the new text has none. Deleting a provision a comment
        # still points at would break the foreign key (PostgreSQL refuses it).
        commented = list(db.session.scalars(
            select(Comment).where(Comment.draft_id == draft.id, Comment.provision_id.is_not(None))
        ))
        old_labels = {p.id: p.label for p in draft.provisions}
        before = {comment.id: comment.provision_id for comment in commented}
        for comment in commented:
            comment.provision_id = None
        db.session.flush()
        for old in list(draft.provisions):
            db.session.delete(old)
        db.session.flush()
        new_by_label: dict[str, Provision] = {}
        for anchor in upload.extracted.anchors:
            provision = Provision(
                draft_id=draft.id, position=anchor.position, article=anchor.article,
                part=anchor.part, point=anchor.point, label=anchor.label[:300], text=anchor.text[:4000],
                scope=anchor.scope, citation=anchor.citation[:400] or None, short=anchor.short[:120] or None,
                depth=anchor.depth,
            )
            db.session.add(provision)
            new_by_label.setdefault(provision.label, provision)
        db.session.flush()
        for comment in commented:
            match = new_by_label.get(old_labels.get(before[comment.id], ""))
            comment.provision_id = match.id if match is not None else None
    db.session.flush()
    db.session.add(AuditEntry(
        draft_id=draft.id, actor_id=user.id, action="attach_file",
        payload={"file_id": record.id, "role": upload.role, "name": record.original_name},
    ))
    return record


def _commit_or_clean(stored: list[str]) -> None:
    """Commit; on any failure roll back and delete the files already written."""
    try:
        db.session.commit()
    except Exception:
        _discard(stored)
        raise


def _discard(stored: list[str]) -> None:
    db.session.rollback()
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    for name in stored:
        files.delete_stored(folder, name)  # nothing half-written stays behind


def attach_file(draft_id: int, user: User, role: str, filename: str, data: bytes) -> DraftFile:
    """Store a DOCX or PDF for the draft (checked by content); a DOCX's structure becomes anchors."""
    draft = get_draft_for(draft_id, user)
    if not is_lsa_staff(user):
        raise Forbidden(_("Only LSA lawyers and administrators attach files to a draft."))
    upload = check_upload(role, filename, data)
    stored: list[str] = []
    try:
        record = _add_file(draft, user, upload, Path(current_app.config["UPLOAD_FOLDER"]), stored)
    except Exception:
        _discard(stored)
        raise
    _commit_or_clean(stored)
    return record


def read_file(draft_id: int, file_id: int, user: User) -> tuple[DraftFile, bytes]:
    """A draft's file, for someone who may see the draft."""
    draft = get_draft_for(draft_id, user)
    record = db.session.get(DraftFile, file_id)
    if record is None or record.draft_id != draft.id:
        raise NotFound(_("No such file."))
    return record, files.read_stored(Path(current_app.config["UPLOAD_FOLDER"]), record.stored_name)


LETTER_SUBJECT_MAX = 1000


def check_letter_requisites(draft: Draft, user: User) -> None:
    """Refuse unless ``user`` may still change the letter's subject or signatory of ``draft``."""
    if not is_lsa_staff(user):
        raise Forbidden(_("Only LSA lawyers and administrators change the letter's subject and signatory."))
    if not can_edit_letter_requisites(user, draft):
        raise Conflict(_("The letter's subject and signatory cannot change once the position is approved."))


def apply_letter_subject(draft: Draft, user: User, subject: object) -> None:
    """Change the letter's subject of a draft already checked and locked; recorded, not committed."""
    if subject is not None and not isinstance(subject, str):
        message = _("The subject must be text.")
        raise Invalid(message, {"letter_subject": message})
    # services.letters reads drafts through this module: imported here, where it is needed.
    from reviewflow.services.letters import generated_subject

    cleaned = " ".join((clean_text(subject) or "").split()) or None
    if cleaned == generated_subject(draft):
        cleaned = None  # the form shows the generated subject: saving it unchanged keeps it generated
    if cleaned and len(cleaned) > LETTER_SUBJECT_MAX:
        message = _("The subject is too long (at most %(max)s characters).", max=LETTER_SUBJECT_MAX)
        raise Invalid(message, {"letter_subject": message})
    before = draft.letter_subject
    draft.letter_subject = cleaned
    db.session.add(AuditEntry(
        draft_id=draft.id, actor_id=user.id, action="set_letter_subject", from_state=draft.state.value,
        to_state=draft.state.value, payload={"before": before, "after": cleaned},
    ))


def apply_signatory(draft: Draft, user: User, signatory_id: object) -> None:
    """Choose the signatory (None: the default) of a draft already checked and locked; not committed."""
    signatory = None
    if signatory_id is not None:
        signatory = db.session.get(Signatory, signatory_id) if is_db_id(signatory_id) else None
        if signatory is None or not signatory.active:
            message = _("Choose one of the active signatories.")
            raise Invalid(message, {"signatory_id": message})
    before = draft.signatory_id
    draft.signatory_id = signatory.id if signatory else None
    draft.signatory = signatory
    db.session.add(AuditEntry(
        draft_id=draft.id, actor_id=user.id, action="set_signatory", from_state=draft.state.value,
        to_state=draft.state.value, payload={"before": before, "after": draft.signatory_id},
    ))


def set_letter_subject(draft_id: int, user: User, subject: str | None) -> Draft:
    """Store the lawyer's correction of the letter's subject; an empty one means the generated subject."""
    return update_draft(draft_id, user, {"letter_subject": subject})


def set_draft_signatory(draft_id: int, user: User, signatory_id: int | None) -> Draft:
    """Choose who signs the draft's letter (None: the default signatory), until the board approves."""
    return update_draft(draft_id, user, {"signatory_id": signatory_id})


EDITABLE = {"letter_subject": apply_letter_subject, "signatory_id": apply_signatory}


def update_draft(draft_id: int, user: User, changes: dict) -> Draft:
    """Change the letter's subject and/or signatory of a draft in one commit (PATCH)."""
    draft = get_draft_for(draft_id, user, lock=True)
    check_letter_requisites(draft, user)
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        message = _("Only %(fields)s can be changed here.", fields=", ".join(EDITABLE))
        raise Invalid(message, {name: message for name in unknown})
    for name, value in changes.items():
        EDITABLE[name](draft, user, value)
    db.session.commit()
    return draft
