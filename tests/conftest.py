"""Fixtures: an app on SQLite or PostgreSQL (REVIEWFLOW_TEST_DB), real Redis, users per role."""

from __future__ import annotations

import os
import tempfile
import uuid
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
def postgres_server(service_root):
    """This test process's PostgreSQL cluster when REVIEWFLOW_TEST_DB=postgresql, else None."""
    if TEST_DB != "postgresql":
        yield None
        return
    server = PostgresServer(service_root / "pg")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def database_url(service_root, postgres_server):
    """SQLite in a file, or a real PostgreSQL cluster, as REVIEWFLOW_TEST_DB says."""
    if postgres_server is not None:
        yield postgres_server.url
    else:
        yield f"sqlite:///{service_root / 'test.db'}"


@pytest.fixture
def empty_database_url(tmp_path, postgres_server):
    """A new, empty database of the kind under test (for migrations and for `make run`'s script)."""
    if postgres_server is None:
        return f"sqlite:///{tmp_path / 'empty.db'}"
    return postgres_server.create_database(f"empty_{uuid.uuid4().hex[:12]}")


def celery_url(redis_url: str) -> str:
    """Celery's broker and results live in Redis database 1, apart from the rate limits in database 0.

    The per-test ``flushdb`` of database 0 would otherwise also delete kombu's queue bindings under a
    running worker.
    """
    return redis_url.rsplit("/", 1)[0] + "/1"


def make_config(service_root: Path, database_url: str, redis_url: str, **overrides) -> TestConfig:
    """A test configuration pointing at the real services."""
    env = {
        "REVIEWFLOW_INSTANCE": str(service_root / "instance"),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": celery_url(redis_url),
        "CELERY_RESULT_BACKEND": celery_url(redis_url),
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


@pytest.fixture(scope="session")
def config_factory(service_root, database_url, redis_server):
    """Build a test configuration on the real services: ``config_factory(DATABASE_URL=..., X=...)``."""

    def build(database: str | None = None, **overrides) -> TestConfig:
        return make_config(service_root, database or database_url, redis_server.url, **overrides)

    return build


@pytest.fixture(scope="session")
def celery_worker_app(service_root, database_url, redis_server, _schema_app):
    """A REAL Celery worker for the whole session, consuming from the test Redis; yields its Flask app.

    It runs in a thread of this test process (``celery.contrib.testing``, solo pool, not eager mode),
    with its own Flask app on the same database, so it sees what a test has committed.
    """
    from celery.contrib.testing.worker import start_worker

    from reviewflow.tasks import health_ping

    flask_app = create_app(make_config(service_root, database_url, redis_server.url))
    celery_app = flask_app.extensions["celery"]
    # Celery's own ping check expects stored results, which our config turns off by default:
    # the health task (which keeps its result) proves the worker consumes instead.
    with start_worker(celery_app, pool="solo", concurrency=1, perform_ping_check=False,
                      shutdown_timeout=30.0, loglevel="WARNING"):
        assert health_ping.delay("worker-ready").get(timeout=60) == {"pong": "worker-ready"}
        yield flask_app


@pytest.fixture
def celery_worker(celery_worker_app, app):
    """The session's real worker, ready for this test (waiting messages purged); yields its Celery app.

    Queue work with the test's own app (``task.delay``, services): both talk to the same broker.
    """
    celery_app = app.extensions["celery"]
    celery_app.control.purge()
    yield celery_worker_app.extensions["celery"]
