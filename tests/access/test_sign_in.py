"""Signing in behind the throttle, on both databases: counts per name and per
client kept in the database, a growing wait, the audit of failures and waits."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from registry.access import messages as msg
from registry.access import signin
from registry.access.signin import THRESHOLD, delay_after, sign_in
from registry.access.users import create_user
from registry.kernel.clock import now
from registry.kernel.errors import PermissionDeniedError
from registry.kernel.models import AuditEntry, SignInThrottle


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, moved forward by the test (``clock.advance(s)``)."""

    class Clock:
        offset = timedelta(0)

        def advance(self, seconds: float) -> None:
            self.offset += timedelta(seconds=seconds)

    moved = Clock()
    monkeypatch.setattr(signin, "now", lambda: now() + moved.offset)
    return moved


@pytest.fixture
def guest(registry, admin):
    create_user(
        registry,
        admin,
        username="khach",
        display_name="Khách",
        role="viewer",
        password="secret-pass",
    )
    return "khach"


def _refusal(registry, username, password, client="address:10.0.0.1"):
    with pytest.raises(PermissionDeniedError) as refused:
        sign_in(registry, username, password, client=client)
    return refused.value


def _actions(registry, username) -> list[str]:
    with registry.reading() as session:
        return list(
            session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.entity_id == username)
                .order_by(AuditEntry.id)
            )
        )


def test_the_wait_grows_after_the_threshold_and_is_capped():
    assert [delay_after(n).total_seconds() for n in range(1, 9)] == [
        0,
        0,
        0,
        0,
        30,
        60,
        120,
        240,
    ]
    assert delay_after(100) == timedelta(hours=1)


def test_five_failures_throttle_the_name_and_the_refusal_says_when(
    registry, guest, clock
):
    for _ in range(THRESHOLD - 1):
        assert _refusal(registry, guest, "wrong").code == msg.WRONG_PASSWORD.code
    fifth = _refusal(registry, guest, "wrong")
    assert fifth.code == msg.THROTTLED.code
    assert fifth.context["seconds"] == 30
    # Even the right password waits, from another client too (the name is locked).
    during = _refusal(registry, guest, "secret-pass", client="address:10.9.9.9")
    assert during.code == msg.THROTTLED.code
    assert during.context["retry_at"] == fifth.context["retry_at"]
    assert "try again after" in str(during)

    clock.advance(31)
    sixth = _refusal(registry, guest, "wrong")
    assert (sixth.code, sixth.context["seconds"]) == (msg.THROTTLED.code, 60)
    clock.advance(61)
    assert sign_in(registry, guest, "secret-pass", client="address:10.0.0.1")
    with registry.reading() as session:  # a success clears the name and the client
        assert not session.scalars(select(SignInThrottle)).all()
    actions = _actions(registry, guest)
    assert actions.count("sign_in_failed") == THRESHOLD - 1
    assert actions.count("throttle_sign_in") == 2
    assert actions.count("refuse_throttled_sign_in") == 1


def test_an_unknown_name_is_throttled_like_a_real_one(registry, clock):
    for _ in range(THRESHOLD - 1):
        assert _refusal(registry, "nobody", "x").code == msg.WRONG_PASSWORD.code
    assert _refusal(registry, "nobody", "x").code == msg.THROTTLED.code


def test_one_client_guessing_many_names_is_throttled(registry, guest, clock):
    for number in range(THRESHOLD):
        _refusal(registry, f"name{number}", "guess", client="address:203.0.113.9")
    refused = _refusal(registry, guest, "secret-pass", client="address:203.0.113.9")
    assert refused.code == msg.THROTTLED.code
    # The same name from another client is not held back by that client.
    assert sign_in(registry, guest, "secret-pass", client="address:198.51.100.1")


def test_failures_long_ago_are_forgotten(registry, guest, clock):
    for _ in range(THRESHOLD - 1):
        _refusal(registry, guest, "wrong")
    clock.advance(16 * 60)
    assert _refusal(registry, guest, "wrong").code == msg.WRONG_PASSWORD.code
    with registry.reading() as session:
        row = session.scalar(
            select(SignInThrottle).where(SignInThrottle.subject == guest)
        )
    assert row.failures == 1


def test_the_audit_names_the_client_and_the_counts(registry, guest, clock):
    _refusal(registry, guest, "wrong", client="address:192.0.2.7")
    with registry.reading() as session:
        entry = session.scalar(
            select(AuditEntry).where(AuditEntry.action == "sign_in_failed")
        )
    assert entry.entity_id == guest
    after = json.loads(entry.after)
    assert after["client"] == "address:192.0.2.7"
    assert (after["failures"], after["client_failures"]) == (1, 1)
    assert "wrong" not in entry.after  # never the password typed


def test_a_very_long_name_and_client_are_counted_without_error(registry, clock):
    refused = _refusal(registry, "x" * 5000, "y", client="address:" + "9" * 5000)
    assert refused.code == msg.WRONG_PASSWORD.code


def test_counts_a_day_old_are_dropped_at_the_next_failure(registry, clock):
    for number in range(3):
        _refusal(registry, f"made.up.{number}", "x", client=f"address:10.2.0.{number}")
    clock.advance(25 * 3600)
    _refusal(registry, "fresh.name", "x", client="address:10.3.0.1")
    with registry.reading() as session:
        subjects = set(session.scalars(select(SignInThrottle.subject)))
    assert subjects == {"fresh.name", "address:10.3.0.1"}
