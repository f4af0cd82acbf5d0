"""The OpenAPI 3 description of API v1, built from the same enums the services use."""

from __future__ import annotations

from flask import url_for

from reviewflow.api import bp
from reviewflow.api.body import MAX_ID
from reviewflow.models import Decision, DraftKind, DraftState, ProposalOrigin, Stance
from reviewflow.services.drafts import FILE_ROLES
from reviewflow.services.queries import SORTS
from reviewflow.workflows import TRANSITIONS

JSON = "application/json"
PROBLEM = "application/problem+json"
DATE = {"type": "string", "format": "date", "example": "2026-11-27"}
TEXT = {"type": "string"}
NTEXT = {"type": "string", "nullable": True}
NDATE = {**DATE, "nullable": True}


def ref(name: str) -> dict:
    """A reference to a component schema."""
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties: dict, required: tuple[str, ...] = (), **extra: object) -> dict:
    """An object schema."""
    schema = {"type": "object", "properties": properties, **extra}
    if required:
        schema["required"] = list(required)
    return schema


def enum(cls) -> dict:
    """A string enum from a Python enum or a sequence of names."""
    values = [m.value for m in cls] if hasattr(cls, "__members__") else list(cls)
    return {"type": "string", "enum": values}


def ok(schema: dict | None, status: str = "200", description: str = "OK", *errors: str) -> dict:
    """The responses of an operation: its success and the named problems (401 always)."""
    success = {"description": description}
    if schema is not None:
        success["content"] = {JSON: {"schema": schema}}
    responses = {status: success, "401": {"$ref": "#/components/responses/Unauthorized"}}
    for code in errors:
        responses[code] = {"$ref": f"#/components/responses/{PROBLEMS[code][0]}"}
    return responses


def body(schema: dict) -> dict:
    """A required JSON request body."""
    return {"required": True, "content": {JSON: {"schema": schema}}}


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
ASICE = "application/vnd.etsi.asic-e+zip"

PROBLEMS = {
    "401": ("Unauthorized", "No valid bearer token (see the WWW-Authenticate header)."),
    "403": ("Forbidden", "The caller's role does not allow this on a draft they can see; or the draft is not "
                         "before the caller's committee or the board yet (`detail` names its stage and when)."),
    "404": ("NotFound", "No such thing, or the caller may not see it."),
    "409": ("Conflict", "The state does not allow it now; a stale position carries `current`."),
    "422": ("Invalid", "The input is wrong; `errors` names the fields."),
    "429": ("TooManyRequests", "Too many attempts; wait and try again."),
}


def _schemas() -> dict:
    comment_fields = {"article": NTEXT, "part": NTEXT, "point": NTEXT,
                      "provision_id": {"type": "integer", "nullable": True, "minimum": 1},
                      "text": TEXT, "proposed_wording": NTEXT}
    lsa_fields = {"lsa_text": {"type": "string", "description": "LSA's text of the proposal (what and why)"},
                  "lsa_wording": {"type": "string", "description": "LSA's proposed wording"}}
    invitation = obj({"municipality": {"type": "string", "example": "LT-57"}, "name": TEXT,
                      "status": enum(["pending", "answered", "no_comments", "overdue", "not_answered"]),
                      "deadline": DATE, "late": {"type": "boolean"}, "answered_at": NTEXT})
    summary = obj({"id": {"type": "integer"}, "title": TEXT, "number": TEXT, "number_raw": TEXT,
                   "revision": {"type": "integer", "nullable": True}, "kind": enum(DraftKind),
                   "state": enum(DraftState), "institution": TEXT, "lawyer": NTEXT, "committee": NTEXT,
                   "institution_name": {"type": "string", "description": "In the caller's language (Accept-Language)"},
                   "committee_name": {"type": "string", "nullable": True,
                                      "description": "In the caller's language (Accept-Language)"},
                   "received_date": DATE, "reply_deadline": DATE, "comment_deadline": NDATE})
    file = obj({"id": {"type": "integer"}, "role": enum(FILE_ROLES), "name": TEXT, "content_type": TEXT,
                "size": {"type": "integer"}, "sha256": TEXT, "uploaded_at": TEXT})
    return {
        "Problem": obj({"type": TEXT, "title": TEXT, "status": {"type": "integer"}, "detail": TEXT,
                        "errors": {"type": "object", "additionalProperties": TEXT},
                        "current": ref("Position"),
                        "existing": obj({"id": {"type": "integer"}, "number": TEXT, "title": TEXT},
                                        description="POST /drafts: the draft already registered with "
                                                    "this number and revision.")},
                       ("title", "status", "detail")),
        "TokenRequest": obj({"email": {"type": "string", "format": "email"}, "password": TEXT,
                             "label": TEXT}, ("email", "password")),
        "Token": obj({"id": {"type": "integer"}, "label": TEXT, "created_at": TEXT,
                      "last_used_at": NTEXT, "revoked_at": NTEXT}),
        "IssuedToken": {"allOf": [ref("Token"), obj({"token": TEXT}, ("token",))]},
        "DraftInput": obj({
            "title": {"type": "string", "description": "As printed (capitals are stored in normal case)."},
            "number": {"type": "string", "example": "Nr. XIVP-2435(2)",
                       "description": "A prefix (Nr., Pr.), extra spaces and a trailing period are dropped."},
            "kind": enum(DraftKind),
            "institution": {"type": "string", "description": "The institution's Lithuanian name."},
            "incoming_letter_number": TEXT, "incoming_letter_date": DATE, "received_date": DATE,
            "reply_deadline": {**DATE, "description": "Default: N working days after receipt."},
            "tais_url": TEXT, "related_act": TEXT,
            "revision_of": {"type": "integer", "minimum": 1, "description": (
                "The registered draft of the same number this is a later revision of. Default: the newest "
                "earlier revision of the number, if any.")},
            "allow_duplicate": {"type": "boolean", "description": (
                "Register even if the number and revision are registered already (else 409 with `existing`).")},
        }, ("title", "number", "kind", "institution", "incoming_letter_number", "incoming_letter_date",
            "received_date")),
        "DraftSummary": summary,
        "DraftFile": file,
        "LetterStatus": obj({"status": enum(["queued", "rendering", "ready", "failed"]),
                             "version": {"type": "integer"}, "our_number": TEXT, "error": NTEXT,
                             "pdf_error": NTEXT}),
        "Invitation": invitation,
        "Draft": {"allOf": [ref("DraftSummary"), obj({
            "incoming_letter_number": TEXT, "incoming_letter_date": DATE, "tais_url": NTEXT,
            "related_act": NTEXT, "sent_date": NDATE, "warning": NTEXT,
            "allowed_transitions": {"type": "array", "items": enum(TRANSITIONS)},
            "files": {"type": "array", "items": ref("DraftFile")},
            "provisions": {"type": "array", "items": obj({"id": {"type": "integer"}, "article": NTEXT,
                                                          "part": NTEXT, "point": NTEXT, "label": TEXT})},
            "municipalities": {"type": "array", "description": "LSA staff only.",
                               "items": {"allOf": [ref("Invitation"), obj({
                                   "county": TEXT, "comments": {"type": "integer"}})]}},
            "my_municipality": {"allOf": [ref("Invitation")], "description": "Specialists only."},
            "letter_subject": {"type": "string", "description": "The letter's subject: the correction, or "
                                                                   "the one made from the title."},
            "letter_subject_corrected": {"type": "boolean"},
            "signatory_id": {"type": "integer", "nullable": True, "description": "Chosen; null: the default."},
            "signatory": {**obj({"id": {"type": "integer"}, "name": TEXT, "position": TEXT}),
                          "nullable": True, "description": "Who signs: the chosen one, else the default."},
            "previous_revision_id": {"type": "integer", "nullable": True},
        })]},
        "DraftPatch": obj({
            "letter_subject": {**NTEXT, "maxLength": 1000,
                               "description": "Empty or null: back to the subject made from the title."},
            "signatory_id": {"type": "integer", "nullable": True, "minimum": 1,
                             "description": "An active signatory; null: the default."},
        }, additionalProperties=False),
        "DraftPage": obj({"items": {"type": "array", "items": ref("DraftSummary")},
                          "total": {"type": "integer"}, "page": {"type": "integer"},
                          "per_page": {"type": "integer"}, "pages": {"type": "integer"},
                          "total_capped": {"type": "boolean"}, "next_after": NTEXT}),
        "TransitionInput": obj({
            "name": enum(TRANSITIONS),
            "lawyer": {"type": "string", "format": "email", "description": "assign"},
            "committee": {"type": "string", "example": "IVPK",
                          "description": "assign; send_to_committee (default: the one set at assignment)"},
            "municipalities": {"type": "array", "items": {"type": "string", "example": "LT-57"},
                               "description": "open_consultation; absent = all 60"},
            "comment_deadline": {**DATE, "description": "open_consultation; before the reply date"},
            "scope": {"type": "string", "enum": ["all", "changed"],
                      "description": "open_consultation: all provisions (default), or only those changed or added "
                                     "since the previous revision"},
            "reason": {"type": "string", "description": "skip_consultation, close_consultation (early), "
                                                          "skip_committee, return_for_revision, withdraw"},
            "opinion": {**enum(Stance), "description": "give_opinion"},
            "text": {"type": "string", "description": "give_opinion"},
            "meeting_date": {**DATE, "description": "give_opinion"},
            "decision_number": {"type": "string", "example": "VN-12", "description": "approve"},
            "decision_date": {**DATE, "description": "approve"},
            "sent_date": {**DATE, "description": "mark_sent"},
            "sent_via": {"type": "string", "enum": ["e_delivery", "email", "post", "other"],
                         "description": "mark_sent: how the letter went out (optional)"},
            "email_initiator": {"type": "boolean", "description": "mark_sent: e-mail the signed letter to the "
                                "institution's address, once (default: true when both exist; true without "
                                "them is 422)"},
        }, ("name",)),
        "AuditEntry": obj({"id": {"type": "integer"}, "action": TEXT, "at": TEXT, "actor": NTEXT,
                           "from_state": NTEXT, "to_state": NTEXT, "payload": {"type": "object"},
                           "text": TEXT}),  # the step in words, in the caller's language
        "CommentInput": obj(comment_fields, ("text",)),
        "CommentPatch": obj({**comment_fields, "decision": enum(Decision), "reasons": TEXT, **lsa_fields},
                            description="With `decision`/`reasons` the responsible lawyer decides (LSA's words "
                                        "may come along); with `lsa_text`/`lsa_wording` alone the lawyer "
                                        "writes LSA's words (consolidation only; 403 for specialists); "
                                        "otherwise the municipality's specialist edits. `partly_accepted` "
                                        "needs LSA's own wording."),
        "ProposalInput": obj({"article": NTEXT, "part": NTEXT, "point": NTEXT,
                              "provision_id": {"type": "integer", "nullable": True, "minimum": 1},
                              **lsa_fields}, ("lsa_text",),
                             description="A proposal of LSA's own: the lawyer during consolidation, the "
                                         "draft's committee during committee review. It is accepted."),
        "Comment": obj({"id": {"type": "integer"}, "draft_id": {"type": "integer"},
                        "origin": enum(ProposalOrigin),
                        "municipality": {**NTEXT, "description": "null for a proposal of LSA's own"},
                        "author": TEXT, **comment_fields,
                        "provision": {**NTEXT, "description": "The anchor's label, if made on one."},
                        "late": {"type": "boolean"}, "created_at": TEXT, "updated_at": TEXT,
                        "decision": {**enum(Decision), "nullable": True, "description": "Not for specialists."},
                        "reasons": NTEXT, "lsa_text": {**NTEXT, "description": "Not for specialists."},
                        "lsa_wording": {**NTEXT, "description": "Not for specialists."},
                        "merged_into": {"type": "integer", "nullable": True},
                        "merged": {"type": "array", "items": obj({"id": {"type": "integer"},
                                                                  "municipality": NTEXT, "author": TEXT})},
                        "carried_from": {**obj({"draft_id": {"type": "integer"}, "comment_id": {"type": "integer"},
                                                "number": TEXT}), "nullable": True,
                                         "description": "The earlier revision's comment it was carried over from."},
                        "outcome": obj({"decision": {**enum(Decision), "nullable": True}, "reasons": NTEXT,
                                        "merged": {"type": "boolean"},
                                        "initiator_answer": {**obj({"outcome": TEXT, "arguments": NTEXT,
                                                                    "source": NTEXT, "recorded_at": NTEXT}),
                                                             "nullable": True}},
                                       description="Only for the municipality's own specialists, once LSA's "
                                                   "letter is sent.")}),
        "CommentList": obj({"items": {"type": "array", "items": ref("Comment")},
                            "sent_date": {**NTEXT, "description": "Specialists, once the letter is sent."},
                            "newer_revisions": {"type": "array", "description": "Specialists, once the letter is "
                                                "sent: later revisions they may open.",
                                                "items": obj({"id": {"type": "integer"}, "number_raw": TEXT,
                                                              "revision": {"type": "integer", "nullable": True}})},
                            "provisions": {"type": "array", "description": "Not for specialists.",
                                           "items": obj({"article": NTEXT, "part": NTEXT, "point": NTEXT,
                                                         "provision_id": {"type": "integer", "nullable": True},
                                                         "scope": NTEXT, "label": NTEXT,
                                                         "contradicting": {"type": "boolean"},
                                                         "comments": {"type": "array",
                                                                      "items": {"type": "integer"}}})}}),
        "MergeInput": obj({"comments": {"type": "array", "minItems": 1,
                                        "items": {"type": "integer", "minimum": 1}}}, ("comments",)),
        "ExtensionInput": obj({"municipality": {"type": "string", "example": "LT-57"}, "deadline": DATE,
                               "reason": TEXT}, ("municipality", "deadline")),
        "Position": obj({"version": {"type": "integer"}, "stance": {**enum(Stance), "nullable": True},
                         "text": TEXT, "author": TEXT, "saved_at": TEXT}, ("version", "stance", "text")),
        "PositionInput": obj({"version": {"type": "integer", "minimum": 0}, "stance": enum(Stance),
                              "text": TEXT}, ("version", "stance", "text")),
        "Me": obj({"email": TEXT, "name": TEXT, "roles": {"type": "array", "items": TEXT},
                   "municipality": NTEXT, "committees": {"type": "array", "items": TEXT}, "language": TEXT}),
        "Waiting": obj({"items": {"type": "array", "items": obj({
            "what": TEXT, "deadline": DATE, "working_days_left": {"type": "integer"},
            "overdue": {"type": "boolean"}, "draft": ref("DraftSummary")})}}),
        "Workload": obj({"items": {"type": "array", "items": obj({
            "email": TEXT, "name": TEXT, "open_drafts": {"type": "integer"}, "nearest_deadline": NDATE})}}),
    }


def _id(name: str) -> dict:
    return {"name": name, "in": "path", "required": True,
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}}


def _query(name: str, schema: dict, description: str = "") -> dict:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


def _op(summary: str, responses: dict, *, params=(), request=None, public=False) -> dict:
    operation = {"summary": summary, "operationId": None, "responses": responses}
    if params:
        operation["parameters"] = list(params)
    if request is not None:
        operation["requestBody"] = request
    if public:
        operation["security"] = []
    return operation


def _paths() -> dict:
    draft, comment = _id("draft_id"), _id("comment_id")
    filters = [
        _query("state", enum(DraftState)), _query("institution", TEXT, "Lithuanian name"),
        _query("lawyer", TEXT, "e-mail"), _query("committee", TEXT, "code, e.g. IVPK"),
        _query("kind", enum(DraftKind), "kind of act; an unknown one is 422 naming it"),
        _query("received_from", DATE),
        _query("received_to", DATE, "not before received_from (422 naming both otherwise)"),
        _query("deadline_from", DATE),
        _query("deadline_to", DATE, "not before deadline_from: a period ending before it starts is 422 naming both"),
        _query("q", TEXT, "in the title or number"), _query("sort", enum(SORTS)),
        _query("page", {"type": "integer", "minimum": 1, "maximum": 100_000}),
        _query("per_page", {"type": "integer", "minimum": 1, "maximum": 100}),
        _query("after", TEXT, "next_after of the previous page: pages on by keyset (page is then ignored)"),
    ]
    upload = {"required": True, "content": {"multipart/form-data": {"schema": obj(
        {"file": {"type": "string", "format": "binary"}, "role": enum(FILE_ROLES)}, ("file", "role"))}}}
    download = {"200": {"description": "The file", "content": {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "404": {"$ref": "#/components/responses/NotFound"}}
    token_responses = ok(ref("IssuedToken"), "200", "The token; keep it secret.", "422", "429")
    token_responses["401"] = {"$ref": "#/components/responses/Unauthorized",
                              "description": "Wrong e-mail or password."}
    return {
        "/openapi.json": {"get": _op("This document", {"200": {"description": "OpenAPI 3"}}, public=True)},
        "/auth/token": {
            "post": _op("Exchange e-mail and password for a bearer token", token_responses,
                        request=body(ref("TokenRequest")), public=True),
            "delete": _op("Revoke the presented token", ok(None, "204", "Revoked")),
        },
        "/auth/tokens": {"get": _op("The caller's tokens", ok(obj({"items": {
            "type": "array", "items": ref("Token")}})))},
        "/auth/tokens/{token_id}": {"delete": _op("Revoke one of the caller's tokens",
                                                  ok(None, "204", "Revoked", "404"), params=[_id("token_id")])},
        "/drafts": {
            "get": _op("Drafts the caller may see", ok(ref("DraftPage"), "200", "OK", "422"), params=filters),
            "post": _op("Register a draft; `same_letter` in the answer (else null) names a draft already registered "
                        "with the institution's same incoming letter (a warning: both are kept)",
                        ok(ref("Draft"), "201", "Registered", "403", "409", "422"),
                        request=body(ref("DraftInput"))),
        },
        "/drafts/{draft_id}": {
            "get": _op("One draft", ok(ref("Draft"), "200", "OK", "403", "404"), params=[draft]),
            "patch": _op("Correct the letter's subject or choose its signatory (LSA staff, before approval)",
                         ok(ref("Draft"), "200", "OK", "403", "404", "409", "422"), params=[draft],
                         request=body(ref("DraftPatch"))),
        },
        "/drafts/{draft_id}/transitions": {"post": _op(
            "Fire a lifecycle transition", ok(ref("Draft"), "200", "The draft in its new state",
                                              "403", "404", "409", "422"),
            params=[draft], request=body(ref("TransitionInput")))},
        "/drafts/{draft_id}/timeline": {"get": _op("The draft's record, as the draft page shows it to the caller "
                                                   "(a municipality: the lifecycle steps only)", ok(obj({"items": {
            "type": "array", "items": ref("AuditEntry")}}), "200", "OK", "403", "404"), params=[draft])},
        "/drafts/{draft_id}/files": {"post": _op(
            "Attach a DOCX or PDF", ok(ref("DraftFile"), "201", "Stored", "403", "404", "422"),
            params=[draft], request=upload)},
        "/drafts/{draft_id}/files/{file_id}": {"get": _op("Download a file", download,
                                                          params=[draft, _id("file_id")])},
        "/drafts/{draft_id}/letter": {"get": _op(
            "The response letter (DOCX, or PDF with ?format=pdf); 202 while it is being made; municipalities "
            "get it once it is sent (403 before)", {
                "200": {"description": "The letter", "content": {
                    DOCX: {"schema": {"type": "string", "format": "binary"}},
                    PDF: {"schema": {"type": "string", "format": "binary"}},
                    ASICE: {"schema": {"type": "string", "format": "binary"}}}},
                "202": {"description": "Queued or being made", "content": {"application/json": {
                    "schema": ref("LetterStatus")}}},
                "409": {"description": "Making it failed (LetterStatus), or its PDF could not be made (a "
                                       "Problem with the reason in `detail`)", "content": {
                                           "application/json": {"schema": ref("LetterStatus")},
                                           PROBLEM: {"schema": ref("Problem")}}},
                "401": {"$ref": "#/components/responses/Unauthorized"},
                "403": {"$ref": "#/components/responses/Forbidden"},
                "404": {"$ref": "#/components/responses/NotFound"},
                "422": {"$ref": "#/components/responses/Invalid"},
            },
            params=[draft, _query("version", {"type": "integer", "minimum": 1, "maximum": 1_000_000}),
                    _query("annex", {"type": "string", "enum": ["0", "1"]}),
                    _query("format", {"type": "string", "enum": ["docx", "pdf", "signed"], "default": "docx"},
                           "signed: the signed letter of record, as GET /drafts/{draft_id}/letter/signed")])},
        "/drafts/{draft_id}/comments": {
            "get": _op("The comments the caller may see", ok(ref("CommentList"), "200", "OK", "404"),
                       params=[draft]),
            "post": _op("Add a comment for the caller's municipality",
                        ok(ref("Comment"), "201", "Added", "403", "404", "409", "422"),
                        params=[draft], request=body(ref("CommentInput"))),
        },
        "/drafts/{draft_id}/proposals": {"post": _op(
            "Add a proposal of LSA's own", ok(ref("Comment"), "201", "Added", "403", "404", "409", "422"),
            params=[draft], request=body(ref("ProposalInput")))},
        "/comments/{comment_id}": {
            "get": _op("One comment", ok(ref("Comment"), "200", "OK", "404"), params=[comment]),
            "patch": _op("Edit (specialist) or decide (lawyer)",
                         ok(ref("Comment"), "200", "OK", "403", "404", "409", "422"),
                         params=[comment], request=body(ref("CommentPatch"))),
            "delete": _op("Delete (specialist, while the answer is open)",
                          ok(None, "204", "Deleted", "403", "404", "409"), params=[comment]),
        },
        "/comments/{comment_id}/merge": {"post": _op(
            "Merge identical proposals into this one", ok(ref("Comment"), "200", "OK", "403", "404", "409",
                                                          "422"),
            params=[comment], request=body(ref("MergeInput")))},
        "/comments/{comment_id}/unmerge": {"post": _op(
            "Undo a merge", ok(ref("Comment"), "200", "OK", "403", "404", "409"), params=[comment])},
        "/drafts/{draft_id}/no-comments": {"post": _op(
            "Answer 'pastabų neturime'", ok(ref("Invitation"), "200", "OK", "403", "404", "409"),
            params=[draft])},
        "/drafts/{draft_id}/answer": {"post": _op(
            "Submit the municipality's answer", ok(ref("Invitation"), "200", "OK", "403", "404", "409"),
            params=[draft])},
        "/drafts/{draft_id}/deadline-extensions": {"post": _op(
            "Extend one municipality's deadline",
            ok(ref("Invitation"), "200", "OK", "403", "404", "409", "422"),
            params=[draft], request=body(ref("ExtensionInput")))},
        "/drafts/{draft_id}/position": {
            "get": _op("The LSA position", ok(ref("Position"), "200", "OK", "403", "404"), params=[draft]),
            "put": _op("Save a new version of the position",
                       ok(ref("Position"), "200", "Saved", "403", "404", "409", "422"),
                       params=[draft], request=body(ref("PositionInput"))),
        },
        "/me": {"get": _op("The caller's account", ok(ref("Me")))},
        "/me/waiting": {"get": _op("What waits for the caller", ok(ref("Waiting")))},
        "/workload": {"get": _op("Each lawyer's open drafts (LSA staff)", ok(ref("Workload"), "200", "OK",
                                                                             "403"))},
    }


def _answer_schemas() -> dict:
    """The initiator's answer (issue 10): per proposal LSA sent, and the import of an answer document."""
    outcome = {"type": "string", "enum": ["taken", "partly", "not_taken"],
               "description": "Atsižvelgta / Iš dalies atsižvelgta / Neatsižvelgta"}
    row = obj({"number": TEXT, "proposer": TEXT, "date": {**NDATE, "description": "When the proposal was made"},
               "provision": {"type": "string", "example": "1 (5) str. (2) d."}, "article": TEXT, "part": TEXT,
               "point": TEXT, "proposal": TEXT, "opinion": {"type": "string", "example": "Pritarti iš dalies"},
               "outcome": {**outcome, "nullable": True}, "arguments": TEXT})
    match = obj({"row": {"type": "integer", "description": "The row's place among the table's rows, from 1"},
                 "answer": ref("AnswerRow"), "comment_id": {"type": "integer", "nullable": True},
                 "score": {"type": "number", "minimum": 0, "maximum": 1}})
    confirm_item = obj({"row": {"type": "integer", "minimum": 1}, "comment_id": {"type": "integer", "minimum": 1},
                        "outcome": outcome, "arguments": NTEXT,
                        "source": {**NTEXT, "maxLength": 300, "description": "The document (or give it once)"}},
                       ("comment_id", "outcome"))
    return {
        "InitiatorAnswer": obj({
            "comment_id": {"type": "integer"}, "origin": enum(ProposalOrigin), "municipality": NTEXT,
            "article": NTEXT, "part": NTEXT, "point": NTEXT, "provision_id": {"type": "integer", "nullable": True},
            "provision": TEXT, "decision": enum(Decision), "lsa_text": NTEXT, "lsa_wording": NTEXT,
            "outcome": {**outcome, "nullable": True}, "arguments": NTEXT, "source": NTEXT,
            "recorded_at": NTEXT, "recorded_by": NTEXT,
            "municipalities": {"type": "array", "items": {"type": "string"}}}),
        "InitiatorAnswerList": obj({
            "items": {"type": "array", "items": ref("InitiatorAnswer")},
            "counts": obj({name: {"type": "integer"} for name in ("taken", "partly", "not_taken", "unanswered")},
                          description="How many proposals LSA sent got each outcome")}),
        "InitiatorAnswerInput": obj({"outcome": outcome, "arguments": NTEXT,
                                     "source": {**NTEXT, "maxLength": 300, "description": "The document"}},
                                    ("outcome",)),
        "AnswerRow": row,
        "AnswerMatch": match,
        "AnswerImport": obj({"source": TEXT, "matches": {"type": "array", "items": ref("AnswerMatch")},
                             "unmatched": {"type": "array", "items": ref("AnswerMatch"),
                                           "description": "LSA's rows that match no proposal"},
                             "other_rows": {"type": "integer", "description": "Rows of other proposers"}}),
        "AnswerConfirmInput": {"oneOf": [
            {"type": "array", "minItems": 1, "items": confirm_item},
            obj({"source": {**TEXT, "maxLength": 300}, "matches": {"type": "array", "minItems": 1,
                                                                   "items": confirm_item}}, ("matches",)),
        ]},
    }


def _answer_paths() -> dict:
    """The initiator's answer (issue 10); LSA staff only (403 for others), on a sent draft (409 before)."""
    draft, comment = _id("draft_id"), _id("comment_id")
    upload = {"required": True, "content": {"multipart/form-data": {"schema": obj(
        {"file": {"type": "string", "format": "binary", "description": "A .docx"}}, ("file",))}}}
    return {
        "/drafts/{draft_id}/answers": {"get": _op(
            "The initiator's answers to the proposals LSA sent, with counts per outcome",
            ok(ref("InitiatorAnswerList"), "200", "OK", "403", "404"), params=[draft])},
        "/comments/{comment_id}/initiator-answer": {"put": _op(
            "Record the initiator's answer to one proposal LSA sent",
            ok(ref("InitiatorAnswer"), "200", "OK", "403", "404", "409", "422"),
            params=[comment], request=body(ref("InitiatorAnswerInput")))},
        "/drafts/{draft_id}/answer-imports": {"post": _op(
            "Read an answer document (Seimas committee conclusion, derinimo pažyma) and propose matches; "
            "nothing is saved", ok(ref("AnswerImport"), "200", "OK", "403", "404", "409", "422"),
            params=[draft], request=upload)},
        "/drafts/{draft_id}/answer-imports/confirm": {"post": _op(
            "Save the confirmed or corrected matches",
            ok(obj({"items": {"type": "array", "items": ref("InitiatorAnswer")}}), "200", "Saved",
               "403", "404", "409", "422"),
            params=[draft], request=body(ref("AnswerConfirmInput")))},
    }


def _signed_letter_schemas() -> dict:
    """The signed letter (issue 10): what the check of an uploaded signed file found."""
    return {"SignedLetter": obj({
        "letter_version": {"type": "integer"}, "our_number": TEXT,
        "format": {"type": "string", "enum": ["pades", "asice"]},
        "signer_name": {"type": "string", "example": "VARDENIS PAVARDENIS"},
        "signed_at": {**NTEXT, "format": "date-time", "description": "As the signature states it (UTC)"},
        "file_name": NTEXT, "uploaded_at": {**NTEXT, "format": "date-time"},
        "trust_checked": {"type": "boolean", "description": "Always false: the EU trust lists are not consulted"},
    })}


def _signed_letter_paths() -> dict:
    """Upload (LSA staff; approved or sent; checked against the letter's PDF) and download of the signed letter."""
    upload = {"required": True, "content": {"multipart/form-data": {"schema": obj(
        {"file": {"type": "string", "format": "binary",
                  "description": "A PAdES-signed PDF or an ASiC-E container (.asice, .sce, .adoc, .edoc)"}},
        ("file",))}}}
    signed_file = {"200": {"description": "The signed letter as uploaded", "content": {
        PDF: {"schema": {"type": "string", "format": "binary"}},
        ASICE: {"schema": {"type": "string", "format": "binary"}}}},
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "403": {"$ref": "#/components/responses/Forbidden"},
        "404": {"$ref": "#/components/responses/NotFound"}}
    return {"/drafts/{draft_id}/letter/signed": {
        "post": _op("Store the signed letter after checking that it is signed and that what was signed is the "
                    "newest letter version's PDF (422 with the reason otherwise)",
                    ok(ref("SignedLetter"), "201", "Stored as the letter of record", "403", "404", "409", "422"),
                    params=[_id("draft_id")], request=upload),
        "get": _op("The signed letter of record; municipalities get it once the letter is sent (403 before)",
                   signed_file, params=[_id("draft_id")]),
    }}


def _revision_schemas() -> dict:
    """Revisions (issue 10): the chain, and the comparison with the previous revision."""
    fate = {"type": "string", "enum": ["taken", "changed", "removed", "not_taken"], "nullable": True,
            "description": "taken: the proposed wording is in the new text; changed: the provision changed "
                           "otherwise; removed; not_taken: the provision did not change; null: cannot tell"}
    outcome = {"type": "string", "enum": ["taken", "partly", "not_taken"], "nullable": True,
               "description": "The initiator's recorded answer (LSA staff only; null otherwise or not recorded)"}
    nid = {"type": "integer", "nullable": True}
    return {
        "Revision": obj({"id": {"type": "integer"}, "number": TEXT, "revision": nid, "title": TEXT,
                         "state": enum(DraftState), "received_date": DATE, "previous_revision_id": nid,
                         "current": {"type": "boolean", "description": "The draft asked about"}}),
        "RevisionList": obj({"items": {"type": "array", "items": ref("Revision"),
                                       "description": "Oldest first; only revisions the caller may see"}}),
        "ProvisionChange": obj({
            "status": {"type": "string", "enum": ["added", "removed", "changed", "unchanged"]},
            "renumbered": {"type": "boolean", "description": "Found under another label (e.g. 5 str. is now 6 "
                                                             "str.); its words decide the status"},
            "old_provision_id": nid, "new_provision_id": nid, "old_label": NTEXT, "new_label": NTEXT,
            "old_text": NTEXT, "new_text": NTEXT,
            "diff": {"type": "array", "description": "Word-level tracked changes of a changed provision",
                     "items": obj({"op": {"type": "string", "enum": ["equal", "insert", "delete"]},
                                   "text": TEXT})}}),
        "ProposalFate": obj({"comment_id": {"type": "integer"}, "provision_id": nid, "provision": NTEXT,
                             "new_label": NTEXT, "lsa_text": NTEXT, "wording": NTEXT, "fate": fate,
                             "initiator_outcome": outcome}),
        "RevisionChanges": obj({
            "draft_id": {"type": "integer"}, "previous_revision_id": nid, "previous_number": NTEXT,
            "counts": obj({k: {"type": "integer"} for k in ("added", "removed", "changed", "unchanged")}),
            "items": {"type": "array", "items": ref("ProvisionChange")},
            "proposals": {"type": "array", "items": ref("ProposalFate"), "nullable": True,
                          "description": "Per proposal LSA sent on the previous revision; null when the caller "
                                         "may not see them (a municipality before that letter was sent)"}}),
    }


def _revision_paths() -> dict:
    """Revisions (issue 10): whoever sees the draft sees its chain and changes (404 otherwise)."""
    draft = _id("draft_id")
    return {
        "/drafts/{draft_id}/revisions": {"get": _op(
            "The draft's chain of revisions, oldest first", ok(ref("RevisionList"), "200", "OK", "404"),
            params=[draft])},
        "/drafts/{draft_id}/changes": {"get": _op(
            "What changed since the previous revision, per provision, and the fate of LSA's proposals",
            ok(ref("RevisionChanges"), "200", "OK", "404"), params=[draft])},
        "/drafts/{draft_id}/carry-over": {"post": _op(
            "Copy the previous revision's comments and decisions onto this one's provisions that still exist "
            "(LSA staff; 409 on a first revision or once the committee or board has it; again: only new ones)",
            ok(obj({"from_draft_id": {"type": "integer"},
                    "skipped": {"type": "integer", "description": "On removed provisions, general, or carried"},
                    "items": {"type": "array", "items": obj({
                        "comment_id": {"type": "integer"}, "carried_from_comment_id": {"type": "integer"},
                        "provision_id": {"type": "integer"}, "decision": {**enum(Decision), "nullable": True}})}}),
               "200", "Carried", "403", "404", "409"), params=[draft])},
    }


def _name_operations(paths: dict) -> dict:
    """operationIds like ``post_drafts_draft_id_transitions``, unique by construction."""
    for path, item in paths.items():
        slug = path.strip("/").replace("/", "_").replace("{", "").replace("}", "").replace("-", "_")
        slug = slug.replace(".", "_")
        for method, operation in item.items():
            operation["operationId"] = f"{method}_{slug}"
    return paths


def build_document(server_url: str = "/api/v1") -> dict:
    """The OpenAPI 3.0 document."""
    from reviewflow.api.notes import note_paths, note_schemas
    from reviewflow.api.reports import report_paths, report_schemas
    from reviewflow.api.search import search_paths, search_schemas
    responses = {
        name: {"description": text, "content": {PROBLEM: {"schema": ref("Problem")}}}
        for name, text in PROBLEMS.values()
    }
    responses["Unauthorized"]["headers"] = {"WWW-Authenticate": {"schema": {"type": "string"}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Reviewflow API", "version": "1.0.0", "description": (
            "Draft legal acts reviewed by the Association of Local Authorities in Lithuania. People are "
            "named by e-mail, municipalities by ISO 3166-2 code (LT-57), committees by code (IVPK), "
            "institutions by their Lithuanian name. Errors are application/problem+json.")},
        "servers": [{"url": server_url}],
        "security": [{"bearerAuth": []}],
        "paths": _name_operations({**_paths(), **_answer_paths(), **_signed_letter_paths(),
                                         **_revision_paths(), **note_paths(), **report_paths(),
                                         **search_paths()}),
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
                                               "description": "POST /auth/token, then Authorization: Bearer"}},
            "schemas": {**_schemas(), **_answer_schemas(), **_signed_letter_schemas(),
                        **_revision_schemas(), **note_schemas(), **report_schemas(),
                        **search_schemas()},
            "responses": responses,
        },
    }


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI document (no token needed)."""
    return build_document(url_for("api.openapi").rsplit("/", 1)[0])
