"""The delegation matrix: presets as data, row checks, case derivation, versions."""

from __future__ import annotations

from datetime import date

import pytest

from registry.kernel.errors import NotFoundError, PermissionDeniedError, ValidationError
from registry.permits.matrix import check_rows, expected_pairs, load_presets, preset
from registry.permits.matrix_versions import (
    adopt_preset,
    edit_matrix,
    list_matrix_versions,
    matrix_on,
)
from registry.permits.vocabulary import Case, bts_case


def test_both_presets_cover_every_kind_and_case_and_say_what_is_unverified():
    presets = load_presets()
    assert list(presets) == ["three_level", "two_level"]
    for chosen in presets.values():
        assert [(r.kind, r.case) for r in chosen.rows] == expected_pairs()
        assert chosen.source and "unverified" in chosen.unverified
    assert presets["three_level"].effective_to == date(2025, 6, 30)
    assert presets["two_level"].effective_from == date(2025, 7, 1)


@pytest.mark.parametrize(
    ("key", "game_decider", "ground_decider"),
    [("three_level", "district", "district"), ("two_level", "commune", "commune")],
)
def test_presets_give_the_era_its_levels(key, game_decider, ground_decider):
    chosen = preset(key)
    game = next(r for r in chosen.rows if r.kind == "game_new")
    assert (game.verify_level, game.decide_level) == ("commune", game_decider)
    # 15 working days to decide a certificate, with the on-site verification.
    assert game.verify_days + game.decide_days == 15
    ground = next(
        r for r in chosen.rows if (r.kind, r.case) == ("bts_new", "ground_tower")
    )
    assert ground.decide_level == ground_decider
    assert ground.escalate_level == "department"
    high = next(
        r for r in chosen.rows if (r.kind, r.case) == ("bts_new", "high_or_protected")
    )
    assert high.decide_level == "department" and high.escalate_level is None


def _rows(**change):
    rows = [r.as_dict() for r in preset("two_level").rows]
    rows[0] = {**rows[0], **change}
    return rows


@pytest.mark.parametrize(
    ("rows", "named"),
    [
        (_rows(decide_level="province"), "decide_level"),
        (_rows(verify_days=0), "verify_days"),
        (_rows(escalate_level="commune"), "escalate_level"),
        (_rows(verify_level="department"), "verify_level"),
        (_rows(escalate_days=None), "escalate_days"),
        ([r.as_dict() for r in preset("two_level").rows][1:], "bts_new/ground_tower"),
        ([r.as_dict() for r in preset("two_level").rows] * 2, "twice"),
    ],
)
def test_a_wrong_matrix_is_refused_naming_the_row_and_value(rows, named):
    with pytest.raises(ValidationError, match=named):
        check_rows(rows)


@pytest.mark.parametrize(
    ("structure", "height", "building", "width", "protected", "case"),
    [
        ("ground_tower", 40, None, None, False, Case.GROUND_TOWER),
        ("guyed_mast", 30, None, None, False, Case.GROUND_TOWER),
        ("ground_tower", 60, None, None, False, Case.HIGH_OR_PROTECTED),
        ("ground_tower", 20, None, None, True, Case.HIGH_OR_PROTECTED),
        ("rooftop_pole", 6, 20, None, False, Case.BUILDING_POLE),
        # Top of a rooftop pole: building plus pole above the 50 m threshold.
        ("rooftop_pole", 6, 48, None, False, Case.HIGH_OR_PROTECTED),
        ("rooftop_small", 3, 15, 0.4, False, Case.SMALL_ROOFTOP),
        # 3 m on a 12 m building is 25 %: more than 20 %, not small.
        ("rooftop_small", 3, 12, 0.4, False, Case.BUILDING_POLE),
        ("rooftop_small", 2, 30, 0.8, False, Case.BUILDING_POLE),
        ("rooftop_small", 2, None, None, False, Case.BUILDING_POLE),
        ("indoor", None, None, None, False, Case.BUILDING_POLE),
    ],
)
def test_the_bts_case_is_derived_from_the_structure(
    structure, height, building, width, protected, case
):
    derived = bts_case(
        structure,
        height,
        building,
        width_m=width,
        protected_zone=protected,
        height_threshold_m=50,
    )
    assert derived.case == case
    assert derived.why_vi and derived.why_en


def test_a_fresh_registry_holds_both_presets_in_force_by_date(registry, admin):
    versions = list_matrix_versions(registry, admin)
    assert [(v.preset, v.effective_from) for v in reversed(versions)] == [
        ("three_level", date(2015, 1, 1)),
        ("two_level", date(2025, 7, 1)),
    ]
    assert matrix_on(registry, admin, date(2025, 6, 30)).preset == "three_level"
    assert matrix_on(registry, admin, date(2025, 7, 1)).preset == "two_level"
    with pytest.raises(NotFoundError):
        matrix_on(registry, admin, date(2014, 12, 31))


def test_editing_the_matrix_stores_a_new_version_with_who_when_why(
    registry, admin, people
):
    base = matrix_on(registry, admin, date(2026, 1, 5))
    rows = [r.as_dict() for r in base.rows]
    game = next(i for i, r in enumerate(rows) if r["kind"] == "game_new")
    rows[game]["decide_days"] = 7
    edited = edit_matrix(
        registry,
        people.department,
        base.id,
        rows,
        effective_from=date(2026, 1, 1),
        reason="Quyết định mới của UBND tỉnh",
        height_threshold_m=45,
    )
    assert edited.id > base.id and edited.based_on == base.id
    assert edited.created_by == "so" and edited.height_threshold_m == 45
    assert edited.row("game_new", "certificate").decide_days == 7
    assert matrix_on(registry, admin, date(2026, 1, 5)).id == edited.id
    assert matrix_on(registry, admin, date(2025, 12, 31)).id == base.id
    # The old version is kept unchanged.
    kept = next(v for v in list_matrix_versions(registry, admin) if v.id == base.id)
    assert kept.row("game_new", "certificate").decide_days == 10
    adopted = adopt_preset(
        registry,
        admin,
        "two_level",
        effective_from=date(2026, 2, 1),
        reason="Trở lại mẫu hai cấp",
    )
    assert matrix_on(registry, admin, date(2026, 2, 2)).id == adopted.id
    assert adopted.title.endswith("— áp dụng lại từ 01/02/2026")


def test_only_the_department_and_admins_edit_the_matrix(registry, admin, people):
    base = matrix_on(registry, admin, date(2026, 1, 5))
    for who in (people.district, people.commune, people.viettel, people.viewer):
        with pytest.raises(PermissionDeniedError):
            edit_matrix(
                registry,
                who,
                base.id,
                [r.as_dict() for r in base.rows],
                effective_from=date(2026, 1, 1),
                reason="thử",
            )
        with pytest.raises(PermissionDeniedError):
            adopt_preset(
                registry, who, "two_level", effective_from=date(2026, 1, 1), reason="x"
            )
    assert len(list_matrix_versions(registry, admin)) == 2
