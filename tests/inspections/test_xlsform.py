"""The XLSForm for ODK Collect / KoBoCollect: converted by pyxform (the reference
converter) for both rule sets, carrying exactly the rule set's questions, and made
only for a commune of the actor's area. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import re
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from registry.access.users import find_actor
from registry.inspections.xlsform import (
    FORM_PHOTOS,
    answer_name,
    inspection_form,
    note_name,
)
from registry.kernel.errors import (
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from registry.rules import compliance as rules
from tests.factories import commune_centroid
from tests.inspections.support import NEW_REGIME_DAY, OLD_REGIME_DAY, world_copy

XF = "{http://www.w3.org/2002/xforms}"


@pytest.fixture
def world(open_world):
    return world_copy(open_world)


def _code(world, name="Hưng Dũng"):
    return commune_centroid(world.registry, name)[2]


def _xform(data: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(convert(io.BytesIO(data)).xform)


def _data_node(root):
    instance = root.find(f".//{XF}instance")
    return next(iter(instance))


@pytest.mark.parametrize("day", [OLD_REGIME_DAY, NEW_REGIME_DAY])
def test_form_of_each_rule_set_converts_with_exactly_its_questions(world, day):
    ruleset = rules.ruleset_on(day)
    form = inspection_form(
        world.registry, world.clerk, commune_code=_code(world), on=day
    )
    assert (form.ruleset_key, form.ruleset_version) == (ruleset.key, ruleset.version)
    root = _xform(form.data)
    data = _data_node(root)
    assert data.get("id") == form.form_id and ruleset.key.replace("-", "_") in (
        form.form_id
    )
    assert data.get("version") == form.version
    assert form.version.startswith(f"{ruleset.version}.")
    checklist = data.find(f"{XF}checklist")
    names = [child.tag.removeprefix(XF) for child in checklist]
    expected = []
    for rule in ruleset.rules:
        expected += [answer_name(rule.id), note_name(rule.id)]
    assert names == expected
    # The hidden fields carry the rule set into every submission.
    binds = {b.get("nodeset"): b for b in root.iter(f"{XF}bind")}
    assert binds["/" + data.tag.removeprefix(XF) + "/ruleset_key"].get("calculate") == (
        f"'{ruleset.key}'"
    )
    photos = [c.tag for c in data if c.tag.removeprefix(XF).startswith("photo_")]
    assert len(photos) == FORM_PHOTOS
    # The points list: the commune's two points, the Nghi Văn one absent.
    text = convert(io.BytesIO(form.data)).xform
    assert f">{world.game}<" in text and f">{world.agent}<" in text
    assert f">{world.far_game}<" not in text
    itemsets = re.findall(r'itemset nodeset="([^"]*)"', text)
    assert any(re.search(r"kind\s*=\s*.*point_kind", n) for n in itemsets), itemsets
    assert form.points == 2


def test_hostile_point_names_stay_text(world):
    from registry.records.by_kind import POINTS
    from tests.factories import point_values

    admin = find_actor(world.registry, "admin")
    POINTS.create(
        world.registry,
        admin,
        point_values(
            world.registry,
            name='=HYPERLINK("http://x.invalid","bấm") ${point}',
            address="<script>alert(1)</script>",
        ),
    )
    form = inspection_form(
        world.registry, world.clerk, commune_code=_code(world), on=NEW_REGIME_DAY
    )
    book = load_workbook(io.BytesIO(form.data))
    cells = [c for row in book["choices"].iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    labels = [str(c.value) for c in cells if "HYPERLINK" in str(c.value or "")]
    assert labels and all("${" not in label for label in labels)
    xml = convert(io.BytesIO(form.data)).xform
    assert "<script>" not in xml and "&lt;script&gt;" in xml


def test_who_may_make_the_form(world):
    code = _code(world)
    for actor in (world.district, world.department, world.admin):
        assert inspection_form(world.registry, actor, commune_code=code).points == 2
    for actor in (world.neighbour, world.other_district, world.outsider):
        with pytest.raises(PermissionDeniedError):
            inspection_form(world.registry, actor, commune_code=code)
    with pytest.raises(PermissionDeniedError):
        inspection_form(world.registry, world.operator, commune_code=code)


def test_refusals(world):
    code = _code(world)
    with pytest.raises(NotFoundError, match="does not exist"):
        inspection_form(world.registry, world.admin, commune_code="99999")
    with pytest.raises(ValidationError, match="rule set in force"):
        inspection_form(
            world.registry,
            world.clerk,
            commune_code=code,
            on=NEW_REGIME_DAY,
            ruleset_key=rules.ruleset_on(OLD_REGIME_DAY).key,
        )
    with pytest.raises(ValidationError, match="covered by a rule set"):
        inspection_form(world.registry, world.clerk, commune_code=code, on="2001-01-01")
    with pytest.raises(ValidationError, match="has none"):
        inspection_form(
            world.registry,
            world.neighbour,
            commune_code=_code(world, "Hưng Bình"),
        )
