"""Starting the registry: schema, admin units, the administrator account, the demo.

Use cases: :func:`initialise` (first start, safe to repeat), :func:`start_registry`
(what the app does when it starts).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from registry.access.users import create_user, find_actor
from registry.demo.load import load_demo
from registry.kernel import messages as kernel_msg
from registry.kernel.dataset import PROVINCE_KEY
from registry.kernel.db import Registry, open_registry
from registry.kernel.errors import ConfigurationError
from registry.kernel.models import BtsSite, DatasetInfo, PublicPoint, User
from registry.kernel.settings import Config
from registry.permits.matrix_versions import install_presets
from registry.units.clusters import seed_default_cluster
from registry.units.divisions import install_admin_units


@dataclass(frozen=True)
class InitReport:
    """What ``initialise`` stored (zero counts when it was already done)."""

    units_stored: dict[str, int]
    admin_created: bool


def initialise(registry: Registry) -> InitReport:
    """Make the database ready: units with approximate polygons and the admin user.

    Safe to run again; a database made for another province is refused.
    """
    code = registry.config.province_code
    with registry.transaction() as session:
        stored_code = session.get(DatasetInfo, PROVINCE_KEY)
        if stored_code is not None and stored_code.value != code:
            raise ConfigurationError(
                kernel_msg.OTHER_PROVINCE, stored=stored_code.value, code=code
            )
        if stored_code is None:
            session.add(DatasetInfo(key=PROVINCE_KEY, value=code))
        stored = install_admin_units(session, code)
        seed_default_cluster(session, code, registry.config.admin_user)
        install_presets(session, registry.config.admin_user)
        has_admin = session.scalar(
            select(User.id).where(User.username == registry.config.admin_user)
        )
    created = False
    if not has_admin:
        create_user(
            registry,
            None,
            username=registry.config.admin_user,
            display_name="Quản trị hệ thống (dòng lệnh)",
            role="admin",
        )
        created = True
    return InitReport(stored, created)


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
