"""Administrator pages: who may open them, creating, editing and deactivating users, reference data."""

import pytest
from sqlalchemy import select

from reviewflow.extensions import db
from reviewflow.models import User
from tests.conftest import PASSWORD, login
from tests.web.conftest import ROLES, inputs, role_user, text, user_count

NEW_PASSWORD = "Naujas-slaptazodis-2026"


def admin_pages(user_id: int) -> list[str]:
    return [
        "/admin/users", "/admin/users/new", f"/admin/users/{user_id}",
        f"/admin/users/{user_id}/password", "/admin/reference",
    ]


@pytest.mark.parametrize("role", ROLES)
def test_admin_pages_open_only_for_administrators(app, make_user, role):
    user = role_user(make_user, role)
    client = app.test_client()
    login(client, user.email)
    expected = 200 if role == "admin" else 403
    for page in admin_pages(user.id):
        assert client.get(page).status_code == expected, page
    for action in ("deactivate", "activate"):
        other = make_user("lawyer")
        response = client.post(f"/admin/users/{other.id}/{action}")
        assert response.status_code == (302 if role == "admin" else 403)


def test_admin_pages_send_anonymous_visitors_to_sign_in(client, make_user):
    user = make_user("lawyer")
    for page in admin_pages(user.id):
        response = client.get(page)
        assert response.status_code == 302, page
        assert response.headers["Location"].startswith("/login?next=")


def test_forbidden_page_explains_in_lithuanian(signed_in):
    _, client = signed_in("lawyer")
    response = client.get("/admin/users")
    assert response.status_code == 403
    assert "Šio puslapio atverti negalite" in text(response)


def test_menu_shows_users_only_to_administrators(signed_in):
    _, admin = signed_in("admin")
    _, lawyer = signed_in("lawyer")
    assert 'href="/admin/users"' in text(admin.get("/"))
    assert 'href="/admin/users"' not in text(lawyer.get("/"))


def test_user_list_shows_roles_municipality_committees_and_status(signed_in, make_user):
    _, client = signed_in("admin")
    make_user("specialist", municipality="LT-15", email="kaunas@example.lt")
    make_user("committee", "board", committees=["IVPK"], email="ivpk@example.lt")
    page = text(client.get("/admin/users"))
    assert "kaunas@example.lt" in page and "Kauno miesto savivaldybė" in page
    assert "Savivaldybės specialistas" in page
    assert "LSA IVPK" in page and "Komiteto narys" in page and "Valdybos narys" in page


def _new_user(**changes) -> dict:
    data = {
        "name": "Ona Onaitė", "email": "ona@example.lt", "roles": ["specialist"],
        "municipality": "LT-57", "language": "lt", "active": "y",
        "password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_admin_creates_a_user_through_the_form(signed_in):
    _, client = signed_in("admin")
    response = client.post("/admin/users/new", data=_new_user())
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "ona@example.lt"))
    assert user.name == "Ona Onaitė"
    assert {r.value for r in user.roles} == {"specialist"}
    assert user.municipality.iso_code == "LT-57"
    assert login(client.application.test_client(), "ona@example.lt", NEW_PASSWORD).status_code == 302


def test_new_user_form_lists_municipalities_in_lithuanian_order(signed_in):
    _, client = signed_in("admin")
    page = text(client.get("/admin/users/new"))
    assert page.count("<option value=\"LT-") == 60
    # č and š are letters of their own: Šakių after Rokiškio, Zarasų after Vilniaus; Alytaus first.
    order = [page.index(name) for name in ("Akmenės", "Rokiškio", "Šakių", "Vilniaus miesto", "Zarasų")]
    assert order == sorted(order)


@pytest.mark.parametrize(("changes", "message"), [
    ({"municipality": "LT-99"}, "Pasirinkite vieną iš pateiktų variantų."),
    ({"municipality": ""}, "Savivaldybės specialistas priklauso vienai savivaldybei"),
    ({"password": "", "confirm_password": ""}, "Šį laukelį būtina užpildyti."),
    ({"password": "qwertyuiop", "confirm_password": "qwertyuiop"}, "Slaptažodį per lengva atspėti"),
    ({"password": "short1", "confirm_password": "short1"}, "Slaptažodis per trumpas"),
    ({"confirm_password": "something-else-42"}, "Slaptažodžiai nesutampa."),
    ({"roles": None}, "Pasirinkite bent vieną vaidmenį."),
    ({"roles": ["overlord"]}, "Pasirinkite vieną iš pateiktų variantų."),
    ({"email": "not-an-address"}, "Įveskite teisingą el. pašto adresą."),
    ({"roles": ["lawyer"], "committees": ["IVPK"], "municipality": ""}, "Komitetuose dalyvauja tik"),
])
def test_bad_input_is_answered_on_the_page_and_nothing_is_written(signed_in, changes, message):
    _, client = signed_in("admin")
    before = user_count()
    response = client.post("/admin/users/new", data=_new_user(**changes))
    assert response.status_code == 422
    page = text(response)
    assert message in page
    assert inputs(response)["name"]["value"] == "Ona Onaitė"  # what was typed is kept
    assert user_count() == before


def test_duplicate_email_is_refused_on_the_page(signed_in, make_user):
    _, client = signed_in("admin")
    make_user("lawyer", email="ona@example.lt")
    before = user_count()
    response = client.post("/admin/users/new", data=_new_user(email="ONA@example.lt"))
    assert response.status_code == 422
    assert "Naudotojas su el. pašto adresu ona@example.lt jau yra." in text(response)
    assert user_count() == before


def test_admin_edits_roles_municipality_and_committees(signed_in, make_user):
    _, client = signed_in("admin")
    user = make_user("lawyer")
    form = inputs(client.get(f"/admin/users/{user.id}"))
    assert form["email"]["value"] == user.email
    response = client.post(f"/admin/users/{user.id}", data={
        "name": "Pakeistas Vardas", "email": user.email, "roles": ["committee", "board"],
        "municipality": "", "committees": ["IVPK"], "language": "en", "active": "y",
    })
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.name == "Pakeistas Vardas"
    assert {r.value for r in user.roles} == {"committee", "board"}
    assert [link.committee.code for link in user.committee_links] == ["IVPK"]
    assert user.language == "en"


def test_edit_with_bad_input_keeps_what_was_typed(signed_in, make_user):
    _, client = signed_in("admin")
    user = make_user("lawyer")
    response = client.post(f"/admin/users/{user.id}", data={
        "name": "Naujas Vardas", "email": user.email, "roles": ["specialist"], "municipality": "",
        "language": "lt", "active": "y",
    })
    assert response.status_code == 422
    assert inputs(response)["name"]["value"] == "Naujas Vardas"
    db.session.refresh(user)
    assert user.name != "Naujas Vardas"


def test_admin_cannot_lock_themselves_out(signed_in):
    admin, client = signed_in("admin")
    response = client.post(f"/admin/users/{admin.id}", data={
        "name": admin.name, "email": admin.email, "roles": ["lawyer"], "language": "lt", "active": "y",
    })
    assert response.status_code == 422
    assert "Sau administratoriaus vaidmens atimti negalite." in text(response)
    assert client.post(f"/admin/users/{admin.id}/deactivate").status_code == 409
    db.session.refresh(admin)
    assert admin.active


def test_deactivation_ends_the_users_sessions_and_reactivation_lets_them_back(app, signed_in):
    _, admin = signed_in("admin")
    user, user_client = signed_in("lawyer")
    assert admin.post(f"/admin/users/{user.id}/deactivate").status_code == 302
    assert user_client.get("/").status_code == 302
    assert login(app.test_client(), user.email).status_code == 401
    assert "Išjungtas" in text(admin.get("/admin/users"))
    assert admin.post(f"/admin/users/{user.id}/activate").status_code == 302
    assert login(app.test_client(), user.email).status_code == 302


def test_admin_sets_a_new_password_and_the_users_sessions_end(app, signed_in):
    _, admin = signed_in("admin")
    user, user_client = signed_in("lawyer")
    response = admin.post(f"/admin/users/{user.id}/password", data={
        "password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD,
    })
    assert response.status_code == 302
    assert user_client.get("/").status_code == 302
    assert login(app.test_client(), user.email, PASSWORD).status_code == 401
    assert login(app.test_client(), user.email, NEW_PASSWORD).status_code == 302


def test_weak_password_set_by_admin_is_refused(signed_in, make_user):
    _, admin = signed_in("admin")
    user = make_user("lawyer")
    response = admin.post(f"/admin/users/{user.id}/password", data={
        "password": "1234567890", "confirm_password": "1234567890",
    })
    assert response.status_code == 422
    assert "Slaptažodį per lengva atspėti" in text(response)


def test_unknown_user_is_404(signed_in):
    _, admin = signed_in("admin")
    assert admin.get("/admin/users/999999").status_code == 404


def test_reference_data_page_lists_everything(signed_in):
    _, admin = signed_in("admin")
    page = text(admin.get("/admin/reference"))
    assert "Savivaldybės (60)" in page
    assert "LSA IVPK" in page
    assert page.index("Šakių") > page.index("Rokiškio")
