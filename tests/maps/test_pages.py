"""The BTS map and the points map pages, through Streamlit's AppTest."""

from __future__ import annotations

import re
from datetime import date

import pytest

from registry.kernel.clock import today
from tests.page_support import DEMO_USERNAMES, demo_app_fixture, open_app, texts

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


def test_the_date_slider_shows_the_network_as_it_stood_then(app_env):
    app = open_app(app_env, "so.tttt", BTS_PAGE)
    today_count = _shown(app)
    app.slider(key="bts_as_of").set_value(date(2010, 12, 31)).run()
    assert not app.exception
    assert 0 < _shown(app) < today_count


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
