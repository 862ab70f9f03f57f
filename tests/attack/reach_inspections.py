"""The reach attacks on the services of inspections (see
tests/attack/services.py)."""

from __future__ import annotations

import argparse
from datetime import date

from registry.cli.inspections import run_inspections
from registry.inspections import checklist, dashboard, edits, plans, queries, review
from registry.inspections import service as inspection_service
from registry.inspections.changes import InspectionChanges
from registry.inspections.odk_import import import_odk_submissions
from registry.inspections.xlsform import inspection_form
from tests.attack.catalogue import (
    ACTS,
    LATER,
    SHOWS,
    Attack,
    _point_row,
    outside_names,
    printed,
)
from tests.attack.reach_world import OUTSIDE
from tests.factories import commune_centroid
from tests.inspections.odk_support import export_zip, submission
from tests.inspections.support import image_bytes

FORM_DAY = date(2026, 11, 2)


def _written(tmp_path, data: bytes):
    path = tmp_path / "submissions.zip"
    path.write_bytes(data)
    return path


def _outside_commune(registry) -> str:
    """Nghi Văn's code (2025-06): the commune outside every bound role's area."""
    return commune_centroid(registry, OUTSIDE)[2]


def _odk_zip(world, actor) -> bytes:
    """A phone's submission, by the caller, inspecting the outside game point."""
    return export_zip(
        [
            submission(
                world.point,
                "game_point",
                FORM_DAY,
                instance=f"uuid:reach-{actor.username}",
                submitter=actor.username,
            )
        ]
    )


def _odk_stored(result, registry, world, actor=None) -> list[str]:
    """A draft made of the outside point, or the point's details in the report."""
    made = [
        f"submission {o.instance_id} {o.status}"
        for o in result.outcomes
        if o.status in ("created", "would_create")
    ]
    return made + outside_names(result)


def _cli_form(registry, tmp_path) -> argparse.Namespace:
    return argparse.Namespace(
        what="form",
        commune=_outside_commune(registry),
        date=FORM_DAY,
        ruleset=None,
        output=tmp_path / "form.xlsx",
    )


REACH_INSPECTIONS: dict[str, Attack | tuple[Attack, ...]] = {
    # inspecting offline: the form of another commune, a phone's submission there
    "inspections.xlsform.inspection_form": Attack(
        ACTS,
        lambda r, a, w, t: inspection_form(
            r, a, commune_code=_outside_commune(r), on=FORM_DAY
        ),
    ),
    "inspections.odk_import.import_odk_submissions": Attack(
        SHOWS,
        lambda r, a, w, t: import_odk_submissions(r, a, _odk_zip(w, a)),
        check=_odk_stored,
    ),
    "cli.inspections.run_inspections": (
        Attack(
            ACTS,
            lambda r, a, w, t: printed(lambda: run_inspections(r, a, _cli_form(r, t))),
        ),
        Attack(
            SHOWS,
            lambda r, a, w, t: printed(
                lambda: run_inspections(
                    r,
                    a,
                    argparse.Namespace(
                        what="import-odk",
                        file=_written(t, _odk_zip(w, a)),
                        dry_run=False,
                    ),
                )
            ),
            check=lambda result, r, w, a=None: (
                [line for line in result.splitlines() if ": created" in line]
                + outside_names(result)
            ),
        ),
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
}
