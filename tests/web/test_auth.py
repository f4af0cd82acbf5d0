"""Signing in and out, sessions ended on logout and password change, the profile page."""

from reviewflow.extensions import db
from reviewflow.services import accounts
from tests.conftest import PASSWORD, login
from tests.web.conftest import inputs, text

NEW_PASSWORD = "another-Strong-pass-77"


def test_login_form_fields_suit_password_managers(client):
    page = client.get("/login")
    assert page.status_code == 200
    fields = inputs(page)
    assert fields["email"]["autocomplete"] == "username"
    assert fields["password"]["autocomplete"] == "current-password"
    assert fields["password"]["type"] == "password"


def test_login_with_right_password_signs_in(client, make_user):
    user = make_user("lawyer")
    response = login(client, user.email.upper())
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert user.name in text(client.get("/"))


def test_login_with_wrong_password_keeps_email_and_says_why(client, make_user):
    user = make_user("lawyer")
    response = login(client, user.email, "not-the-password")
    assert response.status_code == 401
    assert "Neteisingas el. pašto adresas arba slaptažodis." in text(response)
    fields = inputs(response)
    assert fields["email"]["value"] == user.email
    assert fields["password"].get("value", "") == ""
    assert client.get("/").status_code == 302


def test_login_with_unknown_email_is_refused_the_same_way(client, refdata):
    response = login(client, "nobody@example.lt")
    assert response.status_code == 401
    assert "Neteisingas el. pašto adresas arba slaptažodis." in text(response)


def test_deactivated_user_cannot_sign_in(client, make_user):
    user = make_user("lawyer")
    accounts.set_user_active(user.id, False)
    assert login(client, user.email).status_code == 401


def test_next_is_followed_only_within_the_site(client, make_user):
    user = make_user("admin")
    response = client.post("/login?next=/admin/users", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/admin/users"
    client.post("/logout")
    response = client.post("/login?next=//evil.example/x", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/"


def test_pages_need_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_logout_is_post_only(client, make_user):
    user = make_user("lawyer")
    login(client, user.email)
    assert client.get("/logout").status_code == 405
    assert client.get("/").status_code == 200


def test_logout_ends_every_session_of_the_user(app, make_user):
    user = make_user("lawyer")
    here, elsewhere = app.test_client(), app.test_client()
    login(here, user.email)
    login(elsewhere, user.email)
    assert elsewhere.get("/").status_code == 200
    response = here.post("/logout")
    assert response.status_code == 302
    assert here.get("/").status_code == 302
    assert elsewhere.get("/").status_code == 302


def test_logout_of_one_user_leaves_others_signed_in(app, make_user):
    first, second = make_user("lawyer"), make_user("lawyer")
    a, b = app.test_client(), app.test_client()
    login(a, first.email)
    login(b, second.email)
    a.post("/logout")
    assert b.get("/").status_code == 200


def test_password_change_ends_other_sessions_but_keeps_this_one(app, make_user):
    user = make_user("lawyer")
    here, elsewhere = app.test_client(), app.test_client()
    login(here, user.email)
    login(elsewhere, user.email)
    response = here.post("/profile", data={
        "action": "password", "pw-current_password": PASSWORD,
        "pw-new_password": NEW_PASSWORD, "pw-confirm_password": NEW_PASSWORD,
    })
    assert response.status_code == 302
    assert here.get("/").status_code == 200
    assert elsewhere.get("/").status_code == 302
    assert login(app.test_client(), user.email, PASSWORD).status_code == 401
    assert login(app.test_client(), user.email, NEW_PASSWORD).status_code == 302


def test_password_change_with_wrong_current_password_changes_nothing(app, make_user):
    user = make_user("lawyer")
    client = app.test_client()
    login(client, user.email)
    old_hash = user.password_hash
    response = client.post("/profile", data={
        "action": "password", "pw-current_password": "wrong-password-1",
        "pw-new_password": NEW_PASSWORD, "pw-confirm_password": NEW_PASSWORD,
    })
    assert response.status_code == 422
    assert "Dabartinis slaptažodis neteisingas." in text(response)
    db.session.refresh(user)
    assert user.password_hash == old_hash


def test_password_change_refuses_a_weak_password(app, make_user):
    user = make_user("lawyer")
    client = app.test_client()
    login(client, user.email)
    response = client.post("/profile", data={
        "action": "password", "pw-current_password": PASSWORD,
        "pw-new_password": "qwertyuiop", "pw-confirm_password": "qwertyuiop",
    })
    assert response.status_code == 422
    assert "Slaptažodį per lengva atspėti" in text(response)
    assert client.get("/").status_code == 200


def test_profile_changes_language(app, make_user):
    user = make_user("lawyer")
    client = app.test_client()
    login(client, user.email)
    response = client.post("/profile", data={"action": "language", "lang-language": "en"})
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.language == "en"
    assert "Change password" in text(client.get("/profile"))
