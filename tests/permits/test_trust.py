"""An application acts only on what its filer owns, a site changes network only by
a transfer both operators sign, four eyes on every step, the filing day from the
clock, and what a filing tells about other operators (both databases)."""

from __future__ import annotations

import inspect
import json
from datetime import date

import pytest
from sqlalchemy import update

from registry.kernel.clock import living_on, today
from registry.kernel.errors import (
    ConflictError,
    PermissionDeniedError,
    RegistryError,
    ValidationError,
)
from registry.kernel.models import PermitApplication
from registry.permits.corrections import correct_filing_day
from registry.permits.filing import file_application
from registry.permits.queries import get_application, inbox, list_applications
from registry.permits.steps import (
    approve_application,
    escalate_application,
    refuse_application,
    verify_application,
)
from registry.permits.transfers import consent_to_transfer, decline_transfer
from registry.records.by_kind import POINTS, SITES
from tests.factories import commune_centroid, point_values
from tests.permits.support import (
    THREE_LEVEL_DAY,
    TWO_LEVEL_DAY,
    add_user,
    file_on,
    new_game_point,
    new_site,
    on_air_site,
    refusal_of,
)


def _code(call) -> tuple[str, RegistryError]:
    """The first code of the refusal of ``call()`` (which must be refused)."""
    error = refusal_of(call)
    assert error is not None, "the call was not refused"
    codes = [e.code for e in getattr(error, "errors", [])] or [error.code]
    return codes[0], error


def _renaming(registry, people, site: int) -> int:
    """Id of Viettel's change of ``site``'s name, filed on the two-level day."""
    return file_on(
        TWO_LEVEL_DAY,
        registry,
        people.viettel,
        "bts_change",
        site_id=site,
        values={"name": "Đổi tên"},
    ).summary.id


def test_an_operator_files_nothing_on_a_site_another_network_owns(
    registry, admin, people
):
    theirs = on_air_site(registry, admin, "01", "MB-OWN")
    lat, lon, _ = commune_centroid(registry, "Hưng Bình")
    attempts = {
        # The reported attack: a change naming the attacker's own network.
        "bts_change": {"network_code": "04", "name": "Của Viettel"},
        "bts_relocation": {"latitude": lat, "longitude": lon},
        "bts_decommission": {},
        "bts_transfer": {"network_code": "04"},
    }
    for kind, values in attempts.items():
        code, error = _code(
            lambda kind=kind, values=values: file_application(
                registry, people.viettel, kind, site_id=theirs, values=values
            )
        )
        assert code == "permits.not_owner", kind
        assert isinstance(error, PermissionDeniedError)
    assert list_applications(registry, admin) == []
    assert SITES.get(registry, admin, theirs)["network_code"] == "01"


def test_a_change_never_moves_a_site_to_another_network(registry, admin, people):
    own = on_air_site(registry, admin, "04", "VT-OWN")
    for actor in (people.viettel, people.department):
        code, error = _code(
            lambda actor=actor: file_application(
                registry,
                actor,
                "bts_change",
                site_id=own,
                values={"network_code": "01"},
            )
        )
        assert code == "permits.network_by_transfer"
        assert isinstance(error, ValidationError)
    assert list_applications(registry, admin) == []


def test_an_approval_acts_only_while_the_filer_still_owns_the_site(
    registry, admin, people
):
    own = on_air_site(registry, admin, "04", "VT-LATER")
    filed = _renaming(registry, people, own)
    verify_application(registry, people.new_clerk, filed, on=TWO_LEVEL_DAY)
    # The site passes to MobiFone (a registry correction) before the decision.
    version = SITES.get(registry, admin, own)["version"]
    SITES.update(registry, admin, own, {"network_code": "01"}, expected_version=version)
    code, _ = _code(
        lambda: approve_application(
            registry, people.new_commune, filed, number="1/GP", on=TWO_LEVEL_DAY
        )
    )
    assert code == "permits.owner_changed"
    site = SITES.get(registry, admin, own)
    assert (site["name"], site["network_code"]) == ("Trạm thử Hưng Dũng", "01")
    assert get_application(registry, admin, filed).summary.state == "deciding"


def test_an_application_filed_before_the_check_cannot_move_the_site(
    registry, admin, people
):
    own = on_air_site(registry, admin, "04", "VT-OLD")
    filed = _renaming(registry, people, own)
    # As the attack stored it: a proposal naming another network.
    with registry.transaction() as session:
        session.execute(
            update(PermitApplication)
            .where(PermitApplication.id == filed)
            .values(proposal=json.dumps({"name": "X", "network_code": "01"}))
        )
    verify_application(registry, people.new_clerk, filed, on=TWO_LEVEL_DAY)
    code, _ = _code(
        lambda: approve_application(
            registry, people.new_commune, filed, number="1/GP", on=TWO_LEVEL_DAY
        )
    )
    assert code == "permits.network_by_transfer"
    assert SITES.get(registry, admin, own)["network_code"] == "04"


def test_a_transfer_moves_the_site_once_the_receiving_operator_signed(
    registry, admin, people
):
    site = on_air_site(registry, admin, "04", "VT-GIVE")
    vinaphone = add_user(registry, admin, "vinaphone", "operator", network="02")
    filed = file_on(
        TWO_LEVEL_DAY,
        registry,
        people.viettel,
        "bts_transfer",
        site_id=site,
        values={"network_code": "01"},
    )
    number = filed.summary.id
    assert filed.summary.state == "awaiting_consent" and filed.steps == []
    assert filed.receiving_network == "01" and filed.actions == ("add_documents",)
    # Nobody decides before the signature; only MobiFone signs; others see nothing.
    code, _ = _code(lambda: approve_application(registry, people.department, number))
    assert code == "permits.consent_needed"
    assert _code(lambda: consent_to_transfer(registry, people.viettel, number))[0] == (
        "permits.consent_by"
    )
    assert _code(lambda: get_application(registry, vinaphone, number))[0] == (
        "permits.not_their_network"
    )
    assert [s.id for s in list_applications(registry, vinaphone)] == []
    assert [s.id for s in inbox(registry, people.mobifone).waiting] == [number]
    assert "consent" in get_application(registry, people.mobifone, number).actions
    signed = consent_to_transfer(registry, people.mobifone, number, note="Đồng ý")
    assert (signed.summary.state, signed.summary.step_level) == (
        "deciding",
        "department",
    )
    assert (signed.consented_by, signed.consented_on) == ("mobifone", today())
    approved = approve_application(registry, people.department, number)
    assert approved.summary.state == "approved"
    assert SITES.get(registry, admin, site)["network_code"] == "01"
    assert [a["action"] for a in approved.audit] == ["file", "consent", "approve"]
    trail = SITES.get(registry, admin, site)
    assert trail["version"] == 2
    # Both operators read it; the site now belongs to MobiFone.
    assert get_application(registry, people.viettel, number).summary.id == number
    with pytest.raises(RegistryError):
        consent_to_transfer(registry, people.mobifone, number)


def test_a_declined_transfer_ends_refused_and_the_site_stays(registry, admin, people):
    site = on_air_site(registry, admin, "04", "VT-KEEP")
    filed = file_on(
        TWO_LEVEL_DAY,
        registry,
        people.viettel,
        "bts_transfer",
        site_id=site,
        values={"network_code": "01"},
    ).summary.id
    declined = decline_transfer(
        registry, people.mobifone, filed, reasons="Không nhận trạm này"
    )
    assert declined.summary.state == "refused"
    assert declined.refusal_reasons == "Không nhận trạm này"
    assert SITES.get(registry, admin, site)["network_code"] == "04"
    for wrong in ({"network_code": "04"}, {"network_code": "99"}, {"name": "x"}):
        code, _ = _code(
            lambda wrong=wrong: file_application(
                registry, people.viettel, "bts_transfer", site_id=site, values=wrong
            )
        )
        assert code in ("permits.receiving_network", "permits.no_changes_for_kind")
    code, _ = _code(
        lambda: file_application(
            registry,
            people.department,
            "bts_transfer",
            site_id=site,
            values={"network_code": "01"},
        )
    )
    assert code == "permits.transfer_filer"


def test_nobody_decides_what_they_filed_and_the_filer_refers_it_up(
    registry, admin, people
):
    # Three-level era: the Vinh district records a game point and would decide it.
    filed = file_on(
        THREE_LEVEL_DAY,
        registry,
        people.district,
        "game_new",
        values=new_game_point(registry),
    ).summary.id
    verify_application(registry, people.commune, filed, on=THREE_LEVEL_DAY)
    view = get_application(registry, people.district, filed)
    assert view.withheld == "permits.own_filing"
    assert not {"approve", "refuse"} & set(view.actions)
    for decide in (
        lambda: approve_application(
            registry, people.district, filed, number="1/GCN", on=THREE_LEVEL_DAY
        ),
        lambda: refuse_application(
            registry, people.district, filed, reasons="x", on=THREE_LEVEL_DAY
        ),
    ):
        code, error = _code(decide)
        assert code == "permits.own_filing" and isinstance(error, ConflictError)
    escalate_application(
        registry, people.district, filed, reason="Tôi đã ghi nhận hồ sơ"
    )
    done = approve_application(registry, people.department, filed, number="1/GCN")
    assert done.summary.state == "approved"


def test_nobody_verifies_what_they_filed_nor_decides_what_they_verified(
    registry, admin, people
):
    filed = file_on(
        TWO_LEVEL_DAY,
        registry,
        people.new_clerk,
        "game_new",
        values=new_game_point(registry),
    ).summary.id
    assert get_application(registry, people.new_clerk, filed).withheld == (
        "permits.own_filing"
    )
    code, _ = _code(
        lambda: verify_application(registry, people.new_clerk, filed, on=TWO_LEVEL_DAY)
    )
    assert code == "permits.own_filing"
    verify_application(registry, people.new_commune, filed, on=TWO_LEVEL_DAY)
    view = get_application(registry, people.new_commune, filed)
    assert view.withheld == "permits.own_verification"
    assert "approve" not in view.actions
    code, _ = _code(
        lambda: approve_application(
            registry, people.new_commune, filed, number="2/GCN", on=TWO_LEVEL_DAY
        )
    )
    assert code == "permits.own_verification"
    # The filer may not decide either; a third officer does.
    code, _ = _code(
        lambda: approve_application(
            registry, people.new_clerk, filed, number="2/GCN", on=TWO_LEVEL_DAY
        )
    )
    assert code == "permits.own_filing"
    third = add_user(
        registry,
        admin,
        "xa.tv2",
        "commune",
        "2025-07",
        commune_centroid(registry, "Thành Vinh", "2025-07")[2],
    )
    assert "approve" in get_application(registry, third, filed).actions
    approve_application(registry, third, filed, number="2/GCN", on=TWO_LEVEL_DAY)


def test_the_filing_day_is_the_clocks_and_only_an_admin_backdates_it(
    registry, admin, people
):
    assert "filed_on" not in inspect.signature(file_application).parameters
    filed = file_application(
        registry, people.viettel, "bts_new", values=new_site(registry)
    )
    assert filed.summary.filed_on == today()
    with living_on(date(2026, 2, 3)):
        earlier = file_application(
            registry,
            people.viettel,
            "bts_new",
            values=new_site(registry, site_code="NAN-T0002"),
        ).summary
    assert earlier.filed_on == date(2026, 2, 3)
    number = earlier.id
    refusals = {
        "permits.correction_by": lambda: correct_filing_day(
            registry, people.department, number, date(2026, 2, 2), reason="Giấy"
        ),
        "permits.correction_reason": lambda: correct_filing_day(
            registry, admin, number, date(2026, 2, 2), reason=" "
        ),
        "permits.corrected_day": lambda: correct_filing_day(
            registry, admin, number, date(2099, 1, 1), reason="Giấy"
        ),
        "permits.filing_day_matrix": lambda: correct_filing_day(
            registry, admin, number, date(2025, 6, 2), reason="Giấy"
        ),
    }
    for wanted, call in refusals.items():
        assert _code(call)[0] == wanted
    corrected = correct_filing_day(
        registry, admin, number, date(2026, 2, 2), reason="Nhận hồ sơ giấy hôm trước"
    )
    assert corrected.summary.filed_on == date(2026, 2, 2)
    assert corrected.steps[0].started_on == date(2026, 2, 2)
    entry = corrected.audit[-1]
    assert (entry["action"], entry["reason"]) == (
        "correct_filing_day",
        "Nhận hồ sơ giấy hôm trước",
    )
    verify_application(registry, people.new_clerk, number, on=date(2026, 2, 4))
    code, _ = _code(
        lambda: correct_filing_day(
            registry, admin, number, date(2026, 2, 2), reason="Giấy"
        )
    )
    assert code == "permits.filing_day_fixed"


def test_a_filing_names_only_what_the_filer_may_read(registry, admin, people):
    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    on_air_site(registry, admin, "01", "MB-NEAR", latitude=lat + 0.001, longitude=lon)
    on_air_site(registry, admin, "04", "VT-NEAR", latitude=lat - 0.001, longitude=lon)
    filed = file_on(
        TWO_LEVEL_DAY, registry, people.viettel, "bts_new", values=new_site(registry)
    )
    nearby = next(f for f in filed.findings if f.check == "nearby_sites")
    codes = [s.get("site_code") for s in nearby.facts["sites"]]
    assert sorted(codes, key=str) == [None, "VT-NEAR"]
    assert "VT-NEAR" in nearby.message_vi and "MB-NEAR" not in nearby.message_vi
    assert "MobiFone" not in nearby.message_vi + nearby.message_en
    hidden = next(s for s in nearby.facts["sites"] if not s.get("site_code"))
    assert hidden["technologies"] == ["2G", "4G"] and "site_id" not in hidden
    for staff in (people.new_commune, people.department):
        seen = get_application(registry, staff, filed.summary.id).findings
        text = next(f for f in seen if f.check == "nearby_sites").message_vi
        assert "MB-NEAR" in text and "VT-NEAR" in text


def test_an_open_application_is_numbered_only_for_those_who_may_read_it(
    registry, admin, people
):
    point = POINTS.create(registry, admin, point_values(registry))["id"]
    first = file_on(
        TWO_LEVEL_DAY,
        registry,
        people.new_clerk,
        "game_renewal",
        point_id=point,
    ).summary.id
    code, error = _code(
        lambda: file_application(
            registry,
            people.new_commune,
            "game_reissue",
            point_id=point,
            values={"owner_phone": "0912 000 000"},
        )
    )
    assert code == "permits.open_application"
    assert error.context["application"] == first
    code, error = _code(
        lambda: file_application(
            registry,
            people.other_commune,
            "game_reissue",
            point_id=point,
            values={"owner_phone": "0912 000 000"},
        )
    )
    # Another commune's officer is refused by the area before anything of the
    # point (its open application among it) is told.
    assert code == "permits.outside_area"
    assert "application" not in error.context
    assert "open application" not in str(error)
