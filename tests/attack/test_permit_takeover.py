"""Taking over another operator's site through a permit application, on SQLite and
PostgreSQL.

Reported: an operator filed ``bts_change`` on a competitor's site with
``network_code`` set to its own, and the approved application moved the site to
its network. Here every operator tries every kind of change on every other
network's site (with and without naming its own network), a change that names
another network on its own site, an approval after the site changed hands, an
application stored before the check, a transfer nobody (or the wrong operator)
signed; and reads what a filing tells about other operators' sites and open
applications. Refused is counted when the registry says no with a code, hidden
when a finding is shown without what the reader may not see; leaked when anything
is written, moved, or named that the attacker may not read.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import update

from registry.kernel.models import PermitApplication
from registry.permits.filing import file_application
from registry.permits.queries import get_application, list_applications
from registry.permits.steps import approve_application, verify_application
from registry.permits.transfers import consent_to_transfer
from registry.records.by_kind import POINTS, SITES
from tests.attack import tally
from tests.factories import commune_centroid, point_values
from tests.permits.support import (
    TWO_LEVEL_DAY,
    add_user,
    file_on,
    new_site,
    on_air_site,
    people_world,
    refusal_of,
)

MEASURE = "permit takeovers"


@pytest.fixture
def world(open_world):
    registry, people = people_world(open_world)
    vinaphone = add_user(registry, people.admin, "vinaphone", "operator", network="02")
    return registry, people, vinaphone


def _kinds(registry, own: str) -> dict[str, dict]:
    lat, lon, _ = commune_centroid(registry, "Hưng Bình")
    return {
        "change naming own network": ("bts_change", {"network_code": own}),
        "change of name": ("bts_change", {"name": "Trạm đã chiếm"}),
        "change of structure": ("bts_change", {"structure_height_m": 55}),
        "relocation": ("bts_relocation", {"latitude": lat, "longitude": lon}),
        "decommissioning": ("bts_decommission", {}),
        "transfer to itself": ("bts_transfer", {"network_code": own}),
    }


def test_no_operator_files_anything_on_another_networks_site(world):
    registry, people, vinaphone = world
    admin = people.admin
    operators = {"04": people.viettel, "01": people.mobifone, "02": vinaphone}
    sites = {
        network: on_air_site(registry, admin, network, f"SITE-{network}")
        for network in operators
    }
    tried = refused = leaked = 0
    for attacker_network, attacker in operators.items():
        for victim_network, site in sites.items():
            if victim_network == attacker_network:
                continue
            for name, (kind, values) in _kinds(registry, attacker_network).items():
                tried += 1
                error = refusal_of(
                    lambda a=attacker, k=kind, v=values, s=site: file_application(
                        registry, a, k, site_id=s, values=dict(v)
                    )
                )
                if error is not None and error.code == "permits.not_owner":
                    refused += 1
                else:
                    leaked += 1
                    print("accepted or wrongly refused:", attacker_network, name, error)
    for network, site in sites.items():
        if SITES.get(registry, admin, site)["network_code"] != network:
            leaked += 1
    if list_applications(registry, admin):
        leaked += 1
    tally.record(MEASURE, tried=tried, refused=refused, leaked=leaked)
    assert tried == 36 and leaked == 0


def test_a_change_never_names_another_network_even_for_the_department(world):
    registry, people, _ = world
    own = on_air_site(registry, people.admin, "04", "VT-SELF")
    tried = refused = leaked = 0
    for actor in (people.viettel, people.department, people.admin):
        for network in ("01", "02", "4", " 01 "):
            tried += 1
            error = refusal_of(
                lambda actor=actor, network=network: file_application(
                    registry,
                    actor,
                    "bts_change",
                    site_id=own,
                    values={"network_code": network, "name": "x"},
                )
            )
            codes = [e.code for e in getattr(error, "errors", [])] if error else []
            if "permits.network_by_transfer" in codes:
                refused += 1
            else:
                leaked += 1
    if SITES.get(registry, people.admin, own)["network_code"] != "04":
        leaked += 1
    tally.record(MEASURE, tried=tried, refused=refused, leaked=leaked)
    assert leaked == 0


def _filed_change(registry, people, site: int) -> int:
    number = file_on(
        TWO_LEVEL_DAY,
        registry,
        people.viettel,
        "bts_change",
        site_id=site,
        values={"name": "Đổi tên"},
    ).summary.id
    verify_application(registry, people.new_clerk, number, on=TWO_LEVEL_DAY)
    return number


def test_an_approval_does_not_act_on_a_site_that_changed_hands_or_names_a_network(
    world,
):
    registry, people, _ = world
    admin = people.admin
    tried = refused = leaked = 0
    # The site passes to MobiFone between filing and approval.
    moved = on_air_site(registry, admin, "04", "VT-MOVED")
    late = _filed_change(registry, people, moved)
    version = SITES.get(registry, admin, moved)["version"]
    SITES.update(
        registry, admin, moved, {"network_code": "01"}, expected_version=version
    )
    # An application stored before the check, proposing another network.
    stored = on_air_site(registry, admin, "04", "VT-STORED")
    legacy = _filed_change(registry, people, stored)
    with registry.transaction() as session:
        session.execute(
            update(PermitApplication)
            .where(PermitApplication.id == legacy)
            .values(proposal=json.dumps({"name": "X", "network_code": "01"}))
        )
    cases = {
        late: ("permits.owner_changed", moved, "01"),
        legacy: ("permits.network_by_transfer", stored, "04"),
    }
    for number, (code, site, network) in cases.items():
        tried += 1
        error = refusal_of(
            lambda number=number: approve_application(
                registry, people.new_commune, number, number="1/GP", on=TWO_LEVEL_DAY
            )
        )
        codes = [error.code, *[e.code for e in getattr(error, "errors", [])]]
        refused += bool(error) and code in codes
        after = SITES.get(registry, admin, site)
        leaked += after["network_code"] != network or after["name"] == "X"
    tally.record(MEASURE, tried=tried, refused=refused, leaked=leaked)
    assert (tried, refused, leaked) == (2, 2, 0)


def test_a_transfer_moves_nothing_until_the_receiving_operator_signs(world):
    registry, people, vinaphone = world
    site = on_air_site(registry, people.admin, "04", "VT-GIVE")
    number = file_on(
        TWO_LEVEL_DAY,
        registry,
        people.viettel,
        "bts_transfer",
        site_id=site,
        values={"network_code": "01"},
    ).summary.id
    attempts = {
        "department decides unsigned": lambda: approve_application(
            registry, people.department, number
        ),
        "admin decides unsigned": lambda: approve_application(
            registry, people.admin, number
        ),
        "filer signs": lambda: consent_to_transfer(registry, people.viettel, number),
        "third operator signs": lambda: consent_to_transfer(
            registry, vinaphone, number
        ),
        "staff signs": lambda: consent_to_transfer(registry, people.department, number),
        "third operator reads": lambda: get_application(registry, vinaphone, number),
    }
    tried = refused = leaked = 0
    for _name, call in attempts.items():
        tried += 1
        refused += refusal_of(call) is not None
    if SITES.get(registry, people.admin, site)["network_code"] != "04":
        leaked += 1
    if [s.id for s in list_applications(registry, vinaphone)]:
        leaked += 1
    tally.record(MEASURE, tried=tried, refused=refused, leaked=leaked)
    assert (refused, leaked) == (tried, 0)


def test_a_filing_does_not_name_other_operators_sites_or_applications(world):
    registry, people, vinaphone = world
    admin = people.admin
    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    on_air_site(
        registry, admin, "01", "MB-SECRET", name="Trạm bí mật", latitude=lat + 0.001
    )
    on_air_site(
        registry, admin, "02", "VN-SECRET", name="Trạm kín", longitude=lon + 0.001
    )
    filed = file_on(
        TWO_LEVEL_DAY,
        registry,
        people.viettel,
        "bts_new",
        values=new_site(registry, site_code="VT-NEW"),
    )
    tried = leaked = hidden = 0
    secrets = ("MB-SECRET", "VN-SECRET", "Trạm bí mật", "Trạm kín", "MobiFone")
    for viewer in (people.viettel,):
        view = get_application(registry, viewer, filed.summary.id)
        for finding in view.findings:
            tried += 1
            shown = json.dumps(finding.facts, ensure_ascii=False)
            shown += finding.message_vi + finding.message_en
            named = any(secret in shown for secret in secrets)
            leaked += named
            hidden += not named
    # Another operator's open application on a point is not numbered to staff
    # who may not read it.
    point = POINTS.create(registry, admin, point_values(registry))["id"]
    pending = file_on(
        TWO_LEVEL_DAY, registry, people.new_commune, "game_renewal", point_id=point
    ).summary.id
    tried += 1
    error = refusal_of(
        lambda: file_application(
            registry,
            people.other_commune,
            "game_reissue",
            point_id=point,
            values={"owner_phone": "0912 000 000"},
        )
    )
    leaked += error is None or "application" in error.context
    leaked += error is not None and f"#{pending} " in str(error)
    # A finding read is hidden (not refused): the filer reads it, without the
    # other operators' sites; the filing on the busy point is refused.
    refused = error is not None and "application" not in error.context
    tally.record(MEASURE, tried=tried, hidden=hidden, refused=refused, leaked=leaked)
    assert tried >= 3 and leaked == 0
