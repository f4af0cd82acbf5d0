"""No browser dialogs: steps that cannot be undone are asked in the page, the others say how to undo them."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select

from reviewflow.models import Signatory
from tests.conftest import login

PACKAGE = Path(__file__).resolve().parents[2] / "reviewflow"


def test_no_page_or_script_asks_through_a_browser_dialog():
    asking = [str(p.relative_to(PACKAGE)) for p in [*PACKAGE.glob("templates/**/*.html"), *PACKAGE.glob("static/*.js"),
                                                     *PACKAGE.glob("static/js/*.js")]
              if re.search(r"data-confirm|\bconfirm\(|confirm=_\(", p.read_text(encoding="utf-8"))]
    assert asking == []


def test_deactivating_a_signatory_says_how_to_undo_it_and_the_undo_works(client, make_user, db):
    admin = make_user("admin", language="en")
    ona = Signatory(name="Ona Onaitė", position="Prezidentė", active=True, is_default=False)
    db.session.add(ona)
    db.session.commit()
    login(client, admin.email)
    listing = client.get("/admin/signatories").get_data(as_text=True)
    assert f'action="/admin/signatories/{ona.id}/deactivate" class="d-inline">' in listing  # no question asked

    done = client.post(f"/admin/signatories/{ona.id}/deactivate", follow_redirects=True).get_data(as_text=True)
    assert ("Ona Onaitė is no longer offered as a signatory. To offer them again, open the signatory and tick "
            "“Active (may be chosen for letters)”.") in done
    db.session.expire_all()
    assert db.session.scalar(select(Signatory.active).where(Signatory.id == ona.id)) is False

    # The undo the message names: the signatory's form with "Active" ticked.
    client.post(f"/admin/signatories/{ona.id}", data={"name": "Ona Onaitė", "position": "Prezidentė", "active": "y"})
    db.session.expire_all()
    assert db.session.scalar(select(Signatory.active).where(Signatory.id == ona.id)) is True
    assert client.post("/admin/signatories/999999/deactivate").status_code == 404
