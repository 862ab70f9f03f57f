"""The permits page per role: the inbox tabs, an operator filing a BTS application
through the form, the commune verifying, the district approving with a permit
number, refusals outside the user's level or area, the delegation matrix with its
presets and a new version, and the report with its figures. AppTest against a
small demo registry whose department has put the three-level matrix in force."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from registry.kernel.clock import living_on, today
from registry.kernel.errors import PermissionDeniedError, RegistryError
from registry.permits.filing import file_application
from registry.permits.matrix import load_presets
from registry.permits.matrix_versions import adopt_preset, edit_matrix, matrix_on
from registry.permits.queries import get_application
from registry.permits.steps import (
    approve_application,
    record_completion,
    refuse_application,
    verify_application,
)
from registry.records.by_kind import POINTS, SITES
from tests import samples
from tests.factories import commune_centroid, point_values
from tests.page_support import actor, demo_app_fixture, open_app, texts
from ui.common.i18n import all_texts
from ui.common.messages import error_text
from ui.permits.messages import permit_error_lines

demo_env = demo_app_fixture()

PAGE = "pages/8_Ho_so_cap_phep.py"
PDF = samples.PDF


@pytest.fixture(scope="module")
def app_env(demo_env):
    """The demo registry, the three-level matrix in force from 30 days ago (the
    department's decision, through the service the matrix page calls)."""
    adopt_preset(
        demo_env,
        actor(demo_env, "so.tttt"),
        "three_level",
        effective_from=today() - timedelta(days=30),
        reason="Thử nghiệm quy trình ba cấp",
    )
    return demo_env


def _button(app, label: str):
    return next(b for b in app.button if b.label == label)


def _section(app, name: str):
    app.button_group(key="pmt_section").set_value(name).run()
    assert not app.exception
    return app


def _hung_dung(registry) -> tuple[float, float]:
    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    return lat, lon


# Filed before 1/7/2025 and still open: held by the Hưng Dũng ward and the Vinh
# district (the three-level era), and by the Thành Vinh ward that took them over.
BEFORE_REFORM = date(2025, 6, 2)


def _filed(
    registry, code: str, *, height: int = 30, on: date | None = BEFORE_REFORM
) -> int:
    """A new Viettel ground tower in Hưng Dũng filed through the service on ``on``
    (None: today)."""
    lat, lon = _hung_dung(registry)
    with living_on(on or today()):
        return _file(registry, code, lat, lon, height)


def _file(registry, code: str, lat: float, lon: float, height: int) -> int:
    view = file_application(
        registry,
        actor(registry, "viettel"),
        "bts_new",
        values={
            "network_code": "04",
            "site_code": code,
            "name": f"Trạm {code}",
            "latitude": lat,
            "longitude": lon,
            "structure_type": "ground_tower",
            "structure_height_m": height,
        },
        documents=[("ho-so.pdf", PDF)],
    )
    return view.summary.id


def _messages(app) -> str:
    return " ".join(texts(app.error) + texts(app.success) + texts(app.info))


@pytest.mark.parametrize(
    ("username", "tabs"),
    [
        ("viettel", ["Chờ tôi xử lý", "Quá hạn", "Tôi đã nộp"]),
        ("xa.hungdung", ["Chờ tôi xử lý", "Quá hạn", "Tôi đã nộp"]),
        (
            "huyen.vinh",
            ["Chờ tôi xử lý", "Quá hạn", "Tôi đã nộp", "Quá hạn ở cấp dưới"],
        ),
        ("so.tttt", ["Chờ tôi xử lý", "Quá hạn", "Tôi đã nộp", "Quá hạn ở cấp dưới"]),
    ],
)
def test_each_role_sees_the_inbox_tabs_of_its_level(app_env, username, tabs):
    app = open_app(app_env, username, PAGE)
    assert not app.exception
    assert texts(app.title) == ["Hồ sơ cấp phép"]
    assert [tab.label.rsplit(" (", 1)[0] for tab in app.tabs] == [
        *tabs,
        "Tất cả hồ sơ tôi được xem",
    ]
    sections = [o.content for o in app.button_group(key="pmt_section").proto.options]
    assert sections == ["Hồ sơ của tôi", "Nộp hồ sơ", "Ma trận phân cấp", "Báo cáo"]


def test_a_viewer_cannot_open_the_page_by_its_url(app_env):
    app = open_app(app_env, "khach", PAGE, query={"application": "1"})
    assert not app.exception
    assert texts(app.error) == ["Vai trò của bạn không được mở trang «Hồ sơ cấp phép»."]


def test_an_operator_files_a_bts_application_through_the_form(app_env):
    app = _section(open_app(app_env, "viettel", PAGE), "file")
    assert app.selectbox(key="pmt_file_kind").value == "bts_new"
    form = "pmt_file_bts_new_new"
    lat, lon = _hung_dung(app_env)
    app.text_input(key=f"{form}_site_code").input("VT-HD-FORM")
    app.text_input(key=f"{form}_name").input("Trạm Hưng Dũng nộp qua biểu mẫu")
    app.text_input(key=f"{form}_latitude").input("mười tám")
    app.text_input(key=f"{form}_longitude").input(str(lon).replace(".", ","))
    app.selectbox(key=f"{form}_structure_type").set_value("ground_tower")
    app.text_input(key=f"{form}_structure_height_m").input("36")
    app.file_uploader(key=f"{form}_files").set_value(
        ("giay-phep.pdf", PDF, "application/pdf")
    )
    _button(app, "Gửi hồ sơ").click().run()
    assert not app.exception
    assert any(text.startswith("Vĩ độ: cần") for text in texts(app.error))
    assert app.text_input(key=f"{form}_name").value == "Trạm Hưng Dũng nộp qua biểu mẫu"
    assert "application" not in app.query_params

    app.text_input(key=f"{form}_latitude").input(str(lat).replace(".", ","))
    _button(app, "Gửi hồ sơ").click().run()
    assert not app.exception
    number = int(app.query_params["application"])
    assert any(
        text.startswith(f"Đã nộp hồ sơ #{number} (Trạm BTS mới)") and "cấp xã" in text
        for text in texts(app.success)
    )
    shown = " ".join(texts(app.warning) + texts(app.info))
    assert "dùng chung hạ tầng" in shown
    view = get_application(app_env, actor(app_env, "viettel"), number)
    assert (view.summary.state, view.summary.step_level) == ("verifying", "commune")
    # Stored under the product's name, not the uploader's "giay-phep.pdf".
    assert [d.filename for d in view.documents] == [f"ho-so-{number}-tai-lieu-1.pdf"]
    assert view.proposal["structure_height_m"] == 36


def test_the_commune_sees_the_application_waiting_and_verifies_it(app_env):
    number = _filed(app_env, "VT-HD-CHO")
    inbox = open_app(app_env, "xa.hungdung", PAGE)
    waiting = inbox.tabs[0]
    assert waiting.label.startswith("Chờ tôi xử lý (")
    assert f"#{number}" in list(waiting.dataframe[0].value.iloc[:, 0])
    everything = inbox.tabs[-1]
    assert f"#{number}" in list(everything.dataframe[0].value.iloc[:, 0])

    app = open_app(app_env, "xa.hungdung", PAGE, query={"application": str(number)})
    assert texts(app.subheader)[0] == f"Hồ sơ #{number} · Trạm BTS mới"
    assert app.tabs[0].label == "Xử lý"
    view = get_application(app_env, actor(app_env, "xa.hungdung"), number)
    form = f"pmt_{number}_verifying_{len(view.steps)}_0_verify"
    app.text_area(key=f"{form}_opinion").input("Các hộ liền kề đồng ý")
    _button(app, "Ghi kết quả thẩm tra").click().run()
    assert not app.exception
    assert f"Đã ghi kết quả thẩm tra hồ sơ #{number}." in texts(app.success)
    stored = get_application(app_env, actor(app_env, "huyen.vinh"), number)
    assert (stored.summary.state, stored.summary.step_level) == ("deciding", "district")
    assert stored.steps[0].neighbours_opinion == "Các hộ liền kề đồng ý"


def _verified(registry, code: str) -> int:
    number = _filed(registry, code)
    verify_application(registry, actor(registry, "xa.hungdung"), number)
    return number


def test_the_district_approves_with_a_permit_number_and_the_site_is_created(app_env):
    number = _verified(app_env, "VT-HD-DUYET")
    app = open_app(app_env, "huyen.vinh", PAGE, query={"application": str(number)})
    view = get_application(app_env, actor(app_env, "huyen.vinh"), number)
    form = f"pmt_{number}_deciding_{len(view.steps)}_0_decide"
    _button(app, "Ghi quyết định").click().run()
    assert any("Số giấy phép, giấy chứng nhận: cần" in e for e in texts(app.error))
    app.text_input(key=f"{form}_number").input("25/GPXD-UBND")
    app.text_area(key=f"{form}_conditions").input("Sơn cột theo quy chuẩn hàng không")
    _button(app, "Ghi quyết định").click().run()
    assert not app.exception
    assert f"Đã chấp thuận hồ sơ #{number}; số giấy phép 25/GPXD-UBND." in texts(
        app.success
    )
    stored = get_application(app_env, actor(app_env, "so.tttt"), number)
    site = SITES.get(app_env, actor(app_env, "so.tttt"), stored.summary.site_id)
    assert site["permit_number"] == "25/GPXD-UBND"
    links = [link.proto.label for link in app.get("page_link")]
    assert f"Mở bản ghi #{stored.summary.site_id} trong sổ đăng ký" in links
    assert "Xem trên bản đồ trạm BTS" in links


def test_the_district_refers_the_decision_up_with_its_reason(app_env):
    number = _verified(app_env, "VT-HD-CHUYEN")
    app = open_app(app_env, "huyen.vinh", PAGE, query={"application": str(number)})
    view = get_application(app_env, actor(app_env, "huyen.vinh"), number)
    form = f"pmt_{number}_deciding_{len(view.steps)}_0_escalate"
    assert "Chuyển đến Sở" in " ".join(texts(app.caption))
    _button(app, "Chuyển hồ sơ").click().run()
    assert not app.exception
    assert texts(app.error), "an empty reason is refused above the button"
    assert (
        get_application(app_env, actor(app_env, "so.tttt"), number).summary.step_level
        == "district"
    )
    app.text_area(key=f"{form}_reason").input("Gần khu di tích, cần Sở xem xét")
    _button(app, "Chuyển hồ sơ").click().run()
    assert not app.exception
    assert any(f"#{number}" in s for s in texts(app.success))
    referred = get_application(app_env, actor(app_env, "so.tttt"), number)
    assert referred.summary.step_level == "department"
    assert referred.steps[-2].note == "Gần khu di tích, cần Sở xem xét"


def test_a_user_of_the_wrong_level_or_area_is_refused(app_env):
    number = _filed(app_env, "VT-HD-SAICAP")
    app = open_app(app_env, "huyen.vinh", PAGE, query={"application": str(number)})
    assert not app.exception
    assert "Hồ sơ đang ở cấp xã; bạn không có bước nào cần xử lý." in texts(app.caption)
    assert "Ghi kết quả thẩm tra" not in [b.label for b in app.button]
    with pytest.raises(PermissionDeniedError) as refused:
        verify_application(app_env, actor(app_env, "huyen.vinh"), number)
    assert error_text(refused.value) == (
        "Bạn không có quyền thực hiện thao tác này (theo ma trận phân cấp, bước này "
        "do cấp xã xử lý)."
    )
    other = open_app(app_env, "xa.truongvinh", PAGE, query={"application": str(number)})
    assert not other.exception
    assert texts(other.error) == [
        "Bạn không có quyền thực hiện thao tác này (hồ sơ nằm ngoài địa bàn của bạn)."
    ]


def test_the_matrix_shows_the_version_in_force_the_history_and_the_presets(app_env):
    app = _section(open_app(app_env, "xa.hungdung", PAGE), "matrix")
    shown = " ".join(texts(app.markdown))
    in_force = matrix_on(app_env, actor(app_env, "so.tttt"), today())
    assert f"Phiên bản đang có hiệu lực (#{in_force.id})" in shown
    assert "Phân cấp ba cấp (tỉnh – huyện – xã), đến 30/6/2025" in shown
    assert "Phân cấp hai cấp (tỉnh – xã), từ 01/7/2025" in shown
    assert "Chỉ Sở sửa được ma trận phân cấp." in texts(app.caption)
    assert len(app.dataframe[0].value) == len(in_force.rows)


def test_the_department_edits_the_matrix_into_a_new_version(app_env):
    before = matrix_on(app_env, actor(app_env, "so.tttt"), today())
    app = _section(open_app(app_env, "so.tttt", PAGE), "matrix")
    assert [e.label for e in app.expander][-2:] == [
        "Áp dụng một mẫu",
        "Sửa ma trận (tạo phiên bản mới)",
    ]
    _button(app, "Lưu phiên bản mới").click().run()
    assert any(text.startswith("Lý do: cần") for text in texts(app.error))
    app.text_input(key=f"pmt_matrix_edit_reason_{before.id}").input(
        "Điều chỉnh ngưỡng chiều cao"
    )
    app.number_input(key=f"pmt_matrix_edit_height_{before.id}").set_value(45.0)
    _button(app, "Lưu phiên bản mới").click().run()
    assert not app.exception
    after = matrix_on(app_env, actor(app_env, "so.tttt"), today())
    assert after.id != before.id and after.based_on == before.id
    assert after.height_threshold_m == 45.0 and after.rows == before.rows
    assert any(
        text.startswith(f"Đã lưu phiên bản ma trận #{after.id}")
        for text in texts(app.success)
    )


def test_the_report_shows_the_figures_of_the_period(app_env):
    _filed(app_env, "VT-HD-BAOCAO")
    app = _section(open_app(app_env, "so.tttt", PAGE), "report")
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert int(metrics["Hồ sơ nhận"].replace(".", "")) >= 1
    table = app.dataframe[0].value
    vinh = table[table["Huyện"].str.contains("Vinh")]
    assert int(vinh["Hồ sơ tiếp nhận"].iloc[0]) >= 1
    downloads = [b.label for b in app.get("download_button")]
    assert downloads == ["Tải CSV", "Tải Excel"]


def test_the_commune_records_a_game_point_application_with_its_checks(app_env):
    # Recorded today: by the ward in force, Thành Vinh (which took Hưng Dũng in).
    app = _section(open_app(app_env, "xa.thanhvinh", PAGE), "file")
    app.selectbox(key="pmt_file_kind").set_value("game_new").run()
    form = "pmt_file_game_new_new"
    lat, lon = _hung_dung(app_env)
    app.text_input(key=f"{form}_name").input("Phòng game Hưng Dũng mới")
    app.text_input(key=f"{form}_latitude").input(str(lat))
    app.text_input(key=f"{form}_longitude").input(str(lon))
    app.text_input(key=f"{form}_owner_name").input("Nguyễn Văn An")
    app.text_input(key=f"{form}_computers").input("20")
    app.file_uploader(key=f"{form}_files").set_value(
        ("ban-ve.png", b"GIF89a not a png", "image/png")
    )
    _button(app, "Gửi hồ sơ").click().run()
    assert "Tài liệu: cần tệp PDF, JPEG hoặc PNG" in " ".join(texts(app.error))
    app.file_uploader(key=f"{form}_files").set_value(None)
    _button(app, "Gửi hồ sơ").click().run()
    assert not app.exception
    number = int(app.query_params["application"])
    view = get_application(app_env, actor(app_env, "xa.thanhvinh"), number)
    assert (view.summary.kind, view.summary.applicant_name) == (
        "game_new",
        "Nguyễn Văn An",
    )
    assert texts(app.subheader)[0] == (
        f"Hồ sơ #{number} · Cấp mới giấy chứng nhận điểm trò chơi"
    )
    shown = " ".join(texts(app.info) + texts(app.warning) + texts(app.error))
    assert view.findings
    for finding in view.findings:
        assert finding.message_vi in shown, finding


def test_the_page_speaks_english_when_asked(app_env):
    app = open_app(app_env, "huyen.vinh", PAGE, language="en")
    assert not app.exception
    assert texts(app.title) == ["Permit applications"]
    assert app.tabs[0].label.startswith("Waiting for me (")
    number = _filed(app_env, "VT-HD-EN")
    app = open_app(
        app_env, "so.tttt", PAGE, query={"application": str(number)}, language="en"
    )
    assert not app.exception
    assert texts(app.subheader)[0] == f"Application #{number} · New BTS site"
    assert "The application is with the commune; nothing for you to do now." in texts(
        app.caption
    )


def test_missing_documents_pause_the_deadline_until_the_operator_completes(app_env):
    number = _filed(app_env, "VT-HD-THIEU")
    app = open_app(app_env, "xa.hungdung", PAGE, query={"application": str(number)})
    view = get_application(app_env, actor(app_env, "xa.hungdung"), number)
    form = f"pmt_{number}_verifying_{len(view.steps)}_0_verify"
    app.radio(key=f"{form}_outcome").set_value("incomplete")
    _button(app, "Ghi kết quả thẩm tra").click().run()
    assert "Lý do: cần hồ sơ còn thiếu gì." in texts(app.error)
    app.text_area(key=f"{form}_reasons").input("Thiếu bản vẽ kết cấu cột")
    _button(app, "Ghi kết quả thẩm tra").click().run()
    assert f"Đã thông báo bổ sung hồ sơ #{number}; hạn xử lý tạm dừng." in texts(
        app.success
    )

    applicant = open_app(app_env, "viettel", PAGE, query={"application": str(number)})
    assert "Chờ bổ sung hồ sơ" in " ".join(texts(applicant.markdown))
    paused = get_application(app_env, actor(app_env, "viettel"), number)
    form = f"pmt_{number}_incomplete_{len(paused.steps)}_1_complete"
    applicant.text_area(key=f"{form}_note").input("Đã nộp bản vẽ kết cấu")
    applicant.file_uploader(key=f"{form}_files").set_value(
        ("ban-ve.pdf", PDF, "application/pdf")
    )
    _button(applicant, "Ghi nhận đã bổ sung").click().run()
    assert not applicant.exception
    assert f"Đã ghi nhận bổ sung hồ sơ #{number}; hạn xử lý tiếp tục." in texts(
        applicant.success
    )
    resumed = get_application(app_env, actor(app_env, "viettel"), number)
    assert resumed.summary.state == "verifying"
    assert resumed.pauses[0].completion_note == "Đã nộp bản vẽ kết cấu"
    assert len(resumed.documents) == 2


def _error_of(call) -> RegistryError:
    try:
        call()
    except RegistryError as error:
        return error
    raise AssertionError("no error raised")


def test_the_registrys_permit_messages_read_in_vietnamese(app_env):
    # The ward in force today (it files today); the case was filed before 1/7/2025.
    viettel, commune = actor(app_env, "viettel"), actor(app_env, "xa.thanhvinh")
    district = actor(app_env, "huyen.vinh")
    waiting = _filed(app_env, "VT-HD-LOI")
    site, other, third = (
        int(i) for i in SITES.list(app_env, viettel).sort_values("id")["id"].iloc[:3]
    )
    file_application(
        app_env, viettel, "bts_change", site_id=site, values={"name": "Đổi tên"}
    )
    uncertified = POINTS.create(
        app_env,
        actor(app_env, "so.tttt"),
        point_values(
            app_env,
            name="Phòng game chưa có giấy",
            certificate_number=None,
            certificate_issuer=None,
            certificate_issued_on=None,
            certificate_expires_on=None,
        ),
    )["id"]
    rows = [r.as_dict() for r in matrix_on(app_env, district, today()).rows]
    rows[0] = {**rows[0], "verify_level": "department"}
    cases = {
        "(theo ma trận phân cấp, bước này do cấp xã xử lý)": lambda: (
            approve_application(app_env, district, waiting, number="1/GP")
        ),
        "đang có hồ sơ #": lambda: file_application(
            app_env, viettel, "bts_change", site_id=site, values={"name": "Lần 2"}
        ),
        "hồ sơ trạm BTS do doanh nghiệp viễn thông nộp": lambda: file_application(
            app_env, commune, "bts_decommission", site_id=other
        ),
        "Lý do: cần lý do từ chối.": lambda: refuse_application(
            app_env, commune, waiting, reasons=" "
        ),
        "Tài liệu: cần tệp tối đa": lambda: file_application(
            app_env,
            viettel,
            "bts_decommission",
            site_id=site,
            documents=[("lon.pdf", PDF + bytes(11 << 20))],
        ),
        "giữ nguyên mạng của trạm": lambda: file_application(
            app_env,
            viettel,
            "bts_change",
            site_id=third,
            values={"network_code": "01"},
        ),
        "Kinh độ: cần vị trí mới": lambda: file_application(
            app_env,
            viettel,
            "bts_relocation",
            site_id=third,
            values={"latitude": 18.68},
        ),
        "cần cấp không cao hơn cấp quyết định": lambda: edit_matrix(
            app_env,
            actor(app_env, "so.tttt"),
            matrix_on(app_env, district, today()).id,
            rows,
            effective_from=today(),
            reason="Thử",
        ),
        "không có giấy chứng nhận còn hiệu lực": lambda: file_application(
            app_env, commune, "game_renewal", point_id=uncertified
        ),
        "không chờ bổ sung hồ sơ": lambda: record_completion(
            app_env, viettel, waiting, note="x"
        ),
    }
    for fragment, call in cases.items():
        error = _error_of(call)
        shown = " ".join(permit_error_lines(error))
        assert fragment in shown, (fragment, str(error), shown)


def test_every_text_key_built_from_permit_data_exists():
    tabs = ("waiting", "overdue", "filed", "below", "all")
    keys = {f"pmt.tab.{name}" for name in tabs}
    keys |= {f"pmt.section.{name}" for name in ("inbox", "file", "matrix", "report")}
    keys |= {f"pmt.v.{o}" for o in ("complete", "incomplete")}
    keys |= {f"pmt.d.{o}" for o in ("approve", "refuse")}
    keys |= {f"pmt.r.{fmt}" for fmt in ("csv", "xlsx")}
    keys |= {f"pmt.m.preset.{key}" for key in (*load_presets(), "edited")}
    keys |= {"entity.permit_application", "entity.delegation_matrix"}
    actions = ("file", "verify", "incomplete", "complete", "approve", "refuse")
    keys |= {f"action.{a}" for a in (*actions, "escalate", "add_documents")}
    keys |= {"action.new_version"}
    assert keys - set(all_texts()) == set()


def test_a_case_filed_today_is_held_by_the_new_ward_only(app_env):
    """Since 1/7/2025 the abolished Hưng Dũng ward neither sees nor acts on a
    new case; Thành Vinh, which took it in, has it waiting."""
    number = _filed(app_env, "VT-HD-MOI", on=None)
    old = open_app(app_env, "xa.hungdung", PAGE, query={"application": str(number)})
    assert not old.exception
    assert texts(old.error) == [
        "Bạn không có quyền thực hiện thao tác này (hồ sơ nằm ngoài địa bàn của bạn)."
    ]
    everything = open_app(app_env, "xa.hungdung", PAGE).tabs[-1]
    shown = everything.dataframe[0].value.iloc[:, 0] if everything.dataframe else []
    assert f"#{number}" not in list(shown)
    with pytest.raises(PermissionDeniedError) as refused:
        verify_application(app_env, actor(app_env, "xa.hungdung"), number)
    assert refused.value.code == "permits.outside_area"
    new = open_app(app_env, "xa.thanhvinh", PAGE)
    assert f"#{number}" in list(new.tabs[0].dataframe[0].value.iloc[:, 0])
