"""Fixtures: an app on SQLite or PostgreSQL (REVIEWFLOW_TEST_DB), real Redis, users per role."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from config import TestConfig
from reviewflow import create_app
from reviewflow.extensions import db as _db
from tests.support.services import PostgresServer, RedisServer

TEST_DB = os.environ.get("REVIEWFLOW_TEST_DB", "sqlite")
PASSWORD = "correct-horse-battery-42"


@pytest.fixture(scope="session")
def service_root():
    """One temporary folder for every server this test process starts."""
    with tempfile.TemporaryDirectory(prefix="reviewflow-test-") as folder:
        os.chmod(folder, 0o755)
        yield Path(folder)


@pytest.fixture(scope="session")
def redis_server(service_root):
    """A real redis-server for this test process."""
    server = RedisServer(service_root / "redis")
    server.folder.mkdir()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def database_url(service_root):
    """SQLite in a file, or a real PostgreSQL cluster, as REVIEWFLOW_TEST_DB says."""
    if TEST_DB == "postgresql":
        server = PostgresServer(service_root / "pg")
        server.start()
        yield server.url
        server.stop()
    else:
        yield f"sqlite:///{service_root / 'test.db'}"


def make_config(service_root: Path, database_url: str, redis_url: str, **overrides) -> TestConfig:
    """A test configuration pointing at the real services."""
    env = {
        "REVIEWFLOW_INSTANCE": str(service_root / "instance"),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": "test-secret",
    }
    config = TestConfig.from_env(env)
    for key, value in overrides.items():
        setattr(config, key, value)
    return config


@pytest.fixture(scope="session")
def _schema_app(service_root, database_url, redis_server):
    app = create_app(make_config(service_root, database_url, redis_server.url))
    with app.app_context():
        _db.drop_all()
        _db.create_all()
    return app


def _empty_tables() -> None:
    for table in reversed(_db.metadata.sorted_tables):
        _db.session.execute(table.delete())
    _db.session.commit()


@pytest.fixture
def app_factory(service_root, database_url, redis_server, _schema_app):
    """Build an app with config overrides, on the shared schema; tables are emptied afterwards."""
    apps = []

    def build(**overrides):
        app = create_app(make_config(service_root, database_url, redis_server.url, **overrides))
        apps.append(app)
        return app

    yield build
    with _schema_app.app_context():
        _db.session.remove()
        _empty_tables()
    client = __import__("redis").Redis.from_url(redis_server.url)
    client.flushdb()


@pytest.fixture
def app(app_factory):
    """The application with an application context pushed."""
    application = app_factory()
    with application.app_context():
        yield application
        _db.session.remove()


@pytest.fixture
def db(app):
    """The database handle."""
    return _db


@pytest.fixture
def client(app):
    """A test client."""
    return app.test_client()


@pytest.fixture
def refdata(app):
    """The shipped reference data, loaded."""
    from reviewflow.services.reference import load_reference_data

    load_reference_data()


@pytest.fixture
def make_user(refdata):
    """Create a user: ``make_user("lawyer")``, ``make_user("specialist", municipality="LT-57")``."""
    from reviewflow.services.accounts import UserInput, create_user

    counter = iter(range(1, 10_000))

    def build(*roles: str, email: str | None = None, municipality: str | None = None,
              committees=(), language: str = "lt", password: str = PASSWORD):
        n = next(counter)
        email = email or f"{'-'.join(roles)}{n}@example.lt"
        return create_user(
            UserInput(email=email, name=f"Test {' '.join(roles).title()} {n}", roles=roles,
                      municipality=municipality, committees=committees, language=language),
            password,
        )

    return build


def login(client, email: str, password: str = PASSWORD):
    """Sign in through the real form."""
    return client.post("/login", data={"email": email, "password": password})
