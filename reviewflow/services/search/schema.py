"""The full-text structures ``create_all()`` cannot describe, made by the same code in tests and migrations.

SQLite: an FTS5 table over ``search_document.terms`` (external content, so the text is stored once) kept
in step by three triggers, and the table of indexed words that prefixes are looked up in. PostgreSQL: a
stored ``tsvector`` column generated from ``terms`` with a GIN index. ``terms`` is already folded
(:func:`query.index_terms`), so neither database needs its own diacritics handling (no ``unaccent``): the
``simple`` configuration and FTS5's tokenizer only split the folded words on spaces.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Connection

from reviewflow.models.search import SearchDocument

FTS_TABLE = "search_fts"
TSV_COLUMN = "tsv"
TSV_INDEX = "ix_search_document_tsv"

# Every word ever indexed, so a prefix becomes the words it stands for (see sqlite.py); never pruned: a word
# no longer in any row only costs an OR-branch that matches nothing. Named under FTS_TABLE like FTS5's own.
VOCABULARY = f"{FTS_TABLE}_words"

SQLITE_CREATE = (
    f"CREATE TABLE IF NOT EXISTS {VOCABULARY} (term TEXT PRIMARY KEY) WITHOUT ROWID",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(terms, content='search_document', "
    "content_rowid='id', columnsize=0, tokenize='unicode61 remove_diacritics 2')",
    f"""CREATE TRIGGER IF NOT EXISTS search_document_ai AFTER INSERT ON search_document BEGIN
        INSERT INTO {FTS_TABLE}(rowid, terms) VALUES (new.id, new.terms); END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_document_ad AFTER DELETE ON search_document BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, terms) VALUES ('delete', old.id, old.terms); END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_document_au AFTER UPDATE ON search_document BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, terms) VALUES ('delete', old.id, old.terms);
        INSERT INTO {FTS_TABLE}(rowid, terms) VALUES (new.id, new.terms); END""",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS search_document_ai", "DROP TRIGGER IF EXISTS search_document_ad",
    "DROP TRIGGER IF EXISTS search_document_au", f"DROP TABLE IF EXISTS {FTS_TABLE}",
    f"DROP TABLE IF EXISTS {VOCABULARY}",
)
POSTGRESQL_CREATE = (
    f"ALTER TABLE search_document ADD COLUMN IF NOT EXISTS {TSV_COLUMN} tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, terms)) STORED",
    f"CREATE INDEX IF NOT EXISTS {TSV_INDEX} ON search_document USING gin ({TSV_COLUMN})",
)
POSTGRESQL_DROP = (f"DROP INDEX IF EXISTS {TSV_INDEX}",
                   f"ALTER TABLE search_document DROP COLUMN IF EXISTS {TSV_COLUMN}")


def _run(connection: Connection, statements: tuple[str, ...]) -> None:
    for statement in statements:
        connection.exec_driver_sql(statement)


def create_search_schema(connection: Connection) -> None:
    """Make the database's full-text structures over an existing ``search_document`` table."""
    name = connection.dialect.name
    if name == "sqlite":
        _run(connection, SQLITE_CREATE)
    elif name == "postgresql":
        _run(connection, POSTGRESQL_CREATE)


def drop_search_schema(connection: Connection) -> None:
    """Remove what :func:`create_search_schema` made (before ``search_document`` itself goes)."""
    name = connection.dialect.name
    if name == "sqlite":
        _run(connection, SQLITE_DROP)
    elif name == "postgresql":
        _run(connection, POSTGRESQL_DROP)


def _after_create(table, connection: Connection, **_kw) -> None:
    create_search_schema(connection)


def _before_drop(table, connection: Connection, **_kw) -> None:
    drop_search_schema(connection)


def install_schema_hooks() -> None:
    """Let ``create_all()`` / ``drop_all()`` make and remove the full-text structures too (idempotent)."""
    table = SearchDocument.__table__
    if not event.contains(table, "after_create", _after_create):
        event.listen(table, "after_create", _after_create)
        event.listen(table, "before_drop", _before_drop)


def include_object(obj, name: str | None, type_: str, reflected: bool, compare_to) -> bool:
    """For Alembic's autogenerate: leave the full-text structures alone (the models do not describe them)."""
    if type_ == "table" and name is not None and name.startswith(FTS_TABLE):
        return False
    if type_ == "column" and name == TSV_COLUMN and getattr(obj, "table", None) is not None \
            and obj.table.name == "search_document":
        return False
    return not (type_ == "index" and name == TSV_INDEX)
