"""A municipality answers in Word or Excel: the prefilled comments table, and its comments read back.

Reading saves nothing: :func:`preview_comment_import` says where each row's comment would go (a provision of
the draft, typed numbers, the whole draft) or that it cannot be placed; the specialist confirms, corrects a
row's place or leaves a row out, and :func:`confirm_comment_import` saves the kept rows through the
consultation's own :func:`~reviewflow.services.consultation.add_comment`, so an imported comment is
checked, marked late and audited exactly like one typed in the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from reviewflow.documents.comment_tables import (
    CommentRow,
    ProvisionRef,
    phrase_key,
    read_comment_table,
    render_template_docx,
    render_template_xlsx,
    same_phrase,
    stated_draft_ids,
)
from reviewflow.documents.provision_phrases import provision_short
from reviewflow.errors import Conflict, Forbidden, Invalid
from reviewflow.extensions import db
from reviewflow.models import Comment, Draft, Invitation, Provision, User
from reviewflow.permissions import can_comment_for, can_open_answer_page
from reviewflow.services import consultation
from reviewflow.services.comments_export import sheet_heading
from reviewflow.services.drafts import get_draft_for, invitation_for
from reviewflow.services.payload import text_field
from reviewflow.services.revision_scope import check_open_for_comment, provisions_open_for_comment

SUBJECT = "Pastabos ir pasiūlymai"
MAX_ROWS = 500
GENERAL, TYPED, SKIP = "general", "typed", ""


@dataclass
class FoundComment:
    """One filled row and where it would be saved.

    ``choice`` is what the preview offers as chosen: ``"p<id>"`` (a provision of the draft), ``"typed"`` (the
    numbers as written, on no anchor), ``"general"`` or ``""`` (left out). ``placed`` is False for a row whose
    provision could not be found: it is shown, and saved only if the specialist chooses a place for it.
    """

    index: int
    where: str
    provision: str
    text: str
    wording: str
    choice: str
    placed: bool
    label: str = ""
    article: str = ""
    part: str = ""
    point: str = ""
    note: str = ""


@dataclass
class CommentImportPreview:
    """The comments found in an uploaded table; nothing is saved until the specialist confirms."""

    source: str
    rows: list[FoundComment] = field(default_factory=list)

    @property
    def placed(self) -> list[FoundComment]:
        """Rows with a place: a provision, typed numbers or the whole draft."""
        return [row for row in self.rows if row.placed]

    @property
    def unplaced(self) -> list[FoundComment]:
        """Rows whose provision could not be found in the draft."""
        return [row for row in self.rows if not row.placed]


def _answering(draft_id: int, user: User) -> tuple[Draft, Invitation]:
    """The draft and the specialist's own invitation, or the refusals the answer page gives."""
    draft = get_draft_for(draft_id, user)
    invitation = invitation_for(draft.id, user.municipality_id)
    if not can_open_answer_page(user, invitation):
        raise Forbidden(_("Only municipal specialists answer for their municipality."))
    return draft, invitation


def _open_answer(draft_id: int, user: User) -> tuple[Draft, Invitation]:
    draft, invitation = _answering(draft_id, user)
    if not can_comment_for(user, invitation, draft):
        raise Conflict(_("Your municipality's answer can no longer be changed: the consultation is closed or the "
                         "answer was submitted."))
    return draft, invitation


def safe_file_name(draft: Draft, stem: str, extension: str) -> str:
    """"pastabos-XIVP-2435-2.docx": the draft number with only letters, digits and dashes."""
    number = re.sub(r"[^0-9A-Za-z]+", "-", draft.number_raw or "").strip("-")[:40] or str(draft.id)
    return f"{stem}-{number}.{extension}"


def comment_template(draft_id: int, user: User, kind: str) -> tuple[bytes, str]:
    """The comments table prefilled with the draft's provisions, as ``kind`` "docx" or "xlsx", and its file name."""
    draft, invitation = _answering(draft_id, user)
    provisions = provisions_open_for_comment(draft)  # only the changed ones when the consultation is limited
    heading = sheet_heading(draft, SUBJECT, lines=(("Savivaldybė", invitation.municipality.name),
                                                   ("Pastabas pateikti iki", invitation.deadline)))
    if kind == "docx":
        data = render_template_docx(heading, [p.label for p in provisions])
    else:
        data = render_template_xlsx(heading, [(str(p.id), p.label) for p in provisions])
    return data, safe_file_name(draft, "pastabos", kind)


def preview_comment_import(draft_id: int, user: User, filename: str, data: bytes) -> CommentImportPreview:
    """Read an uploaded comments table and say where each comment would go; saves nothing."""
    draft, invitation = _open_answer(draft_id, user)
    rows = read_comment_table(data)
    stated = stated_draft_ids(data)
    if stated and draft.id not in stated:
        message = _("This table was downloaded for another draft: download the table of %(number)s and fill it "
                    "in, or copy your comments into it.", number=draft.number_raw)
        raise Invalid(message, {"file": message})
    if not rows:
        message = _("The table has no filled rows: write the comments in the column „Pastaba“.")
        raise Invalid(message, {"file": message})
    if len(rows) > MAX_ROWS:
        message = _("The table has more than %(count)s comments: split it into several files.", count=MAX_ROWS)
        raise Invalid(message, {"file": message})
    provisions = _Index(provisions_open_for_comment(draft))
    closed = _Index(_closed(draft, provisions.provisions))
    existing = _existing(draft, invitation)
    preview = CommentImportPreview(source=(filename or "").strip()[:200])
    for index, row in enumerate(rows, start=1):
        found = _place(index, row, provisions)
        if not found.placed and closed.anchor(row) is not None:
            found.note = _("The consultation does not cover „%(provision)s“: choose another place, or leave it out.",
                           provision=row.provision)
        if found.choice and (found.choice, _words(row.text)) in existing:
            found.choice, found.note = SKIP, _("Already among your comments: left out unless you choose a place.")
        preview.rows.append(found)
    return preview


def _closed(draft: Draft, open_: list[Provision]) -> list[Provision]:
    """The draft's provisions a limited consultation does not cover (none when it covers all)."""
    ids = {p.id for p in open_}
    return [p for p in db.session.scalars(select(Provision).where(Provision.draft_id == draft.id))
            if p.id not in ids]


def _words(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def _existing(draft: Draft, invitation: Invitation) -> set[tuple[str, str]]:
    """The municipality's comments as (choice, text), to notice a table uploaded twice."""
    found = set()
    for comment in db.session.scalars(select(Comment).where(
            Comment.draft_id == draft.id, Comment.municipality_id == invitation.municipality_id)):
        if comment.provision_id:
            choice = f"p{comment.provision_id}"
        else:
            choice = TYPED if (comment.article or comment.part or comment.point) else GENERAL
        found.add((choice, _words(comment.text)))
    return found


def _place(index: int, row: CommentRow, provisions: _Index) -> FoundComment:
    """Where a row's comment goes: its provision in the draft, typed numbers, the whole draft, or nowhere yet."""
    found = FoundComment(index=index, where=row.where, provision=row.provision, text=row.text,
                         wording=row.wording, choice=SKIP, placed=False)
    if row.general:
        found.choice, found.placed, found.label = GENERAL, True, _("General")
        return found
    anchor = provisions.anchor(row)
    if anchor is not None:
        found.choice, found.placed, found.label = f"p{anchor.id}", True, anchor.label
        return found
    ref = row.ref
    if ref is not None and ref.chapter is None and any(ref.numbers):
        found.article, found.part, found.point = _typed(ref)
        found.label = provision_short(found.article, found.part, found.point)
        if not provisions.provisions:
            # Without the draft's text there are no anchors: the numbers are kept as written, as in the page.
            found.choice, found.placed = TYPED, True
            return found
        found.note = _("The draft has no provision „%(provision)s“: choose one, or save it as written.",
                       provision=row.provision)
        return found
    found.note = _("The provision „%(provision)s“ could not be read: choose where the comment belongs.",
                   provision=row.provision)
    return found


class _Index:
    """A list of provisions looked up by key, by a name as written (label, short form, citation) and by numbers.

    Built once per upload: each row then costs a few dictionary look-ups, however long the draft.
    """

    def __init__(self, provisions: list[Provision]) -> None:
        self.provisions = provisions
        self.by_id = {str(p.id): p for p in provisions}
        self.by_name: dict[str, Provision] = {}
        self.by_numbers: dict[tuple, Provision] = {}
        for provision in provisions:
            for name in (provision.label, provision.short, provision.citation):
                if name:
                    self.by_name.setdefault(phrase_key(name), provision)
            self.by_numbers.setdefault((provision.scope, provision.article, provision.part, provision.point), provision)

    def anchor(self, row: CommentRow) -> Provision | None:
        """The provision a row names: by its key and label, by a label or citation as written, else by numbers."""
        keyed = self.by_id.get(row.key.strip()) if row.key else None
        if keyed is not None and same_phrase(row.provision, keyed.label):
            return keyed
        named = self.by_name.get(phrase_key(row.provision))
        if named is not None:
            return named
        ref = row.ref
        if ref is None or ref.chapter is not None:
            return None
        return self.by_numbers.get((ref.scope, *ref.numbers))


def _typed(ref: ProvisionRef) -> tuple[str, str, str]:
    """The numbers as a comment typed by hand holds them; an amended article keeps the Seimas form "1 (5)"."""
    article = ref.article or ""
    if ref.scope and ref.scope.endswith(" str.") and article:
        article = f"{ref.scope[:-len(' str.')]} ({article})"
    return article[:16], (ref.part or "")[:16], (ref.point or "")[:16]


def confirm_comment_import(draft_id: int, user: User, items: object) -> list[Comment]:
    """Save the rows the specialist kept as the municipality's comments, each where they chose.

    ``items``: dicts with ``choice`` ("p<id>", "typed", "general" or "" to leave out), ``text``,
    ``wording``, and for "typed" ``article`` / ``part`` / ``point``. Every kept row is checked before the
    first is saved, so a mistake in one row saves none; each is then saved as a comment typed in the page.
    """
    draft, _invitation = _open_answer(draft_id, user)
    if not isinstance(items, list) or len(items) > MAX_ROWS:
        message = _("The rows of the table did not arrive: upload the file again.")
        raise Invalid(message, {"rows": message})
    payloads, errors = [], {}
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not item.get("choice"):
            continue
        try:
            payloads.append(_payload(draft, item))
        except Invalid as exc:
            errors[f"row-{item.get('index', position)}"] = exc.detail
    if errors:
        raise Invalid(_("Some rows cannot be saved as they are: see the rows marked below."), errors)
    if not payloads:
        message = _("Choose at least one comment to save.")
        raise Invalid(message, {"rows": message})
    return [consultation.add_comment(draft, user, payload) for payload in payloads]


def _payload(draft: Draft, item: dict) -> dict:
    """The comment service's payload for one kept row, checked as the service will check it."""
    payload = {"text": item.get("text"), "proposed_wording": item.get("wording") or None}
    text_field(payload, "text")
    text_field(payload, "proposed_wording", required=False)
    choice = item.get("choice")
    if choice == TYPED:
        payload.update({name: item.get(name) or None for name in ("article", "part", "point")})
        if not any(payload.get(name) for name in ("article", "part", "point")):
            raise Invalid(_("Choose the provision the comment is on."))
    elif isinstance(choice, str) and choice.startswith("p") and choice[1:].isdigit():
        payload["provision_id"] = int(choice[1:])
    elif choice != GENERAL:
        raise Invalid(_("Choose the provision the comment is on."))
    check_open_for_comment(draft, consultation.provision_values(draft, payload))
    return payload
