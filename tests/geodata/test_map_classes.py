"""Choropleth classes: zero apart, at most five classes, legend bounds."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from geodata.errors import InvalidInputError
from geodata.map_area import units_in_area
from geodata.map_choropleth import CLASS_PALETTE, ZERO_COLOR
from geodata.map_classes import classify
from geodata.map_layers import element_classes
from geodata.maps import add_choropleth, base_map


def test_zero_is_a_class_of_its_own_and_positives_make_five():
    values = pd.Series([0, 0, 1, 2, 3, 10, 11, 50, 51, 200, np.nan])
    classes = classify(values)
    assert classes.index.tolist() == [0, 0, 1, 2, 2, 3, 3, 4, 4, 5, -1]
    assert classes.has_zero and classes.count == 5
    assert classes.bounds[0] == (1.0, 1.0) and classes.bounds[-1] == (200.0, 200.0)


def test_quantiles_split_evenly_and_fewer_levels_make_fewer_classes():
    even = classify(pd.Series(np.arange(1.0, 11.0)), scheme="quantiles")
    assert np.bincount(even.index)[1:].tolist() == [2, 2, 2, 2, 2]
    few = classify(pd.Series([0.0, 5.0, 5.0, 7.0]))
    assert few.count == 2 and few.index.tolist() == [0, 1, 1, 2]
    assert classify(pd.Series([np.nan])).count == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"scheme": "equal"}, "natural_breaks or quantiles"),
        ({"classes": 0}, "at least 1"),
        ({"values": pd.Series([-1.0, 2.0])}, "0 or more"),
    ],
)
def test_bad_classification_input_is_refused(kwargs, message):
    arguments = {"values": pd.Series([1.0, 2.0]), **kwargs}
    with pytest.raises(InvalidInputError, match=message):
        classify(arguments.pop("values"), **arguments)


def _squares(n: int) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"code": [f"U{i}" for i in range(n)], "name": [f"Xã {i}" for i in range(n)]},
        geometry=[
            box(105 + 0.01 * i, 18.6, 105.01 + 0.01 * i, 18.61) for i in range(n)
        ],
        crs="EPSG:4326",
    )


def test_the_choropleth_draws_given_classes_with_vietnamese_bounds():
    values = pd.Series(
        [0, 1, 2, 1200, 1300, 2500, 2600, 5000, 5100, 9000, 9100],
        index=[f"U{i}" for i in range(11)],
        dtype=float,
    )
    m = base_map((105, 18.5, 105.2, 18.7), tiles=None)
    add_choropleth(
        m,
        _squares(11),
        values,
        title="Số trạm",
        value_format=lambda v: f"{v:,.0f}".replace(",", "."),
        classification=classify(values),
    )
    layer = next(
        c
        for c in m._children.values()
        if isinstance(c, element_classes().ChoroplethLayer)
    )
    fills = [f["properties"]["fill"] for f in layer.data["features"]]
    assert fills[0] == ZERO_COLOR and fills[-1] == CLASS_PALETTE[-1]
    assert len(set(fills)) == 6
    legend = next(
        c.html for c in m._children.values() if isinstance(c, element_classes().HtmlBox)
    )
    assert "1.200 – 1.300" in legend and "9.000 – 9.100" in legend
    assert legend.index(ZERO_COLOR) < legend.index(CLASS_PALETTE[0])


def test_units_in_an_area_are_those_mostly_inside_it():
    units = _squares(4)
    area = gpd.GeoDataFrame(
        geometry=[box(105.0, 18.6, 105.0249, 18.61)], crs="EPSG:4326"
    )
    assert units_in_area(units, area).tolist() == [True, True, False, False]
    # A big unit holding the whole (small) area belongs to it too.
    big = gpd.GeoDataFrame(
        {"code": ["B"], "name": ["B"]}, geometry=[box(104, 18, 106, 19)], crs=4326
    )
    assert units_in_area(big, area.iloc[:1]).tolist() == [True]
    with pytest.raises(InvalidInputError, match="with a CRS"):
        units_in_area(units.set_crs(None, allow_override=True), area)
