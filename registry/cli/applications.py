"""``python -m registry applications``: permit applications on the command line.

Reading only: the applications the acting user may see, one application with its
trail, the user's inbox, the delegation matrix in force on a day, and the report
per district. Steps are taken in the app, where documents are looked at.
"""

from __future__ import annotations

import argparse
from datetime import date

from registry.access.permissions import Actor
from registry.kernel.clock import today
from registry.kernel.db import Registry
from registry.permits.matrix_versions import matrix_on
from registry.permits.queries import (
    ApplicationSummary,
    get_application,
    inbox,
    list_applications,
)
from registry.permits.report import REPORT_COLUMNS, permits_report
from registry.permits.vocabulary import ApplicationKind, ApplicationState


def add_applications_parser(commands) -> None:
    """The ``applications`` sub-command and its actions."""
    parser = commands.add_parser(
        "applications", help="permit applications: list, show, inbox, matrix, report"
    )
    what = parser.add_subparsers(dest="what", required=True, metavar="WHAT")
    listing = what.add_parser("list", help="the applications the user may see")
    listing.add_argument(
        "--state", action="append", choices=[s.value for s in ApplicationState]
    )
    listing.add_argument(
        "--kind", action="append", choices=[k.value for k in ApplicationKind]
    )
    show = what.add_parser("show", help="one application with its trail")
    show.add_argument("id", type=int)
    box = what.add_parser("inbox", help="what waits for the user, what is overdue")
    box.add_argument("--on", type=date.fromisoformat, help="day (default today)")
    matrix = what.add_parser("matrix", help="the delegation matrix in force on a day")
    matrix.add_argument("--on", type=date.fromisoformat, help="day (default today)")
    report = what.add_parser("report", help="per district: received, decided, ...")
    report.add_argument("--from", dest="start", type=date.fromisoformat, required=True)
    report.add_argument("--to", dest="end", type=date.fromisoformat, required=True)
    report.add_argument("--district", action="append", help="2025-06 district code")


def _line(summary: ApplicationSummary) -> str:
    waiting = (
        f"{summary.step_kind}@{summary.step_level} due {summary.due_on}"
        + (" OVERDUE" if summary.overdue else "")
        + (" paused" if summary.paused else "")
        if summary.step_kind
        else f"decided {summary.decided_on}"
    )
    return (
        f"#{summary.id} {summary.kind}/{summary.case} {summary.state} filed "
        f"{summary.filed_on} by {summary.filed_by}; {waiting}; {summary.place_name}"
    )


def _show(registry: Registry, actor: Actor, application_id: int) -> None:
    view = get_application(registry, actor, application_id)
    print(_line(view.summary))
    print(f"matrix version {view.matrix.id} ({view.matrix.title})")
    for finding in view.findings:
        print(f"  [{finding.severity}] {finding.message_en}")
    for step in view.steps:
        end = f"{step.outcome} {step.finished_on} by {step.acted_by}"
        print(
            f"  {step.kind}@{step.level} from {step.started_on}, due {step.due_on}: "
            + (end if step.finished_on else "open")
        )
    for document in view.documents:
        print(f"  document {document.filename} ({document.content_type})")
    for entry in view.audit:
        print(f"  {entry['at']:%Y-%m-%d %H:%M} {entry['actor']} {entry['action']}")


def run_applications(registry: Registry, actor: Actor, args: argparse.Namespace) -> int:
    """Run one ``applications`` action; returns the exit code."""
    if args.what == "list":
        for summary in list_applications(
            registry, actor, states=args.state, kinds=args.kind
        ):
            print(_line(summary))
    elif args.what == "show":
        _show(registry, actor, args.id)
    elif args.what == "inbox":
        box = inbox(registry, actor, on=args.on)
        for title, items in (
            ("waiting for me", box.waiting),
            ("overdue", box.overdue),
            ("filed by me", box.filed_by_me),
            ("overdue below", box.overdue_below),
        ):
            print(f"{title}: {len(items)}")
            for summary in items:
                print("  " + _line(summary))
    elif args.what == "matrix":
        version = matrix_on(registry, actor, args.on or today())
        print(f"version {version.id}: {version.title}, from {version.effective_from}")
        for row in version.rows:
            verify = (
                f"{row.verify_level} {row.verify_days}d" if row.verify_level else "-"
            )
            up = (
                f"{row.escalate_level} {row.escalate_days}d"
                if row.escalate_level
                else "-"
            )
            print(
                f"  {row.kind}/{row.case}: verify {verify}; decide "
                f"{row.decide_level} {row.decide_days}d; refer to {up}"
            )
    else:
        frame = permits_report(
            registry, actor, args.start, args.end, district_codes=args.district
        )
        frame = frame.rename(columns={k: v[1] for k, v in REPORT_COLUMNS.items()})
        print(frame.to_string(index=False))
    return 0
