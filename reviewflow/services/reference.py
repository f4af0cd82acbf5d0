"""Loading the reference data shipped in ``reviewflow/refdata``: municipalities, committees, institutions."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from importlib import resources

from sqlalchemy import select

from reviewflow.extensions import db
from reviewflow.models import Committee, Institution, Municipality
from reviewflow.services.signatories import seed_default_signatory

# Lithuanian alphabet order: č, š, ž are letters of their own after c, s, z;
# ą ę ė į ų ū y sort with their base letter (y with i).
_LT_PRIMARY = {
    "ą": "a", "č": "c~", "ę": "e", "ė": "e", "į": "i", "y": "i", "š": "s~", "ų": "u", "ū": "u",
    "ž": "z~",
}


def lt_sort_key(text: str) -> str:
    """A sort key that orders strings the Lithuanian way with a plain binary comparison."""
    lowered = text.lower()
    return "".join(_LT_PRIMARY.get(ch, ch) for ch in lowered) + "\x01" + lowered


def _rows(name: str) -> list[dict[str, str]]:
    with resources.files("reviewflow.refdata").joinpath(name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@dataclass
class LoadReport:
    """How many rows were added and updated per table, and how many an administrator's edits kept as they are."""

    added: dict[str, int]
    updated: dict[str, int]
    kept: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        parts = []
        for table in self.added:
            part = f"{table}: {self.added[table]} added, {self.updated[table]} updated"
            if self.kept.get(table):
                part += f", {self.kept[table]} kept as edited by an administrator"
            parts.append(part)
        return "; ".join(parts)


def _upsert(model, key: str, rows: list[dict], report: LoadReport, table: str) -> None:
    """Add the shipped rows that are missing and update the others, except rows an administrator edited.

    A row is found by the shipped key it came from (so a name an administrator corrected does not bring the
    shipped one back as a second row), else by its current key. Tables without ``edited_by_admin``
    (municipalities) are the file's alone.
    """
    tracked = hasattr(model, "edited_by_admin")
    objects = list(db.session.scalars(select(model)))
    by_key = {getattr(obj, key): obj for obj in objects}
    if tracked:
        by_key |= {obj.shipped_key: obj for obj in objects if obj.shipped_key}
    report.added[table] = report.updated[table] = report.kept[table] = 0
    for values in rows:
        obj = by_key.get(values[key])
        if tracked:
            values = {**values, "shipped_key": values[key]}
        if obj is None:
            db.session.add(model(**values))
            report.added[table] += 1
            continue
        differs = [name for name, value in values.items() if getattr(obj, name) != value]
        if tracked and obj.edited_by_admin:
            report.kept[table] += int(bool(set(differs) - {"shipped_key"}))
            continue
        for name in differs:
            setattr(obj, name, values[name])
        report.updated[table] += int(bool(differs))


def load_reference_data() -> LoadReport:
    """Insert or update the reference rows; running it twice changes nothing the second time.

    Institutions and committees an administrator edited in the browser keep the administrator's values.
    """
    report = LoadReport({}, {})
    municipalities = [
        {
            "iso_code": r["iso_3166_2"], "rc_code": r["rc_code"], "name": r["name"],
            "short_name": r["short"], "kind": r["kind"], "county": r["county"],
            "county_iso": r["county_iso"], "sort_key": lt_sort_key(r["name"]),
        }
        for r in _rows("municipalities.csv")
    ]
    committees = [
        {"code": r["code"], "name_lt": r["name_lt"], "name_en": r["name_en"]}
        for r in _rows("committees.csv")
    ]
    institutions = [
        {"name_lt": r["name_lt"], "name_lt_dative": r["name_lt_dative"], "name_en": r["name_en"]}
        for r in _rows("institutions.csv")
    ]
    _upsert(Municipality, "iso_code", municipalities, report, "municipalities")
    _upsert(Committee, "code", committees, report, "committees")
    _upsert(Institution, "name_lt", institutions, report, "institutions")
    # A first signatory from configuration, so letters have one until an administrator sets the real one.
    seed_default_signatory()
    db.session.commit()
    return report
