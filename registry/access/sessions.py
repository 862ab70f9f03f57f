"""Sessions that survive a reload: a signed-in browser kept in the database.

Use cases: :func:`open_session` (after the password was checked),
:func:`claim_session` (the browser trades the one-time hand-over code for the
token its cookie carries), :func:`resume_session` (a new page load brings the
cookie's token), :func:`check_session` (a page load of a browser session already
signed in), :func:`set_session_language`, :func:`sign_out` (ends every session of
the user, in every browser) and :func:`end_user_sessions` (inside the
transaction that disables a user or leaves the demo).

Tokens and hand-over codes are 32 random bytes (``secrets``); only their SHA-256
is stored, so a copy of the database opens no session. A session ends after
``REGISTRY_SESSION_IDLE_MINUTES`` without a page load, and at the latest
:data:`LONGEST` after it was opened; a user disabled since is refused (and their
sessions ended). Only :mod:`registry.access` imports: no web framework here, the
cookie belongs to the app's server.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from registry.access import messages as msg
from registry.access.permissions import Actor
from registry.access.users import actor_of
from registry.kernel.audit import record_audit
from registry.kernel.clock import now
from registry.kernel.db import Registry
from registry.kernel.errors import (
    FieldError,
    PermissionDeniedError,
    ValidationError,
)
from registry.kernel.models import User, UserSession

# The interface languages a session may keep (the UI's own list, repeated here
# because the registry never imports the UI).
LANGUAGES = ("vi", "en")
# The longest a session lasts however active its user (a working day and more):
# also the cookie's Max-Age.
LONGEST = timedelta(hours=12)
# A page load writes its time only when the stored one is older than this: most
# page loads then write nothing (the idle time is counted to within a minute).
TOUCH_EVERY = timedelta(seconds=60)
# How long the one-time hand-over code may wait for the browser to claim it.
HANDOFF_LIFETIME = timedelta(seconds=120)
# token_urlsafe(32): 43 characters of the URL-safe base64 alphabet. Anything else
# (a hostile cookie, a formula, a script) is refused before any query.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")
_TOKEN_BYTES = 32
# Who the audit names when a session ends by itself.
SYSTEM = "(session)"


@dataclass(frozen=True)
class OpenedSession:
    """A session just opened: its id, and the one-time code the browser trades
    for its cookie (never stored, only its hash)."""

    id: int
    handoff: str


@dataclass(frozen=True)
class ResumedSession:
    """A session found valid: its id, its user as stored now, its language."""

    id: int
    actor: Actor
    language: str


def digest(token: str) -> str:
    """The SHA-256 (hex) under which a token or code is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def well_formed(token: object) -> bool:
    """Whether ``token`` has the shape of a token this module makes."""
    return isinstance(token, str) and TOKEN_SHAPE.fullmatch(token) is not None


def _check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValidationError(
            [FieldError("language", language, msg.LANGUAGE, languages=list(LANGUAGES))]
        )
    return language


def _idle_limit(registry: Registry) -> timedelta:
    return timedelta(minutes=registry.config.session_idle_minutes)


def _purge_expired(session: Session, registry: Registry, stamp: datetime) -> None:
    """Drop the sessions no one can resume any more (idle or too old), so that
    the table holds only live ones. A session whose code was never claimed (no
    cookie: the app started without its routes) lives on in its own tab, by id,
    under the same rules."""
    session.execute(
        delete(UserSession).where(
            or_(
                UserSession.last_seen_at < stamp - _idle_limit(registry),
                UserSession.created_at < stamp - LONGEST,
            )
        )
    )


def open_session(
    registry: Registry, signed_in: Actor, *, language: str
) -> OpenedSession:
    """Open a session for a user whose password was just checked.

    Returns the session's id and a one-time hand-over code, valid
    :data:`HANDOFF_LIFETIME`, that :func:`claim_session` trades for the cookie's
    token. Refused (``access.active_user_not_found``) for a user disabled or
    removed meanwhile; ``access.language`` for a language not in
    :data:`LANGUAGES`. Audited.
    """
    _check_language(language)
    handoff = secrets.token_urlsafe(_TOKEN_BYTES)
    stamp = now()
    with registry.transaction() as session:
        _purge_expired(session, registry, stamp)
        username = signed_in.username
        user = session.scalar(select(User).where(User.username == username))
        if user is None or not user.active:
            raise PermissionDeniedError(
                msg.ACTIVE_USER_NOT_FOUND,
                user=username,
                action="open a session",
                key=username,
            )
        row = UserSession(
            user_id=user.id,
            handoff_hash=digest(handoff),
            handoff_expires_at=stamp + HANDOFF_LIFETIME,
            created_at=stamp,
            last_seen_at=stamp,
            language=language,
        )
        session.add(row)
        session.flush()
        record_audit(
            session,
            user.username,
            "open_session",
            "user",
            user.username,
            after={"session": row.id, "language": language},
        )
        return OpenedSession(row.id, handoff)


def claim_session(registry: Registry, handoff: str) -> str:
    """Trade a session's one-time hand-over code for the token of its cookie.

    The code works once, within :data:`HANDOFF_LIFETIME`; the token is made here
    and only its hash kept. Refused (``access.handoff``) for any other code.
    """
    refusal = PermissionDeniedError(
        msg.HANDOFF,
        user="(browser)",
        action="claim a session",
        seconds=int(HANDOFF_LIFETIME.total_seconds()),
    )
    if not well_formed(handoff):
        raise refusal
    token = secrets.token_urlsafe(_TOKEN_BYTES)
    stamp = now()
    with registry.transaction() as session:
        row = session.scalar(
            select(UserSession).where(UserSession.handoff_hash == digest(handoff))
        )
        if row is None or row.handoff_expires_at is None:
            raise refusal
        if row.handoff_expires_at < stamp:
            raise refusal
        # Used up: the same code never sets a second cookie.
        row.handoff_hash = None
        row.handoff_expires_at = None
        row.token_hash = digest(token)
    return token


def _end(session: Session, rows: list[UserSession], actor: str, reason: str) -> int:
    """Delete sessions, with one audit entry per user."""
    by_user: dict[int, list[int]] = {}
    for row in rows:
        by_user.setdefault(row.user_id, []).append(row.id)
        session.delete(row)
    for user_id, ids in by_user.items():
        user = session.get(User, user_id)
        record_audit(
            session,
            actor,
            "end_sessions",
            "user",
            user.username if user is not None else str(user_id),
            before={"sessions": sorted(ids)},
            after={"sessions": []},
            reason=reason,
        )
    return len(rows)


def _valid(
    session: Session, registry: Registry, row: UserSession | None, stamp: datetime
) -> ResumedSession:
    """The session ``row`` as resumed now (last seen touched), or the refusal:
    ``access.session_unknown`` for no row or a disabled user (whose sessions
    end), ``access.session_expired`` for an idle or too old one (which ends)."""
    if row is None or row.token_hash is None and row.handoff_hash is None:
        raise PermissionDeniedError(
            msg.SESSION_UNKNOWN, user="(browser)", action="resume a session"
        )
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        username = user.username if user is not None else "(removed)"
        _end(session, [row], SYSTEM, "the user is disabled")
        raise PermissionDeniedError(
            msg.SESSION_UNKNOWN, user=username, action="resume a session"
        )
    if (
        stamp - row.last_seen_at > _idle_limit(registry)
        or stamp - row.created_at > LONGEST
    ):
        _end(session, [row], SYSTEM, "idle for longer than the idle time")
        raise PermissionDeniedError(
            msg.SESSION_EXPIRED,
            user=user.username,
            action="resume a session",
            minutes=registry.config.session_idle_minutes,
        )
    if stamp - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = stamp
    return ResumedSession(row.id, actor_of(session, user), row.language)


def _checked(registry: Registry, find) -> ResumedSession:
    """Run :func:`_valid` on the row ``find(session)`` returns; an ended session
    stays ended even though the call is refused."""
    stamp = now()
    refusal = None
    with registry.transaction() as session:
        try:
            return _valid(session, registry, find(session), stamp)
        except PermissionDeniedError as error:
            refusal = error  # committed: the ended session's deletion and audit
    raise refusal


def resume_session(registry: Registry, token: str) -> ResumedSession:
    """The session a cookie's token belongs to, its last page load now.

    Refusals: ``access.session_unknown`` for a malformed, forged or ended token
    (or a user disabled since); ``access.session_expired`` after the idle time
    or :data:`LONGEST` (the session then ends).
    """
    if not well_formed(token):
        raise PermissionDeniedError(
            msg.SESSION_UNKNOWN, user="(browser)", action="resume a session"
        )
    hashed = digest(token)
    return _checked(
        registry,
        lambda session: session.scalar(
            select(UserSession).where(UserSession.token_hash == hashed)
        ),
    )


def check_session(registry: Registry, session_id: int) -> ResumedSession:
    """The session of a browser already signed in (by id), its last page load
    now; the same refusals as :func:`resume_session` (signed out elsewhere,
    disabled, idle)."""
    return _checked(registry, lambda session: session.get(UserSession, session_id))


def set_session_language(registry: Registry, session_id: int, language: str) -> bool:
    """Keep the interface language a session's user chose (restored on resume).

    False when the session no longer exists; ``access.language`` for a language
    not in :data:`LANGUAGES`.
    """
    _check_language(language)
    with registry.transaction() as session:
        row = session.get(UserSession, session_id)
        if row is None:
            return False
        row.language = language
        return True


def sign_out(registry: Registry, session_id: int) -> int:
    """Sign the session's user out everywhere: every session of theirs ends (this
    browser's, other browsers', other tabs'). Returns how many ended (0 when the
    session had already ended). Audited."""
    with registry.transaction() as session:
        row = session.get(UserSession, session_id)
        if row is None:
            return 0
        user = session.get(User, row.user_id)
        rows = session.scalars(
            select(UserSession).where(UserSession.user_id == row.user_id)
        ).all()
        actor = user.username if user is not None else SYSTEM
        return _end(session, list(rows), actor, "signed out")


def end_user_sessions(
    session: Session, username: str, actor_name: str, reason: str
) -> int:
    """End every session of ``username`` inside the caller's transaction (a user
    disabled, the demo left). Returns how many ended; audited when any did."""
    rows = session.scalars(
        select(UserSession)
        .join(User, User.id == UserSession.user_id)
        .where(User.username == username)
    ).all()
    if not rows:
        return 0
    return _end(session, list(rows), actor_name, reason)


def open_sessions(registry: Registry, username: str) -> int:
    """How many sessions of ``username`` are open (claimed or waiting for it)."""
    with registry.reading() as session:
        return len(
            session.scalars(
                select(UserSession.id)
                .join(User, User.id == UserSession.user_id)
                .where(User.username == username)
            ).all()
        )
