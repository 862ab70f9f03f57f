"""An application acts only on what its filer owns.

An operator files changes, relocations, decommissionings and transfers for the
sites of its own network, judged by the site as it is stored now, never by what
the application proposes; when an approved application takes effect, the site
must still belong to the network that filed it. A site's network changes only
through a transfer, which the receiving operator signs
(:mod:`registry.permits.transfers`).
"""

from __future__ import annotations

from registry.access.permissions import Actor
from registry.kernel.errors import ConflictError, PermissionDeniedError
from registry.kernel.models import BtsSite, PermitApplication
from registry.kernel.vocabulary import Role
from registry.permits import messages as msg


def require_owner(actor: Actor, site: BtsSite, action: str) -> None:
    """Refuse an operator whose network does not own ``site`` now."""
    if actor.role == Role.OPERATOR and site.network_code != actor.network_code:
        raise PermissionDeniedError(
            msg.NOT_OWNER,
            user=actor.username,
            action=action,
            id=site.id,
            own=actor.network_code,
        )


def require_still_owned(site: BtsSite, application: PermitApplication) -> None:
    """Refuse to let an approval act on a site that no longer belongs to the
    network that filed the application."""
    if application.network_code is not None and (
        site.network_code != application.network_code
    ):
        raise ConflictError(
            msg.OWNER_CHANGED,
            id=site.id,
            network=application.network_code,
            application=application.id,
        )
