"""``python -m registry users ...`` and the passwords the command line asks for.

Passwords are never arguments of a command that changes an existing account (they
would stay in the shell's history and the process list): ``set-password`` asks
twice in a terminal, or reads one line from standard input when it is a pipe;
``init`` asks the same way for the administrator's, or takes
``REGISTRY_ADMIN_PASSWORD``.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from registry.access import messages as access_msg
from registry.access.accounts import (
    disable_user,
    enable_user,
    set_area,
    set_password,
    set_role,
)
from registry.access.permissions import Actor
from registry.access.users import create_user, list_users
from registry.kernel.db import Registry
from registry.kernel.errors import ConfigurationError, FieldError, ValidationError
from registry.kernel.settings import admin_password


def add_users_parser(commands) -> None:
    """The ``users`` command group."""
    users = commands.add_parser(
        "users", help="list, add, disable, enable users; set password, role, area"
    )
    users_what = users.add_subparsers(dest="users_command", required=True)
    users_what.add_parser("list", help="every user with role, area and state")
    add = users_what.add_parser("add", help="add a user")
    add.add_argument("username")
    add.add_argument("--name", required=True, help="display name")
    add.add_argument("--role", required=True)
    add.add_argument("--password", help="at least 8 characters (for signing in)")
    add.add_argument("--edition", help="edition of the area (district/commune roles)")
    add.add_argument("--area", help="GSO code of the district or commune")
    add.add_argument("--network", help="MNC code (operator role)")
    for name, text in (
        ("disable", "stop a user from signing in (their sessions end)"),
        ("enable", "let a disabled user sign in again"),
    ):
        sub = users_what.add_parser(name, help=text)
        sub.add_argument("username")
        sub.add_argument("--reason", help="why (kept in the audit log)")
    password = users_what.add_parser(
        "set-password",
        help="give a user a new password (asked twice, or one line on stdin)",
    )
    password.add_argument("username")
    password.add_argument("--reason", help="why (kept in the audit log)")
    role = users_what.add_parser("set-role", help="give a user another role")
    role.add_argument("username")
    role.add_argument("role")
    area = users_what.add_parser(
        "set-area", help="move a user to another area (or operator network)"
    )
    area.add_argument("username")
    for sub in (role, area):
        sub.add_argument("--edition", help="edition of the area")
        sub.add_argument("--area", help="GSO code of the district or commune")
        sub.add_argument("--network", help="MNC code (operator role)")
        sub.add_argument("--reason", help="why (kept in the audit log)")


def _mismatch() -> ValidationError:
    return ValidationError(
        [FieldError("password", "***", access_msg.PASSWORD_MISMATCH)]
    )


def read_new_password(prompt: str) -> str | None:
    """A new password: asked twice in a terminal, one line from a pipe; None when
    standard input is neither (closed, or at its end)."""
    if sys.stdin is None:
        return None
    if sys.stdin.isatty():
        first = getpass.getpass(f"{prompt}: ")
        if first != getpass.getpass(f"{prompt} (again): "):
            raise _mismatch()
        return first
    line = sys.stdin.readline()
    return line.rstrip("\r\n") if line else None


def init_admin_password(username: str) -> str:
    """The administrator's first password for ``init``: REGISTRY_ADMIN_PASSWORD, or
    asked twice in a terminal. Without either, a clear refusal."""
    from_env = admin_password()
    if from_env is not None:
        return from_env
    if sys.stdin is not None and sys.stdin.isatty():
        return read_new_password(f"Password for the administrator {username!r}")
    raise ConfigurationError(access_msg.ADMIN_PASSWORD_NEEDED, username=username)


def run_users(registry: Registry, actor: Actor, args: argparse.Namespace) -> int:
    """Run one ``users`` command."""
    command = args.users_command
    if command == "list":
        for user in list_users(registry, actor):
            print("  ".join(f"{k}={v}" for k, v in user.items() if v is not None))
        return 0
    if command == "add":
        created = create_user(
            registry,
            actor,
            username=args.username,
            display_name=args.name,
            role=args.role,
            password=args.password,
            area_edition=args.edition,
            area_code=args.area,
            network_code=args.network,
        )
        print(f"User {created.username!r} ({created.role.value}) created.")
        return 0
    if command in ("disable", "enable"):
        use_case = disable_user if command == "disable" else enable_user
        changed = use_case(registry, actor, args.username, reason=args.reason)
        state = "disabled" if command == "disable" else "enabled"
        print(f"User {args.username!r} {state}." if changed else f"Already {state}.")
        return 0
    if command == "set-password":
        password = read_new_password(f"New password for {args.username!r}")
        if password is None:
            print("error: no password given on standard input", file=sys.stderr)
            return 1
        set_password(registry, actor, args.username, password, reason=args.reason)
        print(f"Password of {args.username!r} changed.")
        return 0
    where = {
        "area_edition": args.edition,
        "area_code": args.area,
        "network_code": args.network,
        "reason": args.reason,
    }
    if command == "set-role":
        changed = set_role(registry, actor, args.username, args.role, **where)
    else:
        changed = set_area(registry, actor, args.username, **where)
    area = changed.area_name or changed.area_code or changed.network_code or "-"
    print(f"User {changed.username!r}: role {changed.role.value}, area {area}.")
    return 0
