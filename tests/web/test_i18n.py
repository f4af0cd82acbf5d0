"""Lithuanian first, English per user; the shipped catalogues are complete and compiled from the sources."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from reviewflow.extensions import db
from tests.conftest import login
from tests.web.conftest import text

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "reviewflow" / "translations"


def _read_po(path: Path):
    with path.open("rb") as fh:
        return read_po(fh)


def test_every_source_string_has_a_lithuanian_translation(tmp_path):
    pot = tmp_path / "messages.pot"
    pybabel = str(Path(sys.executable).with_name("pybabel"))
    subprocess.run(["bash", str(ROOT / "scripts" / "translations.sh"), "extract", str(pot)],
                   check=True, capture_output=True, env={**os.environ, "PYBABEL": pybabel})
    template = _read_po(pot)
    lithuanian = _read_po(TRANSLATIONS / "lt" / "LC_MESSAGES" / "messages.po")
    problems = []
    for message in template:
        if not message.id:
            continue
        translated = lithuanian.get(message.id)
        strings = translated.string if translated else None
        if isinstance(strings, str):
            strings = (strings,)
        if translated is None:
            problems.append(f"missing: {message.id!r}")
        elif translated.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not strings or not all(strings):
            problems.append(f"untranslated: {message.id!r}")
    assert not problems, "run scripts/translations.sh and translate:\n" + "\n".join(problems)


@pytest.mark.parametrize("locale", ["lt", "en"])
def test_shipped_mo_files_match_a_fresh_compile(locale):
    folder = TRANSLATIONS / locale / "LC_MESSAGES"
    fresh = io.BytesIO()
    write_mo(fresh, _read_po(folder / "messages.po"))
    fresh.seek(0)
    with (folder / "messages.mo").open("rb") as fh:
        shipped = read_mo(fh)
    compiled = read_mo(fresh)

    def frozen(value):
        return tuple(value) if isinstance(value, (list, tuple)) else value

    def as_dict(catalog):
        return {frozen(m.id): frozen(m.string) for m in catalog if m.id}

    assert as_dict(shipped) == as_dict(compiled), "run scripts/translations.sh compile"


def test_pages_are_lithuanian_by_default(client):
    page = text(client.get("/login"))
    assert '<html lang="lt">' in page
    assert "Prisijungti" in page and "El. paštas" in page and "Slaptažodis" in page


def test_pages_are_english_for_a_user_who_chose_english(app, make_user):
    user = make_user("admin", language="en")
    client = app.test_client()
    login(client, user.email)
    home = text(client.get("/"))
    assert '<html lang="en">' in home
    assert "What waits for me" in home and f"Signed in as {user.name}" in home and "Sign out" in home
    users = text(client.get("/admin/users"))
    assert "Administrator" in users and "Set password" in users
    assert "Naudotojai" not in users


def test_lithuanian_user_sees_lithuanian_pages(app, make_user):
    user = make_user("admin")
    client = app.test_client()
    login(client, user.email)
    home = text(client.get("/"))
    assert "Kas manęs laukia" in home and "Atsijungti" in home
    assert "Administratorius" in text(client.get("/admin/users"))


def test_visitor_switches_language_before_signing_in(client):
    response = client.post("/language", data={"language": "en", "next": "/login"})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    page = text(client.get("/login"))
    assert '<html lang="en">' in page and "E-mail" in page


def test_signed_in_user_switches_language_from_the_menu(app, make_user):
    user = make_user("lawyer")
    client = app.test_client()
    login(client, user.email)
    response = client.post("/language", data={"language": "en", "next": "//evil.example/"})
    assert response.headers["Location"] == "/"
    db.session.refresh(user)
    assert user.language == "en"
    assert "Change password" in text(client.get("/profile"))


def test_service_errors_are_translated(app, make_user):
    make_user("lawyer", email="dup@example.lt")
    admin = make_user("admin", language="en")
    client = app.test_client()
    login(client, admin.email)
    response = client.post("/admin/users/new", data={
        "name": "X", "email": "dup@example.lt", "roles": ["lawyer"], "language": "lt",
        "password": "Stiprus-slaptazodis-1", "confirm_password": "Stiprus-slaptazodis-1",
    })
    assert "A user with the e-mail dup@example.lt already exists." in text(response)
