"""The registry's messages in Vietnamese.

Every message is produced by the real validator or service, so a message the
registry rewords fails here instead of reaching a Vietnamese page in English.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from registry.access.users import create_user, find_actor
from registry.files.readers import normalise_columns, read_table
from registry.kernel.db import open_registry
from registry.kernel.errors import (
    ConflictError,
    FieldError,
    ImportFileError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from registry.kernel.settings import load_config
from registry.records.sites import (
    change_site_status,
    create_site,
    get_site,
    retire_site,
    update_site,
)
from registry.records.validation import validate_rows
from tests.factories import commune_centroid, site_values
from ui.common.messages import error_text, field_error_text, translated_expected

TODAY = date(2026, 11, 1)
# A box around Nghệ An: enough for the validator's province test.
BOUNDS = (103.8, 18.5, 105.9, 20.0)


def _inside(lat, lon):
    lat, lon = np.asarray(lat), np.asarray(lon)
    return (lat > 18.5) & (lat < 20.0) & (lon > 103.8) & (lon < 105.9)


GOOD_SITE = {
    "network_code": "04",
    "site_code": "A1",
    "name": "Trạm A",
    "latitude": "18.68",
    "longitude": "105.68",
    "structure_type": "ground_tower",
}
GOOD_POINT = {
    "kind": "internet_agent",
    "name": "Đại lý A",
    "latitude": "18.68",
    "longitude": "105.68",
}

SITE_CASES = {
    "required": {"name": ""},
    "too long": {"name": "x" * 201},
    "choice": {"network_code": "09"},
    "number": {"structure_height_m": "cao"},
    "number range": {"structure_height_m": "500"},
    "date format": {"permit_date": "hôm qua"},
    "date in calendar": {"permit_date": "2024-02-30"},
    "date range": {"radiation_cert_expiry": "1850-01-01"},
    "future": {"permit_date": "2030-01-01"},
    "order": {
        "radiation_cert_date": "2024-05-01",
        "radiation_cert_expiry": "2024-01-01",
    },
    "technology": {"on_air_5g": "2010-01-01"},
    "outside": {"latitude": "10.77", "longitude": "106.70"},
    "coordinate text": {"latitude": "abc"},
    "coordinate missing": {"latitude": ""},
    "latitude range": {"latitude": "95", "longitude": "200"},
    "co-located own": {"co_located": "04"},
    "co-located unknown": {"co_located": "xyz"},
    "building height": {"building_height_m": "20"},
    "swapped": {"latitude": "105.68", "longitude": "18.68"},
}
POINT_CASES = {
    "whole number": {"computers": "2,5"},
    "time": {"opens_at": "sáng"},
    "time range": {"opens_at": "25:00"},
    "no certificate": {"kind": "game_point"},
}


def _problems(record_type: str, rows: list[dict]):
    frame = pd.DataFrame(rows, dtype=object).fillna("")
    checked = validate_rows(
        frame,
        record_type,
        bounds=BOUNDS,
        inside=_inside,
        province_name="Tỉnh Nghệ An",
        today=TODAY,
    )
    return checked.errors + checked.warnings


@pytest.mark.parametrize(
    ("record_type", "changes"),
    [("site", c) for c in SITE_CASES.values()]
    + [("point", c) for c in POINT_CASES.values()],
    ids=list(SITE_CASES) + list(POINT_CASES),
)
def test_every_validator_message_has_a_vietnamese_text(record_type, changes):
    base = GOOD_SITE if record_type == "site" else GOOD_POINT
    problems = _problems(record_type, [{**base, **changes}])
    assert problems, "the case should produce a message"
    for problem in problems:
        assert translated_expected(problem.expected), problem.expected


def test_a_duplicate_code_in_a_file_has_a_vietnamese_text():
    problems = _problems("site", [GOOD_SITE, GOOD_SITE])
    assert [translated_expected(p.expected) for p in problems] == [
        "mã trạm chỉ dùng một lần trong mỗi mạng; dòng 2 đã có cùng mạng 04 và mã trạm"
    ]


def test_choices_are_listed_with_their_vietnamese_labels():
    (problem,) = _problems("site", [{**GOOD_SITE, "structure_type": "tháp"}])
    text = translated_expected(problem.expected)
    assert "ground_tower (Cột tự đứng trên mặt đất)" in text
    assert "Self-supporting" not in text


def test_a_field_error_names_the_field_by_its_label():
    error = FieldError("latitude", "10.77, 106.7", "a latitude from -90 to 90")
    assert field_error_text("site", error) == (
        "Vĩ độ: cần vĩ độ từ -90 đến 90. (Đã nhập: 10.77, 106.7)"
    )


def test_an_unknown_message_is_shown_as_the_registry_wrote_it():
    error = FieldError("notes", "x", "something new")
    assert field_error_text("site", error) == "Ghi chú: cần something new. (Đã nhập: x)"


@pytest.fixture
def sqlite_registry(templates):
    """An initialised SQLite registry (units and admin), without the demo."""
    registry = open_registry(load_config({"REGISTRY_DATABASE_URL": templates.sqlite()}))
    yield registry
    registry.engine.dispose()


def _raised(call) -> Exception:
    with pytest.raises(Exception) as caught:
        call()
    return caught.value


def test_service_refusals_have_vietnamese_texts(sqlite_registry):
    registry = sqlite_registry
    admin = find_actor(registry, "admin")
    _, _, commune = commune_centroid(registry, "Nghi Phú")
    clerk = create_user(
        registry,
        admin,
        username="xa.nghiphu",
        display_name="Xã Nghi Phú",
        role="commune",
        area_edition="2025-06",
        area_code=commune,
    )
    operator = create_user(
        registry,
        admin,
        username="mobifone",
        display_name="MobiFone",
        role="operator",
        network_code="01",
    )
    site = create_site(
        registry,
        admin,
        site_values(
            registry,
            status="licensed",
            on_air_2g=None,
            on_air_4g=None,
            status_since="2024-01-10",
        ),
    )
    site_id = site["id"]
    texts = {
        "stale": error_text(
            _raised(
                lambda: update_site(
                    registry, admin, site_id, {"name": "B"}, expected_version=7
                )
            )
        ),
        "transition": error_text(
            _raised(
                lambda: change_site_status(
                    registry, admin, site_id, "planned", reason="thử"
                )
            )
        ),
        "outside": error_text(_raised(lambda: get_site(registry, clerk, site_id))),
        "other network": error_text(
            _raised(
                lambda: create_site(
                    registry, operator, site_values(registry, site_code="B2")
                )
            )
        ),
        "role": error_text(
            _raised(lambda: retire_site(registry, clerk, site_id, reason="x"))
        ),
        "not found": error_text(_raised(lambda: get_site(registry, admin, 999_999))),
    }
    assert texts["stale"].startswith(f"Bản ghi #{site_id} vừa được người khác sửa")
    assert "«Đã cấp phép», không thể chuyển sang «Quy hoạch»" in texts["transition"]
    assert "Đang phát sóng" in texts["transition"]
    assert texts["outside"] == (
        "Bạn không có quyền thực hiện thao tác này (bản ghi nằm ngoài địa bàn "
        f"của bạn (xã/phường {commune}, bản 2025-06))."
    )
    assert "mạng của bạn là 01, còn trạm thuộc mạng 04" in texts["other network"]
    assert "vai trò «Cán bộ xã/phường» không có quyền này" in texts["role"]
    assert texts["not found"] == "Không tìm thấy trạm BTS 999999."

    retire_site(registry, admin, site_id, reason="Trùng")
    retired = _raised(lambda: update_site(registry, admin, site_id, {"name": "C"}))
    assert isinstance(retired, ConflictError)
    assert error_text(retired).startswith(f"Bản ghi #{site_id} đã bị thu hồi ngày")


def test_service_field_errors_have_vietnamese_texts(sqlite_registry):
    registry = sqlite_registry
    admin = find_actor(registry, "admin")
    site = create_site(registry, admin, site_values(registry))
    problems = [
        _raised(lambda: create_site(registry, admin, site_values(registry))),
        _raised(
            lambda: change_site_status(
                registry, admin, site["id"], "suspended", reason=" "
            )
        ),
        _raised(lambda: retire_site(registry, admin, site["id"], reason="")),
        _raised(lambda: update_site(registry, admin, site["id"], {"status": "x"})),
        _raised(lambda: update_site(registry, admin, site["id"], {"colour": "x"})),
    ]
    for problem in problems:
        assert isinstance(problem, ValidationError), problem
        for field_problem in problem.errors:
            assert translated_expected(field_problem.expected), field_problem.expected
        assert error_text(problem).startswith("Có 1 trường chưa hợp lệ")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.csv", b"", "tệp rỗng"),
        ("a.csv", b"name\nA\n", "thiếu cột bắt buộc"),
        ("a.ods", b"x", "không đọc được tệp đuôi '.ods'"),
        ("a.csv", b"Vi do,latitude\n1,2\n", "cùng là trường 'latitude'"),
        ("a.csv", b"name\n", "không có dòng dữ liệu"),
    ],
)
def test_unreadable_files_are_explained_in_vietnamese(name, content, expected):
    def read():
        normalise_columns(read_table(content, filename=name), "site")

    error = _raised(read)
    assert isinstance(error, ImportFileError), error
    assert expected in error_text(error)


def test_a_refused_sign_in_is_worded_without_saying_which_part_was_wrong():
    error = PermissionDeniedError("x", "sign in", "wrong user name or password")
    assert "sai tên đăng nhập hoặc mật khẩu" in error_text(error)


def test_a_missing_record_names_what_was_asked_for():
    assert error_text(NotFoundError("public point", 5)) == "Không tìm thấy điểm 5."
