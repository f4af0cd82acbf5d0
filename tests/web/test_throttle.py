"""Login throttling on real Redis: per account (failures only) and per address."""

from tests.conftest import PASSWORD, login
from tests.web.conftest import text

THROTTLED = "Per daug bandymų prisijungti."


def test_sixth_failure_for_an_account_is_refused_even_with_the_right_password(app, make_user):
    user, other = make_user("lawyer"), make_user("lawyer")
    client = app.test_client()
    for _ in range(5):
        assert login(client, user.email, "wrong-password").status_code == 401
    response = login(client, user.email)
    assert response.status_code == 429
    assert THROTTLED in text(response)
    assert f'value="{user.email}"' in text(response)  # the form keeps the e-mail
    assert login(app.test_client(), other.email).status_code == 302


def test_throttling_counts_the_account_whatever_case_it_is_typed_in(app, make_user):
    user = make_user("lawyer")
    client = app.test_client()
    for n in range(5):
        email = user.email.upper() if n % 2 else user.email
        assert login(client, email, "wrong-password").status_code == 401
    assert login(client, user.email.upper()).status_code == 429


def test_successful_logins_do_not_count_against_the_account(app, make_user):
    user = make_user("lawyer")
    for _ in range(3):
        assert login(app.test_client(), user.email, "wrong-password").status_code == 401
    for _ in range(6):
        assert login(app.test_client(), user.email, PASSWORD).status_code == 302
    for _ in range(2):
        assert login(app.test_client(), user.email, "wrong-password").status_code == 401
    assert login(app.test_client(), user.email, PASSWORD).status_code == 429


def test_attempts_per_address_are_limited(app_factory, make_user):
    limited = app_factory(LOGIN_LIMIT_PER_ADDRESS="3 per minute")
    user = make_user("lawyer")
    client = limited.test_client()
    for n in range(3):
        assert login(client, f"someone{n}@example.lt", "x").status_code == 401
    response = login(client, user.email)
    assert response.status_code == 429
    assert THROTTLED in text(response)
    assert client.get("/login").status_code == 200  # only sign-in attempts are limited
