"""Every refusal of the inspections, raised by the real services, reads in
Vietnamese without an internal name: no code, no field name, no rule-set key, no
area written as a code and an edition.

The refusals are gathered once, on one SQLite registry (the wording does not
depend on the database); the checks run on each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest

from registry.access.users import find_actor
from registry.inspections import messages as msg
from registry.inspections.dashboard import inspection_dashboard
from registry.inspections.service import (
    add_violation,
    attach_photos,
    correct_inspection,
    get_inspection,
    open_inspection,
    photo_data,
    record_items,
    review_inspection,
    submit_inspection,
    update_inspection,
    withdraw_photo,
    withdraw_violation,
)
from registry.kernel.clock import today
from registry.kernel.db import open_registry
from registry.kernel.errors import (
    FieldError,
    Message,
    RegistryError,
    ValidationError,
)
from registry.records.by_kind import POINTS
from tests import samples
from tests.conftest import registry_config
from tests.factories import point_values
from tests.inspections.support import (
    NEW_REGIME_DAY,
    OLD_REGIME_DAY,
    answered,
    image_bytes,
    make_world,
    submitted,
)
from ui.common.messages import error_text, field_error_text, vietnamese
from ui.inspections.messages import FIELDS

# What a user must never read: a snake_case name (follow_up_deadline), a dotted
# code (internet.hours, inspections.future; not a file name like anh.png), a
# rule-set key (nd147-2024), an area as a code and an edition ("huyện 429, bản
# 2025-06", "(2025-06)").
INTERNAL = re.compile(
    r"\b[a-z]+(?:_[a-z0-9]+)+\b"
    r"|\b[a-z]+\.(?!(?:png|jpg|pdf)\b)[a-z_]+\b"
    r"|\bnd\d+-\d{4}\b"
    r"|\bbản 20\d\d|\(20\d\d-\d\d\)"
)


@dataclass(frozen=True)
class Refusal:
    error: RegistryError

    @property
    def problems(self) -> list[RegistryError]:
        """The error itself, or each field error of a validation error."""
        if isinstance(self.error, ValidationError):
            return list(self.error.errors)
        return [self.error]

    def shown(self) -> list[str]:
        """What the inspection pages show: the sentence, then a line per field."""
        lines = [error_text(self.error, FIELDS)]
        if isinstance(self.error, ValidationError):
            lines += [field_error_text(FIELDS, p) for p in self.error.errors]
        return lines


def _refused(call) -> Refusal:
    try:
        call()
    except RegistryError as error:
        return Refusal(error)
    raise AssertionError("no refusal raised")


@pytest.fixture(scope="module")
def refusals(templates) -> dict[str, Refusal]:
    """name -> a refusal of the inspection services, each produced for real."""
    registry = open_registry(
        registry_config({"REGISTRY_DATABASE_URL": templates.sqlite()})
    )
    try:
        yield _gather(registry)
    finally:
        registry.engine.dispose()


def _gather(registry) -> dict[str, Refusal]:
    admin = find_actor(registry, "admin")
    world = make_world(registry, admin)
    clerk, district = world.clerk, world.district
    new = open_inspection(registry, clerk, world.game, inspected_on=NEW_REGIME_DAY)
    with_violation = add_violation(
        registry,
        clerk,
        open_inspection(registry, clerk, world.agent, inspected_on=NEW_REGIME_DAY)[
            "id"
        ],
        rule_id="internet.sign",
        description="Không có biển hiệu",
    )
    record_items(
        registry, clerk, with_violation["id"], answered(with_violation, "pass")
    )
    done = submitted(world, world.far_game, by=world.outsider)
    second = POINTS.create(registry, admin, point_values(registry, name="Thứ hai"))
    own = submitted(world, second["id"], by=admin)
    retired = POINTS.create(registry, admin, point_values(registry, name="Đã đóng"))
    POINTS.retire(registry, admin, retired["id"], reason="Ngừng kinh doanh")
    day = new["inspected_on"]
    outsider, far = world.outsider, done["id"]
    cases = {
        "inspection not found": lambda: get_inspection(registry, admin, 999_999),
        "photo not found": lambda: photo_data(registry, admin, 999_999),
        "point not found": lambda: open_inspection(registry, clerk, 999_999),
        "outside the area": lambda: get_inspection(registry, clerk, far),
        "role": lambda: review_inspection(registry, clerk, new["id"], "approved"),
        "date required": lambda: update_inspection(
            registry, clerk, new["id"], {"inspected_on": ""}
        ),
        "date": lambda: update_inspection(
            registry, clerk, new["id"], {"follow_up_deadline": "sớm"}
        ),
        "future": lambda: open_inspection(
            registry, clerk, world.agent, inspected_on=today() + timedelta(days=2)
        ),
        "fine": lambda: add_violation(
            registry,
            clerk,
            new["id"],
            rule_id="game.sign",
            description="x",
            proposed_fine_vnd="nhiều",
        ),
        "result": lambda: record_items(
            registry, clerk, new["id"], {"game.sign": {"result": "ok"}}
        ),
        "note too long": lambda: record_items(
            registry, clerk, new["id"], {"game.sign": {"note": "x" * 2001}}
        ),
        "outcome": lambda: review_inspection(registry, world.other_district, far, "ok"),
        "unknown detail": lambda: update_inspection(
            registry, clerk, new["id"], {"colour": "x"}
        ),
        "description": lambda: add_violation(
            registry, clerk, new["id"], rule_id="game.sign", description=" "
        ),
        "review note": lambda: review_inspection(
            registry, world.other_district, far, "rejected"
        ),
        "withdraw reason": lambda: withdraw_violation(
            registry,
            clerk,
            with_violation["id"],
            with_violation["violations"][0]["id"],
            reason=" ",
        ),
        "not withdrawn": lambda: withdraw_violation(
            registry, clerk, with_violation["id"], 999_999, reason="Nhầm"
        ),
        "nothing to withdraw": lambda: withdraw_photo(
            registry, clerk, new["id"], 999_999, reason="Nhầm"
        ),
        "correction reason": lambda: correct_inspection(
            registry, outsider, far, reason=" ", fields={"summary": "x"}
        ),
        "correction empty": lambda: correct_inspection(
            registry, outsider, far, reason="Sửa"
        ),
        "photo bytes": lambda: attach_photos(
            registry, clerk, new["id"], [("anh.png", "không phải byte")]
        ),
        "photo empty": lambda: attach_photos(
            registry, clerk, new["id"], [("trang.png", b"")]
        ),
        "photo size": lambda: attach_photos(
            registry,
            clerk,
            new["id"],
            [("lon.png", b"\x89PNG\r\n\x1a\n" + bytes(6 << 20))],
        ),
        "photo type": lambda: attach_photos(
            registry, clerk, new["id"], [("bien-ban.pdf", b"%PDF-1.4")]
        ),
        "photo unreadable": lambda: attach_photos(
            registry, clerk, new["id"], [("anh.png", b"\x89PNG\r\n\x1a\n<html>")]
        ),
        "photo pixels": lambda: attach_photos(
            registry, clerk, new["id"], [("lon.png", samples.claimed_png(8000, 8000))]
        ),
        "photo required": lambda: attach_photos(registry, clerk, new["id"], []),
        "too many photos": lambda: attach_photos(
            registry,
            clerk,
            new["id"],
            [(f"anh-{n}.png", image_bytes()) for n in range(31)],
        ),
        "no rule set": lambda: open_inspection(
            registry, clerk, world.agent, inspected_on="2017-01-02"
        ),
        "other rule set": lambda: update_inspection(
            registry, clerk, new["id"], {"inspected_on": OLD_REGIME_DAY}
        ),
        "unknown rule": lambda: record_items(
            registry, clerk, new["id"], {"game.floor_area": {"result": "pass"}}
        ),
        "unknown violation rule": lambda: add_violation(
            registry, clerk, new["id"], rule_id="game.floor_area", description="x"
        ),
        "deadline order": lambda: update_inspection(
            registry,
            clerk,
            new["id"],
            {"follow_up_deadline": day - timedelta(days=1)},
        ),
        "unanswered": lambda: submit_inspection(registry, clerk, new["id"]),
        "violation not failed": lambda: submit_inspection(
            registry, clerk, with_violation["id"]
        ),
        "stale version": lambda: update_inspection(
            registry, clerk, new["id"], {"summary": "x"}, expected_version=99
        ),
        "correction needed": lambda: record_items(
            registry, outsider, far, {"game.sign": {"note": "x"}}
        ),
        "is draft": lambda: correct_inspection(
            registry, clerk, new["id"], reason="Sửa", fields={"summary": "x"}
        ),
        "submit not draft": lambda: submit_inspection(registry, outsider, far),
        "review not submitted": lambda: review_inspection(
            registry, district, new["id"], "approved"
        ),
        "own inspection": lambda: review_inspection(
            registry, admin, own["id"], "approved"
        ),
        "point retired": lambda: open_inspection(registry, clerk, retired["id"]),
        "draft exists": lambda: open_inspection(registry, clerk, world.game),
        "area not theirs": lambda: inspection_dashboard(
            registry, clerk, commune=outsider.area_code
        ),
    }
    cases.update(_odk_cases(registry, world))
    return {name: _refused(call) for name, call in cases.items()}


def _odk_cases(registry, world) -> dict:
    """The refusals of the offline form and of importing its submissions (an
    import reports a refused submission: its error is raised here)."""
    import io
    import zipfile

    from registry.inspections.odk_import import import_odk_submissions
    from registry.inspections.xlsform import inspection_form
    from tests.factories import commune_centroid
    from tests.inspections.odk_support import export_zip, submission

    clerk = world.clerk

    def first(row, **options):
        def call():
            data = export_zip([row], **options)
            report = import_odk_submissions(registry, world.admin, data)
            raise report.outcomes[0].error

        return call

    def game(instance, **options):
        return submission(
            world.game, "game_point", NEW_REGIME_DAY, instance=instance, **options
        )

    def changed(row, **values):
        return {**row, **values}

    def zipped(name, data):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(name, data)
        return lambda: import_odk_submissions(registry, clerk, buffer.getvalue())

    code = commune_centroid(registry, "Hưng Dũng")[2]
    empty = commune_centroid(registry, "Hưng Bình")[2]
    return {
        "odk commune": lambda: inspection_form(registry, clerk, commune_code="0"),
        "odk rule set": lambda: inspection_form(
            registry,
            clerk,
            commune_code=code,
            on=NEW_REGIME_DAY,
            ruleset_key="nd72-2013-nd27-2018",
        ),
        "odk no points": lambda: inspection_form(
            registry, world.admin, commune_code=empty
        ),
        "odk not zip": lambda: import_odk_submissions(registry, clerk, b"x"),
        "odk bomb": zipped("a.csv", b"KEY\n" + b"a" * (21 * 2**20)),
        "odk no csv": zipped("media/a.jpg", b"x"),
        "odk encoding": zipped("a.csv", "KEY\nHưng".encode("utf-16")),
        "odk instance": first(game("a b")),
        "odk submitter": first(game("u1", submitter="nobody")),
        "odk not ours": first(changed(game("u2"), ruleset_key="")),
        "odk form rule set": first(game("u3", ruleset_version=9)),
        "odk point": first(changed(game("u4"), point="x")),
        "odk question": first(changed(game("u5"), **{"checklist-r_x": "yes"})),
        "odk answer": first(game("u6", answer="maybe")),
        "odk photo name": first(game("u7", photos=("../a.jpg",))),
        "odk photo missing": first(game("u8", photos=("a.jpg",))),
        "odk gps": first(changed(game("u9"), **{"gps-Latitude": "x"})),
    }


def _codes(refusals) -> set[str]:
    return {p.code for r in refusals.values() for p in r.problems}


def test_every_inspection_code_is_raised_here_or_is_a_defect(refusals):
    declared = {c for c in Message._registered if c.startswith("inspections.")}
    assert declared - _codes(refusals) == {msg.RULESET_MISMATCH.code}


def test_every_inspection_code_has_a_vietnamese_text():
    declared = [
        m for c, m in Message._registered.items() if c.startswith("inspections.")
    ]
    missing = [m.code for m in declared if m.code not in _vietnamese_codes()]
    assert missing == []


def _vietnamese_codes() -> set[str]:
    from ui.common.messages import vietnamese_table

    return set(vietnamese_table())


def test_each_refusal_has_a_vietnamese_text(refusals):
    for name, refusal in refusals.items():
        for problem in refusal.problems:
            assert vietnamese(problem.code, problem.context), (name, str(problem))


def test_no_refusal_shows_an_internal_name(refusals):
    for name, refusal in refusals.items():
        for line in refusal.shown():
            # A person is named as stored: the test world's display names are
            # user names (xa.a), which are data, not internal names.
            line = line.replace(str(refusal.error.context.get("changed_by_name")), "")
            assert not INTERNAL.search(line), (name, line, str(refusal.error))


def test_the_defect_of_two_rule_sets_reads_in_vietnamese():
    error = RegistryError(
        msg.RULESET_MISMATCH,
        day=NEW_REGIME_DAY,
        found="nd72-2013-nd27-2018",
        in_force="nd147-2024",
    )
    shown = error_text(error, FIELDS)
    assert "Nghị định 147/2024/NĐ-CP" in shown
    assert not INTERNAL.search(shown), shown


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "no rule set",
            "Ngày kiểm tra: cần một ngày có bộ quy định áp dụng (Nghị định 72/2013/"
            "NĐ-CP, sửa đổi bởi Nghị định 27/2018/NĐ-CP: từ 01/03/2018 đến "
            "24/12/2024; Nghị định 147/2024/NĐ-CP: từ 25/12/2024). (Đã nhập: "
            "2017-01-02)",
        ),
        (
            "result",
            "Tiêu chí 4: cần một trong các kết quả: Đạt, Không đạt, Không áp dụng.",
        ),
        (
            "photo type",
            "Ảnh bien-ban.pdf: cần ảnh JPEG, PNG, GIF hoặc WebP (nội "
            "dung tệp không phải ảnh, dù tên tệp là gì).",
        ),
        (
            "fine",
            "Mức phạt đề xuất: cần một số tiền (đồng) từ 0 đến 1.000.000.000. "
            "(Đã nhập: nhiều)",
        ),
        (
            "date",
            "Hạn khắc phục: cần một ngày dạng 2026-03-31 (năm-tháng-ngày). "
            "(Đã nhập: sớm)",
        ),
    ],
)
def test_a_field_is_named_by_its_label_and_an_item_by_its_position(
    refusals, name, expected
):
    assert expected in refusals[name].shown()


def test_a_rule_set_is_named_by_its_title(refusals):
    (line,) = refusals["other rule set"].shown()[1:]
    assert "của Nghị định 147/2024/NĐ-CP (ngày đó áp dụng Nghị định 72/2013" in line


def test_a_dashboard_outside_the_area_names_the_users_own_area(refusals):
    (shown,) = refusals["area not theirs"].shown()
    assert shown == (
        "Bạn không có quyền thực hiện thao tác này (xã/phường được chọn nằm ngoài "
        "địa bàn của bạn (Phường Hưng Dũng))."
    )


def test_states_are_named_by_their_labels(refusals):
    (shown,) = refusals["submit not draft"].shown()
    assert "đang ở trạng thái «Chờ duyệt»: chỉ nộp được phiếu nháp" in shown


def test_the_english_text_is_the_registrys_own(refusals):
    problem = refusals["fine"].problems[0]
    assert isinstance(problem, FieldError)
    assert problem.expected == "a whole number of đồng from 0 to 1,000,000,000"
