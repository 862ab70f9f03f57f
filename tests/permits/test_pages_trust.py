"""The permits page and trust: an operator files a transfer through the form, the
receiving operator signs it on the page (nobody else is offered the form), and
a user who filed or verified an application is not offered the form to verify or
decide it, but told why. AppTest against a small demo registry (two-level matrix
in force)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from registry.access.users import create_user
from registry.kernel.clock import today
from registry.permits.filing import file_application
from registry.permits.queries import get_application
from registry.permits.steps import verify_application
from registry.records.by_kind import SITES
from tests.factories import commune_centroid
from tests.page_support import actor, demo_app_fixture, open_app, texts

app_env = demo_app_fixture()

PAGE = "pages/8_Ho_so_cap_phep.py"


@pytest.fixture(scope="module")
def operators(app_env):
    """MobiFone and VinaPhone users next to the demo's Viettel."""
    admin = actor(app_env, "admin")
    for name, network in (("mobifone.demo", "01"), ("vinaphone.demo", "02")):
        create_user(
            app_env,
            admin,
            username=name,
            display_name=name,
            role="operator",
            network_code=network,
        )
    return app_env


def _viettel_site(registry, skip: int = 0) -> int:
    """A Viettel site on the air with no application (lowest ids first)."""
    sites = SITES.list(registry, actor(registry, "viettel"))
    own = sites[(sites["network_code"] == "04") & (sites["status"] == "on_air")]
    return int(sorted(own["id"])[10 + skip])


def _button(app, label: str):
    return next(b for b in app.button if b.label == label)


def _labels(app) -> list[str]:
    return [b.label for b in app.button]


def test_an_operator_files_a_transfer_through_the_form(operators):
    registry = operators
    site = _viettel_site(registry)
    app = open_app(registry, "viettel", PAGE)
    app.button_group(key="pmt_section").set_value("file").run()
    app.selectbox(key="pmt_file_kind").set_value("bts_transfer").run()
    app.selectbox(key="pmt_file_bts_transfer_record").set_value(site).run()
    receiving = app.selectbox(key=f"pmt_file_bts_transfer_{site}_receiving")
    assert "04" not in receiving.options and "01 – MobiFone" in receiving.options
    receiving.set_value("01")
    _button(app, "Gửi hồ sơ").click().run()
    assert not app.exception
    shown = " ".join(texts(app.success) + texts(app.info))
    assert "chờ MobiFone ký đồng ý nhận trạm" in shown
    number = int(app.query_params["application"][0])
    view = get_application(registry, actor(registry, "viettel"), number)
    assert (view.summary.kind, view.summary.state) == (
        "bts_transfer",
        "awaiting_consent",
    )
    assert view.receiving_network == "01"
    assert "Ghi ý kiến" not in _labels(app)


def test_only_the_receiving_operator_is_offered_the_signature(operators):
    registry = operators
    site = _viettel_site(registry, skip=1)
    number = file_application(
        registry,
        actor(registry, "viettel"),
        "bts_transfer",
        site_id=site,
        values={"network_code": "01"},
    ).summary.id
    query = {"application": str(number)}
    # The department would decide, but not before MobiFone signs.
    department = open_app(registry, "so.tttt", PAGE, query=query)
    assert "Ghi quyết định" not in _labels(department)
    assert any("chờ MobiFone ký đồng ý" in s for s in texts(department.info))
    # VinaPhone does not even see it.
    other = open_app(registry, "vinaphone.demo", PAGE, query=query)
    assert not other.exception
    assert any("không thuộc mạng của bạn" in e for e in texts(other.error))
    app = open_app(registry, "mobifone.demo", PAGE, query=query)
    assert app.tabs[0].label == "Xử lý"
    assert "Viettel đề nghị chuyển giao trạm này" in " ".join(texts(app.caption))
    _button(app, "Ghi ý kiến").click().run()
    assert not app.exception
    assert any("Đã ký đồng ý nhận trạm" in s for s in texts(app.success))
    signed = get_application(registry, actor(registry, "so.tttt"), number)
    assert (signed.summary.state, signed.summary.step_level) == (
        "deciding",
        "department",
    )
    assert signed.consented_by == "mobifone.demo"
    decide = open_app(registry, "so.tttt", PAGE, query=query)
    assert "Ghi quyết định" in _labels(decide)


def _game_values(registry, name: str) -> dict:
    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    return {
        "name": name,
        "latitude": lat + 0.0007,
        "longitude": lon - 0.0006,
        "declared_commune": "Hưng Dũng",
        "owner_name": "Chủ điểm thử",
        "computers": 12,
        "floor_area_m2": 60,
    }


# Filed today: held by the Thành Vinh ward, which took Hưng Dũng in on 1/7/2025.


def test_the_filer_is_not_offered_the_verification_and_is_told_why(app_env):
    number = file_application(
        app_env,
        actor(app_env, "xa.thanhvinh"),
        "game_new",
        values=_game_values(app_env, "Phòng game tự ghi"),
    ).summary.id
    app = open_app(app_env, "xa.thanhvinh", PAGE, query={"application": str(number)})
    assert not app.exception
    assert "Ghi kết quả thẩm tra" not in _labels(app)
    warned = " ".join(texts(app.warning))
    assert "Bạn đã nộp hồ sơ này nên không được thẩm tra hay quyết định" in warned


def test_the_verifier_and_the_filer_are_not_offered_the_decision(app_env):
    """An administrator files a high tower (the department decides); the ward
    verifies it and may not decide it in its own commune either."""
    lat, lon, _ = commune_centroid(app_env, "Hưng Dũng")
    number = file_application(
        app_env,
        actor(app_env, "admin"),
        "bts_new",
        values={
            "network_code": "04",
            "site_code": "VT-4MAT",
            "name": "Trạm bốn mắt",
            "latitude": lat - 0.0006,
            "longitude": lon + 0.0007,
            "structure_type": "ground_tower",
            "structure_height_m": 60,
        },
    ).summary.id
    verify_application(app_env, actor(app_env, "xa.thanhvinh"), number)
    query = {"application": str(number)}
    admin = open_app(app_env, "admin", PAGE, query=query)
    assert not admin.exception
    assert "Ghi quyết định" not in _labels(admin)
    assert any("Bạn đã nộp hồ sơ này" in w for w in texts(admin.warning))
    department = open_app(app_env, "so.tttt", PAGE, query=query)
    assert "Ghi quyết định" in _labels(department)
    assert not any("Bạn đã" in w for w in texts(department.warning))


def test_the_verifier_is_not_offered_the_decision_and_is_told_why(app_env):
    ward = actor(app_env, "xa.thanhvinh")
    number = file_application(
        app_env,
        actor(app_env, "so.tttt"),
        "game_new",
        values=_game_values(app_env, "Phòng game thẩm tra"),
    ).summary.id
    verify_application(app_env, ward, number)
    assert get_application(app_env, ward, number).summary.step_level == "commune"
    app = open_app(app_env, "xa.thanhvinh", PAGE, query={"application": str(number)})
    assert not app.exception
    assert "Ghi quyết định" not in _labels(app)
    warned = " ".join(texts(app.warning))
    assert "Bạn đã thẩm tra hồ sơ này nên không được quyết định" in warned


def test_an_admin_backdates_the_filing_day_with_a_reason(app_env):
    lat, lon, _ = commune_centroid(app_env, "Hưng Dũng")
    number = file_application(
        app_env,
        actor(app_env, "viettel"),
        "bts_new",
        values={
            "network_code": "04",
            "site_code": "VT-GIAY",
            "name": "Trạm hồ sơ giấy",
            "latitude": lat + 0.0009,
            "longitude": lon + 0.0002,
            "structure_type": "ground_tower",
            "structure_height_m": 30,
        },
    ).summary.id
    query = {"application": str(number)}
    assert "Sửa ngày nộp" not in _labels(
        open_app(app_env, "so.tttt", PAGE, query=query)
    )
    app = open_app(app_env, "admin", PAGE, query=query)
    view = get_application(app_env, actor(app_env, "admin"), number)
    form = f"pmt_{number}_verifying_{len(view.steps)}_0_filing_day"
    earlier = today() - timedelta(days=3)
    app.date_input(key=f"{form}_day").set_value(earlier)
    _button(app, "Sửa ngày nộp").click().run()
    assert any("lý do sửa ngày nộp hồ sơ" in e for e in texts(app.error))
    app.text_area(key=f"{form}_reason").input("Nhận hồ sơ giấy từ trước")
    _button(app, "Sửa ngày nộp").click().run()
    assert not app.exception
    assert f"Đã sửa ngày nộp hồ sơ #{number}." in texts(app.success)
    stored = get_application(app_env, actor(app_env, "admin"), number)
    assert stored.summary.filed_on == earlier
    assert stored.audit[-1]["reason"] == "Nhận hồ sơ giấy từ trước"
