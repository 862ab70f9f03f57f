"""Who may do what, and where.

A role grants actions on a kind of record; a jurisdiction limits them to an area
(a district or commune of one edition) or to an operator's own network. Services
call :func:`require` before touching anything and :func:`require_in_scope` with the
units the record falls in.
"""

from __future__ import annotations

from dataclasses import dataclass

from registry.access import messages as msg
from registry.kernel.errors import Message, PermissionDeniedError
from registry.kernel.vocabulary import Role

READ, CREATE, UPDATE, CHANGE_STATUS, RETIRE = (
    "read",
    "create",
    "update",
    "change_status",
    "retire",
)
IMPORT, EXPORT = "import", "export"
MANAGE_BOUNDARIES, MANAGE_USERS, READ_AUDIT = (
    "manage_boundaries",
    "manage_users",
    "read_audit",
)
# Reference layers the rules measure against (schools): the department keeps them.
MANAGE_SCHOOLS = "manage_schools"
# Population per commune (coverage figures): the department imports it.
MANAGE_POPULATION = "manage_population"

# Inspections of public points: commune staff submit them, districts review them.
SUBMIT, REVIEW = "submit", "review"
# Delegated permits: applicants file, the matrix's levels verify and decide;
# the department (and admins) manage the delegation matrix.
FILE, VERIFY, DECIDE, MANAGE = "file", "verify", "decide", "manage"
_ALL_RECORD_ACTIONS = {READ, CREATE, UPDATE, CHANGE_STATUS, RETIRE, IMPORT, EXPORT}

# (role, subject) -> actions. Subjects: "site", "point", "system".
_GRANTS: dict[tuple[Role, str], set[str]] = {
    (Role.ADMIN, "site"): _ALL_RECORD_ACTIONS,
    (Role.ADMIN, "point"): _ALL_RECORD_ACTIONS,
    (Role.ADMIN, "system"): {
        MANAGE_BOUNDARIES,
        MANAGE_POPULATION,
        MANAGE_SCHOOLS,
        MANAGE_USERS,
        READ_AUDIT,
    },
    (Role.DEPARTMENT, "site"): _ALL_RECORD_ACTIONS,
    (Role.DEPARTMENT, "point"): _ALL_RECORD_ACTIONS,
    (Role.DEPARTMENT, "system"): {
        MANAGE_BOUNDARIES,
        MANAGE_POPULATION,
        MANAGE_SCHOOLS,
        READ_AUDIT,
    },
    (Role.DISTRICT, "site"): _ALL_RECORD_ACTIONS,
    (Role.DISTRICT, "point"): _ALL_RECORD_ACTIONS,
    (Role.DISTRICT, "system"): {READ_AUDIT},
    # Commune staff verify sites on the ground but do not edit them.
    (Role.COMMUNE, "site"): {READ, EXPORT},
    (Role.COMMUNE, "point"): {READ, CREATE, UPDATE, CHANGE_STATUS, EXPORT},
    (Role.COMMUNE, "system"): {READ_AUDIT},
    # Operators submit and update their own sites; retiring is the authority's call.
    (Role.OPERATOR, "site"): {READ, CREATE, UPDATE, CHANGE_STATUS, IMPORT, EXPORT},
    (Role.VIEWER, "site"): {READ},
    (Role.VIEWER, "point"): {READ},
    # Inspections (subject "inspection"): commune staff record and correct those of
    # their commune; the district reviews its communes'; the department reads and
    # reviews all (it reviews where no district exists since 1/7/2025). Operators and
    # viewers have none: findings about named businesses are not public data.
    (Role.ADMIN, "inspection"): {READ, CREATE, UPDATE, SUBMIT, REVIEW},
    (Role.DEPARTMENT, "inspection"): {READ, REVIEW},
    (Role.DISTRICT, "inspection"): {READ, REVIEW},
    (Role.COMMUNE, "inspection"): {READ, CREATE, UPDATE, SUBMIT},
    # Area reports (subject "report", action READ = make one) and the clusters they
    # group districts into: the department and admins for any area and edit
    # clusters; district staff report on their own district and its communes.
    (Role.ADMIN, "report"): {READ},
    (Role.DEPARTMENT, "report"): {READ},
    (Role.DISTRICT, "report"): {READ},
    (Role.ADMIN, "cluster"): {READ, CREATE, UPDATE, RETIRE},
    (Role.DEPARTMENT, "cluster"): {READ, CREATE, UPDATE, RETIRE},
    (Role.DISTRICT, "cluster"): {READ},
    # Applications (subject "application"): operators file BTS applications of their
    # network; commune and district staff record game-point owners' applications;
    # who verifies or decides a given application is the matrix's call (checked by
    # registry.permits.steps). Subject "delegation": the matrix itself.
    (Role.ADMIN, "application"): {READ, FILE, VERIFY, DECIDE},
    (Role.DEPARTMENT, "application"): {READ, FILE, VERIFY, DECIDE},
    (Role.DISTRICT, "application"): {READ, FILE, VERIFY, DECIDE},
    (Role.COMMUNE, "application"): {READ, FILE, VERIFY, DECIDE},
    (Role.OPERATOR, "application"): {READ, FILE},
    (Role.ADMIN, "delegation"): {READ, MANAGE},
    (Role.DEPARTMENT, "delegation"): {READ, MANAGE},
    (Role.DISTRICT, "delegation"): {READ},
    (Role.COMMUNE, "delegation"): {READ},
    (Role.OPERATOR, "delegation"): {READ},
    # Cell observations (subject "cells"): the department imports snapshots; it,
    # districts and communes read the findings of their area and turn them into
    # follow-ups (CREATE); operators read those on their own network.
    (Role.ADMIN, "cells"): {READ, IMPORT, EXPORT, CREATE},
    (Role.DEPARTMENT, "cells"): {READ, IMPORT, EXPORT, CREATE},
    (Role.DISTRICT, "cells"): {READ, EXPORT, CREATE},
    (Role.COMMUNE, "cells"): {READ, EXPORT, CREATE},
    (Role.OPERATOR, "cells"): {READ, EXPORT},
}

# Fields a viewer never sees (personal data of point owners).
PERSONAL_FIELDS = ("owner_name", "owner_phone", "business_reg_number")


@dataclass(frozen=True)
class Actor:
    """The user a service acts for, with the jurisdiction their role is limited to."""

    username: str
    role: Role
    area_edition: str | None = None
    area_code: str | None = None
    network_code: str | None = None
    # The district's or commune's name (messages name the area, not its code).
    area_name: str | None = None

    @property
    def sees_whole_province(self) -> bool:
        """Department, administrators and viewers are not limited to an area."""
        return self.role in (Role.ADMIN, Role.DEPARTMENT, Role.VIEWER)

    @property
    def area_level(self) -> str | None:
        """'district' or 'commune' for area-bound roles, else None."""
        if self.role == Role.DISTRICT:
            return "district"
        if self.role == Role.COMMUNE:
            return "commune"
        return None


def allowed(actor: Actor, action: str, subject: str) -> bool:
    """True when the actor's role grants ``action`` on ``subject``."""
    return action in _GRANTS.get((actor.role, subject), set())


def require(actor: Actor, action: str, subject: str) -> None:
    """Refuse with :class:`PermissionDeniedError` when the role lacks the action."""
    if not allowed(actor, action, subject):
        raise PermissionDeniedError(
            msg.ROLE_LACKS,
            user=actor.username,
            action=f"{action} {subject}s",
            role=actor.role.value,
        )


def in_scope(
    actor: Actor,
    units: dict[str, tuple[str | None, str | None]],
    network_code: str | None = None,
) -> bool:
    """Whether a record lies inside the actor's jurisdiction.

    ``units`` maps edition -> (commune_code, district_code) of the record;
    ``network_code`` is the record's operator (sites only).
    """
    if actor.sees_whole_province:
        return True
    if actor.role == Role.OPERATOR:
        return network_code is not None and network_code == actor.network_code
    commune, district = units.get(actor.area_edition or "", (None, None))
    if actor.role == Role.DISTRICT:
        return district is not None and district == actor.area_code
    if actor.role == Role.COMMUNE:
        return commune is not None and commune == actor.area_code
    return False


def require_in_scope(
    actor: Actor,
    action: str,
    units: dict[str, tuple[str | None, str | None]],
    network_code: str | None = None,
    what: str = "this record",
) -> None:
    """Refuse when the record lies outside the actor's area or network."""
    if in_scope(actor, units, network_code):
        return
    if actor.role == Role.OPERATOR:
        raise PermissionDeniedError(
            msg.OTHER_NETWORK,
            user=actor.username,
            action=action,
            what=what,
            network=network_code,
            own=actor.network_code,
        )
    raise outside_area(actor, action, what)


def outside_area(
    actor: Actor, action: str, what: str, message: Message = msg.OUTSIDE_AREA
) -> PermissionDeniedError:
    """The refusal of a record (``what``) outside the actor's district or commune:
    ``message`` (the concern's own code) with the area's level, code, name and
    edition as data."""
    return PermissionDeniedError(
        message,
        user=actor.username,
        action=action,
        what=what,
        area_level=actor.area_level,
        area_code=actor.area_code,
        area_name=actor.area_name,
        edition=actor.area_edition,
    )
