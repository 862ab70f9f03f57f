"""The command line: ``python -m registry COMMAND``, acting as a named administrator."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from geodata.editions import EDITIONS
from geodata.errors import GIVE_CRS, GeodataError, InvalidInputError
from registry.access.users import find_actor
from registry.bootstrap import admin_needs_password, initialise
from registry.cli.applications import add_applications_parser, run_applications
from registry.cli.cells import (
    add_cells_import_parser,
    add_cells_parser,
    run_cells,
    run_cells_import,
)
from registry.cli.inspections import add_inspections_parser, run_inspections
from registry.cli.report import add_report_parser, run_report
from registry.cli.users import add_users_parser, init_admin_password, run_users
from registry.demo.load import DEMO_PASSWORD, load_demo
from registry.demo.remove import remove_demo
from registry.files.error_book import error_workbook
from registry.files.exports import EXPORT_FORMATS, export_records
from registry.files.forms import FORMS
from registry.files.imports import IMPORT_GROUPS, ImportReport, import_records
from registry.kernel.db import open_registry
from registry.kernel.errors import RegistryError
from registry.kernel.settings import load_config
from registry.records.stats import compute_stats
from registry.reference.population import import_population
from registry.reference.schools import import_schools
from registry.units.boundaries import import_boundaries


def _file_import(what, name: str, help_text: str, *, editions: list[str] | None = None):
    """An ``import NAME FILE [--edition E] [--dry-run]`` command (all or nothing;
    ``--edition`` required when ``editions`` are given)."""
    sub = what.add_parser(name, help=help_text)
    sub.add_argument("file", type=Path)
    if editions is not None:
        sub.add_argument("--edition", required=True, choices=editions)
    sub.add_argument(
        "--dry-run", action="store_true", help="check every row, store nothing"
    )
    return sub


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m registry",
        description="Registry of BTS sites, public Internet points and game-service "
        "points. Settings come from REGISTRY_* environment variables (see README).",
    )
    parser.add_argument(
        "--as",
        dest="acting_user",
        help="user to act as (default: REGISTRY_ADMIN_USER, the administrator)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    commands.add_parser(
        "init", help="create or migrate the database and store the admin units"
    )
    demo = commands.add_parser(
        "demo",
        help="fill an empty registry with the labelled demo data set, or remove it",
    )
    demo.add_argument(
        "--sites", type=int, help="number of BTS sites (default: setting)"
    )
    demo.add_argument(
        "--remove",
        action="store_true",
        help="delete the demo data set (the audit log stays), disable the demo "
        "accounts; the registry leaves the demo for good",
    )

    imp = commands.add_parser("import", help="import records or boundary polygons")
    what = imp.add_subparsers(dest="what", required=True, metavar="WHAT")
    for group in IMPORT_GROUPS:
        records = _file_import(
            what,
            group,
            f"import {group.replace('-', ' ')} from CSV or XLSX (all or nothing); "
            "rows of records that exist (site code, id) update them",
        )
        records.add_argument(
            "--errors",
            type=Path,
            metavar="FILE.xlsx",
            help="when the file has problems, write them to this workbook: every "
            "problem grouped by kind, and the file's rows with the bad cells marked",
        )
    _file_import(
        what,
        "schools",
        "schools (name, level, latitude, longitude) from CSV, XLSX or GeoJSON "
        "points, for the school-distance rule (all or nothing)",
    )
    _file_import(
        what,
        "population",
        "population per commune (columns ma_xa, dan_so, optional nam) from CSV "
        "or XLSX, replacing the edition's populations (all or nothing)",
        editions=sorted(EDITIONS),
    )
    add_cells_import_parser(what)
    bounds = what.add_parser(
        "boundaries",
        help="official polygons from GeoJSON, GeoPackage or a zipped Shapefile",
    )
    bounds.add_argument("file", type=Path)
    bounds.add_argument("--edition", required=True, choices=sorted(EDITIONS))
    bounds.add_argument("--level", required=True, choices=("district", "commune"))
    bounds.add_argument(
        "--crs", help="CRS of a file that declares none, e.g. EPSG:3405"
    )
    bounds.add_argument("--code-field", help="attribute holding the GSO unit code")
    bounds.add_argument("--name-field", help="attribute holding the unit name")
    bounds.add_argument(
        "--parent-field", help="attribute holding the district name (for communes)"
    )
    bounds.add_argument(
        "--dry-run",
        action="store_true",
        help="match and check the file and report what it would change; store nothing",
    )

    exp = commands.add_parser("export", help="export records")
    exp.add_argument("what", choices=sorted(IMPORT_GROUPS))
    exp.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    exp.add_argument(
        "--output", type=Path, help="file to write (default: WHAT.FORMAT here)"
    )
    exp.add_argument(
        "--form",
        choices=FORMS,
        default="codes",
        help="codes: field names and codes; vi: the Vietnamese form offices fill "
        "(headers and value labels, the codes in a second XLSX sheet). Both import",
    )

    stats = commands.add_parser("stats", help="counts of sites, points, certificates")
    stats.add_argument("--on", type=date.fromisoformat, help="day (YYYY-MM-DD)")

    add_users_parser(commands)
    add_report_parser(commands)
    add_applications_parser(commands)
    add_inspections_parser(commands)
    add_cells_parser(commands)
    return parser


def _print_import(report: ImportReport) -> None:
    row = report.row_label
    for problem in report.errors:
        print(
            f"  error   {row} {problem.row}, {problem.column} = {problem.value!r}: "
            f"expected {problem.expected}"
        )
    for problem in report.warnings:
        print(f"  warning {row} {problem.row}, {problem.column}: {problem.expected}")
    if report.unknown_columns:
        print("  ignored columns: " + ", ".join(report.unknown_columns))
    print(report.summary())
    if report.demo_accounts_disabled:
        print(
            "The registry has left the demo: demo accounts disabled ("
            + ", ".join(report.demo_accounts_disabled)
            + ")."
        )


def _run(args: argparse.Namespace) -> int:
    config = load_config()
    registry = open_registry(config)
    password = None
    if args.command == "init" and admin_needs_password(registry):
        password = init_admin_password(config.admin_user)
    init = initialise(registry, password)
    if args.command == "init":
        stored = ", ".join(f"{e}: {n} units" for e, n in init.units_stored.items())
        print(
            f"Database ready ({registry.dialect}). {stored or 'Units already stored.'}"
        )
        if init.admin_created:
            print(f"Administrator {config.admin_user!r} created.")
        if password is not None:
            print(f"Administrator {config.admin_user!r} can sign in with the password.")
        return 0
    actor = find_actor(registry, args.acting_user or config.admin_user)
    if args.command == "demo" and args.remove:
        removed = remove_demo(
            registry, actor, reason="python -m registry demo --remove"
        )
        print(
            f"Demo data set removed: {removed.sites} BTS sites, {removed.points} "
            f"points, {removed.applications} applications, {removed.inspections} "
            f"inspections, {removed.schools} schools. The audit log is kept."
        )
        disabled = ", ".join(removed.accounts_disabled) or "none left"
        print(f"Demo accounts disabled: {disabled}. The registry has left the demo.")
        return 0
    if args.command == "demo":
        report = load_demo(registry, actor, sites=args.sites or config.demo_sites)
        print(
            f"Demo data set (DEMO, generated) stored: {report.sites} BTS sites, "
            f"{report.points} points, {report.schools} schools, {report.flagged} "
            "flagged records."
        )
        print(f"Demo users (password {DEMO_PASSWORD!r}): " + ", ".join(report.users))
        return 0
    if args.command == "report":
        return run_report(registry, actor, args)
    if args.command == "applications":
        return run_applications(registry, actor, args)
    if args.command == "inspections":
        return run_inspections(registry, actor, args)
    if args.command == "import" and args.what == "boundaries":
        report = import_boundaries(
            registry,
            actor,
            args.file,
            edition=args.edition,
            level=args.level,
            crs=args.crs,
            code_field=args.code_field,
            name_field=args.name_field,
            parent_field=args.parent_field,
            dry_run=args.dry_run,
        )
        print("\n".join(report.lines()))
        return 0
    if args.command == "import" and args.what == "cells":
        return run_cells_import(registry, actor, args)
    if args.command == "cells":
        return run_cells(registry, actor, args)
    if args.command == "import" and args.what == "population":
        report = import_population(
            registry, actor, args.file, edition=args.edition, dry_run=args.dry_run
        )
        _print_import(report)
        return 0 if report.ok else 1
    if args.command == "import" and args.what == "schools":
        report = import_schools(registry, actor, args.file, dry_run=args.dry_run)
        _print_import(report)
        return 0 if report.ok else 1
    if args.command == "import":
        report = import_records(
            registry, actor, args.what, args.file, dry_run=args.dry_run
        )
        _print_import(report)
        if args.errors is not None and report.errors:
            args.errors.write_bytes(error_workbook(report, args.file))
            print(f"Problems written to {args.errors}")
        return 0 if report.ok else 1
    if args.command == "export":
        output = args.output or Path(f"{args.what}.{args.format}")
        path, count = export_records(
            registry, actor, args.what, args.format, output, form=args.form
        )
        print(f"{count} record(s) written to {path}")
        return 0
    if args.command == "stats":
        figures = compute_stats(registry, actor, on=args.on)
        for name, value in vars(figures).items():
            print(f"{name}: {value}")
        return 0
    return run_users(registry, actor, args)


# Parameters of the services as the command line spells them.
_OPTIONS = {
    "crs": "--crs",
    "code_field": "--code-field",
    "name_field": "--name-field",
    "parent_field": "--parent-field",
}
# Boundary-file refusals that ask for a CRS (geodata.errors.GIVE_CRS).
_CRS_CODES = frozenset(
    {
        "geodata.boundary.no_crs",
        "geodata.boundary.not_degrees",
        "geodata.boundary.outside_vietnam",
    }
)


def _error_text(exc: RegistryError | GeodataError) -> str:
    """The refusal as the command line says it: options by their spelling here."""
    cause = exc.context.get("cause") if isinstance(exc, RegistryError) else exc
    if isinstance(cause, InvalidInputError) and cause.parameter in _OPTIONS:
        return f"{_OPTIONS[cause.parameter]} {cause.got}: expected {cause.expected}"
    text = str(exc)
    if isinstance(cause, GeodataError) and cause.code in _CRS_CODES:
        asked, _, rest = text.partition(GIVE_CRS)
        text = asked + "give it with --crs" + re.sub(r"\bEPSG:", "--crs EPSG:", rest)
    return text


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; errors the registry names are printed, not raised."""
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except (RegistryError, GeodataError) as exc:
        print(f"error: {_error_text(exc)}", file=sys.stderr)
        return 1
