"""Every refusal of the permit services, produced through the real services, reads
in Vietnamese by its code and names nothing internal: no field or value name
(``follow_up_deadline``), no message code (``permits.step_day``), no edition or
ISO date (``bản 2025-06``, ``2025-03-10``).

What the user entered is shown as entered (a file name, a typed kind), so the
``(Đã nhập: …)`` part is left out of the check.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import registry.permits.steps as steps_module
from registry.kernel.clock import today
from registry.kernel.errors import Message, RegistryError
from registry.permits import messages as permits_msg
from registry.permits.corrections import correct_filing_day
from registry.permits.documents import add_documents, get_document
from registry.permits.filing import file_application
from registry.permits.matrix import check_rows, preset, read_preset
from registry.permits.matrix_versions import (
    adopt_preset,
    edit_matrix,
    load_version,
    matrix_on,
)
from registry.permits.queries import get_application, list_applications
from registry.permits.report import permits_report
from registry.permits.steps import (
    approve_application,
    escalate_application,
    record_completion,
    refuse_application,
    report_incomplete,
    verify_application,
)
from registry.permits.transfers import consent_to_transfer
from registry.records.by_kind import POINTS, SITES
from tests import samples
from tests.factories import point_values, site_values
from tests.permits.support import (
    PDF,
    THREE_LEVEL_DAY,
    TWO_LEVEL_DAY,
    file_on,
    new_game_point,
    new_site,
)
from ui.common.messages import vietnamese, vietnamese_table
from ui.permits.messages import permit_error_lines

DAY = THREE_LEVEL_DAY
ENTERED = re.compile(r"\(Đã nhập: [^)]*\)")
INTERNAL = {
    "a snake_case name": re.compile(r"\b\w+_\w+\b"),
    "a dotted code": re.compile(r"\b[a-z]+\.[a-z_]+\b"),
    "an edition or ISO date": re.compile(r"\b\d{4}-\d{2}\b"),
}
# A preset file's refusals name the file and its TOML keys for the maintainer who
# edits it (presets are read at start-up, never from a user's input).
FOR_MAINTAINERS = {"preset keys", "preset row keys"}
PERMIT_CODES = {
    message.code
    for message in vars(permits_msg).values()
    if isinstance(message, Message)
}


def test_every_permit_refusal_has_a_vietnamese_text():
    assert PERMIT_CODES - set(vietnamese_table()) == set()


def _refusal(call) -> RegistryError:
    try:
        call()
    except RegistryError as error:
        return error
    raise AssertionError("the call was not refused")


def _problems(error: RegistryError) -> list[RegistryError]:
    return [error, *getattr(error, "errors", [])]


def _site(registry, admin, code: str, **values) -> int:
    return SITES.create(
        registry,
        admin,
        site_values(registry, site_code=code, status="on_air", **values),
    )["id"]


def _pending_point(registry, admin, name: str) -> int:
    values = point_values(
        registry,
        name=name,
        status="pending",
        certificate_number=None,
        certificate_issuer=None,
        certificate_issued_on=None,
        certificate_expires_on=None,
    )
    return POINTS.create(registry, admin, values)["id"]


def _bts(registry, people, code: str, **options) -> int:
    return file_on(
        DAY,
        registry,
        people.viettel,
        "bts_new",
        values=new_site(registry, site_code=code),
        **options,
    ).summary.id


def _racing(monkeypatch, change) -> None:
    """Make the next approval meet ``change`` between its preparation (reads) and
    its transaction, as a second user's change would."""
    prepare = steps_module.prepare_approval

    def prepared_then_changed(*args, **kwargs):
        ready = prepare(*args, **kwargs)
        change()
        return ready

    monkeypatch.setattr(steps_module, "prepare_approval", prepared_then_changed)


def _filing_refusals(registry, admin, people) -> dict:
    # Filed today: the 2025-07 ward that holds Hưng Dũng's filings since 1/7/2025.
    viettel, commune = people.viettel, people.new_commune
    site = _site(registry, admin, "NAN-R0001")
    busy = _site(registry, admin, "NAN-R0002")
    retired = _site(registry, admin, "NAN-R0003")
    SITES.retire(registry, admin, retired, reason="Trùng")
    gone = _site(registry, admin, "NAN-R0004")
    SITES.change_status(registry, admin, gone, "decommissioned", reason="Tháo dỡ")
    pending = _pending_point(registry, admin, "Phòng game chờ cấp")
    agent = POINTS.create(
        registry, admin, point_values(registry, name="Đại lý", kind="internet_agent")
    )["id"]
    height = SITES.get(registry, admin, site)["structure_height_m"]
    theirs = _site(registry, admin, "NAN-R0005", network_code="01")
    renewed = POINTS.create(registry, admin, point_values(registry))["id"]
    file_on(DAY, registry, people.district, "game_renewal", point_id=renewed)
    file_application(
        registry, viettel, "bts_change", site_id=busy, values={"name": "Đổi tên"}
    )

    def bts(kind, actor=viettel, **arguments):
        return lambda: file_application(registry, actor, kind, **arguments)

    def document(name, data):
        return bts("bts_decommission", site_id=site, documents=[(name, data)])

    big = PDF + bytes(registry.config.max_document_bytes)
    lat, lon = 18.68, 105.68
    return {
        "filer role": bts("bts_new", people.district, values=new_site(registry)),
        "another network": bts("bts_new", values=new_site(registry, network_code="01")),
        "kind": bts("bts_rebuild", values={}),
        "not owner": bts("bts_change", site_id=theirs, values={"name": "x"}),
        "transfer filer": bts(
            "bts_transfer",
            people.department,
            site_id=site,
            values={"network_code": "01"},
        ),
        "receiving network": bts(
            "bts_transfer", site_id=site, values={"network_code": "04"}
        ),
        "network kept": bts("bts_change", site_id=site, values={"network_code": "01"}),
        "applicant": bts(
            "game_new", commune, values=new_game_point(registry, owner_name=None)
        ),
        "no site": bts("bts_change", values={"name": "x"}),
        "no point": bts("game_renewal", commune),
        "not a game point": bts("game_renewal", commune, point_id=agent),
        "set by decision": bts(
            "bts_new", values={**new_site(registry), "status": "on_air"}
        ),
        "relocation fields": bts(
            "bts_relocation",
            site_id=site,
            values={"name": "x", "latitude": lat, "longitude": lon},
        ),
        "same position": bts("bts_change", site_id=site, values={"latitude": lat}),
        "no changes": bts("bts_decommission", site_id=site, values={"name": "x"}),
        "new position": bts("bts_relocation", site_id=site, values={"latitude": lat}),
        "one change": bts(
            "bts_change", site_id=site, values={"structure_height_m": height}
        ),
        "retired": bts("bts_change", site_id=retired, values={"name": "x"}),
        "open application": bts("bts_change", site_id=busy, values={"name": "x"}),
        "decommissioned": bts("bts_change", site_id=gone, values={"name": "x"}),
        "not in use": bts("game_revocation", commune, point_id=pending),
        "no certificate": bts("game_renewal", commune, point_id=pending),
        "document bytes": document("a.pdf", "không phải bytes"),
        "document empty": document("a.pdf", b""),
        "document size": document("lon.pdf", big),
        "document type": document("ban-ve.png", b"GIF89a not a png"),
        "document unreadable": document("ban-ve.png", b"\x89PNG\r\n\x1a\n<html>"),
        "document pixels": document("ban-ve.png", samples.claimed_png(8000, 8000)),
        "document pdf": document("ho-so.pdf", b"%PDF-1.4\n<html></html>"),
        "document encrypted": document("ho-so.pdf", samples.encrypted_pdf()),
        "document active": document(
            "ho-so.pdf", samples.pdf_with_action("/JavaScript", JS="app.alert(1)")
        ),
    }


def _step_refusals(registry, admin, people, monkeypatch) -> dict:
    viettel, commune, district = people.viettel, people.commune, people.district
    waiting = _bts(registry, people, "VT-R-CHO")
    deciding = _bts(registry, people, "VT-R-QD")
    verify_application(registry, commune, deciding, on=DAY)
    paused = _bts(registry, people, "VT-R-THIEU")
    report_incomplete(registry, commune, paused, reasons="Thiếu bản vẽ", on=DAY)
    refused = _bts(registry, people, "VT-R-TUCHOI")
    verify_application(registry, commune, refused, on=DAY)
    refuse_application(registry, district, refused, reasons="Sai vị trí", on=DAY)
    high = file_on(
        DAY,
        registry,
        viettel,
        "bts_new",
        values=new_site(registry, site_code="VT-R-CAO"),
        protected_zone=True,
    )
    if high.row.verify_level:
        verifier = {"commune": commune, "district": district}.get(
            high.row.verify_level, people.department
        )
        verify_application(registry, verifier, high.summary.id, on=DAY)
    changed = _bts(registry, people, "VT-R-DOI")
    verify_application(registry, commune, changed, on=DAY)
    site = _site(registry, admin, "NAN-R0010")
    moved = file_on(
        DAY,
        registry,
        viettel,
        "bts_change",
        site_id=site,
        values={"name": "Trạm đổi tên"},
    ).summary.id
    verify_application(registry, commune, moved, on=DAY)

    own = file_on(
        DAY,
        registry,
        district,
        "game_new",
        values=new_game_point(registry, name="Phòng game tự ghi"),
    ).summary.id
    verify_application(registry, commune, own, on=DAY)
    verified = file_on(
        TWO_LEVEL_DAY,
        registry,
        viettel,
        "bts_new",
        values=new_site(registry, site_code="VT-R-TT"),
    ).summary.id
    # Filed since 1/7/2025: held by the 2025-07 ward (Thành Vinh) alone.
    verify_application(registry, people.new_commune, verified, on=TWO_LEVEL_DAY)

    def transfer(code):
        given = _site(registry, admin, code)
        return given, file_on(
            TWO_LEVEL_DAY,
            registry,
            viettel,
            "bts_transfer",
            site_id=given,
            values={"network_code": "01"},
        ).summary.id

    _, unsigned = transfer("NAN-R0011")
    moved_away, lost = transfer("NAN-R0012")
    version = SITES.get(registry, admin, moved_away)["version"]
    SITES.update(
        registry, admin, moved_away, {"network_code": "02"}, expected_version=version
    )

    def correct(actor, day, reason="Hồ sơ giấy", application=waiting):
        return lambda: correct_filing_day(
            registry, actor, application, day, reason=reason
        )

    def second_step():
        report_incomplete(registry, district, changed, reasons="Thiếu", on=DAY)
        record_completion(registry, viettel, changed, on=DAY)

    def site_edit():
        version = SITES.get(registry, admin, site)["version"]
        SITES.update(registry, admin, site, {"name": "Sửa"}, expected_version=version)

    def racing(change, application):
        def call():
            with monkeypatch.context() as patch:
                _racing(patch, change)
                approve_application(registry, district, application, number="1", on=DAY)

        return call

    return {
        "not found": lambda: get_application(registry, admin, 999_999),
        "other network": lambda: get_application(registry, people.mobifone, waiting),
        "outside the area": lambda: get_application(
            registry, people.other_district, waiting
        ),
        "wrong level": lambda: verify_application(registry, district, waiting, on=DAY),
        "role lacks": lambda: list_applications(registry, people.viewer),
        "completion by": lambda: record_completion(
            registry, people.department, paused, on=DAY
        ),
        "no documents": lambda: add_documents(registry, viettel, waiting, []),
        "closed": lambda: add_documents(registry, viettel, refused, [("a.pdf", PDF)]),
        "document not found": lambda: get_document(registry, admin, waiting, 999_999),
        "step day": lambda: verify_application(
            registry, commune, waiting, on=today() + timedelta(3)
        ),
        "site visit day": lambda: verify_application(
            registry, commune, waiting, site_visit_on=DAY - timedelta(9), on=DAY
        ),
        "missing what": lambda: report_incomplete(
            registry, commune, waiting, reasons=" ", on=DAY
        ),
        "permit number": lambda: approve_application(registry, district, deciding),
        "refusal reasons": lambda: refuse_application(
            registry, district, deciding, reasons=" "
        ),
        "referral reason": lambda: escalate_application(
            registry, district, deciding, reason=" "
        ),
        "nothing left": lambda: verify_application(registry, commune, refused),
        "other step": lambda: approve_application(
            registry, commune, waiting, number="1", on=DAY
        ),
        "not paused": lambda: record_completion(registry, viettel, waiting),
        "paused": lambda: verify_application(registry, commune, paused, on=DAY),
        "no escalation": lambda: escalate_application(
            registry, people.department, high.summary.id, reason="Lên nữa", on=DAY
        ),
        "own filing": lambda: approve_application(
            registry, district, own, number="1", on=DAY
        ),
        "own verification": lambda: approve_application(
            registry, people.new_commune, verified, number="1", on=TWO_LEVEL_DAY
        ),
        "consent needed": lambda: approve_application(
            registry, people.department, unsigned
        ),
        "consent by": lambda: consent_to_transfer(registry, viettel, unsigned),
        "no consent awaited": lambda: consent_to_transfer(registry, admin, waiting),
        "owner changed": lambda: consent_to_transfer(registry, people.mobifone, lost),
        "correction by": correct(people.department, DAY),
        "correction reason": correct(admin, DAY, reason=" "),
        "corrected day": correct(admin, today() + timedelta(3)),
        "filing day fixed": correct(admin, DAY, application=refused),
        "filing day matrix": correct(admin, DAY, application=unsigned),
        "application changed": racing(second_step, changed),
        "record changed": racing(site_edit, moved),
    }


def _load_version(registry, matrix_id: int) -> None:
    """A stored matrix version by id, as the steps and views load it."""
    with registry.reading() as session:
        load_version(session, matrix_id)


def _matrix_refusals(registry, people, tmp_path) -> dict:
    department = people.department
    base = matrix_on(registry, department, DAY)
    rows = [row.as_dict() for row in base.rows]

    def edited(*changed, **options):
        return lambda: edit_matrix(
            registry,
            department,
            base.id,
            list(changed),
            effective_from=DAY,
            reason=options.pop("reason", "Thử"),
            **options,
        )

    def first(**change):
        return edited({**rows[0], **change}, *rows[1:])

    def adopt(key="two_level", start=DAY, reason="Thử"):
        return lambda: adopt_preset(
            registry, department, key, effective_from=start, reason=reason
        )

    def preset_file(name, text):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return lambda: read_preset(path)

    head = (
        'key = "mau"\ntitle_vi = "Mẫu"\ntitle_en = "Preset"\n'
        'effective_from = 2025-01-01\nsource = "Thử"\nheight_threshold_m = 50\n'
    )
    return {
        "level required": first(decide_level=None),
        "level": first(decide_level="province"),
        "step days": first(verify_days=0),
        "matrix kind": first(kind="bts_rebuild"),
        "matrix case": first(case="tower"),
        "not above": first(verify_level="department"),
        "above": first(escalate_level="commune"),
        "case of kind": first(kind="game_new"),
        "one row": edited(*rows, *rows),
        "a row": edited(*rows[1:]),
        "height": edited(*rows, height_threshold_m=0),
        "matrix reason": edited(*rows, reason=" "),
        "first day": adopt(start="1/7/2025"),
        "preset not found": adopt(key="khong_co"),
        "version not found": lambda: _load_version(registry, 999_999),
        "no matrix in force": lambda: matrix_on(registry, department, date(1990, 1, 1)),
        "row not found": lambda: base.row("bts_new", "tower"),
        "preset keys": preset_file("thieu.toml", 'key = "mau"\n'),
        "preset row keys": preset_file(
            "dong.toml", head + '[[rows]]\nkinds = ["bts_new"]\nx = 1\n'
        ),
        "period end": lambda: permits_report(
            registry, department, date(2025, 2, 1), date(2025, 1, 1)
        ),
        "districts": lambda: permits_report(
            registry, department, *(date(2025, 1, 1), DAY), district_codes=["999"]
        ),
    }


def test_permit_refusals_read_in_vietnamese_without_internal_names(
    registry, admin, monkeypatch, tmp_path, people
):
    """Every code of :mod:`registry.permits.messages` is produced; the two that only
    a race produces, by a second change between an approval's preparation and its
    transaction."""
    calls = {
        **_filing_refusals(registry, admin, people),
        **_step_refusals(registry, admin, people, monkeypatch),
        **_matrix_refusals(registry, people, tmp_path),
    }
    produced, wrong = set(), []
    for name, call in calls.items():
        error = _refusal(call)
        shown = " ".join(permit_error_lines(error))
        for problem in _problems(error):
            produced.add(problem.code)
            if vietnamese(problem.code, problem.context) is None:
                wrong.append((name, f"no Vietnamese for {problem.code}", str(error)))
        if name in FOR_MAINTAINERS:
            continue
        checked = ENTERED.sub("", shown)
        for what, pattern in INTERNAL.items():
            if pattern.search(checked):
                wrong.append((name, f"shows {what}", shown))
    assert not wrong, "\n".join(map(repr, wrong))
    assert PERMIT_CODES - produced == set()


def test_a_matrix_cell_is_named_by_the_labels_of_its_row_and_column():
    rows = [row.as_dict() for row in preset("two_level").rows]
    rows[0] = {**rows[0], "verify_level": "department"}
    lines = permit_error_lines(_refusal(lambda: check_rows(rows)))
    # The wrong row is refused, so its pair is also missing from the matrix.
    assert lines == [
        "Có 2 mục chưa hợp lệ; chưa lưu gì:",
        "Trạm BTS mới – Cột trên mặt đất: Cấp thẩm tra: cần cấp không cao hơn cấp "
        "quyết định (cấp xã). (Đã nhập: Sở)",
        "Trạm BTS mới – Cột trên mặt đất: cần một dòng trong ma trận.",
    ]
