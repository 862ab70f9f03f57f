"""Four eyes on every permit: nobody verifies an application they filed, and
nobody decides (approves or refuses) one they filed or verified, whatever their
role (as nobody reviews an inspection they recorded).

:func:`four_eyes_problem` says which rule withholds a step from a user (the page
explains it instead of offering the form); :func:`require_four_eyes` refuses.
"""

from __future__ import annotations

from collections.abc import Iterable

from registry.access.permissions import Actor
from registry.kernel.errors import ConflictError, Message
from registry.kernel.models import PermitApplication, PermitStep
from registry.permits import messages as msg
from registry.permits.vocabulary import StepKind, StepOutcome


def verifiers(steps: Iterable[PermitStep]) -> set[str]:
    """The users who verified the application (a finished verification step)."""
    return {
        s.acted_by
        for s in steps
        if s.kind == StepKind.VERIFY
        and s.outcome == StepOutcome.VERIFIED
        and s.acted_by
    }


def four_eyes_problem(
    actor: Actor,
    application: PermitApplication,
    step_kind: str,
    verified_by: set[str],
) -> Message | None:
    """Why ``actor`` may not take a step of ``step_kind`` on the application, or
    None: they filed it, or (to decide) they verified it."""
    if application.filed_by == actor.username:
        return msg.OWN_FILING
    if step_kind == StepKind.DECIDE and actor.username in verified_by:
        return msg.OWN_VERIFICATION
    return None


def require_four_eyes(
    actor: Actor,
    application: PermitApplication,
    step_kind: str,
    steps: Iterable[PermitStep],
) -> None:
    """Refuse a verification by the filer, a decision by the filer or a verifier."""
    problem = four_eyes_problem(actor, application, step_kind, verifiers(steps))
    if problem is None:
        return
    doing = "decides" if step_kind == StepKind.DECIDE else "verifies"
    raise ConflictError(
        problem,
        id=application.id,
        user=actor.username,
        doing=doing,
        step=str(step_kind),
    )
