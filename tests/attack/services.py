"""The catalogue of public services, and how each is called on what lies outside
the caller's area (see tests/attack/reach_world.py).

A public service is a public function of a ``registry`` module whose first two
parameters are ``registry, actor`` (:func:`public_services` finds them all);
:data:`REACH` says, for each, how to call it on the outside world and how to tell
a leak:

- ``ACTS``: the call names an outside record (or area) and acts on it or returns
  it; any success is a leak, the only right answer a refusal.
- ``SHOWS``: a listing, aggregate, export or import for the caller; its result
  (searched through, files read back) must hold nothing from outside, or a
  ``check`` says what a leak is.

A service missing from :data:`REACH` fails the suite: a new use case joins the
catalogue with its attack.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib
import inspect
import io
import pkgutil
from collections.abc import Callable
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import pandas as pd

import registry as registry_package
from registry.access import accounts
from registry.access.profile import actor_profile
from registry.access.users import create_user, list_users
from registry.cli.applications import run_applications
from registry.cli.report import run_report
from registry.cli.users import run_users
from registry.coverage.dashboard import coverage_dashboard
from registry.coverage.model import coverage_report
from registry.coverage.sharing import sharing_report
from registry.demo.load import load_demo
from registry.demo.remove import remove_demo
from registry.files.exports import export_records
from registry.files.imports import import_records
from registry.files.preview import preview_import
from registry.inspections import checklist, dashboard, edits, plans, queries, review
from registry.inspections import service as inspection_service
from registry.inspections.changes import InspectionChanges
from registry.kernel.models import PublicPoint
from registry.maps import data as maps
from registry.maps.growth import growth_by_year, technology_growth
from registry.maps.growth_report import growth_report
from registry.permits import (
    corrections,
    documents,
    effects,
    filing,
    matrix_versions,
    steps,
    transfers,
)
from registry.permits import queries as permit_queries
from registry.permits.report import permits_report
from registry.permits.step_runner import run_step
from registry.records import activity, listing, places, search, stats
from registry.records.by_kind import SITES
from registry.reference import population, schools
from registry.reports.area import area_choices
from registry.reports.build import make_report
from registry.rules.compliance import evaluate_point, evaluate_points
from registry.units import boundaries, clusters
from tests.attack.reach_world import (
    INSIDE_POINTS,
    INSIDE_SITES,
    MARK,
    OUTSIDE,
    ReachWorld,
)
from tests.factories import commune_centroid, point_values, site_values
from tests.inspections.support import image_bytes
from tests.permits.support import PDF, new_game_point, new_site

ACTS, SHOWS = "acts", "shows"


def public_services() -> list[str]:
    """``module.function`` of every public service of the registry."""
    found = []
    for info in pkgutil.walk_packages(registry_package.__path__, "registry."):
        if info.name.startswith(("registry.migrations", "registry.__main__")):
            continue
        module = importlib.import_module(info.name)
        for name, function in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(function):
                continue
            if function.__module__ != module.__name__:
                continue
            parameters = list(inspect.signature(function).parameters)
            if parameters[:2] == ["registry", "actor"]:
                found.append(f"{info.name.removeprefix('registry.')}.{name}")
    return sorted(found)


@dataclasses.dataclass(frozen=True)
class Attack:
    """How to call one service on what lies outside, and what a leak is.

    ``call(registry, actor, world, tmp_path)`` makes the call; ``check(result,
    registry, world, actor)``, for ``SHOWS``, returns what leaked (empty: nothing), by
    default the outside names found in the result.
    """

    kind: str
    call: Callable[..., Any]
    check: Callable[..., list[str]] | None = None
    # An id of another's record handed to a use case on one's own: refused as
    # not one of its own (a validation error) is right too.
    cross: bool = False


def texts_in(value: Any, seen: set[int] | None = None) -> list[str]:
    """Every text a result holds: fields, keys, cells, files written, bytes."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return []
    seen.add(id(value))
    if isinstance(value, str):
        return [value]
    if isinstance(value, bytes | bytearray):
        return [bytes(value).decode("utf-8", "ignore")]
    if isinstance(value, Path):
        return [value.read_bytes().decode("utf-8", "ignore")] if value.exists() else []
    if isinstance(value, Enum):
        return [str(value.value)]
    if isinstance(value, pd.DataFrame):
        frame = value.drop(columns="geometry", errors="ignore")
        return [frame.to_csv(), *map(str, frame.columns), *map(str, frame.index)]
    if isinstance(value, pd.Series):
        return [value.to_csv()]
    if isinstance(value, dict):
        return [
            t for k, v in value.items() for t in texts_in(k, seen) + texts_in(v, seen)
        ]
    if isinstance(value, list | tuple | set | frozenset):
        return [t for item in value for t in texts_in(item, seen)]
    if dataclasses.is_dataclass(value):
        return [
            t
            for f in dataclasses.fields(value)
            for t in texts_in(getattr(value, f.name), seen)
        ]
    if hasattr(value, "__dict__") and not callable(value):
        return texts_in(vars(value), seen)
    return [str(value)]


def outside_names(result: Any, registry=None, world=None, actor=None) -> list[str]:
    """The outside mark wherever it appears in ``result`` (one entry per text)."""
    return [t[:120] for t in texts_in(result) if MARK.lower() in t.lower()]


def printed(run: Callable[[], Any]) -> str:
    """What a command-line run printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        run()
    return out.getvalue()


def _outside_site_row(registry) -> bytes:
    values = site_values(
        registry, OUTSIDE, network_code="01", site_code=f"{MARK}-IMPORT", name=MARK
    )
    frame = pd.DataFrame([values])
    return frame.to_csv(index=False).encode("utf-8")


def _imported(result, registry, world, actor=None) -> list[str]:
    """An import stored an outside row (or said it would)."""
    stored = SITES.list(registry, world.people.admin)
    made = stored[stored["site_code"] == f"{MARK}-IMPORT"]
    return [f"stored site #{i}" for i in made["id"]] + (
        [f"{result.stored} rows stored"] if getattr(result, "stored", 0) else []
    )


def _preview(result, registry, world, actor=None) -> list[str]:
    return _imported(result.report, registry, world) + outside_names(
        [result.report.stored, [e.expected for e in result.report.errors]]
    )


def _operator_network(result, registry, world, actor=None) -> list[str]:
    """An operator's coverage holds its own network only."""
    found = outside_names(result)
    report = getattr(result, "coverage", result)  # the dashboard holds the report
    network = report.operator
    if actor is not None and actor.network_code and network != actor.network_code:
        found.append(f"network {network}")
    return found


def _point_row(registry, world):
    with registry.reading() as session:
        point = session.get(PublicPoint, world.point)
        session.expunge(point)
    return point


def _report_args(tmp_path: Path, **area) -> argparse.Namespace:
    return argparse.Namespace(
        cluster=area.get("cluster"),
        district=area.get("district"),
        commune=area.get("commune"),
        start=date(2026, 1, 1),
        end=None,
        edition=None,
        xlsx=tmp_path / "report.xlsx",
        html=tmp_path / "report.html",
    )


def _cli_applications(what: str, **options) -> argparse.Namespace:
    defaults = {"state": None, "kind": None, "on": None, "district": None}
    return argparse.Namespace(what=what, **{**defaults, **options})


def _other_units(result, registry, world, actor) -> list[str]:
    """Units outside the area offered to staff of a 2025-06 area. Unit names are
    public geography: operators (whose network spans the province) and staff of
    another edition get every unit of the edition asked for."""
    if actor.area_edition != "2025-06":
        return []
    return [name for name in texts_in(result) if name == f"Xã {OUTSIDE}"]


YEAR = (date(2026, 1, 1), date(2026, 12, 31))
# A day when everything filed or due in the world is overdue.
LATER = date(2027, 9, 1)
P = "registry."

# service -> its attack. ``w`` is the ReachWorld, ``t`` a temporary directory.
REACH: dict[str, Attack] = {
    # access: the user's own profile; users are the admin's
    "access.profile.actor_profile": Attack(
        SHOWS, lambda r, a, w, t: actor_profile(r, a)
    ),
    "access.users.create_user": Attack(
        ACTS,
        lambda r, a, w, t: create_user(
            r,
            a,
            username="nhanvien.ngoaivung",
            display_name="Nhân viên mới",
            role="commune",
            area_edition="2025-06",
            area_code=w.people.other_commune.area_code,
        ),
    ),
    "access.users.list_users": Attack(ACTS, lambda r, a, w, t: list_users(r, a)),
    # account changes: the administrator's, on a user of another area
    "access.accounts.area_choices": Attack(
        ACTS, lambda r, a, w, t: accounts.area_choices(r, a, "2025-06", "commune")
    ),
    "access.accounts.disable_user": Attack(
        ACTS,
        lambda r, a, w, t: accounts.disable_user(
            r, a, w.people.other_commune.username, reason="x"
        ),
    ),
    "access.accounts.enable_user": Attack(
        ACTS,
        lambda r, a, w, t: accounts.enable_user(
            r, a, w.people.other_commune.username, reason="x"
        ),
    ),
    "access.accounts.set_password": Attack(
        ACTS,
        lambda r, a, w, t: accounts.set_password(
            r, a, w.people.other_commune.username, "mat-khau-moi-dai-du", reason="x"
        ),
    ),
    "access.accounts.set_role": Attack(
        ACTS,
        lambda r, a, w, t: accounts.set_role(
            r, a, w.people.other_commune.username, "viewer", reason="x"
        ),
    ),
    "access.accounts.set_area": Attack(
        ACTS,
        lambda r, a, w, t: accounts.set_area(
            r,
            a,
            w.people.other_commune.username,
            area_edition="2025-06",
            area_code=w.people.commune.area_code,
            reason="x",
        ),
    ),
    "cli.users.run_users": (
        Attack(
            ACTS,
            lambda r, a, w, t: printed(
                lambda: run_users(
                    r,
                    a,
                    argparse.Namespace(
                        users_command="disable",
                        username=w.people.other_commune.username,
                        reason="x",
                    ),
                )
            ),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: printed(
                lambda: run_users(r, a, argparse.Namespace(users_command="list"))
            ),
        ),
    ),
    # the command line's groups, run for the caller
    "cli.applications.run_applications": Attack(
        SHOWS,
        lambda r, a, w, t: [
            printed(lambda: run_applications(r, a, _cli_applications("list"))),
            printed(lambda: run_applications(r, a, _cli_applications("inbox"))),
            printed(
                lambda: run_applications(
                    r, a, _cli_applications("report", start=YEAR[0], end=YEAR[1])
                )
            ),
        ],
    ),
    "cli.report.run_report": Attack(
        ACTS,
        lambda r, a, w, t: printed(
            lambda: run_report(r, a, _report_args(t, district="Nghi Lộc"))
        ),
    ),
    # coverage: whole-province aggregates by design (README), never a record
    "coverage.dashboard.coverage_dashboard": tuple(
        Attack(
            SHOWS,
            lambda r, a, w, t, network=network: coverage_dashboard(
                r, a, as_of=YEAR[1], operator=network
            ),
            _operator_network,
        )
        for network in (None, "01")
    ),
    "coverage.model.coverage_report": tuple(
        Attack(
            SHOWS,
            lambda r, a, w, t, network=network: coverage_report(
                r, a, as_of=YEAR[1], operator=network
            ),
            _operator_network,
        )
        for network in (None, "01")
    ),
    "coverage.sharing.sharing_report": Attack(
        SHOWS, lambda r, a, w, t: sharing_report(r, a, as_of=YEAR[1])
    ),
    "demo.load.load_demo": Attack(ACTS, lambda r, a, w, t: load_demo(r, a, sites=10)),
    # files
    "demo.remove.remove_demo": Attack(ACTS, lambda r, a, w, t: remove_demo(r, a)),
    "files.exports.export_records": Attack(
        SHOWS,
        lambda r, a, w, t: [
            export_records(r, a, group, fmt, t / f"{group}.{fmt}")[0]
            for group in ("sites", "game-points")
            for fmt in ("csv", "geojson", "kml")
        ],
    ),
    "files.imports.import_records": Attack(
        SHOWS,
        lambda r, a, w, t: import_records(
            r, a, "sites", _outside_site_row(r), filename="sites.csv"
        ),
        _imported,
    ),
    "files.preview.preview_import": Attack(
        SHOWS,
        lambda r, a, w, t: preview_import(
            r, a, "sites", _outside_site_row(r), filename="sites.csv"
        ),
        _preview,
    ),
    # inspections
    "inspections.checklist.checklist_items": Attack(
        ACTS,
        lambda r, a, w, t: checklist.checklist_items(
            r, a, _point_row(r, w), date(2026, 11, 2)
        ),
    ),
    "inspections.dashboard.dashboard_area": Attack(
        ACTS,
        lambda r, a, w, t: dashboard.dashboard_area(
            r, a, edition="2025-06", district=w.outside_district
        ),
    ),
    "inspections.dashboard.inspection_dashboard": (
        Attack(SHOWS, lambda r, a, w, t: dashboard.inspection_dashboard(r, a)),
        Attack(
            ACTS,
            lambda r, a, w, t: dashboard.inspection_dashboard(
                r, a, edition="2025-06", district=w.outside_district
            ),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: dashboard.inspection_dashboard(
                r, a, edition="2025-06", commune=w.people.other_commune.area_code
            ),
        ),
    ),
    "inspections.edits.change_inspection": Attack(
        ACTS,
        lambda r, a, w, t: edits.change_inspection(
            r,
            a,
            w.draft,
            InspectionChanges(fields={"summary": "x"}),
            action="update_inspection",
            expected_version=w.draft_version,
        ),
    ),
    "inspections.edits.record_items": Attack(
        ACTS, lambda r, a, w, t: edits.record_items(r, a, w.draft, {})
    ),
    "inspections.edits.update_inspection": (
        Attack(
            ACTS,
            lambda r, a, w, t: edits.update_inspection(r, a, w.draft, {"summary": "x"}),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: edits.update_inspection(
                r, a, w.draft, {"summary": "x"}, expected_version=99
            ),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: edits.update_inspection(
                r, a, w.submitted, {"summary": "x"}
            ),
        ),
    ),
    "inspections.edits.add_violation": Attack(
        ACTS,
        lambda r, a, w, t: edits.add_violation(
            r, a, w.draft, rule_id=w.rule, description="x"
        ),
    ),
    "inspections.edits.withdraw_violation": (
        Attack(
            ACTS,
            lambda r, a, w, t: edits.withdraw_violation(
                r, a, w.draft, w.violation, reason="x"
            ),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: edits.withdraw_violation(
                r, a, w.inside_draft, w.violation, reason="x"
            ),
            cross=True,
        ),
    ),
    "inspections.edits.attach_photos": Attack(
        ACTS,
        lambda r, a, w, t: edits.attach_photos(
            r, a, w.draft, [("b.png", image_bytes())]
        ),
    ),
    "inspections.edits.attach_photo": Attack(
        ACTS,
        lambda r, a, w, t: edits.attach_photo(r, a, w.draft, "b.png", image_bytes()),
    ),
    "inspections.edits.withdraw_photo": (
        Attack(
            ACTS,
            lambda r, a, w, t: edits.withdraw_photo(r, a, w.draft, w.photo, reason="x"),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: edits.withdraw_photo(
                r, a, w.inside_draft, w.photo, reason="x"
            ),
            cross=True,
        ),
    ),
    "inspections.plans.inspection_plan": Attack(
        SHOWS, lambda r, a, w, t: plans.inspection_plan(r, a, on=LATER)
    ),
    "inspections.plans.points_due": Attack(
        SHOWS, lambda r, a, w, t: plans.points_due(r, a, on=LATER)
    ),
    "inspections.plans.overdue_follow_ups": Attack(
        SHOWS, lambda r, a, w, t: plans.overdue_follow_ups(r, a, on=LATER)
    ),
    "inspections.plans.inspection_overview": Attack(
        SHOWS, lambda r, a, w, t: plans.inspection_overview(r, a, on=LATER)
    ),
    "inspections.queries.get_inspection": Attack(
        ACTS, lambda r, a, w, t: queries.get_inspection(r, a, w.reviewed)
    ),
    "inspections.queries.photo_data": Attack(
        ACTS, lambda r, a, w, t: queries.photo_data(r, a, w.photo)
    ),
    "inspections.queries.list_inspections": Attack(
        SHOWS,
        lambda r, a, w, t: [
            queries.list_inspections(r, a),
            queries.list_inspections(r, a, point_id=w.point + 1),
        ],
    ),
    "inspections.review.submit_inspection": (
        Attack(ACTS, lambda r, a, w, t: review.submit_inspection(r, a, w.draft)),
        Attack(ACTS, lambda r, a, w, t: review.submit_inspection(r, a, w.submitted)),
        Attack(
            ACTS,
            lambda r, a, w, t: review.submit_inspection(
                r, a, w.draft, expected_version=99
            ),
        ),
    ),
    "inspections.review.review_inspection": (
        Attack(
            ACTS,
            lambda r, a, w, t: review.review_inspection(r, a, w.submitted, "approved"),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: review.review_inspection(r, a, w.draft, "approved"),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: review.review_inspection(
                r, a, w.submitted, "approved", expected_version=99
            ),
        ),
    ),
    "inspections.service.open_inspection": Attack(
        ACTS, lambda r, a, w, t: inspection_service.open_inspection(r, a, w.point)
    ),
    "inspections.service.correct_inspection": (
        Attack(
            ACTS,
            lambda r, a, w, t: inspection_service.correct_inspection(
                r, a, w.reviewed, reason="x", fields={"summary": "x"}
            ),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: inspection_service.correct_inspection(
                r,
                a,
                w.inside_reviewed,
                reason="x",
                withdraw_violations=[w.violation],
                withdraw_photos=[w.photo],
            ),
            cross=True,
        ),
    ),
    # maps: the caller's records on a map, per unit, and their growth
    "maps.data.site_map": Attack(
        SHOWS,
        lambda r, a, w, t: [
            maps.site_map(r, a, level=level) for level in ("district", "commune")
        ],
    ),
    "maps.data.point_map": Attack(
        SHOWS,
        lambda r, a, w, t: [
            maps.point_map(r, a, level=level) for level in ("district", "commune")
        ],
    ),
    "maps.data.site_overview": Attack(
        SHOWS, lambda r, a, w, t: maps.site_overview(r, a)
    ),
    "maps.data.unit_options": Attack(
        SHOWS,
        lambda r, a, w, t: [
            maps.unit_options(r, a, "2025-06", "commune"),
            maps.unit_options(r, a, "2025-06", "commune", w.outside_district),
        ],
        _other_units,
    ),
    "maps.growth.growth_by_year": Attack(
        SHOWS, lambda r, a, w, t: growth_by_year(r, a)
    ),
    "maps.growth.technology_growth": Attack(
        SHOWS, lambda r, a, w, t: technology_growth(r, a)
    ),
    "maps.growth_report.growth_report": Attack(
        SHOWS,
        lambda r, a, w, t: growth_report(r, a, units=[w.outside_district]),
    ),
    # permits
    "permits.documents.add_documents": (
        Attack(
            ACTS,
            lambda r, a, w, t: documents.add_documents(r, a, w.filed, [("b.pdf", PDF)]),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: documents.add_documents(
                r, a, w.incomplete, [("b.pdf", PDF)]
            ),
        ),
    ),
    "permits.documents.get_document": (
        Attack(
            ACTS, lambda r, a, w, t: documents.get_document(r, a, w.filed, w.document)
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: documents.get_document(
                r, a, w.inside_application, w.document
            ),
            cross=True,
        ),
    ),
    "permits.effects.prepare_approval": Attack(
        ACTS,
        lambda r, a, w, t: effects.prepare_approval(r, a, w.verified, "01/GP", None),
    ),
    "permits.filing.file_application": (
        Attack(
            ACTS,
            lambda r, a, w, t: (
                filing.file_application(
                    r,
                    a,
                    "bts_new",
                    values=new_site(
                        r,
                        OUTSIDE,
                        network_code="01",
                        site_code="MB-MOI",
                    ),
                )
                if a.network_code
                else filing.file_application(
                    r,
                    a,
                    "game_new",
                    values=new_game_point(r, OUTSIDE, name="Phòng game mới"),
                )
            ),
        ),
        *(
            Attack(
                ACTS,
                lambda r, a, w, t, kind=kind: filing.file_application(
                    r, a, kind, point_id=w.point
                ),
            )
            for kind in ("game_renewal", "game_revocation")
        ),
    ),
    "permits.corrections.correct_filing_day": Attack(
        ACTS,
        lambda r, a, w, t: corrections.correct_filing_day(
            r, a, w.filed, date(2026, 11, 2), reason="x"
        ),
    ),
    "permits.transfers.consent_to_transfer": Attack(
        ACTS, lambda r, a, w, t: transfers.consent_to_transfer(r, a, w.filed)
    ),
    "permits.transfers.decline_transfer": Attack(
        ACTS,
        lambda r, a, w, t: transfers.decline_transfer(r, a, w.filed, reasons="x"),
    ),
    "permits.matrix_versions.adopt_preset": Attack(
        ACTS,
        lambda r, a, w, t: matrix_versions.adopt_preset(
            r, a, "two_level", effective_from=date(2027, 1, 1), reason="x"
        ),
    ),
    "permits.matrix_versions.edit_matrix": Attack(
        ACTS,
        lambda r, a, w, t: matrix_versions.edit_matrix(
            r, a, base_id=1, rows=[], effective_from=date(2027, 1, 1), reason="x"
        ),
    ),
    "permits.matrix_versions.matrix_on": Attack(
        SHOWS, lambda r, a, w, t: matrix_versions.matrix_on(r, a, date(2026, 11, 2))
    ),
    "permits.matrix_versions.list_matrix_versions": Attack(
        SHOWS, lambda r, a, w, t: matrix_versions.list_matrix_versions(r, a)
    ),
    "permits.queries.get_application": tuple(
        Attack(
            ACTS,
            lambda r, a, w, t, key=key: permit_queries.get_application(
                r, a, getattr(w, key)
            ),
        )
        for key in ("game", "filed", "change", "renewal")
    ),
    "permits.queries.list_applications": Attack(
        SHOWS, lambda r, a, w, t: permit_queries.list_applications(r, a, on=LATER)
    ),
    "permits.queries.inbox": Attack(
        SHOWS, lambda r, a, w, t: permit_queries.inbox(r, a, on=LATER)
    ),
    "permits.report.permits_report": Attack(
        SHOWS,
        lambda r, a, w, t: permits_report(
            r, a, *YEAR, district_codes=[w.outside_district]
        ),
        lambda result, r, w, a: (
            [f"{len(result)} rows of Nghi Lộc"]
            if len(result) and (result.get("received", pd.Series([0])).sum() > 0)
            else []
        ),
    ),
    "permits.step_runner.run_step": Attack(
        ACTS,
        lambda r, a, w, t: run_step(
            r,
            a,
            w.filed,
            "verify",
            on=None,
            work=lambda session, application, step, day: None,
        ),
    ),
    "permits.steps.verify_application": (
        Attack(ACTS, lambda r, a, w, t: steps.verify_application(r, a, w.filed)),
        Attack(ACTS, lambda r, a, w, t: steps.verify_application(r, a, w.verified)),
    ),
    "permits.steps.report_incomplete": Attack(
        ACTS, lambda r, a, w, t: steps.report_incomplete(r, a, w.filed, reasons="x")
    ),
    "permits.steps.record_completion": Attack(
        ACTS, lambda r, a, w, t: steps.record_completion(r, a, w.incomplete)
    ),
    "permits.steps.approve_application": (
        Attack(
            ACTS,
            lambda r, a, w, t: steps.approve_application(
                r, a, w.verified, number="01/GP"
            ),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: steps.approve_application(r, a, w.filed, number="01/GP"),
        ),
    ),
    "permits.steps.refuse_application": Attack(
        ACTS,
        lambda r, a, w, t: steps.refuse_application(r, a, w.verified, reasons="x"),
    ),
    "permits.steps.escalate_application": Attack(
        ACTS,
        lambda r, a, w, t: steps.escalate_application(r, a, w.verified, reason="x"),
    ),
    # records
    "records.activity.recent_changes": Attack(
        SHOWS, lambda r, a, w, t: activity.recent_changes(r, a, limit=1000)
    ),
    "records.listing.list_records": Attack(
        SHOWS,
        lambda r, a, w, t: [
            listing.list_records(r, a, kind, include_retired=True)
            for kind in ("site", "point")
        ],
    ),
    "records.places.create_record": Attack(
        ACTS,
        lambda r, a, w, t: places.create_record(
            r,
            a,
            "point" if a.area_level else "site",
            point_values(r, OUTSIDE, name="Phòng game mới")
            if a.area_level
            else site_values(r, OUTSIDE, network_code="01", site_code="MB-MOI"),
        ),
    ),
    "records.places.update_record": (
        Attack(
            ACTS,
            lambda r, a, w, t: places.update_record(
                r, a, "site", w.site, {"name": "x"}
            ),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: places.update_record(
                r, a, "point", w.point, {"name": "x"}
            ),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: places.update_record(
                r, a, "site", w.misdeclared, {"name": "x"}
            ),
        ),
        # moving a record of one's own out of the area (or network) is acting there
        Attack(ACTS, lambda r, a, w, t: _move_out(r, a, w)),
        # a stale version or a retired record: the answer must not tell
        Attack(
            ACTS,
            lambda r, a, w, t: places.update_record(
                r, a, "site", w.site, {"name": "x"}, expected_version=99
            ),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: places.update_record(
                r, a, "point", w.retired, {"name": "x"}
            ),
        ),
    ),
    "records.places.change_status": (
        Attack(
            ACTS,
            lambda r, a, w, t: places.change_status(
                r, a, "site", w.site, "suspended", reason="x"
            ),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: places.change_status(
                r, a, "point", w.point, "suspended", reason="x"
            ),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: places.change_status(
                r, a, "point", w.retired, "suspended", reason="x"
            ),
        ),
    ),
    "records.places.retire_record": (
        Attack(
            ACTS,
            lambda r, a, w, t: places.retire_record(r, a, "point", w.point, reason="x"),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: places.retire_record(r, a, "site", w.site, reason="x"),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: places.retire_record(
                r, a, "point", w.retired, reason="x"
            ),
        ),
    ),
    "records.places.get_record": tuple(
        Attack(
            ACTS,
            lambda r, a, w, t, kind=kind, key=key: places.get_record(
                r, a, kind, getattr(w, key)
            ),
        )
        for kind, key in (("site", "site"), ("point", "point"), ("site", "misdeclared"))
    ),
    "records.search.search_records": Attack(
        SHOWS,
        lambda r, a, w, t: [
            search.search_records(r, a, kind, MARK.lower())
            for kind in ("site", "point")
        ],
    ),
    "records.search.record_view": tuple(
        Attack(
            ACTS,
            lambda r, a, w, t, kind=kind, key=key: search.record_view(
                r, a, kind, getattr(w, key)
            ),
        )
        for kind, key in (("site", "site"), ("point", "point"), ("site", "misdeclared"))
    ),
    "records.stats.compute_stats": Attack(
        SHOWS,
        lambda r, a, w, t: stats.compute_stats(r, a),
        lambda result, r, w, a: _counted_outside(result),
    ),
    # reference layers: the department's
    "reference.population.import_population": Attack(
        ACTS,
        lambda r, a, w, t: population.import_population(
            r, a, b"code,population\n", edition="2025-06", filename="p.csv"
        ),
    ),
    "reference.population.population_table": Attack(
        SHOWS, lambda r, a, w, t: population.population_table(r, a, "2025-06")
    ),
    "reference.schools.import_schools": Attack(
        ACTS,
        lambda r, a, w, t: schools.import_schools(
            r, a, b"name,latitude,longitude\n", filename="s.csv"
        ),
    ),
    "reference.schools.list_schools": Attack(
        SHOWS, lambda r, a, w, t: schools.list_schools(r, a)
    ),
    # reports
    "reports.area.area_choices": Attack(
        SHOWS,
        lambda r, a, w, t: [
            area_choices(r, a, kind, "2025-06") for kind in ("district", "commune")
        ],
        lambda result, r, w, a: [
            n for n in texts_in(result) if n in (f"Xã {OUTSIDE}", "Huyện Nghi Lộc")
        ],
    ),
    "reports.build.make_report": tuple(
        Attack(
            ACTS,
            lambda r, a, w, t, kind=kind, key=key: make_report(
                r, a, kind=kind, key=key(w), start=YEAR[0], end=YEAR[1]
            ),
        )
        for kind, key in (
            ("district", lambda w: w.outside_district),
            ("commune", lambda w: w.people.other_commune.area_code),
            # Cụm I holds Vinh and Nghi Lộc: more than a district's own area
            ("cluster", lambda w: "1"),
            ("cluster", lambda w: str(w.cluster)),
        )
    ),
    # rules
    "rules.compliance.evaluate_point": Attack(
        ACTS, lambda r, a, w, t: evaluate_point(r, a, w.point, on=date(2026, 11, 2))
    ),
    "rules.compliance.evaluate_points": Attack(
        SHOWS, lambda r, a, w, t: evaluate_points(r, a, on=date(2026, 11, 2))
    ),
    # units: boundaries and clusters are the department's
    "units.boundaries.import_boundaries": Attack(
        ACTS,
        lambda r, a, w, t: boundaries.import_boundaries(
            r, a, t / "none.geojson", edition="2025-06", level="commune"
        ),
    ),
    "units.clusters.list_clusters": Attack(
        SHOWS, lambda r, a, w, t: clusters.list_clusters(r, a)
    ),
    "units.clusters.create_cluster": Attack(
        ACTS,
        lambda r, a, w, t: clusters.create_cluster(
            r, a, name="Cụm mới", districts=[w.outside_district]
        ),
    ),
    "units.clusters.update_cluster": Attack(
        ACTS,
        lambda r, a, w, t: clusters.update_cluster(
            r, a, w.cluster, expected_version=w.cluster_version, name="x"
        ),
    ),
    "units.clusters.retire_cluster": Attack(
        ACTS,
        lambda r, a, w, t: clusters.retire_cluster(
            r, a, w.cluster, expected_version=w.cluster_version, reason="x"
        ),
    ),
}


def _move_out(registry, actor, world: ReachWorld):
    """An operator hands its own site to another network; area staff move their
    own point to Nghi Văn."""
    if actor.network_code:
        return places.update_record(
            registry, actor, "site", world.inside_site, {"network_code": "01"}
        )
    lat, lon, _ = commune_centroid(registry, OUTSIDE)
    return places.update_record(
        registry,
        actor,
        "point",
        world.inside_point,
        {"latitude": lat, "longitude": lon, "declared_commune": OUTSIDE},
    )


def _counted_outside(stats) -> list[str]:
    """The caller's counts hold no more than what lies inside."""
    found = []
    if sum(stats.sites_by_operator.values()) > INSIDE_SITES:
        found.append(f"sites {stats.sites_by_operator}")
    if sum(stats.points_by_kind.values()) > INSIDE_POINTS:
        found.append(f"points {stats.points_by_kind}")
    if "Huyện Nghi Lộc" in stats.sites_by_district:
        found.append(f"districts {stats.sites_by_district}")
    return found


def attacks_of(service: str) -> tuple[Attack, ...]:
    """The attacks on one service."""
    found = REACH[service]
    return found if isinstance(found, tuple) else (found,)
