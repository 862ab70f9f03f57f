"""Who sees and who acts: wrong level or area refused, visibility by network and
area, inboxes with overdue steps shown to the level above, documents, and the
matrix version an application keeps."""

from __future__ import annotations

import dataclasses
from datetime import date

import geopandas as gpd
import pytest

from registry.kernel.db import Registry
from registry.kernel.errors import (
    ConflictError,
    PermissionDeniedError,
    ValidationError,
)
from registry.permits.documents import add_documents, get_document
from registry.permits.filing import file_application
from registry.permits.matrix_versions import edit_matrix, matrix_on
from registry.permits.queries import get_application, inbox, list_applications
from registry.permits.steps import (
    approve_application,
    report_incomplete,
    verify_application,
)
from registry.records.by_kind import POINTS
from registry.units.boundaries import import_boundaries
from registry.units.divisions import unit_polygons, units_frame
from tests.factories import commune_centroid, point_values
from tests.permits.support import (
    PDF,
    PNG,
    THREE_LEVEL_DAY,
    TWO_LEVEL_DAY,
    file_on,
    new_game_point,
    new_site,
)


@pytest.fixture
def world(registry, admin, people):
    """People, a Viettel application in Hưng Dũng (three-level era, verified:
    the district of Vinh decides) and a MobiFone one in Nghi Văn (two-level era)."""
    vinh = file_on(
        THREE_LEVEL_DAY, registry, people.viettel, "bts_new", values=new_site(registry)
    ).summary.id
    verify_application(registry, people.commune, vinh, on=THREE_LEVEL_DAY)
    nghi_van = file_on(
        TWO_LEVEL_DAY,
        registry,
        people.mobifone,
        "bts_new",
        values=new_site(registry, "Nghi Văn", network_code="01", site_code="MB-9"),
    ).summary.id
    return people, vinh, nghi_van


def test_a_decision_by_the_wrong_level_or_area_is_refused(registry, world):
    people, vinh, _ = world
    cases = [
        (people.commune, "district level"),  # right area, wrong level
        (people.other_district, "outside their district"),  # right level, wrong area
        (people.department, "district level"),  # the matrix names the district
    ]
    for actor, why in cases:
        with pytest.raises(PermissionDeniedError, match=why):
            approve_application(registry, actor, vinh, number="1", on=THREE_LEVEL_DAY)
    with pytest.raises(PermissionDeniedError, match="role 'operator'"):
        approve_application(registry, people.viettel, vinh, number="1")
    assert get_application(registry, people.district, vinh).summary.state == "deciding"


def test_applicants_and_officers_see_only_their_network_or_area(registry, world):
    people, vinh, nghi_van = world
    seen = {
        name: [s.id for s in list_applications(registry, getattr(people, name))]
        for name in (
            "viettel",
            "mobifone",
            "commune",
            "other_commune",
            "district",
            "other_district",
            "department",
            "new_commune",
            "other_new_commune",
        )
    }
    # Filed before 1/7/2025, Vinh's case is held by the old and the new units;
    # filed since, Nghi Văn's by the 2025-07 commune only, not by Nghi Văn nor by
    # the Nghi Lộc district, which no longer exist.
    assert seen == {
        "viettel": [vinh],
        "mobifone": [nghi_van],
        "commune": [vinh],
        "other_commune": [],
        "district": [vinh],
        "other_district": [],
        "department": [nghi_van, vinh],
        "new_commune": [vinh],
        "other_new_commune": [nghi_van],
    }
    with pytest.raises(PermissionDeniedError, match="not of their network"):
        get_application(registry, people.mobifone, vinh)
    with pytest.raises(PermissionDeniedError):
        list_applications(registry, people.viewer)


def test_inboxes_list_waiting_overdue_filed_and_the_level_below(registry, world):
    people, vinh, nghi_van = world
    late = date(2026, 6, 1)
    district = inbox(registry, people.district, on=THREE_LEVEL_DAY)
    assert [s.id for s in district.waiting] == [vinh] and district.overdue == []
    assert [s.id for s in inbox(registry, people.district, on=late).overdue] == [vinh]
    assert [s.id for s in inbox(registry, people.viettel).filed_by_me] == [vinh]
    # The 2025-07 commune that took Nghi Văn in has not verified MobiFone's
    # application: overdue on the late day in its inbox and the department's; the
    # abolished Nghi Văn and Nghi Lộc hold nothing filed since 1/7/2025.
    new = inbox(registry, people.other_new_commune, on=late)
    assert [s.id for s in new.overdue] == [nghi_van]
    assert inbox(registry, people.other_commune, on=late).overdue == []
    assert inbox(registry, people.other_district, on=late).overdue_below == []
    department = inbox(registry, people.department, on=late)
    assert sorted(s.id for s in department.overdue_below) == sorted([vinh, nghi_van])
    assert inbox(registry, people.district, on=late).overdue_below == []


def test_a_paused_application_is_not_overdue(registry, world):
    people, _, nghi_van = world
    report_incomplete(
        registry,
        people.other_new_commune,
        nghi_van,
        reasons="Thiếu hợp đồng thuê",
        on=TWO_LEVEL_DAY,
    )
    box = inbox(registry, people.other_new_commune, on=date(2026, 6, 1))
    assert box.waiting == [] and box.overdue == []


def test_documents_are_told_by_their_bytes_and_limited_in_size(registry, world):
    people, vinh, _ = world
    added = add_documents(registry, people.viettel, vinh, [("anh.png", PNG)])
    assert added[0].content_type == "image/png"
    info, data = get_document(registry, people.district, vinh, added[0].id)
    assert data == PNG and info.size == len(PNG)
    with pytest.raises(ValidationError, match="whatever its name says"):
        add_documents(registry, people.viettel, vinh, [("ho-so.pdf", b"MZ\x90\x00")])
    small = Registry(
        config=dataclasses.replace(registry.config, max_document_bytes=20),
        engine=registry.engine,
    )
    with pytest.raises(ValidationError, match="at most"):
        add_documents(small, people.viettel, vinh, [("lon.pdf", PDF)])
    with pytest.raises(ValidationError, match="whatever its name says"):
        file_application(
            registry,
            people.viettel,
            "bts_new",
            values=new_site(registry, site_code="NAN-T0002"),
            documents=[("x.pdf", b"not a pdf")],
        )
    assert len(list_applications(registry, people.viettel)) == 1


def test_an_application_keeps_the_matrix_version_it_was_filed_under(registry, world):
    people, _, nghi_van = world
    base = matrix_on(registry, people.department, TWO_LEVEL_DAY)
    rows = [r.as_dict() for r in base.rows]
    for row in rows:
        if row["kind"] == "bts_new":
            row.update(
                decide_level="department", escalate_level=None, escalate_days=None
            )
    edited = edit_matrix(
        registry,
        people.department,
        base.id,
        rows,
        effective_from=date(2026, 1, 1),
        reason="Sở quyết định mọi trạm mới",
    )
    kept = get_application(registry, people.department, nghi_van)
    assert kept.matrix.id == base.id and kept.row.decide_level == "commune"
    verify_application(registry, people.other_new_commune, nghi_van, on=TWO_LEVEL_DAY)
    nghi_van_2025_07 = get_application(registry, people.department, nghi_van)
    assert nghi_van_2025_07.summary.step_level == "commune"
    later = file_on(
        TWO_LEVEL_DAY,
        registry,
        people.viettel,
        "bts_new",
        values=new_site(registry, site_code="NAN-T0003"),
    )
    assert later.matrix.id == edited.id and later.row.decide_level == "department"


def test_game_applications_are_not_shown_to_operators(registry, world):
    people, vinh, _ = world
    game = file_on(
        TWO_LEVEL_DAY,
        registry,
        people.new_commune,
        "game_new",
        values=new_game_point(registry),
    ).summary.id
    assert [s.id for s in list_applications(registry, people.viettel)] == [vinh]
    assert game in [s.id for s in list_applications(registry, people.new_commune)]


def test_a_boundary_import_reassigns_applications_and_who_may_act(
    registry, world, tmp_path
):
    people, vinh, _ = world
    communes = unit_polygons(registry, "2025-06", "commune").copy()
    codes = [commune_centroid(registry, n)[2] for n in ("Hưng Dũng", "Trường Thi")]
    first, second = (communes.index[communes["code"] == c][0] for c in codes)
    geometry = communes.geometry.copy()
    geometry[first], geometry[second] = geometry[second], geometry[first]
    with registry.reading() as session:
        districts = units_frame(session, "2025-06", "district")
    path = tmp_path / "xa.geojson"
    gpd.GeoDataFrame(
        {
            "TEN_XA": communes["name"],
            "TEN_HUYEN": communes["parent_code"].map(
                dict(zip(districts["code"], districts["short_name"], strict=True))
            ),
        },
        geometry=list(geometry),
        crs="EPSG:4326",
    ).to_file(path, driver="GeoJSON")
    import_boundaries(registry, people.admin, path, edition="2025-06", level="commune")
    moved = get_application(registry, people.department, vinh).summary
    assert moved.commune_code == codes[1]
    assert vinh not in [s.id for s in list_applications(registry, people.commune)]


def test_filing_on_another_areas_point_does_not_tell_its_open_application(
    registry, world
):
    people, _, _ = world
    point = POINTS.create(
        registry, people.admin, point_values(registry, "Nghi Văn", name="Nghi Văn")
    )["id"]
    file_application(registry, people.other_new_commune, "game_renewal", point_id=point)
    for actor, why in (
        (people.commune, "outside their commune"),
        (people.district, "outside their district"),
        (people.viettel, "may not file game_renewal applications"),
        # Abolished on 1/7/2025: Nghi Văn and Nghi Lộc no longer hold filings.
        (people.other_commune, "outside their commune"),
        (people.other_district, "outside their district"),
    ):
        with pytest.raises(PermissionDeniedError, match=why) as refused:
            file_application(registry, actor, "game_renewal", point_id=point)
        assert "open application" not in str(refused.value)
    with pytest.raises(ConflictError, match="already has open application"):
        file_application(registry, people.department, "game_renewal", point_id=point)
