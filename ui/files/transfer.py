"""The import and export page's pieces: upload, trial report, confirm, downloads."""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.files.exports import EXPORT_FORMATS, export_records, now_in_vietnam
from registry.files.imports import IMPORT_GROUPS, ImportReport, import_records
from registry.files.preview import ImportPreview, preview_import
from registry.kernel.errors import RegistryError
from ui.common.i18n import field_label, t
from ui.common.markdown import text_md
from ui.common.messages import error_text, expected_text
from ui.files.roundtrip import (
    error_book_button,
    form_picker,
    outcome_counts,
    render_outcomes,
    render_problems,
)

MAX_UPLOAD_MB = 25
UPLOAD_TYPES = ["csv", "txt", "xlsx"]
MIME_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
    "gpkg": "application/geopackage+sqlite3",
    "kml": "application/vnd.google-earth.kml+xml",
}
_PREVIEW_KEY = "io_preview"
_DONE_KEY = "io_done"
_UPLOAD_ROUND = "io_upload_round"
_EXPORTS_KEY = "io_exports"


def groups_with(actor: Actor, action: str) -> list[str]:
    """Import/export groups whose record type the actor may import or export."""
    return [
        group
        for group, (record_type, _) in IMPORT_GROUPS.items()
        if perm.allowed(actor, action, record_type.value)
    ]


def _group_picker(label: str, groups: list[str], key: str) -> str:
    return st.segmented_control(
        label,
        groups,
        format_func=lambda g: t(f"group.{g}"),
        default=groups[0],
        required=True,
        key=key,
    )


# -- import -------------------------------------------------------------------


def problems_table(problems, record_type: str) -> pd.DataFrame:
    """Row, column (label), value and what was expected, one line per problem."""
    return pd.DataFrame(
        {
            t("io.col_row"): [p.row for p in problems],
            t("io.col_column"): [field_label(record_type, p.column) for p in problems],
            t("io.col_value"): [p.value for p in problems],
            t("io.col_expected"): [expected_text(p) for p in problems],
        }
    )


def _summary(report: ImportReport) -> str:
    if report.errors:
        return t("io.has_errors", errors=len(report.errors), rows=report.rows)
    counts = outcome_counts(report)
    if report.dry_run:
        return t("rt.valid", **counts)
    return t("rt.imported", flagged=report.flagged, **counts)


def render_report(report: ImportReport, upload: Upload | None = None) -> None:
    """Outcomes per row, errors (blocking, by kind, with the error workbook of
    the ``upload``) and warnings of an import."""
    record_type = IMPORT_GROUPS[report.group][0].value
    if report.errors:
        st.error(_summary(report), icon=":material/error:")
        render_outcomes(report)
        st.markdown(f"**{t('io.errors')}**")
        if upload is not None:
            error_book_button(report, upload.data, upload.name)
        render_problems(report, record_type, problems_table)
    elif report.dry_run:
        st.success(_summary(report), icon=":material/task_alt:")
        render_outcomes(report)
    if report.warnings:
        st.markdown(f"**{t('io.warnings')}**")
        st.dataframe(problems_table(report.warnings, record_type), hide_index=True)
    if report.unknown_columns:
        st.info(
            text_md("io.unknown_columns", columns=", ".join(report.unknown_columns))
        )


@dataclass
class Upload:
    """The file chosen for import."""

    group: str
    name: str
    data: bytes

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _uploader_texts() -> None:
    """Streamlit writes the uploader's button and hint in English: replace them.

    CSS only swaps the visible words (the selectors are Streamlit's test ids); if
    a later Streamlit renames them, its own English texts simply show again.
    """
    button = (
        '[data-testid="stFileUploaderDropzone"] button '
        '[data-testid="stMarkdownContainer"] p'
    )
    hint = '[data-testid="stFileUploaderDropzoneInstructions"] span'
    size = "font-size: 0.875rem;"
    hint_text = t("io.upload_hint", mb=MAX_UPLOAD_MB)
    rules = [
        f"{button}, {hint} {{ font-size: 0; }}",
        f'{button}::after {{ content: "{t("io.upload_button")}"; {size} }}',
        f'{hint}::after {{ content: "{hint_text}"; {size} }}',
    ]
    st.html("<style>" + "\n".join(rules) + "</style>")


def upload_widgets(actor: Actor) -> Upload | None:
    """Group and file; None until a file is chosen."""
    groups = groups_with(actor, perm.IMPORT)
    group = _group_picker(t("io.import_group"), groups, "io_import_group")
    st.caption(t("io.import_help", mb=MAX_UPLOAD_MB))
    _uploader_texts()
    chosen = st.file_uploader(
        t("io.file"),
        type=UPLOAD_TYPES,
        max_upload_size=MAX_UPLOAD_MB,
        key=f"io_file_{st.session_state.get(_UPLOAD_ROUND, 0)}",
    )
    if chosen is None:
        return None
    return Upload(group, chosen.name, chosen.getvalue())


def trial_run(registry, actor: Actor, upload: Upload) -> ImportPreview | None:
    """The dry run of an upload, kept for the session while the file is the same."""
    key = (upload.group, upload.name, upload.digest)
    kept = st.session_state.get(_PREVIEW_KEY)
    if kept and kept[0] == key:
        return kept[1]
    try:
        preview = preview_import(
            registry, actor, upload.group, upload.data, filename=upload.name
        )
    except RegistryError as error:
        st.error(error_text(error), icon=":material/error:")
        return None
    st.session_state[_PREVIEW_KEY] = (key, preview)
    return preview


def render_preview(preview: ImportPreview, upload: Upload | None = None) -> None:
    """The file's first rows, then its report."""
    st.markdown(f"**{t('io.preview', rows=len(preview.preview))}**")
    shown = preview.preview.rename(columns={"row": t("io.col_row")})
    st.dataframe(shown, hide_index=True)
    render_report(preview.report, upload)


def confirm_import(registry, actor: Actor, upload: Upload, report: ImportReport):
    """The button that imports for real (only when the trial found no error)."""
    if report.errors:
        st.caption(t("io.fix_first"))
        return
    if not st.button(t("io.confirm"), type="primary", icon=":material/upload:"):
        return
    try:
        done = import_records(
            registry, actor, upload.group, upload.data, filename=upload.name
        )
    except RegistryError as error:
        st.error(error_text(error), icon=":material/error:")
        return
    st.session_state[_DONE_KEY] = done
    st.session_state.pop(_PREVIEW_KEY, None)
    st.session_state[_UPLOAD_ROUND] = st.session_state.get(_UPLOAD_ROUND, 0) + 1
    st.rerun()


def show_last_import() -> None:
    """The outcome of the import just confirmed (shown once)."""
    done = st.session_state.pop(_DONE_KEY, None)
    if done is not None:
        st.success(_summary(done), icon=":material/check_circle:")
        if done.demo_accounts_disabled:
            users = ", ".join(done.demo_accounts_disabled)
            st.info(t("io.left_demo", users=users), icon=":material/lock:")
        if done.warnings:
            render_report(done)


# -- export -------------------------------------------------------------------


@dataclass
class ExportFile:
    """One exported file, in memory for the download button."""

    fmt: str
    name: str
    data: bytes
    records: int


def export_all_formats(
    registry, actor: Actor, group: str, form: str = "codes"
) -> list[ExportFile]:
    """The actor's view of a group in every export format (written to a temp dir),
    named and stamped with the time in Vietnam."""
    moment = now_in_vietnam()
    stamp = moment.strftime("%Y%m%d-%H%M")
    files = []
    with tempfile.TemporaryDirectory(prefix="registry-export-") as folder:
        for fmt in EXPORT_FORMATS:
            target = Path(folder) / f"{group}-{stamp}.{fmt}"
            written, count = export_records(
                registry, actor, group, fmt, target, form=form, exported_at=moment
            )
            files.append(
                ExportFile(fmt, written.name, Path(written).read_bytes(), count)
            )
    return files


def export_section(registry, actor: Actor) -> None:
    """Group, a button that prepares the files, a download button per format."""
    groups = groups_with(actor, perm.EXPORT)
    group = _group_picker(t("io.export_group"), groups, "io_export_group")
    st.caption(t("io.export_help", formats=", ".join(EXPORT_FORMATS)))
    form = form_picker()
    if st.button(t("io.prepare"), icon=":material/draft:", key="io_prepare"):
        try:
            with st.spinner(t("io.preparing")):
                files = export_all_formats(registry, actor, group, form)
        except RegistryError as error:
            st.error(error_text(error), icon=":material/error:")
            return
        st.session_state[_EXPORTS_KEY] = (group, form, files)
    kept = st.session_state.get(_EXPORTS_KEY)
    if not kept or kept[:2] != (group, form):
        return
    files = kept[2]
    st.caption(t("io.ready", records=files[0].records if files else 0))
    row = st.container(horizontal=True)
    for file in files:
        row.download_button(
            t("io.download", fmt=file.fmt.upper(), kb=max(1, len(file.data) // 1024)),
            data=file.data,
            file_name=file.name,
            mime=MIME_TYPES.get(file.fmt),
            icon=":material/download:",
            key=f"io_download_{file.fmt}",
            on_click="ignore",
        )
