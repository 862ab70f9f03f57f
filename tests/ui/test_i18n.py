"""Texts of the interface: both languages, one definition per key, NFC, all used."""

from __future__ import annotations

import ast
import string
import unicodedata
from pathlib import Path

import pytest

from geodata.editions import EDITIONS
from registry.files.imports import IMPORT_GROUPS
from registry.kernel.vocabulary import PointStatus, Role, SiteStatus
from ui.common.i18n import (
    _pair,
    all_texts,
    field_label,
    merge_texts,
    number,
    operator_label,
    text_in,
    texts_by_module,
    value_label,
)
from ui.shell.menu import PAGES

ROOT = Path(__file__).resolve().parents[2]
UI_FILES = sorted(
    [ROOT / "app.py", *(ROOT / "ui").rglob("*.py"), *(ROOT / "pages").glob("*.py")]
)
AUDIT_ACTIONS = (
    "create",
    "update",
    "change_status",
    "retire",
    "create_batch",
    "import_boundaries",
)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_has_a_vietnamese_and_an_english_version():
    for key, pair in all_texts().items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        vi, en = pair
        assert isinstance(vi, str) and vi.strip(), f"{key}: Vietnamese missing"
        assert isinstance(en, str) and en.strip(), f"{key}: English missing"


def test_no_key_is_defined_in_two_modules():
    seen: dict[str, str] = {}
    for module, texts in texts_by_module().items():
        for key in texts:
            assert key not in seen, f"{key!r} in ui/texts/{seen[key]}.toml and {module}"
            seen[key] = module


def test_merging_refuses_a_key_defined_twice():
    with pytest.raises(ValueError, match="'x.y' is defined in ui/texts/a.toml and"):
        merge_texts({"a": {"x.y": ("a", "a")}, "b": {"x.y": ("b", "b")}})


def test_every_text_file_is_read():
    files = sorted(p.stem for p in (ROOT / "ui" / "texts").glob("*.toml"))
    assert files and sorted(texts_by_module()) == files
    assert not set((ROOT / "ui" / "texts").glob("*.py")) - {
        ROOT / "ui" / "texts" / "__init__.py"
    }


@pytest.mark.parametrize(
    "pair", [["vi"], ["vi", "en", "fr"], "vi", ["vi", 3], {"title": ["vi", "en"]}]
)
def test_a_text_that_is_not_a_vietnamese_and_english_pair_is_refused(pair):
    with pytest.raises(ValueError, match="should be \\[Vietnamese, English\\]"):
        _pair("maps", "maps.x", pair)


def test_texts_are_stored_nfc():
    for key, (vi, en) in all_texts().items():
        assert unicodedata.normalize("NFC", vi) == vi, f"{key}: Vietnamese not NFC"
        assert unicodedata.normalize("NFC", en) == en, f"{key}: English not NFC"


def test_both_languages_take_the_same_placeholders():
    for key, (vi, en) in all_texts().items():
        assert _placeholders(vi) == _placeholders(en), key


def _literal_keys(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    keys = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("t", "text_in")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            keys.add(node.args[0].value)
    return keys


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_key_used_in_the_code_exists(path):
    assert _literal_keys(path) - set(all_texts()) == set()


def test_keys_built_from_data_exist():
    built = {page.text_key for page in PAGES}
    built |= {f"group.{group}" for group in IMPORT_GROUPS}
    built |= {f"action.{action}" for action in AUDIT_ACTIONS}
    built |= {f"edition.{edition}" for edition in EDITIONS}
    built |= {f"entity.{kind}" for kind in ("site", "point", "user", "admin_units")}
    built |= {f"reg.create_{kind}" for kind in ("site", "point")}
    built |= {f"reg.tab_{name}" for name in ("edit", "status", "retire")}
    built |= {f"io.tab_{name}" for name in ("import", "export")}
    assert built - set(all_texts()) == set()


def test_a_text_is_formatted_in_the_language_asked_for():
    assert text_in("home.batch_records", "vi", count=3) == "3 bản ghi"
    assert text_in("home.batch_records", "en", count=3) == "3 records"


def test_numbers_are_written_the_vietnamese_way_by_default():
    assert number(5000) == "5.000"
    assert number(12345.678, 2) == "12.345,68"
    assert number(0.5, 1) == "0,5"


def test_an_unknown_key_raises_key_error():
    with pytest.raises(KeyError):
        text_in("no.such.key", "vi")


def test_labels_come_from_the_registry_catalogues():
    assert field_label("site", "latitude") == "Vĩ độ"
    assert field_label("point", "owner_name") == "Chủ điểm"
    assert field_label("site", "commune_name_2025_07") == "Xã/phường (từ 1/7/2025)"
    assert value_label(SiteStatus.ON_AIR.value) == "Đang phát sóng"
    assert value_label(PointStatus.REVOKED.value) == "Bị thu hồi giấy chứng nhận"
    assert value_label(Role.COMMUNE.value) == "Cán bộ xã/phường"
    assert value_label(None) == ""
    assert operator_label("04") == "04 – Viettel"


def test_the_default_language_outside_a_session_is_vietnamese():
    from ui.common.i18n import language, t

    assert language() == "vi"
    assert t("menu.registry") == "Sổ đăng ký"
