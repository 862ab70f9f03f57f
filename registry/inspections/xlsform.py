"""The XLSForm of an inspection, for ODK Collect and KoBoCollect (offline phones).

Commune staff in communes without mobile data fill the form on their phones and
send it when they are back in reach; :mod:`registry.inspections.odk_import` brings
the submissions back as draft inspections. The form is made from the rule set in
force on a day: one yes / no / not-applicable question per checklist rule (its
legal basis as the hint), a note when "no", violations (a repeat), the follow-up
deadline, a GPS point, up to :data:`FORM_PHOTOS` photos, and the commune's points
as a choice list filtered by the point's kind. Labels are Vietnamese, with English
as the second language.

The form's ``form_id`` carries the rule set's key and the commune; its ``version``
the rule set's version and the day it was made (ODK Central takes a new version of
a form only under a new version string). Hidden fields carry the rule set's key
and version into every submission, so the import can tell which rules it answers.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from sqlalchemy import select

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.inspections import messages as msg
from registry.inspections.access import SUBJECT
from registry.inspections.checklist import ruleset_in_force
from registry.inspections.values import as_date
from registry.kernel.clock import now, today
from registry.kernel.db import Registry
from registry.kernel.errors import FieldError, NotFoundError, ValidationError
from registry.kernel.models import AdminUnit, PublicPoint, UnitAssignment
from registry.kernel.vocabulary import POINT_KIND_LABELS, PointKind

# Photos a form asks for at most (image questions photo_1 .. photo_N). Fixed, not a
# setting: a changed number would change every form already on the phones.
FORM_PHOTOS = 5
# Language columns of the form; Vietnamese first (the default language).
VI, EN = "Tiếng Việt (vi)", "English (en)"
# Names of the form's questions that the import reads.
RULESET_KEY, RULESET_VERSION, COMMUNE = "ruleset_key", "ruleset_version", "commune"
DATE, KIND, POINT, GPS = "inspected_on", "point_kind", "point", "gps"
CHECKLIST, VIOLATIONS = "checklist", "violations"
V_RULE, V_DESCRIPTION, V_FINE = "rule", "description", "fine_vnd"
DEADLINE, SUMMARY = "follow_up_deadline", "summary"
# Answers: the form's choice name -> the checklist's result.
ANSWERS = {"yes": "pass", "no": "fail", "na": "not_applicable"}

_SURVEY_COLUMNS = (
    "type",
    "name",
    f"label::{VI}",
    f"label::{EN}",
    f"hint::{VI}",
    f"hint::{EN}",
    "required",
    "relevant",
    "constraint",
    "choice_filter",
    "calculation",
    "default",
)
_CHOICE_COLUMNS = ("list_name", "name", f"label::{VI}", f"label::{EN}", "kind", "kinds")


@dataclass(frozen=True)
class InspectionForm:
    """An XLSForm made for one commune and day: the file and what it carries."""

    filename: str
    data: bytes
    form_id: str
    version: str
    ruleset_key: str
    ruleset_version: int
    commune_code: str
    commune_name: str
    points: int
    rule_ids: tuple[str, ...]


def answer_name(rule_id: str) -> str:
    """The form's question name of a checklist rule (XML names allow no dots)."""
    return "r_" + re.sub(r"[^A-Za-z0-9_]", "_", rule_id)


def note_name(rule_id: str) -> str:
    """The form's question name of the note asked when a rule is answered "no"."""
    return "n_" + re.sub(r"[^A-Za-z0-9_]", "_", rule_id)


def photo_names() -> tuple[str, ...]:
    """The names of the form's image questions."""
    return tuple(f"photo_{n}" for n in range(1, FORM_PHOTOS + 1))


def form_id_for(ruleset_key: str, commune_code: str) -> str:
    """``form_id`` of the form of a rule set and a commune."""
    return f"kiem_tra_{ruleset_key}_{commune_code}".replace("-", "_")


def _plain(text: object) -> str:
    """Text a form may show as is: ODK reads ``${name}`` in a label as a
    reference to a question, so a registry value never carries one."""
    return re.sub(r"\s+", " ", str(text or "")).replace("${", "$ {").strip()


def _commune(session, actor: Actor, code: str, edition: str) -> AdminUnit:
    """The commune of ``code`` (in ``edition`` first: a code may name a commune
    in both editions), inside the actor's area."""
    rows = session.scalars(
        select(AdminUnit).where(AdminUnit.level == "commune", AdminUnit.code == code)
    ).all()
    if not rows:
        raise NotFoundError(msg.COMMUNE_NOT_FOUND, key=code)
    rows.sort(key=lambda unit: unit.edition != edition)
    for unit in rows:
        units = {unit.edition: (unit.code, unit.parent_code)}
        if perm.in_scope(actor, units):
            return unit
    unit = rows[0]
    perm.require_in_scope(
        actor,
        "make the inspection form of this commune",
        {unit.edition: (unit.code, unit.parent_code)},
        what=f"commune {unit.name}",
    )
    return unit  # not reached: require_in_scope refused


def _points(session, unit: AdminUnit) -> list[PublicPoint]:
    ids = select(UnitAssignment.record_id).where(
        UnitAssignment.record_type == "point",
        UnitAssignment.edition == unit.edition,
        UnitAssignment.commune_code == unit.code,
    )
    return list(
        session.scalars(
            select(PublicPoint)
            .where(PublicPoint.id.in_(ids), PublicPoint.retired_on.is_(None))
            .order_by(PublicPoint.kind, PublicPoint.name, PublicPoint.id)
        )
    )


def _ruleset(day: date, key: str | None):
    try:
        ruleset = ruleset_in_force(day)
    except FieldError as error:
        raise ValidationError([error]) from None
    if key is not None and key != ruleset.key:
        raise ValidationError(
            [
                FieldError(
                    "ruleset",
                    key,
                    msg.ODK_RULESET_NOT_IN_FORCE,
                    day=day,
                    in_force=ruleset.key,
                    hide_value=True,
                )
            ]
        )
    return ruleset


def _row(**cells) -> dict:
    return cells


def _survey(ruleset, commune_code: str) -> list[dict]:
    rows = [
        _row(
            type="calculate",
            name=RULESET_KEY,
            calculation=f"'{ruleset.key}'",
        ),
        _row(
            type="calculate",
            name=RULESET_VERSION,
            calculation=f"'{ruleset.version}'",
        ),
        _row(type="calculate", name=COMMUNE, calculation=f"'{commune_code}'"),
        _row(type="start", name="start"),
        _row(type="end", name="end"),
        _row(type="username", name="username"),
        _row(
            type="date",
            name=DATE,
            required="yes",
            default="today()",
            constraint=". <= today()",
            **{
                f"label::{VI}": "Ngày kiểm tra",
                f"label::{EN}": "Inspection date",
                f"hint::{VI}": f"Trong thời gian áp dụng {ruleset.title_vi}"
                f" ({ruleset.period})",
                f"hint::{EN}": f"Within the period of {ruleset.title_en}"
                f" ({ruleset.period})",
            },
        ),
        _row(
            type="select_one point_kinds",
            name=KIND,
            required="yes",
            **{f"label::{VI}": "Loại điểm", f"label::{EN}": "Kind of point"},
        ),
        _row(
            type="select_one points",
            name=POINT,
            required="yes",
            choice_filter=f"kind = ${{{KIND}}}",
            **{
                f"label::{VI}": "Điểm được kiểm tra (mã · tên · địa chỉ)",
                f"label::{EN}": "Point inspected (code · name · address)",
            },
        ),
        _row(
            type="geopoint",
            name=GPS,
            **{
                f"label::{VI}": "Vị trí GPS tại điểm",
                f"label::{EN}": "GPS position at the point",
                f"hint::{VI}": "Đứng tại cửa điểm khi lấy vị trí",
                f"hint::{EN}": "Stand at the point's door when taking it",
            },
        ),
        _row(
            type="begin_group",
            name=CHECKLIST,
            **{f"label::{VI}": "Danh mục kiểm tra", f"label::{EN}": "Checklist"},
        ),
    ]
    for rule in ruleset.rules:
        applies = " or ".join(f"${{{KIND}}} = '{kind}'" for kind in rule.applies_to)
        rows.append(
            _row(
                type="select_one answer",
                name=answer_name(rule.id),
                required="yes",
                relevant=applies,
                **{
                    f"label::{VI}": _plain(rule.message_vi),
                    f"label::{EN}": _plain(rule.message_en),
                    f"hint::{VI}": _plain(rule.basis),
                    f"hint::{EN}": _plain(rule.basis),
                },
            )
        )
        rows.append(
            _row(
                type="text",
                name=note_name(rule.id),
                required="yes",
                relevant=f"${{{answer_name(rule.id)}}} = 'no'",
                **{
                    f"label::{VI}": "Ghi chú: điều gì không đạt?",
                    f"label::{EN}": "Note: what does not comply?",
                },
            )
        )
    rows.append(_row(type="end_group"))
    rows += [
        _row(
            type="begin_repeat",
            name=VIOLATIONS,
            **{f"label::{VI}": "Vi phạm", f"label::{EN}": "Violations"},
        ),
        _row(
            type="select_one rules",
            name=V_RULE,
            required="yes",
            choice_filter=f"contains(kinds, ${{{KIND}}})",
            **{f"label::{VI}": "Điều kiện vi phạm", f"label::{EN}": "Rule violated"},
        ),
        _row(
            type="text",
            name=V_DESCRIPTION,
            required="yes",
            **{f"label::{VI}": "Mô tả vi phạm", f"label::{EN}": "What was found"},
        ),
        _row(
            type="integer",
            name=V_FINE,
            constraint=". >= 0",
            **{
                f"label::{VI}": "Mức phạt đề xuất (đồng)",
                f"label::{EN}": "Fine proposed (VND)",
            },
        ),
        _row(type="end_repeat"),
        _row(
            type="date",
            name=DEADLINE,
            constraint=f". >= ${{{DATE}}}",
            **{
                f"label::{VI}": "Hạn khắc phục",
                f"label::{EN}": "Follow-up deadline",
            },
        ),
        _row(
            type="text",
            name=SUMMARY,
            **{f"label::{VI}": "Tóm tắt", f"label::{EN}": "Summary"},
        ),
    ]
    for number, name in enumerate(photo_names(), start=1):
        previous = f"photo_{number - 1}"
        rows.append(
            _row(
                type="image",
                name=name,
                relevant=None if number == 1 else f"${{{previous}}} != ''",
                **{f"label::{VI}": f"Ảnh {number}", f"label::{EN}": f"Photo {number}"},
            )
        )
    return rows


def _choices(ruleset, points: list[PublicPoint]) -> list[dict]:
    rows = [
        _row(list_name="answer", name="yes", **{f"label::{VI}": "Đạt"}),
        _row(list_name="answer", name="no", **{f"label::{VI}": "Không đạt"}),
        _row(list_name="answer", name="na", **{f"label::{VI}": "Không áp dụng"}),
    ]
    english = {"yes": "Complies", "no": "Does not comply", "na": "Not applicable"}
    for row in rows:
        row[f"label::{EN}"] = english[row["name"]]
    present = {point.kind for point in points}
    for kind in PointKind:
        if kind.value in present:
            vi, en = POINT_KIND_LABELS[kind]
            rows.append(
                _row(
                    list_name="point_kinds",
                    name=kind.value,
                    **{f"label::{VI}": vi, f"label::{EN}": en},
                )
            )
    for point in points:
        label = " · ".join(
            part
            for part in (str(point.id), _plain(point.name), _plain(point.address))
            if part
        )
        rows.append(
            _row(
                list_name="points",
                name=str(point.id),
                kind=point.kind,
                **{f"label::{VI}": label, f"label::{EN}": label},
            )
        )
    for rule in ruleset.rules:
        rows.append(
            _row(
                list_name="rules",
                name=rule.id,
                kinds=" ".join(rule.applies_to),
                **{
                    f"label::{VI}": _plain(rule.message_vi),
                    f"label::{EN}": _plain(rule.message_en),
                },
            )
        )
    return rows


def _sheet(book: Workbook, title: str, columns, rows, *, first: bool = False):
    sheet = book.active if first else book.create_sheet()
    sheet.title = title
    sheet.append(list(columns))
    for row in rows:
        sheet.append([None] * len(columns))
        for number, column in enumerate(columns, start=1):
            value = row.get(column)
            if value is None:
                continue
            cell = sheet.cell(row=sheet.max_row, column=number)
            cell.value = value
            # Text stays text: a point named "=HYPERLINK(...)" is not a formula.
            cell.data_type = "s"


def _workbook(ruleset, unit: AdminUnit, points, form_id: str, version: str) -> bytes:
    book = Workbook()
    _sheet(book, "survey", _SURVEY_COLUMNS, _survey(ruleset, unit.code), first=True)
    _sheet(book, "choices", _CHOICE_COLUMNS, _choices(ruleset, points))
    settings = {
        "form_title": _plain(f"Kiểm tra điểm Internet, trò chơi — {unit.name}"),
        "form_id": form_id,
        "version": version,
        "default_language": VI,
    }
    _sheet(book, "settings", tuple(settings), [settings])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def inspection_form(
    registry: Registry,
    actor: Actor,
    *,
    commune_code: str,
    on: date | str | None = None,
    ruleset_key: str | None = None,
) -> InspectionForm:
    """The XLSForm (XLSX bytes) to inspect the points of a commune on a phone.

    Its checklist is the rule set in force on ``on`` (default today); when
    ``ruleset_key`` is given it must be that rule set. Commune staff make the
    form of their commune, district staff of a commune of their district, the
    department of any commune. Refused: a commune outside the actor's area, an
    unknown commune, a day no rule set covers, a commune with no points.
    """
    perm.require(actor, perm.READ, SUBJECT)
    try:
        day = as_date("on", today() if on in (None, "") else on, required=True)
    except FieldError as error:
        raise ValidationError([error]) from None
    ruleset = _ruleset(day, ruleset_key)
    code = str(commune_code or "").strip()
    with registry.reading() as session:
        edition = actor.area_edition or registry.config.default_edition
        unit = _commune(session, actor, code, edition)
        points = _points(session, unit)
    if not points:
        raise ValidationError(
            [FieldError("commune", code, msg.ODK_NO_POINTS, commune=unit.name)]
        )
    form_id = form_id_for(ruleset.key, unit.code)
    version = f"{ruleset.version}.{now():%Y%m%d%H%M}"
    data = _workbook(ruleset, unit, points, form_id, version)
    return InspectionForm(
        filename=f"{form_id}.xlsx",
        data=data,
        form_id=form_id,
        version=version,
        ruleset_key=ruleset.key,
        ruleset_version=ruleset.version,
        commune_code=unit.code,
        commune_name=unit.name,
        points=len(points),
        rule_ids=tuple(rule.id for rule in ruleset.rules),
    )
