"""Fixtures: an app on SQLite or PostgreSQL (REVIEWFLOW_TEST_DB), real Redis, users per role."""

from __future__ import annotations

import os
import tempfile
import uuid
from contextlib import ExitStack
from pathlib import Path

import pytest

from config import TestConfig
from reviewflow import create_app
from reviewflow.extensions import db as _db
from tests.support.services import PostgresServer, RedisServer
from tests.support.url_builders import reuse_url_builders

reuse_url_builders()

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
    """The application; the test's own database work runs in a second app's context.

    Flask reuses an already pushed context of the same app for requests, which would share ``g``
    (and Flask-Login's cached user) between test clients; a separate app keeps requests apart.
    """
    web_app = app_factory()
    with app_factory().app_context():
        yield web_app
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


@pytest.fixture
def start_celery_worker():
    """Start a REAL Celery worker for a Flask app built by the test; it stops after the test.

    ``celery.contrib.testing`` runs it in a thread of this process (solo pool, not eager mode), on the
    test Redis, with the app's own configuration (an SMTP sink's port, say). Messages left in the
    queue by earlier tests are purged first, so it only sees this test's work.
    """
    from celery.contrib.testing.worker import start_worker

    from reviewflow.tasks import health_ping

    with ExitStack() as stack:

        def start(flask_app):
            celery_app = flask_app.extensions["celery"]
            # Celery would otherwise take over the root logger and hide log records from caplog.
            celery_app.conf.worker_hijack_root_logger = False
            celery_app.control.purge()
            # Celery's own ping check needs stored results, which our config turns off by default:
            # the health task (which keeps its result) proves the worker consumes instead.
            stack.enter_context(start_worker(celery_app, pool="solo", concurrency=1,
                                             perform_ping_check=False, shutdown_timeout=30.0,
                                             loglevel="WARNING"))
            assert health_ping.delay("worker-ready").get(timeout=60) == {"pong": "worker-ready"}
            return celery_app

        yield start


@pytest.fixture
def celery_worker(start_celery_worker, app):
    """A REAL Celery worker running the test's ``app``; yields the Celery app (``task.delay`` works)."""
    return start_celery_worker(app)


# A test that asks for none of these never opens the database: the PostgreSQL pass would run it exactly as
# the SQLite pass did, so it is left out there (scripts/run_tests.sh; the suite's time budget is 20 minutes).
DATABASE_FIXTURES = frozenset({"database_url", "postgres_server", "empty_database_url"})


def pytest_collection_modifyitems(config, items):
    """On the PostgreSQL pass keep only the tests that use a database."""
    if TEST_DB != "postgresql":
        return
    kept = [item for item in items if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in set(kept)])
        items[:] = kept
