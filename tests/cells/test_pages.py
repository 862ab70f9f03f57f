"""The cell-observation page ("Trạm ngoài sổ"), through Streamlit's AppTest."""

from __future__ import annotations

import pytest

from registry.access.users import find_actor
from registry.cells.service import import_cells
from tests.cells.support import file_bytes, make_world
from tests.page_support import demo_app_fixture, menu, open_app, texts

app_env = demo_app_fixture()

PAGE = "pages/12_Tram_ngoai_so.py"


@pytest.fixture(scope="module")
def imported(app_env):
    truth = make_world(app_env)
    import_cells(
        app_env, find_actor(app_env, "so.tttt"), file_bytes(truth), filename="c.csv"
    )
    return app_env


def _table(app):
    return next(f.value for f in app.dataframe if "Loại" in f.value.columns)


def test_the_department_sees_the_findings_their_table_and_the_upload(imported):
    app = open_app(imported, "so.tttt", PAGE)
    assert not app.exception
    assert texts(app.title) == ["Trạm phát sóng chưa có trong sổ đăng ký"]
    table = _table(app)
    assert {"Trạm nghi chưa đăng ký", "Trạm đăng ký không thấy phát sóng"} <= set(
        table["Loại"]
    )
    assert table["Độ tin cậy"].str.fullmatch(r"[01],\d\d").all()
    assert any(b.label == "Nhập và đối chiếu" for b in app.get("form_submit_button"))
    assert "Trạm ngoài sổ" in menu(app)
    app.selectbox[0].set_value("unregistered").run()
    assert set(_table(app)["Loại"]) == {"Trạm nghi chưa đăng ký"}


def test_a_finding_becomes_an_inspection_task_listed_on_the_page(imported):
    app = open_app(imported, "so.tttt", PAGE)
    finding = app.selectbox[1].options[0]
    app.text_area[0].input("Kiểm tra trạm lạ")
    next(
        b for b in app.get("form_submit_button") if b.label == "Giao việc"
    ).click().run()
    assert not app.exception
    assert any("Đã giao việc số" in s for s in texts(app.success))
    listed = next(f.value for f in app.dataframe if "Người giao" in f.value.columns)
    assert str(listed["Phát hiện số"].iloc[0]) == str(finding)
    assert listed["Ghi chú"].iloc[0] == "Kiểm tra trạm lạ"


def test_an_operator_sees_its_own_network_only_and_cannot_upload(imported):
    app = open_app(imported, "viettel", PAGE)
    assert not app.exception
    assert set(_table(app)["Doanh nghiệp"]) == {"Viettel"}
    assert not any(
        b.label == "Nhập và đối chiếu" for b in app.get("form_submit_button")
    )


def test_a_viewer_cannot_open_the_page(imported):
    app = open_app(imported, "khach", PAGE)
    assert "Trạm ngoài sổ" not in menu(app)
    assert not app.dataframe


def test_the_page_speaks_english(imported):
    app = open_app(imported, "so.tttt", PAGE, language="en")
    assert not app.exception
    assert texts(app.title) == ["Stations on the air but not in the registry"]


def test_a_finding_link_zooms_the_map_and_a_foreign_id_is_ignored(imported):
    app = open_app(imported, "so.tttt", PAGE)
    table = _table(app)
    first = table["Số"].iloc[0]
    assert table["Bản đồ"].iloc[0] == f"/Tram_ngoai_so?finding={first}"
    app = open_app(imported, "so.tttt", PAGE, query={"finding": str(first)})
    assert not app.exception
    assert any(f"phát hiện số {first}" in i for i in texts(app.info))
    everything = table
    viettel = open_app(imported, "viettel", PAGE)
    own = set(_table(viettel)["Số"])
    foreign = next(i for i in everything["Số"] if i not in own)
    viettel = open_app(imported, "viettel", PAGE, query={"finding": str(foreign)})
    assert not viettel.exception
    assert viettel.warning and not any("phát hiện số" in i for i in texts(viettel.info))
