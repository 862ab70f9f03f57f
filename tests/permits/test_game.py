"""Game-point certificate applications through both presets: new, renewal,
reissue, revocation, recorded by commune or district staff; the rules in force."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from registry.kernel.errors import ConflictError, PermissionDeniedError
from registry.permits.steps import approve_application, verify_application
from registry.records.by_kind import POINTS
from registry.reference.schools import store_schools
from tests.factories import commune_centroid, point_values
from tests.permits.support import (
    OLD_RULES_DAY,
    THREE_LEVEL_DAY,
    TWO_LEVEL_DAY,
    file_on,
    new_game_point,
    verifier,
)

# era -> (filing day, who records it, who decides, issuer of the certificate):
# three different people record, verify (the Hưng Dũng ward, or since 1/7/2025 a
# Thành Vinh officer: support.verifier) and decide.
ERAS = {
    "three_level": (THREE_LEVEL_DAY, "department", "district", "UBND Thành phố Vinh"),
    "two_level": (
        TWO_LEVEL_DAY,
        "department",
        "new_commune",
        "UBND Phường Thành Vinh",
    ),
}


@pytest.mark.parametrize("era", ERAS)
def test_a_new_game_point_gets_its_certificate_for_three_years(
    registry, admin, era, people
):
    day, clerk, decider, issuer = ERAS[era]
    filed = file_on(
        day,
        registry,
        getattr(people, clerk),
        "game_new",
        values=new_game_point(registry),
    )
    assert filed.summary.applicant_name == "Nguyễn Văn An"
    assert (filed.row.verify_level, filed.row.decide_level) == (
        "commune",
        "district" if era == "three_level" else "commune",
    )
    verify_application(registry, verifier(people, day), filed.summary.id, on=day)
    done = approve_application(
        registry, getattr(people, decider), filed.summary.id, number="01/GCN", on=day
    )
    point = POINTS.get(registry, admin, done.summary.point_id)
    assert point["kind"] == "game_point" and point["status"] == "operating"
    assert point["certificate_number"] == "01/GCN"
    assert point["certificate_issuer"] == issuer
    assert point["certificate_issued_on"] == day
    assert point["certificate_expires_on"] == day.replace(year=day.year + 3)


def _certified_point(registry, admin) -> int:
    return POINTS.create(registry, admin, point_values(registry))["id"]


@pytest.mark.parametrize("era", ERAS)
@pytest.mark.parametrize("kind", ["game_renewal", "game_reissue", "game_revocation"])
def test_certificate_changes_are_written_on_approval(
    registry, admin, era, kind, people
):
    day, clerk, decider, _ = ERAS[era]
    point_id = _certified_point(registry, admin)
    values = {"owner_phone": "0912 345 678"} if kind == "game_reissue" else {}
    filed = file_on(
        day, registry, getattr(people, clerk), kind, point_id=point_id, values=values
    )
    if filed.row.verify_level:
        verify_application(registry, verifier(people, day), filed.summary.id, on=day)
    approve_application(
        registry, getattr(people, decider), filed.summary.id, number="02/GCN", on=day
    )
    point = POINTS.get(registry, admin, point_id)
    if kind == "game_renewal":
        # The old certificate ran to 1/3/2027: three more years from then.
        assert point["certificate_expires_on"] == date(2030, 3, 1)
        assert point["certificate_number"] == "02/GCN"
    elif kind == "game_reissue":
        assert point["certificate_number"] == "02/GCN"
        assert point["certificate_expires_on"] == date(2027, 3, 1)
        assert point["owner_phone"] == "0912 345 678"
    else:
        assert point["status"] == "revoked"
        assert point["history"][-1]["status"] == "revoked"


def test_the_school_distance_in_force_on_the_filing_day_is_a_finding(
    registry, admin, people
):
    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    with registry.transaction() as session:
        store_schools(
            session,
            admin,
            pd.DataFrame(
                [
                    {
                        "name": "Trường THCS Hưng Dũng",
                        "level": "lower_secondary",
                        "latitude": lat + 0.001,
                        "longitude": lon,
                        "address": None,
                    }
                ]
            ),
            source="test",
            reason="test",
        )
    old = file_on(
        OLD_RULES_DAY,
        registry,
        people.commune,
        "game_new",
        values=new_game_point(registry),
    )
    school = next(f for f in old.findings if f.check == "school_distance_min")
    assert school.severity == "refuse"
    assert school.facts["school_name"] == "Trường THCS Hưng Dũng"
    assert school.facts["required_m"] == 200
    new = file_on(
        THREE_LEVEL_DAY,
        registry,
        people.commune,
        "game_new",
        values=new_game_point(registry, name="Phòng game Mới"),
    )
    assert not any(f.check == "school_distance_min" for f in new.findings)
    assert any(f.facts.get("ruleset") == "nd147-2024" for f in new.findings)


def test_game_applications_are_recorded_by_staff_of_the_area_only(
    registry, admin, people
):
    # Since 1/7/2025 the old ward (Hưng Dũng) and district (Vinh) are outsiders too.
    outsiders = (
        people.other_commune,
        people.other_district,
        people.viettel,
        people.commune,
        people.district,
    )
    for outsider in outsiders:
        with pytest.raises(PermissionDeniedError):
            file_on(
                TWO_LEVEL_DAY,
                registry,
                outsider,
                "game_new",
                values=new_game_point(registry),
            )


def test_what_approval_could_not_do_is_refused_at_filing(registry, admin, people):
    pending = POINTS.create(
        registry,
        admin,
        point_values(
            registry,
            status="pending",
            certificate_number=None,
            certificate_issuer=None,
            certificate_issued_on=None,
            certificate_expires_on=None,
        ),
    )["id"]
    for kind in ("game_revocation", "game_renewal", "game_reissue"):
        with pytest.raises(ConflictError, match=kind):
            file_on(TWO_LEVEL_DAY, registry, people.new_commune, kind, point_id=pending)
    with pytest.raises(PermissionDeniedError, match="recorded by commune"):
        file_on(
            TWO_LEVEL_DAY,
            registry,
            people.viettel,
            "game_new",
            values=new_game_point(registry),
        )
