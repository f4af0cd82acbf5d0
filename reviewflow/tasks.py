"""Thin Celery tasks: they take ids and call services."""

from __future__ import annotations

from celery import shared_task

from reviewflow.extensions import db


@shared_task(name="reviewflow.health", ignore_result=False)
def health_ping(token: str) -> dict:
    """Prove the worker runs with an application context and reaches the database."""
    from sqlalchemy import text

    db.session.execute(text("SELECT 1"))
    return {"pong": token}
