"""Approximate outline and unit polygons derived from the package's centroids."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon

from geodata.adminunits import UNIT_COLUMNS, load_admin_units
from geodata.approximate import APPROXIMATE, approximate_unit_polygons, province_outline
from geodata.crs import UTM48N
from geodata.errors import InvalidInputError, UnknownEditionError, UnknownProvinceError

NGHE_AN = "40"
EDITIONS = ["2025-06", "2025-07"]
OFFICIAL_AREA_KM2 = 16489.49  # sum of the package's 2025-07 commune areas


def metric(geometry) -> object:
    return gpd.GeoSeries([geometry], crs="EPSG:4326").to_crs(UTM48N).iloc[0]


@pytest.fixture(scope="module")
def outline_m():
    """The province outline in UTM 48N metres."""
    return metric(province_outline(NGHE_AN))


@pytest.fixture(scope="module", params=EDITIONS)
def polygons(request) -> gpd.GeoDataFrame:
    return approximate_unit_polygons(NGHE_AN, request.param)


def communes_m(polygons: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return polygons[polygons["level"] == "commune"].to_crs(UTM48N)


def duplicated_centroid(units) -> np.ndarray:
    return units.duplicated(["lat", "lon"], keep=False).to_numpy()


# The outline


def test_outline_is_a_valid_wgs84_polygon_around_nghe_an():
    outline = province_outline(NGHE_AN)
    assert isinstance(outline, Polygon) and outline.is_valid
    min_lon, min_lat, max_lon, max_lat = outline.bounds
    assert 103.5 < min_lon < max_lon < 106.2
    assert 18.3 < min_lat < max_lat < 20.3


@pytest.mark.parametrize("edition", EDITIONS)
def test_outline_contains_every_centroid_of_both_editions(edition):
    outline = province_outline(NGHE_AN)
    units = load_admin_units(NGHE_AN, edition)
    assert shapely.contains_xy(outline, units["lon"], units["lat"]).all()


def test_outline_area_is_within_ten_percent_above_the_official_area(outline_m):
    area_km2 = outline_m.area / 1e6
    assert OFFICIAL_AREA_KM2 < area_km2 < OFFICIAL_AREA_KM2 * 1.10


def test_an_unmerged_province_has_one_outline_for_both_editions():
    both = province_outline(NGHE_AN)
    for edition in EDITIONS:
        assert province_outline(NGHE_AN, edition=edition).equals_exact(both, 1e-9)


def test_outline_of_an_unknown_province_is_refused():
    with pytest.raises(UnknownProvinceError):
        province_outline("99")
    with pytest.raises(InvalidInputError):
        province_outline(40)


# Unit polygons


def test_every_unit_gets_a_non_empty_valid_polygon(polygons):
    edition = polygons["edition"].iloc[0]
    assert len(polygons) == {"2025-06": 432, "2025-07": 130}[edition]
    assert polygons.crs == "EPSG:4326"
    assert not polygons.geometry.isna().any()
    assert not polygons.geometry.is_empty.any()
    assert polygons.geometry.is_valid.all()
    assert set(polygons.geom_type) <= {"Polygon", "MultiPolygon"}


def test_columns_are_the_unit_columns_plus_official_area_source_and_geometry(polygons):
    assert list(polygons.columns) == [
        *UNIT_COLUMNS,
        "official_area_km2",
        "boundary_source",
        "geometry",
    ]
    assert (polygons["boundary_source"] == APPROXIMATE).all()


def test_rows_are_the_units_in_the_same_order(polygons):
    edition = polygons["edition"].iloc[0]
    units = load_admin_units(NGHE_AN, edition)
    assert polygons["code"].tolist() == units["code"].tolist()
    assert polygons["name"].tolist() == units["name"].tolist()


def test_communes_tile_the_outline_within_a_tenth_of_a_percent(polygons, outline_m):
    total = communes_m(polygons).area.sum()
    assert total == pytest.approx(outline_m.area, rel=1e-3)
    union = shapely.union_all(communes_m(polygons).geometry.values)
    assert shapely.symmetric_difference(union, outline_m).area < 1e-3 * outline_m.area


def test_communes_do_not_overlap(polygons):
    cells = communes_m(polygons).geometry.values
    left, right = shapely.STRtree(cells).query(cells, predicate="intersects")
    pairs = left < right
    overlap = shapely.area(
        shapely.intersection(cells[left[pairs]], cells[right[pairs]])
    )
    assert pairs.sum() > len(cells)  # neighbours touch...
    assert overlap.sum() < 1.0  # ...but share less than 1 m² in all


def test_every_commune_centroid_lies_in_its_own_cell(polygons):
    communes = communes_m(polygons)
    units = polygons[polygons["level"] == "commune"]
    points = gpd.GeoSeries.from_xy(units["lon"], units["lat"], crs="EPSG:4326")
    points = points.to_crs(UTM48N).values
    cells = communes.geometry.values
    shared = duplicated_centroid(units)
    assert shapely.within(points[~shared], cells[~shared]).all()
    # Coinciding centroids were spread around their place, which stays on the edge
    # of each of their cells.
    assert (shapely.distance(points[shared], cells[shared]) < 1.0).all()


def test_package_centroids_that_coincide_still_get_separate_cells():
    polygons = approximate_unit_polygons(NGHE_AN, "2025-06")
    communes = polygons[polygons["level"] == "commune"]
    shared = communes[duplicated_centroid(communes)]
    assert len(shared) >= 2  # the package has such centroids (e.g. Nghi Văn, Nghi Vạn)
    cells = shared.to_crs(UTM48N).geometry.values
    assert (shapely.area(cells) > 1000).all()
    for a in range(len(cells)):
        for b in range(a + 1, len(cells)):
            assert shapely.intersection(cells[a], cells[b]).area < 1.0


def test_districts_are_the_union_of_their_communes():
    polygons = approximate_unit_polygons(NGHE_AN, "2025-06").to_crs(UTM48N)
    communes = polygons[polygons["level"] == "commune"]
    for _, district in polygons[polygons["level"] == "district"].iterrows():
        members = communes[communes["parent_code"] == district["code"]]
        assert district.geometry.area == pytest.approx(members.area.sum(), rel=1e-9)
        assert district.geometry.buffer(1).contains(shapely.union_all(members.geometry))


def test_area_is_the_polygon_area_and_official_area_the_package_area(polygons):
    measured = polygons.to_crs(UTM48N).area / 1e6
    assert np.allclose(polygons["area_km2"], measured)
    edition = polygons["edition"].iloc[0]
    official = load_admin_units(NGHE_AN, edition)["area_km2"].to_numpy()
    assert np.array_equal(
        polygons["official_area_km2"].to_numpy(), official, equal_nan=True
    )


def test_polygons_are_a_new_frame_each_call():
    first = approximate_unit_polygons(NGHE_AN, "2025-07")
    first.loc[0, "name"] = "changed"
    first["geometry"] = None
    again = approximate_unit_polygons(NGHE_AN, "2025-07")
    assert again.loc[0, "name"] != "changed"
    assert not again.geometry.isna().any()


def test_polygons_of_an_unknown_edition_are_refused():
    with pytest.raises(UnknownEditionError):
        approximate_unit_polygons(NGHE_AN, "2019")
