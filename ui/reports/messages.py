"""Errors of the reports page and the cluster editor, in the session's language."""

from __future__ import annotations

from registry.kernel.errors import RegistryError
from registry.reports.area import ReportInputError
from registry.units.clusters import (
    ClusterInputError,
    ClusterNameTakenError,
    ClusterVersionError,
)
from ui.common.i18n import t
from ui.common.messages import error_text


def _listing(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def report_error(error: RegistryError) -> str:
    """A registry error met on the reports page, as a sentence."""
    if isinstance(error, ReportInputError):
        return t(f"rep.err.{error.problem}", value=_listing(error.value))
    if isinstance(error, ClusterInputError):
        return t(f"clu.err.{error.problem}", **_fmt(error))
    if isinstance(error, ClusterNameTakenError):
        return t("clu.err.taken", name=error.name)
    if isinstance(error, ClusterVersionError):
        return t(
            "clu.err.version",
            name=error.name,
            stored=error.stored,
            expected=error.expected,
        )
    return error_text(error)


def _fmt(error: ClusterInputError) -> dict:
    return {"value": _listing(error.value)} if error.problem == "unknown_units" else {}
