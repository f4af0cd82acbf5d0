"""The JSON shapes of the API: people by e-mail, municipalities by ISO code, committees by code."""

from __future__ import annotations

from datetime import date, datetime

from reviewflow.extensions import db
from reviewflow.models import ApiToken, AuditEntry, Comment, Draft, DraftFile, Invitation
from reviewflow.services import consolidation
from reviewflow.services.consultation import status_of
from reviewflow.services.letters import letter_subject_for
from reviewflow.services.signatories import signatory_for
from reviewflow.services.timeline_text import TimelineNames, entry_text, warning_text


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def token_json(token: ApiToken) -> dict:
    """A token's public facts."""
    return {"id": token.id, "label": token.label, "created_at": _iso(token.created_at),
            "last_used_at": _iso(token.last_used_at), "revoked_at": _iso(token.revoked_at)}


def draft_summary(draft: Draft) -> dict:
    """A draft as a row of the list."""
    return {
        "id": draft.id, "title": draft.title, "number": draft.number, "number_raw": draft.number_raw,
        "revision": draft.revision, "kind": draft.kind.value, "state": draft.state.value,
        "institution": draft.institution.name_lt,
        "institution_name": draft.institution.local_name,  # in the caller's language; "institution" is the key
        "lawyer": draft.lawyer.email if draft.lawyer else None,
        "committee": draft.committee.code if draft.committee else None,
        "committee_name": draft.committee.local_name if draft.committee else None,
        "received_date": _iso(draft.received_date), "reply_deadline": _iso(draft.reply_deadline),
        "comment_deadline": _iso(draft.comment_deadline),
    }


def file_json(record: DraftFile) -> dict:
    """A file attached to a draft."""
    return {"id": record.id, "role": record.role, "name": record.original_name,
            "content_type": record.content_type, "size": record.size, "sha256": record.sha256,
            "uploaded_at": _iso(record.uploaded_at)}


def invitation_json(invitation: Invitation, draft_state=None) -> dict:
    """One municipality's own consultation status (what its specialists may know); ``draft_state`` makes a
    pending answer ``not_answered`` once the consultation is over."""
    return {"municipality": invitation.municipality.iso_code, "name": invitation.municipality.name,
            "status": status_of(invitation, draft_state=draft_state), "deadline": _iso(invitation.deadline),
            "late": invitation.late, "answered_at": _iso(invitation.answered_at)}


def draft_json(draft: Draft, *, allowed: list[str], warning: str | None = None,
               municipalities: list[dict] | None = None, my_invitation: Invitation | None = None) -> dict:
    """A draft in full, as the caller may see it."""
    body = {
        **draft_summary(draft),
        "incoming_letter_number": draft.incoming_letter_number,
        "incoming_letter_date": _iso(draft.incoming_letter_date),
        "tais_url": draft.tais_url, "related_act": draft.related_act,
        "sent_date": _iso(draft.sent_date),
        "warning": warning_text(warning if warning is not None else draft.deadline_warning),
        "allowed_transitions": allowed,
        "files": [file_json(f) for f in draft.files],
        "provisions": [{"id": p.id, "article": p.article, "part": p.part, "point": p.point,
                        "label": p.label} for p in draft.provisions],
    }
    body.update(requisites_json(draft))
    if municipalities is not None:
        body["municipalities"] = municipalities
    if my_invitation is not None:
        body["my_municipality"] = invitation_json(my_invitation, draft.state)
    return body


def requisites_json(draft: Draft) -> dict:
    """The letter's subject (corrected or generated), its signatory, and the earlier revision's id."""
    signatory = signatory_for(draft)
    return {
        "letter_subject": letter_subject_for(draft),
        "letter_subject_corrected": draft.letter_subject is not None,
        "signatory_id": draft.signatory_id,
        "signatory": {"id": signatory.id, "name": signatory.name, "position": signatory.position}
        if signatory else None,
        "previous_revision_id": draft.previous_revision_id,
    }


def comment_json(comment: Comment, *, internal: bool, outcome: bool = False) -> dict:
    """A comment; ``internal`` adds LSA's decision, reasons, words and merges (never shown to municipalities);
    ``outcome`` adds what its municipality may know once the letter is sent (:func:`outcome_json`).

    A proposal of LSA's own has ``origin`` "lsa" and ``municipality`` null.
    """
    body = {
        "id": comment.id, "draft_id": comment.draft_id, "origin": comment.origin.value,
        "municipality": comment.municipality.iso_code if comment.municipality else None,
        "author": comment.author.email, "article": comment.article, "part": comment.part,
        "point": comment.point, "provision_id": comment.provision_id,
        "provision": comment.provision.label if comment.provision else None, "text": comment.text,
        "proposed_wording": comment.proposed_wording, "late": comment.late,
        "created_at": _iso(comment.created_at), "updated_at": _iso(comment.updated_at),
        "carried_from": carried_from_json(comment),
    }
    if internal:
        body.update({
            "decision": comment.decision.value if comment.decision else None,
            "reasons": comment.reasons, "lsa_text": comment.lsa_text, "lsa_wording": comment.lsa_wording,
            "merged_into": comment.merged_into_id,
            # False while its municipality's answer is pending: entered, not yet submitted (nor decidable).
            "submitted": consolidation.is_submitted(comment),
            "merged": [{"id": c.id, "municipality": c.municipality.iso_code if c.municipality else None,
                        "author": c.author.email}
                       for c in getattr(comment, "merged_proposers", [])],
        })
    if outcome:
        body["outcome"] = outcome_json(comment)
    return body


def outcome_json(comment: Comment) -> dict:
    """LSA's decision and reasons on a municipality's comment and the initiator's answer (``null`` until
    recorded; a rejected comment never went to the initiator). A merged comment carries the decision and
    answer of the proposal that stood for it, without naming that proposal's municipality."""
    answer = None
    if comment.initiator_outcome:
        answer = {"outcome": comment.initiator_outcome, "arguments": comment.initiator_arguments,
                  "source": comment.initiator_source, "recorded_at": _iso(comment.initiator_recorded_at)}
    return {
        "decision": comment.decision.value if comment.decision else None, "reasons": comment.reasons,
        "merged": comment.merged_into_id is not None, "initiator_answer": answer,
    }


def carried_from_json(comment: Comment) -> dict | None:
    """Where a comment carried over from an earlier revision came from (null for any other comment)."""
    origin = comment.carried_from if comment.carried_from_id is not None else None
    if origin is None:
        return None
    draft = db.session.get(Draft, origin.draft_id)  # the previous revision: one row, usually in the session already
    return {"draft_id": draft.id, "comment_id": origin.id, "number": draft.number_raw}


def audit_json(entry: AuditEntry, names: TimelineNames | None = None) -> dict:
    """One step on a draft's record; ``text`` is the step in words, in the caller's language (``names`` from
    :func:`reviewflow.services.timeline_text.load_names`, loaded once for the whole timeline)."""
    return {"id": entry.id, "action": entry.action, "at": _iso(entry.created_at),
            "actor": entry.actor.email if entry.actor else None, "from_state": entry.from_state,
            "to_state": entry.to_state, "payload": entry.payload or {},
            "text": entry_text(entry, names or TimelineNames()) or entry.action.replace("_", " ")}
