"""Clusters (cụm): the seeded Cụm I, edits with audit and version checks, who may
edit, and the communes a cluster covers in each edition. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from geodata.names import fold_name
from registry.access.users import create_user
from registry.kernel.errors import FieldError, PermissionDeniedError
from registry.kernel.models import AuditEntry, UnitCrosswalk
from registry.units.clusters import (
    DEFAULT_CLUSTER,
    ClusterInputError,
    ClusterNameTakenError,
    ClusterVersionError,
    cluster_units,
    create_cluster,
    list_clusters,
    retire_cluster,
    update_cluster,
)
from registry.units.divisions import units_frame
from tests.factories import district_code

SEVEN = ("Vinh", "Yên Thành", "Diễn Châu", "Nghi Lộc", "Hưng Nguyên", "Nam Đàn")


@pytest.fixture
def cluster_one(registry, admin):
    (found,) = [c for c in list_clusters(registry, admin) if c.name == DEFAULT_CLUSTER]
    return found


@pytest.fixture
def district_user(registry, admin):
    return create_user(
        registry,
        admin,
        username="huyen.vinh",
        display_name="Phòng VHTT Vinh",
        role="district",
        area_edition="2025-06",
        area_code=district_code(registry, "Vinh"),
    )


def test_seeded_cluster_one_has_the_seed_districts_and_cua_lo_is_within_vinh(
    registry, cluster_one
):
    expected = sorted(district_code(registry, name) for name in SEVEN)
    assert list(cluster_one.district_codes) == expected
    names = {fold_name(n) for n in cluster_one.district_names}
    assert names == {fold_name(n) for n in SEVEN}
    with registry.reading() as session:
        districts = units_frame(session, "2025-06", "district")
    # No Cửa Lò district in 2025-06: the note says where it went.
    assert not districts["name"].map(fold_name).str.contains("cua lo").any()
    assert "Cửa Lò" in cluster_one.note and "Vinh" in cluster_one.note


def test_editing_a_cluster_bumps_its_version_and_is_audited(
    registry, admin, cluster_one
):
    hung_nguyen = district_code(registry, "Hưng Nguyên")
    smaller = [c for c in cluster_one.district_codes if c != hung_nguyen]
    changed = update_cluster(
        registry,
        admin,
        cluster_one.id,
        expected_version=cluster_one.version,
        name="Cụm I (mới)",
        districts=smaller,
        reason="chia lại cụm",
    )
    assert changed.version == cluster_one.version + 1
    assert changed.name == "Cụm I (mới)"
    assert hung_nguyen not in changed.district_codes
    with registry.reading() as session:
        entry = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity_type == "cluster", AuditEntry.action == "update")
            .order_by(AuditEntry.id.desc())
        ).first()
    assert entry.actor == "admin"
    assert entry.entity_id == str(cluster_one.id)
    assert hung_nguyen in entry.before and hung_nguyen not in entry.after
    assert entry.reason == "chia lại cụm"


def test_an_edit_from_a_stale_version_is_refused_and_changes_nothing(
    registry, admin, cluster_one
):
    update_cluster(
        registry, admin, cluster_one.id, expected_version=cluster_one.version, note="x"
    )
    with pytest.raises(ClusterVersionError):
        update_cluster(
            registry,
            admin,
            cluster_one.id,
            expected_version=cluster_one.version,
            name="Cụm khác",
        )
    (now,) = list_clusters(registry, admin)
    assert now.name == DEFAULT_CLUSTER and now.version == cluster_one.version + 1


def test_a_district_user_may_read_but_not_edit_clusters(
    registry, district_user, cluster_one
):
    assert [c.name for c in list_clusters(registry, district_user)] == [DEFAULT_CLUSTER]
    with pytest.raises(PermissionDeniedError):
        update_cluster(
            registry,
            district_user,
            cluster_one.id,
            expected_version=cluster_one.version,
            name="Cụm của tôi",
        )
    with pytest.raises(PermissionDeniedError):
        create_cluster(registry, district_user, name="Cụm II", districts=["412"])


@pytest.mark.parametrize(
    ("name", "districts", "problem"),
    [
        ("   ", ["412"], "name_empty"),
        ("Cụm II", [], "no_members"),
        ("Cụm II", ["412", "99999"], "unknown_units"),
    ],
)
def test_bad_cluster_input_names_the_problem_and_writes_nothing(
    registry, admin, name, districts, problem
):
    with pytest.raises(ClusterInputError) as raised:
        create_cluster(registry, admin, name=name, districts=districts)
    assert raised.value.problem == problem
    assert len(list_clusters(registry, admin)) == 1


@pytest.mark.parametrize(
    ("name", "note", "code"),
    [
        ("x" * 121, None, "kernel.text_too_long"),
        ("Cụm\u202eII", None, "kernel.text_control"),
        ("Cụm II", "ghi\x00chú", "kernel.text_control"),
    ],
)
def test_a_name_or_note_the_column_cannot_hold_is_refused_naming_the_field(
    registry, admin, name, note, code
):
    with pytest.raises(FieldError) as raised:
        create_cluster(registry, admin, name=name, districts=["412"], note=note)
    assert raised.value.code == code
    assert raised.value.field == ("note" if note else "name")
    assert len(list_clusters(registry, admin)) == 1


def test_a_name_taken_ignoring_case_and_diacritics_is_refused(registry, admin):
    with pytest.raises(ClusterNameTakenError):
        create_cluster(registry, admin, name="cum i", districts=["412"])


def test_retired_clusters_are_kept_but_not_offered(registry, admin, cluster_one):
    retired = retire_cluster(
        registry, admin, cluster_one.id, expected_version=cluster_one.version
    )
    assert retired.retired_on is not None
    assert list_clusters(registry, admin) == []
    assert [c.id for c in list_clusters(registry, admin, include_retired=True)] == [
        cluster_one.id
    ]


def test_in_2025_07_a_cluster_covers_the_successors_of_its_communes(
    registry, cluster_one
):
    old = cluster_units(registry, cluster_one.id, "2025-06")
    new = cluster_units(registry, cluster_one.id, "2025-07")
    with registry.reading() as session:
        communes = units_frame(session, "2025-06", "commune")
        pairs = session.execute(select(UnitCrosswalk.old_code, UnitCrosswalk.new_code))
        successors = {}
        for old_code, new_code in pairs:
            successors.setdefault(old_code, set()).add(new_code)
    inside = communes[communes["parent_code"].isin(cluster_one.district_codes)]
    assert old == sorted(inside["code"])
    expected = set().union(*(successors.get(code, set()) for code in old))
    assert new == sorted(expected)
    # Vinh's wards became the new Vinh wards, which are in; Quế Phong's are not.
    que_phong = communes[
        communes["parent_code"] == district_code(registry, "Quế Phong")
    ]
    outside = set().union(*(successors.get(c, set()) for c in que_phong["code"]))
    assert not outside & set(new)
    assert 0 < len(new) < len(old)
