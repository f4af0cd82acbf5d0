"""SQLite: FTS5 over the folded terms; matches stream in index order (newest draft first) and stop early.

A bare FTS5 prefix query (``"savivald"*``) first collects the match list of every word with that prefix
in memory before the first row comes out (~0.5 s at a million comments). So a prefix is looked up in the
table of indexed words and searched as ``("savivaldos" OR "savivaldybe" OR …)``, which FTS5 merges lazily
in rowid order; a prefix standing for more than :data:`MAX_EXPANSION` words keeps the bare form.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import BigInteger, ColumnElement, bindparam, column, false, literal_column, select, table, text
from sqlalchemy.engine import Connection

from reviewflow.models import Draft
from reviewflow.models.search import DRAFT_SHIFT, SearchDocument
from reviewflow.services.search.query import Query, fts5_match
from reviewflow.services.search.schema import FTS_TABLE, VOCABULARY

FTS = table(FTS_TABLE, column("rowid", BigInteger))
MAX_EXPANSION = 64
_WORDS = text(f"SELECT term FROM {VOCABULARY} WHERE term >= :low AND term < :high ORDER BY term LIMIT :limit")


def remember_words(connection: Connection, documents: Iterable[dict]) -> None:
    """Add the words of newly indexed rows to the vocabulary (in the same transaction)."""
    words = {word for document in documents for word in document["terms"].split()}
    if words:
        connection.execute(text(f"INSERT OR IGNORE INTO {VOCABULARY} (term) VALUES (:term)"),
                           [{"term": word} for word in sorted(words)])


def rebuild_vocabulary(connection: Connection) -> None:
    """Fill the vocabulary from the FTS5 index itself (after a bulk load)."""
    connection.exec_driver_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_fts_all USING fts5vocab("
                               f"main, {FTS_TABLE}, 'row')")
    connection.exec_driver_sql(f"INSERT OR IGNORE INTO {VOCABULARY} (term) SELECT term FROM temp.search_fts_all")
    connection.exec_driver_sql("DROP TABLE temp.search_fts_all")


def _match_text(connection: Connection, query: Query) -> str | None:
    """The FTS5 query with prefixes expanded; None when a prefix stands for no indexed word at all."""
    expansions = {}
    for term in query.terms:
        if term.prefix:
            prefix = term.tokens[0]
            words = list(connection.scalars(_WORDS, {"low": prefix, "high": prefix + "\U0010ffff",
                                                     "limit": MAX_EXPANSION + 1}))
            if not words:
                return None
            if len(words) <= MAX_EXPANSION:
                expansions[prefix] = words
    return fts5_match(query, expansions)


def _match(match: str) -> ColumnElement:
    return literal_column(FTS_TABLE).op("MATCH")(bindparam("fts_match", match, unique=True))


def document_match(connection: Connection, query: Query) -> ColumnElement:
    """A condition on :class:`SearchDocument`: the row matches ``query``."""
    match = _match_text(connection, query)
    if match is None:
        return false()
    return SearchDocument.id.in_(select(FTS.c.rowid).where(_match(match)))


def find(connection: Connection, query: Query, visibility: ColumnElement, before: int | None, want: int) -> list:
    """The matching rows of the newest ``want`` drafts (older than draft ``before``), newest first.

    FTS5 hands matches out in rowid order, which is draft order (see :func:`models.search.doc_id`), so
    reading stops at the first row of the draft after the last one wanted instead of sorting every match.
    """
    match = _match_text(connection, query)
    if match is None:
        return []
    statement = (
        select(SearchDocument.id, SearchDocument.draft_id, SearchDocument.kind, SearchDocument.source_id)
        .select_from(FTS).join(SearchDocument, SearchDocument.id == FTS.c.rowid)
        .join(Draft, Draft.id == SearchDocument.draft_id)
        .where(_match(match), visibility)
        .order_by(FTS.c.rowid.desc())
    )
    if before is not None:
        statement = statement.where(FTS.c.rowid < before << DRAFT_SHIFT)
    rows, drafts = [], set()
    result = connection.execute(statement)
    try:
        for row in result:
            if row.draft_id not in drafts:
                if len(drafts) == want:
                    break
                drafts.add(row.draft_id)
            rows.append(row)
    finally:
        result.close()
    return rows
