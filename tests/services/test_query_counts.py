"""Every page and API list takes a fixed, small number of SQL statements, however many drafts and comments there are."""

import itertools
import os
from datetime import timedelta

import pytest

from benchmarks.scale_seed import People, Shape, seed
from reviewflow.extensions import db
from reviewflow.services import consolidation, consultation, lifecycle, queries
from reviewflow.services import tokens as tokens_service
from reviewflow.services.drafts import register_draft
from tests.api.conftest import stored_token
from tests.conftest import login
from tests.support.sql import statements_run

PAGE_CEILING = 10
POST_CEILING = 6  # a comment post: user, draft with the invitation, the comment, its search upkeep, audit


def counted():
    """Collect the SQL statements run on any engine inside the block."""
    return statements_run()


_NUMBERS = itertools.count(1000)


def grow(cast, draft_payload, n):
    """Register ``n`` drafts, each assigned, in consultation, with two comments (each its own number)."""
    made = []
    for _ in range(n):
        payload = {**draft_payload, "number": f"XIVP-{next(_NUMBERS)}"}
        draft = register_draft(payload, cast["lawyer"]).draft
        lifecycle.fire_transition(draft.id, "assign", cast["admin"], {"lawyer": cast["lawyer"].email,
                                                                       "committee": "IVPK"})
        lifecycle.fire_transition(draft.id, "open_consultation", cast["lawyer"], {"municipalities": ["LT-57", "LT-15"]})
        consultation.add_comment(draft, cast["vilnius"], {"article": "1", "text": "Pastaba"})
        consultation.add_comment(draft, cast["kaunas"], {"article": "2", "text": "Kita"})
        made.append(draft)
    return made


def statements_for(cast, draft):
    """Statements of each read query the pages are built from."""
    db.session.expire_all()
    counts = {}
    calls = {
        "list": lambda: queries.list_drafts(cast["lawyer"], queries.DraftFilter(per_page=100)),
        "waiting": lambda: queries.waiting_for(cast["lawyer"]),
        "waiting_specialist": lambda: queries.waiting_for(cast["vilnius"]),
        "timeline": lambda: queries.timeline(draft.id),
        "statuses": lambda: consultation.invitation_statuses(draft.id),
        "table": lambda: consolidation.consolidated_table(draft.id),
        "workload": queries.lawyer_workload,
        "counts": lambda: queries.state_counts(cast["lawyer"]),
    }
    for name, call in calls.items():
        db.session.expire_all()
        with counted() as statements:
            call()
        counts[name] = len(statements)
    return counts


def test_query_counts_do_not_grow_with_the_data(cast, draft_payload):
    first = grow(cast, draft_payload, 1)[0]
    small = statements_for(cast, first)
    grow(cast, draft_payload, 12)
    large = statements_for(cast, first)
    assert small == large
    assert max(large.values()) <= 8  # including reloading the user's roles after expire_all


def _pages(draft_id):
    """(who, path) for every page and API list the ceiling holds for; API paths start with /api/."""
    return {
        "home lawyer": ("lawyer", "/"),
        "home admin": ("admin", "/"),
        "home specialist": ("vilnius", "/"),
        "home committee": ("ivpk", "/"),
        "home board": ("board", "/"),
        "list": ("lawyer", "/drafts/"),
        "list deep page": ("lawyer", "/drafts/?page=3&sort=number"),
        "list state filter": ("lawyer", "/drafts/?state=consultation"),
        "list institution filter": ("lawyer", "/drafts/?institution=Lietuvos+Respublikos+Seimas"),
        "list lawyer filter": ("admin", "/drafts/?lawyer=lawyer2%40example.lt&committee=IVPK"),
        "list deadline filter": ("lawyer", "/drafts/?deadline_from=2000-01-01&deadline_to=2100-01-01"),
        "list specialist": ("vilnius", "/drafts/?page=2"),
        "draft lawyer": ("lawyer", f"/drafts/{draft_id}"),
        "draft specialist": ("vilnius", f"/drafts/{draft_id}"),
        "table": ("lawyer", f"/drafts/{draft_id}/table"),
        "answer page": ("vilnius", f"/drafts/{draft_id}/answer"),
        "notifications": ("vilnius", "/notifications/"),
        "api drafts": ("lawyer", "/api/v1/drafts?per_page=5"),
        "api drafts deep": ("lawyer", "/api/v1/drafts?per_page=5&page=3&sort=-received"),
        "api waiting": ("vilnius", "/api/v1/me/waiting"),
        "api comments": ("lawyer", f"/api/v1/drafts/{draft_id}/comments"),
        "api answers": ("lawyer", f"/api/v1/drafts/{draft_id}/answers"),
        "api timeline": ("lawyer", f"/api/v1/drafts/{draft_id}/timeline"),
        "api workload": ("admin", "/api/v1/workload"),
    }


def page_statements(app, cast, draft_id):
    """Statements each page takes, signed in (cookie or bearer token) as the person it is for."""
    counts = {}
    clients, tokens = {}, {}
    for name, (who, path) in _pages(draft_id).items():
        if who not in clients:
            clients[who] = app.test_client()
            assert login(clients[who], cast[who].email).status_code == 302
            tokens[who] = stored_token(cast[who])
        headers = {"Authorization": f"Bearer {tokens[who]}"} if path.startswith("/api/") else {}
        with counted() as statements:
            response = clients[who].get(path, headers=headers)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(statements)
        if os.environ.get("DUMP_SQL"):
            print("==", name, len(statements))
            for st in statements:
                print("   ", " ".join(st.split())[:300])
    return counts


@pytest.fixture
def pages_world(cast, draft_payload):
    """A first draft in consultation through the services, with each specialist's comment."""
    return grow(cast, draft_payload, 1)[0]


def archive(cast, drafts):
    """Bulk-add ``drafts`` archived drafts (a few left open and overdue) and reopen the newest ones."""
    people = People(lawyers=[cast["lawyer"].id, cast["other_lawyer"].id], author=cast["lawyer"].id,
                    specialists={cast[s].municipality_id: cast[s].id for s in ("vilnius", "kaunas")})
    seed(db.engine, drafts, people, Shape(invitations=6, comments=8, audit=8, provisions=3))


def test_every_page_takes_the_same_few_statements_at_two_sizes(app, cast, pages_world, monkeypatch):
    # A token records its use at most once a minute: on a slow run a later page would pay that write and the
    # counts would differ by timing alone. Each token then records only its first use, in both runs alike.
    monkeypatch.setattr(tokens_service, "TOUCH_EVERY", timedelta(days=1))
    from reviewflow.models import PositionVersion, Stance

    # Two versions of LSA's position by a lawyer other than the reader: the page names the latest one's author.
    for version in (1, 2):
        db.session.add(PositionVersion(draft_id=pages_world.id, version=version, stance=Stance.OBJECTS,
                                       text=f"Pozicija {version}", author_id=cast["other_lawyer"].id))
    db.session.commit()
    archive(cast, 90)  # more than three pages of 25
    small = page_statements(app, cast, pages_world.id)
    archive(cast, 270)
    large = page_statements(app, cast, pages_world.id)
    assert large == small
    assert {name: n for name, n in large.items() if n > PAGE_CEILING} == {}
    browser = app.test_client()
    login(browser, cast["lawyer"].email)
    page = browser.get(f"/drafts/{pages_world.id}").get_data(as_text=True)
    assert "Pozicija 2" in page and cast["other_lawyer"].name in page and "Pozicija 1" not in page


def _post_statements(app, cast, draft_id):
    """Statements of one comment post through the API and one through the answer page's form."""
    token = stored_token(cast["vilnius"])
    browser = app.test_client()
    assert login(browser, cast["vilnius2"].email).status_code == 302
    api = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    api.post(f"/api/v1/drafts/{draft_id}/comments", json={"text": "Pirma"}, headers=headers)  # touches the token
    with counted() as api_statements:
        response = api.post(f"/api/v1/drafts/{draft_id}/comments", json={"text": "Dar viena"}, headers=headers)
    assert response.status_code == 201, response.get_json()
    with counted() as form_statements:
        response = browser.post(f"/drafts/{draft_id}/answer/comments", data={"text": "Ir dar", "article": "2"})
    assert response.status_code == 302
    if os.environ.get("DUMP_SQL"):
        for st in [*api_statements, "--", *form_statements]:
            print("   ", " ".join(st.split())[:300])
    return {"api": len(api_statements), "form": len(form_statements)}


def test_a_comment_post_takes_the_same_few_statements_at_two_sizes(app, cast, draft_payload, pages_world):
    small = _post_statements(app, cast, pages_world.id)
    grow(cast, draft_payload, 3)
    large = _post_statements(app, cast, pages_world.id)
    assert large == small
    assert {way: n for way, n in large.items() if n > POST_CEILING} == {}


def test_the_api_pages_on_by_keyset_through_every_draft_once(app, cast, pages_world):
    archive(cast, 40)
    api, seen, after = app.test_client(), [], None
    headers = {"Authorization": f"Bearer {stored_token(cast['lawyer'])}"}
    while True:
        query = {"per_page": 7, "sort": "-received", **({"after": after} if after else {})}
        body = api.get("/api/v1/drafts", query_string=query, headers=headers).get_json()
        seen += [item["id"] for item in body["items"]]
        after = body["next_after"]
        if after is None:
            break
    expected = queries.list_drafts(cast["lawyer"], queries.DraftFilter(sort="-received", per_page=100))
    assert seen == [d.id for d in expected.items] and len(seen) == 41
    assert api.get("/api/v1/drafts", query_string={"after": "nonsense"}, headers=headers).status_code == 422


def test_the_list_counts_and_pages_only_so_far(app, cast, pages_world, monkeypatch):
    monkeypatch.setattr(queries, "COUNT_CAP", 50)
    archive(cast, 90)
    page = queries.list_drafts(cast["lawyer"], queries.DraftFilter(page=2, per_page=10))
    assert (page.total, page.total_capped, page.pages, page.window) == (50, True, 5, [1, 2, 3, 4, 5])
    browser = app.test_client()
    login(browser, cast["lawyer"].email)
    html = browser.get("/drafts/?page=2").get_data(as_text=True)
    assert html.count('class="page-link" href="/drafts/?page=') == 2  # pages 1 and 2: 50 counted, 25 a page
    assert 'rel="prev" href="/drafts/?page=1"' in html and 'rel="next" href="#"' in html
    assert browser.get("/drafts/?page=3").status_code == 422  # 25 x 2 rows is as deep as OFFSET goes
    assert queries.Page([], 1000, 20, 25).window == [1, 18, 19, 20, 21, 22, 40]


def test_home_counts_stop_at_the_cap_and_past_answers_walk_only_the_newest(app, cast, pages_world, monkeypatch):
    from sqlalchemy import func, select

    from reviewflow.drafts import loaders
    from reviewflow.models import AnswerStatus, Draft, DraftState, Invitation

    monkeypatch.setattr(queries, "COUNT_CAP", 20)
    people = People(lawyers=[cast["lawyer"].id], author=cast["lawyer"].id,
                    specialists={cast["vilnius"].municipality_id: cast["vilnius"].id})
    seed(db.engine, 60, people, Shape(invitations=40, comments=1, audit=1, provisions=1), open_now=False)
    exact = {state.value: n for state, n in db.session.execute(select(Draft.state, func.count()).group_by(Draft.state))}
    counts = queries.state_counts(cast["admin"])
    assert exact["sent"] > 20 and str(counts["sent"]) == "20+" and counts["sent"] == 20
    assert {k: v for k, v in counts.items() if k != "sent"} == {k: v for k, v in exact.items() if k != "sent"}
    specialist = cast["vilnius"]
    newest_first = db.session.execute(
        select(Draft.id, Invitation.id).join(Invitation, Invitation.draft_id == Draft.id)
        .where(Invitation.municipality_id == specialist.municipality_id,
               (Invitation.status != AnswerStatus.PENDING) | (Draft.state != DraftState.CONSULTATION))
        .order_by(Draft.received_date.desc(), Draft.id.desc()).limit(7)
    ).all()
    shown = loaders.past_answers(specialist, limit=7)
    assert len(newest_first) == 7 and [(d.id, i.id) for d, i in shown] == [tuple(row) for row in newest_first]


def test_the_answer_form_reads_only_the_chosen_provision_and_refuses_another_drafts(app, cast, draft_payload,
                                                                                   pages_world):
    from sqlalchemy import select

    from reviewflow.models import Comment, Provision

    other = grow(cast, draft_payload, 1)[0]
    mine = [Provision(draft_id=pages_world.id, position=k, article=str(k + 1), label=f"{k + 1} straipsnis")
            for k in range(3)]
    foreign = Provision(draft_id=other.id, position=0, article="9", label="9 straipsnis (kito projekto)")
    db.session.add_all([*mine, foreign])
    db.session.commit()
    browser = app.test_client()
    assert login(browser, cast["vilnius2"].email).status_code == 302
    path = f"/drafts/{pages_world.id}/answer/comments"
    browser.post(path, data={"text": "Pirma"})  # the session's first post
    chosen, refused_id = str(mine[1].id), str(foreign.id)
    with counted() as statements:
        response = browser.post(path, data={"text": "Dėl 2 straipsnio", "provision_id": chosen})
    assert response.status_code == 302
    assert len(statements) <= POST_CEILING  # the chosen provision read once, not the whole list
    stored = db.session.scalar(select(Comment).where(Comment.text == "Dėl 2 straipsnio"))
    assert (stored.provision_id, stored.article) == (mine[1].id, "2")
    refused = browser.post(path, data={"text": "Ne to projekto", "provision_id": refused_id})
    assert refused.status_code == 422
    assert db.session.scalar(select(Comment).where(Comment.text == "Ne to projekto")) is None
    page = refused.get_data(as_text=True)
    assert all(f'value="{p.id}"' in page for p in mine) and f'value="{foreign.id}"' not in page
