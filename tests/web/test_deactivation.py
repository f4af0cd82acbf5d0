"""Deactivating a lawyer hands their open drafts over in the same step; drafts left with an inactive
lawyer show on the administrator's home."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reviewflow.models import AuditEntry, Draft, Notification
from reviewflow.services import accounts, lifecycle
from reviewflow.services.drafts import register_draft
from tests.conftest import login
from tests.services.conftest import cast, draft_payload, registered  # noqa: F401


@pytest.fixture
def two_drafts(cast, registered, draft_payload):  # noqa: F811
    """Two open drafts of the lawyer, with the IVPK committee."""
    second = register_draft({**draft_payload, "number": "XIVP-3000"}, cast["lawyer"]).draft
    for draft in (registered, second):
        lifecycle.fire_transition(draft.id, "assign", cast["admin"],
                                  {"lawyer": cast["lawyer"].email, "committee": "IVPK"})
    return registered, second


@pytest.fixture
def admin_client(app, cast):  # noqa: F811
    client = app.test_client()
    assert login(client, cast["admin"].email).status_code == 302
    return client


def test_the_deactivation_step_lists_the_drafts_and_offers_the_other_lawyers(admin_client, cast,  # noqa: F811
                                                                             two_drafts):
    lawyer = cast["lawyer"]
    page = admin_client.get(f"/admin/users/{lawyer.id}/deactivation")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "XIVP-2435(2)" in html and "XIVP-3000" in html
    assert f'value="{cast["other_lawyer"].email}"' in html and f'value="{lawyer.email}"' not in html
    # The users list leads there; the old one-click deactivation does too while drafts are open.
    assert f"/admin/users/{lawyer.id}/deactivation" in admin_client.get("/admin/users").get_data(as_text=True)
    answer = admin_client.post(f"/admin/users/{lawyer.id}/deactivate")
    assert answer.status_code == 302 and answer.headers["Location"].endswith(f"/admin/users/{lawyer.id}/deactivation")
    assert accounts.get_user(lawyer.id).active


def test_a_missing_successor_changes_nothing(admin_client, cast, two_drafts, db):  # noqa: F811
    first, second = two_drafts
    lawyer = cast["lawyer"]
    answer = admin_client.post(f"/admin/users/{lawyer.id}/deactivation",
                               data={"all": "", f"draft_{first.id}": cast["other_lawyer"].email})
    assert answer.status_code == 422
    assert "XIVP-3000" in answer.get_data(as_text=True)
    db.session.expire_all()
    assert accounts.get_user(lawyer.id).active
    assert {d.lawyer_id for d in db.session.scalars(select(Draft))} == {lawyer.id}


def test_one_lawyer_for_all_with_one_exception_then_the_user_is_deactivated(admin_client, cast, two_drafts,  # noqa: F811
                                                                            make_user, db):
    first, second = two_drafts
    lawyer, other, third = cast["lawyer"], cast["other_lawyer"], make_user("lawyer")
    answer = admin_client.post(f"/admin/users/{lawyer.id}/deactivation",
                               data={"all": other.email, f"draft_{second.id}": third.email})
    assert answer.status_code == 302
    db.session.expire_all()
    assert not accounts.get_user(lawyer.id).active
    assert db.session.get(Draft, first.id).lawyer_id == other.id
    assert db.session.get(Draft, second.id).lawyer_id == third.id
    assert db.session.get(Draft, first.id).committee.code == "IVPK"  # the committee stays
    audit = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "reassign")).all()
    assert sorted(a.payload["after"]["lawyer"] for a in audit) == sorted([other.email, third.email])
    notified = db.session.scalars(select(Notification.user_id).where(Notification.kind == "assigned",
                                                                     Notification.draft_id.in_([first.id, second.id])))
    assert {other.id, third.id} <= set(notified)


def test_the_admins_home_lists_open_drafts_whose_lawyer_is_inactive(admin_client, cast, two_drafts, db):  # noqa: F811
    first, _second = two_drafts
    assert 'id="orphaned-drafts"' not in admin_client.get("/").get_data(as_text=True)
    accounts.set_user_active(cast["lawyer"].id, False)  # deactivated some other way (the edit form, the API)
    home = admin_client.get("/").get_data(as_text=True)
    assert 'id="orphaned-drafts"' in home
    assert "XIVP-2435(2)" in home and "XIVP-3000" in home and f"/drafts/{first.id}/reassign" in home
    lawyer_client = cast["other_lawyer"]
    other = admin_client.application.test_client()
    login(other, lawyer_client.email)
    assert 'id="orphaned-drafts"' not in other.get("/").get_data(as_text=True)  # administrators only
