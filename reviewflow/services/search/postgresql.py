"""PostgreSQL: a GIN-indexed ``tsvector`` of the folded terms; the matching drafts nearest a cursor, then their hits;
the index kept in one statement per flush."""

from __future__ import annotations

from sqlalchemy import ColumnElement, bindparam, func, literal_column, select, text
from sqlalchemy.engine import Connection

from reviewflow.models import Draft
from reviewflow.models.search import DocKind, SearchDocument
from reviewflow.services.search.query import Query, tsquery
from reviewflow.services.search.schema import TSV_COLUMN


def document_match(connection: Connection, query: Query) -> ColumnElement:
    """A condition on :class:`SearchDocument`: the row matches ``query``."""
    wanted = func.to_tsquery(literal_column("'simple'::regconfig"),
                             bindparam("tsquery", tsquery(query), unique=True))
    return literal_column(f"search_document.{TSV_COLUMN}").op("@@")(wanted)


def prepare(connection: Connection, query: Query) -> ColumnElement:
    """The match condition for ``query`` (the same for every statement of one search)."""
    return document_match(connection, query)


def find(connection: Connection, match: ColumnElement, visibility: ColumnElement, *, older_than: int | None = None,
         newer_than: int | None = None, want: int) -> list:
    """The matching rows of the ``want`` drafts nearest the cursor: older than draft ``older_than`` newest
    first, or newer than draft ``newer_than`` nearest first (oldest first); with neither, the newest; with
    both, those between, newest first.

    Two bounded statements: the drafts (the planner walks the draft index for a common word, or takes the
    GIN index for a rare one), then the matching rows of those drafts only.
    """
    drafts = (select(SearchDocument.draft_id).join(Draft, Draft.id == SearchDocument.draft_id)
              .where(match, visibility).group_by(SearchDocument.draft_id).limit(want))
    if newer_than is not None:
        drafts = drafts.where(SearchDocument.draft_id > newer_than)
    if older_than is not None:
        drafts = drafts.where(SearchDocument.draft_id < older_than)
    # Going back (newer than a draft, no older bound) reads nearest first; otherwise newest first.
    ascending = newer_than is not None and older_than is None
    ids = list(connection.scalars(drafts.order_by(SearchDocument.draft_id.asc() if ascending
                                                  else SearchDocument.draft_id.desc())))
    if not ids:
        return []
    rows = list(connection.execute(
        select(SearchDocument.id, SearchDocument.draft_id, SearchDocument.kind, SearchDocument.source_id)
        .join(Draft, Draft.id == SearchDocument.draft_id)
        .where(SearchDocument.draft_id.in_(ids), match, visibility)
        .order_by(SearchDocument.id.asc() if ascending else SearchDocument.id.desc())
    ))
    return rows


def write(connection: Connection, documents: list[dict], stale: list[int], drafts: list[int],
          prune_notes: list[int]) -> None:
    """Drop and upsert in one statement: a data-modifying CTE deletes, the INSERT … ON CONFLICT puts.

    The two parts never touch the same row (``stale`` holds no id that is put again), which is what lets
    them run on one snapshot.
    """
    columns = {name: [d[name] for d in documents] for name in
               ("id", "draft_id", "kind", "source_id", "municipality_id", "public_when_sent", "terms")}
    connection.execute(_WRITE, {**columns, "stale": stale, "drafts": drafts, "prune": prune_notes})


_WRITE = text(f"""
WITH gone AS (
    DELETE FROM search_document
    WHERE id = ANY(CAST(:stale AS bigint[])) OR draft_id = ANY(CAST(:drafts AS integer[]))
       OR (draft_id = ANY(CAST(:prune AS integer[])) AND kind = {int(DocKind.NOTE)} AND NOT EXISTS (
           SELECT 1 FROM internal_note JOIN comment ON comment.id = internal_note.comment_id
           WHERE internal_note.id = search_document.source_id))
)
INSERT INTO search_document (id, draft_id, kind, source_id, municipality_id, public_when_sent, terms)
SELECT * FROM unnest(CAST(:id AS bigint[]), CAST(:draft_id AS integer[]), CAST(:kind AS smallint[]),
                     CAST(:source_id AS integer[]), CAST(:municipality_id AS integer[]),
                     CAST(:public_when_sent AS boolean[]), CAST(:terms AS text[]))
ON CONFLICT (id) DO UPDATE SET municipality_id = excluded.municipality_id,
    public_when_sent = excluded.public_when_sent, terms = excluded.terms
WHERE (search_document.terms, search_document.municipality_id, search_document.public_when_sent)
    IS DISTINCT FROM (excluded.terms, excluded.municipality_id, excluded.public_when_sent)
""")
