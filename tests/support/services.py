"""Start real Redis and PostgreSQL servers for the tests, each on a free loopback port."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import time
from pathlib import Path


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 20.0) -> None:
    """Block until something accepts connections on ``port``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {timeout}s")


class RedisServer:
    """A private redis-server, stoppable and restartable (to test Redis being down)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """The URL of database 0."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        """Start the server and wait until it answers; a port taken meanwhile means a new port."""
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed: run `make test`, which installs it")
        self.folder.mkdir(parents=True, exist_ok=True)
        for _attempt in range(5):
            self.process = subprocess.Popen(
                [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--dir", str(self.folder)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            if self._answers_as_ours():
                return self
            self.stop()
            # Another test process took the port between free_port() and our bind: try another.
            self.port = free_port()
        raise RuntimeError("redis-server did not start")

    def _answers_as_ours(self, timeout: float = 20.0) -> bool:
        """Whether our own process (not a neighbour on the same port) answers PING."""
        import redis

        deadline = time.monotonic() + timeout
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=0.5)
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                return client.info("server")["process_id"] == self.process.pid
            except redis.RedisError:
                time.sleep(0.05)
        return False

    def stop(self) -> None:
        """Stop the server."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None


def _pg_bin(name: str) -> str:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    found = candidates[0] if candidates else shutil.which(name)
    if not found:
        raise RuntimeError("PostgreSQL is not installed: run `make test`, which installs it")
    return found


class PostgresServer:
    """A throwaway PostgreSQL cluster made with initdb and run with pg_ctl in a temporary folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()
        # initdb refuses to run as root: run the cluster as the postgres system user then.
        self.run_as = "postgres" if os.geteuid() == 0 else None

    @property
    def url(self) -> str:
        """A SQLAlchemy URL for the test database."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/reviewflow_test"

    def _run(self, *args: str) -> None:
        command = list(args)
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self) -> PostgresServer:
        """Create the cluster, start it and create the test database."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.run_as:
            entry = pwd.getpwnam(self.run_as)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
            os.chmod(self.folder.parent, 0o755)
        self._run(_pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8")
        for attempt in range(5):
            try:
                self._run(
                    _pg_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"), "-w",
                    "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                          "-c synchronous_commit=off -c full_page_writes=off",
                    "start",
                )
                break
            except subprocess.CalledProcessError:
                # pg_ctl -w fails when the port was taken meanwhile by another test process.
                if attempt == 4:
                    raise
                self.port = free_port()
        self._run(_pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                  "reviewflow_test")
        return self

    def create_database(self, name: str) -> str:
        """Create one more empty database in this cluster and return its URL."""
        self._run(_pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return self.url.rsplit("/", 1)[0] + "/" + name

    def stop(self) -> None:
        """Stop the cluster at once."""
        try:
            self._run(_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            pass
