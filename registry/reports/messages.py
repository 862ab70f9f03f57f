"""Refusals of area reports (codes, English)."""

from __future__ import annotations

from registry.kernel.errors import Message

REPORT_KIND = Message("reports.kind", "Unknown kind of area: {value!r}.")
REPORT_EDITION = Message(
    "reports.edition",
    "Unknown edition of administrative units: {value!r}.",
)
REPORT_PERIOD = Message(
    "reports.period",
    "The period {value!r} is not valid: the start must not be after the end.",
)
NO_AREA_REPORTS = Message(
    "reports.no_area_reports",
    "the role {role!r} has no area reports",
)
CLUSTER_FOR_DISTRICT = Message(
    "reports.cluster_for_district",
    "clusters span several districts; report on your own",
)
OTHER_DISTRICT = Message("reports.other_district", "district {code} is not theirs")
COMMUNE_ELSEWHERE = Message(
    "reports.commune_elsewhere", "commune {code} is not in district {own}"
)
UNIT_NOT_FOUND = Message(
    "reports.unit_not_found", "Unit '{level} {code} ({edition})' does not exist"
)
CLUSTER_NOT_FOUND = Message(
    "reports.cluster_not_found",
    "Cluster {key!r} does not exist",
)
NAMED_UNIT_NOT_FOUND = Message(
    "reports.named_unit_not_found", "{level_title} ({edition}) {key!r} does not exist"
)
