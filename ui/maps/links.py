""" "Xem trên bản đồ": links that open a map page on one record, and what the map
page's URL asks for (``?site=N`` on the BTS map, ``?point=N`` on the points map).
"""

from __future__ import annotations

import streamlit as st

from registry.access.permissions import Actor
from registry.kernel.db import Registry
from registry.kernel.errors import RegistryError
from registry.maps.locate import Located, locate_record
from ui.common.i18n import t
from ui.common.messages import error_text
from ui.shell.menu import link_to_page, may_open
from ui.shell.page_state import query_number

PARAMS = {"site": "site", "point": "point"}
PAGES = {"site": "bts_map", "point": "points_map"}


def map_query(record_type: str, record_id: int) -> dict[str, str]:
    """Query parameters that open a map page on one record."""
    if record_type not in PARAMS:
        raise ValueError(
            f"'record_type' should be 'site' or 'point', got {record_type!r}"
        )
    return {PARAMS[record_type]: str(int(record_id))}


def link_to_map(record_type: str, record_id: int, actor: Actor) -> None:
    """A link to the record's map page, zoomed to it with its popup open (none
    when the actor's role may not open that map)."""
    if not may_open(actor.role, PAGES[record_type]):
        return
    link_to_page(
        PAGES[record_type],
        map_query(record_type, record_id),
        t("maps.on_map"),
        ":material/map:",
    )


def requested_record(
    registry: Registry, actor: Actor, record_type: str
) -> Located | None:
    """The record the URL asks the map to show, or None; a record the user may
    not see (another area, another operator, no such id) is refused with the
    reason, and the map opens as usual."""
    record_id = query_number(PARAMS[record_type])
    if record_id is None:
        return None
    try:
        return locate_record(registry, actor, record_type, record_id)
    except RegistryError as error:
        st.error(error_text(error, record_type), icon=":material/block:")
        return None
