"""Import and export: check a CSV/XLSX file, import it after the check; check an
official boundary file (department, admin) with its report and a preview map,
import it after the check; download the records of the user's area in every
export format."""

import streamlit as st

from registry.access import permissions as perm
from ui.common.i18n import t
from ui.files.boundaries import boundary_section, may_import_boundaries
from ui.files.transfer import (
    confirm_import,
    export_section,
    groups_with,
    render_preview,
    show_last_import,
    trial_run,
    upload_widgets,
)
from ui.shell.menu import guard

registry, actor = guard("transfer")
st.title(t("io.title"))

sections = []
if groups_with(actor, perm.IMPORT):
    sections.append("import")
if may_import_boundaries(actor):
    sections.append("boundaries")
if groups_with(actor, perm.EXPORT):
    sections.append("export")
tabs = dict(zip(sections, st.tabs([t(f"io.tab_{s}") for s in sections]), strict=True))

if "import" in tabs:
    with tabs["import"]:
        show_last_import()
        upload = upload_widgets(actor)
        preview = trial_run(registry, actor, upload) if upload else None
        if preview is not None:
            render_preview(preview, upload)
            confirm_import(registry, actor, upload, preview.report)

if "boundaries" in tabs:
    with tabs["boundaries"]:
        boundary_section(registry, actor)

if "export" in tabs:
    with tabs["export"]:
        export_section(registry, actor)
