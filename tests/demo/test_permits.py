"""The demo applications: labelled, in every state, in the demo users' inboxes."""

from __future__ import annotations

from registry.access.users import find_actor
from registry.demo.load import load_demo
from registry.kernel.db import open_registry
from registry.kernel.errors import RegistryError
from registry.permits.queries import get_application, inbox, list_applications
from tests.conftest import DEMO_DAY, database_url_for, registry_config


def test_the_demo_applications_cover_every_state_and_inbox(templates):
    registry = open_registry(
        registry_config(
            {"REGISTRY_DATABASE_URL": database_url_for("sqlite", templates)}
        )
    )
    load_demo(registry, find_actor(registry, "admin"), sites=300, today=DEMO_DAY)
    department = find_actor(registry, "so.tttt")
    listed = list_applications(registry, department, on=DEMO_DAY)
    assert {s.state for s in listed} >= {
        "verifying",
        "deciding",
        "incomplete",
        "refused",
    }
    assert all(
        get_application(registry, department, s.id).audit[0]["reason"]
        == "Hồ sơ mẫu (demo)"
        for s in listed
    )
    assert all("(demo)" in s.applicant_name or s.network_code for s in listed)
    # The open cases were filed after 1/7/2025: the Thành Vinh ward holds them,
    # not the abolished Hưng Dũng ward nor the Vinh district.
    ward = inbox(registry, find_actor(registry, "xa.thanhvinh"), on=DEMO_DAY)
    assert ward.waiting and ward.overdue
    old_ward = inbox(registry, find_actor(registry, "xa.hungdung"), on=DEMO_DAY)
    assert not old_ward.waiting and not old_ward.overdue
    district = inbox(registry, find_actor(registry, "huyen.vinh"), on=DEMO_DAY)
    assert not district.overdue_below
    assert inbox(registry, department, on=DEMO_DAY).overdue_below
    assert inbox(registry, department, on=DEMO_DAY).waiting
    assert len(inbox(registry, find_actor(registry, "viettel")).filed_by_me) >= 3
    registry.engine.dispose()


def _actions(registry, user, application_id) -> tuple[str, ...]:
    """What ``user`` may do with the application (nothing when they may not read
    it)."""
    try:
        return get_application(registry, user, application_id).actions
    except RegistryError:
        return ()


def test_the_demo_applications_keep_four_eyes_and_stay_workable(templates):
    """Nobody in the demo verified what they filed or decided what they filed or
    verified; every open step can be taken by some demo user; each application
    was filed on its own day, by the clock."""
    registry = open_registry(
        registry_config(
            {"REGISTRY_DATABASE_URL": database_url_for("sqlite", templates)}
        )
    )
    load_demo(registry, find_actor(registry, "admin"), sites=300, today=DEMO_DAY)
    department = find_actor(registry, "so.tttt")
    staff = [
        find_actor(registry, name)
        for name in ("so.tttt", "huyen.vinh", "huyen.nghiloc", "xa.hungdung")
    ] + [
        find_actor(registry, name)
        for name in ("xa.truongvinh", "xa.thanhvinh", "admin")
    ]
    listed = list_applications(registry, department, on=DEMO_DAY)
    assert len({s.filed_on for s in listed}) == len(listed)
    for summary in listed:
        view = get_application(registry, department, summary.id)
        verifiers = {s.acted_by for s in view.steps if s.outcome == "verified"}
        for step in view.steps:
            if step.acted_by is None:
                continue
            assert step.acted_by != summary.filed_by, summary.id
            if step.kind == "decide" and step.outcome in ("approved", "refused"):
                assert step.acted_by not in verifiers, summary.id
        if summary.state in ("verifying", "deciding"):
            wanted = "verify" if summary.state == "verifying" else "approve"
            assert any(
                wanted in _actions(registry, user, summary.id) for user in staff
            ), summary.id
    registry.engine.dispose()


def test_the_demo_inboxes_are_mostly_on_time_relative_to_the_demo_day(templates):
    """No application of 2025 is left open (it would be overdue for ever): the
    open ones were filed in the weeks before the demo day, one of them overdue."""
    registry = open_registry(
        registry_config(
            {"REGISTRY_DATABASE_URL": database_url_for("sqlite", templates)}
        )
    )
    load_demo(registry, find_actor(registry, "admin"), sites=300, today=DEMO_DAY)
    department = find_actor(registry, "so.tttt")
    listed = list_applications(registry, department, on=DEMO_DAY)
    still_open = [
        s for s in listed if s.state in ("verifying", "deciding", "incomplete")
    ]
    assert len(still_open) == 3
    assert all((DEMO_DAY - s.filed_on).days <= 30 for s in still_open)
    overdue = [s for s in still_open if s.overdue]
    assert len(overdue) == 1 and len(overdue) < len(still_open)
    registry.engine.dispose()
