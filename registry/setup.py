"""First start: schema, admin units of every edition, the administrator account."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from registry.clusters import seed_default_cluster
from registry.db import Registry
from registry.delegation_versions import install_presets
from registry.errors import ConfigurationError
from registry.models import DatasetInfo, User
from registry.units import install_admin_units
from registry.users import create_user

PROVINCE_KEY = "province_code"
DEMO_KEY = "demo_data"


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
                f"The database holds province {stored_code.value}, but "
                f"REGISTRY_PROVINCE_CODE is {code}; use another database"
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


def is_demo(registry: Registry) -> bool:
    """True while the stored data set is the generated demo."""
    with registry.reading() as session:
        info = session.get(DatasetInfo, DEMO_KEY)
    return info is not None and info.value == "true"
