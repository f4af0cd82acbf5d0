"""Full-text search across drafts, comments, LSA's proposals, positions and committee opinions.

:func:`search` answers one page of results, grouped by draft, newest registered draft first, each hit
with an excerpt; paging is by keyset (``cursor``: the id of the last draft of the previous page).
Visibility is the pages' own: :func:`permissions.draft_visibility` for drafts and the comments rule of
:func:`permissions.can_see_all_comments` (a specialist finds their municipality's comments only, and,
once the draft is sent, what LSA's letter carries). :func:`drafts_matching_clause` gives the drafts
list's text filter the same matching.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import joinedload

from reviewflow.extensions import db
from reviewflow.models import (
    Comment,
    CommitteeOpinion,
    Draft,
    DraftState,
    Letter,
    PositionVersion,
    Role,
    User,
)
from reviewflow.models.search import DRAFT_SHIFT, DocKind, SearchDocument
from reviewflow.permissions import can_see_all_comments, draft_visibility
from reviewflow.services.search import postgresql, sqlite
from reviewflow.services.search.index import KIND_WORDS
from reviewflow.services.search.query import Excerpt, Query, excerpt, parse_query

__all__ = ["DraftHits", "Hit", "Results", "drafts_matching_clause", "parse_query", "search"]

PER_PAGE = 20
MAX_PER_PAGE = 50
HITS_SHOWN = 5
MAX_DRAFT_ID = (1 << (63 - DRAFT_SHIFT)) - 1  # what a search row's id can hold (models/search.py)
KIND_NAMES = {DocKind.DRAFT: "draft", DocKind.LETTER: "letter", DocKind.POSITION: "position",
              DocKind.OPINION: "opinion", DocKind.PROPOSAL: "proposal", DocKind.COMMENT: "comment"}


@dataclass
class Hit:
    """Where a draft matched: ``kind`` (draft, letter, position, opinion, proposal, comment) and an excerpt."""

    kind: str
    excerpt: Excerpt
    comment_id: int | None = None


@dataclass
class DraftHits:
    """One draft of the results with its hits (at most :data:`HITS_SHOWN`; ``count`` says how many in all)."""

    draft: Draft
    hits: list[Hit] = field(default_factory=list)
    count: int = 0


@dataclass
class Results:
    """One page of results; ``next_cursor`` is None on the last page."""

    query: Query
    items: list[DraftHits]
    next_cursor: int | None


def _backend():
    return postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite


def visibility(user: User) -> ColumnElement:
    """Which search rows ``user`` may find, as a condition on :class:`SearchDocument` joined to its draft."""
    drafts = draft_visibility(user)
    if not user.is_authenticated:
        return false()
    if can_see_all_comments(user):
        return drafts
    sent = Draft.state == DraftState.SENT
    own = SearchDocument.municipality_id == user.municipality_id \
        if user.has_role(Role.SPECIALIST) and user.municipality_id else false()
    return and_(drafts, or_(
        SearchDocument.kind == int(DocKind.DRAFT),
        and_(SearchDocument.kind == int(DocKind.LETTER), sent),
        and_(SearchDocument.kind == int(DocKind.COMMENT), or_(own, and_(sent, SearchDocument.public_when_sent))),
        and_(SearchDocument.kind == int(DocKind.PROPOSAL), sent, SearchDocument.public_when_sent),
    ))


def drafts_matching_clause(q: str) -> ColumnElement:
    """A WHERE condition on ``Draft``: its requisites (title, number, kind, institution, their letter
    number) match ``q`` as the search box matches them. Raises ``Invalid`` for a query with no words."""
    match = _backend().document_match(db.session.connection(), parse_query(q))
    return Draft.id.in_(select(SearchDocument.draft_id).where(SearchDocument.kind == int(DocKind.DRAFT), match))


def search(user: User, q: str | None, cursor: int | None = None, per_page: int = PER_PAGE) -> Results:
    """One page of what ``user`` may find for ``q``: bounded statements whatever the number of matches."""
    query = parse_query(q)
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    if cursor is not None and not 0 < cursor <= MAX_DRAFT_ID:
        cursor = None  # older than no draft there can be: from the newest
    rows = _backend().find(db.session.connection(), query, visibility(user), cursor, per_page + 1)
    order: list[int] = []
    by_draft: dict[int, list] = {}
    for row in rows:
        if row.draft_id not in by_draft:
            order.append(row.draft_id)
            by_draft[row.draft_id] = []
        by_draft[row.draft_id].append(row)
    more = len(order) > per_page
    order = order[:per_page]
    shown = {d: sorted(by_draft[d], key=lambda r: (r.kind, r.source_id))[:HITS_SHOWN] for d in order}
    sources = _load_sources(order, [r for d in order for r in shown[d]])
    items = []
    for draft_id in order:
        draft = sources["drafts"][draft_id]
        hits = [_hit(query, row, draft, sources) for row in shown[draft_id]]
        items.append(DraftHits(draft, [h for h in hits if h is not None], len(by_draft[draft_id])))
    return Results(query, items, order[-1] if more and order else None)


def _load_sources(draft_ids: list[int], rows: list) -> dict:
    """The rows behind the hits shown, one statement per kind."""
    def ids(kind: DocKind) -> list[int]:
        return [r.source_id for r in rows if r.kind == int(kind)]

    sources: dict = {"drafts": {}, "comments": {}, "opinions": {}, "positions": {}, "letters": {}}
    if not draft_ids:
        return sources
    sources["drafts"] = {d.id: d for d in db.session.scalars(
        select(Draft).where(Draft.id.in_(draft_ids)).options(joinedload(Draft.institution)))}
    comment_ids = ids(DocKind.COMMENT) + ids(DocKind.PROPOSAL)
    if comment_ids:
        sources["comments"] = {c.id: c for c in db.session.scalars(select(Comment).where(Comment.id.in_(comment_ids)))}
    if ids(DocKind.OPINION):
        sources["opinions"] = {o.id: o for o in db.session.scalars(
            select(CommitteeOpinion).where(CommitteeOpinion.id.in_(ids(DocKind.OPINION))))}
    if ids(DocKind.POSITION):
        for version in db.session.scalars(select(PositionVersion).where(
                PositionVersion.draft_id.in_(ids(DocKind.POSITION))).order_by(PositionVersion.version)):
            sources["positions"][version.draft_id] = version
    if ids(DocKind.LETTER):
        for draft_id, number in db.session.execute(select(Letter.draft_id, Letter.our_number).distinct().where(
                Letter.draft_id.in_(ids(DocKind.LETTER)))):
            sources["letters"].setdefault(draft_id, []).append(number)
    return sources


def _hit(query: Query, row, draft: Draft, sources: dict) -> Hit | None:
    kind = DocKind(row.kind)
    name = KIND_NAMES[kind]
    if kind == DocKind.DRAFT:
        texts = [draft.title, draft.number_raw, draft.institution.name_lt, draft.incoming_letter_number,
                 KIND_WORDS.get(draft.kind.value, "")]
        return Hit(name, excerpt(query, texts))
    if kind == DocKind.LETTER:
        return Hit(name, excerpt(query, [", ".join(sorted(sources["letters"].get(row.source_id, [])))]))
    if kind == DocKind.POSITION:
        version = sources["positions"].get(row.source_id)
        return Hit(name, excerpt(query, [version.text])) if version else None
    if kind == DocKind.OPINION:
        opinion = sources["opinions"].get(row.source_id)
        return Hit(name, excerpt(query, [opinion.text])) if opinion else None
    comment = sources["comments"].get(row.source_id)
    if comment is None:
        return None
    if kind == DocKind.PROPOSAL:
        texts = [comment.lsa_text or comment.text, comment.lsa_wording or comment.proposed_wording]
    else:
        texts = [comment.text, comment.proposed_wording]
    return Hit(name, excerpt(query, texts), comment.id)
