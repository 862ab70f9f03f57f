"""The registry's messages in Vietnamese.

Every message is produced by the real validator or service, so a message the
registry rewords fails here instead of reaching a Vietnamese page in English.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from datetime import date

import numpy as np
import pandas as pd
import pytest

from geodata.errors import MESSAGES as GEODATA_MESSAGES
from registry.access import messages as access_msg
from registry.access.users import create_user, find_actor
from registry.files.readers import normalise_columns, read_table
from registry.kernel.db import open_registry
from registry.kernel.errors import (
    ConflictError,
    FieldError,
    ImportFileError,
    Message,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
    english_table,
)
from registry.records import messages as records_msg
from registry.records.by_kind import SITES
from registry.records.validation import validate_rows
from tests.conftest import registry_config
from tests.factories import commune_centroid, site_values
from ui.common.messages import (
    error_text,
    field_error_text,
    vietnamese,
    vietnamese_table,
)

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
        assert vietnamese(problem.code, problem.context), problem.expected


def test_a_duplicate_code_in_a_file_has_a_vietnamese_text():
    problems = _problems("site", [GOOD_SITE, GOOD_SITE])
    assert [vietnamese(p.code, p.context) for p in problems] == [
        "mã trạm chỉ dùng một lần trong mỗi mạng; dòng 2 đã có cùng mạng 04 và mã trạm"
    ]


def test_choices_are_listed_with_their_vietnamese_labels():
    (problem,) = _problems("site", [{**GOOD_SITE, "structure_type": "tháp"}])
    text = vietnamese(problem.code, problem.context)
    assert "ground_tower (Cột tự đứng trên mặt đất)" in text
    assert "Self-supporting" not in text


def test_a_field_error_names_the_field_by_its_label():
    error = FieldError("latitude", "10.77, 106.7", records_msg.LATITUDE_RANGE)
    assert field_error_text("site", error) == (
        "Vĩ độ: cần vĩ độ từ -90 đến 90. (Đã nhập: 10.77, 106.7)"
    )


SOMETHING_NEW = Message("test.something_new", "something new")


def test_an_unknown_message_is_shown_as_the_registry_wrote_it():
    error = FieldError("notes", "x", SOMETHING_NEW)
    assert field_error_text("site", error) == "Ghi chú: cần something new. (Đã nhập: x)"


@pytest.fixture
def sqlite_registry(templates):
    """An initialised SQLite registry (units and admin), without the demo."""
    registry = open_registry(
        registry_config({"REGISTRY_DATABASE_URL": templates.sqlite()})
    )
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
    site = SITES.create(
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
                lambda: SITES.update(
                    registry, admin, site_id, {"name": "B"}, expected_version=7
                )
            )
        ),
        "transition": error_text(
            _raised(
                lambda: SITES.change_status(
                    registry, admin, site_id, "planned", reason="thử"
                )
            )
        ),
        "outside": error_text(_raised(lambda: SITES.get(registry, clerk, site_id))),
        "other network": error_text(
            _raised(
                lambda: SITES.create(
                    registry, operator, site_values(registry, site_code="B2")
                )
            )
        ),
        "role": error_text(
            _raised(lambda: SITES.retire(registry, clerk, site_id, reason="x"))
        ),
        "not found": error_text(_raised(lambda: SITES.get(registry, admin, 999_999))),
    }
    for text in texts.values():
        assert_plain_vietnamese(text)
    # Who changed it last (the site's creation, by the administrator) and when.
    assert texts["stale"].startswith(
        f"Bản ghi trạm BTS #{site_id} đã được Quản trị hệ thống (dòng lệnh) sửa lúc "
    )
    assert "nay là phiên bản 1, bạn sửa từ phiên bản 7" in texts["stale"]
    assert "«Đã cấp phép», không thể chuyển sang «Quy hoạch»" in texts["transition"]
    assert "Đang phát sóng" in texts["transition"]
    assert texts["outside"] == (
        "Bạn không có quyền thực hiện thao tác này (bản ghi nằm ngoài địa bàn "
        "của bạn (Phường Nghi Phú))."
    )
    assert "mạng của bạn là 01, còn trạm thuộc mạng 04" in texts["other network"]
    assert "vai trò «Cán bộ xã/phường» không có quyền này" in texts["role"]
    assert texts["not found"] == "Không tìm thấy trạm BTS 999999."

    SITES.retire(registry, admin, site_id, reason="Trùng")
    retired = _raised(lambda: SITES.update(registry, admin, site_id, {"name": "C"}))
    assert isinstance(retired, ConflictError)
    assert error_text(retired).startswith(f"Bản ghi #{site_id} đã bị thu hồi ngày")


def test_service_field_errors_have_vietnamese_texts(sqlite_registry):
    registry = sqlite_registry
    admin = find_actor(registry, "admin")
    site = SITES.create(registry, admin, site_values(registry))
    problems = [
        _raised(lambda: SITES.create(registry, admin, site_values(registry))),
        _raised(
            lambda: SITES.change_status(
                registry, admin, site["id"], "suspended", reason=" "
            )
        ),
        _raised(lambda: SITES.retire(registry, admin, site["id"], reason="")),
        _raised(lambda: SITES.update(registry, admin, site["id"], {"status": "x"})),
        _raised(lambda: SITES.update(registry, admin, site["id"], {"colour": "x"})),
    ]
    for problem in problems:
        assert isinstance(problem, ValidationError), problem
        for field_problem in problem.errors:
            assert vietnamese(field_problem.code, field_problem.context), (
                field_problem.expected
            )
        assert error_text(problem).startswith("Có 1 trường chưa hợp lệ")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.csv", b"", "tệp rỗng"),
        ("a.csv", b"name\nA\n", "thiếu cột bắt buộc"),
        ("a.ods", b"x", "không đọc được tệp đuôi '.ods'"),
        ("a.csv", b"Vi do,latitude\n1,2\n", "cùng là trường «Vĩ độ»"),
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
    error = PermissionDeniedError(access_msg.WRONG_PASSWORD, user="x", action="sign in")
    assert "sai tên đăng nhập hoặc mật khẩu" in error_text(error)


def test_a_missing_record_names_what_was_asked_for():
    error = NotFoundError(records_msg.POINT_NOT_FOUND, key=5)
    assert error_text(error) == "Không tìm thấy điểm 5."


# -- the tables ---------------------------------------------------------------

INTERNAL_NAME = re.compile(
    r"\b[a-z0-9]+_[a-z0-9_]+\b"  # a field or variable name: follow_up_deadline
    r"|\b[a-z]+\.[a-z_]+\b"  # a dotted code or key: internet.hours
    r"|\bbản \d{4}-\d{2}\b"  # an edition shown as data: "bản 2025-06"
)


def assert_plain_vietnamese(text: str) -> None:
    """A message a user reads names no internal code, field or edition key."""
    found = INTERNAL_NAME.findall(text)
    assert not found, f"{found} in {text!r}"


def _registry_codes() -> set[str]:
    """Every message code the registry and geodata declare (all modules imported)."""
    import registry

    for info in pkgutil.walk_packages(registry.__path__, "registry."):
        if ".migrations" not in info.name and not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    declared = {code for code in english_table() if not code.startswith("test.")}
    return declared | set(GEODATA_MESSAGES)


def test_every_code_of_the_registry_has_a_vietnamese_text_and_no_text_is_stale():
    codes = _registry_codes()
    table = set(vietnamese_table())
    assert sorted(codes - table) == []
    assert sorted(table - codes) == []


@pytest.mark.parametrize("code", sorted(vietnamese_table()))
def test_no_vietnamese_template_names_an_internal_field_or_code(code):
    template = vietnamese_table()[code]
    if callable(template):
        return  # their texts are checked where the services produce them
    shown = re.sub(r"\{[^{}]*\}", "", template)  # the placeholders are data
    if code.startswith("rules."):
        # Rule-set files are corrected by technical staff: their keys are named.
        return
    assert_plain_vietnamese(shown)


def test_the_plain_vietnamese_check_notices_internal_names():
    for text in (
        "cần follow_up_deadline",
        "mục internet.hours",
        "huyện 429, bản 2025-06",
    ):
        with pytest.raises(AssertionError):
            assert_plain_vietnamese(text)
    assert_plain_vietnamese("Bản ghi nằm ngoài địa bàn của bạn (Phường Hưng Dũng).")
