"""Bad input to inspections: refused with a message naming the field or file, and
nothing half-written. SQLite and PostgreSQL."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from PIL import Image
from sqlalchemy import func, select

from registry.inspections.service import (
    add_violation,
    attach_photo,
    attach_photos,
    correct_inspection,
    get_inspection,
    list_inspections,
    open_inspection,
    photo_data,
    record_items,
    update_inspection,
)
from registry.inspections.vocabulary import MAX_PHOTO_BYTES, check_photo, image_type
from registry.kernel.clock import today
from registry.kernel.errors import ValidationError
from registry.kernel.models import AuditEntry, Photo
from tests.inspections.support import (
    NEW_REGIME_DAY,
    OLD_REGIME_DAY,
    image_bytes,
    submitted,
    world_copy,
)

PNG_HEADER = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def world(open_world):
    return world_copy(open_world)


@pytest.fixture
def draft(world):
    return open_inspection(
        world.registry, world.clerk, world.game, inspected_on=NEW_REGIME_DAY
    )


def _count(registry, model) -> int:
    with registry.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def _unchanged(world, draft) -> None:
    stored = get_inspection(world.registry, world.clerk, draft["id"])
    assert stored["version"] == draft["version"]
    assert stored["items"] == draft["items"]
    assert stored["violations"] == draft["violations"]
    assert stored["photos"] == draft["photos"]


# -- photos ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("bien-ban.png", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
        ("anh.jpg", "Xin chào, đây không phải ảnh".encode()),
        ("anh.gif", b"<html><script>alert(1)</script></html>"),
        ("trang.png", b""),
        ("nua-anh.png", PNG_HEADER[:4]),
        ("script.webp", b"RIFF\x00\x00\x00\x00WAVEfmt "),
    ],
    ids=["pdf", "text", "html", "empty", "truncated", "riff-not-webp"],
)
def test_a_file_that_is_not_an_image_is_refused_by_its_bytes(
    world, draft, filename, data
):
    before = _count(world.registry, AuditEntry)
    with pytest.raises(ValidationError) as caught:
        attach_photo(world.registry, world.clerk, draft["id"], filename, data)
    problem = caught.value.errors[0]
    assert (problem.field, problem.value) == ("photo", filename)
    assert "JPEG, PNG, GIF or WebP" in problem.expected
    assert filename in str(caught.value)
    assert _count(world.registry, AuditEntry) == before
    _unchanged(world, draft)


def test_an_image_over_the_size_limit_is_refused_naming_the_file(world, draft):
    data = PNG_HEADER + b"\0" * (MAX_PHOTO_BYTES + 1 - len(PNG_HEADER))
    with pytest.raises(
        ValidationError,
        match=r"'lon.png': expected an image of at most 5.0 MB \(this file has 5.0",
    ):
        attach_photo(world.registry, world.clerk, draft["id"], "lon.png", data)
    _unchanged(world, draft)


def test_an_image_of_exactly_the_limit_is_accepted_and_stored_re_encoded(world, draft):
    # Bytes after the image's end are not part of it: the re-encoding drops them.
    image = image_bytes()
    data = image + b"\0" * (MAX_PHOTO_BYTES - len(image))
    view = attach_photo(world.registry, world.clerk, draft["id"], "du.png", data)
    stored = photo_data(world.registry, world.clerk, view["photos"][0]["id"])
    assert stored["size"] == len(stored["data"]) < 1024
    assert Image.open(io.BytesIO(stored["data"])).size == (8, 8)


def test_one_bad_file_among_several_stores_none_of_them(world, draft):
    files = [("a.png", image_bytes()), ("b.pdf", b"%PDF-1.4"), ("c.jpg", b"nope")]
    with pytest.raises(ValidationError) as caught:
        attach_photos(world.registry, world.clerk, draft["id"], files)
    assert [e.value for e in caught.value.errors] == ["b.pdf", "c.jpg"]
    assert _count(world.registry, Photo) == 0


@pytest.mark.parametrize(
    ("fmt", "content_type", "extension"),
    [
        ("PNG", "image/png", "png"),
        ("JPEG", "image/jpeg", "jpg"),
        ("GIF", "image/png", "png"),
        ("WEBP", "image/png", "png"),
    ],
)
def test_images_are_told_by_their_bytes_and_named_by_the_product(
    world, draft, fmt, content_type, extension
):
    # A JPEG stays a JPEG; other kinds are stored as their lossless PNG.
    view = attach_photo(
        world.registry, world.clerk, draft["id"], "ghi-chu.txt", image_bytes(fmt)
    )
    photo = view["photos"][0]
    assert photo["content_type"] == content_type
    assert photo["filename"] == f"kiem-tra-{draft['id']}-anh-1.{extension}"
    assert len(photo["sha256"]) == 64


def test_a_path_in_an_uploaded_name_is_dropped():
    photo = check_photo("C:\\Users\\an\\..\\anh.png", image_bytes())
    assert photo.filename == "anh.png"
    assert image_type(b"GIF89a....") == "image/gif"


# -- dates -------------------------------------------------------------------------


def test_an_inspection_dated_in_the_future_is_refused(world):
    tomorrow = today() + timedelta(days=1)
    with pytest.raises(ValidationError, match="not after today"):
        open_inspection(world.registry, world.clerk, world.game, inspected_on=tomorrow)
    assert list_inspections(world.registry, world.clerk).empty


def test_a_draft_cannot_be_moved_into_the_future(world, draft):
    with pytest.raises(ValidationError, match="inspected_on"):
        update_inspection(
            world.registry,
            world.clerk,
            draft["id"],
            {"inspected_on": today() + timedelta(days=3), "summary": "kept?"},
        )
    _unchanged(world, draft)
    assert get_inspection(world.registry, world.clerk, draft["id"])["summary"] is None


def test_a_date_before_any_rule_set_is_refused_naming_the_periods(world):
    with pytest.raises(ValidationError, match=r"a date covered by a rule set \(nd72"):
        open_inspection(
            world.registry, world.clerk, world.game, inspected_on=date(2017, 5, 1)
        )


def test_a_draft_cannot_move_into_another_rule_sets_period(world, draft):
    with pytest.raises(ValidationError, match="when rule set nd147-2024 was in force"):
        update_inspection(
            world.registry, world.clerk, draft["id"], {"inspected_on": OLD_REGIME_DAY}
        )
    _unchanged(world, draft)


def test_a_follow_up_deadline_before_the_inspection_is_refused(world, draft):
    with pytest.raises(ValidationError, match="on or after the inspection date"):
        update_inspection(
            world.registry,
            world.clerk,
            draft["id"],
            {"follow_up_deadline": NEW_REGIME_DAY - timedelta(days=1)},
        )


@pytest.mark.parametrize("value", ["31/02/2025", "soon", 12])
def test_a_date_that_is_no_date_is_refused(world, draft, value):
    with pytest.raises(ValidationError, match="follow_up_deadline"):
        update_inspection(
            world.registry, world.clerk, draft["id"], {"follow_up_deadline": value}
        )


# -- checklist items and violations ---------------------------------------------------


def test_an_item_of_another_rule_set_is_refused_and_nothing_is_saved(world, draft):
    with pytest.raises(ValidationError) as caught:
        record_items(
            world.registry,
            world.clerk,
            draft["id"],
            {
                "game.sign": {"result": "pass"},
                "game.school_distance": {"result": "pass"},
            },
        )
    problem = caught.value.errors[0]
    assert (problem.field, problem.value) == ("rule_id", "game.school_distance")
    assert "made under rule set nd147-2024" in problem.expected
    assert "game.sign" in problem.expected
    _unchanged(world, draft)


def test_the_old_rule_set_has_its_own_items(world):
    old = open_inspection(
        world.registry, world.clerk, world.game, inspected_on=OLD_REGIME_DAY
    )
    view = record_items(
        world.registry,
        world.clerk,
        old["id"],
        {"game.school_distance": {"result": "pass"}},
    )
    items = {i["rule_id"]: i["result"] for i in view["items"]}
    assert items["game.school_distance"] == "pass"


@pytest.mark.parametrize("result", ["ok", "PASS", "đạt", 1])
def test_an_unknown_result_is_refused(world, draft, result):
    with pytest.raises(ValidationError, match="one of pass, fail, not_applicable"):
        record_items(
            world.registry, world.clerk, draft["id"], {"game.sign": {"result": result}}
        )
    _unchanged(world, draft)


def test_a_violation_of_a_rule_outside_the_checklist_is_refused(world, draft):
    with pytest.raises(ValidationError, match="rule_id = 'game.floor_area'"):
        add_violation(
            world.registry,
            world.clerk,
            draft["id"],
            rule_id="game.floor_area",
            description="Phòng máy 20 m²",
        )
    _unchanged(world, draft)


@pytest.mark.parametrize(
    ("fine", "field"),
    [
        (-1, "proposed_fine_vnd"),
        ("hai triệu", "proposed_fine_vnd"),
        (2_000_000_000, "proposed_fine_vnd"),
        (1.5, "proposed_fine_vnd"),
    ],
)
def test_a_fine_that_is_not_a_sum_of_dong_is_refused(world, draft, fine, field):
    with pytest.raises(ValidationError) as caught:
        add_violation(
            world.registry,
            world.clerk,
            draft["id"],
            rule_id="game.sign",
            description="x",
            proposed_fine_vnd=fine,
        )
    assert caught.value.errors[0].field == field
    _unchanged(world, draft)


def test_a_violation_needs_a_description(world, draft):
    with pytest.raises(ValidationError, match="what was found"):
        add_violation(
            world.registry,
            world.clerk,
            draft["id"],
            rule_id="game.sign",
            description="",
        )


def test_a_correction_with_a_bad_photo_changes_nothing(world):
    view = submitted(world)
    with pytest.raises(ValidationError, match="'bao-cao.docx'"):
        correct_inspection(
            world.registry,
            world.clerk,
            view["id"],
            reason="Bổ sung ảnh",
            items={"game.sign": {"note": "Bổ sung"}},
            photos=[("bao-cao.docx", b"PK\x03\x04 word")],
        )
    stored = get_inspection(world.registry, world.clerk, view["id"])
    assert stored["version"] == view["version"]
    assert stored["state"] == "submitted"
