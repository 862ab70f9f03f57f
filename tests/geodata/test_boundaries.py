"""Reading official boundary files and matching their features to units."""

from __future__ import annotations

import json
import zipfile

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import LineString, Point, Polygon

from geodata.adminunits import load_admin_units
from geodata.approximate import approximate_unit_polygons
from geodata.boundaries import dissolve_districts, match_boundaries, read_boundary_file
from geodata.crs import UTM48N, VN2000_UTM48N
from geodata.errors import BoundaryFileError, InvalidInputError
from tests.geodata.fixtures import (
    PROVINCE,
    bow_tie,
    commune_features,
    small_twist,
    two_squares,
    zip_shapefile,
)


@pytest.fixture(scope="module")
def legacy():
    return load_admin_units(PROVINCE, "2025-06")


@pytest.fixture(scope="module")
def features():
    """412 commune polygons with MaXa (int), Ten_Xa and Ten_Huyen, shuffled rows."""
    return commune_features("2025-06")


def metres_between(a: gpd.GeoSeries, b: gpd.GeoSeries) -> np.ndarray:
    return a.to_crs(UTM48N).centroid.distance(b.to_crs(UTM48N).centroid).to_numpy()


# Reading


def test_a_geojson_in_wgs84_is_read_with_every_feature_and_column(tmp_path, features):
    path = tmp_path / "xa.geojson"
    features.to_file(path)
    read = read_boundary_file(path)
    assert read.crs == "EPSG:4326"
    assert len(read) == 412
    assert list(read.columns) == ["MaXa", "Ten_Xa", "Ten_Huyen", "geometry"]
    assert read.attrs["source_crs"] == "EPSG:4326"
    assert (metres_between(read.geometry, features.geometry) < 0.01).all()


def test_a_geopackage_in_vn2000_is_reprojected_to_wgs84(tmp_path, features):
    path = tmp_path / "ranh_gioi_vn2000.gpkg"
    features.to_crs(VN2000_UTM48N).to_file(path)
    read = read_boundary_file(path)
    assert read.crs == "EPSG:4326"
    assert read.attrs["source_crs"] == "EPSG:3405"
    assert (metres_between(read.geometry, features.geometry) < 0.01).all()


def test_reading_vn2000_as_wgs84_utm_is_about_200_m_off_and_warned(tmp_path, features):
    path = tmp_path / "vn2000.gpkg"
    features.iloc[:20].to_crs(VN2000_UTM48N).to_file(path)
    with pytest.warns(UserWarning, match="declares CRS EPSG:3405; using EPSG:32648"):
        read = read_boundary_file(path, crs="EPSG:32648")
    shift = metres_between(read.geometry, features.geometry.iloc[:20])
    assert (shift > 100).all() and (shift < 400).all()


def test_the_first_polygon_layer_of_a_geopackage_is_read_unless_one_is_named(
    tmp_path, features
):
    path = tmp_path / "nhieu_lop.gpkg"
    points = gpd.GeoDataFrame(
        {"ten": ["tram"]}, geometry=[Point(105.6, 18.6)], crs=4326
    )
    points.to_file(path, layer="diem")
    features.iloc[:5].to_file(path, layer="xa")
    features.iloc[5:8].to_file(path, layer="xa_khac")
    assert len(read_boundary_file(path)) == 5
    assert len(read_boundary_file(path, layer="xa_khac")) == 3
    with pytest.raises(BoundaryFileError, match="no layer 'huyen'.*diem \\(Point\\)"):
        read_boundary_file(path, layer="huyen")


def test_a_zipped_shapefile_is_read(tmp_path, features):
    path = zip_shapefile(features, tmp_path, "xa")
    read = read_boundary_file(path)
    assert len(read) == 412
    assert read["MaXa"].tolist() == features["MaXa"].tolist()


def test_a_file_without_crs_in_degrees_is_taken_as_wgs84_with_a_warning(
    tmp_path, features
):
    path = zip_shapefile(features.iloc[:10], tmp_path, "khong_prj", prj=False)
    with pytest.warns(UserWarning, match="declares no CRS.*WGS 84"):
        read = read_boundary_file(path)
    assert read.crs == "EPSG:4326"


def test_a_file_without_crs_in_metres_needs_the_crs_argument(tmp_path, features):
    projected = features.iloc[:10].to_crs(VN2000_UTM48N)
    path = zip_shapefile(projected, tmp_path, "met", prj=False)
    with pytest.raises(
        BoundaryFileError, match="met.zip.*no CRS.*give its CRS, e.g. EPSG:3405"
    ) as info:
        read_boundary_file(path)
    assert "EPSG:3405" in info.value.reason
    read = read_boundary_file(path, crs=VN2000_UTM48N)
    assert (metres_between(read.geometry, features.geometry.iloc[:10]) < 0.01).all()


def test_a_geojson_in_metres_without_crs_is_refused(tmp_path, features):
    path = tmp_path / "met.geojson"
    collection = json.loads(features.iloc[:3].to_crs(UTM48N).to_json())
    del collection["crs"]  # without a "crs" member, GeoJSON means WGS 84
    path.write_text(json.dumps(collection))
    with pytest.raises(BoundaryFileError, match="not degrees; give its CRS"):
        read_boundary_file(path)
    with pytest.warns(UserWarning, match="declares CRS EPSG:4326; using EPSG:32648"):
        assert len(read_boundary_file(path, crs=UTM48N)) == 3


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        (
            "cut.geojson",
            b'{"type": "FeatureCollection", "features": [{',
            "cannot be read",
        ),
        ("noise.gpkg", bytes(range(256)) * 8, "cannot be read"),
        ("empty.zip", None, "holds no Shapefile"),
        ("notes.txt", b"ranh gioi xa", "cannot be read"),
        (
            "none.geojson",
            b'{"type": "FeatureCollection", "features": []}',
            "no features",
        ),
        ("zip.zip", b"PK not really a zip", "not a readable zip file"),
    ],
)
def test_a_corrupt_file_is_refused_naming_the_file_and_reason(
    tmp_path, name, content, reason
):
    path = tmp_path / name
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("readme.txt", "no shapefile here")
    else:
        path.write_bytes(content)
    with pytest.raises(BoundaryFileError, match=reason) as info:
        read_boundary_file(path)
    assert info.value.path == str(path)
    assert name in str(info.value)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(BoundaryFileError, match="no such file"):
        read_boundary_file(tmp_path / "missing.gpkg")


def test_a_file_of_points_only_is_refused(tmp_path):
    path = tmp_path / "diem.geojson"
    gpd.GeoDataFrame(geometry=[Point(105.6, 18.6)], crs=4326).to_file(path)
    with pytest.raises(BoundaryFileError, match="no polygon"):
        read_boundary_file(path)


def test_features_outside_vietnam_are_refused(tmp_path):
    path = tmp_path / "paris.geojson"
    square = shapely.box(2.3, 48.8, 2.4, 48.9)
    gpd.GeoDataFrame(geometry=[square], crs=4326).to_file(path)
    with pytest.raises(BoundaryFileError, match="outside Vietnam"):
        read_boundary_file(path)


@pytest.mark.parametrize("declared", [4326, None])
def test_swapped_longitude_and_latitude_are_named_as_such(tmp_path, features, declared):
    swapped = features.iloc[:5].copy()
    swapped["geometry"] = swapped.geometry.map(
        lambda g: shapely.transform(g, lambda xy: xy[:, ::-1])
    )
    path = tmp_path / "dao_truc.geojson"
    swapped.set_crs(declared, allow_override=True).to_file(path)
    with pytest.raises(BoundaryFileError, match="longitude and latitude are swapped"):
        read_boundary_file(path)


def test_a_crs_that_pyproj_does_not_know_is_refused(tmp_path, features):
    path = tmp_path / "xa.geojson"
    features.iloc[:2].to_file(path)
    with pytest.raises(InvalidInputError, match="'crs'"):
        read_boundary_file(path, crs="VN-2000 please")


def test_a_path_that_is_not_a_path_is_refused():
    with pytest.raises(InvalidInputError, match="'path'"):
        read_boundary_file(42)


# Matching


def test_every_commune_of_a_zipped_shapefile_matches_by_its_int_code(
    tmp_path, features, legacy
):
    read = read_boundary_file(zip_shapefile(features, tmp_path, "xa"))
    result = match_boundaries(read, legacy)
    assert result.level == "commune" and result.code_field == "MaXa"
    assert len(result.matched) == 412
    assert set(result.matched["matched_by"]) == {"code"}
    assert not (result.unmatched_features or result.units_without_polygon)
    assert not (result.rejected or result.repaired or result.duplicates)
    assert result.matched.crs == "EPSG:4326"
    assert list(result.matched.columns) == [
        "code",
        "geometry",
        "feature_index",
        "matched_by",
        "features",
    ]
    assert not result.other_names and result.level_hits["commune"] == 412
    first = result.matched.set_index("code").loc[str(read["MaXa"].iloc[0])]
    assert first["feature_index"] == 0


@pytest.mark.parametrize(
    "write_code",
    [
        lambda code: f"{code:06d}",  # zero-padded text
        lambda code: float(code),
        lambda code: str(code),
    ],
)
def test_codes_match_whether_padded_float_or_text(features, legacy, write_code):
    renamed = features.assign(ma_xa=features["MaXa"].map(write_code)).drop(
        columns=["MaXa", "Ten_Xa", "Ten_Huyen"]
    )
    result = match_boundaries(renamed, legacy)
    assert result.code_field == "ma_xa"
    assert len(result.matched) == 412


def test_names_and_district_names_match_when_there_is_no_code(features, legacy):
    result = match_boundaries(features.drop(columns="MaXa"), legacy)
    assert (result.name_field, result.parent_field) == ("Ten_Xa", "Ten_Huyen")
    assert len(result.matched) == 412
    assert set(result.matched["matched_by"]) == {"name"}
    assert not result.unmatched_features
    # Each unit got the feature that carries its code, homonyms included.
    by_code = result.matched.set_index("code")["feature_index"]
    assert (
        features["MaXa"].astype(str).iloc[by_code.to_numpy()] == by_code.index
    ).all()


# Communes of the 2019 layer that no longer exist, each a namesake (or a namesake
# but for its diacritics) of a commune of another district in 2025-06.
GONE_BY_2025 = [
    ("Phường Hồng Sơn", "Thành phố Vinh"),  # Xã Hồng Sơn is in Đô Lương
    ("Xã Hùng Thành", "Huyện Yên Thành"),  # Xã Hưng Thành is in Hưng Nguyên
    ("Xã Hưng Tiến", "Huyện Hưng Nguyên"),  # Xã Hùng Tiến is in Nam Đàn
    ("Xã Nghi Hoa", "Huyện Nghi Lộc"),  # Phường Nghi Hòa is in Vinh
]


def layer_of_2019(features: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The communes with the 2019 layer's columns, plus communes gone since."""
    near = shapely.box(105.60, 18.60, 105.61, 18.61)
    gone = gpd.GeoDataFrame(
        {
            "ten_xa": [n for n, _ in GONE_BY_2025],
            "gso_district_name_2019": [d for _, d in GONE_BY_2025],
        },
        geometry=[near] * len(GONE_BY_2025),
        crs=4326,
    )
    kept = features.rename(
        columns={"Ten_Xa": "ten_xa", "Ten_Huyen": "gso_district_name_2019"}
    ).drop(columns="MaXa")
    return pd.concat([kept, gone], ignore_index=True)


def test_the_district_column_is_found_by_its_values_and_namesakes_stay_apart(
    features, legacy
):
    result = match_boundaries(layer_of_2019(features), legacy, level="commune")
    assert result.parent_field == "gso_district_name_2019"
    assert len(result.matched) == 412 and not result.duplicates
    gone = {p.label: p for p in result.unmatched_features}
    assert sorted(gone) == sorted(n for n, _ in GONE_BY_2025)
    assert {p.problem for p in gone.values()} == {"not_in_parent"}
    [hong_son] = gone["Phường Hồng Sơn"].candidates
    assert legacy.set_index("code").loc[hong_son, "parent_code"] == "427"  # Đô Lương


def test_without_a_district_column_a_name_is_matched_as_spelled(features, legacy):
    layer = layer_of_2019(features).drop(columns="gso_district_name_2019")
    result = match_boundaries(layer, legacy, level="commune")
    assert result.parent_field is None
    problems = {p.label: p.problem for p in result.unmatched_features}
    # Spelled otherwise: never glued to the commune whose letters they share.
    assert problems["Xã Hùng Thành"] == "spelled_differently"
    assert problems["Xã Hưng Tiến"] == "spelled_differently"
    assert problems["Xã Nghi Hoa"] == "spelled_differently"
    # Spelled alike: only the district could tell, so the unit gets two features.
    hong_son = legacy.loc[legacy["name"] == "Xã Hồng Sơn", "code"].item()
    assert [d.code for d in result.duplicates if d.code == hong_son] == [hong_son]


def test_names_without_districts_leave_homonyms_unmatched_and_reported(
    features, legacy
):
    result = match_boundaries(features[["Ten_Xa", "geometry"]], legacy)
    ambiguous = [p for p in result.unmatched_features if "fits 2 units" in p.reason]
    assert any(p.label == "Xã Minh Sơn" for p in ambiguous)
    missing = {code for code, _ in result.units_without_polygon}
    minh_son = set(legacy.loc[legacy["name"] == "Xã Minh Sơn", "code"])
    assert minh_son <= missing
    assert len(result.matched) + len(missing) == 412


def test_a_feature_whose_code_and_name_match_nothing_is_reported(features, legacy):
    stranger = gpd.GeoDataFrame(
        {"MaXa": [99999], "Ten_Xa": ["Xã Không Tồn Tại"], "Ten_Huyen": ["Huyện Ảo"]},
        geometry=[shapely.box(105.60, 18.60, 105.61, 18.61)],
        crs=4326,
    )
    with_stranger = pd.concat([features, stranger], ignore_index=True)
    result = match_boundaries(with_stranger, legacy)
    assert len(result.matched) == 412
    [problem] = result.unmatched_features
    assert problem.feature_index == 412
    assert problem.label == "Xã Không Tồn Tại"
    assert "MaXa=99999 is not a code" in problem.reason
    assert "Xã Không Tồn Tại" in problem.reason


def test_repairs_are_listed_with_their_areas_and_a_bow_tie_is_oversized(
    tmp_path, legacy
):
    squares = two_squares().assign(ten=["Xã Nghi Văn", "Xã Nghi Vạn"])
    squares.loc[0, "geometry"] = bow_tie()
    squares.loc[1, "geometry"] = small_twist()
    flat = Polygon([(105.6, 18.6), (105.61, 18.6), (105.62, 18.6)])
    extra = gpd.GeoDataFrame({"code": ["C"], "ten": ["Xã Nghi Kim"]}, geometry=[flat])
    path = tmp_path / "hong.geojson"
    pd.concat([squares, extra.set_crs(4326)], ignore_index=True).to_file(path)
    read = read_boundary_file(path)
    result = match_boundaries(read, legacy, name_field="ten")
    van, van_dot = (
        legacy.loc[legacy["name"] == name, "code"].item()
        for name in ("Xã Nghi Văn", "Xã Nghi Vạn")
    )
    tie, twist = sorted(result.repaired, key=lambda r: r.feature_index)
    assert tie.unit == van and "Self-intersection" in tie.action
    assert "MultiPolygon of 2 part(s)" in tie.action
    # The two lobes of a bow-tie cancel as drawn; repaired, they are two triangles.
    assert tie.before_km2 == pytest.approx(0, abs=1e-4)
    assert tie.after_km2 == pytest.approx(0.58, rel=0.02)
    assert tie.change == pytest.approx(1, abs=1e-4)
    assert twist.unit == van_dot and 0 < twist.change < 0.01
    assert result.oversized_repairs == [tie]
    repaired = result.matched.set_index("code").loc[van, "geometry"]
    assert repaired.is_valid and repaired.area == pytest.approx(0.01 * 0.01 / 2)
    [problem] = result.rejected
    assert (problem.feature_index, problem.label) == (2, "Xã Nghi Kim")
    assert "cannot be repaired" in problem.reason
    assert problem.problem == "beyond_repair"


def test_non_polygon_features_are_warned_about_then_rejected(
    tmp_path, features, legacy
):
    path = tmp_path / "tron.geojson"
    line = gpd.GeoDataFrame(
        {"MaXa": [0], "Ten_Xa": ["đường"], "Ten_Huyen": [None]},
        geometry=[LineString([(105.6, 18.6), (105.7, 18.7)])],
        crs=4326,
    )
    pd.concat([features.iloc[:3], line], ignore_index=True).to_file(path)
    with pytest.warns(UserWarning, match="1 of 4 features are not polygons"):
        read = read_boundary_file(path)
    result = match_boundaries(read, legacy)
    assert [(p.feature_index, p.reason, p.problem) for p in result.rejected] == [
        (3, "its geometry is a LineString, not a polygon", "not_polygon")
    ]
    assert len(result.matched) == 3


def test_two_features_of_one_unit_are_merged_and_reported(features, legacy):
    left, right = two_squares().geometry
    twice = features.iloc[[0, 0]].copy()
    twice["geometry"] = [left, right]
    result = match_boundaries(pd.concat([twice, features.iloc[1:5]]), legacy)
    code = str(features["MaXa"].iloc[0])
    assert result.duplicates == [(code, (0, 1))]
    merged = result.matched.set_index("code").loc[code, "geometry"]
    assert merged.area == pytest.approx(left.area + right.area)
    assert len(result.matched) == 5


def test_a_district_file_is_matched_to_districts_by_name(legacy):
    polygons = approximate_unit_polygons(PROVINCE, "2025-06")
    districts = polygons[polygons["level"] == "district"]
    file = gpd.GeoDataFrame(
        {"ten": districts["short_name"].str.upper().to_numpy()},
        geometry=districts.geometry.to_numpy(),
        crs=4326,
    )
    result = match_boundaries(file, legacy)
    assert result.level == "district"
    assert sorted(result.matched["code"]) == sorted(districts["code"])


def test_a_new_edition_file_matches_the_130_communes(tmp_path):
    features = commune_features("2025-07")
    path = tmp_path / "xa_moi.gpkg"
    features.to_file(path)
    new = load_admin_units(PROVINCE, "2025-07")
    result = match_boundaries(read_boundary_file(path), new)
    assert len(result.matched) == 130 and not result.units_without_polygon


def test_fields_can_be_named_and_a_wrong_field_is_refused(features, legacy):
    result = match_boundaries(features, legacy, name_field="Ten_Xa", code_field="MaXa")
    assert len(result.matched) == 412
    with pytest.raises(InvalidInputError, match="'code_field'.*'ma'"):
        match_boundaries(features, legacy, code_field="ma")


def test_a_file_without_any_code_or_name_column_is_refused(features, legacy):
    anonymous = features[["geometry"]].assign(so=np.arange(len(features)))
    with pytest.raises(InvalidInputError, match="column of unit codes or names"):
        match_boundaries(anonymous, legacy)


def test_matching_leaves_the_features_unchanged(features, legacy):
    before = features.copy()
    match_boundaries(features, legacy)
    pd.testing.assert_frame_equal(pd.DataFrame(features), pd.DataFrame(before))


def test_match_boundaries_refuses_what_is_not_a_geodataframe(legacy):
    with pytest.raises(InvalidInputError, match="'features' should be a GeoDataFrame"):
        match_boundaries("xa.geojson", legacy)


def test_match_boundaries_refuses_units_without_code_and_name(features):
    with pytest.raises(InvalidInputError, match="'units' should be a DataFrame"):
        match_boundaries(features, [("16663", "Phường Đông Vĩnh")])


# Districts from communes


def test_districts_are_rebuilt_from_imported_communes(features, legacy):
    matched = match_boundaries(features, legacy).matched
    districts = dissolve_districts(matched, legacy)
    assert len(districts) == 20 and districts["complete"].all()
    approximate = approximate_unit_polygons(PROVINCE, "2025-06").set_index("code")
    for row in districts.to_crs(UTM48N).itertuples():
        expected = approximate.to_crs(UTM48N).loc[row.code, "geometry"]
        assert row.geometry.area == pytest.approx(expected.area, rel=1e-6)
        assert row.name == approximate.loc[row.code, "name"]


def test_a_district_with_communes_missing_is_marked_incomplete(features, legacy):
    matched = match_boundaries(features, legacy).matched
    vinh_communes = legacy.loc[legacy["parent_code"] == "412", "code"]
    partial = matched[~matched["code"].isin(vinh_communes.iloc[:3])]
    vinh = dissolve_districts(partial, legacy).set_index("code").loc["412"]
    assert not vinh["complete"]
    assert vinh["communes"] - vinh["communes_with_polygon"] == 3


def test_dissolving_needs_units_with_parent_codes(features):
    new = load_admin_units(PROVINCE, "2025-07")
    with pytest.raises(InvalidInputError, match="'units'"):
        dissolve_districts(features.rename(columns={"MaXa": "code"}), new)
