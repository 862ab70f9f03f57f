"""Coordinates as people type them: decimal degrees, decimal commas, DMS."""

from __future__ import annotations

import numpy as np
import pytest

from registry.records.coordinates import (
    detect_swapped,
    parse_coordinate,
    parse_coordinate_columns,
)

# Nghệ An's bounding box, rounded: (min_lon, min_lat, max_lon, max_lat).
NGHE_AN_BOX = (103.8, 18.5, 105.9, 20.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18.6789", 18.6789),
        ("18,6789", 18.6789),
        ("-18.5", -18.5),
        ("+105", 105.0),
        (" 105.25 ", 105.25),
        ("18", 18.0),
        ("18°40'12\"N", 18.67),
        ("105° 40' 12.5\" E", 105 + 40 / 60 + 12.5 / 3600),
        ("105°40'12,5\"E", 105 + 40 / 60 + 12.5 / 3600),
        ("18 40 12 N", 18.67),
        ("18°40.2'N", 18.67),
        ("18º40′12″N", 18.67),
        ("18˚40’12”N", 18.67),
        ("18°40'12''N", 18.67),
        ("N 18°40'12\"", 18.67),
        ("n18°40'12\"", 18.67),
        ("18°40'12\"S", -18.67),
        ("105°40'W", -(105 + 40 / 60)),
        ("-18°40'12\"", -18.67),
        ("18.6789N", 18.6789),
        ("18°N", 18.0),
    ],
)
def test_parse_coordinate_reads_decimal_and_dms_forms(text, expected):
    assert parse_coordinate(text) == pytest.approx(expected, abs=1e-9)


def test_parse_coordinate_accepts_numbers_as_they_come_from_excel():
    assert parse_coordinate(18.6789) == 18.6789
    assert parse_coordinate(105) == 105.0


@pytest.mark.parametrize(
    ("text", "in_message"),
    [
        ("", "the cell is empty"),
        ("abc", "a decimal number like 18.6789 or 18,6789"),
        ("18°60'N", "minutes and seconds below 60"),
        ("18°40'75\"N", "minutes and seconds below 60"),
        ("18.5°30'", "decimals only in the last part"),
        ("40'18°", "degrees, then minutes, then seconds"),
        ("N18E", "one hemisphere letter"),
        ("-18°40'N", "a sign or a hemisphere letter"),
        ("18,678,9", "degrees-minutes-seconds like 18°40'12\"N"),
        ("1 2 3 4", "degrees, then minutes, then seconds"),
        ("nan", "a decimal number"),
        (float("nan"), "a decimal number"),
    ],
)
def test_parse_coordinate_says_what_was_expected(text, in_message):
    with pytest.raises(ValueError, match="expected") as error:
        parse_coordinate(text)
    assert in_message in str(error.value)


def test_parse_coordinate_columns_parses_fast_and_slow_values_in_place():
    lat, lon, problems = parse_coordinate_columns(
        ["18.5", "18,75", "18°30'N", "", "x"],
        ["105.5", "105", "105°30'E", "105", "105"],
    )
    np.testing.assert_allclose(lat[:3], [18.5, 18.75, 18.5])
    assert np.isnan(lat[3]) and np.isnan(lat[4])
    np.testing.assert_allclose(lon, [105.5, 105.0, 105.5, 105.0, 105.0])
    assert [(p[0], p[1], p[2]) for p in problems] == [
        (3, "latitude", ""),
        (4, "latitude", "x"),
    ]
    assert "required" in problems[0][3]
    assert problems[1][3].startswith("a decimal number like 18.6789")


def test_parse_coordinate_columns_reports_both_columns_of_a_row_in_order():
    _, _, problems = parse_coordinate_columns(["1", "bad"], ["inf", "worse"])
    assert [(p[0], p[1]) for p in problems] == [
        (0, "longitude"),
        (1, "latitude"),
        (1, "longitude"),
    ]


def test_parse_coordinate_columns_returns_float_arrays_of_the_input_length():
    lat, lon, problems = parse_coordinate_columns([], [])
    assert lat.dtype == np.float64 and lon.dtype == np.float64
    assert len(lat) == 0 and problems == []


@pytest.mark.parametrize(
    ("lat", "lon", "swapped"),
    [
        (18.7, 105.6, False),  # right way round, inside
        (105.6, 18.7, True),  # swapped: (18.7, 105.6) is inside
        (10.8, 106.7, False),  # Hồ Chí Minh City: outside either way
        (106.7, 10.8, False),
        (float("nan"), 105.6, False),
        (19.0, 19.0, False),
    ],
)
def test_detect_swapped_flags_pairs_that_fit_only_the_other_way_round(
    lat, lon, swapped
):
    result = detect_swapped(np.array([lat]), np.array([lon]), NGHE_AN_BOX)
    assert result.tolist() == [swapped]
