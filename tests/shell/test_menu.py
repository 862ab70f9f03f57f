"""The pages table: who may open which page, and what the menu lists."""

from __future__ import annotations

import pytest

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.vocabulary import Role
from ui.shell.menu import (
    APP_DIR,
    PAGE_BY_KEY,
    PAGES,
    may_open,
    page,
    pages_for,
    record_query,
)


def test_every_page_is_declared_once_with_its_script():
    assert len(PAGE_BY_KEY) == len(PAGES)
    assert len({p.path for p in PAGES}) == len(PAGES)
    assert PAGE_BY_KEY["home"].path == "app.py"
    assert PAGE_BY_KEY["bts_map"].path == "pages/2_Ban_do_BTS.py"
    assert PAGE_BY_KEY["points_map"].path == "pages/3_Ban_do_diem.py"


@pytest.mark.parametrize("key", ["home", "registry", "transfer"])
def test_the_pages_of_this_checkout_exist(key):
    assert (APP_DIR / page(key).path).is_file()


@pytest.mark.parametrize(
    ("role", "key", "allowed"),
    [
        (Role.VIEWER, "bts_map", True),
        (Role.VIEWER, "points_map", True),
        (Role.VIEWER, "registry", True),
        (Role.VIEWER, "transfer", False),
        (Role.OPERATOR, "points_map", False),
        (Role.OPERATOR, "transfer", True),
        (Role.COMMUNE, "transfer", True),
        (Role.DISTRICT, "transfer", True),
        (Role.DEPARTMENT, "points_map", True),
    ],
)
def test_who_may_open_which_page(role, key, allowed):
    assert may_open(role, key) is allowed


def test_the_transfer_page_is_for_roles_that_import_or_export():
    for role in Role:
        probe = Actor("probe", role)
        moves = any(
            perm.allowed(probe, action, subject)
            for action in (perm.IMPORT, perm.EXPORT)
            for subject in ("site", "point")
        )
        assert may_open(role, "transfer") is moves


def test_the_menu_lists_only_pages_whose_script_exists():
    for role in Role:
        assert all(entry.exists for entry in pages_for(role))
        assert pages_for(role)[0].key == "home"


def test_an_unknown_page_key_is_named_in_the_error():
    with pytest.raises(KeyError, match="no page 'nope'"):
        page("nope")


def test_a_record_link_carries_its_id_and_kind():
    assert record_query("site", 12) == {"id": "12", "kind": "site"}
    with pytest.raises(ValueError, match="'record_type' should be 'site' or 'point'"):
        record_query("sites", 12)
