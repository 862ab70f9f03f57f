"""``python -m registry inspections``: inspecting offline with ODK Collect or
KoBoCollect.

``form`` writes the XLSForm of a commune for a day (the rule set in force then);
``import-odk`` reads ODK Central's or KoBoToolbox's CSV export zip and makes each
submission a draft inspection, printing one line per submission.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from registry.access.permissions import Actor
from registry.inspections.odk_import import OdkImportReport, import_odk_submissions
from registry.inspections.xlsform import inspection_form
from registry.kernel.db import Registry


def add_inspections_parser(commands) -> None:
    """The ``inspections`` sub-command: ``form`` and ``import-odk``."""
    parser = commands.add_parser(
        "inspections",
        help="inspections offline: the XLSForm for ODK Collect / KoBoCollect, and "
        "importing its submissions",
    )
    what = parser.add_subparsers(dest="what", required=True, metavar="WHAT")
    form = what.add_parser(
        "form", help="write the XLSForm (XLSX) of a commune's inspections on a day"
    )
    form.add_argument("--commune", required=True, help="GSO commune code")
    form.add_argument(
        "--date", type=date.fromisoformat, help="day (YYYY-MM-DD, default today)"
    )
    form.add_argument(
        "--ruleset", help="key of the rule set expected in force that day (checked)"
    )
    form.add_argument("--output", type=Path, help="file (default: FORM_ID.xlsx here)")
    imp = what.add_parser(
        "import-odk",
        help="import ODK Central / KoBoToolbox CSV export zip as draft inspections",
    )
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--dry-run", action="store_true", help="check every submission, store nothing"
    )


def print_odk_report(report: OdkImportReport) -> None:
    """One line per submission, then the counts."""
    for outcome in report.outcomes:
        where = f"point #{outcome.point_id}" if outcome.point_id else "no point"
        status = outcome.status.replace("_", " ")
        line = (
            f"  row {outcome.row} {outcome.instance_id or '(no instanceID)'} "
            f"by {outcome.submitter or '?'}, {where}: {status}"
        )
        if outcome.inspection_id:
            line += f" (inspection #{outcome.inspection_id})"
        if outcome.gps_far:
            line += (
                f"; GPS {outcome.distance_m:.0f} m from the registered position "
                f"(more than {report.tolerance_m:.0f} m): flagged"
            )
        if outcome.error is not None:
            line += f": {outcome.error}"
        print(line)
    print(report.summary())


def run_inspections(registry: Registry, actor: Actor, args: argparse.Namespace) -> int:
    """Carry out ``inspections form`` or ``inspections import-odk``."""
    if args.what == "form":
        form = inspection_form(
            registry,
            actor,
            commune_code=args.commune,
            on=args.date,
            ruleset_key=args.ruleset,
        )
        output = args.output or Path(form.filename)
        output.write_bytes(form.data)
        print(
            f"{output}: form {form.form_id} version {form.version}, rule set "
            f"{form.ruleset_key} v{form.ruleset_version}, {len(form.rule_ids)} "
            f"checklist questions, {form.points} point(s) of {form.commune_name}"
        )
        return 0
    report = import_odk_submissions(
        registry,
        actor,
        args.file.read_bytes(),
        file_name=args.file.name,
        dry_run=args.dry_run,
    )
    print_odk_report(report)
    return 0 if report.count("refused") == 0 else 1
