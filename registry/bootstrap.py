"""Starting the registry: schema, admin units, the administrator account, the demo.

Use cases: :func:`initialise` (first start, safe to repeat; ``init`` gives the
administrator a password), :func:`start_registry` (what the app does when it
starts: the demo on an empty database, unless the registry has left the demo).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from registry.access.accounts import set_password
from registry.access.users import (
    ADMIN_PASSWORD_MIN,
    check_password,
    create_user,
    find_actor,
)
from registry.demo.load import load_demo
from registry.kernel import messages as kernel_msg
from registry.kernel.dataset import PROVINCE_KEY, has_left_demo
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


def admin_needs_password(registry: Registry) -> bool:
    """True while the administrator the command line acts as has no password
    (not created yet, or created by the app's first start for the demo)."""
    with registry.reading() as session:
        stored = session.scalar(
            select(User.password_hash).where(
                User.username == registry.config.admin_user
            )
        )
    return not stored


def initialise(registry: Registry, admin_password: str | None = None) -> InitReport:
    """Make the database ready: units with approximate polygons and the admin user.

    ``admin_password`` (at least ``ADMIN_PASSWORD_MIN`` characters) is given to
    the administrator when they have none yet; without it the administrator can
    act from the command line but not sign in (the demo's first start). Safe to
    run again; a database made for another province is refused.
    """
    if admin_password is not None:
        check_password(admin_password, ADMIN_PASSWORD_MIN)
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
            password=admin_password,
            password_min=ADMIN_PASSWORD_MIN,
        )
        created = True
    elif admin_password is not None and admin_needs_password(registry):
        admin = find_actor(registry, registry.config.admin_user)
        set_password(
            registry,
            admin,
            admin.username,
            admin_password,
            minimum=ADMIN_PASSWORD_MIN,
            reason="init: the administrator's first password",
        )
    return InitReport(stored, created)


def start_registry(config: Config) -> Registry:
    """Open the configured database, ready to serve.

    On the first start of an empty database (and when the setting allows it) the
    labelled demo data set is generated, so a newcomer sees a working province;
    never in a registry that has left the demo (emptied by the demo's removal).
    """
    registry = open_registry(config)
    initialise(registry)
    if config.demo_on_first_start and not has_left_demo(registry):
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
