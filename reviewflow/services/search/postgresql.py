"""PostgreSQL: a GIN-indexed ``tsvector`` of the folded terms; the newest matching drafts, then their hits."""

from __future__ import annotations

from sqlalchemy import ColumnElement, bindparam, func, literal_column, select
from sqlalchemy.engine import Connection

from reviewflow.models import Draft
from reviewflow.models.search import SearchDocument
from reviewflow.services.search.query import Query, tsquery
from reviewflow.services.search.schema import TSV_COLUMN


def document_match(connection: Connection, query: Query) -> ColumnElement:
    """A condition on :class:`SearchDocument`: the row matches ``query``."""
    wanted = func.to_tsquery(literal_column("'simple'::regconfig"),
                             bindparam("tsquery", tsquery(query), unique=True))
    return literal_column(f"search_document.{TSV_COLUMN}").op("@@")(wanted)


def find(connection: Connection, query: Query, visibility: ColumnElement, before: int | None, want: int) -> list:
    """The matching rows of the newest ``want`` drafts (older than draft ``before``), newest first.

    Two bounded statements: the drafts (the planner walks the draft index backwards for a common word,
    or takes the GIN index for a rare one), then the matching rows of those drafts only.
    """
    match = document_match(connection, query)
    drafts = (select(SearchDocument.draft_id).join(Draft, Draft.id == SearchDocument.draft_id)
              .where(match, visibility).group_by(SearchDocument.draft_id)
              .order_by(SearchDocument.draft_id.desc()).limit(want))
    if before is not None:
        drafts = drafts.where(SearchDocument.draft_id < before)
    ids = list(connection.scalars(drafts))
    if not ids:
        return []
    return list(connection.execute(
        select(SearchDocument.id, SearchDocument.draft_id, SearchDocument.kind, SearchDocument.source_id)
        .join(Draft, Draft.id == SearchDocument.draft_id)
        .where(SearchDocument.draft_id.in_(ids), match, visibility)
        .order_by(SearchDocument.id.desc())
    ))
