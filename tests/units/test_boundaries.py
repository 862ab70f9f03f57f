"""Importing official boundaries: matching, replacing one edition/level, reassigning."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Polygon

from registry.kernel.errors import ValidationError
from registry.records.by_kind import SITES
from registry.units.boundaries import BoundaryImportError, import_boundaries
from registry.units.divisions import unit_polygons, units_frame
from tests.factories import commune_centroid, site_values


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
    assert [label for _, label, _ in report.unmatched_features] == ["Xã Không Có Thật"]
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
