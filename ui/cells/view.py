"""The cell-observation page's parts: upload, findings map and table, follow-ups."""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geodata.mapassets import install_map_assets
from geodata.maps import add_legend, add_sites_layer, base_map, points_legend
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.cells.findings import FINDING_KINDS
from registry.cells.service import (
    FOLLOW_UP_KINDS,
    CellImportReport,
    findings_workbook,
    follow_up_finding,
    import_cells,
    list_follow_ups,
    registered_sites_near,
)
from registry.kernel.db import Registry
from registry.kernel.errors import RegistryError
from registry.kernel.vocabulary import OPERATORS
from ui.common.i18n import number, t
from ui.common.messages import error_text
from ui.maps.render import OPERATOR_COLORS, STATIC_DIR
from ui.shell.page_state import address_ignored, query_number

# Findings in colours no operator uses (operators: ui.maps.render.OPERATOR_COLORS).
KIND_COLORS = {"unregistered": "#000000", "unseen": "#ff00ff", "technology": "#00bcd4"}
# Addresses of this page (a finding on the map) and of a site's record.
PAGE_URL = "/Tram_ngoai_so"
RECORD_URL = "/So_dang_ky"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_resource
def _assets_installed() -> bool:
    install_map_assets(STATIC_DIR)
    return True


def may_import(actor: Actor) -> bool:
    """Whether the upload is shown (the department and administrators)."""
    return perm.allowed(actor, perm.IMPORT, "cells")


def upload_panel(registry: Registry, actor: Actor) -> None:
    """The file upload, its source and the import's report."""
    with st.form("cells_upload"):
        upload = st.file_uploader(
            t("cells.upload"), type=["csv", "gz", "txt"], key="cells_file"
        )
        source = st.text_input(t("cells.source"), value="OpenCelliD", max_chars=200)
        dry_run = st.checkbox(t("cells.dry_run"))
        sent = st.form_submit_button(t("cells.import"), type="primary")
    if not sent or upload is None:
        return
    try:
        report = import_cells(
            registry,
            actor,
            upload.getvalue(),
            filename=upload.name,
            source_name=source,
            dry_run=dry_run,
        )
    except RegistryError as error:
        st.error(error_text(error))
        return
    show_report(report)


def show_report(report: CellImportReport) -> None:
    """What the import read, kept and left out."""
    st.success(
        t(
            "cells.report",
            read=number(report.rows_read),
            kept=number(report.rows_kept),
            other=number(report.rows_other_country),
            outside=number(report.rows_outside),
            broken=number(report.rows_broken),
            matched=number(report.cells_matched),
        )
        + " "
        + (
            t("cells.report.dry")
            if report.dry_run
            else t("cells.report.stored", id=report.snapshot_id)
        )
    )


def kind_filter() -> str | None:
    """The kind of finding chosen (None for every kind)."""
    options = [None, *FINDING_KINDS]
    return st.selectbox(
        t("cells.kind"),
        options,
        format_func=lambda k: (
            t("cells.kind.all") if k is None else t(f"cells.kind.{k}")
        ),
    )


def _operator(code: str) -> str:
    return OPERATORS[code].name if code in OPERATORS else code


def focused_finding(found: pd.DataFrame) -> pd.Series | None:
    """The finding the address asks the map to zoom to (``?finding=N``), when
    the user sees it; an id they do not see is ignored, and they are told."""
    wanted = query_number("finding")
    if wanted is None:
        return None
    chosen = found[found["id"] == wanted]
    if chosen.empty:
        address_ignored()
        return None
    st.info(t("cells.focus", id=wanted), icon=":material/my_location:")
    return chosen.iloc[0]


def findings_map(
    registry: Registry,
    actor: Actor,
    found: pd.DataFrame,
    focus: pd.Series | None = None,
) -> None:
    """The findings (coloured by kind) over the registered sites around them,
    zoomed to ``focus`` when given."""
    _assets_installed()
    sites = registered_sites_near(registry, actor, found)
    lon = pd.concat([found["longitude"], sites["longitude"]])
    lat = pd.concat([found["latitude"], sites["latitude"]])
    pad = 0.01
    bounds = (lon.min() - pad, lat.min() - pad, lon.max() + pad, lat.max() + pad)
    if focus is not None:
        near = 0.02  # about 2 km around the finding
        bounds = (
            focus["longitude"] - near,
            focus["latitude"] - near,
            focus["longitude"] + near,
            focus["latitude"] + near,
        )
    m = base_map(
        bounds,
        tiles=registry.config.basemap,
        tiles_name=t("maps.basemap"),
    )
    if len(sites):
        add_sites_layer(
            m,
            sites.assign(operator=sites["network_code"].map(_operator)),
            color_by="operator",
            colors={OPERATORS[c].name: col for c, col in OPERATOR_COLORS.items()},
            tooltip_column="name",
            popup_columns=[("name", t("cells.col.site")), ("site_code", "#")],
            name=t("cells.map.sites"),
        )
    shown = found.assign(
        kind_label=found["kind"].map(lambda k: t(f"cells.kind.{k}")),
        operator=found["network_code"].map(_operator),
    )
    add_sites_layer(
        m,
        shown,
        color_by="kind_label",
        colors={t(f"cells.kind.{k}"): c for k, c in KIND_COLORS.items()},
        marker_limit=2000,
        tooltip_column="kind_label",
        popup_columns=[
            ("id", t("cells.col.id")),
            ("kind_label", t("cells.col.kind")),
            ("operator", t("cells.col.operator")),
            ("technology", t("cells.col.technology")),
            ("cells", t("cells.col.cells")),
            ("confidence", t("cells.col.confidence")),
        ],
        name=t("cells.map.findings"),
    )
    kinds = {t(f"cells.kind.{k}"): c for k, c in KIND_COLORS.items()}
    legend = points_legend(
        kinds,
        title=t("cells.map.findings"),
        counts=shown["kind_label"].value_counts().to_dict(),
        count_format=number,
    )
    add_legend(m, legend, position="bottomright")
    folium.LayerControl(collapsed=True).add_to(m)
    st_folium(m, key="cells_map", height=560, use_container_width=True,
              returned_objects=[])  # fmt: skip


def findings_table(found: pd.DataFrame) -> None:
    """One row per finding, in the session's language."""
    site = found["site_code"].fillna("").astype(str)
    table = pd.DataFrame(
        {
            t("cells.col.id"): found["id"],
            t("cells.col.kind"): found["kind"].map(lambda k: t(f"cells.kind.{k}")),
            t("cells.col.operator"): found["network_code"].map(_operator),
            t("cells.col.technology"): found["technology"],
            t("cells.col.place"): [
                f"{number(a, 5)}; {number(b, 5)}"
                for a, b in zip(found["latitude"], found["longitude"], strict=True)
            ],
            t("cells.col.spread"): found["spread_m"].map(lambda v: number(v)),
            t("cells.col.cells"): found["cells"],
            t("cells.col.samples"): found["samples"],
            t("cells.col.confidence"): found["confidence"].map(lambda v: number(v, 2)),
            t("cells.col.site"): site,
            t("cells.col.distance"): found["site_distance_m"].map(
                lambda v: "" if pd.isna(v) else number(v)
            ),
            t("cells.col.map"): [f"{PAGE_URL}?finding={int(i)}" for i in found["id"]],
            t("cells.col.record"): [
                None if pd.isna(s) else f"{RECORD_URL}?id={int(s)}&kind=site"
                for s in found["site_id"]
            ],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        use_container_width=True,
        column_config={
            t("cells.col.map"): st.column_config.LinkColumn(
                display_text=t("cells.link.map")
            ),
            t("cells.col.record"): st.column_config.LinkColumn(
                display_text=t("cells.link.record")
            ),
        },
    )


def download_button(registry: Registry, actor: Actor) -> None:
    """The Excel download of the visible findings."""
    st.download_button(
        t("cells.download"),
        data=findings_workbook(registry, actor),
        file_name="phat-hien-tram.xlsx",
        mime=XLSX,
        icon=":material/download:",
    )


def follow_up_panel(registry: Registry, actor: Actor, found: pd.DataFrame) -> None:
    """Turn a finding into an inspection task or a request to the operator; list
    the follow-ups of the findings the user sees."""
    st.subheader(t("cells.follow.title"))
    if perm.allowed(actor, perm.CREATE, "cells") and len(found):
        with st.form("cells_follow_up", clear_on_submit=True):
            finding = st.selectbox(t("cells.follow.finding"), found["id"].tolist())
            kind = st.radio(
                t("cells.follow.kind"),
                FOLLOW_UP_KINDS,
                format_func=lambda k: t(f"cells.follow.{k}"),
                horizontal=True,
            )
            note = st.text_area(t("cells.follow.note"), max_chars=1000)
            sent = st.form_submit_button(t("cells.follow.submit"))
        if sent:
            try:
                made = follow_up_finding(registry, actor, int(finding), kind, note)
                st.success(t("cells.follow.done", id=made))
            except RegistryError as error:
                st.error(error_text(error))
    st.markdown(f"**{t('cells.follow.list')}**")
    done = list_follow_ups(registry, actor)
    if done.empty:
        st.caption(t("cells.follow.none"))
        return
    st.dataframe(
        pd.DataFrame(
            {
                t("cells.col.id"): done["id"],
                t("cells.follow.finding"): done["finding_id"],
                t("cells.follow.kind"): done["kind"].map(
                    lambda k: t(f"cells.follow.{k}")
                ),
                t("cells.col.operator"): done["network_code"].map(_operator),
                t("cells.follow.note"): done["note"].fillna(""),
                t("cells.follow.by"): done["created_by"],
                t("cells.follow.at"): done["created_at"].map(
                    lambda v: v.strftime("%d/%m/%Y %H:%M")
                ),
            }
        ),
        hide_index=True,
        use_container_width=True,
    )
