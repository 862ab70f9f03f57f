"""Messages declared in ``registry/<package>/messages.toml``: every constant the code
names exists, every declared message is used, and malformed files are refused.

The ``messages`` modules make their constants from the TOML files at import time,
so no linter sees a misspelt ``msg.NAME``; this file reads the code instead.
"""

from __future__ import annotations

import ast
import importlib
import tomllib
from pathlib import Path

import pytest

from registry.kernel.errors import Message, message_declarations

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = sorted(p.parent.name for p in (ROOT / "registry").glob("*/messages.toml"))
PRODUCTION = sorted(
    [
        ROOT / "app.py",
        *(ROOT / "registry").rglob("*.py"),
        *(ROOT / "ui").rglob("*.py"),
        *(ROOT / "pages").glob("*.py"),
    ]
)
TESTS = sorted((ROOT / "tests").rglob("*.py"))


def message_references(path: Path) -> set[tuple[str, str]]:
    """(package, constant) of every message ``path`` names.

    Follows ``from registry.<package> import messages [as alias]`` (then
    ``alias.NAME``), ``import registry.<package>.messages as alias`` and
    ``from registry.<package>.messages import NAME``.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: dict[str, str] = {}  # local name -> package
    found: set[tuple[str, str]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            parts = node.module.split(".")
            if parts[0] != "registry":
                continue
            for alias in node.names:
                if len(parts) == 2 and alias.name == "messages":
                    modules[alias.asname or alias.name] = parts[1]
                elif len(parts) == 3 and parts[2] == "messages":
                    found.add((parts[1], alias.name))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if len(parts) == 3 and parts[::2] == ["registry", "messages"]:
                    assert alias.asname, f"{path}: import {alias.name} as a name"
                    modules[alias.asname] = parts[1]
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
        ):
            found.add((modules[node.value.id], node.attr))
    return found


def declared() -> set[tuple[str, str]]:
    """(package, constant) of every message the ``messages`` modules hold."""
    found = set()
    for package in PACKAGES:
        module = importlib.import_module(f"registry.{package}.messages")
        found |= {
            (package, name)
            for name, value in vars(module).items()
            if isinstance(value, Message)
        }
    return found


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", PRODUCTION + TESTS, ids=_relative)
def test_every_message_the_code_names_is_declared(path):
    assert message_references(path) - declared() == set()


def test_every_declared_message_is_used_by_the_registry_or_the_interface():
    used = set().union(*(message_references(path) for path in PRODUCTION))
    assert declared() - used == set()


def test_every_registry_package_with_messages_declares_them_in_toml():
    modules = sorted(p.parent.name for p in (ROOT / "registry").glob("*/messages.py"))
    assert modules == PACKAGES
    assert "permits" in PACKAGES


@pytest.mark.parametrize("package", PACKAGES)
def test_each_messages_module_holds_exactly_its_file(package):
    path = ROOT / "registry" / package / "messages.toml"
    text = path.read_text(encoding="utf-8")
    expected = message_declarations(f"registry.{package}", text)
    assert len(expected) == len(tomllib.loads(text))
    module = importlib.import_module(f"registry.{package}.messages")
    held = {
        name: (value.code, value.english)
        for name, value in vars(module).items()
        if isinstance(value, Message)
    }
    assert held == expected
    assert module.__doc__ and module.__doc__.strip()


def test_the_reference_scanner_follows_the_import_forms(tmp_path):
    source = tmp_path / "user.py"
    source.write_text(
        "from registry.permits import messages as msg\n"
        "from registry.records import messages\n"
        "import registry.units.messages as units_msg\n"
        "from registry.files.messages import EMPTY as EMPTY_FILE\n"
        "from ui.common import messages as ui_messages\n"
        "msg.KIND, messages.REQUIRED, units_msg.LEVEL, ui_messages.error_text\n",
        encoding="utf-8",
    )
    assert message_references(source) == {
        ("permits", "KIND"),
        ("records", "REQUIRED"),
        ("units", "LEVEL"),
        ("files", "EMPTY"),
    }


def test_a_misspelt_constant_is_noticed(tmp_path):
    source = tmp_path / "user.py"
    source.write_text(
        "from registry.permits import messages as msg\nmsg.APPLICATION_NOT_FOUNDD\n",
        encoding="utf-8",
    )
    assert message_references(source) - declared() == {
        ("permits", "APPLICATION_NOT_FOUNDD")
    }


def test_constant_names_come_from_the_codes_or_the_entry():
    text = (
        '"permits.kind" = "{kinds}"\n'
        '"permits.a_row" = "a row"\n'
        '"permits.x" = { name = "OLD_NAME", english = "x" }\n'
    )
    assert message_declarations("registry.permits", text) == {
        "KIND": ("permits.kind", "{kinds}"),
        "A_ROW": ("permits.a_row", "a row"),
        "OLD_NAME": ("permits.x", "x"),
    }


@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ('"maps.year" = "a year"', "should start with 'permits.'"),
        ('permits.kind = "unquoted, so a table"', "should start with 'permits.'"),
        ('"permits.kind" = 3', "should be an English template"),
        ('"permits.kind" = { english = "x" }', "should be an English template"),
        ('"permits.kind" = { name = "kind", english = "x" }', "no constant name"),
        ('"permits.kind" = { name = "KIND", english = 3 }', "should be a string"),
        ('"permits.9" = "x"', "no constant name"),
        (
            '"permits.kind" = "x"\n"permits.y" = { name = "KIND", english = "y" }',
            "constant KIND is named by two codes",
        ),
    ],
)
def test_a_malformed_messages_file_is_refused(text, refusal):
    with pytest.raises(ValueError, match=refusal) as raised:
        message_declarations("registry.permits", text)
    assert "registry/permits/messages.toml" in str(raised.value)


def test_a_code_written_twice_is_refused_by_the_toml_reader():
    with pytest.raises(tomllib.TOMLDecodeError):
        message_declarations("registry.maps", '"maps.a" = "x"\n"maps.a" = "y"\n')
