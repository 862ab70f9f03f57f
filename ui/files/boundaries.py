"""The import page's boundary tab: upload, trial report with a preview map, confirm.

The trial is :func:`registry.units.boundaries.import_boundaries` with ``dry_run``:
the page shows its report in the session's language (from the report's codes and
figures, never its English lines) and the polygons on a map; nothing is written
until the user confirms, which runs the same import for real.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geodata.editions import EDITIONS
from geodata.map_coverage import add_unit_outlines
from geodata.map_legends import choropleth_legend
from geodata.mapassets import install_map_assets
from geodata.maps import add_legend, base_map
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.db import Registry
from registry.kernel.errors import RegistryError
from registry.units.boundaries import (
    APPLICATION,
    UPLOAD_SUFFIXES,
    BoundaryReport,
    import_boundaries,
)
from ui.common.i18n import number, t
from ui.common.markdown import text_md
from ui.common.messages import error_text
from ui.maps.render import STATIC_DIR

MAX_UPLOAD_MB = 100
CRS_CHOICES = ("", "EPSG:3405", "EPSG:32648", "EPSG:4326")
STATE_COLORS = {"new": "#1a9641", "official": "#1d3fbb", "approximate": "#8c8c8c"}
_TRIAL_KEY = "bnd_trial"
_DONE_KEY = "bnd_done"
_ROUND_KEY = "bnd_upload_round"


def may_import_boundaries(actor: Actor) -> bool:
    """Whether the actor's role manages boundaries (department, admin)."""
    return perm.allowed(actor, perm.MANAGE_BOUNDARIES, "system")


@dataclass(frozen=True)
class BoundaryUpload:
    """The boundary file chosen, and for which edition and level."""

    name: str
    data: bytes
    edition: str
    level: str
    crs: str | None

    @property
    def key(self) -> tuple:
        digest = hashlib.sha256(self.data).hexdigest()
        return (self.name, digest, self.edition, self.level, self.crs)


@st.cache_resource
def _assets_installed() -> bool:
    install_map_assets(STATIC_DIR)
    return True


def _edition_label(edition: str) -> str:
    return t(f"edition.{edition}")


def _uploader_hint() -> None:
    """The uploader's hint names the boundary formats (the page's CSS names the
    tabular ones for the other uploader)."""
    scope = ".st-key-bnd_upload"
    hint = f'{scope} [data-testid="stFileUploaderDropzoneInstructions"] span'
    text = t("bnd.upload_hint", mb=MAX_UPLOAD_MB)
    st.html(
        f'<style>{hint}::after {{ content: "{text}"; font-size: 0.875rem; }}</style>'
    )


def upload_widgets() -> BoundaryUpload | None:
    """Edition, level, CRS and file; None until a file is chosen."""
    st.caption(t("bnd.help", mb=MAX_UPLOAD_MB))
    left, middle, right = st.columns(3)
    # Labels fixed when the script runs (a test's widget state is formatted
    # outside the session, where the language is not known).
    editions = {e: _edition_label(e) for e in EDITIONS}
    edition = left.selectbox(
        t("bnd.edition"),
        list(editions),
        format_func=editions.__getitem__,
        index=list(editions).index("2025-07"),
        key="bnd_edition",
    )
    levels = {lv: t(f"bnd.level_{lv}") for lv in EDITIONS[edition].levels}
    level = middle.selectbox(
        t("bnd.level"),
        list(levels),
        format_func=levels.__getitem__,
        index=len(levels) - 1,
        key="bnd_level",
    )
    systems = {
        c: t(f"bnd.crs_{c.replace(':', '_')}" if c else "bnd.crs_file")
        for c in CRS_CHOICES
    }
    crs = right.selectbox(
        t("bnd.crs"), list(systems), format_func=systems.__getitem__, key="bnd_crs"
    )
    _uploader_hint()
    with st.container(key="bnd_upload"):
        chosen = st.file_uploader(
            t("bnd.file"),
            type=[s.lstrip(".") for s in UPLOAD_SUFFIXES],
            max_upload_size=MAX_UPLOAD_MB,
            key=f"bnd_file_{st.session_state.get(_ROUND_KEY, 0)}",
        )
    if chosen is None:
        return None
    return BoundaryUpload(chosen.name, chosen.getvalue(), edition, level, crs or None)


def trial_run(registry: Registry, actor: Actor, upload: BoundaryUpload):
    """The dry run of an upload, kept for the session while nothing changes."""
    kept = st.session_state.get(_TRIAL_KEY)
    if kept and kept[0] == upload.key:
        return kept[1]
    try:
        with st.spinner(t("bnd.checking")):
            report = _run(registry, actor, upload, dry_run=True)
    except RegistryError as error:
        st.error(error_text(error), icon=":material/error:")
        return None
    st.session_state[_TRIAL_KEY] = (upload.key, report)
    return report


def _run(registry, actor, upload: BoundaryUpload, *, dry_run: bool) -> BoundaryReport:
    return import_boundaries(
        registry,
        actor,
        upload.data,
        file_name=upload.name,
        edition=upload.edition,
        level=upload.level,
        crs=upload.crs,
        dry_run=dry_run,
    )


# -- the report ---------------------------------------------------------------


def _level_word(level: str) -> str:
    return t(f"bnd.level_{level}").lower()


def _problem_text(problem) -> str:
    key = f"bnd.problem.{problem.problem or 'unknown'}"
    return t(key, candidates="; ".join(problem.candidates))


def _summary(report: BoundaryReport) -> str:
    by_code = sum(1 for *_, how in report.matched if how == "code")
    return t(
        "bnd.summary",
        file=report.file,
        features=number(report.features),
        matched=number(len(report.matched)),
        level=_level_word(report.level),
        edition=_edition_label(report.edition),
        by_code=number(by_code),
        by_name=number(len(report.matched) - by_code),
    )


def _changes_table(report: BoundaryReport) -> pd.DataFrame:
    kinds = {"site": "bnd.kind_site", "point": "bnd.kind_point"}
    kinds[APPLICATION] = "bnd.kind_application"
    return pd.DataFrame(
        {
            t("bnd.col_kind"): [t(kinds[c.kind]) for c in report.changes],
            t("bnd.col_records"): [c.records for c in report.changes],
            t("bnd.col_moved"): [c.moved for c in report.changes],
            t("bnd.col_gained"): [c.gained for c in report.changes],
            t("bnd.col_lost"): [c.lost for c in report.changes],
            t("bnd.col_without"): [c.without_unit for c in report.changes],
        }
    )


def render_report(report: BoundaryReport) -> None:
    """The report in the session's language: what matched, what did not, what
    the import changes."""
    summary = _summary(report)
    if report.dry_run:
        st.info(text_md("bnd.trial", summary=summary), icon=":material/preview:")
    else:
        st.success(text_md("bnd.done", summary=summary), icon=":material/check_circle:")
    placement = report.placement
    if placement is not None:
        st.caption(
            t(
                "bnd.placement",
                cover=number(placement.cover_share * 100, 1),
                outside=number(placement.outside_share * 100, 1),
            )
        )
    if report.changes:
        lost = sum(c.lost for c in report.changes)
        shown = st.warning if lost else st.markdown
        shown(
            t(
                "bnd.changes",
                moved=number(sum(c.moved for c in report.changes)),
                lost=number(lost),
                level=_level_word(report.level),
            )
        )
        st.dataframe(_changes_table(report), hide_index=True)
    _render_units(report)


def _render_units(report: BoundaryReport) -> None:
    official, approximate = report.kept("official"), report.kept("approximate")
    if report.units_without_polygon:
        st.markdown(
            t(
                "bnd.kept",
                count=number(len(report.units_without_polygon)),
                official=number(len(official)),
                approximate=number(len(approximate)),
            )
        )
        with st.expander(t("bnd.kept_list")):
            st.dataframe(
                pd.DataFrame(
                    {
                        t("bnd.col_unit"): [
                            u.name for u in report.units_without_polygon
                        ],
                        t("bnd.col_kept"): [
                            t(f"bnd.source_{u.source}")
                            for u in report.units_without_polygon
                        ],
                    }
                ),
                hide_index=True,
            )
    problems = [*report.unmatched_features, *report.rejected]
    if problems:
        st.markdown(f"**{t('bnd.left_out', count=len(problems))}**")
        st.dataframe(
            pd.DataFrame(
                {
                    t("bnd.col_feature"): [p.feature_index + 1 for p in problems],
                    t("bnd.col_label"): [p.label for p in problems],
                    t("bnd.col_why"): [_problem_text(p) for p in problems],
                }
            ),
            hide_index=True,
        )
    if report.multi_feature:
        st.markdown(f"**{t('bnd.multi', count=len(report.multi_feature))}**")
        st.dataframe(
            pd.DataFrame(
                {
                    t("bnd.col_unit"): [u.name for u in report.multi_feature],
                    t("bnd.col_features"): [u.features for u in report.multi_feature],
                }
            ),
            hide_index=True,
        )
    if report.other_names:
        st.markdown(f"**{t('bnd.partial', count=len(report.other_names))}**")
        st.dataframe(
            pd.DataFrame(
                {
                    t("bnd.col_unit"): [u.name for u in report.other_names],
                    t("bnd.col_feature_name"): [
                        u.feature_name for u in report.other_names
                    ],
                }
            ),
            hide_index=True,
        )
    if report.repaired:
        st.markdown(f"**{t('bnd.repaired', count=len(report.repaired))}**")
        st.dataframe(
            pd.DataFrame(
                {
                    t("bnd.col_unit"): [r.name for r in report.repaired],
                    t("bnd.col_before"): [r.before_km2 for r in report.repaired],
                    t("bnd.col_after"): [r.after_km2 for r in report.repaired],
                }
            ),
            hide_index=True,
        )


# -- the preview map ----------------------------------------------------------


def preview_map(registry: Registry, report: BoundaryReport) -> folium.Map:
    """The new polygons over the units that keep theirs."""
    _assets_installed()
    shapes = report.preview
    m = base_map(
        tuple(shapes.total_bounds),
        tiles=registry.config.basemap,
        tiles_name=t("maps.basemap"),
    )
    rows = []
    for state in ("approximate", "official", "new"):
        part = shapes[shapes["state"] == state]
        if part.empty:
            continue
        label = t(f"bnd.map_{state}", count=number(len(part)))
        add_unit_outlines(
            m,
            part,
            name=label,
            color=STATE_COLORS[state],
            fill_opacity=0.25 if state == "new" else 0.03,
            weight=2.5 if state == "new" else 1.0,
            dashed=state == "approximate",
        )
        rows.append((STATE_COLORS[state], label))
    folium.LayerControl(collapsed=True).add_to(m)
    add_legend(m, choropleth_legend(t("bnd.map_legend"), rows), position="bottomleft")
    return m


def show_preview(registry: Registry, report: BoundaryReport) -> None:
    """The preview map; panning never re-runs the page."""
    st.markdown(f"**{t('bnd.map_title')}**")
    st_folium(
        preview_map(registry, report),
        key="bnd_map",
        height=520,
        width=None,  # the container's width (st_folium's use_container_width)
        returned_objects=[],
    )


# -- confirm ------------------------------------------------------------------


def confirm_import(registry: Registry, actor: Actor, upload: BoundaryUpload) -> None:
    """The button that imports for real, with the trial's file and choices."""
    if not st.button(t("bnd.confirm"), type="primary", icon=":material/upload:"):
        return
    try:
        with st.spinner(t("bnd.importing")):
            done = _run(registry, actor, upload, dry_run=False)
    except RegistryError as error:
        st.error(error_text(error), icon=":material/error:")
        return
    st.session_state[_DONE_KEY] = done
    st.session_state.pop(_TRIAL_KEY, None)
    st.session_state[_ROUND_KEY] = st.session_state.get(_ROUND_KEY, 0) + 1
    st.rerun()


def show_last_import() -> None:
    """The report of the import just confirmed (shown once)."""
    done = st.session_state.pop(_DONE_KEY, None)
    if done is not None:
        render_report(done)


def boundary_section(registry: Registry, actor: Actor) -> None:
    """The whole tab: last import, choices and file, trial report, map, confirm."""
    show_last_import()
    upload = upload_widgets()
    report = trial_run(registry, actor, upload) if upload else None
    if report is None:
        return
    render_report(report)
    show_preview(registry, report)
    confirm_import(registry, actor, upload)
