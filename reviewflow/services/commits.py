"""Committing without expiring: for a unit of work whose objects are read again right after its commit."""

from __future__ import annotations

from reviewflow.extensions import db


def commit_keeping_loaded() -> None:
    """Commit, leaving the session's objects loaded instead of expired.

    A service that answers with what it just wrote (a comment's JSON, the page after a post, the signed-in
    user) would otherwise reload each of those objects with one SELECT apiece: the values are the ones this
    transaction wrote, so nothing is gained by reading them back. Only for writes whose values are all set
    in Python (no server-side defaults or triggers on the objects the caller reads afterwards).
    """
    session = db.session()
    expiring = session.expire_on_commit
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expiring
