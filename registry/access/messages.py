"""Refusals of users and permissions (codes and English templates)."""

from __future__ import annotations

from registry.kernel.errors import Message

ROLE_LACKS = Message("access.role_lacks", "the role {role!r} does not include it")
OUTSIDE_AREA = Message(
    "access.outside_area",
    "{what} lies outside their {area_level} {area_code} ({edition})",
)
OTHER_NETWORK = Message(
    "access.other_network", "{what} belongs to network {network}, not {own}"
)
WRONG_PASSWORD = Message("access.wrong_password", "wrong user name or password")
USER_NOT_FOUND = Message("access.user_not_found", "User {key!r} does not exist")
ACTIVE_USER_NOT_FOUND = Message(
    "access.active_user_not_found", "Active user {key!r} does not exist"
)
EDITION_WITH_LEVEL = Message(
    "access.edition_with_level", "an edition that has {level}s"
)
AREA_CODE = Message("access.area_code", "the code of a {level} of {edition}")
NETWORK_CODE = Message("access.network_code", "an MNC code: {codes}")
ROLE = Message("access.role", "{roles}")
USERNAME = Message("access.username", "1–60 letters, digits or dots")
PASSWORD = Message("access.password", "at least 8 characters")
USERNAME_TAKEN = Message("access.username_taken", "an unused name")
