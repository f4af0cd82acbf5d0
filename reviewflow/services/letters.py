"""Response letters: numbering, versions, background rendering from the database, templates, exports."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import selectinload

from reviewflow.documents.letter import (
    LetterData,
    LetterProposal,
    letter_with_pdf,
    opening_text,
    render_annex,
    render_letter,
    subject_line,
    validate_template,
)
from reviewflow.documents.pdf import ConversionError
from reviewflow.documents.structure import provision_label
from reviewflow.errors import Conflict, Forbidden, Invalid, NotFound
from reviewflow.extensions import db
from reviewflow.models import (
    AuditEntry,
    BoardDecision,
    Comment,
    Decision,
    Draft,
    DraftState,
    Letter,
    LetterNumberSequence,
    LetterStatus,
    LetterTemplate,
    OutboxJob,
    PositionVersion,
    ProposalOrigin,
    Signatory,
    Stance,
    User,
)
from reviewflow.models.base import utcnow
from reviewflow.permissions import can_manage_users, can_read_letter, is_lsa_staff
from reviewflow.services import files, outbox
from reviewflow.services.clock import vilnius_date, vilnius_today
from reviewflow.services.drafts import get_draft_for

RENDER_TASK = "reviewflow.render_letter"
OPINION_LT = {
    Decision.ACCEPTED: "Pritarti",
    Decision.PARTLY_ACCEPTED: "Pritarti iš dalies",
    Decision.REJECTED: "Nepritarti",
}
LSA_PROPOSER = "Lietuvos savivaldybių asociacija"


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


def short_provision(article, part, point, general: str = "Bendrai") -> str:
    """The provision as a table column writes it ("3 str. 2 d."), ``general`` for a general remark."""
    parts = [f"{article} str." if article else "", f"{part} d." if part else "", f"{point} p." if point else ""]
    return " ".join(p for p in parts if p) or general


def _issuer(draft: Draft) -> str | None:
    """The issuer of a ministerial order in the genitive ("… sveikatos apsaugos ministro"), if known."""
    from reviewflow.documents.titles import minister_genitive

    return minister_genitive(draft.institution.name_lt if draft.institution else None)


def act_name(draft: Draft) -> str:
    """The act's name in the genitive and in normal case, as the body cites it ("… pateiktą <this> projektą")."""
    # Imported here so this module imports before documents/titles.py is in place.
    from reviewflow.documents.titles import act_genitive

    return act_genitive(draft.title, draft.kind.value, _issuer(draft))


def is_seimas_conclusion(draft: Draft) -> bool:
    """A Seimas committee asks for a conclusion (išvada); everyone else for coordination (derinimas)."""
    return "Seimas" in draft.institution.name_lt or "Seimo" in draft.institution.name_lt


def generated_subject(draft: Draft) -> str:
    """The subject line made from the title: "DĖL … PROJEKTO NR. … DERINIMO" (or "… IŠVADOS")."""
    return subject_line(act_name(draft), draft.number_raw, is_seimas_conclusion(draft))


def letter_subject_for(draft: Draft) -> str:
    """The letter's subject line: the lawyer's correction when there is one, else the generated one."""
    corrected = " ".join((draft.letter_subject or "").split())
    return corrected or generated_subject(draft)


def opening_sentence(draft: Draft, stance: Stance | str) -> str:
    """The letter's first sentence for ``stance``, exactly as the letter will print it."""
    return opening_text(
        their_letter_date=draft.incoming_letter_date, their_letter_number=draft.incoming_letter_number,
        act_genitive=act_name(draft), draft_number=draft.number_raw, stance=Stance(stance).value,
        is_seimas_conclusion=is_seimas_conclusion(draft),
    )


def _proposer(comment: Comment, draft: Draft) -> tuple[str, object]:
    """Who made a proposal, as the annex names them, with the Vilnius date it was made.

    LSA's own proposals name LSA: "Lietuvos savivaldybių asociacija" when its lawyer added it, or
    "LSA <committee>" when a member of the draft's committee did (the committee is LSA's own body).
    """
    day = vilnius_date(comment.created_at)
    if comment.origin == ProposalOrigin.LSA or comment.municipality is None:
        author = comment.author
        committee = draft.committee
        if (committee is not None and author is not None and not is_lsa_staff(author)
                and committee.id in author.committee_ids):
            return f"LSA {committee.name_lt}", day
        return LSA_PROPOSER, day
    return comment.municipality.name, day


def letter_proposals(draft_id: int) -> list[LetterProposal]:
    """What LSA proposes, in LSA's words and in the draft's order: accepted and partly accepted proposals
    (LSA's own included), each once, with every municipality that made it; rejected ones are left out."""
    from reviewflow.services.consolidation import Anchors

    draft = db.session.get(Draft, draft_id)
    comments = db.session.scalars(
        select(Comment).where(Comment.draft_id == draft_id)
        .options(selectinload(Comment.municipality), selectinload(Comment.author))
        .order_by(Comment.created_at, Comment.id)
    ).all()
    merged: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.merged_into_id:
            merged.setdefault(comment.merged_into_id, []).append(comment)
    anchors = Anchors(draft_id)
    top = [c for c in comments if not c.merged_into_id and c.decision in (Decision.ACCEPTED, Decision.PARTLY_ACCEPTED)]
    top.sort(key=lambda c: (anchors.order(c), c.created_at, c.id))
    proposals = []
    for number, c in enumerate(top, start=1):
        provision = anchors.provision_of(c)
        group = [c, *merged.get(c.id, [])]
        proposers = list(dict.fromkeys(_proposer(x, draft) for x in group))
        # LSA's words; a legacy row decided before LSA's words existed falls back to the municipality's.
        content = c.lsa_text if c.lsa_text is not None else c.text
        wording = c.lsa_wording if c.lsa_text is not None else (c.lsa_wording or c.proposed_wording)
        label = provision_label(c.article, c.part, c.point) if c.article or c.part or c.point else ""
        proposals.append(LetterProposal(
            number=number, proposers=proposers,
            provision_label=label,
            provision_short=(provision.short if provision and provision.short
                             else short_provision(c.article, c.part, c.point, general="")),
            content=content, proposed_wording=wording, decision=c.decision.value,
            lsa_opinion_lt=OPINION_LT[c.decision], reasons=c.reasons,
            citation=provision.citation if provision and provision.citation else None,
        ))
    return proposals


def letter_signatory(draft: Draft) -> tuple[str, str]:
    """``(position, name)`` of who signs: the draft's signatory, else the default active one, else the
    configured one (an installation that has not set up signatories yet)."""
    signatory = draft.signatory if draft.signatory is not None and draft.signatory.active else None
    if signatory is None:
        signatory = db.session.scalar(
            select(Signatory).where(Signatory.active.is_(True))
            .order_by(Signatory.is_default.desc(), Signatory.id).limit(1)
        )
    if signatory is not None:
        return signatory.position, signatory.name
    config = current_app.config
    return config["LETTER_SIGNATORY_POSITION"], config["LETTER_SIGNATORY_NAME"]


def build_letter_data(letter: Letter) -> LetterData:
    """Everything the letter says, read from the database (the signatory as snapshotted on the letter)."""
    config = current_app.config
    draft = db.session.get(Draft, letter.draft_id)
    decision = db.session.scalar(select(BoardDecision).where(BoardDecision.draft_id == draft.id)
                                 .order_by(BoardDecision.id.desc()).limit(1))
    position = db.session.scalar(select(PositionVersion).where(
        PositionVersion.draft_id == draft.id,
        PositionVersion.version == (decision.position_version if decision else 0),
    ))
    if letter.signatory_name is None:
        letter.signatory_position, letter.signatory_name = letter_signatory(draft)
    lawyer = draft.lawyer
    return LetterData(
        lsa_name=config["LSA_NAME"], lsa_address=config["LSA_ADDRESS"], lsa_phone=config["LSA_PHONE"],
        lsa_email=config["LSA_EMAIL"], lsa_jar_code=config["LSA_JAR_CODE"],
        addressee_dative=draft.institution.name_lt_dative, letter_date=vilnius_today(),
        our_number=letter.our_number, their_letter_date=draft.incoming_letter_date,
        their_letter_number=draft.incoming_letter_number, draft_title=act_name(draft),
        draft_number=draft.number_raw, draft_kind="", is_seimas_conclusion=is_seimas_conclusion(draft),
        stance=position.stance.value if position else "supports",
        position_text=position.text if position else "", proposals=letter_proposals(draft.id),
        annex_separate=config["LETTER_ANNEX_SEPARATE"], signatory_position=letter.signatory_position or "",
        signatory_name=letter.signatory_name or "",
        drafter_name=lawyer.name if lawyer else "",
        drafter_contacts=lawyer.email if lawyer else config["LSA_EMAIL"],
        annex_pages=letter.annex_pages, subject=draft.letter_subject,
    )


def active_template(kind: str = "letter") -> bytes | None:
    """The newest uploaded template of ``kind``, or ``None`` for the one that ships."""
    record = db.session.scalar(select(LetterTemplate).where(
        LetterTemplate.kind == kind, LetterTemplate.active.is_(True)
    ).order_by(LetterTemplate.id.desc()).limit(1))
    return files.read_stored(_folder(), record.stored_name) if record else None


def template_in_use(kind: str = "letter") -> tuple[bytes, bool]:
    """The Word template now used for ``kind`` ("letter" / "annex") and whether it is an uploaded one:
    what an administrator downloads to edit in Word and upload back."""
    from reviewflow.documents.annex import DEFAULT_ANNEX_TEMPLATE
    from reviewflow.documents.letter import DEFAULT_TEMPLATE

    uploaded = active_template(kind)
    if uploaded is not None:
        return uploaded, True
    return (DEFAULT_TEMPLATE if kind == "letter" else DEFAULT_ANNEX_TEMPLATE).read_bytes(), False


def render_stale_after() -> timedelta:
    """How old a render's ``started_at`` may grow before it counts as dead and is taken over.

    A render refreshes ``started_at`` while it works (services/render_recovery.py), so a holder this
    much older belongs to a killed worker. ``RENDER_STALE_SECONDS`` in the configuration (default 45).
    """
    return timedelta(seconds=current_app.config.get("RENDER_STALE_SECONDS", 45))


def _take_letter(letter_id: int) -> bool:
    """Move the letter to "rendering" unless another delivery holds it: a compare-and-set in SQL,
    so two workers given the same job (a redelivery, a sweep) never render it twice at once."""
    now = utcnow()
    taken = db.session.execute(
        update(Letter).where(
            Letter.id == letter_id,
            or_(Letter.status == LetterStatus.QUEUED,
                and_(Letter.status == LetterStatus.RENDERING, Letter.started_at < now - render_stale_after())),
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
        letter_template, annex_template = active_template("letter"), active_template("annex")
        document = render_letter(data, letter_template)
        annex = render_annex(data, annex_template) if data.annex_separate else None
    except Exception as exc:  # a template or data problem: record it for the people, do not retry
        current_app.logger.exception("letter %s failed", letter.id)
        letter.status, letter.error, letter.finished_at = LetterStatus.FAILED, str(exc)[:2000], utcnow()
        outbox.finish_job(job)
        db.session.commit()
        return False
    # End the read transaction before LibreOffice's seconds of work: on SQLite an open transaction holds
    # a lock that makes every writer of the web app wait (and fail with "database is locked").
    db.session.commit()
    pdf, annex_pages, pdf_error = None, None, None
    try:
        timeout = float(current_app.config["LETTER_PDF_TIMEOUT_SECONDS"])
        document, pdf, annex_pages = letter_with_pdf(data, document, annex, letter_template, timeout)
    except (ConversionError, Invalid) as exc:
        # The DOCX is good and stays READY; the missing PDF is said on the letter's status, with why.
        current_app.logger.warning("letter %s: no PDF: %s", letter_id, exc)
        pdf_error = str(exc)[:2000] or type(exc).__name__
    letter = db.session.get(Letter, letter_id)
    job = db.session.get(OutboxJob, job_id)
    letter.annex_pages, letter.pdf_error = annex_pages, pdf_error
    letter.stored_name = files.store_file(_folder(), document, ".docx")
    letter.annex_stored_name = files.store_file(_folder(), annex, ".docx") if annex else None
    letter.pdf_stored_name = files.store_file(_folder(), pdf, ".pdf") if pdf else None
    letter.status, letter.error, letter.finished_at = LetterStatus.READY, None, utcnow()
    outbox.finish_job(job)
    db.session.commit()
    return True


def read_letter(draft_id: int, user: User, version: int | None = None, annex: bool = False,
                fmt: str = "docx"):
    """``(letter, bytes | None)``: bytes when ready; :class:`NotFound` when there is no letter (or no PDF
    of it: :class:`Conflict` with the reason when its conversion failed). Only those who may read the
    letter get it (:func:`can_read_letter`: municipalities once it is sent)."""
    draft = get_draft_for(draft_id, user)
    if not can_read_letter(user, draft):
        raise Forbidden(_("The letter is shared with municipalities once LSA has sent it."))
    query = select(Letter).where(Letter.draft_id == draft.id)
    query = query.where(Letter.version == version) if version else query.order_by(Letter.version.desc())
    letter = db.session.scalar(query.limit(1))
    if letter is None:
        raise NotFound(_("There is no letter for this draft yet."))
    if letter.status != LetterStatus.READY:
        return letter, None
    if fmt == "pdf":
        if letter.pdf_stored_name is None:
            if letter.pdf_error:
                raise Conflict(_("The PDF of this letter could not be made: %(reason)s", reason=letter.pdf_error))
            raise NotFound(_("This letter version has no PDF."))
        return letter, files.read_stored(_folder(), letter.pdf_stored_name)
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
