"""Submissions from ODK Collect / KoBoCollect (ODK Central's CSV export zip)
imported as drafts: answers, violations, photos, GPS flag; idempotent; the commune
then submits them for review as usual. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from registry.inspections.odk_import import import_odk_submissions
from registry.inspections.review import review_inspection, submit_inspection
from registry.inspections.service import get_inspection, photo_data
from registry.kernel.errors import PermissionDeniedError
from registry.kernel.models import AuditEntry, Inspection, PublicPoint
from tests.inspections.odk_support import export_zip, submission, violation_row
from tests.inspections.support import NEW_REGIME_DAY, image_bytes, world_copy


@pytest.fixture
def world(open_world):
    return world_copy(open_world)


def _position(world, point_id):
    with world.registry.reading() as session:
        point = session.get(PublicPoint, point_id)
        return point.latitude, point.longitude


def _export(world):
    lat, lon = _position(world, world.game)
    game = submission(
        world.game,
        "game_point",
        NEW_REGIME_DAY,
        instance="uuid:0f6a7c1e-0000-4000-8000-000000000001",
        answers={"game.sign": "no"},
        notes={"game.sign": "Biển hiệu thiếu số điện thoại"},
        gps=(lat + 0.0002, lon),
        photos=("1733290000000.jpg", "1733290000001.png"),
        deadline="2025-04-10",
    )
    lat, lon = _position(world, world.agent)
    agent = submission(
        world.agent,
        "internet_agent",
        NEW_REGIME_DAY,
        instance="uuid:0f6a7c1e-0000-4000-8000-000000000002",
        gps=(lat + 0.01, lon),  # about 1.1 km away: flagged
    )
    return export_zip(
        [game, agent],
        violations=[
            violation_row(
                game["KEY"], 1, "game.sign", "Biển hiệu không ghi số điện thoại", 500000
            )
        ],
        media={
            "1733290000000.jpg": image_bytes("JPEG"),
            "1733290000001.png": image_bytes("PNG"),
        },
    )


def test_round_trip_creates_drafts_with_answers_photos_and_gps(world):
    data = _export(world)
    report = import_odk_submissions(world.registry, world.clerk, data)
    assert [o.status for o in report.outcomes] == ["created", "created"], [
        str(o.error) for o in report.outcomes
    ]
    game, agent = report.outcomes
    view = get_inspection(world.registry, world.clerk, game.inspection_id)
    assert view["state"] == "draft" and view["inspector"] == "xa.a"
    assert str(view["inspected_on"]) == str(NEW_REGIME_DAY)
    results = {item["rule_id"]: item for item in view["items"]}
    assert results["game.sign"]["result"] == "fail"
    assert results["game.sign"]["note"] == "Biển hiệu thiếu số điện thoại"
    assert results["game.fire_safety"]["result"] == "pass"
    assert [v["description"] for v in view["violations"]] == [
        "Biển hiệu không ghi số điện thoại"
    ]
    assert view["violations"][0]["proposed_fine_vnd"] == 500000
    assert str(view["follow_up_deadline"]) == "2025-04-10"
    photos = view["photos"]
    assert len(photos) == 2
    served = photo_data(world.registry, world.clerk, photos[0]["id"])
    assert served["content_type"] == "image/jpeg"
    assert bytes(served["data"])[:2] == b"\xff\xd8"
    assert not game.gps_far and game.distance_m < 50
    assert agent.gps_far and 1000 < agent.distance_m < 1300
    record = get_inspection(world.registry, world.clerk, agent.inspection_id)["odk"]
    assert record["gps_far"] and record["submitter"] == "xa.a"
    assert record["latitude"] > 18 and record["accuracy_m"] == 4.8
    with world.registry.reading() as session:
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "import_odk")
        ).all()
    assert len(audit) == 2

    # Re-import: nothing new, and the report says so.
    again = import_odk_submissions(world.registry, world.clerk, data)
    assert [o.status for o in again.outcomes] == ["already_imported"] * 2
    assert [o.inspection_id for o in again.outcomes] == [
        game.inspection_id,
        agent.inspection_id,
    ]
    with world.registry.reading() as session:
        assert session.scalar(select(func.count()).select_from(Inspection)) == 2

    # The commune submits the draft; the district reviews it.
    submitted = submit_inspection(world.registry, world.clerk, game.inspection_id)
    assert submitted["state"] == "submitted"
    reviewed = review_inspection(
        world.registry, world.district, game.inspection_id, "approved"
    )
    assert reviewed["state"] == "approved"


def test_dry_run_stores_nothing(world):
    report = import_odk_submissions(
        world.registry, world.clerk, _export(world), dry_run=True
    )
    assert [o.status for o in report.outcomes] == ["would_create"] * 2
    assert "nothing stored" in report.summary()
    with world.registry.reading() as session:
        assert session.scalar(select(func.count()).select_from(Inspection)) == 0


def test_who_may_import(world):
    data = _export(world)
    for actor in (world.district, world.department, world.viewer, world.operator):
        with pytest.raises(PermissionDeniedError):
            import_odk_submissions(world.registry, actor, data)
    # Another commune's staff may import, but not points outside their commune.
    report = import_odk_submissions(world.registry, world.neighbour, data)
    assert [o.status for o in report.outcomes] == ["refused"] * 2
    assert "outside" in str(report.outcomes[0].error) or "not" in str(
        report.outcomes[0].error
    )
    # The administrator imports for the submitter.
    report = import_odk_submissions(world.registry, world.admin, data)
    assert [o.status for o in report.outcomes] == ["created"] * 2
    view = get_inspection(world.registry, world.admin, report.outcomes[0].inspection_id)
    assert view["inspector"] == "xa.a"


def test_kobo_export_with_semicolons_and_slashes(world):
    import csv
    import io
    import zipfile

    lat, lon = _position(world, world.agent)
    row = submission(
        world.agent,
        "internet_agent",
        NEW_REGIME_DAY,
        instance="ignored",
        gps=(lat, lon),
        photos=("p.jpg",),
    )
    kobo = {}
    for column, value in row.items():
        if column in {"KEY", "SubmitterName", "meta-instanceID", "SubmitterID"}:
            continue
        kobo[column.replace("-", "/")] = value
    kobo["_uuid"] = "5b1e6a52-1b5c-4a3f-9a53-0d8d1bd7b8c9"
    kobo["_submitted_by"] = "xa.a"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, list(kobo), delimiter=";")
    writer.writeheader()
    writer.writerow(kobo)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("kiem_tra.csv", buffer.getvalue().encode("utf-8"))
        # KoBoToolbox's media: USER/attachments/UUID/NAME; the same name for
        # another submission must not be taken for this one's.
        folder = "xa.a/attachments"
        archive.writestr(f"{folder}/{kobo['_uuid']}/p.jpg", image_bytes("JPEG"))
        archive.writestr(f"{folder}/0000-other/p.jpg", b"not this one")
    report = import_odk_submissions(world.registry, world.clerk, out.getvalue())
    assert [o.status for o in report.outcomes] == ["created"], [
        str(o.error) for o in report.outcomes
    ]
    assert report.outcomes[0].instance_id == kobo["_uuid"]
    view = get_inspection(world.registry, world.clerk, report.outcomes[0].inspection_id)
    assert len(view["photos"]) == 1


def test_odata_json_with_photos_in_a_zip_and_alone(world):
    import io
    import json
    import zipfile

    from registry.rules import compliance as rules

    lat, lon = _position(world, world.game)
    checklist = {
        f"r_{rule.id.replace('.', '_')}": "yes"
        for rule in rules.ruleset_on(NEW_REGIME_DAY).rules_for("game_point")
    }
    checklist["r_game_sign"] = "no"
    checklist["n_game_sign"] = "Không có biển hiệu"
    item = {
        "__id": "uuid:odata-1",
        "ruleset_key": "nd147-2024",
        "ruleset_version": "1",
        "inspected_on": str(NEW_REGIME_DAY),
        "point_kind": "game_point",
        "point": str(world.game),
        "gps": {
            "type": "Point",
            "coordinates": [lon, lat, 12.0],
            "properties": {"accuracy": 3.5},
        },
        "checklist": checklist,
        "violations@odata.navigationLink": "Submissions('uuid:odata-1')/violations",
        "violations": [
            {
                "__id": "v1",
                "rule": "game.sign",
                "description": "Không có biển hiệu",
                "fine_vnd": 1000000,
            }
        ],
        "photo_1": "p.jpg",
        "meta": {"instanceID": "uuid:odata-1"},
        "__system": {"submitterName": "xa.a", "formVersion": "1.202612040000"},
    }
    document = json.dumps({"@odata.context": "x", "value": [item]}).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Submissions.json", document)
        archive.writestr("media/p.jpg", image_bytes("JPEG"))
    report = import_odk_submissions(world.registry, world.clerk, buffer.getvalue())
    outcome = report.outcomes[0]
    assert outcome.status == "created", str(outcome.error)
    view = get_inspection(world.registry, world.clerk, outcome.inspection_id)
    assert {i["rule_id"]: i["result"] for i in view["items"]}["game.sign"] == "fail"
    assert view["violations"][0]["proposed_fine_vnd"] == 1_000_000
    assert len(view["photos"]) == 1
    assert view["odk"]["accuracy_m"] == 3.5 and view["odk"]["form_version"]
    # The JSON alone: the same submission is already imported.
    again = import_odk_submissions(world.registry, world.clerk, document)
    assert again.outcomes[0].status == "already_imported"
