"""Admin units, provinces, editions and the old -> new crosswalk, from the package."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from geodata import _package
from geodata.adminunits import (
    UNIT_COLUMNS,
    load_admin_units,
    load_crosswalk,
    province_info,
    source_province_codes,
)
from geodata.editions import (
    DEFAULT_EDITION,
    EDITIONS,
    LEVEL_LABELS,
    edition_on,
    get_edition,
)
from geodata.errors import (
    GeodataError,
    InvalidInputError,
    UnknownEditionError,
    UnknownProvinceError,
)

NGHE_AN = "40"


def units_named(units: pd.DataFrame, name: str) -> pd.DataFrame:
    return units[units["name"] == name]


# Editions


def test_the_two_editions_split_on_1_july_2025():
    legacy, new = get_edition("2025-06"), get_edition("2025-07")
    assert legacy.levels == ("district", "commune")
    assert new.levels == ("commune",)
    assert legacy.valid_to == date(2025, 6, 30)
    assert new.valid_from == date(2025, 7, 1) and new.valid_to is None
    assert DEFAULT_EDITION == "2025-06"
    assert set(EDITIONS) == {"2025-06", "2025-07"}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 6, 30), "2025-06"),
        (date(2025, 7, 1), "2025-07"),
        (datetime(2026, 1, 5, 9, 30), "2025-07"),
        (date(2015, 3, 1), "2025-06"),
    ],
)
def test_edition_on_a_day_is_the_one_in_force_or_the_legacy_one(day, expected):
    assert edition_on(day).key == expected


def test_labels_are_vietnamese_nfc_with_english_alternatives():
    for edition in EDITIONS.values():
        assert unicodedata.is_normalized("NFC", edition.label_vi)
        assert edition.label_en
    assert EDITIONS["2025-06"].label_vi == "Huyện/xã (trước 1/7/2025)"
    assert EDITIONS["2025-07"].label_vi == "Xã/phường (từ 1/7/2025)"
    assert LEVEL_LABELS == {
        "district": ("Huyện", "District"),
        "commune": ("Xã", "Commune"),
    }


def test_an_unknown_edition_is_refused_with_the_known_ones():
    with pytest.raises(UnknownEditionError, match="2024-01.*2025-06, 2025-07") as info:
        get_edition("2024-01")
    assert info.value.edition == "2024-01"
    assert isinstance(info.value, GeodataError)


def test_edition_on_refuses_something_that_is_not_a_date():
    with pytest.raises(InvalidInputError, match="'day'"):
        edition_on("2025-07-01")


# Units


def test_legacy_edition_of_nghe_an_has_20_districts_and_412_communes():
    units = load_admin_units(NGHE_AN, "2025-06")
    assert units["level"].value_counts().to_dict() == {"commune": 412, "district": 20}
    communes = units[units["level"] == "commune"]
    assert communes["unit_type"].value_counts().to_dict() == {
        "Xã": 362,
        "Phường": 33,
        "Thị trấn": 17,
    }


def test_new_edition_of_nghe_an_has_130_communes_119_xa_and_11_phuong():
    units = load_admin_units(NGHE_AN, "2025-07")
    assert len(units) == 130
    assert set(units["level"]) == {"commune"}
    assert units["unit_type"].value_counts().to_dict() == {"Xã": 119, "Phường": 11}


@pytest.mark.parametrize("edition", ["2025-06", "2025-07"])
def test_unit_columns_are_exactly_the_documented_ones(edition):
    units = load_admin_units(NGHE_AN, edition)
    assert tuple(units.columns) == UNIT_COLUMNS
    assert (units["edition"] == edition).all()
    assert units["code"].map(type).eq(str).all()
    assert units["code"].is_unique
    assert units[["lat", "lon"]].notna().all().all()


@pytest.mark.parametrize("edition", ["2025-06", "2025-07"])
def test_districts_come_first_then_communes_each_sorted_by_code(edition):
    units = load_admin_units(NGHE_AN, edition)
    levels = units["level"].tolist()
    assert levels == sorted(levels, key=lambda level: level != "district")
    for _, group in units.groupby("level"):
        assert group["code"].tolist() == sorted(group["code"])


@pytest.mark.parametrize("edition", ["2025-06", "2025-07"])
def test_every_string_is_stored_nfc(edition):
    units = load_admin_units(NGHE_AN, edition)
    for column in ("name", "short_name", "unit_type"):
        assert all(unicodedata.is_normalized("NFC", v) for v in units[column])


def test_legacy_communes_have_a_district_of_the_same_edition_as_parent():
    units = load_admin_units(NGHE_AN, "2025-06")
    districts = set(units.loc[units["level"] == "district", "code"])
    communes = units[units["level"] == "commune"]
    assert set(communes["parent_code"]) == districts
    assert (
        units.loc[units["level"] == "district", "parent_code"]
        .map(lambda v: v is None)
        .all()
    )


def test_new_communes_have_no_parent_and_the_package_area():
    units = load_admin_units(NGHE_AN, "2025-07")
    assert units["parent_code"].map(lambda v: v is None).all()
    assert units["area_km2"].notna().all()
    assert units["area_km2"].sum() == pytest.approx(16489.49, abs=0.01)
    assert load_admin_units(NGHE_AN, "2025-06")["area_km2"].isna().all()


@pytest.mark.parametrize(
    ("edition", "name", "unit_type", "short_name"),
    [
        ("2025-06", "Thành phố Vinh", "Thành phố", "Vinh"),
        ("2025-06", "Huyện Nghi Lộc", "Huyện", "Nghi Lộc"),
        ("2025-06", "Thị xã Thái Hòa", "Thị xã", "Thái Hòa"),
        ("2025-06", "Phường Đông Vĩnh", "Phường", "Đông Vĩnh"),
        ("2025-06", "Thị trấn Quỳ Hợp", "Thị trấn", "Quỳ Hợp"),
        ("2025-07", "Phường Thành Vinh", "Phường", "Thành Vinh"),
        ("2025-07", "Xã Quan Thành", "Xã", "Quan Thành"),
    ],
)
def test_known_units_carry_full_name_short_name_and_type(
    edition, name, unit_type, short_name
):
    found = units_named(load_admin_units(NGHE_AN, edition), name)
    assert len(found) == 1
    assert found.iloc[0]["unit_type"] == unit_type
    assert found.iloc[0]["short_name"] == short_name


def test_cua_lo_is_no_district_in_the_legacy_table_its_wards_are_in_vinh():
    units = load_admin_units(NGHE_AN, "2025-06")
    assert units_named(units, "Thị xã Cửa Lò").empty
    vinh = units_named(units, "Thành phố Vinh").iloc[0]["code"]
    thu_thuy = units_named(units, "Phường Thu Thủy").iloc[0]
    assert thu_thuy["parent_code"] == vinh


def test_returned_units_are_a_new_frame_each_call():
    first = load_admin_units(NGHE_AN, "2025-06")
    first.loc[0, "name"] = "changed"
    first["extra"] = 1
    again = load_admin_units(NGHE_AN, "2025-06")
    assert again.loc[0, "name"] != "changed"
    assert "extra" not in again.columns


@pytest.mark.parametrize("edition", ["2025-06", "2025-07"])
def test_an_unknown_province_is_refused_with_the_known_codes(edition):
    with pytest.raises(UnknownProvinceError, match="'99'.*Known codes: 01") as info:
        load_admin_units("99", edition)
    assert info.value.province_code == "99"
    assert info.value.edition == edition


def test_a_province_merged_on_1_july_2025_is_unknown_in_the_new_edition():
    assert len(load_admin_units("02", "2025-06")) > 0  # Hà Giang
    with pytest.raises(UnknownProvinceError, match="'02' in edition '2025-07'"):
        load_admin_units("02", "2025-07")


@pytest.mark.parametrize("bad", [40, None, "", "Nghệ An"])
def test_a_province_code_that_is_not_a_digit_string_is_refused(bad):
    with pytest.raises(InvalidInputError, match="'province_code' should be"):
        load_admin_units(bad, "2025-06")


def test_an_unknown_edition_is_refused_by_load_admin_units():
    with pytest.raises(UnknownEditionError):
        load_admin_units(NGHE_AN, "2030-01")


# Provinces


def test_province_info_of_nghe_an_gives_names_centroid_and_lon_lat_bounds():
    info = province_info(NGHE_AN)
    assert info["code"] == NGHE_AN
    assert info["name"] == "Tỉnh Nghệ An"
    assert info["short_name"] == "Nghệ An"
    assert info["bounds"] == pytest.approx(
        (103.874957, 18.552117, 105.806701, 19.994248)
    )
    min_lon, min_lat, max_lon, max_lat = info["bounds"]
    assert min_lon < info["lon"] < max_lon and min_lat < info["lat"] < max_lat


@pytest.mark.parametrize("edition", ["2025-06", "2025-07"])
def test_province_info_works_for_every_province_of_an_edition(edition):
    provinces = _package.provinces()
    table = "legacy" if edition == "2025-06" else "new"
    codes = sorted(provinces.loc[provinces["tbl"] == table, "code"].unique())
    assert len(codes) == (63 if edition == "2025-06" else 34)
    for code in codes:
        info = province_info(code, edition=edition)
        min_lon, min_lat, max_lon, max_lat = info["bounds"]
        assert 101 < min_lon < max_lon < 118 and 6 < min_lat < max_lat < 24, code
        assert info["name"].startswith(("Tỉnh ", "Thành phố ")), code


def test_a_merged_province_covers_more_land_in_the_new_edition():
    assert source_province_codes("08", "2025-07") == ("02", "08")
    legacy = province_info("08", edition="2025-06")["bounds"]
    merged = province_info("08", edition="2025-07")["bounds"]
    assert merged[3] > legacy[3]  # Hà Giang lies north of Tuyên Quang


# Crosswalk


def test_crosswalk_maps_every_legacy_commune_of_nghe_an_into_the_130():
    crosswalk = load_crosswalk(NGHE_AN)
    old = load_admin_units(NGHE_AN, "2025-06")
    new = load_admin_units(NGHE_AN, "2025-07")
    assert list(crosswalk.columns) == ["old_code", "new_code", "is_default"]
    assert set(crosswalk["old_code"]) == set(old.loc[old["level"] == "commune", "code"])
    assert set(crosswalk["new_code"]) <= set(new["code"])
    assert set(crosswalk["new_code"]) == set(new["code"])  # no new commune is empty


def test_no_nghe_an_commune_was_divided_so_every_row_is_the_default():
    crosswalk = load_crosswalk(NGHE_AN)
    assert crosswalk["old_code"].is_unique
    assert crosswalk["is_default"].dtype == bool
    assert crosswalk["is_default"].all()


def test_cua_lo_wards_went_into_phuong_cua_lo():
    old = load_admin_units(NGHE_AN, "2025-06").set_index("name")
    new = load_admin_units(NGHE_AN, "2025-07").set_index("code")
    crosswalk = load_crosswalk(NGHE_AN).set_index("old_code")
    for ward in ("Phường Thu Thủy", "Phường Nghi Thủy", "Phường Nghi Hải"):
        new_code = crosswalk.loc[old.loc[ward, "code"], "new_code"]
        assert new.loc[new_code, "name"] == "Phường Cửa Lò"


def test_divided_communes_list_each_new_commune_with_one_default():
    crosswalk = load_crosswalk("31")  # Hải Phòng divided some communes
    per_old = crosswalk.groupby("old_code")
    divided = per_old.size()[per_old.size() > 1]
    assert len(divided) > 0
    defaults = per_old["is_default"].sum()
    assert (defaults[divided.index] == 1).all()
    first_rows = crosswalk.drop_duplicates("old_code")
    assert first_rows["is_default"].all()  # the default comes first


def test_crosswalk_is_a_new_frame_each_call():
    first = load_crosswalk(NGHE_AN)
    first["new_code"] = "x"
    assert (load_crosswalk(NGHE_AN)["new_code"] != "x").all()


def test_crosswalk_of_an_unknown_province_is_refused():
    with pytest.raises(UnknownProvinceError):
        load_crosswalk("99")


def test_package_bounds_text_is_parsed_as_lon_lat_box():
    assert _package.parse_bounds("18.5,103.8 – 19.9,105.8") == (
        103.8,
        18.5,
        105.8,
        19.9,
    )
    with pytest.raises(GeodataError, match="Malformed bounds"):
        _package.parse_bounds("nonsense")
    assert np.isfinite(province_info(NGHE_AN)["lat"])
