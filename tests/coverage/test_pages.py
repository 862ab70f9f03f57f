"""The coverage dashboard page ("Phủ sóng"), through Streamlit's AppTest."""

from __future__ import annotations

from datetime import date

import pytest

from tests.page_support import demo_app_fixture, open_app, texts

app_env = demo_app_fixture()

PAGE = "pages/9_Phu_song.py"


def metric(app, label_start: str) -> str:
    return next(m.value for m in app.metric if m.label.startswith(label_start))


def frame_with(app, column: str):
    return next((f.value for f in app.dataframe if column in f.value.columns), None)


def test_the_department_sees_district_shares_gaps_sharing_growth_and_radii(app_env):
    app = open_app(app_env, "so.tttt", PAGE)
    assert not app.exception
    assert texts(app.title) == ["Phủ sóng di động"]
    assert any("Không có quy định nào" in i for i in texts(app.info))
    assert metric(app, "Diện tích có sóng 4G").endswith(" %")
    units = frame_with(app, "4G (% diện tích)")
    assert len(units) == 130  # communes of 2025-07, the edition in force today
    assert units["4G (% diện tích)"].str.fullmatch(r"\d{1,3},\d %").all()
    radii = frame_with(app, "Nông thôn (km)")
    assert radii["Đô thị (km)"].tolist() == ["1,5", "1,2", "1,0", "0,3"]
    assert any("Không có văn bản quy phạm" in c for c in texts(app.caption))
    growth = frame_with(app, "Tăng, giảm (%)")
    assert growth["Tăng, giảm"].str.fullmatch(r"—|0|[+-]\d{1,3}(\.\d{3})*").all()
    pairs = frame_with(app, "Khoảng cách (m)")
    assert pairs is not None or any("Không có cặp trạm" in i for i in texts(app.info))
    assert frame_with(app, "Trạm dùng chung") is not None
    assert any(e.label == "Nhập dân số từ tệp" for e in app.expander)


def test_gap_communes_name_their_district(app_env):
    app = open_app(app_env, "so.tttt", PAGE)
    app.radio(key="cov_edition").set_value("2025-06").run()
    app.radio(key="cov_level_2025-06").set_value("commune").run()
    assert not app.exception
    gaps = frame_with(app, "Lý do")
    assert gaps is not None and list(gaps.columns[:2]) == ["Đơn vị", "Huyện"]
    assert gaps["Huyện"].str.startswith(("Huyện", "Thị xã", "Thành phố")).all()


def test_districts_of_the_old_edition_and_a_past_year_end(app_env):
    app = open_app(app_env, "so.tttt", PAGE)
    assert app.radio(key="cov_edition").value == "2025-07"
    today_sites = metric(app, "Trạm đang phát sóng")
    app.radio(key="cov_edition").set_value("2025-06").run()
    assert not app.exception
    # Huyện stay available for history: the old edition opens on its districts.
    assert len(frame_with(app, "4G (% diện tích)")) == 20
    app.selectbox(key="cov_as_of").set_value(date(2015, 12, 31)).run()
    assert not app.exception
    then = metric(app, "Trạm đang phát sóng")
    assert int(then.replace(".", "")) < int(today_sites.replace(".", ""))
    assert metric(app, "Diện tích có sóng 4G") != "—"


def test_one_operator_and_another_technology(app_env):
    app = open_app(app_env, "so.tttt", PAGE)
    everyone = metric(app, "Diện tích có sóng 4G")
    app.selectbox(key="cov_operator").set_value("07").run()
    app.radio(key="cov_technology").set_value("5G").run()
    assert not app.exception
    gmobile_5g = metric(app, "Diện tích có sóng 5G")
    assert float(gmobile_5g.rstrip(" %").replace(",", ".")) < float(
        everyone.rstrip(" %").replace(",", ".")
    )


def test_a_district_officer_has_the_province_with_the_own_district_marked(app_env):
    app = open_app(app_env, "huyen.vinh", PAGE)
    assert not app.exception
    assert len(frame_with(app, "4G (% diện tích)")) == 130
    # Huyện views stay available: the officer's district in the old edition.
    app.radio(key="cov_edition").set_value("2025-06").run()
    assert not app.exception
    assert len(frame_with(app, "4G (% diện tích)")) == 20
    app.checkbox(key="cov_own").check().run()
    assert not app.exception
    units = frame_with(app, "4G (% diện tích)")
    assert units["Đơn vị"].tolist() == ["Thành phố Vinh"]
    assert not any(e.label == "Nhập dân số từ tệp" for e in app.expander)


def test_an_operator_sees_its_own_network_only(app_env):
    app = open_app(app_env, "viettel", PAGE)
    assert not app.exception
    assert "Chỉ hiển thị mạng của doanh nghiệp bạn." in texts(app.sidebar.caption)
    assert not [s for s in app.selectbox if s.key == "cov_operator"]


@pytest.mark.parametrize("language", ["en"])
def test_the_page_speaks_english_on_request(app_env, language):
    app = open_app(app_env, "so.tttt", PAGE, language=language)
    assert not app.exception
    assert texts(app.title) == ["Mobile coverage"]
    assert frame_with(app, "4G (% of area)") is not None


def _chart_specs(app) -> list[dict]:
    import json

    return [json.loads(e.proto.spec) for e in app.get("vega_lite_chart")]


def test_the_growth_chart_writes_numbers_the_vietnamese_way(app_env):
    app = open_app(app_env, "so.tttt", PAGE)
    specs = _chart_specs(app)
    assert specs, "no chart on the page"
    locale = specs[0]["config"]["locale"]["number"]
    assert (locale["thousands"], locale["decimal"]) == (".", ",")
    assert specs[0]["encoding"]["x"]["type"] == "ordinal"  # years never "2.025"
    english = open_app(app_env, "so.tttt", PAGE, language="en")
    assert "locale" not in _chart_specs(english)[0].get("config", {})
