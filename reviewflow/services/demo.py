"""The demo dataset for the local demo mode: one account per role, created once."""

from __future__ import annotations

from reviewflow.models import User
from reviewflow.services.accounts import UserInput, create_user, find_user_by_email
from reviewflow.services.reference import load_reference_data

DEMO_PASSWORD = "demo-Reviewflow-2026"

DEMO_USERS = [
    UserInput("admin@demo.lsa.lt", "Aistė Administratorė", ["admin"]),
    UserInput("teisininkas@demo.lsa.lt", "Tomas Teisininkas", ["lawyer"]),
    UserInput("teisininke@demo.lsa.lt", "Rūta Teisininkė", ["lawyer"]),
    UserInput("vilnius@demo.lsa.lt", "Vaida Vilnietė", ["specialist"], municipality="LT-57"),
    UserInput("kaunas@demo.lsa.lt", "Kęstutis Kaunietis", ["specialist"], municipality="LT-15"),
    UserInput("ivpk@demo.lsa.lt", "Justė Komitetė", ["committee"], committees=["IVPK"]),
    UserInput("valdyba@demo.lsa.lt", "Bronius Valdybietis", ["board"]),
]


def load_demo_data() -> list[User]:
    """Create the demo users that do not exist yet; a second run duplicates nothing."""
    load_reference_data()
    users = []
    for data in DEMO_USERS:
        user = find_user_by_email(data.email) or create_user(data, DEMO_PASSWORD, is_demo=True)
        users.append(user)
    try:
        from reviewflow.services.demo_drafts import load_demo_drafts
    except ImportError:
        return users
    load_demo_drafts()
    return users
