"""Urban classes of Nghệ An's places, from their data file, on both databases."""

from __future__ import annotations

from datetime import date

import pytest

from geodata.adminunits import load_admin_units
from registry.records.by_kind import POINTS
from registry.units.urban import (
    URBAN_CLASSES_FILE,
    UrbanClassFileError,
    load_urban_classes,
    urban_class,
)
from tests.factories import point_values


@pytest.mark.parametrize(
    ("commune", "expected", "bucket"),
    [
        ("Hưng Dũng", "I", "class_I_III"),  # ward of Vinh
        ("Nghi Đức", "I", "class_I_III"),  # ward joined to Vinh from Nghi Lộc
        ("Quang Tiến", "IV", "class_IV_V"),  # ward of Thái Hòa town
        ("Quỳnh Thiện", "IV", "class_IV_V"),  # ward of Hoàng Mai town
        ("Cầu Giát", "V", "class_IV_V"),  # township of Quỳnh Lưu
        ("Nghi Long", "other", "other"),  # rural commune of Nghi Lộc
    ],
)
def test_a_point_takes_the_urban_class_of_its_2025_06_commune(
    registry, admin, commune, expected, bucket
):
    point = POINTS.get(
        registry,
        admin,
        POINTS.create(registry, admin, point_values(registry, commune))["id"],
    )
    found = urban_class(registry, point, on=date(2024, 6, 1))
    assert (found.urban_class, found.bucket) == (expected, bucket)
    assert found.commune_code == point["units"]["2025-06"][0]
    assert found.source
    # Given only the id, the assignment is looked up.
    assert urban_class(registry, {"id": point["id"]}, on=date(2024, 6, 1)) == found


@pytest.mark.parametrize(
    ("day", "expected"), [(date(2024, 11, 30), "III"), (date(2024, 12, 1), "I")]
)
def test_the_wards_of_cua_lo_were_class_three_until_they_joined_vinh(
    registry, admin, day, expected
):
    point = POINTS.create(registry, admin, point_values(registry, "Nghi Thủy"))
    found = urban_class(registry, point | {"units": None}, on=day)
    assert found.urban_class == expected and found.bucket == "class_I_III"


def test_every_unit_code_in_the_data_file_is_the_unit_it_names():
    table = load_urban_classes()
    units = load_admin_units("40", table.edition).set_index("code")
    names = {
        "Thành phố Vinh": "412",
        "Thị xã Thái Hòa": "414",
        "Thị xã Hoàng Mai": "432",
    }
    for entry in table.entries:
        if entry.district:
            assert units.loc[entry.district, "name"] == entry.name
            assert names[entry.name] == entry.district
        for code in entry.communes:
            assert units.loc[code, "parent_code"] == "412"  # in Vinh since 2024
            assert units.loc[code, "unit_type"] == "Phường"
        if entry.unit_type:
            assert entry.unit_type in set(units["unit_type"])
    cua_lo = [e for e in table.entries if e.communes][0]
    assert sorted(units.loc[sorted(cua_lo.communes), "short_name"]) == sorted(
        ["Nghi Thủy", "Nghi Tân", "Thu Thủy", "Nghi Hòa", "Nghi Hải", "Nghi Hương",
         "Nghi Thu"]
    )  # fmt: skip


def test_unverified_facts_say_so_in_their_source():
    for entry in load_urban_classes().entries:
        assert entry.verified or "unverified" in entry.source, entry.name


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (('class = "I"', 'class = "VI"'), "class should be one of"),
        (('district = "412"', 'district = "412"\nunit_type = "Phường"'), "exactly one"),
        (('edition = "2025-06"', 'edition = "2025-07"'), "edition should be 2025-06"),
        (("valid_until = 2024-11-30", 'valid_until = "soon"'), "should be a date"),
    ],
)
def test_a_bad_urban_class_file_is_refused_naming_the_entry(tmp_path, change, words):
    path = tmp_path / "urban.toml"
    text = URBAN_CLASSES_FILE.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(UrbanClassFileError) as caught:
        load_urban_classes(path)
    assert "urban.toml" in str(caught.value) and words in str(caught.value)
