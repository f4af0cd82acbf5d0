"""The search index: one row per searchable thing (a draft's requisites, a comment, LSA's words, a position…).

The row's id orders the index by draft, newest draft first when read backwards, so the databases can
return the newest matching drafts without sorting every match (see :mod:`reviewflow.services.search`).
The databases' own full-text structures over ``terms`` (an SQLite FTS5 table, a PostgreSQL ``tsvector``
column with a GIN index) are made by :mod:`reviewflow.services.search.schema`.
"""

from __future__ import annotations

import enum

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, SmallInteger, Text
from sqlalchemy.orm import Mapped, mapped_column

from reviewflow.extensions import db


class DocKind(enum.IntEnum):
    """What a search row stands for; the order is the order of hits within a draft."""

    DRAFT = 1  # title, number, kind, institution, their letter number
    LETTER = 2  # LSA's outgoing letter number
    POSITION = 3  # LSA's position (its newest version)
    OPINION = 4  # a committee's opinion
    PROPOSAL = 5  # LSA's words on a proposal (its own, or a municipality's reworded)
    COMMENT = 6  # a municipality's comment and proposed wording
    PROVISION = 7  # the text of one of the draft's own provisions (article, part, point)
    NOTE = 8  # an internal note on a proposal (LSA staff, the board, the draft's committee)
    REASON = 9  # LSA's reasons for its decision on a comment


# id = draft_id << DRAFT_SHIFT | kind << KIND_SHIFT | source_id: rows sort by draft, then kind.
DRAFT_SHIFT = 40
KIND_SHIFT = 36
SOURCE_LIMIT = 1 << KIND_SHIFT


def doc_id(draft_id: int, kind: DocKind, source_id: int) -> int:
    """The id of the search row for ``source_id`` of ``kind`` on ``draft_id``."""
    return (draft_id << DRAFT_SHIFT) | (int(kind) << KIND_SHIFT) | (source_id % SOURCE_LIMIT)


class SearchDocument(db.Model):
    """One searchable thing, its folded ``terms``, and what the visibility rules need to know about it.

    ``municipality_id``: the municipality whose comment this is (a specialist sees their own).
    ``public_when_sent``: the words stand in LSA's sent letter, so whoever sees the sent draft may find them.
    """

    __tablename__ = "search_document"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    draft_id: Mapped[int] = mapped_column(ForeignKey("draft.id", ondelete="CASCADE"), index=True)
    kind: Mapped[int] = mapped_column(SmallInteger)
    source_id: Mapped[int] = mapped_column(Integer)
    municipality_id: Mapped[int | None] = mapped_column(Integer)
    public_when_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    terms: Mapped[str] = mapped_column(Text, default="")
