"""Filing an application: operators a BTS application of their network; commune
and district staff a game-point owner's application; the department either.

The type is chosen first (the form's fields follow it); for a change, relocation,
decommissioning, renewal, reissue or revocation the record concerned is chosen
too and the form starts from its stored values. Values are sent as typed: the
registry validates them as its record forms do (``18,6717`` is a latitude). A
refused filing keeps what was typed and names each wrong field.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from registry.kernel.errors import FieldError, RegistryError, ValidationError
from registry.kernel.models import AuditEntry, PermitApplication
from registry.kernel.vocabulary import OPERATORS, PointKind, Role, StructureType
from registry.permits.filing import file_application
from registry.permits.vocabulary import BTS_KINDS, GAME_KINDS, ApplicationKind
from registry.records.by_kind import POINTS, SITES
from ui.common.forms import input_text, max_chars
from ui.common.i18n import field_label, operator_label, operator_name, t, value_label
from ui.common.labels import day_text
from ui.permits.actions import document_uploader, uploaded
from ui.permits.labels import label, level_text
from ui.permits.links import flash, show_application
from ui.permits.messages import permit_error_lines

FILED_KEY = "pmt_just_filed"
# Roles that file BTS applications, and roles that record game-point ones.
BTS_FILERS = frozenset({Role.OPERATOR, Role.DEPARTMENT, Role.ADMIN})
GAME_FILERS = frozenset({Role.COMMUNE, Role.DISTRICT, Role.DEPARTMENT, Role.ADMIN})
# Fields of the proposed record, by kind of application.
_BTS_NEW = ("site_code", "name", "latitude", "longitude", "address")
_STRUCTURE = ("structure_type", "structure_height_m", "building_height_m")
_RELOCATION = ("latitude", "longitude", "address")
_GAME_NEW = ("name", "latitude", "longitude", "address", "owner_name")
_GAME_NEW += ("owner_phone", "business_reg_number", "computers", "floor_area_m2")
_GAME_REISSUE = ("name", "address", "owner_name", "owner_phone", "business_reg_number")
FIELDS: dict[str, tuple[str, ...]] = {
    ApplicationKind.BTS_NEW: _BTS_NEW + _STRUCTURE,
    ApplicationKind.BTS_CHANGE: ("name", *_STRUCTURE),
    ApplicationKind.BTS_RELOCATION: _RELOCATION,
    ApplicationKind.BTS_DECOMMISSION: (),
    ApplicationKind.BTS_TRANSFER: (),
    ApplicationKind.GAME_NEW: _GAME_NEW,
    ApplicationKind.GAME_RENEWAL: (),
    ApplicationKind.GAME_REISSUE: _GAME_REISSUE,
    ApplicationKind.GAME_REVOCATION: (),
}
_NEW_KINDS = (ApplicationKind.BTS_NEW, ApplicationKind.GAME_NEW)
_STRUCTURE_CHOICES = [s.value for s in StructureType]


def kinds_for(actor) -> list[str]:
    """The kinds of application the actor's role files."""
    kinds: list[str] = []
    if actor.role in BTS_FILERS:
        # A transfer is filed by the operator that owns the site.
        kinds += [
            k.value
            for k in BTS_KINDS
            if k != ApplicationKind.BTS_TRANSFER or actor.role == Role.OPERATOR
        ]
    if actor.role in GAME_FILERS:
        kinds += [k.value for k in GAME_KINDS]
    return kinds


def _record_option(frame: pd.DataFrame):
    names = dict(zip(frame["id"], frame["name"], strict=True))
    codes = dict(zip(frame["id"], frame.get("site_code", frame["name"]), strict=True))

    def option(record_id: int) -> str:
        code = codes[record_id]
        head = f"#{record_id} · {code}" if code != names[record_id] else f"#{record_id}"
        return f"{head} · {names[record_id]}"

    return option


def _pick_record(registry, actor, kind: str) -> dict[str, Any] | None:
    """The site or game point the application concerns (current values)."""
    is_bts = kind.startswith("bts_")
    if is_bts:
        frame = SITES.list(registry, actor)
        if actor.role == Role.OPERATOR:
            # An operator files only for the sites its network owns.
            frame = frame[frame["network_code"] == actor.network_code]
    else:
        frame = POINTS.list(registry, actor)
        frame = frame[frame["kind"] == PointKind.GAME_POINT.value]
    frame = frame.sort_values("id")
    options = [int(i) for i in frame["id"]]
    chosen = st.selectbox(
        t("pmt.f.site") if is_bts else t("pmt.f.point"),
        options,
        index=None,
        format_func=_record_option(frame),
        placeholder=t("form.choose"),
        help=t("pmt.f.site_hint") if is_bts else None,
        key=f"pmt_file_{kind}_record",
    )
    if chosen is None:
        st.caption(t("pmt.f.site_needed") if is_bts else t("pmt.f.point_needed"))
        return None
    row = frame[frame["id"] == chosen].iloc[0]
    return {k: (None if pd.isna(v) else v) for k, v in row.items()}


def _field(record_type: str, name: str, key: str, current: dict[str, Any]) -> Any:
    """One proposed field's widget (numbers typed as text, as in the record forms)."""
    text = field_label(record_type, name)
    value = current.get(name)
    if name == "structure_type":
        return st.selectbox(
            text,
            _STRUCTURE_CHOICES,
            index=_STRUCTURE_CHOICES.index(value)
            if value in _STRUCTURE_CHOICES
            else None,
            format_func=value_label,
            placeholder=t("form.choose"),
            key=key,
        )
    hint = {"latitude": "pmt.f.hint_latitude", "longitude": "pmt.f.hint_longitude"}
    typed = st.text_input(
        text,
        value=input_text(value),
        placeholder=t(hint[name]) if name in hint else None,
        key=key,
    )
    return typed.strip() or None


def _width(text: str) -> float | None:
    """The pole width typed (``0,4`` or ``0.4``); a FieldError names bad input."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise ValidationError(
            [FieldError("structure_width_m", text, "a number of metres")]
        ) from None


def _changed(values: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """The fields whose typed value differs from the stored one."""
    return {
        name: value
        for name, value in values.items()
        if input_text(value) != input_text(current.get(name))
    }


def filing_form(registry, actor, kind: str, record: dict[str, Any] | None) -> None:
    """The fields of one kind of application, its documents, and the button."""
    record_type = "site" if kind.startswith("bts_") else "point"
    current = record or {}
    key = f"pmt_file_{kind}_{current.get('id', 'new')}"
    with st.form(key):
        values: dict[str, Any] = {}
        if kind == ApplicationKind.BTS_NEW:
            values["network_code"] = _network(actor, key)
        if kind == ApplicationKind.BTS_TRANSFER:
            values["network_code"] = _receiving(current, key)
        names = FIELDS[kind]
        grid = st.columns(3)
        for index, name in enumerate(names):
            with grid[index % 3]:
                values[name] = _field(record_type, name, f"{key}_{name}", current)
        width, protected = "", False
        if kind in (ApplicationKind.BTS_NEW, ApplicationKind.BTS_CHANGE):
            left, right = st.columns(2)
            width = left.text_input(t("pmt.f.width"), key=f"{key}_width")
            protected = right.checkbox(t("pmt.f.protected"), key=f"{key}_protected")
        applicant = st.text_input(
            t("pmt.f.applicant"),
            max_chars=max_chars(PermitApplication.applicant_name),
            key=f"{key}_applicant",
        )
        note = st.text_area(
            t("pmt.f.note"), max_chars=max_chars(AuditEntry.reason), key=f"{key}_note"
        )
        files = document_uploader(registry, f"{key}_files")
        slot = st.container()
        sent = st.form_submit_button(
            t("pmt.f.submit"), type="primary", icon=":material/send:"
        )
    if not sent:
        return
    if kind not in _NEW_KINDS:
        values = _changed(values, current)
    try:
        view = file_application(
            registry,
            actor,
            kind,
            values={k: v for k, v in values.items() if v is not None},
            site_id=current.get("id") if record_type == "site" and record else None,
            point_id=current.get("id") if record_type == "point" and record else None,
            protected_zone=protected,
            structure_width_m=_width(width),
            applicant_name=applicant.strip() or None,
            documents=uploaded(files),
            note=note.strip() or None,
        )
    except RegistryError as error:
        for line in permit_error_lines(error, record_type):
            slot.error(line, icon=":material/error:")
        return
    _filed(view)


def _network(actor, key: str) -> str | None:
    """The operator of a new site: fixed to an operator's own network."""
    if actor.role == Role.OPERATOR:
        st.caption(
            f"{field_label('site', 'network_code')}: "
            f"{operator_label(actor.network_code)}"
        )
        return actor.network_code
    return st.selectbox(
        field_label("site", "network_code"),
        list(OPERATORS),
        index=None,
        format_func=operator_label,
        placeholder=t("form.choose"),
        key=f"{key}_network_code",
    )


def _receiving(current: dict[str, Any], key: str) -> str | None:
    """The operator a transfer names: any operator but the site's own."""
    return st.selectbox(
        t("pmt.f.receiving"),
        [code for code in OPERATORS if code != current.get("network_code")],
        index=None,
        format_func=operator_label,
        placeholder=t("form.choose"),
        key=f"{key}_receiving",
    )


def _filed(view) -> None:
    """Keep the message and the findings for the next run, then open the application."""
    summary = view.summary
    step = next((s for s in view.steps if s.finished_on is None), None)
    if step is None:
        # A transfer: no step before the receiving operator signs.
        flash(
            t(
                "pmt.filed_transfer",
                id=summary.id,
                kind=label(summary.kind),
                network=operator_name(view.receiving_network),
            )
        )
    else:
        flash(
            t(
                "pmt.filed",
                id=summary.id,
                kind=label(summary.kind),
                level=level_text(step.level),
                due=day_text(step.due_on),
            )
        )
    st.session_state[FILED_KEY] = summary.id
    show_application(summary.id)
    st.rerun()


def just_filed(application_id: int) -> bool:
    """Whether this application was filed on the previous run (then forgotten)."""
    if st.session_state.get(FILED_KEY) == application_id:
        del st.session_state[FILED_KEY]
        return True
    return False


def render_filing(registry, actor) -> None:
    """Choose the type (and the record), then the form of that type."""
    kinds = kinds_for(actor)
    if not kinds:
        st.info(t("pmt.file.none"))
        return
    kind = st.selectbox(
        t("pmt.f.kind"),
        kinds,
        format_func=label,
        key="pmt_file_kind",
    )
    record = None
    if kind not in _NEW_KINDS:
        record = _pick_record(registry, actor, kind)
        if record is None:
            return
    filing_form(registry, actor, kind, record)
