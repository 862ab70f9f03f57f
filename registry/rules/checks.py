"""The check functions of the rules, and the evaluation of points against a rule set.

How the automatic checks read the registry:

- ``certificate_valid``: the certificate's expiry date is its last valid day; without
  one, it is the issue date plus the rule's years. No certificate → fail; revoked →
  fail; a pending point (awaiting its certificate) → not applicable; a certificate
  issued after the day asked about → manual (only the current one is stored).
- ``hours_within``: opening and closing times inside the allowed hours (from the
  rule, or from a setting); closing at or before opening (past midnight) → fail;
  hours not recorded → manual.
- ``floor_area_min_by_urban_class``: the stored floor area is taken as the area of
  the machine rooms; the urban class comes from :mod:`registry.units.urban`.
- ``school_distance_min``: straight-line distance (UTM 48N) from the point to the
  nearest school, a lower bound of the road distance the decree speaks of.
- ``business_registered``, ``agent_contract``: a number is recorded (else manual).

Every other check is made on site and comes back ``manual``. The fields read are
the point's stored (current) values; closed and retired points are not applicable
to any rule. Spatial facts (nearest school, urban class) are computed once for all
points; only the wording of each result is built row by row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from functools import cached_property

import pandas as pd

from registry.kernel.cells import is_missing
from registry.kernel.db import Registry
from registry.kernel.numbers import vi_number
from registry.kernel.vocabulary import PointStatus
from registry.reference.schools import nearest_schools
from registry.rules.rulesets import SETTING_THRESHOLDS, Rule, RuleResult, RuleSet
from registry.units.urban import urban_classes

_Check = Callable[[Rule, dict, int, "_Context"], RuleResult]
_CLASS_VI = {"other": "khu vực khác"}
_CLASS_EN = {"other": "elsewhere (not an urban area of class I–V)"}


def _filled(value: object) -> bool:
    return not is_missing(value)


def _date(value: object) -> date | None:
    if is_missing(value):
        return None
    if isinstance(value, datetime | pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _time(value: object) -> time | None:
    if is_missing(value):
        return None
    return value if isinstance(value, time) else time.fromisoformat(str(value))


def _vi_number(value: float, decimals: int = 1) -> str:
    return vi_number(value, decimals)


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def _result(rule: Rule, outcome: str, vi: str, en: str, **facts) -> RuleResult:
    return RuleResult(rule.id, outcome, vi, en, facts)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _certificate_valid(rule: Rule, row: dict, position: int, ctx) -> RuleResult:
    years = rule.threshold["years"]
    number = row.get("certificate_number")
    if row.get("status") == PointStatus.REVOKED:
        return _result(
            rule,
            "fail",
            "Giấy chứng nhận đã bị thu hồi: điểm không được hoạt động",
            "The certificate was revoked: the point may not operate",
            certificate_number=number,
        )
    if not _filled(number):
        return _result(
            rule,
            "fail",
            "Không có giấy chứng nhận đủ điều kiện trong sổ đăng ký",
            "No eligibility certificate is recorded",
        )
    issued = _date(row.get("certificate_issued_on"))
    expires = _date(row.get("certificate_expires_on"))
    derived = expires is None and issued is not None
    if derived:
        expires = _add_years(issued, years)
    facts = {
        "certificate_number": number,
        "issued_on": issued.isoformat() if issued else None,
        "expires_on": expires.isoformat() if expires else None,
        "expiry_derived": derived,
    }
    if expires is None:
        return _result(
            rule,
            "manual",
            f"Giấy chứng nhận số {number} không ghi ngày cấp, ngày hết hạn: "
            "kiểm tra bản gốc",
            f"Certificate {number} has no issue or expiry date on record: check "
            "the original",
            **facts,
        )
    if issued is not None and issued > ctx.on:
        # The registry keeps the current certificate only: whether an earlier one
        # was valid on that day is for the inspector to see.
        return _result(
            rule,
            "manual",
            f"Giấy chứng nhận số {number} cấp ngày {issued:%d/%m/%Y}, sau ngày "
            f"{ctx.on:%d/%m/%Y}; sổ chỉ lưu giấy chứng nhận hiện hành: kiểm tra giấy "
            "chứng nhận có hiệu lực vào ngày đó",
            f"Certificate {number} was issued on {issued}, after {ctx.on}; the "
            "registry keeps the current certificate only: check the one valid then",
            **facts,
        )
    days_left = (expires - ctx.on).days
    facts["days_left"] = days_left
    if days_left < 0:
        return _result(
            rule,
            "fail",
            f"Giấy chứng nhận số {number} hết hạn ngày {expires:%d/%m/%Y} "
            f"({-days_left} ngày trước)",
            f"Certificate {number} expired on {expires} ({-days_left} days before)",
            **facts,
        )
    vi = f"Giấy chứng nhận số {number} còn hiệu lực đến hết ngày {expires:%d/%m/%Y}"
    en = f"Certificate {number} is valid until the end of {expires}"
    vi += f" (còn {days_left} ngày)" if days_left else " (hết hạn vào chính ngày này)"
    en += f" ({days_left} days left)" if days_left else " (its last day)"
    if issued is not None and expires > _add_years(issued, years):
        facts["term_exceeds_years"] = years
        vi += f"; thời hạn ghi trong sổ dài hơn {years} năm: kiểm tra lại"
        en += f"; the recorded term is longer than {years} years: check it"
    return _result(rule, "pass", vi, en, **facts)


def _allowed_hours(rule: Rule, ctx) -> tuple[time, time, str]:
    setting = rule.threshold.get("setting")
    if setting:
        opens, closes = getattr(ctx.registry.config, SETTING_THRESHOLDS[setting])
        return opens, closes, setting
    threshold = rule.threshold
    return (
        time.fromisoformat(threshold["opens"]),
        time.fromisoformat(threshold["closes"]),
        "rule",
    )


def _hours_within(rule: Rule, row: dict, position: int, ctx) -> RuleResult:
    allowed_opens, allowed_closes, origin = _allowed_hours(rule, ctx)
    window = f"{_hhmm(allowed_opens)}–{_hhmm(allowed_closes)}"
    opens, closes = _time(row.get("opens_at")), _time(row.get("closes_at"))
    facts = {"allowed": window, "allowed_from": origin}
    if opens is None or closes is None:
        return _result(
            rule,
            "manual",
            "Chưa ghi giờ mở, đóng cửa: kiểm tra tại chỗ "
            f"(khung giờ cho phép {window})",
            f"Opening hours are not recorded: check on site (allowed {window})",
            **facts,
        )
    hours = f"{_hhmm(opens)}–{_hhmm(closes)}"
    facts.update(opens_at=_hhmm(opens), closes_at=_hhmm(closes))
    if closes <= opens:
        return _result(
            rule,
            "fail",
            f"Mở cửa {hours}: hoạt động qua nửa đêm, ngoài khung giờ {window}",
            f"Open {hours}: past midnight, outside the allowed {window}",
            **facts,
        )
    vi, en = [], []
    if opens < allowed_opens:
        vi.append(f"mở cửa lúc {_hhmm(opens)}, trước {_hhmm(allowed_opens)}")
        en.append(f"opens at {_hhmm(opens)}, before {_hhmm(allowed_opens)}")
    if closes > allowed_closes:
        vi.append(f"đóng cửa lúc {_hhmm(closes)}, sau {_hhmm(allowed_closes)}")
        en.append(f"closes at {_hhmm(closes)}, after {_hhmm(allowed_closes)}")
    if vi:
        return _result(
            rule,
            "fail",
            f"Mở cửa {hours}: " + "; ".join(vi),
            f"Open {hours}: " + "; ".join(en),
            **facts,
        )
    return _result(
        rule,
        "pass",
        f"Mở cửa {hours}, trong khung giờ {window}",
        f"Open {hours}, within the allowed {window}",
        **facts,
    )


def _floor_area(rule: Rule, row: dict, position: int, ctx) -> RuleResult:
    urban = ctx.urban[position]
    if urban is None:
        return _result(
            rule,
            "manual",
            "Không xác định được xã/phường (2025-06) của điểm nên không tra được loại "
            "đô thị: kiểm tra tại chỗ",
            "The point's 2025-06 commune is unknown, so its urban class is too: "
            "check on site",
        )
    minimum = rule.threshold[urban.bucket]
    cls_vi = _CLASS_VI.get(urban.urban_class, f"đô thị loại {urban.urban_class}")
    cls_en = _CLASS_EN.get(urban.urban_class, f"urban class {urban.urban_class}")
    place_vi = f"{urban.place}, {cls_vi}"
    place_en = f"{urban.place}, {cls_en}"
    if not urban.verified and urban.urban_class != "other":
        place_vi += " (chưa xác minh)"
        place_en += " (unverified)"
    facts = {
        "urban_class": urban.urban_class,
        "urban_place": urban.place,
        "urban_class_verified": urban.verified,
        "urban_class_source": urban.source,
        "minimum_m2": minimum,
    }
    area = row.get("floor_area_m2")
    if not _filled(area):
        return _result(
            rule,
            "manual",
            f"Chưa ghi diện tích phòng máy; tối thiểu {_vi_number(minimum, 0)} m² "
            f"({place_vi}): đo tại chỗ",
            f"The machine-room area is not recorded; at least {minimum:g} m² "
            f"({place_en}): measure on site",
            **facts,
        )
    area = float(area)
    facts["floor_area_m2"] = area
    passed = area >= minimum
    sign = "≥" if passed else "<"
    return _result(
        rule,
        "pass" if passed else "fail",
        f"Diện tích phòng máy ghi trong sổ {_vi_number(area)} m² {sign} tối thiểu "
        f"{_vi_number(minimum, 0)} m² ({place_vi})",
        f"Recorded machine-room area {area:.1f} m² {sign} the minimum {minimum:g} m² "
        f"({place_en})",
        **facts,
    )


def _school_distance(rule: Rule, row: dict, position: int, ctx) -> RuleResult:
    required = rule.threshold["metres"]
    nearest = ctx.schools.iloc[position]
    if pd.isna(nearest["distance_m"]):
        return _result(
            rule,
            "manual",
            "Chưa có trường học nào trong sổ đăng ký: đo khoảng cách tại chỗ",
            "No school is in the registry: measure the distance on site",
            required_m=required,
        )
    # Centimetres: enough for coordinates given to 6 decimals, and a point placed
    # exactly 200 m away is not failed by a rounding error of the projection.
    metres = round(float(nearest["distance_m"]), 2)
    passed = metres >= required
    facts = {
        "school_id": int(nearest["school_id"]),
        "school_name": nearest["school_name"],
        "school_level": nearest["school_level"],
        "distance_m": metres,
        "distance_kind": "straight_line",
        "required_m": required,
    }
    vi = (
        f"Trường gần nhất: {nearest['school_name']}, cách {_vi_number(metres)} m "
        f"theo đường thẳng ({'≥' if passed else '<'} {_vi_number(required, 0)} m). "
        "Khoảng cách đường thẳng là cận dưới của khoảng cách theo đường đi mà nghị "
        "định quy định"
    )
    en = (
        f"Nearest school: {nearest['school_name']}, {metres:.1f} m in a straight "
        f"line ({'≥' if passed else '<'} {required:g} m). A straight line is a lower "
        "bound of the road distance the decree speaks of"
    )
    if not passed:
        vi += "; đo lại theo đường đi từ cổng trường tại chỗ"
        en += "; measure the way from the school gate on site"
    return _result(rule, "pass" if passed else "fail", vi + ".", en + ".", **facts)


def _recorded(field_name: str, what_vi: str, what_en: str) -> _Check:
    def check(rule: Rule, row: dict, position: int, ctx) -> RuleResult:
        if _filled(row.get(field_name)) and str(row[field_name]).strip():
            return _result(
                rule,
                "pass",
                f"Có {what_vi} trong sổ đăng ký",
                f"The {what_en} is recorded",
                recorded=True,
            )
        return _result(
            rule,
            "manual",
            f"Chưa ghi {what_vi}: kiểm tra giấy tờ tại chỗ",
            f"No {what_en} is recorded: check the papers on site",
            recorded=False,
        )

    return check


_AUTOMATIC: dict[str, _Check] = {
    "certificate_valid": _certificate_valid,
    "hours_within": _hours_within,
    "floor_area_min_by_urban_class": _floor_area,
    "school_distance_min": _school_distance,
    "business_registered": _recorded(
        "business_reg_number", "số đăng ký kinh doanh", "business registration number"
    ),
    "agent_contract": _recorded(
        "isp_contract_number", "hợp đồng đại lý Internet", "Internet agent contract"
    ),
}


class _Context:
    """What the checks share: the day, settings, and spatial facts computed once."""

    def __init__(self, registry: Registry, points: pd.DataFrame, on: date):
        self.registry = registry
        self.points = points
        self.on = on

    @cached_property
    def urban(self) -> list:
        return urban_classes(
            self.registry, list(self.points["commune_2025_06"]), on=self.on
        )

    @cached_property
    def schools(self) -> pd.DataFrame:
        return nearest_schools(
            self.registry, self.points["latitude"], self.points["longitude"]
        )


def _judge(rule: Rule, row: dict, position: int, ctx: _Context) -> RuleResult:
    if _filled(row.get("retired_on")) or row.get("status") == PointStatus.CLOSED:
        why = "retired" if _filled(row.get("retired_on")) else "closed"
        return _result(
            rule,
            "not_applicable",
            "Điểm đã ngừng hoạt động hoặc đã rút khỏi sổ: không áp dụng",
            f"The point is {why}: the rule does not apply",
        )
    if rule.check == "certificate_valid" and row.get("status") == PointStatus.PENDING:
        return _result(
            rule,
            "not_applicable",
            "Điểm đang chờ cấp giấy chứng nhận, chưa được hoạt động",
            "The point awaits its certificate and may not open yet",
        )
    if not rule.automatic:
        return _result(
            rule,
            "manual",
            f"Kiểm tra tại chỗ: {rule.message_vi}",
            f"Check on site: {rule.message_en}",
        )
    return _AUTOMATIC[rule.check](rule, row, position, ctx)


def evaluate_frame(
    registry: Registry, points: pd.DataFrame, ruleset: RuleSet, on: date
) -> list[tuple[dict, RuleResult]]:
    """Each point of ``points`` (rows of public_points, plus commune_2025_06) checked
    against the rules of ``ruleset`` that apply to its kind: (row, result) pairs."""
    points = points.reset_index(drop=True)
    ctx = _Context(registry, points, on)
    return [
        (row, _judge(rule, row, position, ctx))
        for position, row in enumerate(points.to_dict("records"))
        for rule in ruleset.rules_for(row["kind"])
    ]
