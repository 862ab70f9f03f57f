"""``python -m registry report``: an area report written to .xlsx and/or .html.

Areas are named as people write them (``--cluster "Cụm I"``, ``--district "Nam
Đàn"``, ``--commune "Hưng Dũng"``), matched ignoring case and diacritics.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from geodata.editions import EDITIONS
from geodata.names import NameMatcher, fold_name
from registry.access.permissions import Actor
from registry.kernel.clock import today
from registry.kernel.db import Registry
from registry.kernel.errors import NotFoundError
from registry.reports import messages as reports_msg
from registry.reports.build import make_report
from registry.reports.excel import workbook_bytes
from registry.reports.html import report_html
from registry.reports.tables import format_number
from registry.units.clusters import list_clusters
from registry.units.divisions import units_frame


def add_report_parser(commands) -> None:
    """The ``report`` sub-command and its options."""
    report = commands.add_parser(
        "report",
        help="report of a cluster, district or commune over a period (.xlsx, .html)",
    )
    area = report.add_mutually_exclusive_group(required=True)
    area.add_argument("--cluster", help="cluster name, e.g. 'Cụm I'")
    area.add_argument("--district", help="2025-06 district name, e.g. 'Nam Đàn'")
    area.add_argument("--commune", help="commune name in --edition")
    report.add_argument(
        "--from",
        dest="start",
        type=date.fromisoformat,
        help="first day, YYYY-MM-DD (default: 1 January of this year)",
    )
    report.add_argument(
        "--to", dest="end", type=date.fromisoformat, help="last day (default: today)"
    )
    report.add_argument(
        "--edition", choices=sorted(EDITIONS), help="units (default: setting)"
    )
    report.add_argument("--xlsx", type=Path, help="write the workbook here")
    report.add_argument("--html", type=Path, help="write the printable page here")


def _cluster_key(registry: Registry, actor: Actor, name: str) -> str:
    wanted = fold_name(name)
    for cluster in list_clusters(registry, actor):
        if fold_name(cluster.name) == wanted:
            return str(cluster.id)
    raise NotFoundError(reports_msg.CLUSTER_NOT_FOUND, key=name)


def _unit_key(registry: Registry, edition: str, level: str, name: str) -> str:
    with registry.reading() as session:
        units = units_frame(session, edition, level)
    found = NameMatcher(units).match(name, level=level)
    if found.code is None:
        raise NotFoundError(
            reports_msg.NAMED_UNIT_NOT_FOUND,
            level=level,
            level_title=level.capitalize(),
            edition=edition,
            key=found.reason or name,
        )
    return found.code


def run_report(registry: Registry, actor: Actor, args: argparse.Namespace) -> int:
    """Make the report, write the files asked for, print the headline figures."""
    edition = args.edition or registry.config.default_edition
    if args.cluster:
        kind, key = "cluster", _cluster_key(registry, actor, args.cluster)
    elif args.district:
        kind, key = (
            "district",
            _unit_key(registry, "2025-06", "district", args.district),
        )
    else:
        kind, key = "commune", _unit_key(registry, edition, "commune", args.commune)
    end = args.end or today()
    start = args.start or date(end.year, 1, 1)
    report = make_report(
        registry, actor, kind=kind, key=key, start=start, end=end, edition=edition
    )
    print(f"Báo cáo: {report.area.name} ({start:%d/%m/%Y} – {end:%d/%m/%Y})")
    for item in report.headline:
        print(f"  {item.label}: {format_number(item.value, item.fmt)}")
    if args.xlsx:
        args.xlsx.write_bytes(workbook_bytes(report))
        print(f"Workbook written to {args.xlsx}")
    if args.html:
        args.html.write_text(report_html(report), encoding="utf-8")
        print(f"Printable page written to {args.html}")
    return 0
