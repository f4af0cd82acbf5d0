"""What each row contributes to the search index, and keeping the index current in the writing transaction.

A listener on every SQLAlchemy session's ``after_flush`` sees what the flush wrote (drafts, comments,
positions, opinions, letters, institutions), reads those rows back on the flush's own connection and
replaces their search rows, so the index commits or rolls back with the write and no service has to
remember it. Writes that bypass the ORM (``session.execute(update(Comment)…)``) are not seen; no
service writes searchable text that way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, event, insert, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from reviewflow.models import (
    Comment,
    CommitteeOpinion,
    Decision,
    Draft,
    Institution,
    Letter,
    PositionVersion,
    ProposalOrigin,
)
from reviewflow.models.search import DocKind, SearchDocument, doc_id
from reviewflow.services.search.query import index_terms

# The kind of act in the words people search for (the catalogue's Lithuanian labels).
KIND_WORDS = {"law": "Įstatymas", "government_resolution": "Vyriausybės nutarimas",
              "ministerial_order": "Ministro įsakymas", "other": ""}
SENT_DECISIONS = (Decision.ACCEPTED.value, Decision.PARTLY_ACCEPTED.value)
# Which attributes of a changed row matter to its search rows (None: any change, or the row is new).
WATCHED: dict[type, tuple[str, ...]] = {
    Draft: ("title", "number_raw", "kind", "institution_id", "incoming_letter_number"),
    Comment: ("text", "proposed_wording", "lsa_text", "lsa_wording", "decision", "merged_into_id",
              "municipality_id", "origin"),
    CommitteeOpinion: ("text",),
    PositionVersion: ("text",),
    Letter: ("our_number",),
    Institution: ("name_lt",),
}
DRAFT_COLUMNS = (Draft.id, Draft.title, Draft.number_raw, Draft.kind, Draft.incoming_letter_number,
                 Institution.name_lt)
COMMENT_COLUMNS = (Comment.id, Comment.draft_id, Comment.municipality_id, Comment.origin, Comment.text,
                   Comment.proposed_wording, Comment.lsa_text, Comment.lsa_wording, Comment.decision,
                   Comment.merged_into_id)


def _value(member) -> str | None:
    return getattr(member, "value", member)


def draft_document(row) -> dict:
    """The search row of a draft's requisites (``row`` has the columns of :data:`DRAFT_COLUMNS`)."""
    terms = index_terms(row.title, row.number_raw, KIND_WORDS.get(_value(row.kind), ""), row.name_lt,
                        row.incoming_letter_number)
    return {"id": doc_id(row.id, DocKind.DRAFT, row.id), "draft_id": row.id, "kind": int(DocKind.DRAFT),
            "source_id": row.id, "municipality_id": None, "public_when_sent": False, "terms": terms}


def comment_documents(row) -> list[dict]:
    """A comment's search rows (``row`` has :data:`COMMENT_COLUMNS`).

    The municipality's words (text, proposed wording) are one row, seen by LSA and that municipality;
    LSA's words are another, seen by LSA, only when they are LSA's own (a proposal of LSA's, or a
    municipality's proposal reworded). Either is public once the draft is sent if the letter carries it:
    a top-level proposal LSA accepted fully or partly.
    """
    in_letter = row.merged_into_id is None and _value(row.decision) in SENT_DECISIONS
    documents = []

    def add(kind: DocKind, terms: str, municipality_id: int | None, public: bool) -> None:
        if terms:
            documents.append({"id": doc_id(row.draft_id, kind, row.id), "draft_id": row.draft_id,
                              "kind": int(kind), "source_id": row.id, "municipality_id": municipality_id,
                              "public_when_sent": public, "terms": terms})

    if _value(row.origin) == ProposalOrigin.LSA.value:
        if row.merged_into_id is None:
            add(DocKind.PROPOSAL, index_terms(row.lsa_text or row.text, row.lsa_wording or row.proposed_wording),
                None, in_letter)
        return documents
    reworded = (row.lsa_text is not None and row.lsa_text != row.text) or \
        (row.lsa_wording is not None and row.lsa_wording != row.proposed_wording)
    add(DocKind.COMMENT, index_terms(row.text, row.proposed_wording), row.municipality_id,
        in_letter and not reworded)
    if reworded and row.merged_into_id is None:
        add(DocKind.PROPOSAL, index_terms(row.lsa_text, row.lsa_wording), None, in_letter)
    return documents


def _plain(draft_id: int, kind: DocKind, source_id: int, terms: str) -> dict:
    return {"id": doc_id(draft_id, kind, source_id), "draft_id": draft_id, "kind": int(kind),
            "source_id": source_id, "municipality_id": None, "public_when_sent": False, "terms": terms}


@dataclass
class Pending:
    """What a flush changed, by what has to be re-read."""

    drafts: set[int] = field(default_factory=set)
    deleted_drafts: set[int] = field(default_factory=set)
    comments: dict[int, int] = field(default_factory=dict)  # comment id -> draft id
    opinions: dict[int, int] = field(default_factory=dict)  # opinion id -> draft id
    positions: set[int] = field(default_factory=set)  # draft ids
    letters: set[int] = field(default_factory=set)  # draft ids
    institutions: set[int] = field(default_factory=set)
    # Comments this flush inserted: their words are in memory and no search row of theirs exists yet.
    new_comments: list[Comment] = field(default_factory=list)
    new_drafts: set[int] = field(default_factory=set)

    def __bool__(self) -> bool:
        return any((self.drafts, self.deleted_drafts, self.comments, self.opinions, self.positions,
                    self.letters, self.institutions, self.new_comments))

    def add(self, obj, deleted: bool = False, new: bool = False) -> None:
        """Note one flushed object."""
        if isinstance(obj, Draft):
            (self.deleted_drafts if deleted else self.drafts).add(obj.id)
            if new:
                self.new_drafts.add(obj.id)
        elif isinstance(obj, Comment) and new:
            self.new_comments.append(obj)
        elif isinstance(obj, Comment):
            self.comments[obj.id] = obj.draft_id
        elif isinstance(obj, CommitteeOpinion):
            self.opinions[obj.id] = obj.draft_id
        elif isinstance(obj, PositionVersion):
            self.positions.add(obj.draft_id)
        elif isinstance(obj, Letter):
            self.letters.add(obj.draft_id)
        elif isinstance(obj, Institution) and not deleted:
            self.institutions.add(obj.id)


def _changed(obj) -> bool:
    names = WATCHED.get(type(obj))
    if names is None:
        return False
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


def _after_flush(session: Session, _context) -> None:
    pending = Pending()
    for obj in session.new:
        if type(obj) in WATCHED:
            pending.add(obj, new=True)
    for obj in session.dirty:
        if _changed(obj):
            pending.add(obj)
    for obj in session.deleted:
        if type(obj) in WATCHED:
            pending.add(obj, deleted=True)
    if pending:
        apply(session.connection(), pending)


def install_index_listener() -> None:
    """Keep the index current on every session's flush (idempotent)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)


def _replace(connection: Connection, stale: Iterable[int], documents: list[dict]) -> None:
    stale = list(set(stale))
    table = SearchDocument.__table__
    for start in range(0, len(stale), 500):
        connection.execute(delete(table).where(table.c.id.in_(stale[start:start + 500])))
    if documents:
        connection.execute(insert(table), documents)
        if connection.dialect.name == "sqlite":
            from reviewflow.services.search.sqlite import remember_words

            remember_words(connection, documents)


def apply(connection: Connection, pending: Pending) -> None:
    """Re-read what changed and replace its search rows (deleted rows just lose theirs)."""
    table = SearchDocument.__table__
    if pending.deleted_drafts:
        connection.execute(delete(table).where(table.c.draft_id.in_(list(pending.deleted_drafts))))
    drafts = set(pending.drafts) - pending.deleted_drafts
    if pending.institutions:
        drafts |= set(connection.scalars(select(Draft.id).where(Draft.institution_id.in_(list(pending.institutions)))))
    stale, documents = [], []
    if drafts:
        stale += [doc_id(d, DocKind.DRAFT, d) for d in drafts - pending.new_drafts]
        documents += [draft_document(row) for row in connection.execute(
            select(*DRAFT_COLUMNS).join(Institution, Institution.id == Draft.institution_id)
            .where(Draft.id.in_(list(drafts))))]
    for comment in pending.new_comments:
        documents += comment_documents(comment)
    if pending.comments:
        stale += [doc_id(d, kind, c) for c, d in pending.comments.items() for kind in (DocKind.COMMENT,
                                                                                        DocKind.PROPOSAL)]
        for row in connection.execute(select(*COMMENT_COLUMNS).where(Comment.id.in_(list(pending.comments)))):
            documents += comment_documents(row)
    if pending.opinions:
        stale += [doc_id(d, DocKind.OPINION, o) for o, d in pending.opinions.items()]
        documents += [_plain(row.draft_id, DocKind.OPINION, row.id, index_terms(row.text))
                      for row in connection.execute(select(CommitteeOpinion.id, CommitteeOpinion.draft_id,
                                                           CommitteeOpinion.text)
                                                    .where(CommitteeOpinion.id.in_(list(pending.opinions))))]
    if pending.positions:
        stale += [doc_id(d, DocKind.POSITION, d) for d in pending.positions]
        documents += position_documents(connection, pending.positions)
    if pending.letters:
        stale += [doc_id(d, DocKind.LETTER, d) for d in pending.letters]
        documents += letter_documents(connection, pending.letters)
    documents = [d for d in documents if d["draft_id"] not in pending.deleted_drafts and d["terms"]]
    _replace(connection, stale, documents)


def position_documents(connection: Connection, draft_ids: Iterable[int]) -> list[dict]:
    """The search row of each draft's newest position version."""
    newest: dict[int, str] = {}
    rows = connection.execute(select(PositionVersion.draft_id, PositionVersion.text)
                              .where(PositionVersion.draft_id.in_(list(draft_ids)))
                              .order_by(PositionVersion.draft_id, PositionVersion.version))
    for row in rows:
        newest[row.draft_id] = row.text
    return [_plain(d, DocKind.POSITION, d, index_terms(text)) for d, text in newest.items()]


def letter_documents(connection: Connection, draft_ids: Iterable[int]) -> list[dict]:
    """The search row of each draft's outgoing letter number(s) (versions keep the number)."""
    numbers: dict[int, list[str]] = {}
    rows = connection.execute(select(Letter.draft_id, Letter.our_number).distinct()
                              .where(Letter.draft_id.in_(list(draft_ids))))
    for row in rows:
        numbers.setdefault(row.draft_id, []).append(row.our_number)
    return [_plain(d, DocKind.LETTER, d, index_terms(*sorted(n))) for d, n in numbers.items()]


def rebuild_index(connection: Connection, batch: int = 200) -> int:
    """Index every existing row from scratch (the migration's backfill, and a repair); returns the rows made."""
    connection.execute(delete(SearchDocument.__table__))
    made = 0
    draft_ids = list(connection.scalars(select(Draft.id).order_by(Draft.id)))
    for start in range(0, len(draft_ids), batch):
        chunk = set(draft_ids[start:start + batch])
        pending = Pending(drafts=chunk, positions=chunk, letters=chunk)
        pending.comments = {row.id: row.draft_id for row in connection.execute(
            select(Comment.id, Comment.draft_id).where(Comment.draft_id.in_(chunk)))}
        pending.opinions = {row.id: row.draft_id for row in connection.execute(
            select(CommitteeOpinion.id, CommitteeOpinion.draft_id).where(CommitteeOpinion.draft_id.in_(chunk)))}
        apply(connection, pending)
        made += len(chunk)
    return made
