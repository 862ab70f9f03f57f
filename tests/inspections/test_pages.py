"""The inspections page per role: lists, starting an inspection from a point,
the checklist, violations, submitting, the district's review, corrections, and
refusals outside the user's area. AppTest against a small demo registry."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timedelta

import pytest

from registry.inspections.plans import PLAN_STATES
from registry.inspections.service import (
    add_violation,
    attach_photo,
    get_inspection,
    open_inspection,
    record_items,
    review_inspection,
    submit_inspection,
    update_inspection,
)
from registry.inspections.vocabulary import InspectionState, ItemResult, image_type
from registry.kernel.errors import RegistryError, ValidationError
from registry.kernel.models import Photo
from registry.records.by_kind import POINTS
from tests import samples
from tests.factories import point_values
from tests.inspections.support import answered
from tests.page_support import actor, demo_app_fixture, open_app, texts
from ui.common.i18n import all_texts
from ui.common.messages import error_text, field_error_text
from ui.inspections.messages import FIELDS

app_env = demo_app_fixture()

PAGE = "pages/6_Kiem_tra.py"
REFUSAL = "Vai trò của bạn không được mở trang «Kiểm tra điểm Internet, trò chơi»."


def _point(registry, name: str, commune: str = "Hưng Dũng") -> int:
    """A new operating game point (each test gets its own)."""
    values = point_values(registry, commune, name=name)
    return int(POINTS.create(registry, actor(registry, "so.tttt"), values)["id"])


def _button(app, label: str):
    return next(b for b in app.button if b.label == label)


def _messages(app) -> str:
    return " ".join(texts(app.error) + texts(app.success) + texts(app.info))


def _submitted(registry, name: str) -> int:
    clerk = actor(registry, "xa.hungdung")
    view = open_inspection(registry, clerk, _point(registry, name))
    record_items(registry, clerk, view["id"], answered(view))
    return int(submit_inspection(registry, clerk, view["id"])["id"])


@pytest.mark.parametrize(
    ("username", "first_tab"),
    [
        ("xa.hungdung", "Đến hạn, quá hạn"),
        ("xa.truongvinh", "Đến hạn, quá hạn"),
        ("huyen.vinh", "Chờ duyệt"),
        ("so.tttt", "Chờ duyệt"),
    ],
)
def test_the_lists_load_for_the_roles_that_inspect_or_review(
    app_env, username, first_tab
):
    app = open_app(app_env, username, PAGE)
    assert not app.exception
    assert texts(app.title) == ["Kiểm tra điểm Internet và trò chơi điện tử"]
    labels = [tab.label for tab in app.tabs]
    assert labels[0].startswith(first_tab)
    assert labels[-1] == "Theo xã/phường"
    starts = [e.label for e in app.expander]
    assert ("Mở phiếu kiểm tra mới" in starts) is username.startswith("xa.")


@pytest.mark.parametrize("username", ["viettel", "khach"])
def test_operators_and_viewers_are_refused(app_env, username):
    app = open_app(app_env, username, PAGE, query={"inspection": "1"})
    assert not app.exception
    assert texts(app.error) == [REFUSAL]


def test_the_point_picker_offers_only_the_points_of_the_commune(app_env):
    far = _point(app_env, "Phòng game Nghi Văn thử", "Nghi Văn")
    app = open_app(app_env, "xa.hungdung", PAGE)
    picker = app.selectbox(key="insp_new_point")
    assert picker.options
    assert all("Hưng Dũng" in option or "thử" in option for option in picker.options)
    assert not any(option.startswith(f"#{far} ") for option in picker.options)


def test_a_clerk_starts_an_inspection_from_a_point_link(app_env):
    point = _point(app_env, "Phòng game mở từ liên kết")
    app = open_app(app_env, "xa.hungdung", PAGE, query={"point": str(point)})
    assert texts(app.subheader) == [f"Mở phiếu kiểm tra cho điểm #{point}"]
    _button(app, "Mở phiếu").click().run()
    assert not app.exception
    assert any(s.startswith("Đã mở phiếu kiểm tra #") for s in texts(app.success))
    inspection = int(app.query_params["inspection"])
    view = get_inspection(app_env, actor(app_env, "xa.hungdung"), inspection)
    assert view["point_id"] == point
    assert len(app.radio) == len(view["items"]) + 1  # + the language switch
    assert app.tabs[0].label == "Danh mục kiểm tra"


def test_the_checklist_is_recorded_and_the_inspection_submitted(app_env):
    clerk = actor(app_env, "xa.hungdung")
    view = open_inspection(app_env, clerk, _point(app_env, "Phòng game ghi phiếu"))
    app = open_app(app_env, "xa.hungdung", PAGE, query={"inspection": str(view["id"])})
    _button(app, "Nộp phiếu để duyệt").click().run()
    assert "mọi tiêu chí phải được đánh giá trước khi nộp" in " ".join(texts(app.error))
    prefix = f"insp_{view['id']}_{view['version']}_items"
    for item in view["items"]:
        app.radio(key=f"{prefix}_result_{item['rule_id']}").set_value("pass")
    app.text_input(key=f"{prefix}_note_game.sign").input("Biển hiệu đầy đủ")
    _button(app, "Lưu kết quả").click().run()
    # The message names the point and what was saved.
    saved = f"Đã lưu phiếu #{view['id']}. Phòng game ghi phiếu: kết quả "
    assert any(
        re.match(re.escape(saved) + r"\d+ tiêu chí \(.+\)\.$", s)
        for s in texts(app.success)
    ), texts(app.success)
    _button(app, "Nộp phiếu để duyệt").click().run()
    assert not app.exception
    assert f"Đã nộp phiếu #{view['id']}; phiếu chờ huyện duyệt." in texts(app.success)
    stored = get_inspection(app_env, clerk, view["id"])
    assert stored["state"] == "submitted"
    notes = {i["rule_id"]: i["note"] for i in stored["items"]}
    assert notes["game.sign"] == "Biển hiệu đầy đủ"


def test_a_violation_without_a_description_is_refused_under_the_field(app_env):
    clerk = actor(app_env, "xa.hungdung")
    view = open_inspection(app_env, clerk, _point(app_env, "Phòng game vi phạm"))
    app = open_app(app_env, "xa.hungdung", PAGE, query={"inspection": str(view["id"])})
    prefix = f"insp_{view['id']}_{view['version']}_violation"
    app.selectbox(key=f"{prefix}_rule").set_value("game.sign")
    app.number_input(key=f"{prefix}_fine").set_value(1_500_000)
    _button(app, "Ghi vi phạm").click().run()
    assert "Mô tả vi phạm: cần mô tả vi phạm (bắt buộc)." in texts(app.error)
    app.text_area(key=f"{prefix}_description").input("Không có biển hiệu")
    _button(app, "Ghi vi phạm").click().run()
    assert not app.exception
    stored = get_inspection(app_env, clerk, view["id"])
    assert stored["violations"][0]["proposed_fine_vnd"] == 1_500_000


def test_the_district_reviews_and_a_note_is_needed_for_issues(app_env):
    inspection = _submitted(app_env, "Phòng game chờ duyệt")
    queue = open_app(app_env, "huyen.vinh", PAGE)
    links = [link.proto.label for link in queue.get("page_link")]
    assert any(label.startswith(f"#{inspection} · ") for label in links)
    app = open_app(app_env, "huyen.vinh", PAGE, query={"inspection": str(inspection)})
    view = get_inspection(app_env, actor(app_env, "huyen.vinh"), inspection)
    prefix = f"insp_{inspection}_{view['version']}_review"
    app.radio(key=f"{prefix}_outcome").set_value("has_issues")
    _button(app, "Duyệt phiếu").click().run()
    assert any("Ý kiến duyệt: cần ý kiến" in text for text in texts(app.error))
    app.text_area(key=f"{prefix}_note").input("Thiếu ảnh biển hiệu")
    _button(app, "Duyệt phiếu").click().run()
    assert not app.exception
    assert f"Đã duyệt phiếu #{inspection}: Cần bổ sung." in texts(app.success)
    assert any("Thiếu ảnh biển hiệu" in text for text in texts(app.warning))


def test_a_clerk_corrects_a_reviewed_inspection_with_a_reason(app_env):
    inspection = _submitted(app_env, "Phòng game đính chính")
    review_inspection(
        app_env, actor(app_env, "huyen.vinh"), inspection, "has_issues", note="Sửa"
    )
    clerk = actor(app_env, "xa.hungdung")
    view = get_inspection(app_env, clerk, inspection)
    app = open_app(app_env, "xa.hungdung", PAGE, query={"inspection": str(inspection)})
    assert any("mọi thay đổi là đính chính" in text for text in texts(app.warning))
    prefix = f"insp_{inspection}_{view['version']}_details"
    app.text_area(key=f"{prefix}_summary").input("Đã bổ sung nhận xét")
    _button(app, "Lưu").click().run()
    assert "Lý do: cần lý do (bắt buộc)." in texts(app.error)
    app.text_input(key=f"{prefix}_reason").input("Huyện yêu cầu bổ sung")
    _button(app, "Lưu").click().run()
    assert not app.exception
    corrected = f"Đã đính chính phiếu #{inspection}; phiếu chờ duyệt lại."
    assert any(
        s.startswith(corrected) and s.endswith(": Nhận xét chung.")
        for s in texts(app.success)
    )
    stored = get_inspection(app_env, clerk, inspection)
    assert stored["state"] == "submitted"
    assert stored["audit"][-1]["reason"] == "Huyện yêu cầu bổ sung"


def test_an_inspection_of_another_commune_is_refused(app_env):
    inspection = _submitted(app_env, "Phòng game của xã khác")
    app = open_app(
        app_env, "xa.truongvinh", PAGE, query={"inspection": str(inspection)}
    )
    assert not app.exception
    assert any("không có quyền" in text for text in texts(app.error))
    far = _point(app_env, "Phòng game Nghi Văn", "Nghi Văn")
    app = open_app(app_env, "xa.hungdung", PAGE, query={"point": str(far)})
    assert any("không có quyền" in text for text in texts(app.error))


def test_the_page_speaks_english_when_asked(app_env):
    app = open_app(app_env, "huyen.vinh", PAGE, language="en")
    assert not app.exception
    assert texts(app.title) == ["Point inspections"]
    assert app.tabs[0].label.startswith("Awaiting review")


def test_every_label_built_from_inspection_data_has_both_languages():
    keys = {f"insp.state.{s.value}" for s in InspectionState}
    keys |= {f"insp.result.{r.value}" for r in ItemResult} | {"insp.result.manual"}
    keys |= {f"insp.plan.{p}" for p in PLAN_STATES}
    keys |= {f"insp.what.{w}" for w in ("violation", "photo")}
    keys |= {"entity.inspection"} | {
        f"action.{a}"
        for a in (
            "open",
            "record_items",
            "add_violation",
            "withdraw_violation",
            "attach_photo",
            "withdraw_photo",
            "update",
            "submit",
            "review",
            "correct",
        )
    }
    fields = ("rule_id", "reason", "review_note", "outcome", "description")
    fields += ("proposed_fine_vnd", "inspected_on", "follow_up_deadline", "summary")
    keys |= {f"insp.field.{f}" for f in (*fields, "violation", "correction")}
    assert keys - set(all_texts()) == set()


def _error_of(call) -> RegistryError:
    try:
        call()
    except RegistryError as error:
        return error
    raise AssertionError("no error raised")


def test_the_registrys_inspection_messages_read_in_vietnamese(app_env):
    clerk, officer = actor(app_env, "xa.hungdung"), actor(app_env, "huyen.vinh")
    draft = open_inspection(app_env, clerk, _point(app_env, "Phòng game thông báo"))
    done = _submitted(app_env, "Phòng game thông báo 2")
    tomorrow = date.today() + timedelta(days=2)
    cases = {
        "không sau hôm nay": lambda: open_inspection(
            app_env, clerk, draft["point_id"], inspected_on=tomorrow
        ),
        "có bộ quy định áp dụng": lambda: open_inspection(
            app_env,
            clerk,
            _point(app_env, "Phòng game 2017"),
            inspected_on="2017-01-02",
        ),
        "một quy định trong danh mục của phiếu": lambda: record_items(
            app_env, clerk, draft["id"], {"game.floor_area": {"result": "pass"}}
        ),
        "nội dung tệp không phải ảnh": lambda: attach_photo(
            app_env, clerk, draft["id"], "bien-ban.pdf", b"%PDF-1.4"
        ),
        "ảnh tối đa 5,0 MB": lambda: attach_photo(
            app_env,
            clerk,
            draft["id"],
            "lon.png",
            b"\x89PNG\r\n\x1a\n" + bytes(6 << 20),
        ),
        "mọi tiêu chí phải được đánh giá": lambda: submit_inspection(
            app_env, clerk, draft["id"]
        ),
        "một số tiền (đồng)": lambda: add_violation(
            app_env,
            clerk,
            draft["id"],
            rule_id="game.sign",
            description="x",
            proposed_fine_vnd="nhiều",
        ),
        "một ngày dạng 2026-03-31": lambda: update_inspection(
            app_env, clerk, draft["id"], {"follow_up_deadline": "sớm"}
        ),
        "chỉ sửa được bằng đính chính": lambda: record_items(
            app_env, clerk, done, {"game.sign": {"note": "x"}}
        ),
        "ý kiến nêu rõ điều cần bổ sung": lambda: review_inspection(
            app_env, officer, done, "rejected"
        ),
        "đang có phiếu nháp": lambda: open_inspection(
            app_env, clerk, draft["point_id"]
        ),
        "chỉ nộp được phiếu nháp": lambda: submit_inspection(app_env, clerk, done),
    }
    for fragment, call in cases.items():
        error = _error_of(call)
        shown = error_text(error, FIELDS)
        if isinstance(error, ValidationError):
            shown += " " + " ".join(field_error_text(FIELDS, e) for e in error.errors)
        assert fragment in shown, (fragment, str(error), shown)


def _legacy_photo(registry, inspection_id: int, filename: str, data: bytes) -> None:
    """A photo row as uploads stored them before they were decoded: the bytes
    and name as sent, the type told by the first bytes."""
    with registry.transaction() as session:
        session.add(
            Photo(
                inspection_id=inspection_id,
                filename=filename,
                content_type=image_type(data) or "image/png",
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                data=data,
                uploaded_by="xa.hungdung",
                uploaded_at=datetime(2025, 1, 2, 8, 0),
            )
        )


def test_photos_stored_before_uploads_were_decoded_still_show_or_are_named(app_env):
    clerk = actor(app_env, "xa.hungdung")
    draft = open_inspection(app_env, clerk, _point(app_env, "Phòng game ảnh cũ"))
    _legacy_photo(app_env, draft["id"], "anh cu.gif", samples.image_bytes("GIF"))
    _legacy_photo(
        app_env,
        draft["id"],
        "<img src=x onerror=alert(1)>.png",
        b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>",
    )
    _legacy_photo(app_env, draft["id"], "bom.png", samples.claimed_png(20_000, 20_000))
    app = open_app(app_env, "xa.hungdung", PAGE, query={"inspection": draft["id"]})
    assert not app.exception
    warned = [w for w in texts(app.warning) if "không phải ảnh đọc được" in w]
    assert len(warned) == 2
    assert all(re.match(rf"kiem-tra-{draft['id']}-anh-\d+\.png:", w) for w in warned)
    shown = " ".join(texts(app.warning) + texts(app.caption) + texts(app.markdown))
    assert "onerror" not in shown and "anh cu.gif" not in shown
    [image] = app.get("image")
    assert image.captions[0].startswith(f"kiem-tra-{draft['id']}-anh-")
