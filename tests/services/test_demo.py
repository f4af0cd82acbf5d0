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
    assert counts == again == (7, 4, 6)
    states = set(db.session.scalars(select(Draft.state)))
    assert states == {DraftState.REGISTERED, DraftState.CONSULTATION, DraftState.CONSOLIDATION,
                      DraftState.APPROVED}
