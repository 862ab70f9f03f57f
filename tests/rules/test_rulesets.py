"""Rule-set files: the bundled regimes, the rule set in force on a day, bad files."""

from __future__ import annotations

import os
from datetime import date, datetime, time

import pytest

from registry.kernel.errors import ConfigurationError, NotFoundError, ValidationError
from registry.kernel.settings import load_config
from registry.rules.checks import _AUTOMATIC
from registry.rules.compliance import (
    CHECKS,
    NoRuleSetError,
    RuleSetError,
    load_rulesets,
    ruleset_by_key,
    ruleset_on,
)

GOOD_RULE = """
[[rules]]
id = "game.hours"
applies_to = ["game_point"]
check = "hours_within"
threshold = { opens = "08:00", closes = "22:00" }
automatic = true
message_vi = "Chỉ mở cửa trong khoảng 08:00–22:00"
message_en = "Open only between 08:00 and 22:00"
"""


def _ruleset_text(key, start, end=None, rules=GOOD_RULE, extra=""):
    end_line = f"effective_to = {end}\n" if end else ""
    return (
        f'key = "{key}"\nversion = 1\ntitle_vi = "Thử"\ntitle_en = "Test"\n'
        f"effective_from = {start}\n{end_line}"
        f'source = "Nghị định thử (chưa xác minh / unverified)"\n{extra}{rules}'
    )


def _folder(tmp_path, *files):
    """A folder of rule-set files given as (key, text) pairs."""
    folder = tmp_path / "rulesets"
    folder.mkdir()
    for key, text in files:
        (folder / f"{key}.toml").write_text(text, encoding="utf-8")
    return folder


# -- the bundled rule sets -----------------------------------------------------


def test_the_bundled_rule_sets_are_the_two_regimes_in_date_order():
    rulesets = load_rulesets()
    assert [r.key for r in rulesets] == ["nd72-2013-nd27-2018", "nd147-2024"]
    old, new = rulesets
    assert old.effective_to == date(2024, 12, 24) and new.effective_to is None
    assert new.effective_from == date(2024, 12, 25)
    for ruleset in rulesets:
        assert ruleset.version >= 1 and len(ruleset.sha256) == 64
        assert "unverified" in ruleset.source
        assert all(rule.message_vi and rule.message_en for rule in ruleset.rules)


@pytest.mark.parametrize(
    ("day", "key"),
    [
        (date(2018, 3, 1), "nd72-2013-nd27-2018"),
        (date(2024, 12, 24), "nd72-2013-nd27-2018"),
        (date(2024, 12, 25), "nd147-2024"),
        (date(2030, 1, 1), "nd147-2024"),
    ],
)
def test_the_rule_set_in_force_switches_on_25_december_2024(day, key):
    assert ruleset_on(day).key == key


def test_the_old_regime_has_the_school_distance_and_area_rules_and_the_new_not():
    old, new = ruleset_on(date(2024, 12, 24)), ruleset_on(date(2024, 12, 25))
    assert old.rule("game.school_distance").threshold == {"metres": 200}
    assert dict(old.rule("game.floor_area").threshold) == {
        "class_I_III": 50,
        "class_IV_V": 40,
        "other": 30,
    }
    checks = {rule.check for rule in new.rules}
    assert not checks & {"school_distance_min", "floor_area_min_by_urban_class"}
    assert "unverified" in new.source and "dropped" in new.source


@pytest.mark.parametrize("day", [date(2024, 12, 24), date(2024, 12, 25)])
def test_both_regimes_hold_game_points_to_8_to_22_and_three_year_certificates(day):
    ruleset = ruleset_on(day)
    assert dict(ruleset.rule("game.hours").threshold) == {
        "opens": "08:00",
        "closes": "22:00",
    }
    assert ruleset.rule("game.certificate").threshold == {"years": 3}
    assert ruleset.rule("internet.hours").threshold == {
        "setting": "REGISTRY_INTERNET_HOURS"
    }


def test_every_kind_of_point_has_rules_and_manual_checks_are_not_automatic():
    for ruleset in load_rulesets():
        for kind in ("game_point", "internet_agent", "isp_point", "venue"):
            assert ruleset.rules_for(kind), (ruleset.key, kind)
        for rule in ruleset.rules:
            assert not rule.automatic or CHECKS[rule.check][0]


def test_every_automatic_check_has_a_function():
    assert {name for name, (auto, _) in CHECKS.items() if auto} == set(_AUTOMATIC)


def test_a_day_before_any_rule_set_is_refused_naming_the_periods():
    with pytest.raises(NoRuleSetError) as caught:
        ruleset_on(date(2017, 12, 31))
    assert isinstance(caught.value, NotFoundError)
    assert "31/12/2017" in str(caught.value) and "2018-03-01" in str(caught.value)


def test_a_date_and_time_is_not_taken_for_a_day():
    with pytest.raises(ValidationError):
        ruleset_on(datetime(2025, 1, 1, 8, 0))


def test_a_rule_set_is_found_by_key_and_version():
    assert ruleset_by_key("nd147-2024", 1).key == "nd147-2024"
    with pytest.raises(NotFoundError, match="version"):
        ruleset_by_key("nd147-2024", 99)
    with pytest.raises(NotFoundError):
        ruleset_by_key("nd00-1999")


# -- files that are refused ----------------------------------------------------


def test_a_good_folder_of_test_files_loads(tmp_path):
    folder = _folder(
        tmp_path,
        ("old", _ruleset_text("old", "2020-01-01", "2020-12-31")),
        ("new", _ruleset_text("new", "2021-01-01")),
    )
    assert [r.key for r in load_rulesets(folder)] == ["old", "new"]
    assert ruleset_on(date(2021, 5, 1), directory=folder).key == "new"


def test_overlapping_periods_are_refused_naming_both_files(tmp_path):
    folder = _folder(
        tmp_path,
        ("old", _ruleset_text("old", "2020-01-01", "2021-01-01")),
        ("new", _ruleset_text("new", "2021-01-01")),
    )
    with pytest.raises(RuleSetError) as caught:
        load_rulesets(folder)
    message = str(caught.value)
    assert "'new.toml'" in message and "'old.toml'" in message
    assert "overlaps" in message


def test_an_open_ended_rule_set_followed_by_another_is_an_overlap(tmp_path):
    folder = _folder(
        tmp_path,
        ("old", _ruleset_text("old", "2020-01-01")),
        ("new", _ruleset_text("new", "2021-01-01")),
    )
    with pytest.raises(RuleSetError, match="overlaps"):
        load_rulesets(folder)


BAD_RULES = [
    (
        GOOD_RULE.replace('"hours_within"', '"moon_phase"'),
        "unknown check 'moon_phase'",
    ),
    (
        GOOD_RULE.replace('message_en = "Open only between 08:00 and 22:00"\n', ""),
        "message_en is missing",
    ),
    (
        GOOD_RULE.replace("Chỉ mở cửa trong khoảng 08:00–22:00", "  "),
        "message_vi is missing or empty",
    ),
    (
        GOOD_RULE.replace('["game_point"]', '["casino"]'),
        "expected a list of point kinds",
    ),
    (
        GOOD_RULE.replace('opens = "08:00", closes', "metres = 200, closes"),
        "check hours_within takes {closes, opens} or {setting}",
    ),
    (GOOD_RULE.replace('"22:00" }', '"25:00" }'), "closes = '25:00'"),
    (GOOD_RULE.replace('"22:00" }', '"07:00" }'), "closes should come after opens"),
    (
        GOOD_RULE.replace("automatic = true", 'automatic = "yes"'),
        "automatic should be true or false",
    ),
    (
        GOOD_RULE.replace('check = "hours_within"', 'check = "sign_posted"').replace(
            'threshold = { opens = "08:00", closes = "22:00" }\n', ""
        ),
        "cannot be automatic",
    ),
    (GOOD_RULE + "colour = 'red'\n", "unknown field(s) colour"),
    (GOOD_RULE + GOOD_RULE, "the id is used by two rules"),
]


@pytest.mark.parametrize(("rules", "words"), BAD_RULES)
def test_a_bad_rule_is_refused_naming_the_file_and_the_rule(tmp_path, rules, words):
    folder = _folder(tmp_path, ("bad", _ruleset_text("bad", "2020-01-01", rules=rules)))
    with pytest.raises(RuleSetError) as caught:
        load_rulesets(folder)
    message = str(caught.value)
    assert message.startswith("Rule set file 'bad.toml', rule 'game.hours': ")
    assert words in message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (_ruleset_text("bad", "2020-01-01", rules=""), "no rules"),
        (_ruleset_text("other", "2020-01-01"), "should be the file name 'bad'"),
        (_ruleset_text("bad", "2020-01-01", "2019-01-01"), "is before effective_from"),
        (_ruleset_text("bad", "'soon'"), "expected a date like 2024-12-25"),
        (_ruleset_text("bad", "2020-01-01", extra="author = 'x'\n"), "author"),
        ('key = "bad"\nversion = [', "not valid TOML"),
        (
            _ruleset_text("bad", "2020-01-01").replace("version = 1", "version = 0"),
            "version = 0",
        ),
        (
            _ruleset_text("bad", "2020-01-01").replace(
                'source = "Nghị định thử (chưa xác minh / unverified)"\n', ""
            ),
            "source is missing",
        ),
    ],
)
def test_a_bad_file_is_refused_naming_the_file(tmp_path, text, words):
    folder = _folder(tmp_path, ("bad", text))
    with pytest.raises(RuleSetError) as caught:
        load_rulesets(folder)
    assert str(caught.value).startswith("Rule set file 'bad.toml'")
    assert words in str(caught.value)


def test_an_empty_folder_is_refused(tmp_path):
    with pytest.raises(RuleSetError, match="no rule-set files"):
        load_rulesets(tmp_path)


def test_a_changed_file_is_read_again(tmp_path):
    folder = _folder(tmp_path, ("only", _ruleset_text("only", "2020-01-01")))
    assert load_rulesets(folder)[0].version == 1
    path = folder / "only.toml"
    path.write_text(
        _ruleset_text("only", "2020-01-01").replace("version = 1", "version = 2"),
        encoding="utf-8",
    )
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load_rulesets(folder)[0].version == 2


# -- the province's Internet hours (a setting) ------------------------------------


@pytest.mark.parametrize(
    ("value", "hours"),
    [
        ("", (time(6, 0), time(23, 0))),  # the default
        ("07:00-22:00", (time(7, 0), time(22, 0))),
        ("7:30 - 21:45", (time(7, 30), time(21, 45))),
    ],
)
def test_the_internet_hours_setting_is_read_at_start_up(value, hours):
    config = load_config({"REGISTRY_INTERNET_HOURS": value})
    assert config.internet_hours == hours


@pytest.mark.parametrize("value", ["22:00-06:00", "08:00", "8h-22h", "24:00-25:00"])
def test_internet_hours_that_cannot_be_used_are_refused(value):
    with pytest.raises(ConfigurationError, match="REGISTRY_INTERNET_HOURS"):
        load_config({"REGISTRY_INTERNET_HOURS": value})
