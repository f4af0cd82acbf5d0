"""Celery wired the Flask way: the health task makes a round trip through a real worker and Redis."""

import pytest

from reviewflow.tasks import health_ping

pytestmark = pytest.mark.worker


def test_the_broker_and_result_backend_are_the_test_redis(celery_worker, app, redis_server):
    conf = app.extensions["celery"].conf
    assert conf.task_always_eager is False
    base = redis_server.url.rsplit("/", 1)[0]
    assert conf.broker_url.startswith(base)
    assert conf.result_backend.startswith(base)


def test_a_real_worker_answers_a_ping(celery_worker, app):
    replies = app.extensions["celery"].control.ping(timeout=10.0, limit=1)
    assert replies, "no worker answered"


def test_health_task_round_trip_through_a_real_worker(celery_worker, app):
    result = health_ping.delay("round-trip")
    # The guard only stops a broken setup from hanging the suite; nothing here measures speed.
    assert result.get(timeout=60) == {"pong": "round-trip"}
    assert result.successful()


def test_each_task_runs_in_an_application_context(celery_worker, app):
    results = [health_ping.delay(f"token-{n}") for n in range(5)]
    assert [r.get(timeout=60) for r in results] == [{"pong": f"token-{n}"} for n in range(5)]


def test_every_periodic_task_in_the_beat_schedule_is_registered(app):
    import reviewflow.tasks  # noqa: F401  (the worker imports it through conf.include)

    celery = app.extensions["celery"]
    celery.loader.import_default_modules()
    scheduled = {entry["task"] for entry in celery.conf.beat_schedule.values()}
    assert scheduled <= set(celery.tasks), scheduled - set(celery.tasks)
