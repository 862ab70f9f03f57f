"""What the app does when it starts: migrate, store units, load the demo once."""

from __future__ import annotations

from sqlalchemy import func, select

from registry.db import Registry, open_registry
from registry.demo import load_demo
from registry.models import BtsSite, PublicPoint
from registry.settings import Config
from registry.setup import initialise
from registry.users import find_actor


def start_registry(config: Config) -> Registry:
    """Open the configured database, ready to serve.

    On the first start of an empty database (and when the setting allows it) the
    labelled demo data set is generated, so a newcomer sees a working province.
    """
    registry = open_registry(config)
    initialise(registry)
    if config.demo_on_first_start:
        with registry.reading() as session:
            empty = not session.scalar(select(func.count()).select_from(BtsSite)) and (
                not session.scalar(select(func.count()).select_from(PublicPoint))
            )
        if empty:
            load_demo(
                registry,
                find_actor(registry, config.admin_user),
                sites=config.demo_sites,
            )
    return registry
