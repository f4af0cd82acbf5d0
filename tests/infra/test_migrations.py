"""The migrations in ``migrations/`` build exactly the schema the models describe, and undo it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from reviewflow import create_app
from reviewflow.extensions import db

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def flask_db(url: str, redis_url: str, instance: Path, *args: str) -> None:
    """Run ``flask --app reviewflow db ...`` as an operator would, in its own process."""
    env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": redis_url,
           "REVIEWFLOW_INSTANCE": str(instance), "SECRET_KEY": "migration-test"}
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "reviewflow", "db", *args],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def schema_differences(url: str) -> list:
    """What Alembic's autogenerate would still add, drop or alter to reach the models."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            # The search index's FTS5 table / tsvector column are made by hand, not described by the models.
            from reviewflow.services.search.schema import include_object

            context = MigrationContext.configure(connection, opts={"compare_type": True,
                                                                   "include_object": include_object})
            return compare_metadata(context, db.metadata)
    finally:
        engine.dispose()


def table_names(url: str) -> set[str]:
    """The tables in the database at ``url``."""
    engine = sa.create_engine(url)
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_matches_the_models_and_downgrade_returns_to_empty(
    empty_database_url, redis_server, config_factory, tmp_path
):
    create_app(config_factory())  # imports every model, so db.metadata is complete
    flask_db(empty_database_url, redis_server.url, tmp_path, "upgrade")

    differences = schema_differences(empty_database_url)
    assert differences == [], "models and migrations differ: run `flask --app reviewflow db migrate`"
    assert table_names(empty_database_url) >= {t.name for t in db.metadata.sorted_tables}

    flask_db(empty_database_url, redis_server.url, tmp_path, "downgrade", "base")
    assert table_names(empty_database_url) <= {"alembic_version"}

