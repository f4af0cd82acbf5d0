"""Issue 13: reloading the shipped reference files never adds a second row for one an administrator renamed before
rows recorded where they came from (migration bf6c8d0e4a73), and keeps the administrator's names."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import func, select

from reviewflow.extensions import db
from reviewflow.models import Committee, Institution
from reviewflow.services.reference import load_reference_data

FINANCE = "Lietuvos Respublikos finansų ministerija"
RRT = "Ryšių reguliavimo tarnyba"
MIGRATION = Path(__file__).resolve().parents[2] / "migrations" / "versions" / "2c7e9a4f1b86_committees.py"


def _institution(name: str) -> Institution:
    return db.session.scalar(select(Institution).where(Institution.name_lt == name))


def _rename_before_edits_were_recorded(backfill: str) -> dict:
    """The state a database was in after an administrator's renames made before edits were recorded: no shipped key
    ("none"), or the first backfill's (``bf6c8d0e4a73``: the current name or code, "first")."""
    finance, rrt = _institution(FINANCE), _institution(RRT)
    ivpk = db.session.scalar(select(Committee).where(Committee.code == "IVPK"))
    finance.name_lt, finance.name_lt_dative = f"{FINANCE} (pataisyta)", "Lietuvos Respublikos finansų ministerijai (p.)"
    # Every name touched: recognised by how alike the names are.
    rrt.name_lt, rrt.name_lt_dative, rrt.name_en = (f"{RRT} (RRT)", "Ryšių reguliavimo tarnybai (RRT)",
                                                    "Communications Regulatory Authority (RRT)")
    ivpk.name_lt = "LSA informacinės visuomenės komitetas"
    for row, key in ((finance, finance.name_lt), (rrt, rrt.name_lt), (ivpk, ivpk.code)):
        row.shipped_key, row.edited_by_admin = (None if backfill == "none" else key), False
    added = Institution(name_lt="Savivaldybių institucija", name_lt_dative="Savivaldybių institucijai", name_en="",
                        edited_by_admin=True)  # added in the browser since: no shipped row, left alone
    db.session.add(added)
    db.session.commit()
    return {"finance": finance.id, "rrt": rrt.id, "ivpk": ivpk.id, "added": added.id}


def _upgrade_with_migration() -> None:
    """Run migration 2c7e9a4f1b86's upgrade on the test database."""
    spec = importlib.util.spec_from_file_location("committees_migration", MIGRATION)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with Operations.context(MigrationContext.configure(db.session.connection())):
        migration.upgrade()
    db.session.commit()


@pytest.mark.parametrize("backfill", ["none", "first"])
def test_a_reload_keeps_renamed_rows_once_with_the_administrators_names(app, refdata, backfill):
    institutions = db.session.scalar(select(func.count(Institution.id)))
    ids = _rename_before_edits_were_recorded(backfill)
    if backfill == "first":
        _upgrade_with_migration()
    report = load_reference_data()
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Institution.id))) == institutions + 1  # only the browser's own
    assert _institution(FINANCE) is None and _institution(RRT) is None  # the shipped names not added back
    assert (report.added["institutions"], report.kept["institutions"]) == (0, 2)
    assert (report.added["committees"], report.kept["committees"]) == (0, 1)
    finance, rrt = db.session.get(Institution, ids["finance"]), db.session.get(Institution, ids["rrt"])
    assert (finance.name_lt, finance.shipped_key, finance.edited_by_admin) == (f"{FINANCE} (pataisyta)", FINANCE, True)
    assert (rrt.name_en, rrt.shipped_key, rrt.edited_by_admin) == ("Communications Regulatory Authority (RRT)", RRT,
                                                                    True)
    ivpk = db.session.get(Committee, ids["ivpk"])
    assert (ivpk.name_lt, ivpk.shipped_key, ivpk.edited_by_admin) == ("LSA informacinės visuomenės komitetas", "IVPK",
                                                                       True)
    added = db.session.get(Institution, ids["added"])
    assert (added.name_lt, added.shipped_key, added.edited_by_admin) == ("Savivaldybių institucija", None, True)
    again = load_reference_data()  # and from now on the rows know their shipped row: nothing more happens
    assert (again.added, again.updated) == ({"municipalities": 0, "committees": 0, "institutions": 0},) * 2


def test_a_row_still_holding_an_older_files_name_is_updated_not_kept(app, refdata):
    economy = _institution("Lietuvos Respublikos ekonomikos ir inovacijų ministerija")
    economy.name_en, economy.shipped_key = "Ministry of the Economy and Innovation (formerly Ūkio ministerija)", None
    db.session.commit()
    report = load_reference_data()
    db.session.expire_all()
    assert (report.updated["institutions"], report.kept["institutions"]) == (1, 0)
    assert (economy.name_en, economy.edited_by_admin) == ("Ministry of the Economy and Innovation", False)
