"""Loading the reference data shipped in ``reviewflow/refdata``: municipalities, committees, institutions."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from difflib import SequenceMatcher
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


# The names each table's rows are recognised by besides their key, when a row does not know which shipped row it
# came from (see _match): an administrator who corrected one name seldom changed the others.
_IDENTITY = {"committees": ("code", "name_lt", "name_en"), "institutions": ("name_lt", "name_lt_dative", "name_en")}
# Values the shipped files held before rows recorded where they came from (before migration bf6c8d0e4a73): a row
# still holding one of them was loaded from an older file, not corrected by an administrator. Frozen: rows loaded
# since know their shipped row and whether an administrator edited them.
_FORMERLY_SHIPPED = {
    ("institutions", "name_en"): {
        "Ministry of the Economy and Innovation (formerly Ūkio ministerija)",
        "Information Society Development Committee under the Ministry of Transport (state agency)",
    },
}
# How alike two names must be to take one for a correction of the other (difflib's ratio): a typo fixed, a word
# added; "Seimo Kultūros komitetas" and "Seimo Ekonomikos komitetas" stay apart.
_ALIKE = 0.9


def _same(a: str | None, b: str | None) -> bool:
    """Equal but for case, spacing and quotation marks (an administrator's tidying is no new name)."""
    def tidy(text: str | None) -> str:
        return " ".join((text or "").replace("„", "").replace("“", "").replace('"', "").casefold().split())
    return bool(tidy(a)) and tidy(a) == tidy(b)


def _likeness(obj, values: dict, table: str) -> float:
    """How surely ``obj`` is the shipped row ``values``: one point per name that is the same, else how alike the
    names are when the best pair is alike enough; 0: not that row."""
    fields = _IDENTITY[table]
    same = sum(_same(getattr(obj, name), values[name]) for name in fields)
    if same:
        return float(same)
    ratio = max((SequenceMatcher(None, (getattr(obj, name) or "").casefold(), values[name].casefold()).ratio()
                 for name in fields if values[name]), default=0.0)
    return ratio if ratio >= _ALIKE else 0.0


def _match(objects: list, key: str, rows: list[dict], table: str, tracked: bool) -> tuple[dict, set]:
    """Which existing row each shipped row is (shipped key -> row), and the rows matched without knowing their
    shipped row (ids), whose differences may be an administrator's.

    A row that knows its shipped key is that row's. Then a row by its current key. A row that does not know which
    shipped row it came from — one kept since before edits were recorded (no shipped key, migration
    2c7e9a4f1b86), one whose shipped key the file no longer has (the first backfill took a renamed row's current
    name), one an administrator added — is recognised by its other names, the surest first; each row is taken
    once, so a reload never adds a second row for a shipped one an administrator renamed or added by hand.
    """
    keys = [values[key] for values in rows]
    found: dict = {}
    taken: set[int] = set()
    if tracked:
        for obj in objects:
            if obj.shipped_key in keys and obj.shipped_key not in found:
                found[obj.shipped_key] = obj
                taken.add(id(obj))
    by_current = {getattr(obj, key): obj for obj in objects}
    guessed: set[int] = set()
    for value in keys:
        obj = by_current.get(value)
        if value not in found and obj is not None and id(obj) not in taken:
            found[value] = obj
            taken.add(id(obj))
            if tracked and obj.shipped_key != value:
                guessed.add(id(obj))
    if not tracked:
        return found, guessed
    unknown = [obj for obj in objects if id(obj) not in taken and obj.shipped_key not in keys]
    pairs = sorted(((_likeness(obj, values, table), n, values[key], obj)
                    for n, values in enumerate(rows) if values[key] not in found
                    for obj in unknown), key=lambda pair: (-pair[0], pair[1]))
    for likeness, _n, value, obj in pairs:
        if likeness and value not in found and id(obj) not in taken:
            found[value] = obj
            taken.add(id(obj))
            guessed.add(id(obj))
    return found, guessed


def _upsert(model, key: str, rows: list[dict], report: LoadReport, table: str) -> None:
    """Add the shipped rows that are missing and update the others, except rows an administrator edited.

    Rows are matched to the file by :func:`_match`, so a name an administrator corrected never brings the shipped
    one back as a second row. A row matched without knowing its shipped row learns it now; if it differs from the
    file by more than an older file's values, an administrator changed it before edits were recorded: it is marked
    edited and kept. Tables without ``edited_by_admin`` (municipalities) are the file's alone.
    """
    tracked = hasattr(model, "edited_by_admin")
    objects = list(db.session.scalars(select(model)))
    found, guessed = _match(objects, key, rows, table, tracked)
    report.added[table] = report.updated[table] = report.kept[table] = 0
    for values in rows:
        obj = found.get(values[key])
        if tracked:
            values = {**values, "shipped_key": values[key]}
        if obj is None:
            db.session.add(model(**values))
            report.added[table] += 1
            continue
        differs = [name for name, value in values.items() if getattr(obj, name) != value]
        if id(obj) in guessed:
            obj.shipped_key = values["shipped_key"]
            by_admin = [name for name in differs if name != "shipped_key"
                        and getattr(obj, name) not in _FORMERLY_SHIPPED.get((table, name), ())]
            obj.edited_by_admin = obj.edited_by_admin or bool(by_admin)
        if tracked and obj.edited_by_admin:
            report.kept[table] += int(bool(set(differs) - {"shipped_key"}))
            continue
        for name in differs:
            setattr(obj, name, values[name])
        report.updated[table] += int(bool(set(differs) - {"shipped_key"}))  # learning its shipped row changes no data


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
