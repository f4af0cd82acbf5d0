"""The lifecycle over real HTTP against a running server (werkzeug in a thread), optionally with a real worker."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

import pytest
import requests
from werkzeug.serving import make_server

from reviewflow.models import OutboxJob
from reviewflow.services.clock import vilnius_today
from tests.conftest import PASSWORD

TODAY = vilnius_today().isoformat()


@contextmanager
def running(app):
    """Serve ``app`` on a free loopback port for the duration of the block; yields the API's base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/api/v1"
    finally:
        server.shutdown()
        thread.join(timeout=10)


class Remote:
    """One person's session with the running API."""

    def __init__(self, base: str, email: str) -> None:
        self.base = base
        self.http = requests.Session()
        answer = self.http.post(f"{base}/auth/token", json={"email": email, "password": PASSWORD}, timeout=30)
        assert answer.status_code == 200, answer.text
        self.http.headers["Authorization"] = f"Bearer {answer.json()['token']}"

    def __call__(self, method: str, path: str, expect: int = 200, **kwargs) -> dict:
        answer = self.http.request(method, self.base + path, timeout=30, **kwargs)
        assert answer.status_code == expect, (method, path, answer.status_code, answer.text)
        if answer.status_code >= 400:
            assert answer.headers["Content-Type"].startswith("application/problem+json")
        return answer.json() if answer.content else {}

    def fire(self, draft_id: int, name: str, expect: int = 200, **fields) -> dict:
        return self("POST", f"/drafts/{draft_id}/transitions", expect, json={"name": name, **fields})


def walk(base: str, cast: dict, draft_payload: dict) -> int:
    """Registration to sending, with a few refusals on the way; returns the draft's id."""
    assert requests.get(f"{base}/openapi.json", timeout=30).json()["openapi"].startswith("3.")
    assert requests.get(f"{base}/drafts", timeout=30).status_code == 401
    people = {name: Remote(base, cast[name].email)
              for name in ("admin", "lawyer", "vilnius", "kaunas", "ivpk", "board")}
    lawyer = people["lawyer"]
    did = lawyer("POST", "/drafts", 201, json=draft_payload)["id"]
    people["admin"].fire(did, "assign", lawyer=cast["lawyer"].email, committee="IVPK")
    people["vilnius"].fire(did, "open_consultation", 404)  # not invited yet: not even visible
    lawyer.fire(did, "open_consultation", municipalities=["LT-57", "LT-15"])
    people["vilnius"].fire(did, "close_consultation", 403, reason="x")
    first = people["vilnius"]("POST", f"/drafts/{did}/comments", 201,
                              json={"article": "3", "text": "Pastaba\x0bantra eilutė"})
    assert first["text"] == "Pastaba\nantra eilutė"
    people["kaunas"]("PATCH", f"/comments/{first['id']}", 404, json={"text": "svetima"})
    people["vilnius"]("POST", f"/drafts/{did}/answer")
    people["kaunas"]("POST", f"/drafts/{did}/no-comments")
    lawyer.fire(did, "close_consultation", reason="Visos atsakė")
    people["kaunas"]("POST", f"/drafts/{did}/comments", 409, json={"text": "Per vėlai"})
    lawyer("PATCH", f"/comments/{first['id']}", json={"decision": "partly_accepted", "reasons": "Iš dalies",
                                                    "lsa_wording": "LSA redakcija"})
    lawyer("PUT", f"/drafts/{did}/position", json={"version": 0, "stance": "supports", "text": "Pritariame"})
    stale = lawyer("PUT", f"/drafts/{did}/position", 409, json={"version": 0, "stance": "objects", "text": "x"})
    assert stale["current"]["text"] == "Pritariame"
    lawyer.fire(did, "send_to_committee")
    people["ivpk"].fire(did, "give_opinion", opinion="supports", text="Pritariame", meeting_date=TODAY)
    people["board"].fire(did, "approve", decision_number="VN-7", decision_date=TODAY)
    assert lawyer.fire(did, "mark_sent", sent_date=TODAY)["state"] == "sent"
    lawyer("DELETE", "/auth/token", 204)
    lawyer("GET", "/me", 401)
    return did


def test_the_lifecycle_over_real_http(app, cast, draft_payload):
    with running(app) as base:
        did = walk(base, cast, draft_payload)
    assert did


@pytest.mark.worker
@pytest.mark.slow
def test_the_lifecycle_over_real_http_with_a_real_worker(app, cast, draft_payload, celery_worker, db):
    """The board's approval queues the letter; a real worker on real Redis renders it."""
    with running(app) as base:
        did = walk(base, cast, draft_payload)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        db.session.rollback()  # see the worker's commits
        job = db.session.query(OutboxJob).filter_by(task="reviewflow.render_letter").one()
        if job.done_at is not None:
            break
        time.sleep(0.2)
    assert did and job.done_at is not None, job.last_error
