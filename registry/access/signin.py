"""Signing in from the network: the password check, behind a throttle.

Failed sign-ins are counted per user name (as typed, whether or not the user
exists) and per client (the address the app was reached from) in the
``sign_in_throttle`` table, so every app process shares the counts. From the
:data:`THRESHOLD`-th failure on, the name (or client) must wait, twice as long
after each further failure (:func:`delay_after`); attempts while waiting are
refused without checking the password, with the time to try again. A success
clears the counts of its name and client; counts older than :data:`FORGET_AFTER`
start over. Every failure and every throttled attempt is audited.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from registry.access import messages as msg
from registry.access.permissions import Actor
from registry.access.users import authenticate
from registry.kernel.audit import record_audit
from registry.kernel.clock import now
from registry.kernel.db import Registry
from registry.kernel.errors import PermissionDeniedError
from registry.kernel.models import SignInThrottle

THRESHOLD = 5
FIRST_DELAY = timedelta(seconds=30)
LONGEST_DELAY = timedelta(hours=1)
FORGET_AFTER = timedelta(minutes=15)
STALE_AFTER = timedelta(days=1)
# Who the audit names for a sign-in that did not succeed: nobody is signed in yet.
ANONYMOUS = "(sign-in)"
USER, CLIENT = "user", "client"
_SUBJECT_LENGTH = 200


def delay_after(failures: int) -> timedelta:
    """How long a name or client waits after its ``failures``-th failure: nothing
    before :data:`THRESHOLD`, then 30 s, 1 min, 2 min ... up to an hour."""
    if failures < THRESHOLD:
        return timedelta(0)
    # Doublings past the longest wait change nothing (and would overflow).
    doublings = min(failures - THRESHOLD, 20)
    return min(FIRST_DELAY * 2**doublings, LONGEST_DELAY)


def _subjects(username: str, client: str) -> list[tuple[str, str]]:
    return [(USER, username[:_SUBJECT_LENGTH]), (CLIENT, client[:_SUBJECT_LENGTH])]


def _locked_until(session: Session, username: str, client: str) -> datetime | None:
    """The latest time until which the name or the client must wait, if later
    than now."""
    stamp = now()
    latest = None
    for scope, subject in _subjects(username, client):
        row = session.scalar(
            select(SignInThrottle).where(
                SignInThrottle.scope == scope, SignInThrottle.subject == subject
            )
        )
        if row is not None and row.locked_until and row.locked_until > stamp:
            latest = max(latest or row.locked_until, row.locked_until)
    return latest


def _count_failure(
    session: Session, scope: str, subject: str, stamp: datetime
) -> SignInThrottle:
    """Add one failure at ``stamp`` to a subject's count (atomically, for
    concurrent processes) and lock it when the count reaches the threshold."""
    try:
        with session.begin_nested():
            session.add(
                SignInThrottle(
                    scope=scope, subject=subject, failures=0, last_failed_at=stamp
                )
            )
    except IntegrityError:
        pass  # another process counted this subject first: add to its row
    row = session.scalar(
        select(SignInThrottle).where(
            SignInThrottle.scope == scope, SignInThrottle.subject == subject
        )
    )
    quiet_since = max(row.last_failed_at, row.locked_until or row.last_failed_at)
    if stamp - quiet_since > FORGET_AFTER:
        session.execute(
            update(SignInThrottle)
            .where(SignInThrottle.id == row.id)
            .values(failures=0, locked_until=None)
        )
    session.execute(
        update(SignInThrottle)
        .where(SignInThrottle.id == row.id)
        .values(failures=SignInThrottle.failures + 1, last_failed_at=stamp)
    )
    session.refresh(row)
    wait = delay_after(row.failures)
    if wait:
        row.locked_until = stamp + wait
    return row


def _record_failure(registry: Registry, username: str, client: str) -> datetime | None:
    """Count a failed sign-in for the name and the client and audit it; the time
    until which either must now wait (None when neither is locked)."""
    stamp = now()
    with registry.transaction() as session:
        # Counts a day old hold nothing back any more (every wait is shorter):
        # dropped, so that a spray of made-up names does not grow the table.
        session.execute(
            delete(SignInThrottle).where(
                SignInThrottle.last_failed_at < stamp - STALE_AFTER
            )
        )
        subjects = _subjects(username, client)
        rows = [_count_failure(session, *subject, stamp) for subject in subjects]
        locked = [r.locked_until for r in rows if r.locked_until]
        until = max(locked) if locked else None
        record_audit(
            session,
            ANONYMOUS,
            "throttle_sign_in" if until else "sign_in_failed",
            "user",
            username[:60],
            after={
                "client": client[:_SUBJECT_LENGTH],
                "failures": rows[0].failures,
                "client_failures": rows[1].failures,
                "locked_until": until,
            },
            reason="wrong user name or password",
        )
    return until


def _throttled(username: str, until: datetime) -> PermissionDeniedError:
    seconds = max(1, int((until - now()).total_seconds() + 0.999))
    return PermissionDeniedError(
        msg.THROTTLED,
        user=username,
        action="sign in",
        retry_at=until,
        seconds=seconds,
    )


def sign_in(registry: Registry, username: str, password: str, *, client: str) -> Actor:
    """The user, if the password is right and neither the name nor the client is
    waiting out a throttle.

    Refusals: ``access.throttled`` (with ``retry_at``, UTC, and ``seconds``) while
    the name or the client must wait, and on the failure that starts a wait;
    otherwise ``access.wrong_password``, the same for an unknown name, a disabled
    user and a wrong password.
    """
    with registry.transaction() as session:
        until = _locked_until(session, username, client)
        if until is not None:
            record_audit(
                session,
                ANONYMOUS,
                "refuse_throttled_sign_in",
                "user",
                username[:60],
                after={"client": client[:_SUBJECT_LENGTH], "locked_until": until},
                reason="sign-in attempted while throttled",
            )
    if until is not None:
        raise _throttled(username, until)
    try:
        actor = authenticate(registry, username, password)
    except PermissionDeniedError as refusal:
        until = _record_failure(registry, username, client)
        if until is not None:
            raise _throttled(username, until) from None
        raise refusal from None
    with registry.transaction() as session:
        for scope, subject in _subjects(username, client):
            row = session.scalar(
                select(SignInThrottle).where(
                    SignInThrottle.scope == scope, SignInThrottle.subject == subject
                )
            )
            if row is not None:
                session.delete(row)
    return actor
