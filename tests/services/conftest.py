"""Fixtures for the lifecycle services: a cast of users and a registered draft."""

from __future__ import annotations

from datetime import timedelta

import pytest

from reviewflow.models.base import utcnow
from reviewflow.services.clock import vilnius_today


@pytest.fixture
def cast(make_user, db):
    """One person per role; the board member signed in just now."""
    people = {
        "admin": make_user("admin"),
        "lawyer": make_user("lawyer"),
        "other_lawyer": make_user("lawyer"),
        "vilnius": make_user("specialist", municipality="LT-57"),
        "vilnius2": make_user("specialist", municipality="LT-57"),
        "kaunas": make_user("specialist", municipality="LT-15"),
        "ivpk": make_user("committee", committees=["IVPK"]),
        "fin": make_user("committee", committees=["FIN"]),
        "board": make_user("board"),
    }
    people["board"].last_login_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    return people


@pytest.fixture
def draft_payload():
    """A valid registration payload."""
    today = vilnius_today()
    return {
        "title": "Vietos savivaldos įstatymo Nr. I-533 pakeitimo įstatymo projektas",
        "number": "XIVP-2435(2)",
        "kind": "law",
        "institution": "Lietuvos Respublikos Seimas",
        "incoming_letter_number": "(13.2-31)-3-352",
        "incoming_letter_date": (today - timedelta(days=2)).isoformat(),
        "received_date": (today - timedelta(days=1)).isoformat(),
        "reply_deadline": (today + timedelta(days=40)).isoformat(),
    }


@pytest.fixture
def registered(cast, draft_payload):
    """A registered draft."""
    from reviewflow.services.drafts import register_draft

    return register_draft(draft_payload, cast["lawyer"]).draft
