"""Population on the coverage page: what is imported, and the department's upload."""

from __future__ import annotations

import streamlit as st

from registry.access.permissions import Actor
from registry.coverage.dashboard import CoverageDashboard
from registry.files.imports import ImportReport
from registry.kernel.db import Registry
from registry.kernel.errors import RegistryError
from registry.reference.population import import_population
from ui.common.i18n import number, t
from ui.common.messages import error_text, expected_text
from ui.common.uploads import TABLE_UPLOAD_MB, file_uploader

_KNOWN_COLUMNS = ("ma_xa", "dan_so", "nam")


def _problems(report: ImportReport) -> None:
    st.error(t("cov.population.errors", count=len(report.errors)))
    lines = []
    for problem in report.errors[:50]:
        key = f"cov.population.bad.{problem.column}"
        lines.append(
            "- "
            + t(
                "cov.population.error_row",
                row=problem.row,
                column=problem.column,
                value=problem.value,
                problem=t(key)
                if problem.column in _KNOWN_COLUMNS
                else expected_text(problem),
            )
        )
    st.markdown("\n".join(lines))


def population_panel(
    registry: Registry, actor: Actor, dashboard: CoverageDashboard
) -> None:
    """The population note, its year, and (department, admins) the upload form."""
    report = dashboard.coverage
    st.subheader(t("cov.population.heading"))
    st.caption(t("cov.population.note"))
    if report.population_year is None:
        st.info(t("cov.population.none"))
    else:
        st.caption(t("cov.population.year", year=report.population_year))
    if not dashboard.may_import_population:
        return
    with st.expander(t("cov.population.upload")):
        st.caption(t("cov.population.help"))
        upload = file_uploader(
            t("cov.population.file"),
            types=["csv", "txt", "xlsx"],
            limit_mb=TABLE_UPLOAD_MB,
            key="cov_pop_file",
        )
        check, store = st.columns(2)
        dry = check.button(t("cov.population.check"), disabled=upload is None)
        run = store.button(
            t("cov.population.import"), type="primary", disabled=upload is None
        )
        if upload is None or not (dry or run):
            return
        try:
            result = import_population(
                registry,
                actor,
                upload.getvalue(),
                edition=report.edition,
                filename=upload.name,
                dry_run=dry,
            )
        except RegistryError as error:
            st.error(error_text(error))
            return
        if not result.ok:
            _problems(result)
        elif dry:
            st.success(
                t(
                    "cov.population.valid",
                    count=number(result.rows),
                    people=number(result.total),
                )
            )
        else:
            st.success(
                t(
                    "cov.population.done",
                    count=number(result.stored),
                    people=number(result.total),
                )
            )
