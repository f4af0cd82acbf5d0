"""Every page for every role: allowed pages answer 200, others 403 (or 404 for a draft the person
may not even know about), anonymous visitors are sent to sign in, and no page answers 5xx."""

from __future__ import annotations

import pytest

from reviewflow.models import DraftState as S
from tests.conftest import login
from tests.pages.conftest import draft_in

ROLES = ("admin", "lawyer", "specialist", "committee", "board")
ALL = dict.fromkeys(ROLES, 200)


def only(*allowed: str, hidden: tuple[str, ...] = (), refused: int = 403,
         told: tuple[str, ...] = ("board", "committee")) -> dict:
    """200 for ``allowed``, 404 for roles that may not see the draft at all, else ``refused``.

    A board member is told (403) that a draft is not before the board yet, not "no such draft"
    (permissions.board_refusal); so is a member of the draft's committee before consolidation
    (permissions.committee_refusal); ``told`` without "committee" for a draft with no committee yet.
    """
    hidden_answer = {role: 403 if role in told else 404 for role in ROLES}
    return {role: 200 if role in allowed else hidden_answer[role] if role in hidden else refused for role in ROLES}


def routes(d: dict) -> dict[str, dict]:
    """The page addresses with the answer each role gets; ``d`` holds drafts by state."""
    r, a, c, k, b = d["registered"], d["assigned"], d["consultation"], d["consolidation"], d["board"]
    not_yet = ("specialist", "committee", "board")  # drafts before consultation: LSA staff only
    no_committee = ("board",)  # a registered draft has no committee to tell
    return {
        "/my": ALL,
        "/drafts/": ALL,
        "/notifications/": ALL,
        "/drafts/new": only("admin", "lawyer"),
        "/drafts/default-deadline?received=2026-04-01": only("admin", "lawyer"),
        f"/drafts/{r.id}": only("admin", "lawyer", hidden=not_yet, told=no_committee),
        f"/drafts/{r.id}/act/assign": only("admin", "lawyer", hidden=not_yet, told=no_committee),
        f"/drafts/{r.id}/act/withdraw": only("admin", "lawyer", hidden=not_yet, told=no_committee),
        f"/drafts/{r.id}/act/open_consultation": only(hidden=not_yet, told=no_committee),  # nobody is responsible yet
        f"/drafts/{a.id}/act/open_consultation": only("lawyer", hidden=not_yet),
        f"/drafts/{a.id}/act/skip_consultation": only("lawyer", hidden=not_yet),
        f"/drafts/{a.id}/reassign": only("admin", "lawyer", hidden=not_yet),
        f"/drafts/{c.id}": only("admin", "lawyer", "specialist", hidden=("committee", "board")),
        f"/drafts/{c.id}/answer": only("specialist", hidden=("committee", "board")),
        f"/drafts/{c.id}/answer/no-comments": only("specialist", hidden=("committee", "board")),
        f"/drafts/{c.id}/answer/comments/{c.comment.id}/edit": only("specialist", hidden=("committee", "board")),
        f"/drafts/{c.id}/extend": only("admin", "lawyer", hidden=("committee", "board")),
        f"/drafts/{c.id}/act/close_consultation": only("lawyer", hidden=("committee", "board")),
        f"/drafts/{c.id}/table": only("admin", "lawyer", hidden=("committee", "board")),
        f"/drafts/{k.id}/table": only("admin", "lawyer", "committee", hidden=("board",)),
        f"/drafts/{k.id}/position": only("lawyer", hidden=("board",)),
        # The lawyer may, but not yet: a comment is undecided (409, with the reason on the page).
        f"/drafts/{k.id}/act/send_to_committee": only(hidden=("board",)) | {"lawyer": 409},
        f"/drafts/{k.id}/act/skip_committee": only(hidden=("board",)) | {"lawyer": 409},
        f"/drafts/{b.id}": ALL,
        f"/drafts/{b.id}/table": only("admin", "lawyer", "committee", "board"),
        f"/drafts/{b.id}/files/{b.files[0].id}": ALL,
        f"/drafts/{b.id}/act/approve": only("board"),
        f"/drafts/{b.id}/act/return_for_revision": only("board"),
        f"/drafts/{b.id}/act/no_such_action": only(refused=404),
        f"/drafts/{b.id}/answer": only("specialist"),
        f"/drafts/{b.id}/position": only(),
    }


@pytest.fixture
def drafts_by_state(people):
    """One draft in each state the pages differ on."""
    return {
        "registered": draft_in(S.REGISTERED, people),
        "assigned": draft_in(S.ASSIGNED, people),
        "consultation": draft_in(S.CONSULTATION, people),
        "consolidation": draft_in(S.CONSOLIDATION, people),
        "board": draft_in(S.BOARD_REVIEW, people, with_file=True),
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_each_role_as_its_permissions_say(app, people, drafts_by_state, role):
    table = routes(drafts_by_state)
    client = app.test_client()
    assert login(client, people[role].email).status_code == 302
    got = {url: client.get(url).status_code for url in table}
    assert got == {url: expected[role] for url, expected in table.items()}


def test_anonymous_visitors_are_sent_to_sign_in(app, people, drafts_by_state):
    client = app.test_client()
    for url in routes(drafts_by_state):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login" in response.headers["Location"], url
