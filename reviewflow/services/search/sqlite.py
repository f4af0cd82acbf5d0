"""SQLite: FTS5 over the folded terms; matches stream in index order (newest draft first) and stop early.

A bare FTS5 prefix query (``"savivald"*``) first collects the match list of every word with that prefix
in memory before the first row comes out (~0.5 s at a million comments). So a prefix is looked up in the
table of indexed words and searched as ``("savivaldos" OR "savivaldybe" OR …)``, which FTS5 merges lazily
in rowid order; a prefix standing for more than :data:`MAX_EXPANSION` words keeps the bare form.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, ColumnElement, bindparam, column, false, literal_column, select, table, text
from sqlalchemy.engine import Connection

from reviewflow.models import Draft
from reviewflow.models.search import DRAFT_SHIFT, SearchDocument
from reviewflow.services.search.query import Query, fts5_match
from reviewflow.services.search.schema import FTS_TABLE, UPKEEP, VOCABULARY

FTS = table(FTS_TABLE, column("rowid", BigInteger))
MAX_EXPANSION = 64
_WORDS = text(f"SELECT term FROM {VOCABULARY} WHERE term >= :low AND term < :high ORDER BY term LIMIT :limit")
_UPKEEP = text(f"INSERT INTO {UPKEEP} (action, id, draft_id, kind, source_id, municipality_id, public_when_sent, "
               "terms) VALUES (:action, :id, :draft_id, :kind, :source_id, :municipality_id, :public_when_sent, "
               ":terms)")


def write(connection: Connection, documents: list[dict], stale: list[int], drafts: list[int],
          prune_notes: list[int]) -> None:
    """One executemany into the upkeep view (schema.py): its triggers drop, upsert and remember the words."""
    blank = dict.fromkeys(("id", "draft_id", "kind", "source_id", "municipality_id", "public_when_sent", "terms"))
    rows = [{**blank, "action": "drop_draft", "draft_id": d} for d in drafts]
    rows += [{**blank, "action": "drop", "id": i} for i in stale]
    rows += [{**blank, "action": "prune_notes", "draft_id": d} for d in prune_notes]
    rows += [{**d, "action": "put"} for d in documents]
    connection.execute(_UPKEEP, rows)


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


def prepare(connection: Connection, query: Query) -> str | None:
    """The FTS5 query text for ``query`` (prefixes expanded once for every statement of one search)."""
    return _match_text(connection, query)


def find(connection: Connection, match: str | None, visibility: ColumnElement, *, older_than: int | None = None,
         newer_than: int | None = None, want: int) -> list:
    """The matching rows of the ``want`` drafts nearest the cursor: older than draft ``older_than`` newest
    first, or newer than draft ``newer_than`` nearest first (oldest first); with neither, the newest; with
    both, those between, newest first.

    FTS5 hands matches out in rowid order, which is draft order (see :func:`models.search.doc_id`), so
    reading stops at the first row of the draft after the last one wanted instead of sorting every match.
    """
    if match is None:
        return []
    statement = (
        select(SearchDocument.id, SearchDocument.draft_id, SearchDocument.kind, SearchDocument.source_id)
        .select_from(FTS).join(SearchDocument, SearchDocument.id == FTS.c.rowid)
        .join(Draft, Draft.id == SearchDocument.draft_id)
        .where(_match(match), visibility)
    )
    if newer_than is not None:
        statement = statement.where(FTS.c.rowid >= (newer_than + 1) << DRAFT_SHIFT)
    if older_than is not None:
        statement = statement.where(FTS.c.rowid < older_than << DRAFT_SHIFT)
    # Going back (newer than a draft, no older bound) reads nearest first; otherwise newest first.
    ascending = newer_than is not None and older_than is None
    statement = statement.order_by(FTS.c.rowid.asc() if ascending else FTS.c.rowid.desc())
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
