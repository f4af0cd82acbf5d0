"""Issue 9, item 12: a role x route matrix generated from the URL map and the OpenAPI document.

Every route (pages from ``app.url_map``, API operations from ``/api/v1/openapi.json``) is called by
every role on real objects: a draft in consultation assigned to ``lawyer`` with Vilnius (``specialist``)
and Kaunas (``other_specialist``) invited, Vilnius's comment on it, its file. So the ``other_lawyer``
column is "another lawyer's draft" and the ``other_specialist`` column is "another municipality's
comment". The ``uninvited`` rows call every draft route on a draft to which neither municipality was
invited, as both specialists. The expected answer of every cell is written below; a route without a
row fails the test, and so does a row for a route that is gone.

Bodies are empty (``{}`` or an empty form): a role that may act gets past the permission check and is
refused for the missing input (400/409/422) or acts; a role that may not gets 403, or 404 where it may
not even know the object exists. Destructive routes run last, and within a route the owner last.
"""

from __future__ import annotations

import os

import pytest

from reviewflow.api.openapi import build_document
from reviewflow.services import lifecycle, saved_reasons, signatories
from tests.api.conftest import stored_token
from tests.conftest import login
from tests.hostile.world import build_world
from tests.pages.conftest import registration_payload

ROLES = ("anonymous", "admin", "lawyer", "other_lawyer", "specialist", "other_specialist", "committee", "board")
SPECIALISTS = ("specialist", "other_specialist")
# Routes whose success changes what later rows see: called after all others, in this order.
LAST = ("POST /reasons/<reason_id>/delete",
        "POST /drafts/<draft_id>/answer/comments/<comment_id>/delete", "POST /drafts/<draft_id>/answer/submit",
        "DELETE /api/v1/comments/{comment_id}", "POST /api/v1/drafts/{draft_id}/answer",
        "DELETE /api/v1/auth/token", "POST /logout")

# Each delete route deletes a comment of its own, so the other rows keep theirs.
DELETES = ("POST /drafts/<draft_id>/answer/comments/<comment_id>/delete", "DELETE /api/v1/comments/{comment_id}")
# In the destructive routes the owners call last: a success of theirs would change the others' answers.
OWNERS_LAST = ("anonymous", "admin", "other_lawyer", "other_specialist", "committee", "board", "lawyer", "specialist")

# Expected status per route and role, columns in the order of ROLES:
#   anonymous, admin, lawyer, other_lawyer, specialist, other_specialist, committee, board
# The draft is IVPK's and ``committee`` sits on IVPK: before consolidation it is told why and when (403,
# permissions.committee_refusal), like the board; a member of another committee would get 404.
EXPECTED: dict[str, tuple[int, ...]] = {
    'DELETE /api/v1/auth/token': (401, 204, 204, 204, 204, 204, 204, 204),
    'DELETE /api/v1/auth/tokens/{token_id}': (401, 404, 204, 404, 404, 404, 404, 404),
    'DELETE /api/v1/comments/{comment_id}': (401, 403, 403, 403, 204, 404, 403, 403),
    'GET /': (302, 200, 200, 200, 200, 200, 200, 200),
    'GET /admin/letter-template': (302, 200, 403, 403, 403, 403, 403, 403),
    # Issue 13: the shipped templates to download, the reference data edited in the browser (admin only).
    'GET /admin/letter-template/<kind>.docx': (302, 200, 403, 403, 403, 403, 403, 403),
    'GET /admin/institutions': (302, 200, 403, 403, 403, 403, 403, 403),
    'GET /admin/institutions/<institution_id>': (302, 200, 403, 403, 403, 403, 403, 403),
    'GET /admin/institutions/new': (302, 200, 403, 403, 403, 403, 403, 403),
    'POST /admin/institutions/<institution_id>': (302, 422, 403, 403, 403, 403, 403, 403),
    'POST /admin/institutions/new': (302, 422, 403, 403, 403, 403, 403, 403),
    'GET /admin/committees': (302, 200, 403, 403, 403, 403, 403, 403),
    'GET /admin/committees/<committee_id>': (302, 200, 403, 403, 403, 403, 403, 403),
    'GET /admin/committees/new': (302, 200, 403, 403, 403, 403, 403, 403),
    'POST /admin/committees/<committee_id>': (302, 422, 403, 403, 403, 403, 403, 403),
    'POST /admin/committees/new': (302, 422, 403, 403, 403, 403, 403, 403),
    'POST /admin/committees/<committee_id>/members': (302, 422, 403, 403, 403, 403, 403, 403),
    'POST /admin/committees/<committee_id>/members/<user_id>/remove': (302, 404, 403, 403, 403, 403, 403, 403),
    'GET /admin/outbox': (302, 200, 403, 403, 403, 403, 403, 403),
    'GET /admin/reference': (302, 200, 403, 403, 403, 403, 403, 403),
    'GET /admin/signatories': (302, 200, 403, 403, 403, 403, 403, 403),
    'GET /admin/signatories/<signatory_id>': (302, 200, 403, 403, 403, 403, 403, 403),
    'GET /admin/signatories/new': (302, 200, 403, 403, 403, 403, 403, 403),
    'GET /admin/users': (302, 200, 403, 403, 403, 403, 403, 403),
    'GET /admin/users/<user_id>': (302, 200, 403, 403, 403, 403, 403, 403),
    'GET /admin/users/<user_id>/deactivation': (302, 200, 403, 403, 403, 403, 403, 403),
    'GET /admin/users/<user_id>/password': (302, 200, 403, 403, 403, 403, 403, 403),
    'GET /admin/users/new': (302, 200, 403, 403, 403, 403, 403, 403),
    'GET /api/v1/auth/tokens': (401, 200, 200, 200, 200, 200, 200, 200),
    'GET /api/v1/comments/{comment_id}': (401, 200, 200, 200, 200, 404, 403, 403),
    'GET /api/v1/drafts': (401, 200, 200, 200, 200, 200, 200, 200),
    'GET /api/v1/drafts/{draft_id}': (401, 200, 200, 200, 200, 200, 403, 403),
    'GET /api/v1/drafts/{draft_id}/answers': (401, 200, 200, 200, 403, 403, 403, 403),
    'GET /api/v1/drafts/{draft_id}/changes': (401, 200, 200, 200, 200, 200, 403, 403),
    'GET /api/v1/drafts/{draft_id}/comments': (401, 200, 200, 200, 200, 200, 403, 403),
    'GET /api/v1/drafts/{draft_id}/files/{file_id}': (401, 200, 200, 200, 200, 200, 403, 403),
    'GET /api/v1/drafts/{draft_id}/letter': (401, 404, 404, 404, 403, 403, 403, 403),
    'GET /api/v1/drafts/{draft_id}/letter/signed': (401, 404, 404, 404, 403, 403, 403, 403),
    'GET /api/v1/drafts/{draft_id}/position': (401, 200, 200, 200, 403, 403, 403, 403),
    'GET /api/v1/drafts/{draft_id}/revisions': (401, 200, 200, 200, 200, 200, 403, 403),
    # The record as the draft page shows it: a specialist sees the lifecycle steps (permissions.visible_timeline).
    'GET /api/v1/drafts/{draft_id}/timeline': (401, 200, 200, 200, 200, 200, 403, 403),
    'GET /api/v1/me': (401, 200, 200, 200, 200, 200, 200, 200),
    'GET /api/v1/me/waiting': (401, 200, 200, 200, 200, 200, 200, 200),
    'GET /api/v1/openapi.json': (200, 200, 200, 200, 200, 200, 200, 200),
    # Reports (issue 11): staff and the board; the matrix's {name} is a transition name, so no such report.
    'GET /api/v1/reports/{name}': (401, 404, 404, 404, 403, 403, 403, 404),
    # Search without q: 422 (the API) or the empty search form (the page).
    'GET /api/v1/search': (401, 422, 422, 422, 422, 422, 422, 422),
    'GET /api/v1/workload': (401, 200, 200, 200, 403, 403, 403, 403),
    'GET /calendar/<token>.ics': (404, 404, 404, 404, 404, 404, 404, 404),
    'GET /drafts/': (302, 200, 200, 200, 200, 200, 200, 200),
    'GET /drafts/<draft_id>': (302, 200, 200, 200, 200, 200, 403, 403),
    'GET /drafts/<draft_id>/act/<name>': (302, 403, 200, 403, 403, 403, 403, 403),
    'GET /drafts/<draft_id>/answer': (302, 403, 403, 403, 200, 200, 403, 403),
    'GET /drafts/<draft_id>/answer/comments/<comment_id>/edit': (302, 403, 403, 403, 200, 404, 403, 403),
    # Deleting a comment is asked on a page first (issue 13, item 8); the board is told a draft is not before
    # it yet (403, permissions.board_refusal) instead of 404.
    'GET /drafts/<draft_id>/answer/comments/<comment_id>/delete': (302, 403, 403, 403, 200, 404, 403, 403),
    'GET /drafts/<draft_id>/answer/no-comments': (302, 403, 403, 403, 200, 200, 403, 403),
    'GET /drafts/<draft_id>/answers': (302, 200, 200, 200, 403, 403, 403, 403),
    'GET /drafts/<draft_id>/changes': (302, 200, 200, 200, 200, 200, 403, 403),
    'GET /drafts/<draft_id>/comments.xlsx': (302, 200, 200, 200, 403, 403, 403, 403),
    'GET /drafts/<draft_id>/extend': (302, 200, 200, 403, 403, 403, 403, 403),
    'GET /drafts/<draft_id>/files/<file_id>': (302, 200, 200, 200, 200, 200, 403, 403),
    'GET /drafts/<draft_id>/letter': (302, 404, 404, 404, 403, 403, 403, 403),
    'GET /drafts/<draft_id>/letter/signed': (302, 404, 404, 404, 403, 403, 403, 403),
    'GET /drafts/<draft_id>/letter/status': (302, 200, 200, 200, 403, 403, 403, 403),
    'GET /drafts/<draft_id>/position': (302, 403, 403, 403, 403, 403, 403, 403),
    'GET /drafts/<draft_id>/reassign': (302, 200, 200, 200, 403, 403, 403, 403),
    'GET /drafts/<draft_id>/table': (302, 200, 200, 200, 403, 403, 403, 403),
    'GET /drafts/default-deadline': (302, 422, 422, 422, 403, 403, 403, 403),
    'GET /drafts/new': (302, 200, 200, 200, 403, 403, 403, 403),
    'GET /healthz': (200, 200, 200, 200, 200, 200, 200, 200),
    'GET /login': (200, 302, 302, 302, 302, 302, 302, 302),
    'GET /my': (302, 200, 200, 200, 200, 200, 200, 200),
    'GET /notifications/': (302, 200, 200, 200, 200, 200, 200, 200),
    'GET /profile': (302, 200, 200, 200, 200, 200, 200, 200),
    'GET /profile/tokens': (302, 200, 200, 200, 200, 200, 200, 200),
    'GET /reports/': (302, 200, 200, 200, 403, 403, 403, 200),
    'GET /reports/<report>/export': (302, 200, 200, 200, 403, 403, 403, 200),
    'GET /search/': (302, 200, 200, 200, 200, 200, 200, 200),
    'PATCH /api/v1/comments/{comment_id}': (401, 403, 403, 403, 200, 404, 403, 403),
    'PATCH /api/v1/drafts/{draft_id}': (401, 200, 200, 200, 403, 403, 403, 403),
    'POST /admin/letter-template': (302, 422, 403, 403, 403, 403, 403, 403),
    'POST /admin/outbox/<job_id>/retry': (302, 404, 403, 403, 403, 403, 403, 403),
    'POST /admin/signatories/<signatory_id>': (302, 422, 403, 403, 403, 403, 403, 403),
    'POST /admin/signatories/<signatory_id>/deactivate': (302, 302, 403, 403, 403, 403, 403, 403),
    'POST /admin/signatories/<signatory_id>/default': (302, 302, 403, 403, 403, 403, 403, 403),
    'POST /admin/signatories/new': (302, 422, 403, 403, 403, 403, 403, 403),
    'POST /admin/users/<user_id>': (302, 302, 403, 403, 403, 403, 403, 403),
    'POST /admin/users/<user_id>/activate': (302, 302, 403, 403, 403, 403, 403, 403),
    'POST /admin/users/<user_id>/deactivate': (302, 302, 403, 403, 403, 403, 403, 403),
    'POST /admin/users/<user_id>/deactivation': (302, 302, 403, 403, 403, 403, 403, 403),
    'POST /admin/users/<user_id>/password': (302, 422, 403, 403, 403, 403, 403, 403),
    'POST /admin/users/new': (302, 422, 403, 403, 403, 403, 403, 403),
    'POST /api/v1/auth/token': (422, 422, 422, 422, 422, 422, 422, 422),
    'POST /api/v1/comments/{comment_id}/merge': (401, 403, 409, 403, 403, 404, 403, 403),
    'POST /api/v1/comments/{comment_id}/unmerge': (401, 403, 409, 403, 403, 404, 403, 403),
    'POST /api/v1/drafts': (401, 422, 422, 422, 403, 403, 403, 403),
    'POST /api/v1/drafts/{draft_id}/answer': (401, 403, 403, 403, 200, 409, 403, 403),
    'POST /api/v1/drafts/{draft_id}/answer-imports': (401, 409, 409, 409, 403, 403, 403, 403),
    'POST /api/v1/drafts/{draft_id}/answer-imports/confirm': (401, 409, 409, 409, 403, 403, 403, 403),
    'POST /api/v1/drafts/{draft_id}/carry-over': (401, 409, 409, 409, 403, 403, 403, 403),
    'POST /api/v1/drafts/{draft_id}/comments': (401, 403, 403, 403, 422, 422, 403, 403),
    'POST /api/v1/drafts/{draft_id}/deadline-extensions': (401, 422, 422, 403, 403, 403, 403, 403),
    'POST /api/v1/drafts/{draft_id}/files': (401, 422, 422, 422, 403, 403, 403, 403),
    'POST /api/v1/drafts/{draft_id}/letter/signed': (401, 409, 409, 409, 403, 403, 403, 403),
    'POST /api/v1/drafts/{draft_id}/no-comments': (401, 403, 403, 403, 409, 200, 403, 403),
    'POST /api/v1/drafts/{draft_id}/proposals': (401, 403, 409, 403, 403, 403, 403, 403),
    'POST /api/v1/drafts/{draft_id}/transitions': (401, 422, 422, 422, 422, 422, 403, 403),
    'POST /drafts/<draft_id>/act/<name>': (302, 403, 422, 403, 403, 403, 403, 403),
    'POST /drafts/<draft_id>/answer/comments': (302, 403, 403, 403, 422, 422, 403, 403),
    # The owner is refused at this stage with a message (302); another municipality gets 404, as in the API.
    'POST /drafts/<draft_id>/answer/comments/<comment_id>/delete': (302, 403, 403, 403, 200, 404, 403, 403),
    'POST /drafts/<draft_id>/answer/comments/<comment_id>/edit': (302, 403, 403, 403, 422, 403, 403, 403),
    'POST /drafts/<draft_id>/answer/no-comments': (302, 403, 403, 403, 422, 403, 403, 403),
    'POST /drafts/<draft_id>/answer/submit': (302, 403, 403, 403, 302, 302, 403, 403),
    'POST /drafts/<draft_id>/answers/<comment_id>': (302, 422, 422, 422, 403, 403, 403, 403),
    'POST /drafts/<draft_id>/answers/import': (302, 422, 422, 422, 403, 403, 403, 403),
    'POST /drafts/<draft_id>/answers/import/confirm': (302, 409, 409, 409, 403, 403, 403, 403),
    'POST /drafts/<draft_id>/carry-over': (302, 409, 409, 409, 403, 403, 403, 403),
    'POST /drafts/<draft_id>/comments/<comment_id>/decide': (302, 403, 403, 403, 403, 403, 403, 403),
    'POST /drafts/<draft_id>/comments/<comment_id>/unmerge': (302, 403, 403, 403, 403, 403, 403, 403),
    'POST /drafts/<draft_id>/extend': (302, 422, 422, 403, 403, 403, 403, 403),
    'POST /drafts/<draft_id>/files': (302, 302, 302, 302, 403, 403, 403, 403),
    'POST /drafts/<draft_id>/letter-subject': (302, 302, 302, 302, 403, 403, 403, 403),
    # Staff: 302 with the refusal beside the letter (no letter yet: Conflict); others 403 / 404.
    'POST /drafts/<draft_id>/letter/regenerate': (302, 302, 302, 302, 403, 403, 403, 403),
    'POST /drafts/<draft_id>/letter/signed': (302, 302, 302, 302, 403, 403, 403, 403),
    'POST /drafts/<draft_id>/merge/<group>': (302, 403, 403, 403, 403, 403, 403, 403),
    'POST /drafts/<draft_id>/position': (302, 403, 403, 403, 403, 403, 403, 403),
    'POST /drafts/<draft_id>/proposals': (302, 403, 403, 403, 403, 403, 403, 403),
    'POST /drafts/<draft_id>/proposals/<comment_id>/delete': (302, 403, 403, 403, 403, 403, 403, 403),
    'POST /drafts/<draft_id>/reassign': (302, 422, 422, 422, 403, 403, 403, 403),
    'POST /drafts/<draft_id>/signatory': (302, 302, 302, 302, 403, 403, 403, 403),
    'POST /drafts/new': (302, 422, 422, 422, 403, 403, 403, 403),
    'POST /language': (302, 302, 302, 302, 302, 302, 302, 302),
    # Signed-in people are sent home; the anonymous empty form is a failed sign-in.
    'POST /login': (401, 302, 302, 302, 302, 302, 302, 302),
    'POST /logout': (302, 302, 302, 302, 302, 302, 302, 302),
    'POST /notifications/read': (302, 302, 302, 302, 302, 302, 302, 302),
    'POST /profile': (302, 422, 422, 422, 422, 422, 422, 422),
    'POST /profile/calendar/reset': (302, 302, 302, 302, 302, 302, 302, 302),
    'POST /profile/reminders': (302, 400, 400, 400, 400, 400, 400, 400),
    'POST /profile/tokens': (302, 422, 422, 422, 422, 422, 422, 422),
    'POST /profile/tokens/<token_id>/revoke': (302, 404, 302, 404, 404, 404, 404, 404),
    'PUT /api/v1/comments/{comment_id}/initiator-answer': (401, 409, 409, 409, 403, 404, 403, 403),
    'PUT /api/v1/drafts/{draft_id}/position': (401, 403, 409, 403, 403, 403, 403, 403),
    # Word and Excel both ways (issue 13, items 9-10): the answer page's table, the consolidation table's workbook.
    'GET /drafts/<draft_id>/answer/comments.docx': (302, 403, 403, 403, 200, 200, 403, 403),
    'GET /drafts/<draft_id>/answer/comments.xlsx': (302, 403, 403, 403, 200, 200, 403, 403),
    'GET /drafts/<draft_id>/answer/import': (302, 403, 403, 403, 200, 200, 403, 403),
    'POST /drafts/<draft_id>/answer/import': (302, 403, 403, 403, 422, 422, 403, 403),
    'POST /drafts/<draft_id>/answer/import/confirm': (302, 403, 403, 403, 422, 409, 403, 403),
    'GET /drafts/<draft_id>/table/decisions.xlsx': (302, 200, 200, 200, 403, 403, 403, 403),
    'GET /drafts/<draft_id>/table/import': (302, 200, 200, 200, 403, 403, 403, 403),
    'POST /drafts/<draft_id>/table/import': (302, 403, 403, 403, 403, 403, 403, 403),
    'POST /drafts/<draft_id>/table/import/confirm': (302, 403, 403, 403, 403, 403, 403, 403),
    # Issue 13 (consolidation table): internal notes do not exist for municipalities (404 in the API, the
    # table's 403 on the page); bulk decisions only in consolidation; a lawyer's own saved reason is 404 to
    # everyone else (administrators keep the shared ones).
    'GET /api/v1/comments/{comment_id}/notes': (401, 200, 200, 200, 404, 404, 403, 403),
    'POST /api/v1/comments/{comment_id}/notes': (401, 422, 422, 422, 404, 404, 403, 403),
    'POST /drafts/<draft_id>/comments/<comment_id>/notes': (302, 422, 422, 422, 403, 403, 403, 403),
    'POST /drafts/<draft_id>/decide': (302, 403, 403, 403, 403, 403, 403, 403),
    'GET /reasons/': (302, 200, 200, 200, 403, 403, 403, 403),
    'POST /reasons/': (302, 422, 422, 422, 403, 403, 403, 403),
    'GET /reasons/<reason_id>': (302, 404, 200, 404, 403, 403, 403, 403),
    'POST /reasons/<reason_id>': (302, 404, 422, 404, 403, 403, 403, 403),
    'GET /reasons/<reason_id>/delete': (302, 404, 200, 404, 403, 403, 403, 403),
    'POST /reasons/<reason_id>/delete': (302, 404, 302, 404, 403, 403, 403, 403),
}
# The uninvited draft, as (specialist, other_specialist); only routes with a draft in their path.
EXPECTED_UNINVITED: dict[str, tuple[int, int]] = {
    'GET /api/v1/drafts/{draft_id}': (404, 404),
    'GET /api/v1/drafts/{draft_id}/answers': (404, 404),
    'GET /api/v1/drafts/{draft_id}/changes': (404, 404),
    'GET /api/v1/drafts/{draft_id}/comments': (404, 404),
    'GET /api/v1/drafts/{draft_id}/files/{file_id}': (404, 404),
    'GET /api/v1/drafts/{draft_id}/letter': (404, 404),
    'GET /api/v1/drafts/{draft_id}/letter/signed': (404, 404),
    'GET /api/v1/drafts/{draft_id}/position': (404, 404),
    'GET /api/v1/drafts/{draft_id}/revisions': (404, 404),
    'GET /api/v1/drafts/{draft_id}/timeline': (404, 404),
    'GET /drafts/<draft_id>': (404, 404),
    'GET /drafts/<draft_id>/act/<name>': (404, 404),
    'GET /drafts/<draft_id>/answer': (404, 404),
    'GET /drafts/<draft_id>/answer/comments/<comment_id>/edit': (404, 404),
    'GET /drafts/<draft_id>/answer/comments/<comment_id>/delete': (404, 404),
    'GET /drafts/<draft_id>/answer/no-comments': (404, 404),
    'GET /drafts/<draft_id>/answers': (404, 404),
    'GET /drafts/<draft_id>/changes': (404, 404),
    'GET /drafts/<draft_id>/comments.xlsx': (404, 404),
    'GET /drafts/<draft_id>/extend': (404, 404),
    'GET /drafts/<draft_id>/files/<file_id>': (404, 404),
    'GET /drafts/<draft_id>/letter': (404, 404),
    'GET /drafts/<draft_id>/letter/signed': (404, 404),
    'GET /drafts/<draft_id>/letter/status': (404, 404),
    'GET /drafts/<draft_id>/position': (404, 404),
    'GET /drafts/<draft_id>/reassign': (404, 404),
    'GET /drafts/<draft_id>/table': (404, 404),
    'PATCH /api/v1/drafts/{draft_id}': (404, 404),
    'POST /api/v1/drafts/{draft_id}/answer': (404, 404),
    'POST /api/v1/drafts/{draft_id}/answer-imports': (404, 404),
    'POST /api/v1/drafts/{draft_id}/answer-imports/confirm': (404, 404),
    'POST /api/v1/drafts/{draft_id}/carry-over': (404, 404),
    'POST /api/v1/drafts/{draft_id}/comments': (404, 404),
    'POST /api/v1/drafts/{draft_id}/deadline-extensions': (404, 404),
    'POST /api/v1/drafts/{draft_id}/files': (404, 404),
    'POST /api/v1/drafts/{draft_id}/letter/signed': (404, 404),
    'POST /api/v1/drafts/{draft_id}/no-comments': (404, 404),
    'POST /api/v1/drafts/{draft_id}/proposals': (404, 404),
    'POST /api/v1/drafts/{draft_id}/transitions': (404, 404),
    'POST /drafts/<draft_id>/act/<name>': (404, 404),
    'POST /drafts/<draft_id>/answer/comments': (404, 404),
    # The owner is refused at this stage with a message (302); another municipality gets 404, as in the API.
    'POST /drafts/<draft_id>/answer/comments/<comment_id>/delete': (404, 404),
    'POST /drafts/<draft_id>/answer/comments/<comment_id>/edit': (404, 404),
    'POST /drafts/<draft_id>/answer/no-comments': (404, 404),
    'POST /drafts/<draft_id>/answer/submit': (404, 404),
    'POST /drafts/<draft_id>/answers/<comment_id>': (404, 404),
    'POST /drafts/<draft_id>/answers/import': (404, 404),
    'POST /drafts/<draft_id>/answers/import/confirm': (404, 404),
    'POST /drafts/<draft_id>/carry-over': (404, 404),
    'POST /drafts/<draft_id>/comments/<comment_id>/decide': (404, 404),
    'POST /drafts/<draft_id>/comments/<comment_id>/unmerge': (404, 404),
    'POST /drafts/<draft_id>/extend': (404, 404),
    'POST /drafts/<draft_id>/files': (404, 404),
    'POST /drafts/<draft_id>/letter-subject': (404, 404),
    # Staff: 302 with the refusal beside the letter (no letter yet: Conflict); others 403 / 404.
    'POST /drafts/<draft_id>/letter/regenerate': (404, 404),
    'POST /drafts/<draft_id>/letter/signed': (404, 404),
    'POST /drafts/<draft_id>/merge/<group>': (404, 404),
    'POST /drafts/<draft_id>/position': (404, 404),
    'POST /drafts/<draft_id>/proposals': (404, 404),
    'POST /drafts/<draft_id>/proposals/<comment_id>/delete': (404, 404),
    'POST /drafts/<draft_id>/reassign': (404, 404),
    'POST /drafts/<draft_id>/signatory': (404, 404),
    'PUT /api/v1/drafts/{draft_id}/position': (404, 404),
    # Word and Excel both ways (issue 13, items 9-10).
    'GET /drafts/<draft_id>/answer/comments.docx': (404, 404),
    'GET /drafts/<draft_id>/answer/comments.xlsx': (404, 404),
    'GET /drafts/<draft_id>/answer/import': (404, 404),
    'POST /drafts/<draft_id>/answer/import': (404, 404),
    'POST /drafts/<draft_id>/answer/import/confirm': (404, 404),
    'GET /drafts/<draft_id>/table/decisions.xlsx': (404, 404),
    'GET /drafts/<draft_id>/table/import': (404, 404),
    'POST /drafts/<draft_id>/table/import': (404, 404),
    'POST /drafts/<draft_id>/table/import/confirm': (404, 404),
    # Issue 13 (consolidation table).
    'POST /drafts/<draft_id>/comments/<comment_id>/notes': (404, 404),
    'POST /drafts/<draft_id>/decide': (404, 404),
}


def page_routes(app) -> list[str]:
    """"METHOD /rule" for every page route (static files and the API aside)."""
    return sorted(f"{method} {rule.rule}" for rule in app.url_map.iter_rules()
                  if rule.endpoint != "static" and not rule.rule.startswith("/api/")
                  for method in rule.methods - {"HEAD", "OPTIONS"})


def api_routes() -> list[str]:
    """"METHOD /api/v1/path" for every operation of the OpenAPI document."""
    document = build_document()
    return sorted(f"{method.upper()} /api/v1{path}" for path, item in document["paths"].items()
                  for method in item if method in ("get", "post", "put", "patch", "delete"))


def ordered(keys: list[str]) -> list[str]:
    """Destructive routes last, in the order of LAST."""
    return [k for k in keys if k not in LAST] + [k for k in LAST if k in keys]


def normalised(key: str) -> str:
    """A page rule with its converters dropped: ``<int:draft_id>`` -> ``<draft_id>``."""
    import re

    return re.sub(r"<(?:[a-z]+(?:\([^)]*\))?:)?(\w+)>", r"<\1>", key)


def url_for_key(key: str, ids: dict) -> str:
    """The URL of a route key on the given ids."""
    import re

    if key in ids.get("doomed", {}):
        ids = {**ids, "comment_id": ids["doomed"][key]}
    path = normalised(key).split(" ", 1)[1]
    filled = re.sub(r"[<{](\w+)[>}]", lambda m: str(ids[m.group(1)]), path)
    return filled


@pytest.fixture
def matrix_world(app, make_user):
    """The world, plus a second lawyer, a draft nobody of ours is invited to and a token per person."""
    world = build_world(make_user)
    people = dict(world.people)
    people["other_lawyer"] = make_user("lawyer")
    people["other_specialist"] = people["kaunas"]
    draft = world.drafts["consultation"]
    uninvited = lifecycle_draft(people, ["LT-13"])
    doomed = {key: add_comment(draft, people["specialist"]).id for key in DELETES}
    signatory = signatories.default_signatory() or signatories.seed_default_signatory()
    reason = saved_reasons.add_saved_reason(people["lawyer"], {"text": "Nepriklauso kompetencijai."})
    ids = {"draft_id": draft.id, "comment_id": draft.comment.id, "file_id": draft.files[0].id, "doomed": doomed,
           "user_id": world.spare_user.id, "token_id": world.spare_token_id, "group": 1,
           "name": "close_consultation", "signatory_id": signatory.id, "job_id": 1, "token": "no-such-feed",
           "reason_id": reason.id, "report": "participation", "kind": "letter", **reference_ids()}
    return people, ids, {**ids, "draft_id": uninvited.id, "doomed": {}}


def reference_ids() -> dict:
    """An institution and a committee of the shipped reference data (issue 13's admin pages)."""
    from sqlalchemy import select

    from reviewflow.extensions import db
    from reviewflow.models import Committee, Institution

    return {"institution_id": db.session.scalar(select(Institution.id).limit(1)),
            "committee_id": db.session.scalar(select(Committee.id).where(Committee.code == "IVPK"))}


def add_comment(draft, specialist):
    """One more comment of Vilnius on ``draft``."""
    from reviewflow.services.consultation import add_comment as add

    return add(draft, specialist, {"article": "1", "part": "1", "text": "Dar viena pastaba."})


def lifecycle_draft(people: dict, municipalities: list[str]):
    """A draft of ``lawyer`` in consultation with ``municipalities`` invited."""
    from reviewflow.services.drafts import register_draft

    lawyer = people["lawyer"]
    draft = register_draft({**registration_payload("Kitas projektas"), "number": "XIVP-3001"}, lawyer).draft
    lifecycle.fire_transition(draft.id, "assign", lawyer, {"lawyer": lawyer.email, "committee": "IVPK"},
                              recent_login=True)
    lifecycle.fire_transition(draft.id, "open_consultation", lawyer, {"municipalities": municipalities},
                              recent_login=True)
    return draft


def callers(app, people) -> dict:
    """A signed-in page client and an API token per role (anonymous: neither)."""
    result = {"anonymous": (app.test_client(), None)}
    for role in ROLES[1:]:
        client = app.test_client()
        assert login(client, people[role].email).status_code == 302, role
        result[role] = (client, stored_token(people[role]))
    return result


def call(caller, key: str, url: str) -> int:
    """The status one role gets for one route: GET as is, anything else with an empty body."""
    client, token = caller
    method = key.split(" ", 1)[0]
    if key.split(" ", 1)[1].startswith("/api/"):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        kwargs = {} if method == "GET" else {"json": {}}
        return client.open(url, method=method, headers=headers, **kwargs).status_code
    return client.open(url, method=method, data={} if method != "GET" else None).status_code


def test_every_route_has_a_row(app):
    routes = {normalised(k) for k in page_routes(app)} | set(api_routes())
    assert routes == set(EXPECTED), "write the expected answers of a new route (and drop a removed one)"
    with_draft = {k for k in routes if "<draft_id>" in k or "{draft_id}" in k}
    assert with_draft == set(EXPECTED_UNINVITED)


def test_every_role_gets_the_expected_answer_from_every_route(app, matrix_world):
    people, ids, uninvited_ids = matrix_world
    by_role = callers(app, people)
    keys = ordered(sorted({normalised(k) for k in page_routes(app)} | set(api_routes())))
    got, got_uninvited = {}, {}
    for key in keys:
        if "<draft_id>" in key or "{draft_id}" in key:
            url = url_for_key(key, uninvited_ids)
            got_uninvited[key] = tuple(call(by_role[role], key, url) for role in SPECIALISTS)
        url = url_for_key(key, ids)
        answers = {role: call(by_role[role], key, url) for role in (OWNERS_LAST if key in LAST else ROLES)}
        got[key] = tuple(answers[role] for role in ROLES)
    if os.environ.get("PRINT_MATRIX"):  # to write the rows of a new route: PRINT_MATRIX=1 pytest -s ...
        for key in keys:
            print(f"    {key!r}: {got[key]},")
        for key in keys:
            if key in got_uninvited:
                print(f"    {key!r}: {got_uninvited[key]},")
    cells = len(got) * len(ROLES) + len(got_uninvited) * len(SPECIALISTS)
    assert cells >= 900
    assert not [key for key, statuses in got.items() if any(s >= 500 for s in statuses)]
    assert {k: v for k, v in got.items() if EXPECTED.get(k) != v} == {}
    assert {k: v for k, v in got_uninvited.items() if EXPECTED_UNINVITED.get(k) != v} == {}


def test_another_municipalitys_comment_stays_whatever_the_page_answers(app, matrix_world):
    """The delete and edit pages answer a refusal with a redirect and a message; the comment must stay."""
    from reviewflow.extensions import db
    from reviewflow.models import Comment

    people, ids, _ = matrix_world
    client, _token = callers(app, {"other_specialist": people["other_specialist"], **people})["other_specialist"]
    base = f"/drafts/{ids['draft_id']}/answer/comments/{ids['comment_id']}"
    client.post(f"{base}/edit", data={"text": "Kaunas was here."})
    client.post(f"{base}/delete", data={})
    db.session.rollback()
    comment = db.session.get(Comment, ids["comment_id"])
    assert comment is not None and comment.text == "Per siauras reguliavimas."
