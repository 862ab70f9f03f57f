"""The offices in force by date: the provincial department before and after its
2025 merger, the huyện People's Committees before and after 1/7/2025, and where
the product names them (certificate issuer, report header, delegation presets,
role label)."""

from __future__ import annotations

from datetime import date

import pytest

from registry.access.users import find_actor
from registry.permits.effects import issuer
from registry.permits.matrix import load_presets, preset_offices
from registry.reports.build import office_lines
from registry.units.offices import (
    KINDS,
    all_offices,
    department_name,
    office_on,
    offices_between,
)

BEFORE_MERGER, AFTER_MERGER = date(2025, 2, 28), date(2025, 3, 1)
BEFORE_REFORM, AFTER_REFORM = date(2025, 6, 30), date(2025, 7, 1)


def test_the_department_before_and_after_its_merger():
    assert office_on("department", date(2015, 6, 1)).name_vi == (
        "Sở Thông tin và Truyền thông"
    )
    assert office_on("department", BEFORE_MERGER).key == "stttt"
    assert office_on("department", AFTER_MERGER).key == "skhcn"
    assert department_name(date(2026, 12, 4)) == "Sở Khoa học và Công nghệ"
    assert department_name(date(2026, 12, 4), "en") == (
        "Department of Science and Technology"
    )


def test_the_huyen_committees_end_on_30_june_2025():
    assert office_on("district_committee", BEFORE_REFORM).name_vi == "UBND cấp huyện"
    assert office_on("district_committee", AFTER_REFORM) is None
    assert office_on("commune_committee", AFTER_REFORM).name_vi == "UBND cấp xã"


def test_a_period_across_the_merger_names_both_departments():
    keys = [
        o.key for o in offices_between("department", date(2025, 1, 1), AFTER_MERGER)
    ]
    assert keys == ["stttt", "skhcn"]
    assert [
        o.key for o in offices_between("department", AFTER_MERGER, AFTER_REFORM)
    ] == ["skhcn"]
    with pytest.raises(ValueError, match="unknown kind"):
        office_on("ministry", AFTER_MERGER)


def test_every_office_has_a_source_and_every_change_date_is_marked_unverified():
    for office in all_offices():
        assert office.kind in KINDS and office.source.strip()
        if office.valid_from or office.valid_to:
            assert office.unverified.startswith("Chưa xác minh / unverified")


def test_a_bad_offices_file_is_refused(tmp_path):
    path = tmp_path / "offices.toml"
    path.write_text(
        "\n".join(
            f'[[offices]]\nkind = "department"\nkey = "{k}"\nname_vi = "x"\n'
            f'name_en = "x"\nsource = "x"\n{extra}\n'
            for k, extra in (
                ("a", "valid_to = 2025-02-28"),
                ("b", "valid_from = 2025-03-05"),
            )
        ),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="gap"):
        all_offices(str(path))


def test_the_report_header_names_the_offices_of_its_period():
    before = office_lines(date(2024, 1, 1), date(2024, 12, 31))
    assert before == [
        "Cơ quan quản lý cấp tỉnh: Sở Thông tin và Truyền thông "
        "(đến 28/02/2025; chưa xác minh ngày hiệu lực)",
        "Cấp huyện: UBND cấp huyện (đến 30/06/2025; chưa xác minh ngày hiệu lực)",
    ]
    after = office_lines(date(2026, 1, 1), date(2026, 11, 30))
    assert after == [
        "Cơ quan quản lý cấp tỉnh: Sở Khoa học và Công nghệ "
        "(từ 01/03/2025; chưa xác minh ngày hiệu lực)"
    ]


def test_the_presets_name_the_offices_of_their_era():
    presets = load_presets()
    three = [
        o.key for o in preset_offices(presets["three_level"], until=date(2026, 1, 1))
    ]
    assert three == ["stttt", "skhcn", "ubnd_huyen", "ubnd_xa"]
    two = [o.key for o in preset_offices(presets["two_level"], until=date(2026, 1, 1))]
    assert two == ["skhcn", "ubnd_xa"]


def test_the_department_issues_certificates_under_the_name_of_the_day(registry):
    department = find_actor(registry, "admin")
    with registry.reading() as session:
        assert (
            issuer(session, department, BEFORE_MERGER) == "Sở Thông tin và Truyền thông"
        )
        assert issuer(session, department, AFTER_MERGER) == "Sở Khoa học và Công nghệ"


def test_the_role_label_of_the_department_follows_the_date():
    from streamlit.testing.v1 import AppTest

    script = (
        "import streamlit as st\n"
        "from ui.common.i18n import value_label\n"
        "st.write(value_label('department'))\n"
    )
    app = AppTest.from_string(script).run()
    assert app.markdown[0].value == "Sở Khoa học và Công nghệ"
