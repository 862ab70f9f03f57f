"""Submissions zips written as ODK Central's CSV export writes them, for the tests.

The main CSV ``<form_id>.csv`` has a column per question, group paths joined with
``-`` (``checklist-r_game_sign``, ``meta-instanceID``), the geopoint split into
``gps-Latitude``/``-Longitude``/``-Altitude``/``-Accuracy``, then Central's own
columns (``KEY``, ``SubmitterID``, ``SubmitterName``, ``FormVersion`` ...). The
repeat is ``<form_id>-violations.csv`` with ``PARENT_KEY`` and ``KEY``; photos are
``media/<file name>``.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

from registry.inspections.xlsform import (
    answer_name,
    form_id_for,
    note_name,
    photo_names,
)
from registry.rules import compliance as rules

_CENTRAL = [
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
]


def submission(
    point_id: int,
    kind: str,
    day: date,
    *,
    instance: str,
    submitter: str = "xa.a",
    answer: str = "yes",
    answers: dict | None = None,
    notes: dict | None = None,
    gps: tuple[float, float] | None = None,
    photos: tuple[str, ...] = (),
    ruleset_key: str | None = None,
    ruleset_version: int | None = None,
    deadline: str = "",
    summary: str = "Kiểm tra ngoại tuyến",
) -> dict[str, str]:
    """One row of the main CSV: every rule of the point's kind answered ``answer``
    (or as ``answers`` says, by rule id)."""
    ruleset = rules.ruleset_on(day)
    row = {
        "SubmissionDate": f"{day}T10:00:00.000Z",
        "start": f"{day}T08:00:00.000+07:00",
        "end": f"{day}T08:30:00.000+07:00",
        "username": submitter,
        "inspected_on": day.isoformat(),
        "point_kind": kind,
        "point": str(point_id),
        "gps-Latitude": "" if gps is None else str(gps[0]),
        "gps-Longitude": "" if gps is None else str(gps[1]),
        "gps-Altitude": "" if gps is None else "12.5",
        "gps-Accuracy": "" if gps is None else "4.8",
    }
    for rule in ruleset.rules:
        given = ""
        if kind in rule.applies_to:
            given = (answers or {}).get(rule.id, answer)
        row[f"checklist-{answer_name(rule.id)}"] = given
        row[f"checklist-{note_name(rule.id)}"] = (notes or {}).get(rule.id, "")
    row["follow_up_deadline"] = deadline
    row["summary"] = summary
    for number, name in enumerate(photo_names()):
        row[name] = photos[number] if number < len(photos) else ""
    row["ruleset_key"] = ruleset_key or ruleset.key
    row["ruleset_version"] = str(ruleset_version or ruleset.version)
    row["commune"] = "00001"
    row["meta-instanceID"] = instance
    row.update(
        {
            "KEY": instance,
            "SubmitterID": "7",
            "SubmitterName": submitter,
            "AttachmentsPresent": str(len(photos)),
            "AttachmentsExpected": str(len(photos)),
            "Status": "",
            "ReviewState": "",
            "DeviceID": "collect:abc",
            "Edits": "0",
            "FormVersion": f"{ruleset.version}.202612040000",
        }
    )
    return row


def _csv(rows: list[dict[str, str]]) -> bytes:
    columns: list[str] = []
    for row in rows:
        columns += [c for c in row if c not in columns]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def violation_row(parent: str, number: int, rule_id: str, text: str, fine="") -> dict:
    """One row of the violations repeat CSV."""
    return {
        "rule": rule_id,
        "description": text,
        "fine_vnd": str(fine),
        "PARENT_KEY": parent,
        "KEY": f"{parent}/violations[{number}]",
    }


def export_zip(
    rows: list[dict[str, str]],
    *,
    violations: list[dict[str, str]] = (),
    media: dict[str, bytes] | None = None,
    form_id: str | None = None,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """The zip ODK Central's "Download all data (CSV)" gives for these rows."""
    form_id = form_id or form_id_for("nd147-2024", "00001")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{form_id}.csv", _csv(rows))
        if violations:
            archive.writestr(f"{form_id}-violations.csv", _csv(list(violations)))
        for name, data in (media or {}).items():
            archive.writestr(f"media/{name}", data)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()
