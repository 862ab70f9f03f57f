"""Inspecting without a signal: the XLSForm for ODK Collect / KoBoCollect to
download, and the export zip of their submissions to upload (each one becomes a
draft inspection, with a report row per submission)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from registry.access import permissions as perm
from registry.inspections.odk_import import OdkImportReport, import_odk_submissions
from registry.inspections.xlsform import FORM_PHOTOS, inspection_form
from registry.kernel.clock import today
from registry.kernel.errors import RegistryError
from registry.maps.data import unit_options
from ui.common.i18n import number, t
from ui.common.markdown import literal
from ui.common.messages import error_text
from ui.inspections.messages import FIELDS

SUBJECT = "inspection"
_KEY = "insp_odk"


def _form_part(registry, actor, edition: str) -> None:
    communes = dict(unit_options(registry, actor, edition, "commune"))
    if not communes:
        return
    st.markdown(t("insp.odk.form_help", photos=FORM_PHOTOS))
    columns = st.columns(2)
    commune = columns[0].selectbox(
        t("insp.field.commune"),
        list(communes),
        format_func=lambda code: communes[code],
        key=f"{_KEY}_commune",
    )
    day = columns[1].date_input(
        t("insp.odk.day"),
        value=today(),
        max_value=today(),
        format="DD/MM/YYYY",
        key=f"{_KEY}_day",
    )
    if st.button(t("insp.odk.make"), icon=":material/description:", key=f"{_KEY}_make"):
        try:
            st.session_state[f"{_KEY}_form"] = inspection_form(
                registry, actor, commune_code=commune, on=day
            )
        except RegistryError as error:
            st.session_state.pop(f"{_KEY}_form", None)
            st.error(error_text(error, FIELDS))
    form = st.session_state.get(f"{_KEY}_form")
    if form is not None and form.commune_code == commune:
        st.success(
            t(
                "insp.odk.made",
                commune=literal(form.commune_name),
                points=number(form.points),
                questions=number(len(form.rule_ids)),
                version=form.version,
            )
        )
        st.download_button(
            t("insp.odk.download"),
            data=form.data,
            file_name=form.filename,
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            key=f"{_KEY}_download",
        )


def _report_table(report: OdkImportReport) -> pd.DataFrame:
    rows = []
    for outcome in report.outcomes:
        gps = ""
        if outcome.distance_m is not None:
            gps = t("insp.odk.metres", metres=number(outcome.distance_m))
            if outcome.gps_far:
                gps += " ⚠ " + t("insp.odk.far")
        rows.append(
            {
                t("insp.odk.col_row"): outcome.row,
                t("insp.odk.col_submitter"): outcome.submitter or "",
                t("insp.odk.col_point"): outcome.point_id,
                t("insp.odk.col_status"): t(f"insp.odk.status.{outcome.status}"),
                t("insp.odk.col_inspection"): outcome.inspection_id,
                t("insp.odk.col_gps"): gps,
            }
        )
    return pd.DataFrame(rows)


def _import_part(registry, actor) -> None:
    st.markdown(t("insp.odk.import_help"))
    upload = st.file_uploader(
        t("insp.odk.upload"), type=["zip", "json"], key=f"{_KEY}_upload"
    )
    dry_run = st.checkbox(t("insp.odk.dry_run"), key=f"{_KEY}_dry")
    if st.button(
        t("insp.odk.import"),
        icon=":material/upload_file:",
        disabled=upload is None,
        key=f"{_KEY}_import",
    ):
        try:
            st.session_state[f"{_KEY}_report"] = import_odk_submissions(
                registry,
                actor,
                upload.getvalue(),
                file_name=upload.name,
                dry_run=dry_run,
            )
        except RegistryError as error:
            st.session_state[f"{_KEY}_report"] = error
        # Run the page again, so that its lists count the new drafts.
        st.rerun()
    _show_report(st.session_state.get(f"{_KEY}_report"))


def _show_report(report: OdkImportReport | RegistryError | None) -> None:
    if report is None:
        return
    if isinstance(report, RegistryError):
        st.error(error_text(report, FIELDS))
        return
    made = report.count("would_create" if report.dry_run else "created")
    st.info(
        t(
            "insp.odk.summary_dry" if report.dry_run else "insp.odk.summary",
            total=number(len(report.outcomes)),
            created=number(made),
            already=number(report.count("already_imported")),
            refused=number(report.count("refused")),
        )
    )
    st.dataframe(_report_table(report), hide_index=True, key=f"{_KEY}_table")
    for outcome in report.outcomes:
        if outcome.error is not None:
            st.error(
                t("insp.odk.refused_row", row=outcome.row)
                + " "
                + error_text(outcome.error, FIELDS)
            )


def render_offline(registry, actor, edition: str) -> None:
    """The expander with the form to download and the zip to upload."""
    if not perm.allowed(actor, perm.READ, SUBJECT):
        return
    with st.expander(t("insp.odk.title"), icon=":material/signal_cellular_off:"):
        _form_part(registry, actor, edition)
        if perm.allowed(actor, perm.CREATE, SUBJECT):
            st.divider()
            _import_part(registry, actor)
