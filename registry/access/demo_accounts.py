"""Leaving the demo: the demo accounts, whose shared password is public, are
disabled for good and the registry records that it is no longer a demo.

:func:`leave_demo` runs inside the transaction of the use case that makes the
registry real (the first import of records, the removal of the demo data set), so
the records and the accounts change together or not at all.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.access.sessions import end_user_sessions
from registry.kernel.audit import record_audit
from registry.kernel.clock import now
from registry.kernel.dataset import DEMO_KEY, DEMO_LEFT_AT_KEY, IN_DEMO, LEFT_DEMO
from registry.kernel.models import DatasetInfo, User


def in_demo(session: Session) -> bool:
    """True while the stored data set is the generated demo (in ``session``)."""
    info = session.get(DatasetInfo, DEMO_KEY)
    return info is not None and info.value == IN_DEMO


def leave_demo(session: Session, actor_name: str, reason: str) -> list[str]:
    """Mark the registry as out of the demo and disable every enabled demo account.

    Audited (one entry for the registry, one per account). Returns the names of the
    accounts disabled; safe to call again (nothing left to do, nothing audited).
    """
    info = session.get(DatasetInfo, DEMO_KEY)
    was = info.value if info is not None else None
    accounts = session.scalars(
        select(User).where(User.demo_account, User.active).order_by(User.username)
    ).all()
    if was == LEFT_DEMO and not accounts:
        return []
    stamp = now()
    session.merge(DatasetInfo(key=DEMO_KEY, value=LEFT_DEMO))
    session.merge(DatasetInfo(key=DEMO_LEFT_AT_KEY, value=stamp.isoformat()))
    for user in accounts:
        user.active = False
        # The shared password is public: no browser stays signed in as the account.
        end_user_sessions(session, user.username, actor_name, "demo account disabled")
        record_audit(
            session,
            actor_name,
            "disable_user",
            "user",
            user.username,
            before={"active": True},
            after={"active": False},
            reason=f"demo account; the registry left the demo ({reason})",
        )
    record_audit(
        session,
        actor_name,
        "leave_demo",
        "dataset",
        DEMO_KEY,
        before={"demo_data": was},
        after={
            "demo_data": LEFT_DEMO,
            "disabled_accounts": [u.username for u in accounts],
        },
        reason=reason,
    )
    return [u.username for u in accounts]
