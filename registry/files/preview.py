"""A trial import for the import page: the file's first rows and the full report."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.files import messages as msg
from registry.files.imports import IMPORT_GROUPS, ImportReport, import_records
from registry.files.readers import read_table
from registry.kernel.db import Registry
from registry.kernel.errors import RegistryError


@dataclass
class ImportPreview:
    """What a dry run of an import found."""

    report: ImportReport
    preview: pd.DataFrame  # first rows as in the file, with their row numbers


def preview_import(
    registry: Registry,
    actor: Actor,
    group: str,
    data: bytes,
    *,
    filename: str,
    rows: int = 10,
) -> ImportPreview:
    """Check a file without storing anything.

    Parameters
    ----------
    group : {"sites", "internet-points", "game-points"}
    data : bytes
        The file's content.
    filename : str
        Its name (the extension decides CSV/TXT or XLSX).
    rows : int, default 10
        How many rows of the file to return for the preview.

    Returns
    -------
    ImportPreview
        The dry-run report of :func:`registry.files.imports.import_records` and the
        first ``rows`` rows of the file as text cells, with a ``row`` column giving the
        row number a person sees in the file (header = row 1).
    """
    if group not in IMPORT_GROUPS:
        raise RegistryError(msg.UNKNOWN_GROUP, group=group, groups=list(IMPORT_GROUPS))
    perm.require(actor, perm.IMPORT, IMPORT_GROUPS[group][0].value)
    table = read_table(data, filename=filename)
    head = table.head(rows).copy()
    head.insert(0, "row", range(2, len(head) + 2))
    report = import_records(
        registry, actor, group, data, filename=filename, dry_run=True
    )
    return ImportPreview(report, head.reset_index(drop=True))
