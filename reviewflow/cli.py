"""``flask --app reviewflow ...`` commands: users, reference data, demo data."""

from __future__ import annotations

import sys

import click
from flask import Flask
from flask_babel import force_locale

from reviewflow.errors import DomainError


def _fail(message: str) -> None:
    """A one-line error on stderr and exit status 1."""
    one_line = " ".join(str(message).split())
    click.echo(f"Error: {one_line}", err=True)
    sys.exit(1)


@click.command("create-user")
@click.option("--email", required=True, help="Sign-in e-mail address.")
@click.option("--name", required=True, help="Full name.")
@click.option("--role", "roles", multiple=True, required=True,
              help="admin, lawyer, specialist, committee or board; repeat for several.")
@click.option("--municipality", default=None, help="ISO 3166-2 code, e.g. LT-57 (specialists).")
@click.option("--committee", "committees", multiple=True, help="Committee code, e.g. IVPK.")
@click.option("--language", default="lt", type=click.Choice(["lt", "en"]))
@click.option("--password-stdin", is_flag=True, required=True,
              help="Read the password from standard input (one line).")
def create_user_command(email, name, roles, municipality, committees, language, password_stdin):
    """Create a user with one or more roles."""
    from reviewflow.services.accounts import UserInput, create_user

    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else ""
    # Operators script this command and read its errors in the README's language: English.
    with force_locale("en"):
        try:
            user = create_user(
                UserInput(email=email, name=name, roles=roles, municipality=municipality,
                          committees=committees, language=language),
                password,
            )
        except DomainError as exc:
            _fail(exc.detail)
    click.echo(f"Created user {user.email} with roles {', '.join(sorted(user.roles))}.")


@click.command("load-reference-data")
def load_reference_data_command():
    """Load or update municipalities, committees and institutions (idempotent)."""
    from reviewflow.services.reference import load_reference_data

    click.echo(f"Reference data loaded: {load_reference_data()}.")


@click.command("demo-data")
def demo_data_command():
    """Create the demo accounts and drafts (local demo mode only; idempotent)."""
    from flask import current_app

    from reviewflow.services.demo import DEMO_PASSWORD, load_demo_data

    if current_app.config.get("PRODUCTION"):
        _fail("demo data is refused in production mode")
    users = load_demo_data()
    click.echo(f"Demo accounts (password: {DEMO_PASSWORD}):")
    for user in users:
        click.echo(f"  {user.email:32} {', '.join(sorted(user.roles))}")


def init_cli(app: Flask) -> None:
    """Register the commands."""
    from reviewflow.reminders_cli import send_reminders_command
    from reviewflow.search.cli import search_reindex_command

    for command in (create_user_command, load_reference_data_command, demo_data_command, send_reminders_command,
                    search_reindex_command):
        app.cli.add_command(command)
