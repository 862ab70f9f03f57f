"""The BTS map and the points map pages, through Streamlit's AppTest."""

from __future__ import annotations

import re

import pytest

from registry.kernel.clock import today
from registry.records.listing import list_records
from tests.page_support import (
    DEMO_USERNAMES,
    actor,
    demo_app_fixture,
    open_app,
    texts,
)

app_env = demo_app_fixture()

BTS_PAGE = "pages/2_Ban_do_BTS.py"
POINTS_PAGE = "pages/3_Ban_do_diem.py"


def _shown(app) -> int:
    """The number in the caption '1.234 trạm/điểm trên bản đồ'."""
    caption = next(c for c in texts(app.caption) if "trên bản đồ" in c)
    return int(re.sub(r"[^\d]", "", caption.split()[0]))


@pytest.mark.parametrize("username", DEMO_USERNAMES)
def test_the_bts_map_loads_for_every_role_with_the_approximate_warning(
    app_env, username
):
    app = open_app(app_env, username, BTS_PAGE)
    assert not app.exception
    assert texts(app.title) == ["Bản đồ trạm BTS và tăng trưởng"]
    assert _shown(app) > 0
    assert any("GẦN ĐÚNG" in w for w in texts(app.warning))


def test_an_operator_sees_only_its_own_sites(app_env):
    everyone = _shown(open_app(app_env, "so.tttt", BTS_PAGE))
    viettel = _shown(open_app(app_env, "viettel", BTS_PAGE))
    assert 0 < viettel < everyone


def test_the_day_slider_gave_way_to_the_year_stepper_on_the_map(app_env):
    app = open_app(app_env, "so.tttt", BTS_PAGE)
    assert not app.slider
    assert any("Nút Chạy đi qua từng năm" in c for c in texts(app.caption))


def test_a_district_user_opens_on_the_communes_of_the_district(app_env):
    app = open_app(app_env, "huyen.vinh", BTS_PAGE)
    assert app.radio(key="bts_edition").value == "2025-07"  # in force today
    app.radio(key="bts_edition").set_value("2025-06").run()  # the huyện of the plan
    assert app.radio(key="bts_level_2025-06").value == "commune"
    units = app.dataframe[0].value
    # The communes of TP Vinh, not the 480 communes of the province.
    assert 10 < len(units) < 40


def test_a_site_in_the_url_is_shown_and_one_outside_the_area_refused(app_env):
    officer = actor(app_env, "huyen.vinh")
    sites = list_records(app_env, actor(app_env, "so.tttt"), "site")
    inside = sites[sites["district_2025_06"] == officer.area_code].iloc[0]
    outside = sites[sites["district_2025_06"] != officer.area_code].iloc[0]
    app = open_app(app_env, "huyen.vinh", BTS_PAGE, query={"site": str(inside["id"])})
    assert not app.exception and not app.error
    assert any(inside["name"] in i for i in texts(app.info))
    assert any(f"{inside['name']}" in s for s in texts(app.subheader))
    app = open_app(app_env, "huyen.vinh", BTS_PAGE, query={"site": str(outside["id"])})
    assert not app.exception
    refusal = " ".join(texts(app.error))
    assert "Vinh" in refusal and outside["name"] not in refusal
    assert not any(outside["name"] in s for s in texts(app.subheader))
    assert _shown(app) > 0  # the map still opens, on the user's area


def test_filters_and_the_edition_switch_change_the_map(app_env):
    app = open_app(app_env, "so.tttt", BTS_PAGE)
    everything = _shown(app)
    app.multiselect(key="bts_networks").set_value(["04"]).run()
    assert 0 < _shown(app) < everything
    assert app.radio(key="bts_edition").value == "2025-07"  # in force today
    app.radio(key="bts_edition").set_value("2025-06").run()
    assert not app.exception
    assert app.radio(key="bts_level_2025-06").options == ["Huyện", "Xã/phường"]
    units = app.dataframe[0].value
    assert len(units) == 20


def test_the_growth_table_has_a_column_per_year(app_env):
    app = open_app(app_env, "so.tttt", BTS_PAGE)
    growth = app.dataframe[-1].value
    assert "2005" in growth.columns and str(today().year) in growth.columns
    assert growth.loc["Tổng", "2005"] < growth.loc["Tổng", "2020"]


def test_the_map_speaks_english_when_asked(app_env):
    app = open_app(app_env, "so.tttt", BTS_PAGE, language="en")
    assert texts(app.title) == ["BTS map and growth"]


@pytest.mark.parametrize("username", ["so.tttt", "huyen.vinh", "xa.hungdung", "khach"])
def test_the_points_map_loads_with_certificate_filters(app_env, username):
    app = open_app(app_env, username, POINTS_PAGE)
    assert not app.exception
    assert _shown(app) > 0
    if username == "so.tttt":
        everything = _shown(app)
        app.multiselect(key="pts_cert").set_value(["expired"]).run()
        assert 0 < _shown(app) < everything


def test_an_operator_cannot_open_the_points_map(app_env):
    app = open_app(app_env, "viettel", POINTS_PAGE)
    assert not app.exception
    assert app.error and not any("trên bản đồ" in c for c in texts(app.caption))


def test_the_map_radios_keep_their_choice_in_view_after_a_language_switch(app_env):
    app = open_app(app_env, "so.tttt", BTS_PAGE)
    app.radio(key="bts_edition").set_value("2025-06").run()
    app.radio(key="bts_level_2025-06").set_value("commune").run()
    app.radio(key="bts_metric").set_value("per_km2").run()
    app.radio(key="_language_choice").set_value("en").run()
    assert not app.exception
    # What the browser is told to show (the default it falls back to when the
    # labels change) is the choice the session holds.
    level = app.radio(key="bts_level_2025-06")
    metric = app.radio(key="bts_metric")
    assert level.label == "Shade by" and level.proto.default == 1
    assert level.value == "commune"
    assert metric.proto.default == 1 and metric.value == "per_km2"
    assert app.radio(key="bts_edition").proto.default == 0  # 2025-06, as held


def test_the_network_over_the_years_offers_two_to_six_years(app_env):
    app = open_app(app_env, "huyen.vinh", BTS_PAGE)
    years = app.multiselect(key="bts_multiples_years")
    assert 4 <= len(years.value) <= 6 and years.value == sorted(years.value)
    assert not any("Chọn từ 2 đến 6 năm" in i for i in texts(app.info))
    years.set_value([2015]).run()
    assert not app.exception
    assert any("Chọn từ 2 đến 6 năm" in i for i in texts(app.info))
