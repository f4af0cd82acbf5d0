"""``make run``'s script: it becomes healthy, demo accounts sign in, Ctrl-C stops every child, twice."""

from __future__ import annotations

import html
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
import sqlalchemy as sa

from reviewflow.services.demo import DEMO_PASSWORD, DEMO_USERS
from tests.support.processes import alive, descendants
from tests.support.services import free_port

ROOT = Path(__file__).resolve().parents[2]
READY = "Reviewflow is ready at"

pytestmark = pytest.mark.slow


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Let a test see the 302 itself."""

    def redirect_request(self, *args, **kwargs):
        return None


def sign_in(base: str, email: str, password: str) -> tuple[int, str]:
    """Sign in through the real form, CSRF token included; the status and Location of the answer."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect)
    page = opener.open(base + "/login").read().decode()
    token = html.unescape(re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1))
    body = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": password}).encode()
    try:
        response = opener.open(base + "/login", data=body)
    except urllib.error.HTTPError as answer:  # 302 and 4xx both arrive here without redirects
        return answer.code, answer.headers.get("Location", "")
    return response.status, ""


class RunLocal:
    """One run of scripts/run_local.py, its output in a file."""

    def __init__(self, instance: Path, redis_url: str, database_url: str | None) -> None:
        self.port, self.mail_port = free_port(), free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = instance.parent / f"run-{self.port}.log"
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REVIEWFLOW_TEST_DB"}}
        if database_url:
            env["DATABASE_URL"] = database_url
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [sys.executable, str(ROOT / "scripts/run_local.py"), "--port", str(self.port),
                 "--mail-port", str(self.mail_port), "--instance", str(instance), "--redis-url", redis_url,
                 "--no-install"],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            )

    def output(self) -> str:
        """Everything printed so far."""
        return self.log.read_text(errors="replace")

    def wait_ready(self) -> None:
        """Block until the script says it is ready (or fails)."""
        # A guard against hanging the suite, not a measurement: the script has its own timeout.
        deadline = time.monotonic() + 180
        while READY not in self.output():
            assert self.process.poll() is None, self.output()
            assert time.monotonic() < deadline, self.output()
            time.sleep(0.2)

    def interrupt(self) -> int:
        """Ctrl-C, and the exit status."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(90)


def port_is_free(port: int) -> bool:
    """Nothing listens on 127.0.0.1:``port``."""
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def count_users(database_url: str) -> int:
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as connection:
            return connection.execute(sa.text('SELECT count(*) FROM "user"')).scalar_one()
    finally:
        engine.dispose()


def test_run_local_twice_on_one_instance(tmp_path, redis_server, postgres_server, empty_database_url):
    instance = tmp_path / "instance"
    # Redis database 5: the script's own worker must not take tasks queued for the test worker.
    redis_url = redis_server.url.rsplit("/", 1)[0] + "/5"
    database_url = empty_database_url if postgres_server else None
    users_after = []
    for run_number in (1, 2):
        run = RunLocal(instance, redis_url, database_url)
        try:
            run.wait_ready()
            with urllib.request.urlopen(run.base + "/healthz") as response:
                assert response.status == 200
            accounts = DEMO_USERS if run_number == 1 else DEMO_USERS[:1]
            for account in accounts:
                status, location = sign_in(run.base, account.email, DEMO_PASSWORD)
                assert status == 302 and "/login" not in location, account.email
            assert sign_in(run.base, DEMO_USERS[0].email, "not-the-password")[0] == 401
            # Links point at the port this run answers on, and its mailbox listens on the port asked for.
            assert f"point to {run.base};" in run.output() and f"port {run.mail_port}" in run.output()
            assert not port_is_free(run.mail_port)
            children = descendants(run.process.pid)
            assert len(children) >= 3  # web, worker, beat (and their own children)
        finally:
            status = run.interrupt()
        assert status == 0, run.output()
        assert alive(children) == set(), run.output()
        assert "stopped" in run.output().splitlines()[-1]
        assert "beat: Starting" in run.output()
        assert "exited unexpectedly" not in run.output()
        users_after.append(count_users(database_url or f"sqlite:///{instance / 'reviewflow.db'}"))
    assert users_after == [len(DEMO_USERS), len(DEMO_USERS)]
    assert (instance / "celerybeat-schedule").exists() or any(instance.glob("celerybeat-schedule*"))
