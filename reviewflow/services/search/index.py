"""What each row contributes to the search index, and keeping the index current in the writing transaction.

A listener on every SQLAlchemy session's ``after_flush`` sees what the flush wrote (drafts, comments,
provisions, notes, positions, opinions, letters, institutions) and replaces their search rows on the flush's
own connection, so the index commits or rolls back with the write and no service has to remember it. What
the flush wrote is read from the objects in memory; only what they do not hold (a letter's other numbers, a
renamed institution's drafts, the newest position after an edit) is read back. The rows then go to the
database in one statement (:func:`write`). Writes that bypass the ORM (``session.execute(update(Comment)…)``)
are not seen; no service writes searchable text that way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, event, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from reviewflow.models import (
    Comment,
    CommitteeOpinion,
    Decision,
    Draft,
    Institution,
    InternalNote,
    Letter,
    PositionVersion,
    ProposalOrigin,
    Provision,
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
              "municipality_id", "origin", "reasons"),
    CommitteeOpinion: ("text",),
    PositionVersion: ("text", "version"),
    Letter: ("our_number",),
    Institution: ("name_lt",),
    Provision: ("text",),
    InternalNote: ("text",),
}
DRAFT_COLUMNS = (Draft.id, Draft.title, Draft.number_raw, Draft.kind, Draft.incoming_letter_number,
                 Institution.name_lt)
COMMENT_COLUMNS = (Comment.id, Comment.draft_id, Comment.municipality_id, Comment.origin, Comment.text,
                   Comment.proposed_wording, Comment.lsa_text, Comment.lsa_wording, Comment.decision,
                   Comment.merged_into_id, Comment.reasons)
COMMENT_KINDS = (DocKind.COMMENT, DocKind.PROPOSAL, DocKind.REASON)


def _value(member) -> str | None:
    return getattr(member, "value", member)


def _plain(draft_id: int, kind: DocKind, source_id: int, terms: str, municipality_id: int | None = None,
           public: bool = False) -> dict:
    return {"id": doc_id(draft_id, kind, source_id), "draft_id": draft_id, "kind": int(kind),
            "source_id": source_id, "municipality_id": municipality_id, "public_when_sent": public, "terms": terms}


def draft_document(row, institution_name: str | None = None) -> dict:
    """The search row of a draft's requisites (``row`` has the columns of :data:`DRAFT_COLUMNS`, or is a
    :class:`Draft` and ``institution_name`` its institution's name)."""
    name = institution_name if institution_name is not None else row.name_lt
    terms = index_terms(row.title, row.number_raw, KIND_WORDS.get(_value(row.kind), ""), name,
                        row.incoming_letter_number)
    return _plain(row.id, DocKind.DRAFT, row.id, terms)


def comment_documents(row) -> list[dict]:
    """A comment's search rows (``row`` has :data:`COMMENT_COLUMNS`, or is a :class:`Comment`).

    The municipality's words (text, proposed wording) are one row, seen by LSA and that municipality;
    LSA's words are another, seen by LSA, only when they are LSA's own (a proposal of LSA's, or a
    municipality's proposal reworded). Either is public once the draft is sent if the letter carries it:
    a top-level proposal LSA accepted fully or partly. LSA's reasons for its decision are a third row,
    seen by LSA and, once the letter is sent, by the comment's municipality (``permissions.can_see_outcome``).
    """
    in_letter = row.merged_into_id is None and _value(row.decision) in SENT_DECISIONS
    documents = []

    def add(kind: DocKind, terms: str, municipality_id: int | None, public: bool) -> None:
        if terms:
            documents.append(_plain(row.draft_id, kind, row.id, terms, municipality_id, public))

    lsa_own = _value(row.origin) == ProposalOrigin.LSA.value
    add(DocKind.REASON, index_terms(row.reasons), None if lsa_own else row.municipality_id, False)
    if lsa_own:
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


def provision_document(row) -> dict:
    """The search row of one provision's text (a :class:`Provision` or a row with its id, draft and text)."""
    return _plain(row.draft_id, DocKind.PROVISION, row.id, index_terms(row.text))


def note_document(note, draft_id: int) -> dict:
    """The search row of one internal note (on a proposal of draft ``draft_id``)."""
    return _plain(draft_id, DocKind.NOTE, note.id, index_terms(note.text))


def comment_stale(draft_id: int, comment_id: int) -> list[int]:
    """Every search row a comment may have (which of them it has depends on its words and decision)."""
    return [doc_id(draft_id, kind, comment_id) for kind in COMMENT_KINDS]


@dataclass
class Changes:
    """What a flush changed: rows made from memory, rows to drop, and what has to be read back first."""

    documents: list[dict] = field(default_factory=list)
    stale: set[int] = field(default_factory=set)
    deleted_drafts: set[int] = field(default_factory=set)
    prune_notes: set[int] = field(default_factory=set)  # drafts whose note rows may have lost their note
    read_drafts: set[int] = field(default_factory=set)
    positions: set[int] = field(default_factory=set)  # draft ids
    letters: set[int] = field(default_factory=set)  # draft ids
    institutions: set[int] = field(default_factory=set)
    notes: list[tuple[InternalNote, bool]] = field(default_factory=list)  # (note, deleted): draft unknown

    def __bool__(self) -> bool:
        return any((self.documents, self.stale, self.deleted_drafts, self.prune_notes, self.read_drafts,
                    self.positions, self.letters, self.institutions, self.notes))


def _loaded(obj, name: str):
    """The related object ``name`` if it is already in memory (reading it must not cost a statement)."""
    return inspect(obj).dict.get(name)


def _note_changes(changes: Changes, session: Session, obj, deleted: bool) -> None:
    """A note's row: its draft is its comment's, from memory when the comment is loaded, else read back."""
    comment = session.identity_map.get(inspect(Comment).identity_key_from_primary_key((obj.comment_id,)))
    if comment is None:
        changes.notes.append((obj, deleted))
    elif deleted:
        changes.stale.add(doc_id(comment.draft_id, DocKind.NOTE, obj.id))
    else:
        changes.documents.append(note_document(obj, comment.draft_id))


def _note(changes: Changes, session: Session, obj, new: bool = False, deleted: bool = False) -> None:
    """Note one flushed object's effect on the index."""
    if isinstance(obj, Draft):
        institution = _loaded(obj, "institution")
        if deleted:
            changes.deleted_drafts.add(obj.id)
        elif institution is not None and institution.id == obj.institution_id:
            changes.documents.append(draft_document(obj, institution.name_lt))
        else:
            changes.read_drafts.add(obj.id)
    elif isinstance(obj, Comment):
        if not new:
            changes.stale.update(comment_stale(obj.draft_id, obj.id))
        if deleted:
            changes.prune_notes.add(obj.draft_id)  # its notes went with it (the database's cascade)
        else:
            changes.documents += comment_documents(obj)
    elif isinstance(obj, CommitteeOpinion):
        changes.stale.add(doc_id(obj.draft_id, DocKind.OPINION, obj.id))
        if not deleted:
            changes.documents.append(_plain(obj.draft_id, DocKind.OPINION, obj.id, index_terms(obj.text)))
    elif isinstance(obj, Provision):
        changes.stale.add(doc_id(obj.draft_id, DocKind.PROVISION, obj.id))
        if not deleted:
            changes.documents.append(provision_document(obj))
    elif isinstance(obj, InternalNote):
        _note_changes(changes, session, obj, deleted)
    elif isinstance(obj, PositionVersion):
        changes.positions.add(obj.draft_id)
    elif isinstance(obj, Letter):
        changes.letters.add(obj.draft_id)
    elif isinstance(obj, Institution) and not deleted:
        changes.institutions.add(obj.id)


def _changed(obj) -> bool:
    names = WATCHED.get(type(obj))
    if names is None:
        return False
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


def _newest_positions(session: Session, changes: Changes) -> None:
    """A position version inserted by this flush is its draft's newest: its row is made from memory."""
    newest: dict[int, PositionVersion] = {}
    for obj in session.new:
        if isinstance(obj, PositionVersion) and (obj.draft_id not in newest
                                                 or obj.version > newest[obj.draft_id].version):
            newest[obj.draft_id] = obj
    edited = {obj.draft_id for obj in (*session.dirty, *session.deleted) if isinstance(obj, PositionVersion)}
    for draft_id, version in newest.items():
        if draft_id not in edited:
            changes.positions.discard(draft_id)
            changes.documents.append(_plain(draft_id, DocKind.POSITION, draft_id, index_terms(version.text)))


def _after_flush(session: Session, _context) -> None:
    changes = Changes()
    for obj in session.new:
        if type(obj) in WATCHED:
            _note(changes, session, obj, new=True)
    for obj in session.dirty:
        if _changed(obj):
            _note(changes, session, obj)
    for obj in session.deleted:
        if type(obj) in WATCHED:
            _note(changes, session, obj, deleted=True)
    if changes.positions:
        _newest_positions(session, changes)
    if changes:
        apply(session.connection(), changes)


def install_index_listener() -> None:
    """Keep the index current on every session's flush (idempotent)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)


def write(connection: Connection, changes: Changes) -> None:
    """Drop the stale rows and put the new ones in one statement (see the backends' ``write``)."""
    from reviewflow.services.search import postgresql, sqlite

    documents = [d for d in changes.documents if d["draft_id"] not in changes.deleted_drafts and d["terms"]]
    put = {d["id"] for d in documents}
    # A row that is put again replaces itself; one whose source lost its words is dropped.
    stale = {i for i in changes.stale if i not in put} | {d["id"] for d in changes.documents if not d["terms"]}
    if not (documents or stale or changes.deleted_drafts or changes.prune_notes):
        return
    backend = postgresql if connection.dialect.name == "postgresql" else sqlite
    backend.write(connection, documents, sorted(stale), sorted(changes.deleted_drafts), sorted(changes.prune_notes))


def apply(connection: Connection, changes: Changes) -> None:
    """Read back what memory did not hold, then write the rows."""
    drafts = set(changes.read_drafts)
    if changes.institutions:
        drafts |= set(connection.scalars(select(Draft.id).where(Draft.institution_id.in_(list(changes.institutions)))))
    drafts -= changes.deleted_drafts
    if drafts:
        changes.documents += [draft_document(row) for row in connection.execute(
            select(*DRAFT_COLUMNS).join(Institution, Institution.id == Draft.institution_id)
            .where(Draft.id.in_(list(drafts))))]
    if changes.positions:
        changes.stale.update(doc_id(d, DocKind.POSITION, d) for d in changes.positions)
        changes.documents += position_documents(connection, changes.positions)
    if changes.letters:
        changes.stale.update(doc_id(d, DocKind.LETTER, d) for d in changes.letters)
        changes.documents += letter_documents(connection, changes.letters)
    if changes.notes:
        owners = dict(connection.execute(select(Comment.id, Comment.draft_id).where(
            Comment.id.in_([note.comment_id for note, _deleted in changes.notes]))).all())
        for note, deleted in changes.notes:
            if note.comment_id in owners:
                if deleted:
                    changes.stale.add(doc_id(owners[note.comment_id], DocKind.NOTE, note.id))
                else:
                    changes.documents.append(note_document(note, owners[note.comment_id]))
    write(connection, changes)


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


def _chunk_documents(connection: Connection, chunk: list[int]) -> list[dict]:
    """Every search row of the drafts in ``chunk``, read from the database."""
    documents = [draft_document(row) for row in connection.execute(
        select(*DRAFT_COLUMNS).join(Institution, Institution.id == Draft.institution_id).where(Draft.id.in_(chunk)))]
    for row in connection.execute(select(*COMMENT_COLUMNS).where(Comment.draft_id.in_(chunk))):
        documents += comment_documents(row)
    documents += [_plain(row.draft_id, DocKind.OPINION, row.id, index_terms(row.text)) for row in connection.execute(
        select(CommitteeOpinion.id, CommitteeOpinion.draft_id, CommitteeOpinion.text)
        .where(CommitteeOpinion.draft_id.in_(chunk)))]
    documents += [provision_document(row) for row in connection.execute(
        select(Provision.id, Provision.draft_id, Provision.text).where(Provision.draft_id.in_(chunk)))]
    documents += [note_document(row, row.draft_id) for row in connection.execute(
        select(InternalNote.id, InternalNote.text, Comment.draft_id)
        .join(Comment, Comment.id == InternalNote.comment_id).where(Comment.draft_id.in_(chunk)))]
    return documents + position_documents(connection, chunk) + letter_documents(connection, chunk)


def rebuild_index(connection: Connection, batch: int = 200) -> int:
    """Index every existing row from scratch (the migration's backfill, and a repair); returns the rows made.

    Safe to run again: it empties the index first, so a second run makes the same rows.
    """
    connection.execute(delete(SearchDocument.__table__))
    made = 0
    draft_ids = list(connection.scalars(select(Draft.id).order_by(Draft.id)))
    for start in range(0, len(draft_ids), batch):
        documents = [d for d in _chunk_documents(connection, draft_ids[start:start + batch]) if d["terms"]]
        write(connection, Changes(documents=documents))
        made += len(documents)
    return made
