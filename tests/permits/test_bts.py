"""BTS applications through both presets: new site, change, relocation,
decommissioning; escalation; refusal; incomplete documents pausing the clock."""

from __future__ import annotations

from datetime import date

import pytest

from registry.kernel.errors import ConflictError, PermissionDeniedError, ValidationError
from registry.permits.filing import file_application
from registry.permits.queries import get_application, inbox, list_applications
from registry.permits.steps import (
    approve_application,
    escalate_application,
    record_completion,
    refuse_application,
    report_incomplete,
    verify_application,
)
from registry.records.by_kind import SITES
from tests.factories import commune_centroid, site_values
from tests.permits.support import (
    PDF,
    REFORM_DAY,
    THREE_LEVEL_DAY,
    TWO_LEVEL_DAY,
    add_user,
    file_on,
    new_site,
    verifier,
)

# era -> (filing day, who decides what the district decided before 1/7/2025)
ERAS = {
    "three_level": (THREE_LEVEL_DAY, "district"),
    "two_level": (TWO_LEVEL_DAY, "new_commune"),
}


@pytest.mark.parametrize("era", ERAS)
def test_a_new_site_is_verified_by_the_commune_and_approved_with_its_permit(
    registry, admin, era, people
):
    day, decider = ERAS[era]
    filed = file_on(
        day,
        registry,
        people.viettel,
        "bts_new",
        values=new_site(registry),
        documents=[("ho-so.pdf", PDF)],
    )
    assert filed.matrix.preset == era
    assert (filed.summary.state, filed.summary.step_level) == ("verifying", "commune")
    assert [d.content_type for d in filed.documents] == ["application/pdf"]
    visit = date.fromordinal(day.toordinal() + 1)
    verified = verify_application(
        registry,
        verifier(people, day),
        filed.summary.id,
        site_visit_on=visit,
        neighbours_opinion="Các hộ liền kề đồng ý",
        on=visit,
    )
    assert verified.summary.state == "deciding"
    assert verified.summary.step_level == verified.row.decide_level
    assert (
        "approve"
        in get_application(registry, getattr(people, decider), filed.summary.id).actions
    )
    approved = approve_application(
        registry,
        getattr(people, decider),
        filed.summary.id,
        number="123/GP-STTTT",
        conditions="Gắn biển cảnh báo",
        on=visit,
    )
    assert approved.summary.state == "approved"
    site = SITES.get(registry, admin, approved.summary.site_id)
    assert (site["permit_number"], site["permit_date"]) == ("123/GP-STTTT", visit)
    assert site["status"] == "licensed" and site["site_code"] == "NAN-T0001"
    assert site["units"]["2025-06"][0] == commune_centroid(registry, "Hưng Dũng")[2]
    actions = [entry["action"] for entry in approved.audit]
    assert actions == ["file", "verify", "approve"]
    assert [s.outcome for s in approved.steps] == ["verified", "approved"]


def _existing_site(registry, admin):
    return SITES.create(
        registry, admin, site_values(registry, site_code="NAN-E0001", status="on_air")
    )["id"]


@pytest.mark.parametrize("era", ERAS)
@pytest.mark.parametrize(
    ("kind", "values"),
    [
        ("bts_change", {"structure_height_m": 45, "name": "Trạm nâng cột"}),
        ("bts_relocation", "Hưng Bình"),
        ("bts_decommission", {}),
    ],
)
def test_changes_to_an_existing_site_are_written_on_approval(
    registry, admin, era, kind, values, people
):
    day, decider = ERAS[era]
    site_id = _existing_site(registry, admin)
    if isinstance(values, str):
        lat, lon, code = commune_centroid(registry, values)
        values = {"latitude": lat, "longitude": lon, "declared_commune": values}
    filed = file_on(day, registry, people.viettel, kind, site_id=site_id, values=values)
    if kind == "bts_relocation":
        # The new position lies in Hưng Bình, still in Vinh: its commune verifies.
        assert filed.summary.commune_code == code
        with pytest.raises(PermissionDeniedError, match="outside their commune"):
            verify_application(registry, people.commune, filed.summary.id, on=day)
        # Filed since 1/7/2025: the 2025-07 commune Hưng Bình went into holds it.
        edition = "2025-06" if day < REFORM_DAY else "2025-07"
        area = code if edition == "2025-06" else filed.summary.commune_code_new
        hung_binh = add_user(registry, admin, "xa.hb", "commune", edition, area)
        verify_application(registry, hung_binh, filed.summary.id, on=day)
    else:
        verify_application(registry, verifier(people, day), filed.summary.id, on=day)
    approve_application(
        registry, getattr(people, decider), filed.summary.id, number="9/GP", on=day
    )
    site = SITES.get(registry, admin, site_id)
    if kind == "bts_change":
        assert (site["structure_height_m"], site["name"]) == (45, "Trạm nâng cột")
        assert site["permit_number"] == "9/GP"
    elif kind == "bts_relocation":
        assert site["units"]["2025-06"][0] == code
        assert (site["latitude"], site["longitude"]) == (
            values["latitude"],
            values["longitude"],
        )
    else:
        assert site["status"] == "decommissioned"
        assert site["history"][-1]["status"] == "decommissioned"


def test_incomplete_documents_pause_the_deadline_across_tet(registry, admin, people):
    filed = file_on(
        TWO_LEVEL_DAY, registry, people.viettel, "bts_new", values=new_site(registry)
    )
    # 5 working days from Tuesday 10/2/2026, Tết (16–20/2) not counted.
    assert filed.summary.due_on == date(2026, 2, 24)
    paused = report_incomplete(
        registry,
        people.new_commune,
        filed.summary.id,
        reasons="Thiếu bản vẽ kết cấu",
        on=date(2026, 2, 11),
    )
    assert paused.summary.state == "incomplete" and paused.summary.paused
    assert "complete" in paused.actions and "verify" not in paused.actions
    assert [s.id for s in inbox(registry, people.viettel).waiting] == [filed.summary.id]
    assert inbox(registry, people.new_commune, on=date(2026, 6, 1)).waiting == []
    with pytest.raises(ConflictError, match="missing documents"):
        verify_application(
            registry, people.new_commune, filed.summary.id, on=date(2026, 2, 12)
        )
    resumed = record_completion(
        registry,
        people.viettel,
        filed.summary.id,
        note="Đã nộp bản vẽ",
        documents=[("ban-ve.pdf", PDF)],
        on=date(2026, 3, 2),
    )
    # Paused 8 working days (12, 13, 23–27/2, 2/3): due 6/3/2026.
    assert resumed.summary.due_on == date(2026, 3, 6)
    assert resumed.steps[0].paused_days == 8
    assert resumed.pauses[0].resumed_on == date(2026, 3, 2)
    assert [d.filename for d in resumed.documents] == [
        f"ho-so-{filed.summary.id}-tai-lieu-1.pdf"
    ]
    assert [e["action"] for e in resumed.audit] == ["file", "incomplete", "complete"]


def test_the_decider_refers_the_case_to_the_department(registry, admin, people):
    filed = file_on(
        THREE_LEVEL_DAY, registry, people.viettel, "bts_new", values=new_site(registry)
    )
    verify_application(registry, people.commune, filed.summary.id, on=THREE_LEVEL_DAY)
    referred = escalate_application(
        registry,
        people.district,
        filed.summary.id,
        reason="Gần khu di tích, cần Sở xem xét",
        on=THREE_LEVEL_DAY,
    )
    assert (referred.summary.step_level, referred.summary.state) == (
        "department",
        "deciding",
    )
    # 10 working days for the department from Monday 10/3/2025.
    assert referred.summary.due_on == date(2025, 3, 24)
    with pytest.raises(PermissionDeniedError, match="department"):
        approve_application(registry, people.district, filed.summary.id, number="1")
    assert (
        "escalate"
        not in get_application(registry, people.department, filed.summary.id).actions
    )
    done = approve_application(
        registry,
        people.department,
        filed.summary.id,
        number="5/GP-STTTT",
        on=THREE_LEVEL_DAY,
    )
    assert [s.level for s in done.steps] == ["commune", "district", "department"]
    assert [s.outcome for s in done.steps] == ["verified", "escalated", "approved"]


def test_a_refusal_keeps_the_registry_unchanged(registry, admin, people):
    filed = file_on(
        TWO_LEVEL_DAY, registry, people.viettel, "bts_new", values=new_site(registry)
    )
    verify_application(registry, people.new_clerk, filed.summary.id, on=TWO_LEVEL_DAY)
    refused = refuse_application(
        registry,
        people.new_commune,
        filed.summary.id,
        reasons="Vị trí nằm trong hành lang an toàn lưới điện",
        on=TWO_LEVEL_DAY,
    )
    assert refused.summary.state == "refused" and refused.summary.site_id is None
    assert refused.refusal_reasons.startswith("Vị trí")
    assert refused.actions == ()
    with pytest.raises(ConflictError, match="nothing is left to do"):
        approve_application(registry, people.new_commune, filed.summary.id, number="1")


def test_a_high_tower_goes_to_the_department_and_sharing_is_proposed(
    registry, admin, people
):
    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    SITES.create(
        registry,
        admin,
        site_values(
            registry,
            network_code="01",
            site_code="MB-1",
            latitude=lat + 0.001,
            longitude=lon,
        ),
    )
    filed = file_on(
        TWO_LEVEL_DAY,
        registry,
        people.viettel,
        "bts_new",
        values=new_site(registry, structure_height_m=60),
    )
    assert filed.summary.case == "high_or_protected"
    assert filed.row.decide_level == "department"
    # The filer (Viettel) reads MobiFone's site by technology and distance only.
    nearby = next(f for f in filed.findings if f.check == "nearby_sites")
    assert nearby.severity == "warning"
    assert [set(s) for s in nearby.facts["sites"]] == [
        {"technologies", "distance_m", "same_operator"}
    ]
    assert 100 < nearby.facts["sites"][0]["distance_m"] < 120
    assert "MobiFone" not in nearby.message_vi and "MB-1" not in nearby.message_vi
    assert "doanh nghiệp khác" in nearby.message_vi
    # The department, which decides, reads it whole.
    seen = get_application(registry, people.department, filed.summary.id)
    nearby = next(f for f in seen.findings if f.check == "nearby_sites")
    assert [s["site_code"] for s in nearby.facts["sites"]] == ["MB-1"]
    assert "MobiFone" in nearby.message_vi


def test_bad_filings_are_refused_naming_the_field_and_nothing_is_written(
    registry, admin, people
):
    site_id = _existing_site(registry, admin)
    refused = [
        # Hà Nội: outside the province.
        (
            ValidationError,
            "latitude|longitude",
            dict(
                kind="bts_new",
                values=new_site(registry, latitude=21.03, longitude=105.85),
            ),
        ),
        (
            PermissionDeniedError,
            "network",
            dict(kind="bts_new", values=new_site(registry, network_code="01")),
        ),
        (
            ValidationError,
            "status",
            dict(kind="bts_new", values={**new_site(registry), "status": "on_air"}),
        ),
        (
            ValidationError,
            "relocation",
            dict(kind="bts_change", site_id=site_id, values={"latitude": 18.7}),
        ),
        (
            ValidationError,
            "at least one change",
            dict(kind="bts_change", site_id=site_id, values={"structure_height_m": 42}),
        ),
        (ValidationError, "kind", dict(kind="bts_rebuild", values={})),
    ]
    for error, named, arguments in refused:
        kind = arguments.pop("kind")
        with pytest.raises(error, match=named):
            file_on(TWO_LEVEL_DAY, registry, people.viettel, kind, **arguments)
    with pytest.raises(PermissionDeniedError, match="filed by operators"):
        file_application(
            registry, people.district, "bts_new", values=new_site(registry)
        )
    assert list_applications(registry, admin) == []


def test_in_the_two_level_era_the_commune_refers_a_case_to_the_department(
    registry, admin, people
):
    filed = file_on(
        TWO_LEVEL_DAY, registry, people.viettel, "bts_new", values=new_site(registry)
    ).summary.id
    verify_application(registry, people.new_clerk, filed, on=TWO_LEVEL_DAY)
    # The Vinh district, abolished on 1/7/2025, holds nothing filed since.
    with pytest.raises(PermissionDeniedError, match="outside their district"):
        escalate_application(registry, people.district, filed, reason="x")
    referred = escalate_application(
        registry,
        people.new_commune,
        filed,
        reason="Vượt khả năng thẩm định",
        on=TWO_LEVEL_DAY,
    )
    assert referred.summary.step_level == "department"
    # 10 working days from Tuesday 10/2/2026, Tết (16–20/2) not counted.
    assert referred.summary.due_on == date(2026, 3, 3)
    assert "approve" in get_application(registry, people.admin, filed).actions
