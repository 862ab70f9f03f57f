"""The command line of the cell observations: import a file, write findings."""

from __future__ import annotations

import argparse
from pathlib import Path

from registry.access.permissions import Actor
from registry.cells.findings import FINDING_KINDS
from registry.cells.service import EXPORT_FORMATS, export_findings, import_cells
from registry.kernel.db import Registry


def add_cells_import_parser(what) -> None:
    """The ``import cells`` sub-command."""
    sub = what.add_parser(
        "cells",
        help="cell observations in OpenCelliD CSV format (plain or gzipped, with or "
        "without the header line) as a dated snapshot, matched to the sites",
    )
    sub.add_argument("file", type=Path)
    sub.add_argument("--source", help="where the file comes from (default OpenCelliD)")
    sub.add_argument(
        "--dry-run", action="store_true", help="read and match, store nothing"
    )


def add_cells_parser(commands) -> None:
    """The ``cells findings`` sub-command."""
    cells = commands.add_parser("cells", help="findings of the latest cell snapshot")
    what = cells.add_subparsers(dest="cells_what", required=True, metavar="WHAT")
    findings = what.add_parser(
        "findings",
        help="candidate unregistered stations, unseen sites, technology mismatches",
    )
    findings.add_argument("--kind", choices=FINDING_KINDS)
    findings.add_argument("--format", default="csv", choices=EXPORT_FORMATS)
    findings.add_argument(
        "--output", type=Path, help="file to write (default: cell-findings.FORMAT)"
    )


def run_cells_import(registry: Registry, actor: Actor, args) -> int:
    """Import the file and print the report."""
    report = import_cells(
        registry, actor, args.file, source_name=args.source, dry_run=args.dry_run
    )
    print("\n".join(report.lines()))
    return 0


def run_cells(registry: Registry, actor: Actor, args: argparse.Namespace) -> int:
    """Write the findings file."""
    output = args.output or Path(f"cell-findings.{args.format}")
    path, count = export_findings(registry, actor, args.format, output, kind=args.kind)
    print(f"{count} finding(s) written to {path}")
    return 0
