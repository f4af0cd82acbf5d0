"""The ``flask --app reviewflow`` commands: create-user and load-reference-data."""

import pytest
from sqlalchemy import func, select

from reviewflow.extensions import db
from reviewflow.models import Municipality, User
from tests.web.conftest import user_count

GOOD_PASSWORD = "Stiprus-slaptazodis-42\n"


def create_user(app, *args, password=GOOD_PASSWORD):
    return app.test_cli_runner().invoke(args=["create-user", *args, "--password-stdin"], input=password)


def test_create_user_with_several_roles(app, refdata):
    result = create_user(
        app, "--email", "Jonas@Example.lt", "--name", "Jonas Jonaitis", "--role", "committee",
        "--role", "board", "--committee", "ivpk",
    )
    assert result.exit_code == 0, result.output
    assert "Created user jonas@example.lt" in result.output
    db.session.rollback()
    user = db.session.scalar(select(User).where(User.email == "jonas@example.lt"))
    assert {r.value for r in user.roles} == {"committee", "board"}
    assert [link.committee.code for link in user.committee_links] == ["IVPK"]


def test_create_specialist_with_municipality(app, refdata):
    result = create_user(app, "--email", "v@example.lt", "--name", "V", "--role", "specialist",
                         "--municipality", "LT-57")
    assert result.exit_code == 0, result.output
    db.session.rollback()
    user = db.session.scalar(select(User).where(User.email == "v@example.lt"))
    assert user.municipality.name == "Vilniaus miesto savivaldybė"


@pytest.mark.parametrize(("args", "password", "message"), [
    (["--role", "overlord"], GOOD_PASSWORD, "Unknown role 'overlord'"),
    (["--role", "specialist", "--municipality", "LT-99"], GOOD_PASSWORD, "Unknown municipality code 'LT-99'"),
    (["--role", "specialist"], GOOD_PASSWORD, "belongs to exactly one municipality"),
    (["--role", "committee", "--committee", "NOPE"], GOOD_PASSWORD, "Unknown committee code(s): NOPE."),
    (["--role", "lawyer"], "\n", "The password is empty."),
    (["--role", "lawyer"], "", "The password is empty."),
    (["--role", "lawyer"], "short\n", "The password is too short"),
    (["--role", "lawyer"], "qwertyuiop\n", "The password is too easy to guess"),
    (["--role", "lawyer", "--email", "not-an-address"], GOOD_PASSWORD, "This is not a valid e-mail address"),
])
def test_bad_arguments_give_one_line_error_and_write_nothing(app, refdata, args, password, message):
    before = user_count()
    base = ["--email", "new@example.lt", "--name", "Nauja"]
    if "--email" in args:
        base = base[2:]
    result = create_user(app, *base, *args, password=password)
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: ") and message in lines[0]
    assert user_count() == before


def test_duplicate_email_is_refused(app, make_user):
    make_user("lawyer", email="taken@example.lt")
    before = user_count()
    result = create_user(app, "--email", "TAKEN@example.lt", "--name", "X", "--role", "lawyer")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: A user with the e-mail taken@example.lt already exists."
    assert user_count() == before


def test_load_reference_data_is_idempotent(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["load-reference-data"])
    assert first.exit_code == 0, first.output
    assert "municipalities: 60 added" in first.output
    second = runner.invoke(args=["load-reference-data"])
    assert "municipalities: 0 added, 0 updated" in second.output
    assert "committees: 0 added, 0 updated" in second.output
    assert "institutions: 0 added, 0 updated" in second.output
    db.session.rollback()
    assert db.session.scalar(select(func.count(Municipality.id))) == 60
