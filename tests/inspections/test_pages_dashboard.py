"""The inspections dashboard page per role: the figures of the user's area, the
area and day choices, and the links to the records behind the figures. AppTest
against a small demo registry."""

from __future__ import annotations

import re
from datetime import date

import pytest

from registry.inspections.plans import inspection_overview
from registry.inspections.service import (
    open_inspection,
    record_items,
    submit_inspection,
)
from tests.inspections.support import answered
from tests.page_support import actor, demo_app_fixture, open_app, texts

app_env = demo_app_fixture()

PAGE = "pages/7_Bang_theo_doi.py"
REFUSAL = "Vai trò của bạn không được mở trang «Bảng theo dõi kiểm tra»."


def _metric(app, label: str) -> str:
    """The metric's figure without its thousands separators ("1.234" -> "1234")."""
    return next(m.value for m in app.metric if m.label == label).replace(".", "")


def _links(app) -> list[str]:
    return [link.proto.label for link in app.get("page_link")]


@pytest.mark.parametrize(
    ("username", "area"),
    [
        ("xa.hungdung", "Phường Hưng Dũng"),
        ("xa.truongvinh", "Phường Trường Vinh"),
        ("huyen.vinh", "Thành phố Vinh"),
        ("so.tttt", "toàn bộ địa bàn được xem"),
    ],
)
def test_the_dashboard_shows_the_figures_of_the_users_area(app_env, username, area):
    app = open_app(app_env, username, PAGE)
    assert not app.exception
    assert texts(app.title) == ["Bảng theo dõi kiểm tra"]
    assert any(f"Địa bàn: {area}" in text for text in texts(app.caption))
    labels = [m.label for m in app.metric]
    for label in (
        "Đã kiểm tra",
        "Điểm quá hạn kiểm tra",
        "Đã hết hạn",
        "Đang hoạt động, chưa có giấy chứng nhận",
        "Điểm trò chơi gần cổng trường",
    ):
        assert label in labels
    assert "Tỷ lệ vi phạm theo quy định" in texts(app.subheader)


@pytest.mark.parametrize("username", ["viettel", "khach"])
def test_operators_and_viewers_are_refused(app_env, username):
    app = open_app(app_env, username, PAGE)
    assert texts(app.error) == [REFUSAL]
    assert not app.metric


def test_a_submitted_inspection_changes_the_counts(app_env):
    before = open_app(app_env, "xa.hungdung", PAGE)
    done = int(_metric(before, "Đã kiểm tra"))
    waiting = int(_metric(before, "Phiếu chờ duyệt"))
    clerk = actor(app_env, "xa.hungdung")
    target = int(inspection_overview(app_env, clerk).points["id"].iloc[0])
    view = open_inspection(app_env, clerk, target)
    answers = answered(view, "fail")
    record_items(app_env, clerk, view["id"], answers)
    submit_inspection(app_env, clerk, view["id"])
    after = open_app(app_env, "xa.hungdung", PAGE)
    assert int(_metric(after, "Đã kiểm tra")) == done + 1
    assert int(_metric(after, "Phiếu chờ duyệt")) == waiting + 1
    assert any(label.startswith(f"Phiếu #{view['id']} · ") for label in _links(after))
    rates = after.dataframe[0].value
    # The demo's earlier inspections of the year count too: each rule this one
    # failed now shows a failure rate above nothing, written the Vietnamese way
    # (decimal comma, space before %), and each rule by its title, never its id.
    failed = {i["title_vi"] for i in view["items"] if i["rule_id"] in answers}
    shown = rates[rates.isin(failed).any(axis=1)]["Tỷ lệ không đạt"]
    assert failed and len(shown) == len(failed)
    assert all(re.fullmatch(r"\d{1,3},\d %", v) for v in rates["Tỷ lệ không đạt"])
    assert "0,0 %" not in set(shown)
    assert not rates.astype(str).map(lambda v: "internet." in v).any().any()


def test_the_figures_link_to_the_points_behind_them(app_env):
    app = open_app(app_env, "huyen.vinh", PAGE)
    overdue = int(_metric(app, "Điểm quá hạn kiểm tra"))
    assert overdue > 0
    point_links = [label for label in _links(app) if label.startswith("Điểm #")]
    assert point_links


def test_a_district_narrows_the_dashboard_to_one_commune(app_env):
    app = open_app(app_env, "huyen.vinh", PAGE)
    whole = int(_metric(app, "Điểm đang hoạt động"))
    box = next(s for s in app.selectbox if s.label == "Xã/phường")
    assert box.options[0] == "Tất cả"
    index = next(i for i, o in enumerate(box.options) if o == "Phường Hưng Dũng")
    box.select_index(index).run()
    assert not app.exception
    assert any("Địa bàn: Phường Hưng Dũng" in text for text in texts(app.caption))
    assert int(_metric(app, "Điểm đang hoạt động")) < whole


def test_the_department_looks_at_a_day_under_decree_72(app_env):
    app = open_app(app_env, "so.tttt", PAGE)
    app.date_input(key="dash_on").set_value(date(2024, 6, 3)).run()
    assert not app.exception
    assert any("Nghị định 72/2013" in text for text in texts(app.caption))
    assert _metric(app, "Điểm trò chơi gần cổng trường") != "—"


def test_the_department_opens_on_the_communes_in_force_today(app_env):
    app = open_app(app_env, "so.tttt", PAGE)
    assert not app.exception
    assert app.selectbox(key="dash_edition").value == "2025-07"
    assert not [s for s in app.selectbox if s.key == "dash_district"]
    app.selectbox(key="dash_edition").set_value("2025-06").run()
    assert not app.exception
    assert (
        app.selectbox(key="dash_district").value == ""
    )  # "Tất cả"; huyện kept for history
