"""Area reports: the figures of a cluster, a district or a commune over a period.

:func:`make_report` gathers, for the communes of the area in the chosen edition:
the BTS sites by operator and technology, coverage per commune (technology and
operator, density, population where imported, gaps), sharing of infrastructure,
growth year by year, the inspections of the period, with a header (area, period,
edition, when and by whom) and notes saying what the figures rest on. The writers
(:mod:`registry.reports.excel`, :mod:`registry.reports.html`) turn it into files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pandas as pd
from sqlalchemy import select

from geodata.storage import GeoFrame
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.coverage.model import coverage_report
from registry.coverage.sharing import sharing_report
from registry.inspections.queries import inspections_frame
from registry.kernel.audit import record_audit
from registry.kernel.clock import VIETNAM_TIME
from registry.kernel.dataset import is_demo
from registry.kernel.db import Registry
from registry.kernel.models import User
from registry.kernel.vocabulary import TECHNOLOGIES
from registry.maps.growth_report import growth_report
from registry.maps.multiples import multiples_png, pick_years
from registry.maps.timeline import first_years
from registry.permits.access import SUBJECT as APPLICATIONS
from registry.permits.queries import list_applications
from registry.permits.report import permits_report
from registry.records.listing import list_records
from registry.reports.area import ReportArea, ReportInputError, resolve_area
from registry.reports.coverage_sections import (
    area_coverage,
    coverage_by_operator,
    coverage_by_unit,
    gap_table,
    growth_table,
    sharing_by_unit,
    sharing_pairs,
)
from registry.reports.notes import report_notes
from registry.reports.permit_sections import applications_table, permits_by_district
from registry.reports.record_sections import (
    in_communes,
    inspections_by_state,
    on_air,
    overdue_follow_ups,
    period_inspections,
    sites_by_operator,
    technology_mask,
    violations_by_rule,
)
from registry.reports.tables import Headline, Report, ReportTable
from registry.units.divisions import unit_polygons, units_frame
from registry.units.offices import offices_between

SUBJECT = "report"


def _display_name(registry: Registry, actor: Actor) -> str:
    with registry.reading() as session:
        name = session.scalar(
            select(User.display_name).where(User.username == actor.username)
        )
    return f"{name} ({actor.username})" if name else actor.username


def _day(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def office_lines(start: date, end: date) -> list[str]:
    """The provincial department (and the huyện People's Committees while they
    existed) in charge over [start, end], with their dates; an unverified date is
    said so."""
    lines = []
    for kind, title in (
        ("department", "Cơ quan quản lý cấp tỉnh"),
        ("district_committee", "Cấp huyện"),
    ):
        for office in offices_between(kind, start, end):
            since = f"từ {_day(office.valid_from)}" if office.valid_from else ""
            until = f"đến {_day(office.valid_to)}" if office.valid_to else ""
            period = " ".join(part for part in (since, until) if part)
            mark = "; chưa xác minh ngày hiệu lực" if office.unverified else ""
            lines.append(f"{title}: {office.name_vi} ({period or 'cả kỳ'}{mark})")
    return lines


def _newest_technology(sites: pd.DataFrame, end: date) -> pd.Series:
    newest = pd.Series(pd.NA, index=sites.index, dtype=object)
    for tech in TECHNOLOGIES:  # oldest first: later ones overwrite
        newest[technology_mask(sites, tech, end)] = tech
    return newest


def _coverage_map(registry: Registry, area: ReportArea, cov) -> GeoFrame:
    polygons = unit_polygons(registry, area.edition, "commune")
    chosen = polygons[polygons["code"].isin(area.communes)].copy()
    column = cov.units[f"share_{cov.gap_technology.lower()}"]
    shares = dict(zip(cov.units["code"], column, strict=True))
    chosen["share"] = chosen["code"].map(shares).astype(float)
    chosen["gap"] = chosen["code"].isin(set(cov.gaps["code"]))
    return chosen.reset_index(drop=True)


def _check_period(start: date, end: date) -> None:
    if not isinstance(start, date) or not isinstance(end, date) or start > end:
        raise ReportInputError("period", (start, end))


@dataclass
class _Part:
    """Tables and headline figures of one part of a report."""

    tables: list[ReportTable] = field(default_factory=list)
    headline: list[Headline] = field(default_factory=list)


def _sites_part(registry, actor, area: ReportArea, start, end, district_names):
    """Sites, coverage, sharing and growth; also the material of the maps."""
    edition, communes = area.edition, list(area.communes)
    listed = list_records(registry, actor, "site", as_of=end)
    sites_end = on_air(in_communes(listed, edition, communes))
    before = list_records(registry, actor, "site", as_of=start - timedelta(days=1))
    new_ids = set(sites_end["id"]) - set(on_air(before)["id"])
    where = {"edition": edition, "level": "commune", "units": communes}
    cov = coverage_report(registry, actor, as_of=end, **where)
    sharing = sharing_report(registry, actor, as_of=end, **where)
    growth = growth_report(registry, actor, until=end, **where)
    shares = area_coverage(cov.units)
    area_km2 = float(cov.units["area_km2"].sum())
    count = len(sites_end)
    part = _Part(
        [
            sites_by_operator(sites_end, new_ids, end),
            coverage_by_unit(cov, district_names),
            coverage_by_operator(cov),
            gap_table(cov),
            sharing_by_unit(sharing),
            sharing_pairs(sharing),
            growth_table(growth),
        ],
        [
            Headline("Số xã, phường", len(communes)),
            Headline("Diện tích (km²)", area_km2, "dec"),
            Headline("Trạm BTS đang phát sóng", count),
            Headline("Trạm mới trong kỳ", len(new_ids)),
            Headline("Trạm/km²", count / area_km2 if area_km2 else None, "dec"),
            Headline("Số nhà mạng có trạm", int(sites_end["network_code"].nunique())),
            Headline("Trạm có 5G", int(technology_mask(sites_end, "5G", end).sum())),
            Headline("Diện tích được phủ 4G", shares["share_4g"], "pct"),
            Headline("Diện tích được phủ 5G", shares["share_5g"], "pct"),
            Headline("Dân số được phủ 4G", shares["population_share_4g"], "pct"),
            Headline("Xã thuộc vùng lõm sóng", len(cov.gaps)),
            Headline("Trạm dùng chung hạ tầng", int(sharing.units["co_located"].sum())),
            Headline("Cặp trạm có thể dùng chung", len(sharing.pairs)),
        ],
    )
    sites_map = pd.DataFrame(
        {
            "latitude": sites_end["latitude"],
            "longitude": sites_end["longitude"],
            "technology": _newest_technology(sites_end, end),
        }
    ).reset_index(drop=True)
    return part, cov, sharing, sites_map, sites_end


def _network_years(units: GeoFrame, sites: pd.DataFrame, end: date):
    """The area's sites at six years up to the end of the period, as one PNG."""
    first = first_years(sites)
    known = first[first > 0]
    if units.empty or not len(known):
        return None
    years = pick_years(int(known.min()), end.year)
    return years, multiples_png(units, sites, years)


def _inspections_part(registry, actor, area: ReportArea, start, end) -> _Part:
    """Inspections of the period, violations per rule, overdue follow-ups."""
    if not perm.allowed(actor, perm.READ, "inspection"):
        return _Part()
    points = list_records(registry, actor, "point", include_retired=True)
    frame = inspections_frame(registry, points)
    inspections = in_communes(frame, area.edition, area.communes)
    in_period = period_inspections(inspections, start, end)
    follow_ups = overdue_follow_ups(inspections, end, area.edition)
    return _Part(
        [
            inspections_by_state(in_period),
            violations_by_rule(registry, in_period),
            follow_ups,
        ],
        [
            Headline("Cuộc kiểm tra trong kỳ", len(in_period)),
            Headline("Vi phạm ghi nhận trong kỳ", int(in_period["violations"].sum())),
            Headline("Yêu cầu khắc phục quá hạn", len(follow_ups.frame)),
        ],
    )


def _permits_part(registry, actor, area: ReportArea, start, end) -> _Part:
    """Applications of the area with their deadlines; figures per district."""
    if not perm.allowed(actor, perm.READ, APPLICATIONS):
        return _Part()
    applications = applications_table(
        list_applications(registry, actor, on=end), area, start, end
    )
    per_district = permits_by_district(
        permits_report(registry, actor, start, end, list(area.districts))
    )
    filed = applications.frame["Ngày nộp"]
    return _Part(
        [applications, per_district],
        [
            Headline(
                "Hồ sơ cấp phép nộp trong kỳ",
                int(((filed >= start) & (filed <= end)).sum()),
            ),
            Headline(
                "Hồ sơ quá hạn xử lý", int((applications.frame["Quá hạn"] != "").sum())
            ),
        ],
    )


def make_report(
    registry: Registry,
    actor: Actor,
    *,
    kind: str,
    key: str,
    start: date,
    end: date,
    edition: str | None = None,
) -> Report:
    """The report of one area over [start, end], in ``edition`` (default setting).

    ``kind`` is ``cluster`` (``key`` = cluster id), ``district`` (2025-06 code) or
    ``commune`` (code of ``edition``). Coverage, sharing and the site counts are
    as of ``end``; inspections are those dated within the period. The department
    and administrators report on any area, district staff on their own district
    and its communes. Making a report is audited.
    """
    perm.require(actor, perm.READ, SUBJECT)
    _check_period(start, end)
    edition = edition or registry.config.default_edition
    with registry.reading() as session:
        area = resolve_area(session, actor, kind, str(key), edition)
        districts = units_frame(session, "2025-06", "district")
    names = dict(zip(districts["code"], districts["name"], strict=True))
    network, cov, sharing, sites_map, sites_end = _sites_part(
        registry, actor, area, start, end, names
    )
    parts = [
        network,
        _inspections_part(registry, actor, area, start, end),
        _permits_part(registry, actor, area, start, end),
    ]
    demo = is_demo(registry)
    coverage_map = _coverage_map(registry, area, cov)
    report = Report(
        area=area,
        start=start,
        end=end,
        made_at=datetime.now(VIETNAM_TIME).replace(tzinfo=None, microsecond=0),
        made_by=_display_name(registry, actor),
        demo=demo,
        approximate=cov.approximate,
        headline=[item for part in parts for item in part.headline],
        tables=[table for part in parts for table in part.tables],
        notes=report_notes(area, cov, sharing, demo=demo, actor=actor),
        coverage_map=coverage_map,
        sites_map=sites_map,
        map_technology=cov.gap_technology,
        network_years=_network_years(coverage_map, sites_end, end),
        offices=office_lines(start, end),
    )
    with registry.transaction() as session:
        record_audit(
            session,
            actor.username,
            "make_report",
            SUBJECT,
            f"{area.kind}:{area.key}",
            after={"area": area.name, "edition": edition, "start": start, "end": end},
        )
    return report
