"""The reach attacks on the services of accounts, administration, the command
line and the demo (see tests/attack/services.py)."""

from __future__ import annotations

import argparse

from registry.access import accounts
from registry.access.profile import actor_profile
from registry.access.users import create_user, list_users
from registry.cli.applications import run_applications
from registry.cli.report import run_report
from registry.cli.users import run_users
from registry.demo.load import load_demo
from registry.demo.remove import remove_demo
from tests.attack.catalogue import (
    ACTS,
    SHOWS,
    YEAR,
    Attack,
    _cli_applications,
    _report_args,
    printed,
)

REACH_ACCESS: dict[str, Attack | tuple[Attack, ...]] = {
    # access: the user's own profile; users are the admin's
    "access.profile.actor_profile": Attack(
        SHOWS, lambda r, a, w, t: actor_profile(r, a)
    ),
    "access.users.create_user": Attack(
        ACTS,
        lambda r, a, w, t: create_user(
            r,
            a,
            username="nhanvien.ngoaivung",
            display_name="Nhân viên mới",
            role="commune",
            area_edition="2025-06",
            area_code=w.people.other_commune.area_code,
        ),
    ),
    "access.users.list_users": Attack(ACTS, lambda r, a, w, t: list_users(r, a)),
    # account changes: the administrator's, on a user of another area
    "access.accounts.area_choices": Attack(
        ACTS, lambda r, a, w, t: accounts.area_choices(r, a, "2025-06", "commune")
    ),
    "access.accounts.disable_user": Attack(
        ACTS,
        lambda r, a, w, t: accounts.disable_user(
            r, a, w.people.other_commune.username, reason="x"
        ),
    ),
    "access.accounts.enable_user": Attack(
        ACTS,
        lambda r, a, w, t: accounts.enable_user(
            r, a, w.people.other_commune.username, reason="x"
        ),
    ),
    "access.accounts.set_password": Attack(
        ACTS,
        lambda r, a, w, t: accounts.set_password(
            r, a, w.people.other_commune.username, "mat-khau-moi-dai-du", reason="x"
        ),
    ),
    "access.accounts.set_role": Attack(
        ACTS,
        lambda r, a, w, t: accounts.set_role(
            r, a, w.people.other_commune.username, "viewer", reason="x"
        ),
    ),
    "access.accounts.set_area": Attack(
        ACTS,
        lambda r, a, w, t: accounts.set_area(
            r,
            a,
            w.people.other_commune.username,
            area_edition="2025-06",
            area_code=w.people.commune.area_code,
            reason="x",
        ),
    ),
    "cli.users.run_users": (
        Attack(
            ACTS,
            lambda r, a, w, t: printed(
                lambda: run_users(
                    r,
                    a,
                    argparse.Namespace(
                        users_command="disable",
                        username=w.people.other_commune.username,
                        reason="x",
                    ),
                )
            ),
        ),
        Attack(
            ACTS,
            lambda r, a, w, t: printed(
                lambda: run_users(r, a, argparse.Namespace(users_command="list"))
            ),
        ),
    ),
    # the command line's groups, run for the caller
    "cli.applications.run_applications": Attack(
        SHOWS,
        lambda r, a, w, t: [
            printed(lambda: run_applications(r, a, _cli_applications("list"))),
            printed(lambda: run_applications(r, a, _cli_applications("inbox"))),
            printed(
                lambda: run_applications(
                    r, a, _cli_applications("report", start=YEAR[0], end=YEAR[1])
                )
            ),
        ],
    ),
    "cli.report.run_report": Attack(
        ACTS,
        lambda r, a, w, t: printed(
            lambda: run_report(r, a, _report_args(t, district="Nghi Lộc"))
        ),
    ),
    "demo.load.load_demo": Attack(ACTS, lambda r, a, w, t: load_demo(r, a, sites=10)),
    # files
    "demo.remove.remove_demo": Attack(ACTS, lambda r, a, w, t: remove_demo(r, a)),
}
