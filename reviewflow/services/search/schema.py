"""The full-text structures ``create_all()`` cannot describe, made by the same code in tests and migrations.

SQLite: an FTS5 table over ``search_document.terms`` (external content, so the text is stored once) kept
in step by three triggers, the table of indexed words that prefixes are looked up in, and a view whose
INSTEAD OF triggers turn one executemany into the drops and upserts of a flush (SQLite has no
data-modifying CTE to do it in one statement, as PostgreSQL does: see ``postgresql.write``). PostgreSQL: a
stored ``tsvector`` column generated from ``terms`` with a GIN index. ``terms`` is already folded
(:func:`query.index_terms`), so neither database needs its own diacritics handling (no ``unaccent``): the
``simple`` configuration and FTS5's tokenizer only split the folded words on spaces.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Connection

from reviewflow.models.search import DocKind, SearchDocument

FTS_TABLE = "search_fts"
TSV_COLUMN = "tsv"
TSV_INDEX = "ix_search_document_tsv"

# Every word ever indexed, so a prefix becomes the words it stands for (see sqlite.py); never pruned: a word
# no longer in any row only costs an OR-branch that matches nothing. Named under FTS_TABLE like FTS5's own.
VOCABULARY = f"{FTS_TABLE}_words"
# Rows inserted here change search_document: action 'put' (upsert the row, remember its words), 'drop' (the row
# of that id), 'drop_draft' (every row of draft_id), 'prune_notes' (draft_id's note rows whose note is gone).
UPKEEP = f"{FTS_TABLE}_upkeep"
_COLUMNS = "id, draft_id, kind, source_id, municipality_id, public_when_sent, terms"
_NOTE_KIND = int(DocKind.NOTE)

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
    f"CREATE VIEW IF NOT EXISTS {UPKEEP} AS SELECT '' AS action, {_COLUMNS} FROM search_document WHERE 0",
    # The terms are folded tokens (letters and digits only), so they make a JSON array by plain joining.
    f"""CREATE TRIGGER IF NOT EXISTS {UPKEEP}_put INSTEAD OF INSERT ON {UPKEEP} WHEN new.action = 'put' BEGIN
        INSERT INTO search_document ({_COLUMNS}) VALUES (new.id, new.draft_id, new.kind, new.source_id,
            new.municipality_id, new.public_when_sent, new.terms)
        ON CONFLICT (id) DO UPDATE SET municipality_id = excluded.municipality_id,
            public_when_sent = excluded.public_when_sent, terms = excluded.terms
        WHERE search_document.terms IS NOT excluded.terms
            OR search_document.municipality_id IS NOT excluded.municipality_id
            OR search_document.public_when_sent IS NOT excluded.public_when_sent;
        INSERT OR IGNORE INTO {VOCABULARY} (term)
            SELECT value FROM json_each('["' || replace(new.terms, ' ', '","') || '"]'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {UPKEEP}_drop INSTEAD OF INSERT ON {UPKEEP} WHEN new.action = 'drop' BEGIN
        DELETE FROM search_document WHERE id = new.id; END""",
    f"""CREATE TRIGGER IF NOT EXISTS {UPKEEP}_drop_draft INSTEAD OF INSERT ON {UPKEEP}
        WHEN new.action = 'drop_draft' BEGIN DELETE FROM search_document WHERE draft_id = new.draft_id; END""",
    f"""CREATE TRIGGER IF NOT EXISTS {UPKEEP}_prune_notes INSTEAD OF INSERT ON {UPKEEP}
        WHEN new.action = 'prune_notes' BEGIN
        DELETE FROM search_document WHERE draft_id = new.draft_id AND kind = {_NOTE_KIND} AND NOT EXISTS (
            SELECT 1 FROM internal_note JOIN comment ON comment.id = internal_note.comment_id
            WHERE internal_note.id = search_document.source_id); END""",
)
# What migration 9d4f6b8c2e51 added (its downgrade removes just these).
SQLITE_UPKEEP_DROP = (f"DROP VIEW IF EXISTS {UPKEEP}",)
SQLITE_DROP = (
    *SQLITE_UPKEEP_DROP,
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
