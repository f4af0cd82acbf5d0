"""Run the whole local system: Redis if needed, migrations, demo data, web, Celery worker and beat.

``make run`` calls this with the project's virtual environment. Ctrl-C (SIGINT) or SIGTERM stops every
child it started, Redis included when it was started here, and exits 0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options; each has an environment variable or a default that suits `make run`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    parser.add_argument("--instance", default=os.environ.get("REVIEWFLOW_INSTANCE", str(ROOT / "instance")),
                        help="folder for the SQLite database, the secret key and the beat schedule")
    parser.add_argument("--mail-port", type=int, default=int(os.environ.get("SMTP_PORT", "1025")),
                        help="port of the local mailbox (started when no SMTP_HOST is configured)")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    parser.add_argument("--no-install", action="store_true",
                        help="never install system packages (redis-server) with apt")
    parser.add_argument("--health-timeout", type=float, default=120.0)
    return parser.parse_args(argv)


def say(message: str) -> None:
    """One line of our own output, marked so it stands out among the children's logs."""
    print(f"run    | {message}", flush=True)


def redis_answers(url: str) -> bool:
    """Whether a Redis server answers PING at ``url`` (raw protocol: no client library needed)."""
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1) as s:
            s.sendall(b"PING\r\n")
            reply = s.recv(64)
    except OSError:
        return False
    # "-NOAUTH" still proves a Redis is there; the app reports the password problem itself.
    return reply.startswith((b"+PONG", b"-NOAUTH"))


def port_is_free(host: str, port: int) -> bool:
    """Whether nothing listens on ``host:port`` yet."""
    with socket.socket() as sock:
        return sock.connect_ex((host, port)) != 0


class Supervisor:
    """The children we started, their prefixed output, and a clean stop of all of them."""

    def __init__(self) -> None:
        self.children: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, command: list[str], env: dict) -> subprocess.Popen:
        """Start a long-running child in its own session, so a terminal's Ctrl-C reaches only us."""
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True, text=True, errors="replace",
        )
        threading.Thread(target=self._relay, args=(name, process), daemon=True).start()
        self.children.append((name, process))
        return process

    @staticmethod
    def _relay(name: str, process: subprocess.Popen) -> None:
        for line in process.stdout:
            sys.stdout.write(f"{name:<6} | {line}")
            sys.stdout.flush()

    def dead(self) -> str | None:
        """The name of a child that has exited, if any."""
        return next((name for name, p in self.children if p.poll() is not None), None)

    def stop_all(self, timeout: float = 20.0) -> None:
        """Stop the app processes first, Redis last, so the worker can finish its warm shutdown."""
        apps = [(name, p) for name, p in self.children if name != "redis"]
        self._stop(apps, timeout)
        self._stop([(name, p) for name, p in self.children if name == "redis"], timeout)

    @staticmethod
    def _stop(children: list[tuple[str, subprocess.Popen]], timeout: float) -> None:
        """SIGTERM (warm shutdown for Celery, graceful for gunicorn), then SIGKILL the stragglers."""
        for _name, process in children:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for name, process in children:
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                say(f"{name} did not stop in {timeout:.0f}s: killing it")
            # Whatever is left in the child's process group (prefork pool, gunicorn workers) goes too.
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()


def ensure_redis(url: str, instance: Path, supervisor: Supervisor, env: dict, may_install: bool) -> None:
    """Use the Redis at ``url``; start one on loopback when none answers (installing it if needed)."""
    if redis_answers(url):
        say(f"Redis answers at {url}")
        return
    parts = urlsplit(url)
    if parts.hostname not in LOOPBACK:
        raise SystemExit(f"No Redis answers at {url}, and it is not on this machine: start it first.")
    if shutil.which("redis-server") is None:
        if not may_install:
            raise SystemExit("redis-server is not installed (and --no-install was given).")
        subprocess.run(["bash", str(ROOT / "scripts/system-deps.sh"), "run"], check=True)
        if redis_answers(url):  # the Debian package starts its own service where systemd runs
            say(f"Redis answers at {url}")
            return
    port = parts.port or 6379
    say(f"Starting redis-server on 127.0.0.1:{port}")
    supervisor.start("redis", [shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1",
                               "--dir", str(instance), "--save", "", "--appendonly", "no"], env)
    deadline = time.monotonic() + 20
    while not redis_answers(url):
        if supervisor.dead() or time.monotonic() > deadline:
            raise SystemExit("redis-server did not start")
        time.sleep(0.1)


# The three `flask --app reviewflow ...` commands, run by Flask's own CLI group in one process:
# the same code paths as typing them, without paying the start-up (imports, app) three times.
PREPARE = """
from flask.cli import FlaskGroup
from reviewflow import create_app
cli = FlaskGroup(create_app=create_app)
for step in (["db", "upgrade"], ["load-reference-data"], ["demo-data"]):
    print("flask --app reviewflow " + " ".join(step), flush=True)
    cli.main(step, prog_name="flask", standalone_mode=False)
"""


def prepare_database(env: dict) -> None:
    """Migrations, reference data and demo data: each step is idempotent, so every run repeats them."""
    result = subprocess.run([sys.executable, "-c", PREPARE], cwd=ROOT, env=env, capture_output=True,
                            text=True)
    for line in result.stdout.splitlines():
        if line.startswith("flask "):
            say(line)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit("preparing the database failed")


def _gunicorn_extras() -> list[str]:
    """Options only newer gunicorns know: the control socket would be shared by every instance."""
    from importlib.metadata import version

    major = int(version("gunicorn").split(".")[0])
    return ["--no-control-socket"] if major >= 26 else []


def start_services(args: argparse.Namespace, instance: Path, supervisor: Supervisor, env: dict) -> None:
    """The web server, one Celery worker and one Celery beat (never two beats: tasks would double),
    and a local mailbox when no SMTP server is configured and nothing listens on its port."""
    if "SMTP_HOST" not in os.environ and port_is_free("127.0.0.1", args.mail_port):
        supervisor.start("mail", [str(BIN / "python"), str(ROOT / "scripts" / "mail_sink.py"),
                                  "--port", str(args.mail_port), "--folder", str(instance / "mail")], env)
    supervisor.start("web", [
        str(BIN / "gunicorn"), "--bind", f"{args.host}:{args.port}", "--workers", "2", "--threads", "4",
        "--access-logfile", "-", *_gunicorn_extras(), "reviewflow:create_app()",
    ], env)
    supervisor.start("worker", [
        str(BIN / "celery"), "-A", "worker", "worker", "--loglevel", "INFO", "--concurrency", "2",
        "--hostname", f"reviewflow-local-{args.port}@%h",
    ], env)
    supervisor.start("beat", [
        str(BIN / "celery"), "-A", "worker", "beat", "--loglevel", "INFO",
        "--schedule", str(instance / "celerybeat-schedule"), "--pidfile", "",
    ], env)


def wait_healthy(url: str, supervisor: Supervisor, timeout: float) -> None:
    """Poll ``/healthz`` until it answers 200; give up when a child dies or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if name := supervisor.dead():
            raise SystemExit(f"{name} exited before the system became healthy")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    raise SystemExit(f"{url}/healthz was not ok after {timeout:.0f}s")


def print_welcome(url: str, elapsed: float, env: dict) -> None:
    """The address, where links and mails go, and the demo accounts."""
    sys.path.insert(0, str(ROOT))
    from reviewflow.services.demo import DEMO_PASSWORD, DEMO_USERS

    mail = (f"SMTP {env['SMTP_HOST']}" if "SMTP_HOST" in env
            else f"the local mailbox on port {env['SMTP_PORT']} (saved in instance/mail)")
    lines = [f"Reviewflow is ready at {url} (healthy after {elapsed:.1f}s). Ctrl-C stops everything.",
             f"Links in mails and the calendar feed point to {env['BASE_URL']}; mail goes to {mail}.",
             f"Demo accounts, all with the password {DEMO_PASSWORD}:"]
    lines += [f"  {user.email:28} {', '.join(user.roles)}" for user in DEMO_USERS]
    print("\n".join("run    | " + line for line in lines), flush=True)


class Stop(Exception):
    """Raised by the signal handler to leave the main loop."""


def _on_signal(signum: int, _frame: object) -> None:
    raise Stop(signal.Signals(signum).name)


def main(argv: list[str] | None = None) -> int:
    """Start everything, wait for a signal, stop everything."""
    started = time.monotonic()
    args = parse_args(argv)
    instance = Path(args.instance).resolve()
    instance.mkdir(parents=True, exist_ok=True)
    if not port_is_free(args.host, args.port):
        say(f"Port {args.port} is taken: stop what uses it or pass --port / PORT=.")
        return 1
    env = {**os.environ, "REVIEWFLOW_INSTANCE": str(instance), "REDIS_URL": args.redis_url,
           "REVIEWFLOW_DEMO": "1", "PYTHONUNBUFFERED": "1"}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    url = f"http://{args.host}:{args.port}"
    # Links in mails and the calendar feed point where this system really answers, unless told otherwise.
    env.setdefault("BASE_URL", url)
    if "SMTP_HOST" not in os.environ:
        env["SMTP_PORT"] = str(args.mail_port)
    supervisor = Supervisor()
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    status = 0
    try:
        ensure_redis(args.redis_url, instance, supervisor, env, may_install=not args.no_install)
        prepare_database(env)
        start_services(args, instance, supervisor, env)
        wait_healthy(url, supervisor, args.health_timeout)
        print_welcome(url, time.monotonic() - started, env)
        while (name := supervisor.dead()) is None:
            time.sleep(0.5)
        say(f"{name} exited unexpectedly: stopping the rest")
        status = 1
    except Stop as stop:
        say(f"{stop} received: stopping")
    except SystemExit as exc:
        say(str(exc))
        status = 1
    finally:
        # A second Ctrl-C while stopping must not leave orphans behind.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        supervisor.stop_all()
    say("stopped")
    return status


if __name__ == "__main__":
    sys.exit(main())
