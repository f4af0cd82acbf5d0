"""The demo dataset loads through the real services and a second load duplicates nothing."""

from sqlalchemy import func, select

from reviewflow.models import Comment, Draft, DraftState, User
from reviewflow.services.demo import load_demo_data


def test_demo_data_is_idempotent(app, db):
    load_demo_data()
    counts = (db.session.scalar(select(func.count(User.id))), db.session.scalar(select(func.count(Draft.id))),
              db.session.scalar(select(func.count(Comment.id))))
    load_demo_data()
    again = (db.session.scalar(select(func.count(User.id))), db.session.scalar(select(func.count(Draft.id))),
             db.session.scalar(select(func.count(Comment.id))))
    assert counts == again == (7, 5, 6)
    states = set(db.session.scalars(select(Draft.state)))
    assert states == {DraftState.REGISTERED, DraftState.CONSULTATION, DraftState.CONSOLIDATION,
                      DraftState.APPROVED}


def test_a_demo_draft_has_its_text_so_a_newcomer_can_comment_on_provisions(app, db):
    from reviewflow.models import Provision

    load_demo_data()
    draft = db.session.scalar(select(Draft).where(Draft.number_raw == "XIVP-3597"))
    assert draft.state == DraftState.CONSULTATION and [f.original_name for f in draft.files] == ["projektas.docx"]
    labels = list(db.session.scalars(select(Provision.label).where(Provision.draft_id == draft.id)
                                     .order_by(Provision.position)))
    assert labels[:2] == ["1 straipsnis", "1 straipsniu keičiamo 7 straipsnio 2 dalis"]
    assert "3 straipsnio 2 dalis" in labels and len(labels) >= 8


def test_a_closed_demo_consultation_counts_the_same_answers_in_its_history_and_its_summary(app, db):
    from flask_babel import force_locale

    from reviewflow.models import AnswerStatus, AuditEntry, Invitation
    from reviewflow.services.timeline_text import entry_text, load_names

    load_demo_data()
    draft = db.session.scalar(select(Draft).where(Draft.number_raw == "26-1022"))
    invitations = list(db.session.scalars(select(Invitation).where(Invitation.draft_id == draft.id)))
    answered = [i for i in invitations if i.status != AnswerStatus.PENDING]
    # No answer after closing: none of the demo's municipalities had its deadline extended.
    assert all(i.answered_at <= draft.consultation_closed_at for i in answered)
    closing = db.session.scalar(select(AuditEntry).where(AuditEntry.draft_id == draft.id,
                                                         AuditEntry.action == "close_consultation"))
    with app.test_request_context(), force_locale("lt"):
        text = entry_text(closing, load_names([closing]))
    assert len(answered) == 2
    assert text == ("Baigtas savivaldybių konsultavimas (gauta atsakymų: 2); "
                    "iš jų baigiant konsultavimą su įvestomis pastabomis pateikta: 1")
