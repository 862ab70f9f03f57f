"""Hostile and broken ODK submissions: each is refused with its reason and
nothing of it is written, while the good submissions of the same zip go in.
Whole-file attacks (not a zip, a zip bomb, a CSV in another encoding) refuse the
file. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import func, select

from registry.access.accounts import disable_user
from registry.inspections import messages as msg
from registry.inspections.odk_import import import_odk_submissions
from registry.inspections.service import get_inspection, open_inspection
from registry.kernel import messages as kernel_msg
from registry.kernel.errors import ValidationError
from registry.kernel.models import Inspection, OdkSubmission, Photo, Violation
from tests.attack import tally
from tests.attack.payloads import REFUSED, STORED
from tests.inspections.odk_support import export_zip, submission, violation_row
from tests.inspections.support import (
    NEW_REGIME_DAY,
    OLD_REGIME_DAY,
    image_bytes,
    world_copy,
)

MEASURE = "odk submissions"


@pytest.fixture
def world(open_world):
    return world_copy(open_world)


def _counts(world) -> tuple[int, ...]:
    with world.registry.reading() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model))
            for model in (Inspection, OdkSubmission, Violation, Photo)
        )


def _codes(error) -> set[str]:
    errors = getattr(error, "errors", None) or [error]
    return {e.message.code for e in errors}


def _game(world, instance, **options):
    return submission(
        world.game, "game_point", NEW_REGIME_DAY, instance=instance, **options
    )


def _refused_alone(world, rows, code, **zip_options):
    """Import ``rows`` (the first is hostile, the last a good one): the hostile one is
    refused with ``code`` and leaves nothing; the good one is created."""
    report = import_odk_submissions(
        world.registry, world.clerk, export_zip(rows, **zip_options)
    )
    first, last = report.outcomes[0], report.outcomes[-1]
    tally.record(MEASURE, tried=1)
    assert first.status == "refused", first
    assert code in _codes(first.error), (code, str(first.error))
    assert last.status == "created", str(last.error)
    tally.record(MEASURE, refused=1)
    return report


def _good(world, instance="uuid:good-1"):
    return submission(world.agent, "internet_agent", NEW_REGIME_DAY, instance=instance)


def test_unknown_and_disabled_submitters(world):
    _refused_alone(
        world,
        [_game(world, "uuid:a1", submitter='=HYPERLINK("http://x")'), _good(world)],
        msg.ODK_UNKNOWN_SUBMITTER.code,
    )
    disable_user(world.registry, world.admin, "xa.b", reason="đã chuyển công tác")
    report = import_odk_submissions(
        world.registry,
        world.admin,
        export_zip([_game(world, "uuid:a2", submitter="xa.b")]),
    )
    assert msg.ODK_UNKNOWN_SUBMITTER.code in _codes(report.outcomes[0].error)
    assert _counts(world) == (1, 1, 0, 0)


def test_points_outside_the_submitters_area_or_unknown(world):
    far = submission(world.far_game, "game_point", NEW_REGIME_DAY, instance="uuid:b1")
    report = _refused_alone(world, [far, _good(world)], "access.outside_area")
    assert report.outcomes[0].point_id == world.far_game
    # The Nghi Văn officer's submission of a Hưng Dũng point, imported by the admin.
    other = _game(world, "uuid:b2", submitter="xa.c")
    report = import_odk_submissions(world.registry, world.admin, export_zip([other]))
    assert report.outcomes[0].status == "refused"
    for point in ("999999", "1 OR 1=1", "<script>alert(1)</script>", "-1"):
        row = _game(world, f"uuid:b-{abs(hash(point))}")
        row["point"] = point
        report = import_odk_submissions(world.registry, world.clerk, export_zip([row]))
        assert report.outcomes[0].status == "refused", point
        tally.record(MEASURE, tried=1, refused=1)
    assert _counts(world) == (1, 1, 0, 0)


def test_form_of_another_rule_set_or_version(world):
    old = _game(world, "uuid:c1", ruleset_key="nd72-2013-nd27-2018")
    report = _refused_alone(world, [old, _good(world)], msg.ODK_FORM_RULESET.code)
    assert "nd72-2013-nd27-2018 v1" in str(report.outcomes[0].error)
    assert "nd147-2024 v1" in str(report.outcomes[0].error)
    bumped = _game(world, "uuid:c2", ruleset_version=2)
    report = import_odk_submissions(world.registry, world.clerk, export_zip([bumped]))
    assert msg.ODK_FORM_RULESET.code in _codes(report.outcomes[0].error)
    # An old-regime form for a day under the new regime is refused the same way.
    under_old = submission(world.game, "game_point", OLD_REGIME_DAY, instance="uuid:c3")
    under_old["inspected_on"] = str(NEW_REGIME_DAY)
    report = import_odk_submissions(
        world.registry, world.clerk, export_zip([under_old])
    )
    assert msg.ODK_FORM_RULESET.code in _codes(report.outcomes[0].error)
    not_ours = _game(world, "uuid:c4")
    not_ours["ruleset_key"] = ""
    report = import_odk_submissions(world.registry, world.clerk, export_zip([not_ours]))
    assert msg.ODK_NOT_OUR_FORM.code in _codes(report.outcomes[0].error)
    future = _game(world, "uuid:c5")
    future["inspected_on"] = "2999-01-01"
    report = import_odk_submissions(world.registry, world.clerk, export_zip([future]))
    assert msg.FUTURE.code in _codes(report.outcomes[0].error)
    assert _counts(world) == (1, 1, 0, 0)


def test_bad_photos_refuse_their_submission(world):
    fake = _game(world, "uuid:d1", photos=("a.jpg",))
    _refused_alone(
        world,
        [fake, _good(world)],
        msg.PHOTO_TYPE.code,
        media={"a.jpg": b"<script>alert(1)</script>"},
    )
    missing = _game(world, "uuid:d2", photos=("nowhere.jpg",))
    report = import_odk_submissions(world.registry, world.clerk, export_zip([missing]))
    assert msg.ODK_PHOTO_MISSING.code in _codes(report.outcomes[0].error)
    # A photo that unpacks to 50 MB of zeros: only the limit plus one byte is read.
    bomb = _game(world, "uuid:d3", photos=("bomb.jpg",))
    report = import_odk_submissions(
        world.registry,
        world.clerk,
        export_zip([bomb], media={"bomb.jpg": b"\xff\xd8" + bytes(50 * 2**20)}),
    )
    assert msg.PHOTO_SIZE.code in _codes(report.outcomes[0].error)
    assert _counts(world) == (1, 1, 0, 0)


def test_path_traversal_names_are_never_read(world):
    climbing = _game(world, "uuid:e1", photos=("../../etc/passwd",))
    _refused_alone(
        world,
        [climbing, _good(world)],
        msg.ODK_PHOTO_NAME.code,
        extra={"../../etc/passwd": image_bytes("JPEG")},
    )
    # The same bytes under a climbing member name are not a media file.
    hidden = _game(world, "uuid:e2", photos=("passwd.jpg",))
    report = import_odk_submissions(
        world.registry,
        world.clerk,
        export_zip([hidden], extra={"media/../../passwd.jpg": image_bytes("JPEG")}),
    )
    assert msg.ODK_PHOTO_MISSING.code in _codes(report.outcomes[0].error)
    for name in ("/etc/passwd", "..\\..\\boot.ini", ".."):
        row = _game(world, f"uuid:e-{abs(hash(name))}", photos=(name,))
        report = import_odk_submissions(world.registry, world.clerk, export_zip([row]))
        assert report.outcomes[0].status == "refused", name
    assert _counts(world) == (1, 1, 0, 0)


def test_hostile_ids_answers_and_questions(world):
    for instance in ("<script>alert(1)</script>", '=HYPERLINK("http://x")', "x" * 101):
        row = _game(world, instance)
        report = import_odk_submissions(world.registry, world.clerk, export_zip([row]))
        assert msg.ODK_INSTANCE_ID.code in _codes(report.outcomes[0].error)
        assert report.outcomes[0].instance_id is None
    answer = _game(world, "uuid:f1", answers={"game.sign": "<script>alert(1)</script>"})
    _refused_alone(world, [answer, _good(world)], msg.ODK_ANSWER.code)
    extra = _game(world, "uuid:f2")
    extra["checklist-r_game_free_wifi"] = "yes"
    report = import_odk_submissions(world.registry, world.clerk, export_zip([extra]))
    assert msg.ODK_UNKNOWN_QUESTION.code in _codes(report.outcomes[0].error)
    # An answer to a game rule in an Internet agent's submission.
    crossed = _good(world, "uuid:f3")
    crossed["checklist-r_game_sign"] = "no"
    report = import_odk_submissions(world.registry, world.clerk, export_zip([crossed]))
    assert msg.ODK_UNKNOWN_QUESTION.code in _codes(report.outcomes[0].error)
    gps = _game(world, "uuid:f4")
    gps["gps-Latitude"], gps["gps-Longitude"] = "=1+1", "105"
    report = import_odk_submissions(world.registry, world.clerk, export_zip([gps]))
    assert msg.ODK_GPS.code in _codes(report.outcomes[0].error)
    rule = _game(world, "uuid:f5")
    report = import_odk_submissions(
        world.registry,
        world.clerk,
        export_zip([rule], violations=[violation_row(rule["KEY"], 1, "<b>x</b>", "y")]),
    )
    assert msg.UNKNOWN_RULE.code in _codes(report.outcomes[0].error)
    assert _counts(world) == (1, 1, 0, 0)


@pytest.mark.parametrize("text", STORED)
def test_hostile_free_text_is_stored_as_typed(world, text):
    row = _game(
        world,
        "uuid:g1",
        summary=text,
        answers={"game.sign": "no"},
        notes={"game.sign": text},
    )
    report = import_odk_submissions(
        world.registry,
        world.clerk,
        export_zip([row], violations=[violation_row(row["KEY"], 1, "game.sign", text)]),
    )
    outcome = report.outcomes[0]
    assert outcome.status == "created", str(outcome.error)
    view = get_inspection(world.registry, world.clerk, outcome.inspection_id)
    assert view["summary"] == text
    assert view["violations"][0]["description"] == text
    assert {i["rule_id"]: i["note"] for i in view["items"]}["game.sign"] == text
    tally.record(MEASURE, tried=1, stored=1)


@pytest.mark.parametrize("text", REFUSED)
def test_control_characters_refuse_the_submission(world, text):
    row = _game(world, "uuid:h1", summary=text)
    report = import_odk_submissions(world.registry, world.clerk, export_zip([row]))
    assert kernel_msg.TEXT_CONTROL.code in _codes(report.outcomes[0].error)
    assert _counts(world) == (0, 0, 0, 0)


def test_open_draft_of_the_point(world):
    open_inspection(
        world.registry, world.clerk, world.game, inspected_on=NEW_REGIME_DAY
    )
    report = _refused_alone(
        world, [_game(world, "uuid:i1"), _good(world)], msg.DRAFT_EXISTS.code
    )
    assert report.outcomes[0].inspection_id is None


def test_broken_files_are_refused_whole(world):
    def refused(data, code):
        with pytest.raises(ValidationError) as caught:
            import_odk_submissions(world.registry, world.clerk, data)
        assert code in _codes(caught.value)
        tally.record(MEASURE, tried=1, refused=1)

    refused(b"PK\x03\x04 not really", msg.ODK_NOT_ZIP.code)
    refused(b"<script>alert(1)</script>", msg.ODK_NOT_ZIP.code)
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("media/a.jpg", image_bytes("JPEG"))
    refused(empty.getvalue(), msg.ODK_NO_SUBMISSIONS.code)
    # OData JSON that is not a list of submissions, or nested beyond reason.
    refused(b'{"value": 5}', msg.ODK_NO_SUBMISSIONS.code)
    refused(
        b'{"value": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}",
        msg.ODK_NO_SUBMISSIONS.code,
    )
    # Deep but parseable: read, and its submission refused (it has no id).
    nested = b'{"a":' * 900 + b"1" + b"}" * 900
    report = import_odk_submissions(
        world.registry, world.clerk, b'{"value": [' + nested + b"]}"
    )
    assert [o.status for o in report.outcomes] == ["refused"]
    latin = io.BytesIO()
    with zipfile.ZipFile(latin, "w") as archive:
        archive.writestr("f.csv", "KEY,summary\nuuid:x,Hưng Bình\n".encode("utf-16"))
    refused(latin.getvalue(), msg.ODK_CSV_ENCODING.code)
    # A CSV that unpacks to 40 MB (a few kB in the zip).
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("f.csv", b"KEY\n" + b"a" * (40 * 2**20))
    assert len(bomb.getvalue()) < 200_000
    refused(bomb.getvalue(), msg.ODK_ZIP_TOO_LARGE.code)
    assert _counts(world) == (0, 0, 0, 0)
