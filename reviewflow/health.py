"""``GET /healthz``: is the database up, is Redis up."""

from __future__ import annotations

import redis
from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from reviewflow.extensions import csrf, db

bp = Blueprint("health", __name__)


def check_database() -> bool:
    """Whether a trivial query succeeds."""
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception:  # any failure means "down" here; the detail goes to the log
        current_app.logger.exception("database health check failed")
        db.session.rollback()
        return False


def check_redis() -> bool:
    """Whether Redis answers PING within a second."""
    client = redis.Redis.from_url(current_app.config["REDIS_URL"], socket_connect_timeout=1, socket_timeout=1)
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False
    finally:
        client.close()  # one probe per request: do not leave its connection to the garbage collector


@bp.get("/healthz")
@csrf.exempt
def healthz():
    """JSON status of each part; 503 when one is down."""
    parts = {"database": check_database(), "redis": check_redis()}
    body = {name: ("ok" if up else "down") for name, up in parts.items()}
    healthy = all(parts.values())
    body = {"status": "ok" if healthy else "down", **body}
    return jsonify(body), (200 if healthy else 503)
