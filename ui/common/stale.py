"""Edit forms that survive someone else's change: the user's input is kept, the
newer values are shown beside it.

A form edits the version it was opened at: the record as it was then (its
``base``) stays in the session, so the form's widgets (keyed by that version)
keep what the user typed across reruns, even when the page has loaded a newer
version meanwhile. A save sends the version it expects; when the registry
refuses it as stale (:class:`~registry.kernel.versions.StaleVersionError`,
naming who changed the record and when), the form remembers the refusal and
expects the newer version from then on: the page says who changed it, shows
the newer stored values beside the user's input, and a second save writes the
form's values over the newer version, knowingly; "discard" loads the newer
values instead. A saved change forgets the base, so the form opens on the
version just written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from typing import Any

import pandas as pd
import streamlit as st

from registry.kernel.errors import RegistryError
from registry.kernel.versions import StaleVersionError
from ui.common.i18n import t
from ui.common.messages import error_text

_PREFIX = "stale_edit_"


def edit_state(name: str, current: dict[str, Any]) -> dict[str, Any]:
    """The session's edit of ``name`` (a record's form): ``base`` (the values the
    form was opened with), ``expected`` (the version a save sends) and
    ``refusal`` (the last stale-version refusal, or None). A new edit starts from
    ``current``."""
    key = _PREFIX + name
    state = st.session_state.get(key)
    if state is None:
        state = {"base": current, "expected": current["version"], "refusal": None}
        st.session_state[key] = state
    return state


def forget_edit(name: str) -> None:
    """End the edit of ``name``: the form opens on the stored version next time."""
    st.session_state.pop(_PREFIX + name, None)


def remember_refusal(name: str, refusal: StaleVersionError) -> None:
    """Keep the refusal and expect the newer version from now on (the user has
    been shown it: saving again is their decision)."""
    state = st.session_state[_PREFIX + name]
    state["refusal"] = refusal
    state["expected"] = refusal.context["version"]


def shown_value(value: Any) -> str:
    """A value as the comparison table shows it."""
    if value is None or value == "":
        return t("stale.empty")
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    return str(value)


def show_refusal(
    name: str,
    rows: Iterable[tuple[str, Any, Any]],
    subject: str = "site",
) -> None:
    """Say who changed the record and when, and show ``rows`` (field label,
    newer stored value, the user's input) where the two differ; a button
    discards the user's input. Nothing when the edit has no refusal."""
    state = st.session_state.get(_PREFIX + name)
    if not state or state["refusal"] is None:
        return
    st.warning(
        error_text(state["refusal"], subject) + "\n\n" + t("stale.kept"),
        icon=":material/history:",
    )
    shown = [
        (label, shown_value(newer), shown_value(mine))
        for label, newer, mine in rows
        if shown_value(newer) != shown_value(mine)
    ]
    if shown:
        st.dataframe(
            pd.DataFrame(
                shown, columns=[t("stale.field"), t("stale.newer"), t("stale.mine")]
            ),
            hide_index=True,
            key=f"{_PREFIX}{name}_table",
        )
    st.button(
        t("stale.discard"),
        key=f"{_PREFIX}{name}_discard",
        on_click=forget_edit,
        args=(name,),
        icon=":material/restart_alt:",
    )


def save_or_keep(
    name: str, call: Callable[[int], Any], on_refused: Callable[[Exception], None]
) -> Any | None:
    """Run ``call(expected_version)``; a stale-version refusal is remembered
    (None is returned, the page reruns to show it with the input kept), any other
    refusal goes to ``on_refused``. What the call returned, once saved (the edit
    is then forgotten)."""
    state = st.session_state[_PREFIX + name]
    try:
        saved = call(state["expected"])
    except StaleVersionError as refusal:
        remember_refusal(name, refusal)
        st.rerun()
    except RegistryError as refusal:
        on_refused(refusal)
        return None
    forget_edit(name)
    return saved
