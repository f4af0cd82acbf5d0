"""Full-text search across drafts, comments, LSA's proposals, positions and committee opinions.

:func:`search` answers one page of results, grouped by draft, newest registered draft first, each hit
with an excerpt; paging is by keyset both ways (``cursor``: older than the last draft of a page, ``before``:
newer than the first). Visibility is the pages' own: :func:`permissions.draft_visibility` for drafts and
their provisions, the comments rule of :func:`permissions.can_see_all_comments` (a specialist finds their
municipality's comments only, and, once the draft is sent, what LSA's letter carries and LSA's reasons on
their own comments, :func:`permissions.can_see_outcome`), and :func:`permissions.can_read_internal_notes`
for the internal notes. :func:`drafts_matching_clause` gives the drafts list's text filter the same matching.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import joinedload

from reviewflow.errors import Invalid
from reviewflow.extensions import db
from reviewflow.models import (
    Comment,
    CommitteeOpinion,
    Draft,
    DraftState,
    InternalNote,
    Letter,
    PositionVersion,
    Provision,
    Role,
    User,
)
from reviewflow.models.search import DRAFT_SHIFT, DocKind, SearchDocument
from reviewflow.permissions import can_see_all_comments, draft_visibility, internal_notes_visibility
from reviewflow.services.search import postgresql, sqlite
from reviewflow.services.search.index import KIND_WORDS
from reviewflow.services.search.query import Excerpt, Query, excerpt, parse_query

__all__ = ["DraftHits", "Hit", "Results", "drafts_matching_clause", "parse_query", "reindex", "search"]

PER_PAGE = 20
MAX_PER_PAGE = 50
HITS_SHOWN = 5
MAX_DRAFT_ID = (1 << (63 - DRAFT_SHIFT)) - 1  # what a search row's id can hold (models/search.py)
KIND_NAMES = {DocKind.DRAFT: "draft", DocKind.LETTER: "letter", DocKind.POSITION: "position",
              DocKind.OPINION: "opinion", DocKind.PROPOSAL: "proposal", DocKind.COMMENT: "comment",
              DocKind.PROVISION: "provision", DocKind.NOTE: "note", DocKind.REASON: "reasons"}


@dataclass
class Hit:
    """Where a draft matched: ``kind`` (see :data:`KIND_NAMES`) and an excerpt; ``comment_id`` for a comment's
    words, LSA's words, reasons or notes on it; ``provision`` the cited provision ("3 str. 2 d.") of a provision hit."""

    kind: str
    excerpt: Excerpt
    comment_id: int | None = None
    provision: str | None = None
    provision_id: int | None = None


@dataclass
class DraftHits:
    """One draft of the results with its hits (at most :data:`HITS_SHOWN`; ``count`` says how many in all)."""

    draft: Draft
    hits: list[Hit] = field(default_factory=list)
    count: int = 0


@dataclass
class Results:
    """One page of results; ``next_cursor`` (older drafts) is None on the last page, ``previous_cursor``
    (newer drafts, passed as ``before``) on the first."""

    query: Query
    items: list[DraftHits]
    next_cursor: int | None
    previous_cursor: int | None = None


def _backend():
    return postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite


def visibility(user: User) -> ColumnElement:
    """Which search rows ``user`` may find, as a condition on :class:`SearchDocument` joined to its draft."""
    drafts = draft_visibility(user)
    if not user.is_authenticated:
        return false()
    if can_see_all_comments(user):
        return and_(drafts, or_(SearchDocument.kind != int(DocKind.NOTE), internal_notes_visibility(user)))
    sent = Draft.state == DraftState.SENT
    own = SearchDocument.municipality_id == user.municipality_id \
        if user.has_role(Role.SPECIALIST) and user.municipality_id else false()
    # Municipalities never read internal notes; reasons only on their own comments once the letter is sent
    # (the draft's visibility already says their municipality was invited: can_see_outcome).
    return and_(drafts, or_(
        SearchDocument.kind.in_([int(DocKind.DRAFT), int(DocKind.PROVISION)]),
        and_(SearchDocument.kind == int(DocKind.LETTER), sent),
        and_(SearchDocument.kind == int(DocKind.COMMENT), or_(own, and_(sent, SearchDocument.public_when_sent))),
        and_(SearchDocument.kind == int(DocKind.PROPOSAL), sent, SearchDocument.public_when_sent),
        and_(SearchDocument.kind == int(DocKind.REASON), sent, own),
    ))


def drafts_matching_clause(q: str) -> ColumnElement:
    """A WHERE condition on ``Draft``: its requisites (title, number, kind, institution, their letter
    number) match ``q`` as the search box matches them. Raises ``Invalid`` for a query with no words."""
    match = _backend().document_match(db.session.connection(), parse_query(q))
    return Draft.id.in_(select(SearchDocument.draft_id).where(SearchDocument.kind == int(DocKind.DRAFT), match))


def _cursor(value: int | None) -> int | None:
    """A draft id a page may start from; one beyond any draft there can be counts as none (from the newest)."""
    return value if value is not None and 0 < value <= MAX_DRAFT_ID else None


def search(user: User, q: str | None, cursor: int | None = None, per_page: int = PER_PAGE,
           before: int | None = None) -> Results:
    """One page of what ``user`` may find for ``q``: bounded statements whatever the number of matches.

    ``cursor`` gives the drafts older than that draft (the next page), ``before`` those newer than it (the
    previous page); not both. The first page takes one search statement (SQLite) or two (PostgreSQL); a
    later page one more, to know whether a page lies the other way.
    """
    query = parse_query(q)
    if cursor is not None and before is not None:
        message = _("Page either forward (cursor) or back (before), not both.")
        raise Invalid(message, {"cursor": message, "before": message})
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    cursor, before = _cursor(cursor), _cursor(before)
    backend, connection, allowed = _backend(), db.session.connection(), visibility(user)
    match = backend.prepare(connection, query)
    if before is not None:
        rows = backend.find(connection, match, allowed, newer_than=before, want=per_page + 1)
    else:
        rows = backend.find(connection, match, allowed, older_than=cursor, want=per_page + 1)
    order: list[int] = []
    by_draft: dict[int, list] = {}
    for row in rows:
        if row.draft_id not in by_draft:
            order.append(row.draft_id)
            by_draft[row.draft_id] = []
        by_draft[row.draft_id].append(row)
    more = len(order) > per_page
    order = order[:per_page]
    if before is not None:
        order.reverse()  # read nearest first going back; shown newest first like every page
    def any_beyond(**bound) -> bool:
        """Whether a page lies that way: the draft the cursor named (just beyond this page) almost always
        still matches, which only its own rows tell; else any draft that way."""
        near = cursor if cursor is not None else before
        if backend.find(connection, match, allowed, older_than=near + 1, newer_than=near - 1, want=1):
            return True
        return bool(backend.find(connection, match, allowed, **bound, want=1))

    newer = older = None
    if order:
        newest, oldest = order[0], order[-1]
        if before is not None:
            newer = newest if more else None
            older = oldest if any_beyond(older_than=oldest) else None
        else:
            older = oldest if more else None
            if cursor is not None:
                newer = newest if any_beyond(newer_than=newest) else None
    shown = {d: sorted(by_draft[d], key=lambda r: (r.kind, r.source_id))[:HITS_SHOWN] for d in order}
    sources = _load_sources(order, [r for d in order for r in shown[d]])
    items = []
    for draft_id in order:
        draft = sources["drafts"][draft_id]
        hits = [_hit(query, row, draft, sources) for row in shown[draft_id]]
        items.append(DraftHits(draft, [h for h in hits if h is not None], len(by_draft[draft_id])))
    return Results(query, items, older, newer)


def _load_sources(draft_ids: list[int], rows: list) -> dict:
    """The rows behind the hits shown, one statement per kind."""
    def ids(kind: DocKind) -> list[int]:
        return [r.source_id for r in rows if r.kind == int(kind)]

    sources: dict = {"drafts": {}, "comments": {}, "opinions": {}, "positions": {}, "letters": {}, "provisions": {},
                     "notes": {}}
    if not draft_ids:
        return sources
    sources["drafts"] = {d.id: d for d in db.session.scalars(
        select(Draft).where(Draft.id.in_(draft_ids)).options(joinedload(Draft.institution)))}
    comment_ids = ids(DocKind.COMMENT) + ids(DocKind.PROPOSAL) + ids(DocKind.REASON)
    if comment_ids:
        sources["comments"] = {c.id: c for c in db.session.scalars(select(Comment).where(Comment.id.in_(comment_ids)))}
    if ids(DocKind.OPINION):
        sources["opinions"] = {o.id: o for o in db.session.scalars(
            select(CommitteeOpinion).where(CommitteeOpinion.id.in_(ids(DocKind.OPINION))))}
    if ids(DocKind.POSITION):
        for version in db.session.scalars(select(PositionVersion).where(
                PositionVersion.draft_id.in_(ids(DocKind.POSITION))).order_by(PositionVersion.version)):
            sources["positions"][version.draft_id] = version
    if ids(DocKind.PROVISION):
        sources["provisions"] = {p.id: p for p in db.session.scalars(
            select(Provision).where(Provision.id.in_(ids(DocKind.PROVISION))))}
    if ids(DocKind.NOTE):
        sources["notes"] = {n.id: n for n in db.session.scalars(
            select(InternalNote).where(InternalNote.id.in_(ids(DocKind.NOTE))))}
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
    if kind == DocKind.PROVISION:
        provision = sources["provisions"].get(row.source_id)
        return Hit(name, excerpt(query, [provision.text]), provision=provision.short or provision.label,
                   provision_id=provision.id) if provision else None
    if kind == DocKind.NOTE:
        note = sources["notes"].get(row.source_id)
        return Hit(name, excerpt(query, [note.text]), note.comment_id) if note else None
    comment = sources["comments"].get(row.source_id)
    if comment is None:
        return None
    if kind == DocKind.REASON:
        return Hit(name, excerpt(query, [comment.reasons]), comment.id)
    if kind == DocKind.PROPOSAL:
        texts = [comment.lsa_text or comment.text, comment.lsa_wording or comment.proposed_wording]
    else:
        texts = [comment.text, comment.proposed_wording]
    return Hit(name, excerpt(query, texts), comment.id)


def reindex() -> int:
    """Rebuild the whole index from the rows it stands for, in one transaction; returns the search rows made.

    A repair as well as a backfill: on SQLite the FTS5 structure is rebuilt from the rows too (so an index
    that drifted from its table is made whole) and the words of the rows are remembered for prefixes.
    Running it again makes the same rows.
    """
    from reviewflow.services.search.index import rebuild_index

    connection = db.session.connection()
    made = rebuild_index(connection)
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"INSERT INTO {sqlite.FTS_TABLE}({sqlite.FTS_TABLE}) VALUES ('rebuild')")
        sqlite.rebuild_vocabulary(connection)
    db.session.commit()
    return made
