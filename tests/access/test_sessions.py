"""Sessions kept in the database, on both databases: open, claim, resume, check,
language, sign-out everywhere, idleness, disabled users and the demo left."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from registry.access import messages as msg
from registry.access import sessions
from registry.access.accounts import disable_user
from registry.access.sessions import (
    LONGEST,
    check_session,
    claim_session,
    digest,
    open_session,
    open_sessions,
    resume_session,
    set_session_language,
    sign_out,
)
from registry.access.users import create_user
from registry.kernel.clock import now
from registry.kernel.errors import PermissionDeniedError, ValidationError
from registry.kernel.models import AuditEntry, UserSession


@pytest.fixture
def clock(monkeypatch):
    """The sessions' clock, moved forward by the test (``clock.advance(s)``)."""

    class Clock:
        offset = timedelta(0)

        def advance(self, seconds: float) -> None:
            self.offset += timedelta(seconds=seconds)

    moved = Clock()
    monkeypatch.setattr(sessions, "now", lambda: now() + moved.offset)
    return moved


def _user(registry, admin, username="khach"):
    return create_user(
        registry,
        admin,
        username=username,
        display_name="Khách",
        role="viewer",
        password="secret-pass",
    )


def _signed_in(registry, actor, language="vi"):
    opened = open_session(registry, actor, language=language)
    return opened, claim_session(registry, opened.handoff)


def _code(refused) -> str:
    return refused.value.code


def test_a_claimed_token_resumes_the_session_with_its_user_and_language(
    registry, admin
):
    guest = _user(registry, admin)
    opened, token = _signed_in(registry, guest, language="en")
    resumed = resume_session(registry, token)
    assert resumed.id == opened.id
    assert resumed.actor.username == "khach"
    assert resumed.language == "en"
    assert check_session(registry, opened.id).actor.username == "khach"


def test_only_hashes_are_stored(registry, admin):
    guest = _user(registry, admin)
    opened, token = _signed_in(registry, guest)
    with registry.reading() as session:
        row = session.get(UserSession, opened.id)
        stored = (row.token_hash, row.handoff_hash)
    assert stored == (digest(token), None)
    assert token not in stored and opened.handoff not in stored


def test_the_handoff_code_works_once_and_not_after_its_lifetime(registry, admin, clock):
    guest = _user(registry, admin)
    opened = open_session(registry, guest, language="vi")
    claim_session(registry, opened.handoff)
    with pytest.raises(PermissionDeniedError) as refused:
        claim_session(registry, opened.handoff)
    assert _code(refused) == msg.HANDOFF.code
    late = open_session(registry, guest, language="vi")
    clock.advance(sessions.HANDOFF_LIFETIME.total_seconds() + 1)
    with pytest.raises(PermissionDeniedError) as refused:
        claim_session(registry, late.handoff)
    assert _code(refused) == msg.HANDOFF.code


def test_a_session_ends_after_the_idle_time_and_activity_keeps_it(
    registry, admin, clock
):
    guest = _user(registry, admin)
    _, token = _signed_in(registry, guest)
    idle = registry.config.session_idle_minutes * 60
    for _ in range(3):  # each page load within the idle time keeps it open
        clock.advance(idle - 5)
        resume_session(registry, token)
    clock.advance(idle + 1)
    with pytest.raises(PermissionDeniedError) as refused:
        resume_session(registry, token)
    assert _code(refused) == msg.SESSION_EXPIRED.code
    assert refused.value.context["minutes"] == registry.config.session_idle_minutes
    # Ended: the same token is now unknown.
    with pytest.raises(PermissionDeniedError) as refused:
        resume_session(registry, token)
    assert _code(refused) == msg.SESSION_UNKNOWN.code
    assert open_sessions(registry, "khach") == 0


def test_a_session_ends_at_the_longest_lifetime_however_active(registry, admin, clock):
    guest = _user(registry, admin)
    opened, _ = _signed_in(registry, guest)
    step = registry.config.session_idle_minutes * 60 - 5
    while clock.offset + timedelta(seconds=step) <= LONGEST:
        clock.advance(step)
        check_session(registry, opened.id)
    clock.advance(step)
    with pytest.raises(PermissionDeniedError) as refused:
        check_session(registry, opened.id)
    assert _code(refused) == msg.SESSION_EXPIRED.code


def test_the_language_is_kept_and_checked(registry, admin):
    guest = _user(registry, admin)
    opened, token = _signed_in(registry, guest)
    assert set_session_language(registry, opened.id, "en") is True
    assert resume_session(registry, token).language == "en"
    with pytest.raises(ValidationError):
        set_session_language(registry, opened.id, "fr")
    with pytest.raises(ValidationError):
        open_session(registry, guest, language="<script>")
    assert set_session_language(registry, opened.id + 1000, "vi") is False


def test_sign_out_ends_every_session_of_the_user_only(registry, admin):
    guest = _user(registry, admin)
    other = _user(registry, admin, "khach.hai")
    first, first_token = _signed_in(registry, guest)
    _, second_token = _signed_in(registry, guest)
    _, other_token = _signed_in(registry, other)
    assert sign_out(registry, first.id) == 2
    for token in (first_token, second_token):
        with pytest.raises(PermissionDeniedError) as refused:
            resume_session(registry, token)
        assert _code(refused) == msg.SESSION_UNKNOWN.code
    assert resume_session(registry, other_token).actor.username == "khach.hai"
    assert sign_out(registry, first.id) == 0
    with registry.reading() as session:
        entry = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "end_sessions")
            .order_by(AuditEntry.id.desc())
        ).first()
    assert (entry.actor, entry.entity_id, entry.reason) == (
        "khach",
        "khach",
        "signed out",
    )


def test_disabling_a_user_ends_their_sessions(registry, admin):
    guest = _user(registry, admin)
    opened, token = _signed_in(registry, guest)
    disable_user(registry, admin, "khach")
    assert open_sessions(registry, "khach") == 0
    with pytest.raises(PermissionDeniedError) as refused:
        resume_session(registry, token)
    assert _code(refused) == msg.SESSION_UNKNOWN.code
    with pytest.raises(PermissionDeniedError):
        check_session(registry, opened.id)
    with pytest.raises(PermissionDeniedError) as refused:
        open_session(registry, guest, language="vi")
    assert _code(refused) == msg.ACTIVE_USER_NOT_FOUND.code


def test_a_user_disabled_behind_the_services_back_is_refused(registry, admin):
    """Even a user made inactive without the use case (a script, an old process)
    does not resume: the check reads the user's state on every page load."""
    from registry.kernel.models import User

    guest = _user(registry, admin)
    _, token = _signed_in(registry, guest)
    with registry.transaction() as session:
        session.scalar(select(User).where(User.username == "khach")).active = False
    with pytest.raises(PermissionDeniedError) as refused:
        resume_session(registry, token)
    assert _code(refused) == msg.SESSION_UNKNOWN.code
    assert open_sessions(registry, "khach") == 0


def test_leaving_the_demo_ends_the_demo_accounts_sessions(registry, admin):
    from registry.access.demo_accounts import leave_demo

    demo = create_user(
        registry,
        admin,
        username="demo.khach",
        display_name="Khách mẫu",
        role="viewer",
        password="secret-pass",
        demo_account=True,
    )
    _, token = _signed_in(registry, demo)
    _, admin_token = _signed_in(registry, admin)
    with registry.transaction() as session:
        assert leave_demo(session, "admin", "test") == ["demo.khach"]
    with pytest.raises(PermissionDeniedError):
        resume_session(registry, token)
    assert resume_session(registry, admin_token).actor.username == "admin"


def test_expired_sessions_are_purged(registry, admin, clock):
    guest = _user(registry, admin)
    _signed_in(registry, guest)
    open_session(registry, guest, language="vi")  # never claimed
    assert open_sessions(registry, "khach") == 2
    clock.advance(registry.config.session_idle_minutes * 60 + 1)
    open_session(registry, admin, language="vi")
    assert open_sessions(registry, "khach") == 0


def test_a_session_never_claimed_lives_on_by_id_in_its_tab(registry, admin, clock):
    """Without the cookie routes the code is never claimed: the tab that signed
    in keeps its session (by id) past the code's lifetime, while active."""
    guest = _user(registry, admin)
    unclaimed = open_session(registry, guest, language="vi")
    clock.advance(sessions.HANDOFF_LIFETIME.total_seconds() + 1)
    open_session(registry, admin, language="vi")  # purges what has expired
    assert check_session(registry, unclaimed.id).actor.username == "khach"
    with pytest.raises(PermissionDeniedError):
        claim_session(registry, unclaimed.handoff)


def test_page_loads_within_a_minute_write_nothing(registry, admin, clock):
    guest = _user(registry, admin)
    opened, token = _signed_in(registry, guest)

    def last_seen():
        with registry.reading() as session:
            return session.get(UserSession, opened.id).last_seen_at

    first = last_seen()
    clock.advance(30)
    resume_session(registry, token)
    assert last_seen() == first
    clock.advance(31)
    resume_session(registry, token)
    assert last_seen() > first
