"""Violations of an inspection: the table, recording one, withdrawing one recorded
by mistake (it is kept, marked withdrawn). On a submitted inspection both are
corrections and ask for the reason."""

from __future__ import annotations

from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from registry.inspections.service import add_violation
from registry.kernel.models import Violation
from ui.common.forms import max_chars, submit_button
from ui.common.i18n import number, t
from ui.common.labels import local_time, missing
from ui.inspections.forms import (
    Slots,
    form_key,
    item_title,
    may_change,
    reason_input,
    save_change,
    withdrawal_form,
)


def violations_table(view: dict[str, Any]) -> pd.DataFrame:
    """The violations recorded, withdrawn ones included (and marked)."""
    rows = view["violations"]
    titles = {i["rule_id"]: item_title(i) for i in view["items"]}
    return pd.DataFrame(
        {
            t("insp.col_id"): [v["id"] for v in rows],
            t("insp.col_rule"): [titles.get(v["rule_id"], v["rule_id"]) for v in rows],
            t("insp.col_description"): [v["description"] for v in rows],
            t("insp.col_fine"): [
                ""
                if missing(v["proposed_fine_vnd"])
                else number(v["proposed_fine_vnd"])
                for v in rows
            ],
            t("insp.col_recorded"): [
                f"{v['recorded_by']}, {local_time(v['recorded_at'])}" for v in rows
            ],
            t("insp.col_withdrawn"): [
                f"{local_time(v['withdrawn_at'])}: {v['withdrawn_reason']}"
                if v["withdrawn_at"]
                else ""
                for v in rows
            ],
        }
    )


def _rule_option(view: dict[str, Any]):
    titles = {i["rule_id"]: item_title(i) for i in view["items"]}
    return lambda rule: titles.get(rule, rule)


def violations_form(registry, actor, view: dict[str, Any]) -> None:
    """The violations, and (when the user may change them) add or withdraw one."""
    if view["violations"]:
        st.dataframe(violations_table(view), hide_index=True)
    else:
        st.caption(t("insp.no_violations"))
    if not may_change(view):
        return
    key = form_key(view, "violation")
    with st.form(key):
        slots = Slots(general=st.container())
        rules = [i["rule_id"] for i in view["items"]]
        rule = st.selectbox(
            t("insp.violation_rule"),
            rules,
            index=None,
            format_func=_rule_option(view),
            placeholder=t("form.choose"),
            key=f"{key}_rule",
        )
        slots.fields["rule_id"] = st.container()
        description = st.text_area(
            t("insp.violation_description"),
            max_chars=max_chars(Violation.description),
            key=f"{key}_description",
        )
        slots.fields["description"] = st.container()
        fine = st.number_input(
            t("insp.violation_fine"),
            min_value=0,
            value=None,
            step=500_000,
            key=f"{key}_fine",
        )
        slots.fields["proposed_fine_vnd"] = st.container()
        reason = reason_input(view, key, slots)
        submitted = submit_button(key, t("insp.add_violation"))
    if submitted:
        violation = {
            "rule_id": rule,
            "description": description,
            "proposed_fine_vnd": fine,
        }
        direct = partial(add_violation, registry, actor, view["id"], **violation)
        correction = {"add_violations": [violation]}
        what = t("insp.what_violation", rule=_rule_option(view)(rule))
        save_change(registry, actor, view, slots, reason, correction, direct, what=what)
    _withdraw_violation_form(registry, actor, view)


def _withdraw_violation_form(registry, actor, view: dict[str, Any]) -> None:
    active = {
        v["id"]: str(v["id"]) for v in view["violations"] if not v["withdrawn_at"]
    }
    which = t("insp.withdraw_which")
    withdrawal_form(registry, actor, view, "violation", active, which, "violation")
