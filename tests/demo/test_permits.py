"""The demo applications: labelled, in every state, in the demo users' inboxes."""

from __future__ import annotations

from registry.access.users import find_actor
from registry.demo.load import load_demo
from registry.kernel.db import open_registry
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
    ward = inbox(registry, find_actor(registry, "xa.hungdung"), on=DEMO_DAY)
    assert ward.waiting and ward.overdue
    district = inbox(registry, find_actor(registry, "huyen.vinh"), on=DEMO_DAY)
    assert district.overdue_below
    assert inbox(registry, department, on=DEMO_DAY).waiting
    assert len(inbox(registry, find_actor(registry, "viettel")).filed_by_me) >= 3
    registry.engine.dispose()
