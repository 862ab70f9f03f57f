"""The cost of password hashes is a setting; strong registries upgrade weak hashes."""

from __future__ import annotations

import json
from contextlib import contextmanager

import pytest
from argon2 import extract_parameters
from sqlalchemy import select

from registry.access.users import authenticate, create_user
from registry.kernel.db import open_registry
from registry.kernel.errors import ConfigurationError, PermissionDeniedError
from registry.kernel.models import AuditEntry, User
from registry.kernel.settings import (
    INSECURE_TEST_HASHING,
    PASSWORD_HASHING,
    STRONG_HASHING,
    load_config,
)

STRONG = PASSWORD_HASHING[STRONG_HASHING]
CHEAP = PASSWORD_HASHING[INSECURE_TEST_HASHING]


def _stored(registry, username: str) -> tuple[int, int, int]:
    with registry.reading() as session:
        stored = session.scalar(
            select(User.password_hash).where(User.username == username)
        )
    parameters = extract_parameters(stored)
    return parameters.time_cost, parameters.memory_cost, parameters.parallelism


def _rehash_entries(registry, username: str) -> list[AuditEntry]:
    with registry.reading() as session:
        return list(
            session.scalars(
                select(AuditEntry).where(
                    AuditEntry.entity_type == "user",
                    AuditEntry.entity_id == username,
                    AuditEntry.action == "rehash_password",
                )
            )
        )


def _create_guest(registry, admin) -> None:
    """A viewer "khach" with the password "secret-pass"."""
    create_user(
        registry,
        admin,
        username="khach",
        display_name="Khách",
        role="viewer",
        password="secret-pass",
    )


@contextmanager
def _strong_registry(database_url: str):
    """The same database opened with production's hashing cost."""
    strong = open_registry(
        load_config(
            {
                "REGISTRY_DATABASE_URL": database_url,
                "REGISTRY_PASSWORD_HASHING": STRONG_HASHING,
            }
        )
    )
    try:
        yield strong
    finally:
        strong.engine.dispose()


def test_production_hashes_strongly_unless_configured_otherwise():
    assert load_config({}).password_hashing == STRONG_HASHING
    assert STRONG == (3, 65536, 4)  # RFC 9106, low-memory profile
    assert (
        load_config({"REGISTRY_PASSWORD_HASHING": INSECURE_TEST_HASHING})
    ).password_hashing == INSECURE_TEST_HASHING
    with pytest.raises(ConfigurationError, match="REGISTRY_PASSWORD_HASHING"):
        load_config({"REGISTRY_PASSWORD_HASHING": "fast"})


def test_a_strong_registry_stores_strong_hashes(registry, admin, database_url):
    with _strong_registry(database_url) as strong:
        _create_guest(strong, admin)
        assert _stored(strong, "khach") == STRONG
        assert authenticate(strong, "khach", "secret-pass").username == "khach"
        assert _rehash_entries(strong, "khach") == []


def test_the_test_registry_hashes_cheaply_and_never_rehashes(registry, admin):
    assert registry.config.password_hashing == INSECURE_TEST_HASHING
    _create_guest(registry, admin)
    assert _stored(registry, "khach") == CHEAP
    authenticate(registry, "khach", "secret-pass")
    assert _stored(registry, "khach") == CHEAP
    assert _rehash_entries(registry, "khach") == []


def test_a_strong_registry_rehashes_a_weak_hash_at_sign_in_and_audits_it(
    registry, admin, database_url
):
    _create_guest(registry, admin)
    assert _stored(registry, "khach") == CHEAP
    with _strong_registry(database_url) as strong:
        with pytest.raises(PermissionDeniedError):
            authenticate(strong, "khach", "wrong-pass")
        assert _stored(strong, "khach") == CHEAP  # a wrong password changes nothing

        assert authenticate(strong, "khach", "secret-pass").username == "khach"
        assert _stored(strong, "khach") == STRONG
        (entry,) = _rehash_entries(strong, "khach")
        assert entry.actor == "khach"
        assert json.loads(entry.before) == {
            "time_cost": CHEAP[0],
            "memory_cost_kib": CHEAP[1],
            "parallelism": CHEAP[2],
        }
        assert json.loads(entry.after) == {
            "time_cost": STRONG[0],
            "memory_cost_kib": STRONG[1],
            "parallelism": STRONG[2],
        }
        assert "argon2" not in (entry.before + entry.after)  # never the hash itself

        # Signed in again, the strong hash stays as it is: one upgrade, one entry.
        authenticate(strong, "khach", "secret-pass")
        assert len(_rehash_entries(strong, "khach")) == 1
        # The same password still opens the test registry's view of the user.
        assert authenticate(registry, "khach", "secret-pass").username == "khach"
