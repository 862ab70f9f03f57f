"""The pages of the app, who may open each, the sidebar menu and the page guard.

Every page starts with::

    from ui.shell.menu import guard
    registry, actor = guard("registry")

``guard`` shows the sign-in form to a visitor who is not signed in and refuses a
role the page is not for, in both cases ending the run (``st.stop``); the sidebar
lists only the pages of the user's role. Typing a page's URL therefore leads to
the same checks as following the menu.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.db import Registry
from registry.kernel.vocabulary import Role
from ui.common.i18n import t
from ui.common.uploads import widget_texts
from ui.shell.auth import sign_in_view
from ui.shell.sidebar import render_sidebar_footer
from ui.shell.state import get_registry, restore_session, talk_to_cookie

APP_DIR = Path(__file__).resolve().parents[2]


def _roles_with(*rights: tuple[str, str]) -> frozenset[Role]:
    """Roles granted at least one of the (action, subject) rights."""
    return frozenset(
        role
        for role in Role
        if any(perm.allowed(Actor("-", role), a, s) for a, s in rights)
    )


@dataclass(frozen=True)
class Page:
    """One page: its key, script (relative to app.py), menu text, icon, roles."""

    key: str
    path: str
    text_key: str
    icon: str
    roles: frozenset[Role]

    @property
    def exists(self) -> bool:
        """Whether the script is there (pages are added by several people)."""
        return (APP_DIR / self.path).is_file()


ALL_ROLES = frozenset(Role)
PAGES: tuple[Page, ...] = (
    Page("home", "app.py", "menu.home", ":material/home:", ALL_ROLES),
    Page(
        "bts_map",
        "pages/2_Ban_do_BTS.py",
        "menu.bts_map",
        ":material/cell_tower:",
        ALL_ROLES,
    ),
    Page(
        "points_map",
        "pages/3_Ban_do_diem.py",
        "menu.points_map",
        ":material/map:",
        _roles_with((perm.READ, "point")),
    ),
    Page(
        "registry",
        "pages/4_So_dang_ky.py",
        "menu.registry",
        ":material/table_view:",
        ALL_ROLES,
    ),
    Page(
        "transfer",
        "pages/5_Nhap_xuat.py",
        "menu.transfer",
        ":material/swap_vert:",
        _roles_with(
            (perm.IMPORT, "site"),
            (perm.IMPORT, "point"),
            (perm.EXPORT, "site"),
            (perm.EXPORT, "point"),
        ),
    ),
    Page(
        "inspections",
        "pages/6_Kiem_tra.py",
        "menu.inspections",
        ":material/fact_check:",
        _roles_with((perm.READ, "inspection")),
    ),
    Page(
        "dashboard",
        "pages/7_Bang_theo_doi.py",
        "menu.dashboard",
        ":material/monitoring:",
        _roles_with((perm.READ, "inspection")),
    ),
    Page(
        "permits",
        "pages/8_Ho_so_cap_phep.py",
        "menu.permits",
        ":material/approval:",
        _roles_with((perm.READ, "application")),
    ),
    # Coverage figures are aggregates: every role (operators: their own network).
    Page(
        "coverage",
        "pages/9_Phu_song.py",
        "menu.coverage",
        ":material/signal_cellular_alt:",
        ALL_ROLES,
    ),
    Page(
        "reports",
        "pages/10_Bao_cao.py",
        "menu.reports",
        ":material/summarize:",
        _roles_with((perm.READ, "report")),
    ),
    # Cell observations: the department, areas for their area, operators their own.
    Page(
        "cells",
        "pages/12_Tram_ngoai_so.py",
        "menu.cells",
        ":material/settings_input_antenna:",
        _roles_with((perm.READ, "cells")),
    ),
    Page(
        "users",
        "pages/11_Nguoi_dung.py",
        "menu.users",
        ":material/manage_accounts:",
        _roles_with((perm.MANAGE_USERS, "system")),
    ),
)
PAGE_BY_KEY = {page.key: page for page in PAGES}


def page(key: str) -> Page:
    """The page declared under ``key``."""
    try:
        return PAGE_BY_KEY[key]
    except KeyError:
        raise KeyError(
            f"no page {key!r}; declared pages: {', '.join(PAGE_BY_KEY)}"
        ) from None


def may_open(role: Role, key: str) -> bool:
    """Whether users of ``role`` may open the page ``key``."""
    return role in page(key).roles


def pages_for(role: Role) -> list[Page]:
    """The pages of a role's menu, in menu order (scripts that exist only)."""
    return [p for p in PAGES if role in p.roles and p.exists]


def record_query(record_type: str, record_id: int) -> dict[str, str]:
    """Query parameters that open one record on the registry page."""
    if record_type not in ("site", "point"):
        raise ValueError(
            f"'record_type' should be 'site' or 'point', got {record_type!r}"
        )
    return {"id": str(int(record_id)), "kind": record_type}


def link_to_page(page_key: str, query: dict[str, str], label: str, icon: str) -> None:
    """A link to one of the app's pages (``page_key``) with query parameters; it
    keeps the session signed in."""
    st.page_link(page(page_key).path, label=label, icon=icon, query_params=query)


def link_to_record(record_type: str, record_id: int, label: str | None = None) -> None:
    """A link to a record's page on the registry page (keeps the session signed in).

    ``record_type`` is ``"site"`` or ``"point"``; the label defaults to
    'Mở bản ghi #N trong sổ đăng ký'.
    """
    link_to_page(
        "registry",
        record_query(record_type, record_id),
        label or t("menu.open_record", id=record_id),
        ":material/open_in_new:",
    )


def render_menu(actor: Actor | None) -> None:
    """The sidebar: links to the role's pages, then who is signed in."""
    with st.sidebar:
        st.markdown(f"**{t('app.name')}**")
        if actor is not None:
            for entry in pages_for(actor.role):
                st.page_link(entry.path, label=t(entry.text_key), icon=entry.icon)


def guard(page_key: str) -> tuple[Registry, Actor]:
    """Start a page: set its title, draw the menu, check who is asking.

    Returns the registry and the signed-in user. Shows the sign-in form and stops
    when nobody is signed in; shows a refusal and stops when the user's role may
    not open the page.
    """
    entry = page(page_key)
    st.set_page_config(
        page_title=f"{t(entry.text_key)} · {t('app.short_name')}",
        page_icon="📡",  # an emoji: a material icon is fetched from Google
        layout="wide",
    )
    widget_texts()
    registry = get_registry()
    # Resumed from the cookie (a reload, a new tab), or checked: a user disabled,
    # signed out elsewhere or idle is signed out here; a changed one updated.
    actor = restore_session(registry)
    if actor is not None:
        # The language the session kept, in the title too.
        st.set_page_config(page_title=f"{t(entry.text_key)} · {t('app.short_name')}")
    render_menu(actor)
    render_sidebar_footer(registry, actor)
    with st.sidebar:
        talk_to_cookie()
    if actor is None:
        if page_key != "home":
            st.info(t("guard.sign_in_first", page=t(entry.text_key)))
        sign_in_view(registry)
        st.stop()
    if actor.role not in entry.roles:
        st.error(t("guard.refused", page=t(entry.text_key)))
        st.page_link("app.py", label=t("guard.back_home"), icon=":material/home:")
        st.stop()
    return registry, actor
