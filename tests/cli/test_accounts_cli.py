"""The command line's accounts, on both databases: init's administrator password,
users disable/enable/set-password/set-role/set-area, demo --remove."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from registry.access.users import authenticate
from registry.cli.main import main
from registry.kernel.db import open_registry
from registry.kernel.errors import PermissionDeniedError
from registry.kernel.models import AuditEntry
from tests.conftest import registry_config
from tests.factories import district_code

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli(database_url, monkeypatch, capsys):
    """Run the command line in-process against this test's database; ``stdin``
    is what standard input holds (a pipe, not a terminal)."""
    monkeypatch.setenv("REGISTRY_DATABASE_URL", database_url)
    monkeypatch.delenv("REGISTRY_ADMIN_PASSWORD", raising=False)

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture
def registry_of(database_url):
    opened = open_registry(registry_config({"REGISTRY_DATABASE_URL": database_url}))
    yield opened
    opened.engine.dispose()


def _actions(registry, username: str) -> list[str]:
    with registry.reading() as session:
        return list(
            session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.entity_id == username)
                .order_by(AuditEntry.id)
            )
        )


def test_init_without_a_terminal_or_the_variable_refuses_clearly(tmp_path):
    url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    environment = {
        "REGISTRY_DATABASE_URL": url,
        "REGISTRY_PASSWORD_HASHING": "insecure-fast-for-tests-only",
        "PATH": "",
    }
    refused = subprocess.run(
        [sys.executable, "-m", "registry", "init"],
        cwd=ROOT,
        env=environment,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode == 1
    assert "REGISTRY_ADMIN_PASSWORD" in refused.stderr
    assert "Traceback" not in refused.stderr
    short = subprocess.run(
        [sys.executable, "-m", "registry", "init"],
        cwd=ROOT,
        env={**environment, "REGISTRY_ADMIN_PASSWORD": "short"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert short.returncode == 1 and "at least 12 characters" in short.stderr


def test_init_gives_the_administrator_the_password_of_the_variable(
    cli, registry_of, monkeypatch
):
    # The test database's administrator was made without a password (as the
    # demo's first start does): init gives them one.
    with pytest.raises(PermissionDeniedError):
        authenticate(registry_of, "admin", "a-long-admin-password")
    monkeypatch.setenv("REGISTRY_ADMIN_PASSWORD", "a-long-admin-password")
    code, out, _ = cli("init")
    assert code == 0 and "can sign in" in out
    assert authenticate(registry_of, "admin", "a-long-admin-password")
    assert "set_password" in _actions(registry_of, "admin")
    # Run again, init leaves the password alone (and needs no variable).
    monkeypatch.delenv("REGISTRY_ADMIN_PASSWORD")
    assert cli("init")[0] == 0
    assert authenticate(registry_of, "admin", "a-long-admin-password")


def test_users_are_disabled_enabled_and_given_passwords(cli, registry_of):
    assert cli("users", "add", "can.bo", "--name", "Cán bộ", "--role", "viewer")[0] == 0
    code, out, _ = cli("users", "set-password", "can.bo", stdin="a-new-password\n")
    assert code == 0 and "changed" in out
    assert authenticate(registry_of, "can.bo", "a-new-password")
    code, out, _ = cli("users", "disable", "can.bo", "--reason", "moved away")
    assert code == 0 and "disabled" in out
    with pytest.raises(PermissionDeniedError):
        authenticate(registry_of, "can.bo", "a-new-password")
    assert "active=False" in cli("users", "list")[1]
    assert cli("users", "enable", "can.bo")[0] == 0
    assert authenticate(registry_of, "can.bo", "a-new-password")
    assert _actions(registry_of, "can.bo") == [
        "create",
        "set_password",
        "disable_user",
        "enable_user",
    ]
    code, _, err = cli("users", "set-password", "can.bo", stdin="short\n")
    assert code == 1 and "at least 8 characters" in err
    code, _, err = cli("users", "set-password", "can.bo", stdin="")
    assert code == 1 and "no password" in err


def test_roles_and_areas_are_set_and_refusals_exit_non_zero(cli, registry_of):
    cli("users", "add", "can.bo", "--name", "Cán bộ", "--role", "viewer")
    vinh = district_code(registry_of, "Vinh")
    code, out, _ = cli(
        "users",
        "set-role",
        "can.bo",
        "district",
        "--edition",
        "2025-06",
        "--area",
        vinh,
    )
    assert code == 0 and "role district" in out and "Vinh" in out
    nghi_loc = district_code(registry_of, "Nghi Lộc")
    code, out, _ = cli(
        "users", "set-area", "can.bo", "--edition", "2025-06", "--area", nghi_loc
    )
    assert code == 0 and "Nghi Lộc" in out
    code, _, err = cli("users", "set-area", "can.bo", "--area", "99999")
    assert code == 1 and "error:" in err
    code, _, err = cli("users", "disable", "admin")
    assert code == 1 and "last enabled administrator" in err
    code, _, err = cli("users", "set-role", "admin", "viewer")
    assert code == 1 and "last enabled administrator" in err
    code, _, err = cli("--as", "can.bo", "users", "disable", "admin")
    assert code == 1 and "may not" in err


def test_demo_remove_takes_the_registry_out_of_the_demo(cli, registry_of):
    assert cli("demo", "--sites", "150")[0] == 0
    assert authenticate(registry_of, "khach", "demo-2025")
    code, out, _ = cli("demo", "--remove")
    assert code == 0 and "audit log is kept" in out and "khach" in out
    with pytest.raises(PermissionDeniedError):
        authenticate(registry_of, "khach", "demo-2025")
    code, _, err = cli("demo", "--sites", "150")
    assert code == 1 and "left the demo" in err
    assert "DEMO" not in cli("stats")[1]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_init_in_a_terminal_asks_twice_and_refuses_two_different_answers(
    database_url, monkeypatch, capsys, registry_of
):
    monkeypatch.setenv("REGISTRY_DATABASE_URL", database_url)
    monkeypatch.delenv("REGISTRY_ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr(sys, "stdin", _Terminal())
    answers = iter(["typed-password-one", "typed-password-two"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    assert main(["init"]) == 1
    assert "the two passwords differ" in capsys.readouterr().err
    with pytest.raises(PermissionDeniedError):
        authenticate(registry_of, "admin", "typed-password-one")
    answers = iter(["typed-password-one", "typed-password-one"])
    assert main(["init"]) == 0
    assert authenticate(registry_of, "admin", "typed-password-one")
