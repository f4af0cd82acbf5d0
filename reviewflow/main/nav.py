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


# A link appears only when its page exists (a feature can be switched off by not registering it).
NAV_ITEMS = (
    NavItem("drafts.index", _l("Drafts"), tuple(Role)),
    NavItem("drafts.register", _l("Register draft"), (Role.LAWYER,)),
    NavItem("notifications.index", _l("Notifications"), tuple(Role)),
    NavItem("reports.index", _l("Reports"), (Role.ADMIN, Role.LAWYER, Role.BOARD)),
    NavItem("reasons.index", _l("Saved reasons"), (Role.LAWYER, Role.ADMIN)),
    NavItem("admin.users", _l("Users"), (Role.ADMIN,)),
    NavItem("admin.reference_data", _l("Reference data"), (Role.ADMIN,)),
    NavItem("admin.signatories_list", _l("Signatories"), (Role.ADMIN,)),
    NavItem("letters.template", _l("Letter template"), (Role.ADMIN,)),
)


def endpoint_exists(endpoint: str) -> bool:
    """Whether the application has a view for ``endpoint``."""
    return endpoint in current_app.view_functions


def nav_items() -> list[dict]:
    """The links the signed-in user sees, each marked when it is the current page."""
    if not current_user.is_authenticated:
        return []
    return [
        {"endpoint": item.endpoint, "label": item.label, "current": request.endpoint == item.endpoint}
        for item in NAV_ITEMS
        if current_user.has_role(*item.roles) and endpoint_exists(item.endpoint)
    ]


def return_path() -> str:
    """The current page as a same-site path, for forms that come back here (language switch)."""
    query = request.query_string.decode("latin-1")
    return request.path + (f"?{query}" if query else "")
