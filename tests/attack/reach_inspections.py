"""The reach attacks on the services of inspections (see
tests/attack/services.py)."""

from __future__ import annotations

from datetime import date

from registry.inspections import checklist, dashboard, edits, plans, queries, review
from registry.inspections import service as inspection_service
from registry.inspections.changes import InspectionChanges
from tests.attack.catalogue import (
    ACTS,
    LATER,
    SHOWS,
    Attack,
    _point_row,
)
from tests.inspections.support import image_bytes

REACH_INSPECTIONS: dict[str, Attack | tuple[Attack, ...]] = {
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
