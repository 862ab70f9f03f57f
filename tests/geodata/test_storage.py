"""Geometry as stored and handed over: WKB round trips, frames, point layers."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Point, box

from geodata.crs import UTM48N, WGS84
from geodata.errors import InvalidInputError
from geodata.storage import (
    attribute_table,
    frame_from_wkb,
    geometry_to_wkb,
    is_geometry_column,
    point_layer,
    with_replaced_geometries,
)
from tests.geodata.fixtures import NEAR_VINH, two_squares

X0, Y0 = NEAR_VINH


def _stored_rows() -> pd.DataFrame:
    squares = two_squares()
    return pd.DataFrame(
        {
            "code": squares["code"],
            "wkb": [geometry_to_wkb(g) for g in squares.geometry],
            "area_km2": [1.2, 1.3],
        }
    )


# -- WKB -------------------------------------------------------------------------


def test_a_polygon_survives_the_wkb_round_trip_exactly():
    rows = _stored_rows()
    frame = frame_from_wkb(rows)
    assert isinstance(frame, gpd.GeoDataFrame) and frame.crs == WGS84
    assert list(frame.columns) == ["code", "area_km2", "geometry"]
    for stored, original in zip(frame.geometry, two_squares().geometry, strict=True):
        assert stored.equals_exact(original, 0)
    assert list(rows.columns) == ["code", "wkb", "area_km2"]  # input untouched


def test_a_missing_wkb_gives_a_missing_geometry_and_an_empty_one_stays_empty():
    rows = pd.DataFrame(
        {
            "code": ["n", "e"],
            "wkb": [geometry_to_wkb(None), geometry_to_wkb(shapely.Polygon())],
        }
    )
    frame = frame_from_wkb(rows)
    assert frame.geometry.iloc[0] is None
    assert frame.geometry.iloc[1].is_empty


def test_the_wkb_keeps_coordinates_in_the_order_given():
    point = frame_from_wkb(
        pd.DataFrame({"wkb": [geometry_to_wkb(Point(X0, Y0))]})
    ).geometry.iloc[0]
    assert (point.x, point.y) == (X0, Y0)  # x = longitude, y = latitude


def test_frame_from_wkb_can_declare_another_crs():
    metric = two_squares().to_crs(UTM48N)
    rows = pd.DataFrame({"wkb": [geometry_to_wkb(g) for g in metric.geometry]})
    assert frame_from_wkb(rows, crs=UTM48N).crs == UTM48N


def test_wkb_helpers_refuse_what_they_cannot_use():
    with pytest.raises(InvalidInputError, match="'geometry'"):
        geometry_to_wkb(b"not a geometry")
    with pytest.raises(InvalidInputError, match="'wkb' column"):
        frame_from_wkb(pd.DataFrame({"code": ["a"]}))


# -- with_replaced_geometries ----------------------------------------------------


def test_only_the_named_units_get_their_new_polygon():
    current = two_squares().set_index(pd.Index([10, 20]))
    bigger = box(X0 + 0.01, Y0, X0 + 0.03, Y0 + 0.01)
    new = gpd.GeoDataFrame(
        {"code": ["B", "Z"]}, geometry=[bigger, box(0, 0, 1, 1)], crs=WGS84
    )
    updated = with_replaced_geometries(current, new)
    assert list(updated.index) == [10, 20] and list(updated["code"]) == ["A", "B"]
    assert updated.geometry.iloc[0].equals(current.geometry.iloc[0])
    assert updated.geometry.iloc[1].equals(bigger)
    assert updated.crs == WGS84
    assert current.geometry.iloc[1].equals(two_squares().geometry.iloc[1])


def test_replacements_in_metres_are_brought_back_to_the_frames_crs():
    current = two_squares()
    metric = two_squares().to_crs(UTM48N).iloc[[1]]
    updated = with_replaced_geometries(current, metric)
    assert updated.crs == WGS84
    assert updated.geometry.iloc[1].equals_exact(current.geometry.iloc[1], 1e-9)


def test_replacing_refuses_frames_without_crs_or_key():
    bare = gpd.GeoDataFrame({"code": ["A"]}, geometry=[box(0, 0, 1, 1)])
    with pytest.raises(InvalidInputError, match="'replacements'"):
        with_replaced_geometries(two_squares(), bare)
    with pytest.raises(InvalidInputError, match="'code' column"):
        with_replaced_geometries(two_squares(), two_squares().drop(columns="code"))


# -- attribute_table, is_geometry_column ----------------------------------------


def test_the_attribute_table_drops_only_the_geometry():
    frame = two_squares().assign(name=["Tây", "Đông"])
    table = attribute_table(frame)
    assert type(table) is pd.DataFrame
    assert list(table.columns) == ["code", "name"]
    assert "geometry" in frame.columns


def test_geometry_columns_are_told_apart_from_text():
    frame = two_squares()
    assert is_geometry_column(frame.geometry)
    assert is_geometry_column(pd.Series(frame.geometry.values))
    assert not is_geometry_column(frame["code"])
    assert not is_geometry_column(pd.Series(["POINT (1 2)"]))
    assert not is_geometry_column("geometry")


# -- point_layer -----------------------------------------------------------------


def test_a_point_layer_puts_longitude_on_x_and_latitude_on_y():
    layer = point_layer(
        {"name": ["a", "b", "c"]}, [18.6, np.nan, 18.7], [105.6, 105.7, np.nan]
    )
    assert layer.crs == WGS84 and list(layer.columns) == ["name", "geometry"]
    first = layer.geometry.iloc[0]
    assert (first.x, first.y) == (105.6, 18.6)
    assert layer.geometry.iloc[1] is None and layer.geometry.iloc[2] is None


def test_an_empty_point_layer_has_the_columns_and_no_rows():
    layer = point_layer({"name": []}, [], [])
    assert len(layer) == 0 and layer.crs == WGS84


def test_a_point_layer_refuses_coordinates_of_different_lengths():
    with pytest.raises(InvalidInputError, match="as many values as lat"):
        point_layer({"name": ["a"]}, [18.6], [105.6, 105.7])
