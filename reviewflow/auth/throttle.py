"""Sign-in throttling that survives Redis being down: the same limits, counted in-process meanwhile.

Why not Flask-Limiter's own ``in_memory_fallback``: while its storage is down it replaces every
route's limits with one list of fallback limits keyed by address and applies them to *every*
endpoint. The per-account limit (the one that stops password guessing) would vanish, and a shared
office would meet the fallback limit on ordinary pages. This storage keeps the declared limits and
their keys and only changes where they are counted.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import Flask
from limits.storage import MemoryStorage, Storage, storage_from_string

PREFIX = "fallback+"
# How long to count in memory before asking Redis again; short, so limits are shared again soon,
# long enough that a dead Redis costs one refused connection per process per period, not per request.
RETRY_SECONDS = 15.0

log = logging.getLogger(__name__)


class FallbackStorage(Storage):
    """Rate-limit counters in the configured storage (Redis), in this process's memory while it fails.

    Counts kept in memory are per process and are dropped when Redis answers again: during an outage
    an account gets its limit once per web process, which stays strict enough against guessing.
    """

    STORAGE_SCHEME = [PREFIX + scheme for scheme in ("redis", "rediss", "redis+unix", "memory")]

    def __init__(self, uri: str, wrap_exceptions: bool = False, **options: Any) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.primary = storage_from_string(uri.removeprefix(PREFIX), **options)
        self.memory = MemoryStorage()
        self._retry_at = 0.0

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        """The primary storage's errors (they are caught here and never escape)."""
        return self.primary.base_exceptions

    @property
    def in_fallback(self) -> bool:
        """Whether counts are being kept in memory now."""
        return time.monotonic() < self._retry_at

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        if not self.in_fallback:
            try:
                return getattr(self.primary, method)(*args, **kwargs)
            except self.primary.base_exceptions as exc:
                self._retry_at = time.monotonic() + RETRY_SECONDS
                log.warning("rate-limit storage unreachable (%s); counting sign-in attempts in memory "
                            "for %.0f s", exc, RETRY_SECONDS)
        return getattr(self.memory, method)(*args, **kwargs)

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Add ``amount`` to a window's counter."""
        return self._call("incr", key, expiry, amount=amount)

    def get(self, key: str) -> int:
        """A window's counter."""
        return self._call("get", key)

    def get_expiry(self, key: str) -> float:
        """When a window ends."""
        return self._call("get_expiry", key)

    def check(self) -> bool:
        """Always usable: memory answers when the primary does not."""
        return True

    def reset(self) -> int | None:
        """Clear every counter in both places."""
        self.memory.reset()
        return self._call("reset")

    def clear(self, key: str) -> None:
        """Clear one counter in both places."""
        self.memory.clear(key)
        self._call("clear", key)


def init_throttle(app: Flask) -> None:
    """Route the limiter's storage through :class:`FallbackStorage` and set short Redis timeouts.

    Call before ``limiter.init_app``. A Redis that hangs instead of refusing would otherwise hold
    every sign-in for the client's default timeout (none).
    """
    uri = app.config.get("RATELIMIT_STORAGE_URI") or "memory://"
    if not uri.startswith(PREFIX):
        app.config["RATELIMIT_STORAGE_URI"] = PREFIX + uri
    if uri.removeprefix(PREFIX).startswith("redis"):
        options = {"socket_connect_timeout": 1, "socket_timeout": 1}
        app.config["RATELIMIT_STORAGE_OPTIONS"] = {**options, **app.config.get("RATELIMIT_STORAGE_OPTIONS", {})}
