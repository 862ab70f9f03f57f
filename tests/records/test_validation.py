"""Validation of imported rows: typed records, and messages naming row and column."""

from __future__ import annotations

import math
import unicodedata
from datetime import date, time

import numpy as np
import pandas as pd
import pytest

from registry.files.readers import normalise_columns, read_table
from registry.kernel.errors import FieldError
from registry.records.validation import RowProblem, ValidatedRows, validate_rows

TODAY = date(2025, 6, 1)
# The bounding box of a made-up province, and the province itself: a smaller box,
# so that a point can lie in the bounding box and still outside the province.
BOUNDS = (103.8, 18.5, 105.9, 20.0)
PROVINCE = "Nghệ An"
VALID_SITE = {
    "network_code": "04",
    "site_code": "NA0001",
    "name": "Trạm Vinh",
    "latitude": "18.67",
    "longitude": "105.68",
    "structure_type": "ground_tower",
}
VALID_POINT = {
    "kind": "internet_agent",
    "name": "Đại lý Hoa Sen",
    "latitude": "18.67",
    "longitude": "105.68",
}


def inside_province(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    return (lat >= 18.6) & (lat <= 19.9) & (lon >= 104.0) & (lon <= 105.8)


def csv_of(rows: list[dict]) -> bytes:
    """A CSV file with a column per key of any row (';' as Vietnamese Excel writes)."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    lines = [";".join(columns)]
    for row in rows:
        cells = [str(row.get(column, "")) for column in columns]
        lines.append(";".join('"' + cell.replace('"', '""') + '"' for cell in cells))
    return ("\n".join(lines) + "\n").encode("utf-8")


def validate(rows: list[dict], record_type: str = "site") -> ValidatedRows:
    """Read ``rows`` as a CSV file would be, then validate them."""
    df, _ = normalise_columns(read_table(csv_of(rows), "test.csv"), record_type)
    return validate_rows(
        df,
        record_type,
        bounds=BOUNDS,
        inside=inside_province,
        province_name=PROVINCE,
        today=TODAY,
    )


def site(**changes) -> dict:
    return {**VALID_SITE, **changes}


def point(**changes) -> dict:
    return {**VALID_POINT, **changes}


def only_error(result: ValidatedRows) -> RowProblem:
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


# -- clean rows ----------------------------------------------------------------


def test_a_clean_site_row_becomes_a_typed_record_with_defaults():
    result = validate([site(structure_height_m="30,5", on_air_4g="15/03/2018")])
    assert result.ok and result.errors == [] and result.warnings == []
    record = result.records.iloc[0]
    assert record["row"] == 2
    assert record["network_code"] == "04"
    assert record["latitude"] == 18.67 and record["longitude"] == 105.68
    assert record["structure_height_m"] == 30.5
    assert record["on_air_4g"] == pd.Timestamp("2018-03-15")
    assert record["status"] == "on_air"
    assert record["status_since"] == pd.Timestamp("2018-03-15")
    assert record["coord_source"] == "operator_declared"
    assert pd.isna(record["address"]) and pd.isna(record["on_air_2g"])


def test_records_have_one_column_per_field_with_documented_dtypes():
    records = validate([site()]).records
    assert list(records.columns[:4]) == ["row", "network_code", "site_code", "name"]
    assert records["latitude"].dtype == np.float64
    assert records["structure_height_m"].dtype == np.float64
    assert records["on_air_2g"].dtype == "datetime64[ns]"
    assert records["status_since"].dtype == "datetime64[ns]"
    assert pd.api.types.is_string_dtype(records["name"])
    points = validate([point(computers="12", opens_at="8h00")], "point").records
    assert points["computers"].dtype == "Int64" and points["computers"][0] == 12
    assert points["opens_at"][0] == time(8, 0)


def test_a_site_without_on_air_dates_is_planned_since_today():
    record = validate([site()]).records.iloc[0]
    assert record["status"] == "planned"
    assert record["status_since"] == pd.Timestamp(TODAY)


def test_status_since_defaults_to_the_latest_on_air_date():
    result = validate([site(on_air_2g="2010-01-01", on_air_4g="2019-05-06")])
    assert result.records["status_since"][0] == pd.Timestamp("2019-05-06")


def test_given_status_and_status_since_are_kept():
    result = validate(
        [site(status="Tạm dừng", status_since="01/02/2025", on_air_2g="2010-01-01")]
    )
    assert result.records["status"][0] == "suspended"
    assert result.records["status_since"][0] == pd.Timestamp("2025-02-01")


def test_a_point_defaults_to_operating():
    record = validate([point()], "point").records.iloc[0]
    assert record["status"] == "operating"
    assert record["status_since"] == pd.Timestamp(TODAY)


def test_record_dicts_give_plain_python_values():
    (record,) = validate(
        [site(on_air_3g="2010-10-12", structure_height_m="30")]
    ).record_dicts()
    assert record["on_air_3g"] == date(2010, 10, 12)
    assert record["on_air_2g"] is None and record["address"] is None
    assert record["structure_height_m"] == 30.0 and record["row"] == 2
    assert type(record["row"]) is int and type(record["latitude"]) is float


def test_blank_rows_are_skipped_and_row_numbers_stay_those_of_the_file():
    data = csv_of([site(), site(site_code="NA0002", network_code="x")])
    lines = data.decode().splitlines()
    text = "\n".join([lines[0], lines[1], "", ";;;;;", lines[2]]) + "\n"
    df, _ = normalise_columns(read_table(text.encode(), "t.csv"), "site")
    result = validate_rows(
        df,
        "site",
        bounds=BOUNDS,
        inside=inside_province,
        province_name=PROVINCE,
        today=TODAY,
    )
    assert only_error(result).row == 5
    assert result.records["row"].tolist() == [2]


def test_rows_with_errors_are_left_out_of_the_records():
    result = validate(
        [site(), site(site_code="B", structure_type="?"), site(site_code="C")]
    )
    assert result.records["row"].tolist() == [2, 4]
    assert not result.ok


# -- accepted spellings --------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [
        ("network_code", "4", "04"),
        ("network_code", "04", "04"),
        ("network_code", "45204", "04"),
        ("network_code", "452-04", "04"),
        ("network_code", "Viettel", "04"),
        ("network_code", "VIETTEL", "04"),
        ("network_code", "vinaphone", "02"),
        ("network_code", "VNPT", "02"),
        ("network_code", "Mobifone", "01"),
        ("network_code", "itel", "08"),
        ("structure_type", "Cột dây co", "guyed_mast"),
        ("structure_type", "cot day co", "guyed_mast"),
        ("structure_type", "Guyed mast", "guyed_mast"),
        ("structure_type", "GUYED_MAST", "guyed_mast"),
        ("structure_type", "Trong nhà (in-building)", "indoor"),
        ("status", "Đang phát sóng", "on_air"),
        ("status", "On air", "on_air"),
        ("coord_source", "Đo GPS tại hiện trường", "gps_survey"),
        ("coord_source", "gps survey", "gps_survey"),
        ("co_located", "vinaphone / 01", "01,02"),
        ("co_located", "01;05 07", "01,05,07"),
        ("co_located", "MobiFone, mobifone", "01"),
        ("address", "  Xóm 3,\u200b xã Nghi Phú  ", "Xóm 3, xã Nghi Phú"),
    ],
)
def test_choice_and_text_fields_accept_codes_labels_and_names(field, text, value):
    result = validate([site(**{field: text})])
    assert result.errors == []
    assert result.records[field][0] == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2024-03-31", date(2024, 3, 31)),
        ("31/03/2024", date(2024, 3, 31)),
        ("31-03-2024", date(2024, 3, 31)),
        ("31.03.2024", date(2024, 3, 31)),
        ("1/4/2024", date(2024, 4, 1)),  # day first: 1 April, not 4 January
        ("2024-3-5", date(2024, 3, 5)),
        ("2024-03-31 00:00:00", date(2024, 3, 31)),
    ],
)
def test_dates_are_read_iso_or_day_first(text, value):
    result = validate([site(permit_date=text)])
    assert result.errors == []
    assert result.record_dicts()[0]["permit_date"] == value


def test_expiry_dates_may_lie_in_the_future():
    result = validate(
        [site(radiation_cert_date="2024-01-01", radiation_cert_expiry="2029-01-01")]
    )
    assert result.errors == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("08:00", time(8)), ("8:00", time(8)), ("8h00", time(8)), ("21h30", time(21, 30))],
)
def test_times_are_read_with_colon_or_h(text, value):
    result = validate([point(opens_at=text)], "point")
    assert result.errors == []
    assert result.records["opens_at"][0] == value


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        ("18°40'12\"N", "105°40'48\"E"),
        ("18,67", "105,68"),
        ("18 40 12 N", "105 40 48 E"),
    ],
)
def test_coordinates_in_any_supported_form_are_read(latitude, longitude):
    result = validate([site(latitude=latitude, longitude=longitude)])
    assert result.errors == []
    assert math.isclose(result.records["latitude"][0], 18.67)
    assert math.isclose(result.records["longitude"][0], 105.68)


# -- bad values ----------------------------------------------------------------

SITE_BAD_VALUES = [
    ("network_code", "99", "one of 01 (MobiFone), 02 (VinaPhone), 04 (Viettel)"),
    (
        "network_code",
        "",
        "a value: Network code (MNC 452) (Mã mạng (MNC 452)) is required",
    ),
    ("site_code", "", "is required"),
    ("name", "x" * 201, "at most 200 characters (this has 201)"),
    ("structure_type", "tower", "one of ground_tower (Self-supporting ground tower)"),
    ("structure_height_m", "abc", "a number like 12.5 or 12,5"),
    ("structure_height_m", "400", "a number from 0 to 300"),
    ("structure_height_m", "-1", "a number from 0 to 300"),
    ("coord_accuracy_m", "inf", "a number like 12.5"),
    ("on_air_2g", "31/02/2024", "month 2 of 2024 has no day 31"),
    ("on_air_2g", "2024-13-01", "a date that exists in the calendar"),
    ("on_air_2g", "hôm qua", "a date like 2024-03-31 or 31/03/2024 (day first)"),
    ("on_air_2g", "12/10/24", "a date like 2024-03-31"),
    ("notified_on", "1899-12-31", "a date between 1900 and 2100"),
    ("permit_date", "2030-01-01", "a date not after today (2025-06-01)"),
    ("status_since", "02/06/2025", "a date not after today"),
    ("on_air_5g", "2018-12-31", "5G was not on air in Vietnam before 2019"),
    ("on_air_4g", "15/06/2015", "4G was not on air in Vietnam before 2016"),
    ("on_air_3g", "2008-01-01", "3G was not on air in Vietnam before 2009"),
    ("status", "running", "one of planned (Planned), licensed (Licensed)"),
    ("co_located", "04", "other operators than the site's own network (04, Viettel)"),
    ("co_located", "01, xyz", "'xyz' is not an operator"),
    ("latitude", "abc", "a decimal number like 18.6789 or 18,6789"),
    ("latitude", "", "a latitude (the column is required)"),
    ("longitude", "105°75'E", "minutes and seconds below 60"),
]


@pytest.mark.parametrize(("field", "text", "expected"), SITE_BAD_VALUES)
def test_a_bad_site_value_is_reported_with_row_column_value_and_expectation(
    field, text, expected
):
    second = {**site(site_code="NA0002"), field: text}
    error = only_error(validate([site(), second]))
    assert (error.row, error.column) == (3, field)
    assert error.value == (text if len(text) <= 80 else text[:79] + "…")
    assert expected in error.expected
    assert str(error).startswith(f"row 3, {field} = ")


POINT_BAD_VALUES = [
    ("kind", "quán net", "one of internet_agent (Internet agent)"),
    ("computers", "12.5", "a whole number"),
    ("computers", "1001", "a number from 0 to 1000"),
    ("floor_area_m2", "50 m2", "a number like 12.5"),
    ("opens_at", "25:00", "hours 0-23"),
    ("opens_at", "8 giờ", "a time like 08:00, 8:00 or 8h00"),
    ("business_reg_date", "2026-01-01", "a date not after today"),
    ("owner_phone", "0" * 41, "at most 40 characters"),
]


@pytest.mark.parametrize(("field", "text", "expected"), POINT_BAD_VALUES)
def test_a_bad_point_value_is_reported_with_row_column_value_and_expectation(
    field, text, expected
):
    error = only_error(validate([point(**{field: text})], "point"))
    assert (error.row, error.column, error.value) == (2, field, text)
    assert expected in error.expected


def test_every_bad_cell_of_a_row_is_reported_in_column_order():
    result = validate([site(network_code="x", structure_type="y", on_air_2g="z")])
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "network_code"),
        (2, "structure_type"),
        (2, "on_air_2g"),
    ]


# -- across fields -------------------------------------------------------------


def test_a_duplicate_site_code_names_both_rows():
    result = validate(
        [site(), site(site_code="NA0002"), site(network_code="Viettel", name="Khác")]
    )
    error = only_error(result)
    assert (error.row, error.column, error.value) == (4, "site_code", "NA0001")
    assert "row 2 has the same network 04 and site code" in error.expected


def test_the_same_site_code_on_another_network_is_not_a_duplicate():
    assert validate([site(), site(network_code="01")]).errors == []


@pytest.mark.parametrize(
    ("record_type", "row", "first", "last", "expected"),
    [
        (
            "site",
            site(radiation_cert_date="2024-05-01", radiation_cert_expiry="2024-04-30"),
            "radiation_cert_date",
            "radiation_cert_expiry",
            "a date on or after radiation inspection date (2024-05-01)",
        ),
        (
            "point",
            point(
                certificate_issued_on="01/05/2024", certificate_expires_on="1/5/2023"
            ),
            "certificate_issued_on",
            "certificate_expires_on",
            "a date on or after certificate issued on (2024-05-01)",
        ),
    ],
)
def test_an_expiry_before_its_issue_date_is_an_error(
    record_type, row, first, last, expected
):
    error = only_error(validate([row], record_type))
    assert (error.column, error.value) == (last, row[last])
    assert error.expected == expected


def test_building_height_on_a_ground_tower_is_a_warning():
    result = validate(
        [
            site(building_height_m="12"),
            site(site_code="B", structure_type="rooftop_pole", building_height_m="12"),
        ]
    )
    assert result.ok
    (warning,) = result.warnings
    assert (warning.row, warning.column, warning.value) == (
        2,
        "building_height_m",
        "12",
    )
    assert "only for poles on buildings" in warning.expected


def test_a_game_point_without_certificate_is_a_warning_and_pending():
    result = validate(
        [
            point(kind="game_point"),
            point(
                kind="Điểm cung cấp dịch vụ trò chơi điện tử công cộng",
                certificate_number="12/GCN",
            ),
        ],
        "point",
    )
    assert result.ok
    (warning,) = result.warnings
    assert (warning.row, warning.column) == (2, "certificate_number")
    assert "needs an eligibility certificate" in warning.expected
    assert result.records["status"].tolist() == ["pending", "operating"]


# -- coordinates and the province ----------------------------------------------


def test_swapped_coordinates_are_corrected_with_a_warning_naming_both_values():
    result = validate([site(latitude="105,68", longitude="18,67")])
    assert result.ok
    (warning,) = result.warnings
    assert (warning.row, warning.column) == (2, "latitude")
    assert warning.value == "105,68, 18,67"
    assert "(105.68, 18.67) lies outside the bounding box of Nghệ An" in (
        warning.expected
    )
    assert "swapped" in warning.expected
    assert result.records[["latitude", "longitude"]].iloc[0].tolist() == [18.67, 105.68]


@pytest.mark.parametrize(
    ("latitude", "longitude", "expected"),
    [
        ("10.7769", "106.7009", "latitude 10.7769, longitude 106.7009 lies outside"),
        ("18.55", "105.0", "latitude 18.55, longitude 105 lies outside"),  # in the box
    ],
)
def test_a_row_outside_the_province_is_an_error_naming_row_coordinates_and_province(
    latitude, longitude, expected
):
    error = only_error(validate([site(latitude=latitude, longitude=longitude)]))
    assert (error.row, error.column) == (2, "latitude")
    assert error.value == f"{latitude}, {longitude}"
    assert expected in error.expected
    assert "a location inside Nghệ An" in error.expected


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        ("latitude", "200", "a latitude from -90 to 90"),
        ("latitude", "-90.5", "a latitude from -90 to 90"),
        ("longitude", "999", "a longitude from -180 to 180"),
    ],
)
def test_a_coordinate_out_of_range_is_an_error_of_its_own_column(field, text, expected):
    error = only_error(validate([site(**{field: text})]))
    assert (error.row, error.column, error.value, error.expected) == (
        2,
        field,
        text,
        expected,
    )


def test_inside_is_asked_only_about_points_in_the_bounding_box():
    asked = []

    def inside(lat, lon):
        asked.append(len(lat))
        return inside_province(lat, lon)

    df, _ = normalise_columns(
        read_table(
            csv_of([site(), site(site_code="B", latitude="10", longitude="106")]),
            "t.csv",
        ),
        "site",
    )
    validate_rows(df, "site", bounds=BOUNDS, inside=inside, province_name=PROVINCE)
    assert asked == [1]


# -- hostile and messy input ---------------------------------------------------


def test_hostile_strings_are_kept_as_plain_text():
    script = '<script>alert("x")</script>'
    formula = '=HYPERLINK("http://evil","click")'
    result = validate(
        [site(name=script, notes=formula), site(site_code="B", network_code=script)]
    )
    assert result.records["name"][0] == script
    assert result.records["notes"][0] == formula
    error = only_error(result)
    assert error.value == script
    assert str(error) == f"row 3, network_code = {script!r}: {error.expected}"


def test_long_offending_values_are_cut_to_80_characters():
    error = only_error(validate([site(structure_type="y" * 500)]))
    assert len(error.value) == 80 and error.value.endswith("…")


def test_a_plain_dataframe_is_cleaned_before_it_is_checked():
    df = pd.DataFrame(
        [
            {
                **VALID_SITE,
                "name": " Trạm\x00 Nghe\u0302\u0323 An\t",
                "network_code": " viettel ",
                "latitude": " 18,67 ",
                "on_air_2g": "\u200b2010-01-05",
            }
        ]
    )
    result = validate_rows(
        df,
        "site",
        bounds=BOUNDS,
        inside=inside_province,
        province_name=PROVINCE,
        today=TODAY,
    )
    assert result.errors == []
    assert result.records["name"][0] == "Trạm Nghệ An"
    assert unicodedata.is_normalized("NFC", result.records["name"][0])
    assert result.records["network_code"][0] == "04"
    assert result.records["on_air_2g"][0] == pd.Timestamp("2010-01-05")
    assert df.loc[0, "name"] == " Trạm\x00 Nghe\u0302\u0323 An\t"  # input untouched


def test_row_problems_convert_to_field_errors():
    error = only_error(validate([site(structure_type="tower")]))
    field_error = error.as_field_error()
    assert isinstance(field_error, FieldError)
    assert (field_error.row, field_error.field, field_error.value) == (
        2,
        "structure_type",
        "tower",
    )
    assert str(field_error).startswith(
        "row 2, structure_type = 'tower': expected one of"
    )


def test_validate_rows_checks_its_arguments():
    with pytest.raises(ValueError, match="'record_type' should be 'site' or 'point'"):
        validate_rows(
            pd.DataFrame(),
            "bts",
            bounds=BOUNDS,
            inside=inside_province,
            province_name=PROVINCE,
        )
    with pytest.raises(TypeError, match="'df' should be a pandas DataFrame"):
        validate_rows(
            [], "site", bounds=BOUNDS, inside=inside_province, province_name=PROVINCE
        )
