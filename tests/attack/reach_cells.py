"""The reach attacks on the services of cell observations (see
tests/attack/services.py)."""

from __future__ import annotations

import argparse
import io

import openpyxl

from registry.cells import service as cells
from registry.cli.cells import run_cells, run_cells_import
from tests.attack.catalogue import ACTS, SHOWS, Attack, printed
from tests.attack.reach_world import MARK


def _outside_in_workbook(result, registry=None, world=None, actor=None) -> list[str]:
    """The mark in any cell of a workbook's bytes (zipped: read it back)."""
    book = openpyxl.load_workbook(io.BytesIO(result), read_only=True)
    return [
        str(value)[:120]
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None and MARK.lower() in str(value).lower()
    ]


def _admin_findings(registry, world):
    return cells.list_findings(registry, world.people.admin)[1]


def _import_args(folder) -> argparse.Namespace:
    path = folder / "cells.csv"
    path.write_bytes(b"LTE,452,1,1,1,0,105.7,18.8,100,5,1,1,1,0\n")
    return argparse.Namespace(file=path, source=None, dry_run=False)


def _findings_args(folder, fmt: str) -> argparse.Namespace:
    return argparse.Namespace(kind=None, format=fmt, output=folder / f"cells.{fmt}")


REACH_CELLS: dict[str, Attack | tuple[Attack, ...]] = {
    # Only the department imports; every bound role is refused.
    "cells.service.import_cells": Attack(
        ACTS,
        lambda r, a, w, t: cells.import_cells(
            r, a, b"LTE,452,1,1,1,0,105.7,18.8,100,5,1,1,1,0\n", filename="c.csv"
        ),
    ),
    "cells.service.list_findings": Attack(
        SHOWS, lambda r, a, w, t: cells.list_findings(r, a)
    ),
    "cells.service.export_findings": tuple(
        Attack(
            SHOWS,
            lambda r, a, w, t, fmt=fmt: cells.export_findings(
                r, a, fmt, t / f"f.{fmt}"
            )[0],
        )
        for fmt in ("csv", "geojson")
    ),
    "cells.service.findings_workbook": Attack(
        SHOWS,
        lambda r, a, w, t: cells.findings_workbook(r, a),
        _outside_in_workbook,
    ),
    "cells.service.follow_up_finding": Attack(
        ACTS,
        lambda r, a, w, t: cells.follow_up_finding(
            r, a, w.cell_finding, "inspection", "xem"
        ),
    ),
    "cells.service.list_follow_ups": Attack(
        SHOWS, lambda r, a, w, t: cells.list_follow_ups(r, a)
    ),
    # the command line's cell commands, run for the caller
    "cli.cells.run_cells_import": Attack(
        ACTS,
        lambda r, a, w, t: run_cells_import(r, a, _import_args(t)),
    ),
    "cli.cells.run_cells": Attack(
        SHOWS,
        lambda r, a, w, t: [
            printed(lambda fmt=fmt: run_cells(r, a, _findings_args(t, fmt)))
            and t / f"cells.{fmt}"
            for fmt in ("csv", "geojson")
        ],
    ),
    # Handed every finding of the province, it still draws only the caller's sites.
    "cells.service.registered_sites_near": Attack(
        SHOWS,
        lambda r, a, w, t: cells.registered_sites_near(r, a, _admin_findings(r, w)),
    ),
}
