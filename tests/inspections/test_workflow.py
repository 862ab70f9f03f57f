"""Inspections: opening from a point, the checklist, draft → submitted → reviewed,
corrections, and that nothing is ever deleted. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from registry.inspections.service import (
    add_violation,
    attach_photo,
    correct_inspection,
    get_inspection,
    open_inspection,
    record_items,
    review_inspection,
    submit_inspection,
    update_inspection,
    withdraw_photo,
    withdraw_violation,
)
from registry.kernel.clock import today
from registry.kernel.errors import ConflictError, ValidationError
from registry.kernel.versions import StaleVersionError
from registry.rules import compliance as rules
from tests.inspections.support import (
    NEW_REGIME_DAY,
    OLD_REGIME_DAY,
    answered,
    image_bytes,
    reviewed,
    submitted,
    world_copy,
)


@pytest.fixture
def world(open_world):
    return world_copy(open_world)


def _actions(view) -> list[str]:
    return [entry["action"] for entry in view["audit"]]


# -- opening -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "ruleset"),
    [
        (OLD_REGIME_DAY, "nd72-2013-nd27-2018"),
        (date(2024, 12, 24), "nd72-2013-nd27-2018"),
        (date(2024, 12, 25), "nd147-2024"),
        (NEW_REGIME_DAY, "nd147-2024"),
    ],
)
def test_the_checklist_comes_from_the_rule_set_in_force_on_the_inspection_date(
    world, day, ruleset
):
    view = open_inspection(world.registry, world.clerk, world.game, inspected_on=day)
    expected = rules.ruleset_by_key(ruleset)
    assert view["state"] == "draft"
    assert view["ruleset_key"] == ruleset
    assert view["ruleset_version"] == expected.version
    assert [i["rule_id"] for i in view["items"]] == [
        r.id for r in expected.rules_for("game_point")
    ]
    assert view["inspector"] == world.clerk.username
    assert _actions(view) == ["open"]


def test_automatic_items_are_prefilled_and_on_site_items_left_open(world):
    view = open_inspection(
        world.registry, world.clerk, world.game, inspected_on=NEW_REGIME_DAY
    )
    items = {i["rule_id"]: i for i in view["items"]}
    assert items["game.certificate"]["result"] == "pass"
    assert items["game.certificate"]["automatic"]
    assert items["game.hours"]["result"] == "pass"
    assert items["game.fire_safety"]["result"] is None
    assert items["game.fire_safety"]["auto_outcome"] == "manual"
    assert items["game.certificate"]["auto_detail_vi"]


def test_an_internet_agent_gets_the_internet_checklist(world):
    view = open_inspection(
        world.registry, world.clerk, world.agent, inspected_on=NEW_REGIME_DAY
    )
    ids = [i["rule_id"] for i in view["items"]]
    assert ids and all(rule.startswith("internet.") for rule in ids)


def test_the_inspection_date_defaults_to_today(world):
    view = open_inspection(world.registry, world.clerk, world.game)
    assert view["inspected_on"] == today()


def test_a_second_draft_of_the_same_point_is_refused(world):
    first = open_inspection(world.registry, world.clerk, world.game)
    with pytest.raises(
        ConflictError, match=f"already has a draft inspection #{first['id']}"
    ):
        open_inspection(world.registry, world.clerk, world.game)


# -- the draft -----------------------------------------------------------------


def test_a_draft_records_results_details_violations_and_photos(world):
    registry, clerk = world.registry, world.clerk
    view = open_inspection(registry, clerk, world.game, inspected_on=NEW_REGIME_DAY)
    view = record_items(
        registry,
        clerk,
        view["id"],
        {"game.sign": {"result": "fail", "note": "Không có"}},
    )
    view = add_violation(
        registry,
        clerk,
        view["id"],
        rule_id="game.sign",
        description="Không có biển hiệu",
        proposed_fine_vnd="2.000.000",
    )
    view = update_inspection(
        registry, clerk, view["id"], {"follow_up_deadline": date(2025, 4, 10)}
    )
    view = attach_photo(registry, clerk, view["id"], "bien-hieu.png", image_bytes())
    items = {i["rule_id"]: i for i in view["items"]}
    assert items["game.sign"]["result"] == "fail"
    assert items["game.sign"]["note"] == "Không có"
    assert view["violations"][0]["proposed_fine_vnd"] == 2_000_000
    assert view["follow_up_deadline"] == date(2025, 4, 10)
    assert view["photos"][0]["content_type"] == "image/png"
    assert "data" not in view["photos"][0]
    assert view["version"] == 5
    assert _actions(view) == [
        "open",
        "record_items",
        "add_violation",
        "update",
        "attach_photo",
    ]


def test_an_unchanged_result_writes_no_new_version(world):
    view = open_inspection(world.registry, world.clerk, world.game)
    same = {"game.certificate": {"result": "pass"}}
    again = record_items(world.registry, world.clerk, view["id"], same)
    assert again["version"] == view["version"]
    assert _actions(again) == ["open"]


def test_a_stale_version_is_refused(world):
    view = open_inspection(world.registry, world.clerk, world.game)
    record_items(world.registry, world.clerk, view["id"], {"game.sign": {"note": "x"}})
    with pytest.raises(StaleVersionError, match="changed by xa.a at") as refused:
        record_items(
            world.registry,
            world.clerk,
            view["id"],
            {"game.sign": {"note": "y"}},
            expected_version=view["version"],
        )
    assert refused.value.context["version"] == view["version"] + 1
    assert refused.value.context["changed_by"] == world.clerk.username


# -- submit and review ---------------------------------------------------------


def test_submitting_needs_a_result_for_every_item(world):
    view = open_inspection(world.registry, world.clerk, world.game)
    with pytest.raises(ValidationError) as caught:
        submit_inspection(world.registry, world.clerk, view["id"])
    open_items = [i["rule_id"] for i in view["items"] if i["result"] is None]
    assert [e.field for e in caught.value.errors] == [f"result:{r}" for r in open_items]
    assert get_inspection(world.registry, world.clerk, view["id"])["state"] == "draft"


def test_a_violation_must_sit_under_a_failed_item_to_submit(world):
    view = open_inspection(world.registry, world.clerk, world.game)
    view = record_items(world.registry, world.clerk, view["id"], answered(view))
    add_violation(
        world.registry, world.clerk, view["id"], rule_id="game.sign", description="x"
    )
    with pytest.raises(ValidationError, match="violation #1 is recorded"):
        submit_inspection(world.registry, world.clerk, view["id"])


def test_a_submitted_inspection_awaits_the_district(world):
    view = submitted(world)
    assert view["state"] == "submitted"
    assert view["submitted_at"] is not None
    assert view["actions"] == ["correct"]
    district_view = get_inspection(world.registry, world.district, view["id"])
    assert district_view["actions"] == ["review"]


@pytest.mark.parametrize("outcome", ["approved", "has_issues", "rejected"])
def test_the_district_reviews_a_submitted_inspection(world, outcome):
    view = reviewed(world, outcome)
    assert view["state"] == outcome
    assert view["reviewed_by"] == world.district.username
    assert (view["review_note"] is None) == (outcome == "approved")
    assert _actions(view)[-2:] == ["submit", "review"]


@pytest.mark.parametrize("outcome", ["has_issues", "rejected"])
def test_a_review_with_issues_or_rejection_needs_a_note(world, outcome):
    view = submitted(world)
    with pytest.raises(ValidationError, match="review_note"):
        review_inspection(world.registry, world.district, view["id"], outcome, note=" ")


def test_an_unknown_review_outcome_is_refused(world):
    view = submitted(world)
    with pytest.raises(ValidationError, match="outcome = 'ok'"):
        review_inspection(world.registry, world.district, view["id"], "ok")


def test_only_a_submitted_inspection_is_reviewed(world):
    view = open_inspection(world.registry, world.clerk, world.game)
    with pytest.raises(ConflictError, match="only a submitted inspection"):
        review_inspection(world.registry, world.district, view["id"], "approved")
    done = reviewed(world, "approved", point=world.agent)
    with pytest.raises(ConflictError, match="is approved"):
        review_inspection(world.registry, world.department, done["id"], "approved")


def test_nobody_reviews_an_inspection_they_recorded(world):
    view = submitted(world, by=world.admin)
    with pytest.raises(ConflictError, match="someone else reviews it"):
        review_inspection(world.registry, world.admin, view["id"], "approved")


def test_the_department_reviews_where_no_district_exists(world):
    view = submitted(world, by=world.new_commune)
    done = review_inspection(world.registry, world.department, view["id"], "approved")
    assert done["state"] == "approved"


def test_a_submitted_draft_is_not_submitted_twice(world):
    view = submitted(world)
    with pytest.raises(ConflictError, match="only a draft can be submitted"):
        submit_inspection(world.registry, world.clerk, view["id"])


# -- corrections ---------------------------------------------------------------


def test_a_submitted_inspection_is_not_edited_directly(world):
    view = submitted(world)
    with pytest.raises(ConflictError, match="changed by a correction"):
        record_items(
            world.registry, world.clerk, view["id"], {"game.sign": {"note": "x"}}
        )
    with pytest.raises(ConflictError, match="changed by a correction"):
        attach_photo(world.registry, world.clerk, view["id"], "a.png", image_bytes())


@pytest.mark.parametrize("state", ["submitted", "approved", "has_issues", "rejected"])
def test_a_correction_is_audited_and_goes_back_to_submitted(world, state):
    view = submitted(world) if state == "submitted" else reviewed(world, state)
    corrected = correct_inspection(
        world.registry,
        world.clerk,
        view["id"],
        reason="Ghi nhầm kết quả biển hiệu",
        items={"game.sign": {"result": "fail", "note": "Biển thiếu số ĐKKD"}},
        add_violations=[{"rule_id": "game.sign", "description": "Biển thiếu số ĐKKD"}],
    )
    assert corrected["state"] == "submitted"
    assert corrected["reviewed_by"] is None
    entry = corrected["audit"][-1]
    assert entry["action"] == "correct"
    assert entry["reason"] == "Ghi nhầm kết quả biển hiệu"
    assert entry["before"]["items"]["game.sign"]["result"] == "pass"
    assert entry["after"]["items"]["game.sign"]["result"] == "fail"
    assert entry["before"]["state"] == state
    assert entry["after"]["state"] == "submitted"
    assert entry["after"]["violations_added"][0]["rule_id"] == "game.sign"
    if state != "submitted":
        assert entry["before"]["reviewed_by"] == world.district.username


def test_a_correction_needs_a_reason_and_a_change(world):
    view = submitted(world)
    with pytest.raises(ValidationError, match="why the inspection is corrected"):
        correct_inspection(
            world.registry, world.clerk, view["id"], reason=" ", fields={"summary": "x"}
        )
    with pytest.raises(ValidationError, match="at least one change"):
        correct_inspection(world.registry, world.clerk, view["id"], reason="Sửa")


def test_a_correction_must_leave_the_inspection_complete(world):
    view = submitted(world)
    with pytest.raises(ValidationError, match="every item needs one"):
        correct_inspection(
            world.registry,
            world.clerk,
            view["id"],
            reason="Chưa chắc",
            items={"game.sign": {"result": None}},
        )
    assert (
        get_inspection(world.registry, world.clerk, view["id"])["version"]
        == view["version"]
    )


def test_a_draft_is_edited_not_corrected(world):
    view = open_inspection(world.registry, world.clerk, world.game)
    with pytest.raises(ConflictError, match="is a draft"):
        correct_inspection(
            world.registry, world.clerk, view["id"], reason="x", fields={"summary": "y"}
        )


# -- nothing is deleted ----------------------------------------------------------


def test_withdrawn_violations_and_photos_are_kept_and_marked(world):
    registry, clerk = world.registry, world.clerk
    view = open_inspection(registry, clerk, world.game)
    view = add_violation(
        registry, clerk, view["id"], rule_id="game.sign", description="x"
    )
    view = attach_photo(registry, clerk, view["id"], "nham.png", image_bytes())
    violation, photo = view["violations"][0]["id"], view["photos"][0]["id"]
    view = withdraw_violation(registry, clerk, view["id"], violation, reason="Ghi nhầm")
    view = withdraw_photo(registry, clerk, view["id"], photo, reason="Ảnh điểm khác")
    assert view["violations"][0]["withdrawn_reason"] == "Ghi nhầm"
    assert view["photos"][0]["withdrawn_by"] == clerk.username
    with pytest.raises(ValidationError, match="not yet withdrawn"):
        withdraw_violation(registry, clerk, view["id"], violation, reason="again")
    with pytest.raises(ValidationError, match="why it is withdrawn"):
        withdraw_photo(registry, clerk, view["id"], photo, reason="")
