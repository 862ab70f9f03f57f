"""The report model: on a small hand-made registry, the figures of Cụm I, of a
district and of a commune equal the ones counted by hand; who may report on what;
the audit entry. SQLite and PostgreSQL."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select

from geodata.crs import UTM48N
from registry.access.permissions import Actor
from registry.access.users import create_user
from registry.inspections.service import (
    add_violation,
    open_inspection,
    record_items,
    submit_inspection,
)
from registry.kernel.errors import PermissionDeniedError
from registry.kernel.models import AuditEntry
from registry.maps.data import data_version
from registry.records.by_kind import POINTS, SITES
from registry.reports.area import ReportInputError
from registry.reports.build import make_report
from registry.units.clusters import DEFAULT_CLUSTER, cluster_units, list_clusters
from registry.units.divisions import unit_polygons
from tests.factories import commune_centroid, district_code, point_values, site_values
from tests.inspections.support import answered
from tests.permits.support import file_on, new_game_point

START, END = date(2026, 1, 1), date(2026, 6, 30)


@dataclass
class World:
    registry: object
    department: Actor
    district: Actor
    clerk: Actor
    cluster_id: int
    hung_dung: str


def _site(registry, admin, commune, **values):
    return SITES.create(registry, admin, site_values(registry, commune, **values))


def _inspection(registry, clerk, point, day, *, violation: bool):
    view = open_inspection(registry, clerk, point, inspected_on=day)
    results = answered(view)
    if violation:
        rule = next(iter(results))
        results[rule] = {"result": "fail"}
    view = record_items(registry, clerk, view["id"], results)
    if violation:
        add_violation(
            registry, clerk, view["id"], rule_id=rule, description="Mở quá giờ"
        )
    return submit_inspection(registry, clerk, view["id"])


@pytest.fixture
def world(registry, admin) -> World:
    """Three sites in Cụm I (two share Hưng Dũng's centroid, one new in the
    period with 5G), one outside (Quế Phong), a game point inspected once in the
    period (one violation) and once before it."""
    _site(registry, admin, "Hưng Dũng", site_code="A", co_located="02")
    _site(
        registry,
        admin,
        "Hưng Dũng",
        network_code="02",
        site_code="B",
        on_air_2g=None,
        on_air_4g="2026-02-01",
        on_air_5g="2026-02-01",
        status_since="2026-02-01",
    )
    _site(
        registry,
        admin,
        "Nghi Văn",
        network_code="01",
        site_code="C",
        on_air_4g=None,
        status_since="2015-05-01",
        on_air_2g="2015-05-01",
    )
    _site(registry, admin, "Tri Lễ", site_code="D")  # Quế Phong: outside Cụm I
    hung_dung = commune_centroid(registry, "Hưng Dũng")[2]
    vinh = district_code(registry, "Vinh")
    users = {
        role: create_user(
            registry,
            admin,
            username=name,
            display_name=f"Người dùng {name}",
            role=role,
            area_edition=edition,
            area_code=code,
        )
        for name, role, edition, code in (
            ("so", "department", None, None),
            ("huyen", "district", "2025-06", vinh),
            ("xa", "commune", "2025-06", hung_dung),
        )
    }
    game = POINTS.create(registry, admin, point_values(registry))["id"]
    _inspection(registry, users["commune"], game, date(2026, 3, 10), violation=True)
    _inspection(registry, users["commune"], game, date(2025, 12, 1), violation=False)
    # Recorded by the department: the 2025-06 ward holds no case filed since
    # 1/7/2025 (the 2025-07 ward does).
    file_on(
        date(2026, 3, 2),
        registry,
        users["department"],
        "game_new",
        values=new_game_point(registry, name="Phòng game Mới"),
    )
    (cluster,) = [
        c for c in list_clusters(registry, admin) if c.name == DEFAULT_CLUSTER
    ]
    return World(
        registry,
        users["department"],
        users["district"],
        users["commune"],
        cluster.id,
        hung_dung,
    )


def _headline(report) -> dict:
    return {item.label: item.value for item in report.headline}


def _metric_area_km2(registry, edition, codes) -> float:
    polygons = unit_polygons(registry, edition, "commune")
    chosen = polygons[polygons["code"].isin(codes)].to_crs(UTM48N)
    return float(chosen.area.sum()) / 1e6


def test_cluster_report_counts_the_sites_of_its_communes_by_hand(world):
    report = make_report(
        world.registry,
        world.department,
        kind="cluster",
        key=str(world.cluster_id),
        start=START,
        end=END,
        edition="2025-06",
    )
    figures = _headline(report)
    assert report.area.name == DEFAULT_CLUSTER
    assert figures["Số xã, phường"] == len(
        cluster_units(world.registry, world.cluster_id, "2025-06")
    )
    assert figures["Trạm BTS đang phát sóng"] == 3
    assert figures["Trạm mới trong kỳ"] == 1
    assert figures["Số nhà mạng có trạm"] == 3
    assert figures["Trạm có 5G"] == 1
    sites = report.table("sites").frame.set_index("Nhà mạng")
    assert sites.loc["Viettel", "Số trạm"] == 1
    assert sites.loc["VinaPhone", "5G"] == 1
    assert sites.loc["MobiFone", "4G"] == 0
    assert sites.loc["Tổng", "Số trạm"] == 3
    assert sites.loc["Tổng", "4G"] == 2
    assert sites.loc["Tổng", "Dùng chung hạ tầng"] == 1
    assert sites.loc["Tổng", "Mới trong kỳ"] == 1


def test_cluster_coverage_share_is_the_disc_over_the_metric_area(world):
    report = make_report(
        world.registry,
        world.department,
        kind="cluster",
        key=str(world.cluster_id),
        start=START,
        end=END,
        edition="2025-06",
    )
    figures = _headline(report)
    area = _metric_area_km2(world.registry, "2025-06", report.area.communes)
    assert figures["Diện tích (km²)"] == pytest.approx(area, rel=1e-3)
    # A and B stand on one spot in a ward: one 1 km 4G disc, counted once.
    assert figures["Diện tích được phủ 4G"] == pytest.approx(
        math.pi * 1.0**2 / area, rel=0.01
    )
    assert figures["Diện tích được phủ 5G"] == pytest.approx(
        math.pi * 0.3**2 / area, rel=0.01
    )
    assert figures["Dân số được phủ 4G"] is None  # no population imported
    coverage = report.table("coverage").frame.set_index("Mã")
    assert coverage.loc[world.hung_dung, "Số trạm"] == 2
    assert coverage.loc[world.hung_dung, "Số nhà mạng"] == 2
    # Every commune without a 4G disc is a gap; Hưng Dũng may or may not be.
    assert figures["Xã thuộc vùng lõm sóng"] >= len(report.area.communes) - 2
    assert report.coverage_map["gap"].sum() == figures["Xã thuộc vùng lõm sóng"]
    assert len(report.sites_map) == 3


def test_inspections_of_the_period_only_are_counted(world):
    report = make_report(
        world.registry,
        world.department,
        kind="commune",
        key=world.hung_dung,
        start=START,
        end=END,
        edition="2025-06",
    )
    figures = _headline(report)
    assert figures["Cuộc kiểm tra trong kỳ"] == 1
    assert figures["Vi phạm ghi nhận trong kỳ"] == 1
    states = report.table("inspections").frame.set_index("Kết quả")
    assert states.loc["Chờ duyệt", "Số cuộc kiểm tra"] == 1
    assert states.loc["Tổng", "Vi phạm ghi nhận"] == 1
    rules = report.table("violations").frame
    assert rules["Không đạt"].sum() == 1


def test_applications_of_the_area_are_listed_with_their_deadlines(world):
    report = make_report(
        world.registry,
        world.department,
        kind="district",
        key=world.district.area_code,
        start=START,
        end=END,
        edition="2025-06",
    )
    figures = _headline(report)
    applications = report.table("applications").frame
    assert list(applications["Người đề nghị"]) == ["Nguyễn Văn An"]
    assert applications["Ngày nộp"].iloc[0] == date(2026, 3, 2)
    due = applications["Hạn xử lý"].iloc[0]
    # Fifteen working days or so after filing: long past by the end of June.
    assert date(2026, 3, 2) < due < END
    assert figures["Hồ sơ cấp phép nộp trong kỳ"] == 1
    assert figures["Hồ sơ quá hạn xử lý"] == 1
    per_district = report.table("permits").frame
    assert list(per_district["Huyện"]) == ["Thành phố Vinh"]
    assert per_district["Hồ sơ nhận"].iloc[0] == 1
    elsewhere = make_report(
        world.registry,
        world.department,
        kind="district",
        key=district_code(world.registry, "Nam Đàn"),
        start=START,
        end=END,
    )
    assert elsewhere.table("applications").frame.empty


def test_a_report_in_2025_07_covers_the_successor_communes(world):
    report = make_report(
        world.registry,
        world.department,
        kind="cluster",
        key=str(world.cluster_id),
        start=START,
        end=END,
        edition="2025-07",
    )
    assert list(report.area.communes) == cluster_units(
        world.registry, world.cluster_id, "2025-07"
    )
    assert _headline(report)["Trạm BTS đang phát sóng"] == 3
    assert any("2025-07" in note for note in report.notes)


def test_making_a_report_is_audited_with_its_area_and_period(world):
    make_report(
        world.registry,
        world.district,
        kind="district",
        key=world.district.area_code,
        start=START,
        end=END,
    )
    with world.registry.reading() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "make_report")
        ).one()
    assert entry.actor == "huyen"
    assert entry.entity_id == f"district:{world.district.area_code}"
    assert "2026-01-01" in entry.after and "2026-06-30" in entry.after


def test_district_staff_report_on_their_own_district_only(world):
    with pytest.raises(PermissionDeniedError):
        make_report(
            world.registry,
            world.district,
            kind="cluster",
            key=str(world.cluster_id),
            start=START,
            end=END,
        )
    other = district_code(world.registry, "Nghi Lộc")
    with pytest.raises(PermissionDeniedError):
        make_report(
            world.registry,
            world.district,
            kind="district",
            key=other,
            start=START,
            end=END,
        )
    own = make_report(
        world.registry,
        world.district,
        kind="commune",
        key=world.hung_dung,
        start=START,
        end=END,
        edition="2025-06",
    )
    assert _headline(own)["Trạm BTS đang phát sóng"] == 2
    with pytest.raises(PermissionDeniedError):
        make_report(
            world.registry,
            world.clerk,
            kind="commune",
            key=world.hung_dung,
            start=START,
            end=END,
            edition="2025-06",
        )


def test_a_period_that_ends_before_it_starts_is_refused(world):
    with pytest.raises(ReportInputError) as raised:
        make_report(
            world.registry,
            world.department,
            kind="commune",
            key=world.hung_dung,
            start=END,
            end=START,
            edition="2025-06",
        )
    assert raised.value.problem == "period"


def test_making_a_report_keeps_the_data_version_so_caches_stay_warm(world):
    before = data_version(world.registry)
    make_report(
        world.registry,
        world.department,
        kind="commune",
        key=world.hung_dung,
        start=START,
        end=END,
        edition="2025-06",
    )
    assert data_version(world.registry) == before


def test_the_report_shows_the_network_over_the_years(world):
    from registry.reports.html import report_html

    report = make_report(
        world.registry,
        world.department,
        kind="cluster",
        key=str(world.cluster_id),
        start=START,
        end=END,
        edition="2025-06",
    )
    years, png = report.network_years
    assert 2 <= len(years) <= 6 and years[-1] == END.year and png[:4] == b"\x89PNG"
    page = report_html(report)
    assert "<h2>Mạng lưới qua các năm</h2>" in page
    assert 'src="data:image/png;base64,' in page
