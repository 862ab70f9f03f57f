"""Evaluating points against the rule set in force on a day, on both databases."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from pyproj import Transformer

from geodata.crs import UTM48N, WGS84
from registry.access.users import create_user
from registry.kernel.db import open_registry
from registry.kernel.errors import NotFoundError, PermissionDeniedError, ValidationError
from registry.records.by_kind import POINTS
from registry.reference.schools import store_schools
from registry.rules.compliance import NoRuleSetError, evaluate_point, evaluate_points
from tests.conftest import registry_config
from tests.factories import commune_centroid, point_values

OLD_REGIME = date(2024, 12, 24)  # last day of Decree 72/2013 as amended in 2018
NEW_REGIME = date(2024, 12, 25)  # first day of Decree 147/2024
TO_METRIC = Transformer.from_crs(WGS84, UTM48N, always_xy=True)
TO_WGS84 = Transformer.from_crs(UTM48N, WGS84, always_xy=True)


def _results(registry, actor, point_id, on):
    ruleset, results = evaluate_point(registry, actor, point_id, on=on)
    return ruleset, {result.rule_id: result for result in results}


def _game_point(registry, admin, commune="Hưng Dũng", **overrides):
    return POINTS.create(registry, admin, point_values(registry, commune, **overrides))


def _school_at(registry, admin, lat, lon, east_m, name="Trường THCS Thử"):
    """Store a school ``east_m`` metres east of (lat, lon), measured in UTM 48N."""
    x, y = TO_METRIC.transform(lon, lat)
    school_lon, school_lat = TO_WGS84.transform(x + east_m, y)
    schools = pd.DataFrame(
        [(name, "lower_secondary", school_lat, school_lon, None)],
        columns=["name", "level", "latitude", "longitude", "address"],
    )
    with registry.transaction() as session:
        store_schools(session, admin, schools, source="test", reason="test")


# -- school distance (Decree 72/2013 as amended) --------------------------------


@pytest.mark.parametrize(
    ("metres", "outcome"), [(150.0, "fail"), (199.0, "fail"), (200.0, "pass")]
)
def test_a_game_point_within_200_m_of_a_school_fails_under_the_old_regime(
    registry, admin, metres, outcome
):
    point = _game_point(registry, admin)
    _school_at(registry, admin, point["latitude"], point["longitude"], metres)
    ruleset, results = _results(registry, admin, point["id"], OLD_REGIME)
    result = results["game.school_distance"]
    assert ruleset.key == "nd72-2013-nd27-2018"
    assert result.outcome == outcome
    assert result.facts["school_name"] == "Trường THCS Thử"
    assert result.facts["distance_m"] == pytest.approx(metres, abs=0.01)
    assert result.facts["distance_kind"] == "straight_line"
    assert "Trường THCS Thử" in result.detail_vi and "đường thẳng" in result.detail_vi
    assert "lower bound of the road distance" in result.detail_en
    assert f"{metres:.1f} m" in result.detail_en


def test_the_school_distance_rule_is_gone_from_25_december_2024(registry, admin):
    point = _game_point(registry, admin)
    _school_at(registry, admin, point["latitude"], point["longitude"], 150)
    ruleset, results = _results(registry, admin, point["id"], NEW_REGIME)
    assert ruleset.key == "nd147-2024"
    assert "game.school_distance" not in results
    assert "game.floor_area" not in results


def test_without_any_school_the_distance_is_left_to_the_inspector(registry, admin):
    point = _game_point(registry, admin)
    _, results = _results(registry, admin, point["id"], OLD_REGIME)
    assert results["game.school_distance"].outcome == "manual"


def test_the_nearest_of_several_schools_is_named(registry, admin):
    point = _game_point(registry, admin)
    lat, lon = point["latitude"], point["longitude"]
    _school_at(registry, admin, lat, lon, 900, name="Trường THPT Xa")
    _school_at(registry, admin, lat, lon, -180, name="Trường Tiểu học Gần")
    _, results = _results(registry, admin, point["id"], OLD_REGIME)
    assert results["game.school_distance"].facts["school_name"] == "Trường Tiểu học Gần"


# -- opening hours -------------------------------------------------------------


@pytest.mark.parametrize("day", [OLD_REGIME, NEW_REGIME])
@pytest.mark.parametrize(
    ("opens", "closes", "outcome"),
    [
        ("08:00", "21:59", "pass"),
        ("08:00", "22:00", "pass"),
        ("08:00", "22:01", "fail"),
        ("07:59", "21:00", "fail"),
        ("08:00", "00:00", "fail"),  # closes at midnight: open past 22:00
        ("20:00", "02:00", "fail"),  # overnight
    ],
)
def test_game_points_may_open_only_from_8_to_22(
    registry, admin, day, opens, closes, outcome
):
    point = _game_point(registry, admin, opens_at=opens, closes_at=closes)
    _, results = _results(registry, admin, point["id"], day)
    assert results["game.hours"].outcome == outcome
    assert results["game.hours"].facts["allowed"] == "08:00–22:00"


def test_a_late_closing_time_is_named_in_the_detail(registry, admin):
    point = _game_point(registry, admin, closes_at="22:01")
    _, results = _results(registry, admin, point["id"], NEW_REGIME)
    assert "22:01" in results["game.hours"].detail_vi
    assert "closes at 22:01, after 22:00" in results["game.hours"].detail_en


def test_hours_not_recorded_are_left_to_the_inspector(registry, admin):
    point = _game_point(registry, admin, opens_at=None, closes_at=None)
    _, results = _results(registry, admin, point["id"], NEW_REGIME)
    assert results["game.hours"].outcome == "manual"


@pytest.mark.parametrize(
    ("opens", "closes", "outcome"),
    [
        ("06:00", "23:00", "pass"),
        ("05:59", "22:00", "fail"),
        ("07:00", "23:01", "fail"),
    ],
)
def test_internet_agents_keep_the_hours_of_the_default_setting(
    registry, admin, opens, closes, outcome
):
    point = _game_point(
        registry,
        admin,
        kind="internet_agent",
        opens_at=opens,
        closes_at=closes,
        certificate_number=None,
        certificate_issuer=None,
        certificate_issued_on=None,
        certificate_expires_on=None,
    )
    _, results = _results(registry, admin, point["id"], NEW_REGIME)
    assert results["internet.hours"].outcome == outcome
    assert results["internet.hours"].facts["allowed_from"] == "REGISTRY_INTERNET_HOURS"
    assert "game.hours" not in results


def test_internet_hours_follow_the_province_setting(registry, admin, database_url):
    point = _game_point(
        registry, admin, kind="isp_point", opens_at="06:30", closes_at="21:00"
    )
    strict = open_registry(
        registry_config(
            {
                "REGISTRY_DATABASE_URL": database_url,
                "REGISTRY_INTERNET_HOURS": "07:00-22:00",
            }
        )
    )
    try:
        _, results = _results(strict, admin, point["id"], NEW_REGIME)
    finally:
        strict.engine.dispose()
    assert results["internet.hours"].outcome == "fail"
    assert results["internet.hours"].facts["allowed"] == "07:00–22:00"
    _, results = _results(registry, admin, point["id"], NEW_REGIME)
    assert results["internet.hours"].outcome == "pass"


# -- certificates --------------------------------------------------------------


@pytest.mark.parametrize(
    ("issued", "expires", "day", "outcome"),
    [
        ("2021-12-24", "2024-12-24", OLD_REGIME, "pass"),  # expires that very day
        ("2021-12-23", "2024-12-23", OLD_REGIME, "fail"),  # expired the day before
        ("2024-03-01", "2027-03-01", date(2027, 3, 1), "pass"),
        ("2024-03-01", "2027-03-01", date(2027, 3, 2), "fail"),
        ("2024-03-01", None, date(2027, 3, 1), "pass"),  # 3 years from issue
        ("2024-03-01", None, date(2027, 3, 2), "fail"),
    ],
)
def test_a_certificate_expiring_today_is_still_valid_today(
    registry, admin, issued, expires, day, outcome
):
    point = _game_point(
        registry,
        admin,
        certificate_issued_on=issued,
        certificate_expires_on=expires,
        status_since=issued,
    )
    _, results = _results(registry, admin, point["id"], day)
    result = results["game.certificate"]
    assert result.outcome == outcome
    assert result.facts["expiry_derived"] is (expires is None)
    if outcome == "pass":
        assert result.facts["days_left"] >= 0


def test_a_game_point_without_certificate_fails_and_a_pending_one_is_exempt(
    registry, admin
):
    operating = _game_point(
        registry,
        admin,
        certificate_number=None,
        certificate_issuer=None,
        certificate_issued_on=None,
        certificate_expires_on=None,
    )
    pending = _game_point(
        registry,
        admin,
        name="Phòng game chờ cấp phép",
        status="pending",
        certificate_number=None,
        certificate_issuer=None,
        certificate_issued_on=None,
        certificate_expires_on=None,
    )
    _, results = _results(registry, admin, operating["id"], NEW_REGIME)
    assert results["game.certificate"].outcome == "fail"
    _, results = _results(registry, admin, pending["id"], NEW_REGIME)
    assert results["game.certificate"].outcome == "not_applicable"
    assert results["game.hours"].outcome == "pass"


def test_a_revoked_certificate_fails(registry, admin):
    point = _game_point(registry, admin)
    POINTS.change_status(
        registry, admin, point["id"], "revoked", reason="vi phạm giờ mở cửa"
    )
    _, results = _results(registry, admin, point["id"], NEW_REGIME)
    assert results["game.certificate"].outcome == "fail"
    assert "revoked" in results["game.certificate"].detail_en


def test_a_certificate_issued_after_the_day_asked_about_needs_a_person(registry, admin):
    point = _game_point(registry, admin, certificate_issued_on="2025-03-01")
    _, results = _results(registry, admin, point["id"], OLD_REGIME)
    assert results["game.certificate"].outcome == "manual"


# -- machine-room area by urban class -------------------------------------------


@pytest.mark.parametrize(
    ("commune", "area", "outcome", "urban_class"),
    [
        ("Hưng Dũng", 49.9, "fail", "I"),  # a ward of Vinh, class I
        ("Hưng Dũng", 50, "pass", "I"),
        ("Hòa Hiếu", 39.9, "fail", "IV"),  # a ward of Thái Hòa town
        ("Hòa Hiếu", 40, "pass", "IV"),
        ("Quán Hành", 40, "pass", "V"),  # a township (thị trấn)
        ("Nghi Long", 29.9, "fail", "other"),  # a rural commune
        ("Nghi Long", 30, "pass", "other"),
    ],
)
def test_the_machine_room_area_minimum_depends_on_the_urban_class(
    registry, admin, commune, area, outcome, urban_class
):
    point = _game_point(registry, admin, commune, floor_area_m2=area)
    _, results = _results(registry, admin, point["id"], OLD_REGIME)
    result = results["game.floor_area"]
    assert result.outcome == outcome
    assert result.facts["urban_class"] == urban_class
    assert result.facts["urban_class_source"]


def test_an_area_not_recorded_is_left_to_the_inspector(registry, admin):
    point = _game_point(registry, admin, floor_area_m2=None)
    _, results = _results(registry, admin, point["id"], OLD_REGIME)
    assert results["game.floor_area"].outcome == "manual"
    assert "50 m²" in results["game.floor_area"].detail_vi


# -- the whole checklist -------------------------------------------------------


def test_checks_made_on_site_come_back_manual_and_others_are_decided(registry, admin):
    point = _game_point(registry, admin)
    ruleset, results = evaluate_point(registry, admin, point["id"], on=NEW_REGIME)
    assert [r.rule_id for r in results] == [
        r.id for r in ruleset.rules_for("game_point")
    ]
    for result in results:
        rule = ruleset.rule(result.rule_id)
        assert result.outcome in ("pass", "fail", "not_applicable", "manual")
        assert result.detail_vi and result.detail_en
        if not rule.automatic:
            assert result.outcome == "manual"
    assert {r.rule_id: r.outcome for r in results}["game.business_registration"] == (
        "manual"  # the factory's point has no business registration number
    )


def test_a_venue_gets_only_the_checklist_of_venues(registry, admin):
    point = _game_point(
        registry,
        admin,
        kind="venue",
        certificate_number=None,
        certificate_issuer=None,
        certificate_issued_on=None,
        certificate_expires_on=None,
    )
    _, results = _results(registry, admin, point["id"], NEW_REGIME)
    assert set(results) == {"internet.rules_posted"}


def test_closed_and_retired_points_are_not_applicable(registry, admin):
    closed = _game_point(registry, admin)
    POINTS.change_status(registry, admin, closed["id"], "closed", reason="đóng cửa")
    retired = _game_point(registry, admin, name="Phòng game rút khỏi sổ")
    POINTS.retire(registry, admin, retired["id"], reason="nhập trùng")
    for point in (closed, retired):
        _, results = _results(registry, admin, point["id"], NEW_REGIME)
        assert {r.outcome for r in results.values()} == {"not_applicable"}


# -- who may ask, and bad questions --------------------------------------------


@pytest.fixture
def clerks(registry, admin):
    """Commune staff of Hưng Dũng and of Lê Lợi, and an operator."""
    made = {}
    for username, commune in (("xa.hungdung", "Hưng Dũng"), ("xa.leloi", "Lê Lợi")):
        made[username] = create_user(
            registry,
            admin,
            username=username,
            display_name=commune,
            role="commune",
            area_edition="2025-06",
            area_code=commune_centroid(registry, commune)[2],
        )
    made["viettel"] = create_user(
        registry,
        admin,
        username="viettel",
        display_name="Viettel",
        role="operator",
        network_code="04",
    )
    return made


def test_commune_staff_may_evaluate_points_of_their_commune_only(
    registry, admin, clerks
):
    point = _game_point(registry, admin)
    ruleset, results = evaluate_point(
        registry, clerks["xa.hungdung"], point["id"], on=NEW_REGIME
    )
    assert results
    with pytest.raises(PermissionDeniedError, match="outside their commune"):
        evaluate_point(registry, clerks["xa.leloi"], point["id"], on=NEW_REGIME)
    with pytest.raises(PermissionDeniedError):
        evaluate_point(registry, clerks["viettel"], point["id"], on=NEW_REGIME)


def test_the_dashboard_table_holds_only_the_points_of_the_actors_area(
    registry, admin, clerks
):
    mine = _game_point(registry, admin)
    other = _game_point(registry, admin, "Lê Lợi", name="Phòng game Lê Lợi")
    everything = evaluate_points(registry, admin, on=OLD_REGIME)
    assert set(everything["point_id"]) == {mine["id"], other["id"]}
    assert everything.attrs == {
        "ruleset": "nd72-2013-nd27-2018",
        "ruleset_version": 1,
    }
    own = evaluate_points(registry, clerks["xa.hungdung"], on=OLD_REGIME)
    assert set(own["point_id"]) == {mine["id"]}
    assert set(own["outcome"]) <= {"pass", "fail", "not_applicable", "manual"}
    single = {r.rule_id: r.outcome for r in evaluate_point(
        registry, admin, mine["id"], on=OLD_REGIME)[1]}  # fmt: skip
    table = own.set_index("rule_id")["outcome"].to_dict()
    assert table == single


def test_the_dashboard_table_speaks_english_when_asked(registry, admin):
    _game_point(registry, admin, closes_at="23:00")
    table = evaluate_points(registry, admin, on=NEW_REGIME, language="en")
    hours = table[table["rule_id"] == "game.hours"].iloc[0]
    assert hours["outcome"] == "fail" and "closes at 23:00" in hours["detail"]
    assert hours["check"] == "hours_within" and hours["automatic"]


def test_viewers_see_outcomes_but_never_the_business_registration_number(
    registry, admin
):
    point = _game_point(registry, admin, business_reg_number="DKKD-0042")
    viewer = create_user(
        registry, admin, username="khach", display_name="Khách", role="viewer"
    )
    table = evaluate_points(registry, viewer, on=NEW_REGIME)
    row = table[table["rule_id"] == "game.business_registration"].iloc[0]
    assert row["point_id"] == point["id"] and row["outcome"] == "pass"
    assert "DKKD-0042" not in table.to_string() and "DKKD-0042" not in str(
        list(table["facts"])
    )


def test_an_unknown_point_a_datetime_and_a_day_before_any_regime_are_refused(
    registry, admin
):
    point = _game_point(registry, admin)
    with pytest.raises(NotFoundError):
        evaluate_point(registry, admin, 99_999, on=NEW_REGIME)
    with pytest.raises(ValidationError):
        evaluate_point(registry, admin, point["id"], on=datetime(2025, 1, 1, 9))
    with pytest.raises(NoRuleSetError):
        evaluate_point(registry, admin, point["id"], on=date(2015, 6, 1))
