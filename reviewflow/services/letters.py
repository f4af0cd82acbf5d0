"""Response letters: numbering, versions, background rendering from the database, templates, exports."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import selectinload

from reviewflow.documents.annex import render_annex
from reviewflow.documents.letter import LetterData, LetterProposal, render_letter, validate_template
from reviewflow.documents.structure import provision_label, provision_sort_key
from reviewflow.documents.xlsx import render_comments_xlsx
from reviewflow.errors import Conflict, Forbidden, NotFound
from reviewflow.extensions import db
from reviewflow.models import (
    AuditEntry,
    BoardDecision,
    Comment,
    Decision,
    Draft,
    DraftKind,
    DraftState,
    Letter,
    LetterNumberSequence,
    LetterStatus,
    LetterTemplate,
    OutboxJob,
    PositionVersion,
    User,
)
from reviewflow.models.base import utcnow
from reviewflow.permissions import can_manage_users, is_lsa_staff
from reviewflow.services import files, outbox
from reviewflow.services.clock import vilnius_today
from reviewflow.services.drafts import get_draft_for

RENDER_TASK = "reviewflow.render_letter"
OPINION_LT = {
    Decision.ACCEPTED: "Pritarti",
    Decision.PARTLY_ACCEPTED: "Pritarti iš dalies",
    Decision.REJECTED: "Nepritarti",
}
KIND_GENITIVE = {
    DraftKind.LAW: "įstatymo",
    DraftKind.GOVERNMENT_RESOLUTION: "Lietuvos Respublikos Vyriausybės nutarimo",
    DraftKind.MINISTERIAL_ORDER: "ministro įsakymo",
    DraftKind.OTHER: "teisės akto",
}


def _folder() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / "letters"


def next_letter_number(year: int) -> str:
    """The next outgoing number of ``year``: never repeated, never skipped (the row lock serialises
    concurrent approvals, and a rolled-back approval gives its number back with its transaction)."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.session.execute(
        insert(LetterNumberSequence).values(year=year, last=0).on_conflict_do_nothing(index_elements=["year"])
    )
    seq = db.session.execute(
        update(LetterNumberSequence).where(LetterNumberSequence.year == year)
        .values(last=LetterNumberSequence.last + 1).returning(LetterNumberSequence.last)
    ).scalar_one()
    pattern = current_app.config["LETTER_NUMBER_PATTERN"]
    return pattern.format(year=year, seq=seq)


def create_letter(draft: Draft, user: User) -> Letter:
    """Number the letter and queue its rendering; part of the approval's transaction."""
    letter = Letter(draft_id=draft.id, version=1, our_number=next_letter_number(vilnius_today().year),
                    requested_by_id=user.id)
    db.session.add(letter)
    db.session.flush()
    outbox.enqueue(RENDER_TASK, f"letter:{letter.id}", letter_id=letter.id)
    return letter


def latest_letter(draft_id: int) -> Letter | None:
    """The newest version of the draft's letter."""
    return db.session.scalar(
        select(Letter).where(Letter.draft_id == draft_id).order_by(Letter.version.desc()).limit(1)
    )


def letter_versions(draft_id: int) -> list[Letter]:
    """Every version of the draft's letter, newest first."""
    return list(db.session.scalars(
        select(Letter).where(Letter.draft_id == draft_id).order_by(Letter.version.desc())
    ))


def regenerate_letter(draft_id: int, user: User) -> Letter:
    """A new version of the letter with the same outgoing number; older versions are kept."""
    draft = get_draft_for(draft_id, user, lock=True)
    if not is_lsa_staff(user):
        raise Forbidden(_("Only LSA lawyers and administrators regenerate letters."))
    latest = latest_letter(draft.id)
    if latest is None or draft.state not in (DraftState.APPROVED, DraftState.SENT):
        raise Conflict(_("A letter is made once the board has approved the position."))
    if latest.status in (LetterStatus.QUEUED, LetterStatus.RENDERING):
        raise Conflict(_("The letter is being made right now: wait until it is ready."))
    letter = Letter(draft_id=draft.id, version=latest.version + 1, our_number=latest.our_number,
                    requested_by_id=user.id)
    db.session.add(letter)
    db.session.flush()
    db.session.add(AuditEntry(draft_id=draft.id, actor_id=user.id, action="regenerate_letter",
                              payload={"version": letter.version}))
    outbox.enqueue(RENDER_TASK, f"letter:{letter.id}", letter_id=letter.id)
    outbox.commit()
    return letter


def _short(article, part, point) -> str:
    parts = [f"{article} str." if article else "", f"{part} d." if part else "", f"{point} p." if point else ""]
    return " ".join(p for p in parts if p) or "Bendrai"


def letter_proposals(draft_id: int) -> list[LetterProposal]:
    """Decided top-level proposals in provision order, merged proposers listed with their own."""
    comments = db.session.scalars(
        select(Comment).where(Comment.draft_id == draft_id)
        .options(selectinload(Comment.municipality)).order_by(Comment.created_at, Comment.id)
    ).all()
    merged: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.merged_into_id:
            merged.setdefault(comment.merged_into_id, []).append(comment)
    top = [c for c in comments if not c.merged_into_id and c.decision is not None]
    top.sort(key=lambda c: (provision_sort_key(c.article, c.part, c.point), c.created_at, c.id))
    proposals = []
    for number, c in enumerate(top, start=1):
        proposers = [(x.municipality.name, x.created_at.date()) for x in [c, *merged.get(c.id, [])]]
        proposals.append(LetterProposal(
            number=number, proposers=proposers,
            provision_label=provision_label(c.article, c.part, c.point) if c.article or c.point else "",
            provision_short=_short(c.article, c.part, c.point), content=c.text,
            proposed_wording=c.proposed_wording, decision=c.decision.value,
            lsa_opinion_lt=OPINION_LT[c.decision], reasons=c.reasons,
        ))
    return proposals


def build_letter_data(letter: Letter) -> LetterData:
    """Everything the letter says, read from the database."""
    config = current_app.config
    draft = db.session.get(Draft, letter.draft_id)
    decision = db.session.scalar(select(BoardDecision).where(BoardDecision.draft_id == draft.id)
                                 .order_by(BoardDecision.id.desc()).limit(1))
    position = db.session.scalar(select(PositionVersion).where(
        PositionVersion.draft_id == draft.id,
        PositionVersion.version == (decision.position_version if decision else 0),
    ))
    all_proposals = letter_proposals(draft.id)
    supported = [p for p in all_proposals if p.decision != Decision.REJECTED.value]
    body = [LetterProposal(**{**p.__dict__, "number": n}) for n, p in enumerate(supported, start=1)]
    title = draft.title.strip()
    if title.lower().endswith(" projektas"):
        title = title[: -len(" projektas")]
    lawyer = draft.lawyer
    return LetterData(
        lsa_name=config["LSA_NAME"], lsa_address=config["LSA_ADDRESS"], lsa_phone=config["LSA_PHONE"],
        lsa_email=config["LSA_EMAIL"], lsa_jar_code=config["LSA_JAR_CODE"],
        addressee_dative=draft.institution.name_lt_dative, letter_date=vilnius_today(),
        our_number=letter.our_number, their_letter_date=draft.incoming_letter_date,
        their_letter_number=draft.incoming_letter_number, draft_title=title, draft_number=draft.number_raw,
        draft_kind=KIND_GENITIVE[draft.kind], is_seimas_conclusion="Seimas" in draft.institution.name_lt,
        stance=position.stance.value if position else "supports",
        position_text=position.text if position else "", proposals=body,
        annex_separate=config["LETTER_ANNEX_SEPARATE"], signatory_position=config["LETTER_SIGNATORY_POSITION"],
        signatory_name=config["LETTER_SIGNATORY_NAME"],
        drafter_name=lawyer.name if lawyer else "",
        drafter_contacts=lawyer.email if lawyer else config["LSA_EMAIL"],
    )


def active_template(kind: str = "letter") -> bytes | None:
    """The newest uploaded template of ``kind``, or ``None`` for the one that ships."""
    record = db.session.scalar(select(LetterTemplate).where(
        LetterTemplate.kind == kind, LetterTemplate.active.is_(True)
    ).order_by(LetterTemplate.id.desc()).limit(1))
    return files.read_stored(_folder(), record.stored_name) if record else None


RENDER_STALE_AFTER = timedelta(minutes=10)


def _take_letter(letter_id: int) -> bool:
    """Move the letter to "rendering" unless another delivery holds it: a compare-and-set in SQL,
    so two workers given the same job (a redelivery, a sweep) never render it twice at once."""
    now = utcnow()
    taken = db.session.execute(
        update(Letter).where(
            Letter.id == letter_id,
            or_(Letter.status == LetterStatus.QUEUED,
                and_(Letter.status == LetterStatus.RENDERING, Letter.started_at < now - RENDER_STALE_AFTER)),
        ).values(status=LetterStatus.RENDERING, started_at=now)
    ).rowcount
    db.session.commit()
    return bool(taken)


def render_letter_job(job_id: int) -> bool:
    """The Celery task's body: render one letter version; a repeated delivery does nothing."""
    job = outbox.claim_job(job_id)
    if job is None:
        db.session.commit()
        return False
    letter_id = job.args["letter_id"]
    db.session.commit()
    if not _take_letter(letter_id):
        letter = db.session.get(Letter, letter_id)
        if letter is None or letter.status in (LetterStatus.READY, LetterStatus.FAILED):
            outbox.finish_job(db.session.get(OutboxJob, job_id))
            db.session.commit()
        return False  # being rendered by another delivery right now
    letter = db.session.get(Letter, letter_id)
    job = db.session.get(OutboxJob, job_id)
    try:
        data = build_letter_data(letter)
        document = render_letter(data, active_template("letter"))
        annex = render_annex(data, active_template("annex")) if data.annex_separate else None
    except Exception as exc:  # a template or data problem: record it for the people, do not retry
        current_app.logger.exception("letter %s failed", letter.id)
        letter.status, letter.error, letter.finished_at = LetterStatus.FAILED, str(exc)[:2000], utcnow()
        outbox.finish_job(job)
        db.session.commit()
        return False
    letter.stored_name = files.store_file(_folder(), document, ".docx")
    letter.annex_stored_name = files.store_file(_folder(), annex, ".docx") if annex else None
    letter.status, letter.error, letter.finished_at = LetterStatus.READY, None, utcnow()
    outbox.finish_job(job)
    db.session.commit()
    return True


def read_letter(draft_id: int, user: User, version: int | None = None, annex: bool = False):
    """``(letter, bytes | None)``: bytes when ready; :class:`NotFound` when there is no letter."""
    draft = get_draft_for(draft_id, user)
    query = select(Letter).where(Letter.draft_id == draft.id)
    query = query.where(Letter.version == version) if version else query.order_by(Letter.version.desc())
    letter = db.session.scalar(query.limit(1))
    if letter is None:
        raise NotFound(_("There is no letter for this draft yet."))
    if letter.status != LetterStatus.READY:
        return letter, None
    name = letter.annex_stored_name if annex else letter.stored_name
    if name is None:
        raise NotFound(_("This letter has no separate annex."))
    return letter, files.read_stored(_folder(), name)


def upload_template(user: User, kind: str, filename: str, data: bytes) -> LetterTemplate:
    """Accept a replacement Word template only after it renders the sample data cleanly."""
    if not can_manage_users(user):
        raise Forbidden(_("Only administrators replace the letter template."))
    files.validate_upload(filename, data, current_app.config["MAX_UPLOAD_BYTES"], allowed=("docx",))
    validate_template(data)
    stored = files.store_file(_folder(), data, ".docx")
    record = LetterTemplate(kind=kind, original_name=files.safe_display_name(filename), stored_name=stored,
                            uploaded_by_id=user.id)
    db.session.add(record)
    db.session.commit()
    return record


COMMENT_COLUMNS = [
    ("no", "Eil. Nr."), ("municipality", "Savivaldybė"), ("author", "Teikėjas"), ("date", "Data"),
    ("provision", "Siūloma keisti"), ("text", "Pasiūlymo turinys"), ("wording", "Siūloma redakcija"),
    ("late", "Pavėluota"), ("decision", "LSA nuomonė"), ("reasons", "Argumentai"), ("merged_into", "Sujungta su"),
]


def comments_xlsx(draft_id: int, user: User) -> bytes:
    """The full comments table as XLSX, for LSA's own work."""
    draft = get_draft_for(draft_id, user)
    if not is_lsa_staff(user):
        raise Forbidden(_("Only LSA lawyers and administrators export the comments table."))
    comments = db.session.scalars(
        select(Comment).where(Comment.draft_id == draft.id)
        .options(selectinload(Comment.municipality), selectinload(Comment.author))
    ).all()
    comments = sorted(comments, key=lambda c: (provision_sort_key(c.article, c.part, c.point), c.id))
    rows = [{
        "no": n, "municipality": c.municipality.name, "author": c.author.name,
        "date": c.created_at.date().isoformat(), "provision": _short(c.article, c.part, c.point),
        "text": c.text, "wording": c.proposed_wording or "", "late": "taip" if c.late else "",
        "decision": OPINION_LT.get(c.decision, "") if c.decision else "", "reasons": c.reasons or "",
        "merged_into": c.merged_into_id or "",
    } for n, c in enumerate(comments, start=1)]
    return render_comments_xlsx(rows, COMMENT_COLUMNS)

