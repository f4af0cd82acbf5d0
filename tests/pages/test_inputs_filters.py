"""The drafts list filters by kind of act and by received period, kept in the URL; bad values are named (issue 11)."""

from __future__ import annotations

from datetime import timedelta

from reviewflow.services import drafts
from reviewflow.services.clock import vilnius_today
from tests.pages.conftest import registration_payload
from tests.pages.test_forms import signed_in


def _register(lawyer, number: str, kind: str, received_days_ago: int):
    today = vilnius_today()
    payload = {**registration_payload(f"Projektas {number}"), "number": number, "kind": kind,
               "received_date": (today - timedelta(days=received_days_ago)).isoformat(),
               "incoming_letter_date": (today - timedelta(days=received_days_ago + 1)).isoformat()}
    return drafts.register_draft(payload, lawyer).draft


def test_kind_and_received_period_filter_the_list_and_stay_in_its_links(app, people):
    lawyer = people["lawyer"]
    _register(lawyer, "XIVP-1001", "law", 30)
    _register(lawyer, "XIVP-1002", "law", 3)
    _register(lawyer, "VN-1003", "government_resolution", 3)
    client = signed_in(app, lawyer)
    since = (vilnius_today() - timedelta(days=10)).isoformat()
    response = client.get(f"/drafts/?kind=law&received_from={since}&q=")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert ">XIVP-1002<" in page and ">XIVP-1001<" not in page and ">VN-1003<" not in page
    assert '<option selected value="law">' in page or '<option value="law" selected>' in page
    assert f'value="{since}"' in page  # the form shows the period it filtered by
    # The sort links (and the pager, built from the same args) keep the filters.
    assert f"kind=law&amp;received_from={since}" in page or f"received_from={since}&amp;kind=law" in page


def test_an_unknown_kind_or_a_backwards_received_period_is_refused_in_lithuanian(app, people):
    client = signed_in(app, people["lawyer"])
    response = client.get("/drafts/?kind=statute")
    assert response.status_code == 422
    assert "Nežinoma reikšmė „statute“: pasirinkite vieną iš sąrašo." in response.get_data(as_text=True)
    response = client.get("/drafts/?received_from=2026-12-10&received_to=2026-12-01")
    assert response.status_code == 422
    assert "Laikotarpio pabaiga (2026-12-01) yra ankstesnė nei jo pradžia (2026-12-10)." in \
        response.get_data(as_text=True)


def test_institution_lawyer_and_committee_filters_pick_exactly_their_drafts(app, people, make_user):
    """Each filter lists exactly the drafts of its institution, lawyer or committee, and together their intersection."""
    from reviewflow.services import lifecycle

    lawyer, other = people["lawyer"], make_user("lawyer", email="kitas@lsa.lt")
    seimas = _register(lawyer, "XIVP-2001", "law", 3)
    ministry = drafts.register_draft({**registration_payload("Ministro įsakymo projektas"), "number": "23-2002",
                                      "kind": "ministerial_order", "institution": "Lietuvos Respublikos vidaus reikalų "
                                      "ministerija"}, lawyer).draft
    lifecycle.fire_transition(seimas.id, "assign", lawyer, {"lawyer": other.email, "committee": "IVPK"},
                              recent_login=True)
    lifecycle.fire_transition(ministry.id, "assign", lawyer, {"lawyer": lawyer.email, "committee": "FIN"},
                              recent_login=True)
    client = signed_in(app, people["admin"])

    def listed(query: str) -> set[str]:
        page = client.get(f"/drafts/?{query}").get_data(as_text=True)
        return {n for n in ("XIVP-2001", "23-2002") if f">{n}<" in page}

    assert listed("institution=Lietuvos+Respublikos+Seimas") == {"XIVP-2001"}
    assert listed("institution=Lietuvos+Respublikos+vidaus+reikal%C5%B3+ministerija") == {"23-2002"}
    assert listed("lawyer=kitas%40lsa.lt") == {"XIVP-2001"}
    assert listed("committee=FIN") == {"23-2002"}
    assert listed("lawyer=kitas%40lsa.lt&committee=FIN") == set()
