"""The navigation menu: which links each role sees, in one readable table."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from reviewflow.models import Role


@dataclass(frozen=True)
class NavItem:
    """One menu link: the endpoint, its label and the roles that see it."""

    endpoint: str
    label: object
    roles: tuple[Role, ...]
    group: object = None  # shown under this menu's label instead of on the bar itself


# The administrator's own pages, gathered under one menu: as links of their own, the top bar of an administrator
# took two lines at 1366 px (trial 4, B15).
ADMINISTRATION = _l("Administration")

# A link appears only when its page exists (a feature can be switched off by not registering it).
NAV_ITEMS = (
    NavItem("drafts.index", _l("Drafts"), tuple(Role)),
    # Short labels (the pages' own headings say it in full): the bar must fit one line at 1366 px in Lithuanian too.
    NavItem("drafts.register", _l("New draft"), (Role.LAWYER,)),
    NavItem("notifications.index", _l("Notifications"), tuple(Role)),
    NavItem("reports.index", _l("Reports"), (Role.ADMIN, Role.LAWYER, Role.BOARD)),
    NavItem("reasons.index", _l("Reasons"), (Role.LAWYER, Role.ADMIN)),
    NavItem("admin.users", _l("Users"), (Role.ADMIN,), ADMINISTRATION),
    NavItem("admin.reference_data", _l("Reference data"), (Role.ADMIN,), ADMINISTRATION),
    NavItem("admin.signatories_list", _l("Signatories"), (Role.ADMIN,), ADMINISTRATION),
    NavItem("letters.template", _l("Letter template"), (Role.ADMIN,), ADMINISTRATION),
)


def endpoint_exists(endpoint: str) -> bool:
    """Whether the application has a view for ``endpoint``."""
    return endpoint in current_app.view_functions


def nav_items() -> list[dict]:
    """The links the signed-in user sees, each marked when it is the current page; links of a group come as one
    entry (``label``, ``children``, ``current`` when one of them is the current page) where the first of them was."""
    if not current_user.is_authenticated:
        return []
    entries: list[dict] = []
    groups: dict[str, dict] = {}
    for item in NAV_ITEMS:
        if not (current_user.has_role(*item.roles) and endpoint_exists(item.endpoint)):
            continue
        link = {"endpoint": item.endpoint, "label": item.label, "current": request.endpoint == item.endpoint}
        if item.group is None:
            entries.append(link)
            continue
        key = str(item.group)
        if key not in groups:
            groups[key] = {"label": item.group, "children": [], "current": False}
            entries.append(groups[key])
        groups[key]["children"].append(link)
        groups[key]["current"] = groups[key]["current"] or link["current"]
    return entries


def return_path() -> str:
    """The current page as a same-site path, for forms that come back here (language switch)."""
    query = request.query_string.decode("latin-1")
    return request.path + (f"?{query}" if query else "")
