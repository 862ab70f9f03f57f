"""Refusals about administrative units, boundaries, urban classes and clusters."""

from __future__ import annotations

from registry.kernel.errors import Message

CLUSTER_NAME_EMPTY = Message(
    "units.cluster_name_empty",
    "The cluster needs a name (got {value!r}).",
)
CLUSTER_NAME_TOO_LONG = Message(
    "units.cluster_name_too_long",
    "The cluster's name is longer than 120 characters: {value!r}.",
)
CLUSTER_NO_MEMBERS = Message(
    "units.cluster_no_members",
    "A cluster needs at least one district.",
)
CLUSTER_UNKNOWN_UNITS = Message(
    "units.cluster_unknown_units",
    "No district has the code {value}.",
)
CLUSTER_NAME_TAKEN = Message(
    "units.cluster_name_taken",
    "A cluster named {name!r} exists already (ignoring case and accents).",
)
CLUSTER_STALE = Message(
    "units.cluster_stale",
    "cluster {name!r} was changed by someone else (now version {stored}, you edited "
    "version {expected}); reload it",
)
CLUSTER_RETIRED = Message("units.cluster_retired", "cluster {name!r} is retired")
CLUSTER_NOT_FOUND = Message("units.cluster_not_found", "Cluster {key!r} does not exist")
EDITION_NOT_FOUND = Message("units.edition_not_found", "Edition {key!r} does not exist")
UNIT_NOT_FOUND = Message(
    "units.unit_not_found", "Unit '{level} {code} ({edition})' does not exist"
)
LEVEL = Message("units.level", "one of {levels}")
BOUNDARY_FILE = Message("units.boundary_file", "{cause}")
NO_BOUNDARY_MATCHED = Message(
    "units.no_boundary_matched",
    "{file}: no feature matched a {level} of {edition} by code or name; nothing was "
    "changed",
)
URBAN_CLASS = Message(
    "units.urban_class", "{where}: class should be one of I, II, III, IV, V"
)
URBAN_ONE_PLACE = Message(
    "units.urban_one_place",
    "{where}: give exactly one of district, communes, unit_type",
)
URBAN_SOURCE = Message("units.urban_source", "{where}: source is missing")
URBAN_DATE = Message("units.urban_date", "{where}: {name} should be a date")
URBAN_UNREADABLE = Message("units.urban_unreadable", "{detail}")
URBAN_EDITION = Message("units.urban_edition", "edition should be 2025-06")
EDITION = Message("units.edition", "one of {editions}")
LEVEL_IN_EDITION = Message(
    "units.level_in_edition",
    "one of {levels} in edition {edition}",
)
