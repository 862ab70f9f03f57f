"""The registry page: search, open a record, create, edit, change status, retire."""

from __future__ import annotations

import pytest

from geodata.names import fold_name
from registry.records.by_kind import SITES
from registry.records.search import search_records
from tests.factories import commune_centroid
from tests.page_support import (
    DEMO_USERNAMES,
    actor,
    demo_app_fixture,
    open_app,
    texts,
)

app_env = demo_app_fixture()

PAGE = "pages/4_So_dang_ky.py"


def _table(app):
    return app.dataframe[0].value


def _create_key(app, group: str = "sites") -> str:
    """Key of the create form (its number grows after each record created)."""
    state = app.session_state
    done = state["reg_create_round"] if "reg_create_round" in state else 0  # noqa: SIM401
    return f"reg_new_{group}_{done}"


@pytest.mark.parametrize("username", DEMO_USERNAMES)
def test_the_page_loads_for_every_role(app_env, username):
    app = open_app(app_env, username, PAGE)
    assert not app.exception
    assert texts(app.title) == ["Sổ đăng ký"]
    assert len(_table(app)) > 0


def test_operators_may_choose_only_sites(app_env):
    app = open_app(app_env, "viettel", PAGE)
    assert app.get("segmented_control")[0].options == ["Trạm BTS"]
    operators = set(_table(app)["Doanh nghiệp"])
    assert operators == {"Viettel"}


def test_searching_vinh_finds_the_records_spelled_vinh_with_diacritics(app_env):
    app = open_app(app_env, "so.tttt", PAGE)
    app.text_input(key="reg_query").input("vinh").run()
    table = _table(app)
    assert "Đông Vĩnh 001" in table["Tên trạm"].tolist()
    searched = table[
        [
            "Tên trạm",
            "Xã/phường (trước 1/7/2025)",
            "Huyện (trước 1/7/2025)",
            "Xã/phường (từ 1/7/2025)",
        ]
    ]
    for row in searched.itertuples(index=False):
        assert any("vinh" in fold_name(str(v), strip_prefix=False) for v in row)
    assert len(table) < 300


def test_searching_hoa_finds_hoa_whatever_the_tone_mark(app_env):
    app = open_app(app_env, "so.tttt", PAGE)
    app.get("segmented_control")[0].set_value("Điểm Internet công cộng").run()
    app.text_input(key="reg_query").input("hoa").run()
    names = " ".join(_table(app)["Tên điểm"])
    assert "Hòa" in names or "Hoà" in names


def test_a_record_opens_from_the_url_with_its_units_and_history(app_env):
    app = open_app(app_env, "so.tttt", PAGE, query={"id": "5", "kind": "site"})
    assert not app.exception
    assert texts(app.subheader)[0].startswith("#5 ")
    tables = [frame.value for frame in app.dataframe]
    fields = next(t for t in tables if "Trường" in t.columns)
    assert "Mã mạng (MNC 452)" in fields["Trường"].tolist()
    units = next(t for t in tables if "Phân chia hành chính" in t.columns)
    assert len(units) == 2
    assert any("Trạng thái" in t.columns and "Từ ngày" in t.columns for t in tables)


def test_a_point_link_opens_the_group_of_the_point(app_env):
    games = search_records(
        app_env, actor(app_env, "so.tttt"), "point", "", kinds=["game_point"]
    )
    point_id = str(games["id"].iloc[0])
    app = open_app(app_env, "so.tttt", PAGE, query={"id": point_id, "kind": "point"})
    assert app.session_state["reg_group"] == "game-points"
    assert texts(app.subheader)[0].startswith(f"#{point_id} ")


def test_a_record_outside_the_users_area_is_refused(app_env):
    outside = search_records(app_env, actor(app_env, "so.tttt"), "site", "Quỳnh")
    record_id = str(outside["id"].iloc[0])
    app = open_app(
        app_env, "xa.hungdung", PAGE, query={"id": record_id, "kind": "site"}
    )
    assert not app.exception
    assert any("không có quyền" in text for text in texts(app.error))


def _site_values(registry, code: str, commune: str = "Hưng Dũng") -> dict:
    lat, lon, _ = commune_centroid(registry, commune)
    return {
        "site_code": code,
        "name": f"Trạm thử {code}",
        "latitude": str(lat),
        "longitude": str(lon),
    }


def _submit_site(app, values: dict, network: str | None = "04") -> None:
    prefix = _create_key(app)
    for name, value in values.items():
        app.text_input(key=f"{prefix}_{name}").input(value)
    if network is not None:
        app.selectbox(key=f"{prefix}_network_code").set_value(network)
    app.selectbox(key=f"{prefix}_structure_type").set_value("ground_tower")
    app.button(key=f"{prefix}_submit").click().run()


def test_creating_a_site_through_the_form_stores_it_and_lists_it(app_env):
    app = open_app(app_env, "so.tttt", PAGE)
    _submit_site(app, _site_values(app_env, "UI-T0001"))
    assert not app.exception
    assert any("Đã thêm bản ghi" in text for text in texts(app.success))
    new_id = int(app.query_params["id"])
    assert (
        SITES.get(app_env, actor(app_env, "so.tttt"), new_id)["site_code"] == "UI-T0001"
    )
    app.text_input(key="reg_query").input("UI-T0001").run()
    assert _table(app)["Mã trạm"].tolist() == ["UI-T0001"]


def test_an_operator_creates_a_site_of_their_own_network_only(app_env):
    app = open_app(app_env, "viettel", PAGE)
    prefix = _create_key(app)
    network = app.selectbox(key=f"{prefix}_network_code")
    assert network.disabled and network.value == "04"
    _submit_site(app, _site_values(app_env, "UI-OP0001"), network=None)
    assert not app.exception
    assert any("Đã thêm bản ghi" in text for text in texts(app.success))


def test_a_location_outside_the_province_is_shown_under_the_latitude(app_env):
    app = open_app(app_env, "so.tttt", PAGE)
    values = _site_values(app_env, "UI-BAD01")
    values.update(latitude="10.7769", longitude="106.7009")  # Ho Chi Minh City
    _submit_site(app, values)
    assert not app.exception
    errors = texts(app.error)
    assert any(e.startswith("Vĩ độ: cần một vị trí trong") for e in errors), errors
    assert any("nằm ngoài tỉnh" in e for e in errors)
    assert "id" not in app.query_params


def test_a_missing_required_field_is_named_in_vietnamese(app_env):
    app = open_app(app_env, "so.tttt", PAGE)
    values = _site_values(app_env, "UI-BAD02")
    values["name"] = ""
    _submit_site(app, values)
    assert "Tên trạm: cần nhập giá trị (trường bắt buộc)." in texts(app.error)


def _created_site(registry, code: str) -> int:

    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    record = SITES.create(
        registry,
        actor(registry, "so.tttt"),
        {
            "network_code": "04",
            "site_code": code,
            "name": f"Trạm {code}",
            "latitude": lat,
            "longitude": lon,
            "structure_type": "ground_tower",
            "status": "licensed",
            "status_since": "2024-01-10",
        },
    )
    return int(record["id"])


def test_editing_a_record_saves_the_change_with_its_version(app_env):
    site_id = _created_site(app_env, "UI-ED001")
    app = open_app(
        app_env, "huyen.vinh", PAGE, query={"id": str(site_id), "kind": "site"}
    )
    prefix = f"reg_edit_site_{site_id}_1"
    app.text_input(key=f"{prefix}_name").input("Trạm đã đổi tên")
    app.button(key=f"{prefix}_submit").click().run()
    assert not app.exception
    assert any("Đã lưu" in text for text in texts(app.success))
    stored = SITES.get(app_env, actor(app_env, "so.tttt"), site_id)
    assert (stored["name"], stored["version"]) == ("Trạm đã đổi tên", 2)


def test_changing_the_status_appends_to_the_history(app_env):
    site_id = _created_site(app_env, "UI-ST001")
    app = open_app(app_env, "so.tttt", PAGE, query={"id": str(site_id), "kind": "site"})
    prefix = f"reg_status_site_{site_id}_1"
    app.selectbox(key=f"{prefix}_status").set_value("on_air")
    app.text_input(key=f"{prefix}_reason").input("Đã phát sóng")
    app.button(key=f"{prefix}_submit").click().run()
    assert not app.exception
    stored = SITES.get(app_env, actor(app_env, "so.tttt"), site_id)
    assert [entry["status"] for entry in stored["history"]] == ["licensed", "on_air"]


def test_a_status_change_without_reason_names_the_reason_field(app_env):
    site_id = _created_site(app_env, "UI-ST002")
    app = open_app(app_env, "so.tttt", PAGE, query={"id": str(site_id), "kind": "site"})
    prefix = f"reg_status_site_{site_id}_1"
    app.selectbox(key=f"{prefix}_status").set_value("on_air")
    app.button(key=f"{prefix}_submit").click().run()
    assert "Lý do: cần lý do đổi trạng thái." in texts(app.error)


def test_retiring_needs_the_confirmation_and_keeps_the_record(app_env):
    site_id = _created_site(app_env, "UI-RT001")
    app = open_app(app_env, "so.tttt", PAGE, query={"id": str(site_id), "kind": "site"})
    prefix = f"reg_retire_site_{site_id}_1"
    app.text_input(key=f"{prefix}_reason").input("Trùng với trạm khác")
    app.checkbox(key=f"{prefix}_sure").check()
    app.button(key=f"{prefix}_submit").click().run()
    assert not app.exception
    assert any("Bản ghi đã thu hồi" in text for text in texts(app.warning))
    assert SITES.get(app_env, actor(app_env, "so.tttt"), site_id)["retired_on"]


@pytest.mark.parametrize(
    ("username", "tabs"),
    [
        (
            "so.tttt",
            ["Thông tin", "Nhật ký thay đổi", "Sửa", "Đổi trạng thái", "Thu hồi"],
        ),
        ("xa.hungdung", ["Thông tin", "Nhật ký thay đổi"]),
        ("khach", ["Thông tin", "Nhật ký thay đổi"]),
    ],
)
def test_the_forms_offered_follow_the_role(app_env, username, tabs):
    mine = search_records(app_env, actor(app_env, "xa.hungdung"), "site", "")
    record_id = str(mine["id"].iloc[0])
    app = open_app(app_env, username, PAGE, query={"id": record_id, "kind": "site"})
    assert [tab.label for tab in app.tabs] == tabs
    creates = [e.label for e in app.expander]
    assert ("Thêm trạm BTS mới" in creates) is (username == "so.tttt")


def test_choosing_a_row_of_the_table_opens_that_record(app_env):
    app = open_app(app_env, "so.tttt", PAGE)
    third = _table(app).iloc[2]
    app.session_state["reg_table_sites_"] = {
        "selection": {"rows": [2], "columns": [], "cells": []}
    }
    app.run()
    assert app.query_params["id"] == str(third["Số hiệu"])
    assert texts(app.subheader)[0].startswith(
        f"#{third['Số hiệu']} {third['Tên trạm']}"
    )


def test_the_page_speaks_english_when_asked(app_env):
    app = open_app(app_env, "so.tttt", PAGE, language="en", query={"id": "5"})
    assert not app.exception
    assert texts(app.title) == ["Registry"]
    assert "Site name" in _table(app).columns
    assert [tab.label for tab in app.tabs][:2] == ["Details", "Audit trail"]
