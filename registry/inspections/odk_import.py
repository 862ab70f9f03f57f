"""Submissions of the inspection form (:mod:`registry.inspections.xlsform`) brought
back from ODK Central or KoBoToolbox as draft inspections.

The file is the CSV export zip: the main CSV (one row a submission; ODK Central
joins group paths with ``-``, KoBoToolbox with ``/``), each repeat as its own CSV
(rows tied to their submission by ``PARENT_KEY``), and the photos under
``media/``. ODK Central's OData JSON of submissions (``Submissions?$expand=*``,
repeats inline) is read too, alone or as a ``.json`` in the zip beside
``media/``. Each submission becomes a draft inspection of the named point by the
submitting user (matched by user name, and only within that user's area), with the
checklist answers, violations, follow-up deadline, summary, photos (checked and
re-encoded as any upload) and the phone's GPS point, flagged when it lies more than
``REGISTRY_ODK_GPS_TOLERANCE_M`` from the point's registered position.

Importing is idempotent on the submission's ``instanceID``. A submission whose form
carries another rule set (or version) than the one in force on its inspection date
is refused with that reason. Every submission is decided on its own: the report
names each one created, already imported or refused (and why); nothing is written
for a refused one.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from sqlalchemy import select

from geodata.distance import distances_from
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.access.users import find_actor
from registry.inspections import messages as msg
from registry.inspections.access import SUBJECT, require_point_scope
from registry.inspections.changes import InspectionChanges, apply_changes
from registry.inspections.checklist import checklist_items, ruleset_in_force
from registry.inspections.edits import ENTITY, checked_photos
from registry.inspections.values import as_date, check_inspection_date, clean_text
from registry.inspections.vocabulary import MAX_PHOTO_BYTES, InspectionState
from registry.inspections.xlsform import (
    ANSWERS,
    DATE,
    DEADLINE,
    GPS,
    POINT,
    RULESET_KEY,
    RULESET_VERSION,
    SUMMARY,
    V_DESCRIPTION,
    V_FINE,
    V_RULE,
    answer_name,
    note_name,
    photo_names,
)
from registry.kernel.audit import record_audit
from registry.kernel.clock import now
from registry.kernel.db import Registry, load_row
from registry.kernel.errors import (
    ConflictError,
    FieldError,
    NotFoundError,
    RegistryError,
    ValidationError,
)
from registry.kernel.models import (
    Inspection,
    InspectionItem,
    OdkSubmission,
    PublicPoint,
)
from registry.kernel.versions import DuplicateError
from registry.records.messages import POINT_NOT_FOUND

# Limits on the zip, checked on what is actually read (a zip's declared sizes
# may lie): members, bytes of all CSVs together, bytes of the whole zip.
MAX_ZIP_MEMBERS = 5000
MAX_CSV_BYTES = 20 * 1024 * 1024
MAX_ZIP_BYTES = 500 * 1024 * 1024
_INSTANCE_ID = re.compile(r"[A-Za-z0-9:._-]{1,100}")
_PHOTO_NAME = re.compile(r"[^/\\\x00]{1,200}")


class _DryRun(Exception):
    """Raised at the end of a dry run's transaction so nothing is kept."""


@dataclass(frozen=True)
class SubmissionOutcome:
    """What became of one submission (one row of the main CSV).

    ``status`` is ``created``, ``would_create`` (dry run), ``already_imported``
    or ``refused``; ``error`` is the refusal when refused.
    """

    row: int
    instance_id: str | None
    submitter: str | None
    point_id: int | None
    status: str
    inspection_id: int | None = None
    distance_m: float | None = None
    gps_far: bool = False
    error: RegistryError | None = None


@dataclass(frozen=True)
class OdkImportReport:
    """The row-level report of an import."""

    file: str
    dry_run: bool
    tolerance_m: float
    outcomes: tuple[SubmissionOutcome, ...] = field(default_factory=tuple)

    def count(self, status: str) -> int:
        """How many submissions ended with ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)

    def summary(self) -> str:
        """One line: counts per status (English, for the command line)."""
        created = "would create" if self.dry_run else "created"
        made = self.count("would_create" if self.dry_run else "created")
        return (
            f"{self.file}: {len(self.outcomes)} submission(s): {made} {created}, "
            f"{self.count('already_imported')} already imported, "
            f"{self.count('refused')} refused"
            + (" (dry run: nothing stored)" if self.dry_run else "")
        )


@dataclass
class _Export:
    """The export as read: main rows, repeat rows by parent key, media by name."""

    rows: list[dict[str, str]]
    repeats: dict[str, list[dict[str, str]]]
    media: dict[str, list[zipfile.ZipInfo]]
    archive: zipfile.ZipFile | None


# -- reading the zip -----------------------------------------------------------


def _zip_error(name: str, message, **context) -> ValidationError:
    return ValidationError(
        [FieldError("odk_file", name, message, hide_value=True, **context)]
    )


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a member: enough to tell it is too large."""
    with archive.open(info) as stream:
        return stream.read(limit + 1)


def _csv_rows(name: str, data: bytes) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _zip_error(name, msg.ODK_CSV_ENCODING) from None
    first = text.split("\n", 1)[0]
    # KoBoToolbox exports with ";" by default, ODK Central with ",".
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [
        {str(k).strip(): (v or "") for k, v in row.items() if k is not None}
        for row in reader
    ]


def _odata_rows(
    item: dict, rows: list, repeats: dict, prefix: str = "", key: str = ""
) -> dict:
    """One OData submission (``$expand=*``) flattened as the CSV export names its
    columns: nested groups joined with ``-``, the GeoJSON point split in
    ``-Latitude``/``-Longitude``/``-Altitude``/``-Accuracy``, ``__id`` as ``KEY``,
    ``__system``'s submitter and form version, repeats as rows of their own."""
    row: dict[str, str] = {}
    key = str(item.get("__id") or key)
    for name, value in item.items():
        if "@odata" in name:
            continue
        column = f"{prefix}{name}"
        if name == "__id" and not prefix:
            row["KEY"] = str(value)
        elif name == "__system" and isinstance(value, dict):
            row["SubmitterName"] = str(value.get("submitterName") or "")
            row["FormVersion"] = str(value.get("formVersion") or "")
        elif isinstance(value, dict) and value.get("type") == "Point":
            coordinates = list(value.get("coordinates") or []) + [None] * 3
            accuracy = (value.get("properties") or {}).get("accuracy")
            parts = (coordinates[1], coordinates[0], coordinates[2], accuracy)
            for part, number in zip(
                ("Latitude", "Longitude", "Altitude", "Accuracy"), parts, strict=True
            ):
                row[f"{column}-{part}"] = "" if number is None else str(number)
        elif isinstance(value, dict):
            row.update(_odata_rows(value, [], repeats, f"{column}-", key))
        elif isinstance(value, list):
            for entry in value:
                if isinstance(entry, dict):
                    child = _odata_rows(entry, [], repeats, "", key)
                    repeats.setdefault(key, []).append(child)
        else:
            row[column] = "" if value is None else str(value)
    rows.append(row)
    return row


def _odata(name: str, data: bytes) -> tuple[list, dict]:
    """(rows, repeats) of ODK Central's OData JSON of submissions."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _zip_error(name, msg.ODK_NO_SUBMISSIONS) from None
    items = document.get("value") if isinstance(document, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise _zip_error(name, msg.ODK_NO_SUBMISSIONS)
    rows: list[dict[str, str]] = []
    repeats: dict[str, list[dict[str, str]]] = {}
    try:
        for item in items:
            _odata_rows(item, rows, repeats)
    except RecursionError:  # groups nested beyond any form's
        raise _zip_error(name, msg.ODK_NO_SUBMISSIONS) from None
    return rows, repeats


def read_export(name: str, data: bytes) -> _Export:
    """The submissions of an ODK Central or KoBoToolbox CSV export zip.

    Refused as a whole (a :class:`ValidationError` on ``file``): not a zip, too
    many members or bytes (a zip bomb), no CSV of submissions, a CSV that is
    not UTF-8.
    """
    if len(data) > MAX_ZIP_BYTES:
        raise _zip_error(name, msg.ODK_ZIP_TOO_LARGE, limit_mb=MAX_ZIP_BYTES // 2**20)
    if data.lstrip()[:1] == b"{":  # the OData JSON alone (no photos)
        if len(data) > MAX_CSV_BYTES:
            raise _zip_error(
                name, msg.ODK_ZIP_TOO_LARGE, limit_mb=MAX_CSV_BYTES // 2**20
            )
        rows, repeats = _odata(name, data)
        return _Export(rows, repeats, {}, None)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _zip_error(name, msg.ODK_NOT_ZIP) from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise _zip_error(name, msg.ODK_ZIP_TOO_LARGE, limit_mb=MAX_ZIP_BYTES // 2**20)
    tables, odata, media, csv_bytes = [], [], {}, 0
    for info in members:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if info.is_dir() or ".." in path.parts or path.is_absolute():
            continue  # never read: a name that climbs out of the zip is no photo
        if path.suffix.lower() in {".csv", ".json"} and len(path.parts) == 1:
            try:
                raw = _read_member(archive, info, MAX_CSV_BYTES - csv_bytes)
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
                raise _zip_error(name, msg.ODK_NOT_ZIP) from None
            csv_bytes += len(raw)
            if csv_bytes > MAX_CSV_BYTES:
                raise _zip_error(
                    name, msg.ODK_ZIP_TOO_LARGE, limit_mb=MAX_CSV_BYTES // 2**20
                )
            if path.suffix.lower() == ".json":
                odata.append(_odata(info.filename, raw))
            else:
                tables.append((info.filename, _csv_rows(info.filename, raw)))
        elif {"media", "attachments"} & set(path.parts[:-1]):
            # ODK Central: media/NAME; KoBoToolbox: .../attachments/UUID/NAME.
            media.setdefault(path.name, []).append(info)
    if len(odata) == 1 and not tables:
        return _Export(odata[0][0], odata[0][1], media, archive)
    main = [t for t in tables if t[1] and "PARENT_KEY" not in t[1][0]]
    if len(main) != 1 or odata:
        raise _zip_error(name, msg.ODK_NO_SUBMISSIONS)
    repeats: dict[str, list[dict[str, str]]] = {}
    for _table, rows in tables:
        for row in rows:
            if "PARENT_KEY" in row:
                repeats.setdefault(row["PARENT_KEY"].strip(), []).append(row)
    return _Export(main[0][1], repeats, media, archive)


def _fields(row: dict[str, str]) -> dict[str, str]:
    """A row by question name: ``checklist-r_x`` and ``checklist/r_x`` read as
    ``r_x``; the last two parts are kept too (``gps/Latitude``)."""
    found: dict[str, str] = {}
    for column, value in row.items():
        parts = [p for p in re.split(r"[-/]", column) if p]
        if not parts:
            continue
        found.setdefault(parts[-1], value.strip())
        if len(parts) >= 2:
            found["/".join(parts[-2:])] = value.strip()
        found.setdefault(column, value.strip())
    return found


# -- one submission --------------------------------------------------------------


def _instance_id(fields: dict[str, str]) -> str | None:
    value = fields.get("instanceID") or fields.get("KEY") or fields.get("_uuid")
    if not value:
        return None
    value = value.removeprefix("uuid:")
    return value


def _submitter(fields: dict[str, str]) -> str | None:
    for name in ("SubmitterName", "_submitted_by", "username"):
        if fields.get(name):
            return fields[name]
    return None


def _ruleset(fields: dict[str, str], day: date):
    """The rule set of the form, checked against the one in force on ``day``."""
    key, version = fields.get(RULESET_KEY, ""), fields.get(RULESET_VERSION, "")
    if not key or not version.isdigit():
        raise FieldError("ruleset", key or None, msg.ODK_NOT_OUR_FORM)
    try:
        in_force = ruleset_in_force(day)
    except FieldError as error:
        raise ValidationError([error]) from None
    if (key, int(version)) != (in_force.key, in_force.version):
        raise ConflictError(
            msg.ODK_FORM_RULESET,
            form=f"{key} v{version}",
            day=day,
            in_force=f"{in_force.key} v{in_force.version}",
            ruleset=key,
        )
    return in_force


def _answers(fields, ruleset, point: PublicPoint) -> dict[str, dict[str, Any]]:
    """Checklist results by rule id; answers to questions the point's checklist
    does not have are refused (they are not the rule set's)."""
    applying = {rule.id for rule in ruleset.rules_for(point.kind)}
    known = {answer_name(rule.id): rule.id for rule in ruleset.rules}
    errors, items = [], {}
    for name, value in fields.items():
        if name.startswith("r_") and "/" not in name and value:
            rule_id = known.get(name)
            if rule_id is None or rule_id not in applying:
                errors.append(
                    FieldError(
                        "odk_question",
                        name,
                        msg.ODK_UNKNOWN_QUESTION,
                        kind=point.kind,
                        hide_value=True,
                    )
                )
    for rule_id in sorted(applying):
        answer = fields.get(answer_name(rule_id), "")
        if not answer:
            continue
        if answer not in ANSWERS:
            errors.append(
                FieldError(
                    "odk_answer",
                    answer,
                    msg.ODK_ANSWER,
                    question=answer_name(rule_id),
                    answers=list(ANSWERS),
                )
            )
            continue
        items[rule_id] = {
            "result": ANSWERS[answer],
            "note": clean_text(fields.get(note_name(rule_id))),
        }
    if errors:
        raise ValidationError(errors)
    return items


def _violations(rows: Iterable[dict[str, str]]) -> list[dict[str, Any]]:
    found = []
    for row in rows:
        values = _fields(row)
        found.append(
            {
                "rule_id": values.get(V_RULE, ""),
                "description": values.get(V_DESCRIPTION, ""),
                "proposed_fine_vnd": values.get(V_FINE) or None,
            }
        )
    return found


def _photos(fields, export: _Export, instance_id: str) -> list:
    files = []
    for name in photo_names():
        value = fields.get(name, "")
        if not value:
            continue
        if not _PHOTO_NAME.fullmatch(value) or value in {".", ".."}:
            raise FieldError(
                "photo", value, msg.ODK_PHOTO_NAME, filename=value, hide_value=True
            )
        found = export.media.get(value, [])
        if len(found) > 1:  # the same name in two submissions' folders
            found = [i for i in found if instance_id in i.filename]
        info = found[0] if len(found) == 1 else None
        if info is None:
            raise FieldError(
                "photo", value, msg.ODK_PHOTO_MISSING, filename=value, hide_value=True
            )
        try:
            data = _read_member(export.archive, info, MAX_PHOTO_BYTES)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
            raise FieldError(
                "photo", value, msg.ODK_PHOTO_MISSING, filename=value
            ) from None
        files.append((value, data))
    return checked_photos(files) if files else []


def _number(fields, *names) -> float | None:
    for name in names:
        value = fields.get(name, "")
        if value:
            try:
                return float(value.replace(",", "."))
            except ValueError:
                raise FieldError("gps", value, msg.ODK_GPS) from None
    return None


def _gps(fields) -> tuple[float | None, float | None, float | None]:
    """(latitude, longitude, accuracy) of the form's GPS point, or Nones."""
    lat = _number(fields, f"{GPS}/Latitude", f"_{GPS}_latitude")
    lon = _number(fields, f"{GPS}/Longitude", f"_{GPS}_longitude")
    accuracy = _number(fields, f"{GPS}/Accuracy", f"_{GPS}_precision")
    combined = fields.get(GPS, "")
    if lat is None and lon is None and combined:  # "lat lon alt accuracy"
        parts = combined.split()
        try:
            lat, lon = float(parts[0]), float(parts[1])
            accuracy = float(parts[3]) if len(parts) > 3 else None
        except (IndexError, ValueError):
            raise FieldError("gps", combined, msg.ODK_GPS) from None
    if (lat is None) != (lon is None) or (
        lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)
    ):
        raise FieldError("gps", f"{lat} {lon}", msg.ODK_GPS)
    return lat, lon, accuracy


@dataclass(frozen=True)
class _Plan:
    """A submission checked and ready to store."""

    instance_id: str
    submitter: Actor
    point: PublicPoint
    day: date
    ruleset: Any
    checklist: list
    changes: InspectionChanges
    gps: tuple
    distance_m: float | None
    gps_far: bool
    form_id: str | None
    form_version: str | None


def _point(registry: Registry, actor: Actor, submitter: Actor, value: str):
    if not value.isdigit():
        raise FieldError("point", value, msg.ODK_POINT)
    with registry.reading() as session:
        point = load_row(session, PublicPoint, int(value), POINT_NOT_FOUND)
        require_point_scope(session, submitter, point.id, "inspect this point")
        require_point_scope(session, actor, point.id, "import an inspection here")
        session.expunge(point)
    if point.retired_on is not None:
        raise ConflictError(msg.POINT_RETIRED, id=point.id, retired_on=point.retired_on)
    return point


def _plan(registry, actor, export, fields, instance_id, tolerance) -> _Plan:
    name = _submitter(fields)
    if not name:
        raise FieldError("submitter", None, msg.ODK_UNKNOWN_SUBMITTER)
    try:
        submitter = find_actor(registry, name)
    except NotFoundError:
        raise FieldError("submitter", name, msg.ODK_UNKNOWN_SUBMITTER) from None
    perm.require(submitter, perm.CREATE, SUBJECT)
    try:
        day = check_inspection_date(fields.get(DATE, ""))
    except FieldError as error:
        raise ValidationError([error]) from None
    ruleset = _ruleset(fields, day)
    point = _point(registry, actor, submitter, fields.get(POINT, ""))
    items = _answers(fields, ruleset, point)
    deadline = fields.get(DEADLINE, "")
    details = {"summary": fields.get(SUMMARY) or None}
    if deadline:
        details["follow_up_deadline"] = as_date(DEADLINE, deadline, required=False)
    changes = InspectionChanges(
        items=items,
        fields=details,
        add_violations=_violations(
            export.repeats.get(fields.get("KEY", "").strip(), [])
            if fields.get("KEY")
            else []
        ),
        photos=_photos(fields, export, instance_id),
    )
    lat, lon, accuracy = _gps(fields)
    distance = None
    if lat is not None:
        distance = float(
            distances_from(lat, lon, [point.latitude], [point.longitude])[0]
        )
    _, checklist = checklist_items(registry, submitter, point, day)
    return _Plan(
        instance_id=instance_id,
        submitter=submitter,
        point=point,
        day=day,
        ruleset=ruleset,
        checklist=checklist,
        changes=changes,
        gps=(lat, lon, accuracy),
        distance_m=distance,
        gps_far=distance is not None and distance > tolerance,
        form_id=clean_text(fields.get("FormID") or fields.get("_xform_id_string")),
        form_version=clean_text(fields.get("FormVersion") or fields.get("__version__")),
    )


def _imported(session, instance_id: str) -> int | None:
    return session.scalar(
        select(OdkSubmission.inspection_id).where(
            OdkSubmission.instance_id == instance_id
        )
    )


def _store(registry: Registry, actor: Actor, plan: _Plan, dry_run: bool) -> int:
    """Store the draft of a planned submission in one transaction; its id."""
    stamp = now()
    with registry.transaction() as session:
        point = load_row(
            session, PublicPoint, plan.point.id, POINT_NOT_FOUND, for_update=True
        )
        draft = session.scalar(
            select(Inspection.id).where(
                Inspection.point_id == point.id,
                Inspection.state == InspectionState.DRAFT.value,
            )
        )
        if draft is not None:
            raise ConflictError(msg.DRAFT_EXISTS, point=point.id, id=draft)
        inspection = Inspection(
            point_id=point.id,
            inspected_on=plan.day,
            inspector=plan.submitter.username,
            ruleset_key=plan.ruleset.key,
            ruleset_version=plan.ruleset.version,
            state=InspectionState.DRAFT.value,
            created_at=stamp,
            updated_at=stamp,
            version=1,
        )
        session.add(inspection)
        session.flush()
        for item in plan.checklist:
            session.add(InspectionItem(inspection_id=inspection.id, **item))
        session.flush()
        _, after = apply_changes(
            session, plan.submitter.username, inspection, plan.changes
        )
        lat, lon, accuracy = plan.gps
        session.add(
            OdkSubmission(
                instance_id=plan.instance_id,
                inspection_id=inspection.id,
                submitter=plan.submitter.username,
                form_id=plan.form_id,
                form_version=plan.form_version,
                latitude=lat,
                longitude=lon,
                accuracy_m=accuracy,
                distance_m=plan.distance_m,
                gps_far=plan.gps_far,
                imported_by=actor.username,
                imported_at=stamp,
            )
        )
        record_audit(
            session,
            actor.username,
            "import_odk",
            ENTITY,
            inspection.id,
            after={
                "point_id": point.id,
                "inspected_on": plan.day,
                "inspector": plan.submitter.username,
                "ruleset_key": plan.ruleset.key,
                "ruleset_version": plan.ruleset.version,
                "state": inspection.state,
                "instance_id": plan.instance_id,
                "gps_distance_m": plan.distance_m,
                "gps_far": plan.gps_far,
                **after,
            },
        )
        session.flush()
        if dry_run:
            raise _DryRun
        return inspection.id


def import_odk_submissions(
    registry: Registry,
    actor: Actor,
    data: bytes,
    *,
    file_name: str = "submissions.zip",
    dry_run: bool = False,
) -> OdkImportReport:
    """Import an ODK Central / KoBoToolbox CSV export zip as draft inspections.

    Each submission is checked and stored on its own (one transaction each):
    created, already imported (its ``instanceID`` was imported before), or refused
    with its reason (unknown or disabled submitter, a point outside the
    submitter's or the importer's area, a form of another rule set than the one in
    force on the inspection date, a bad answer, photo or GPS point, an open draft
    of the point). ``dry_run`` checks everything and stores nothing.
    """
    perm.require(actor, perm.CREATE, SUBJECT)
    export = read_export(file_name, data)
    tolerance = registry.config.odk_gps_tolerance_m
    outcomes, seen = [], set()
    for number, row in enumerate(export.rows, start=2):
        fields = _fields(row)
        instance_id = _instance_id(fields)
        submitter = _submitter(fields)
        point_text = fields.get(POINT, "")
        point_id = int(point_text) if point_text.isdigit() else None
        outcome = dict(
            row=number, instance_id=instance_id, submitter=submitter, point_id=point_id
        )
        if instance_id is None or not _INSTANCE_ID.fullmatch(instance_id):
            error = FieldError("instance_id", instance_id, msg.ODK_INSTANCE_ID)
            outcomes.append(
                SubmissionOutcome(
                    **{**outcome, "instance_id": None}, status="refused", error=error
                )
            )
            continue
        with registry.reading() as session:
            existing = _imported(session, instance_id)
        if existing is not None or instance_id in seen:
            outcomes.append(
                SubmissionOutcome(
                    **outcome, status="already_imported", inspection_id=existing
                )
            )
            continue
        seen.add(instance_id)
        try:
            plan = _plan(registry, actor, export, fields, instance_id, tolerance)
            try:
                new_id = _store(registry, actor, plan, dry_run)
            except _DryRun:
                new_id = None
        except DuplicateError:
            with registry.reading() as session:
                existing = _imported(session, instance_id)
            outcomes.append(
                SubmissionOutcome(
                    **outcome, status="already_imported", inspection_id=existing
                )
            )
            continue
        except RegistryError as error:
            outcomes.append(SubmissionOutcome(**outcome, status="refused", error=error))
            continue
        outcomes.append(
            SubmissionOutcome(
                **outcome,
                status="would_create" if dry_run else "created",
                inspection_id=new_id,
                distance_m=plan.distance_m,
                gps_far=plan.gps_far,
            )
        )
    return OdkImportReport(file_name, dry_run, tolerance, tuple(outcomes))


__all__ = [
    "OdkImportReport",
    "SubmissionOutcome",
    "import_odk_submissions",
    "read_export",
]
