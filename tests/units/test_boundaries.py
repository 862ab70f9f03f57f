"""Importing official boundaries: matching, replacing one edition/level, reassigning."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Polygon

from registry.access.users import find_actor
from registry.kernel.errors import ValidationError
from registry.records.by_kind import SITES
from registry.records.stats import NO_DISTRICT, compute_stats
from registry.units.boundaries import (
    APPLICATION,
    BoundaryImportError,
    import_boundaries,
)
from registry.units.divisions import unit_polygons, units_frame
from tests.conftest import FULL_DEMO, full_demo
from tests.factories import commune_centroid, site_values
from tests.units.support import (
    GONE_BY_2025,
    code_of,
    communes,
    layer_of_2019,
    reshaped,
    shifted_north,
    split_in_two,
    with_bow_tie,
    write_layer,
)


def _official_file(
    registry, tmp_path, *, swap=("Hưng Dũng", "Trường Thi"), crs="EPSG:4326"
):
    """The approximate 2025-06 communes written as an 'official' file by name.

    The polygons of the two communes in ``swap`` are exchanged, so that records
    inside them must be reassigned; one extra feature matches no commune.
    """
    communes = unit_polygons(registry, "2025-06", "commune").copy()
    codes = [commune_centroid(registry, name)[2] for name in swap]
    first, second = (communes.index[communes["code"] == c][0] for c in codes)
    geometry = communes.geometry.copy()
    geometry[first], geometry[second] = geometry[second], geometry[first]
    names = communes["name"].str.upper()  # name matching ignores case
    with registry.reading() as session:
        districts = units_frame(session, "2025-06", "district")
    district_names = communes["parent_code"].map(
        dict(zip(districts["code"], districts["short_name"], strict=True))
    )
    extra = Polygon([(104.0, 19.0), (104.01, 19.0), (104.01, 19.01)])
    frame = gpd.GeoDataFrame(
        {
            "TEN_XA": [*names, "Xã Không Có Thật"],
            "TEN_HUYEN": [*district_names, "Huyện Không Có"],
        },
        geometry=[*geometry, extra],
        crs="EPSG:4326",
    ).to_crs(crs)
    path = tmp_path / "xa.geojson"
    frame.to_file(path, driver="GeoJSON")
    return path


@pytest.mark.parametrize("crs", ["EPSG:4326", "EPSG:3405"])
def test_official_communes_replace_approximate_ones_and_records_are_reassigned(
    registry, admin, tmp_path, crs
):
    site = SITES.create(registry, admin, site_values(registry))
    path = _official_file(registry, tmp_path, crs=crs)
    report = import_boundaries(
        registry, admin, path, edition="2025-06", level="commune"
    )
    assert len(report.matched) == 412
    assert [p.label for p in report.unmatched_features] == ["Xã Không Có Thật"]
    assert report.units_without_polygon == []
    assert report.reassigned == 1
    polygons = unit_polygons(registry, "2025-06", "commune")
    assert set(polygons["boundary_source"]) == {"official"}
    other = unit_polygons(registry, "2025-07", "commune")
    assert set(other["boundary_source"]) == {"approximate"}
    _, _, truong_thi = commune_centroid(registry, "Trường Thi")
    stored = SITES.get(registry, admin, site["id"])
    assert stored["units"]["2025-06"][0] == truong_thi
    assert "Hưng Dũng" in stored["location_flag"]


def test_units_missing_from_the_file_are_listed_and_keep_their_polygon(
    registry, admin, tmp_path
):
    communes = unit_polygons(registry, "2025-06", "commune")
    part = communes.iloc[:10][["code", "geometry"]].rename(columns={"code": "ma_xa"})
    path = tmp_path / "part.gpkg"
    part.to_file(path, driver="GPKG")
    report = import_boundaries(
        registry, admin, path, edition="2025-06", level="commune"
    )
    assert len(report.matched) == 10
    assert len(report.units_without_polygon) == 402
    sources = unit_polygons(registry, "2025-06", "commune")["boundary_source"]
    assert (sources == "official").sum() == 10


def test_records_in_units_missing_from_the_file_keep_their_unit(
    registry, admin, tmp_path
):
    site = SITES.create(registry, admin, site_values(registry))
    _, _, hung_dung = commune_centroid(registry, "Hưng Dũng")
    communes = unit_polygons(registry, "2025-06", "commune")
    others = communes[communes["code"] != hung_dung].iloc[:10]
    part = others[["code", "geometry"]].rename(columns={"code": "ma_xa"})
    path = tmp_path / "part.gpkg"
    part.to_file(path, driver="GPKG")
    report = import_boundaries(
        registry, admin, path, edition="2025-06", level="commune"
    )
    assert len(report.matched) == 10 and report.reassigned == 1
    stored = SITES.get(registry, admin, site["id"])
    assert stored["units"]["2025-06"][0] == hung_dung
    assert not stored["location_flag"]


def test_a_file_that_matches_nothing_changes_nothing(registry, admin, tmp_path):
    frame = gpd.GeoDataFrame(
        {"name": ["Nowhere"]},
        geometry=[Polygon([(104, 19), (104.1, 19), (104.1, 19.1)])],
        crs="EPSG:4326",
    )
    path = tmp_path / "nothing.geojson"
    frame.to_file(path, driver="GeoJSON")
    with pytest.raises(BoundaryImportError, match="codes or names"):
        import_boundaries(registry, admin, path, edition="2025-07", level="commune")
    assert set(unit_polygons(registry, "2025-07", "commune")["boundary_source"]) == {
        "approximate"
    }


def test_a_corrupt_file_is_refused_with_its_name(registry, admin, tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(BoundaryImportError, match="broken.geojson"):
        import_boundaries(registry, admin, path, edition="2025-06", level="commune")


def test_the_2025_07_edition_has_no_district_level(registry, admin, tmp_path):
    with pytest.raises(ValidationError, match="level"):
        import_boundaries(
            registry, admin, tmp_path / "x.geojson", edition="2025-07", level="district"
        )


# -- real-shaped layers ---------------------------------------------------------


@pytest.fixture
def full_demo_world(open_world):
    """A copy of the full-size demo (5,000 sites and the points), on a fixed day."""
    return open_world(FULL_DEMO, full_demo)[0]


def _communes_of(registry, actor, edition):
    sites = SITES.list(registry, actor)
    return sites.set_index("id")[f"commune_{edition.replace('-', '_')}"]


def test_a_one_commune_layer_leaves_every_other_unit_and_record_in_place(
    full_demo_world, tmp_path
):
    registry = full_demo_world
    admin = find_actor(registry, "admin")
    before = _communes_of(registry, admin, "2025-07")
    code = code_of(registry, "2025-07", "Phường Trường Vinh")
    layer = reshaped(communes(registry, "2025-07", [code]))
    path = write_layer(layer, tmp_path / "mot_xa.geojson")
    report = import_boundaries(
        registry, admin, path, edition="2025-07", level="commune"
    )
    assert [m[0] for m in report.matched] == [code]
    assert len(report.kept("approximate")) == 129 and not report.kept("official")
    sites = report.changes_of("site")
    assert sites.records == 5000 and sites.lost == 0 and sites.moved > 0
    assert report.changes_of("point").lost == 0
    assert report.changes_of(APPLICATION).lost == 0
    after = _communes_of(registry, admin, "2025-07")
    assert after.isna().sum() == before.isna().sum() == sites.without_unit == 0
    assert (after != before).sum() == sites.moved
    # Where the official polygon overlaps an approximate neighbour, it holds the site.
    official = layer.geometry.iloc[0]
    stored = SITES.list(registry, admin).set_index("id")
    inside = stored.index[
        shapely.contains_xy(official, stored["longitude"], stored["latitude"])
    ]
    assert len(inside) > 50 and (after[inside] == code).all()
    # A second commune: the first keeps its official polygon, and the report says so.
    other = code_of(registry, "2025-07", "Phường Vinh Phú")
    path = write_layer(communes(registry, "2025-07", [other]), tmp_path / "xa2.gpkg")
    second = import_boundaries(
        registry, admin, path, edition="2025-07", level="commune"
    )
    assert [(u.code, u.source) for u in second.kept("official")] == [(code, "official")]
    assert len(second.kept("approximate")) == 128
    assert second.changes_of("site").lost == 0
    assert "1 official, 128 approximate" in "\n".join(second.lines())


def test_the_2019_layer_matches_communes_within_their_districts(
    registry, admin, tmp_path
):
    path = write_layer(layer_of_2019(registry), tmp_path / "xa_2019.geojson")
    report = import_boundaries(
        registry, admin, path, edition="2025-06", level="commune"
    )
    assert report.columns["district"] == "gso_district_name_2019"
    assert len(report.matched) == 412 and not report.multi_feature
    gone = {p.label: p.problem for p in report.unmatched_features}
    assert gone == {name: "not_in_parent" for name, _ in GONE_BY_2025}
    # Đô Lương's Hồng Sơn got its own feature, not also the one of Vinh's Hồng Sơn.
    hong_son = code_of(registry, "2025-06", "Xã Hồng Sơn")
    layer = layer_of_2019(registry)
    own = layer.geometry[layer["ten_xa"] == "Xã Hồng Sơn"].item()
    stored = unit_polygons(registry, "2025-06", "commune").set_index("code")
    assert stored.loc[hong_son, "geometry"].symmetric_difference(own).area < 1e-9
    assert report.changes_of("site").records == 0


def test_a_commune_layer_imported_as_districts_is_refused(registry, admin, tmp_path):
    path = write_layer(layer_of_2019(registry), tmp_path / "xa_2019.geojson")
    with pytest.raises(BoundaryImportError) as refused:
        import_boundaries(registry, admin, path, edition="2025-06", level="district")
    context = refused.value.context
    assert refused.value.code == "units.layer_of_other_level"
    assert (context["level"], context["other"]) == ("district", "commune")
    assert context["other_hits"] > 300 and context["hits"] == 20
    assert context["grouped"] == 20 and context["field"] == "gso_district_name_2019"
    sources = unit_polygons(registry, "2025-06", "district")["boundary_source"]
    assert set(sources) == {"approximate"}


def test_multi_feature_units_and_units_matched_under_another_name_are_reported(
    registry, admin, tmp_path
):
    layer = communes(registry, "2025-07")
    split = code_of(registry, "2025-07", "Xã Quế Phong")
    renamed = code_of(registry, "2025-07", "Phường Cửa Lò")
    layer.loc[layer["ma_xa"] == renamed, "ten_xa"] = "Phường Nghi Thu"
    path = write_layer(split_in_two(layer, split), tmp_path / "xa.geojson")
    report = import_boundaries(
        registry, admin, path, edition="2025-07", level="commune"
    )
    assert len(report.matched) == 130 and report.features == 131
    assert [(u.code, u.features) for u in report.multi_feature] == [(split, 2)]
    assert [(u.code, u.name, u.feature_name) for u in report.other_names] == [
        (renamed, "Phường Cửa Lò", "Phường Nghi Thu")
    ]
    lines = "\n".join(report.lines())
    assert "built from 2 features" in lines and "possibly partial" in lines


def test_a_layer_moved_one_degree_north_is_refused_with_its_figures(
    registry, admin, tmp_path
):
    site = SITES.create(registry, admin, site_values(registry))
    moved = shifted_north(communes(registry, "2025-07"))
    path = write_layer(moved, tmp_path / "xa_lech.geojson")
    with pytest.raises(BoundaryImportError) as refused:
        import_boundaries(registry, admin, path, edition="2025-07", level="commune")
    context = refused.value.context
    assert refused.value.code == "units.boundary_layer_misplaced"
    assert context["units"] == 130 and context["cover_percent"] < 10
    assert context["outside_percent"] > 50 and 100 < context["shift_km"] < 120
    assert "covers" in str(refused.value) and "xa_lech.geojson" in str(refused.value)
    assert set(unit_polygons(registry, "2025-07", "commune")["boundary_source"]) == {
        "approximate"
    }
    assert SITES.get(registry, admin, site["id"])["units"]["2025-07"][0] is not None


def test_a_bow_tie_that_repair_would_change_is_refused_naming_the_unit(
    registry, admin, tmp_path
):
    ward = code_of(registry, "2025-07", "Phường Thành Vinh")
    layer = with_bow_tie(communes(registry, "2025-07"), ward)
    path = write_layer(layer, tmp_path / "no.geojson")
    with pytest.raises(BoundaryImportError) as refused:
        import_boundaries(registry, admin, path, edition="2025-07", level="commune")
    context = refused.value.context
    assert refused.value.code == "units.boundary_repair_too_large"
    assert context["unit"] == "Phường Thành Vinh" and context["units"] == [
        "Phường Thành Vinh"
    ]
    assert context["after_km2"] > 2 * context["before_km2"] > 0
    assert set(unit_polygons(registry, "2025-07", "commune")["boundary_source"]) == {
        "approximate"
    }


def test_a_small_repair_is_applied_and_listed_with_its_areas(registry, admin, tmp_path):
    commune = code_of(registry, "2025-07", "Xã Tiền Phong")
    layer = with_bow_tie(communes(registry, "2025-07"), commune)
    path = write_layer(layer, tmp_path / "sua.geojson")
    report = import_boundaries(
        registry, admin, path, edition="2025-07", level="commune"
    )
    [repair] = report.repaired
    assert (repair.code, repair.name) == (commune, "Xã Tiền Phong")
    assert "Self-intersection" in repair.action
    assert repair.before_km2 == pytest.approx(repair.after_km2, rel=0.02)
    stored = unit_polygons(registry, "2025-07", "commune").set_index("code")
    assert stored.loc[commune, "geometry"].is_valid
    assert stored.loc[commune, "boundary_source"] == "official"


def test_a_dry_run_reports_the_same_and_writes_nothing(registry, admin, tmp_path):
    site = SITES.create(registry, admin, site_values(registry))
    path = _official_file(registry, tmp_path)
    trial = import_boundaries(
        registry, admin, path, edition="2025-06", level="commune", dry_run=True
    )
    assert trial.dry_run and len(trial.matched) == 412
    assert trial.changes_of("site").moved == 1 and trial.reassigned == 1
    assert set(unit_polygons(registry, "2025-06", "commune")["boundary_source"]) == {
        "approximate"
    }
    _, _, hung_dung = commune_centroid(registry, "Hưng Dũng")
    assert SITES.get(registry, admin, site["id"])["units"]["2025-06"][0] == hung_dung
    done = import_boundaries(registry, admin, path, edition="2025-06", level="commune")
    assert trial.lines()[1:] == done.lines()[1:]
    assert trial.changes == done.changes


def test_records_left_outside_every_unit_are_counted_and_shown_by_stats(
    registry, admin, tmp_path
):
    lat, lon, code = commune_centroid(registry, "Xã Hữu Khuông")
    site = SITES.create(
        registry, admin, site_values(registry, "Hữu Khuông", site_code="HK-1")
    )
    SITES.create(registry, admin, site_values(registry, site_code="HD-1"))
    layer = communes(registry, "2025-06")
    # The official polygon has a 2 km hole where the site stands (a lake, say).
    hole = gpd.GeoSeries([shapely.Point(lon, lat)], crs=4326).to_crs(32648)
    hole = hole.buffer(2000).to_crs(4326).iloc[0]
    row = layer.index[layer["ma_xa"] == code][0]
    layer.loc[row, "geometry"] = layer.geometry[row].difference(hole)
    path = write_layer(layer, tmp_path / "ho.geojson")
    report = import_boundaries(
        registry, admin, path, edition="2025-06", level="commune"
    )
    sites = report.changes_of("site")
    assert (sites.records, sites.moved, sites.lost, sites.without_unit) == (2, 0, 1, 1)
    assert SITES.get(registry, admin, site["id"])["units"]["2025-06"] == (None, None)
    figures = compute_stats(registry, admin)
    assert figures.sites_by_district == {"Thành phố Vinh": 1, NO_DISTRICT: 1}
    assert figures.records_without_unit == {"site": 1, "point": 0}
