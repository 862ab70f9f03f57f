"""Hostile text through every free-text field of the services, on both databases.

Each payload of ``tests/attack/payloads.py`` goes into each field through the
service a user calls. Texts with control or direction-override characters, and
texts one character longer than the field's column, are refused with the
kernel's coded message naming the field (before the database sees them: a
500-character reason crashed PostgreSQL's VARCHAR(400) and SQLite stored it);
every other text is stored exactly as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import count

import pandas as pd
import pytest
from sqlalchemy import select

from registry.access.users import create_user, list_users
from registry.files.imports import import_records
from registry.inspections.edits import add_violation, record_items, update_inspection
from registry.inspections.queries import get_inspection
from registry.inspections.service import open_inspection
from registry.kernel import messages as kernel_msg
from registry.kernel.errors import FieldError, ValidationError
from registry.kernel.models import (
    AuditEntry,
    BtsSite,
    Cluster,
    Inspection,
    InspectionItem,
    PermitApplication,
    PublicPoint,
    User,
    Violation,
)
from registry.kernel.text import column_limit
from registry.permits.steps import refuse_application, verify_application
from registry.records.by_kind import POINTS, SITES
from registry.units.clusters import create_cluster, list_clusters
from tests.attack import tally
from tests.attack.payloads import REFUSED, STORED, at_limit, too_long
from tests.factories import point_values, site_values
from tests.inspections.support import world_copy
from tests.permits.support import TWO_LEVEL_DAY, file_on, new_site, people_world

MEASURE = "hostile text fields"
TEXT_CODES = {kernel_msg.TEXT_CONTROL.code, kernel_msg.TEXT_TOO_LONG.code}
SITE_TEXT = (
    "site_code",
    "name",
    "address",
    "declared_commune",
    "permit_number",
    "radiation_cert_number",
    "notes",
)
POINT_TEXT = (
    "name",
    "address",
    "owner_name",
    "owner_phone",
    "business_reg_number",
    "isp_name",
    "isp_contract_number",
    "certificate_number",
    "certificate_issuer",
    "notes",
)


# Names and notes take every payload; the other fields of a record (each create
# costs half a second) take one of each kind: markup, CDATA end, formula, image,
# NUL and a direction override.
FULL = {"name", "notes"}
SAMPLE = (STORED[0], STORED[3], STORED[4], STORED[8], REFUSED[0], REFUSED[1])


def payloads_for(column, *, full: bool = True) -> list[str]:
    """Every payload (or :data:`SAMPLE`), plus one text at the column's limit
    and one over it."""
    chosen = (*STORED, *REFUSED) if full else SAMPLE
    return [*chosen, at_limit(column), too_long(column)]


def must_refuse(payload: str, column) -> bool:
    return payload in REFUSED or len(payload) > column_limit(column)


def attempt(
    field: str,
    payload: str,
    column,
    store: Callable[[str], object],
    read: Callable[[object], object],
) -> None:
    """Store ``payload`` through a service; check it was refused naming ``field``
    or stored verbatim, as the payload deserves, and count it."""
    try:
        stored = store(payload)
    except (FieldError, ValidationError) as error:
        problems = error.errors if isinstance(error, ValidationError) else [error]
        assert must_refuse(payload, column), f"{field}: {payload!r} refused: {error}"
        assert any(
            p.field.partition(":")[0] == field and p.code in TEXT_CODES
            for p in problems
        ), f"{field}: {payload!r} refused for another reason: {error}"
        tally.record(MEASURE, tried=1, refused=1)
        return
    assert not must_refuse(payload, column), f"{field}: {payload!r} was stored"
    assert read(stored) == payload, f"{field}: {payload!r} not stored verbatim"
    tally.record(MEASURE, tried=1, stored_verbatim=1)


@pytest.mark.parametrize("field", SITE_TEXT)
def test_every_site_text_field_stores_text_verbatim_and_refuses_control_and_length(
    registry, admin, field
):
    numbers = count(1)

    def store(payload: str) -> int:
        values = site_values(
            registry, **{"site_code": f"HOSTILE-{next(numbers)}", field: payload}
        )
        return SITES.create(registry, admin, values)["id"]

    for payload in payloads_for(getattr(BtsSite, field), full=field in FULL):
        attempt(
            field,
            payload,
            getattr(BtsSite, field),
            store,
            lambda site_id: SITES.get(registry, admin, site_id)[field],
        )


@pytest.mark.parametrize("field", POINT_TEXT)
def test_every_point_text_field_stores_text_verbatim_and_refuses_control_and_length(
    registry, admin, field
):
    def store(payload: str) -> int:
        values = point_values(registry, **{field: payload})
        return POINTS.create(registry, admin, values)["id"]

    for payload in payloads_for(getattr(PublicPoint, field), full=field in FULL):
        attempt(
            field,
            payload,
            getattr(PublicPoint, field),
            store,
            lambda point_id: POINTS.get(registry, admin, point_id)[field],
        )


def test_reasons_of_record_changes_are_checked_like_any_text(registry, admin):
    site_id = SITES.create(registry, admin, site_values(registry))["id"]
    numbers = count(1)

    def update(reason: str) -> int:
        address = f"Số {next(numbers)}"  # a change each time: an audit entry each
        SITES.update(registry, admin, site_id, {"address": address}, reason=reason)
        return site_id

    def last_reason(_) -> str:
        with registry.reading() as session:
            entry = session.scalars(
                select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)
            ).one()
            return entry.reason

    for payload in payloads_for(AuditEntry.reason):
        attempt("reason", payload, AuditEntry.reason, update, last_reason)

    def retire(reason: str) -> int:
        values = site_values(registry, site_code=f"RETIRE-{next(numbers)}")
        site = SITES.create(registry, admin, values)["id"]
        SITES.retire(registry, admin, site, reason=reason)
        return site

    def retired_reason(site: int) -> str:
        with registry.reading() as session:
            return session.get(BtsSite, site).retired_reason

    for payload in payloads_for(BtsSite.retired_reason):
        attempt("reason", payload, BtsSite.retired_reason, retire, retired_reason)


def test_cluster_names_and_notes_and_user_names(registry, admin):
    numbers = count(1)

    def cluster_view(name: str):
        return next(c for c in list_clusters(registry, admin) if c.name == name)

    for payload in payloads_for(Cluster.name):
        attempt(
            "name",
            payload,
            Cluster.name,
            lambda text: create_cluster(registry, admin, name=text, districts=["412"]),
            lambda view: cluster_view(view.name).name,
        )
    for payload in payloads_for(Cluster.note):
        attempt(
            "note",
            payload,
            Cluster.note,
            lambda text: create_cluster(
                registry,
                admin,
                name=f"Cụm ghi chú {next(numbers)}",
                districts=["412"],
                note=text,
            ),
            lambda view: cluster_view(view.name).note,
        )

    def user_name(username: str) -> str:
        users = list_users(registry, admin)
        return next(u for u in users if u["username"] == username)["display_name"]

    for payload in payloads_for(User.display_name):
        attempt(
            "display_name",
            payload,
            User.display_name,
            lambda text: (
                create_user(
                    registry,
                    admin,
                    username=f"hostile{next(numbers)}",
                    display_name=text,
                    role="viewer",
                ).username
            ),
            user_name,
        )


@pytest.fixture
def world(open_world):
    return world_copy(open_world)


def test_inspection_summary_item_notes_and_violations(world):
    registry, clerk = world.registry, world.clerk
    view = open_inspection(registry, clerk, world.game)
    inspection_id = view["id"]
    rule = view["items"][0]["rule_id"]

    def read(field: str) -> Callable[[object], object]:
        def value(_):
            shown = get_inspection(registry, clerk, inspection_id)
            if field == "summary":
                return shown["summary"]
            if field == "note":
                return next(i for i in shown["items"] if i["rule_id"] == rule)["note"]
            return [v["description"] for v in shown["violations"]][-1]

        return value

    for payload in payloads_for(Inspection.summary):
        attempt(
            "summary",
            payload,
            Inspection.summary,
            lambda text: update_inspection(
                registry, clerk, inspection_id, {"summary": text}
            ),
            read("summary"),
        )
    for payload in payloads_for(InspectionItem.note):
        attempt(
            "note",
            payload,
            InspectionItem.note,
            lambda text: record_items(
                registry, clerk, inspection_id, {rule: {"note": text}}
            ),
            read("note"),
        )
    for payload in payloads_for(Violation.description):
        attempt(
            "description",
            payload,
            Violation.description,
            lambda text: add_violation(
                registry, clerk, inspection_id, rule_id=rule, description=text
            ),
            read("description"),
        )


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_an_import_reports_hostile_cells_as_row_problems(
    registry, admin, tmp_path, extension
):
    """A file's cells get the same limits: a direction override or a text longer
    than its column is a row problem naming the column, never a crash."""
    good = site_values(registry, site_code="IMP-1", name=STORED[0])
    rtl = site_values(registry, site_code="IMP-2", name=REFUSED[1])
    long = site_values(registry, site_code="IMP-3", address=too_long(BtsSite.address))
    frame = pd.DataFrame([good, rtl, long])
    path = tmp_path / f"sites.{extension}"
    if extension == "csv":
        frame.to_csv(path, index=False)  # a user's file, written by hand
    else:
        frame.to_excel(path, index=False)
    report = import_records(registry, admin, "sites", path, dry_run=True)
    problems = {(p.row, p.column, p.code) for p in report.errors}
    assert problems == {
        (3, "name", kernel_msg.TEXT_CONTROL.code),
        (4, "address", kernel_msg.TEXT_TOO_LONG.code),
    }
    tally.record(MEASURE, tried=2, refused=2)


def test_permit_applicant_names_and_refusal_reasons(open_world):
    registry, people = people_world(open_world)
    numbers = count(1)

    def filed(applicant: str | None = None):
        values = new_site(registry, site_code=f"PERMIT-{next(numbers)}")
        return file_on(
            TWO_LEVEL_DAY,
            registry,
            people.viettel,
            "bts_new",
            values=values,
            applicant_name=applicant,
        )

    for payload in payloads_for(PermitApplication.applicant_name, full=False):
        attempt(
            "applicant_name",
            payload,
            PermitApplication.applicant_name,
            filed,
            lambda view: view.summary.applicant_name,
        )

    def refused(reasons: str):
        application = filed().summary.id
        verify_application(registry, people.new_clerk, application, on=TWO_LEVEL_DAY)
        return refuse_application(
            registry, people.new_commune, application, reasons=reasons, on=TWO_LEVEL_DAY
        )

    for payload in payloads_for(AuditEntry.reason, full=False):
        attempt(
            "reasons",
            payload,
            AuditEntry.reason,
            refused,
            lambda view: view.refusal_reasons,
        )
