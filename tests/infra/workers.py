"""Real ``celery -A worker worker`` processes for fault tests, on the test's database, Redis and SMTP."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from config import PROJECT_ROOT
from reviewflow.extensions import db
from tests.conftest import celery_url


def worker_env(service_root: Path, database_url: str, redis_url: str, path_first: Path | None = None,
               **settings: object) -> dict:
    """The environment a real worker needs to share the test's database and Redis (plus ``settings``)."""
    env = {**os.environ, "REVIEWFLOW_INSTANCE": str(service_root / "instance"), "DATABASE_URL": database_url,
           "REDIS_URL": redis_url, "CELERY_BROKER_URL": celery_url(redis_url),
           "CELERY_RESULT_BACKEND": celery_url(redis_url), "SECRET_KEY": "test-secret"}
    env.update({key: str(value) for key, value in settings.items()})
    if path_first is not None:
        env["PATH"] = f"{path_first}{os.pathsep}{env.get('PATH', '')}"
    return env


def start_worker(name: str, env: dict, log: Path) -> subprocess.Popen:
    """A real worker process (prefork, one child) in a session of its own, so a kill takes its pool too."""
    command = [str(PROJECT_ROOT / ".venv" / "bin" / "celery"), "-A", "worker", "worker", "--loglevel", "INFO",
               "--concurrency", "1", "--hostname", f"{name}@%h", "--without-mingle", "--without-gossip"]
    return subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def stop_worker(process: subprocess.Popen) -> None:
    """End a worker we started (warm shutdown, then a kill if it hangs)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def wait_for(check, timeout: float, what: str):
    """Poll ``check`` (a fresh read of the database each time) until it returns something true."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db.session.rollback()
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"{what}: not within {timeout:g} s")
