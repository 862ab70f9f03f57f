"""Vietnamese unit-name folding and matching, on real Nghệ An names."""

from __future__ import annotations

import unicodedata

import pytest

from geodata.adminunits import load_admin_units
from geodata.errors import InvalidInputError
from geodata.names import (
    NameMatcher,
    build_name_index,
    fold_name,
    match_unit,
    match_unit_detailed,
    spelling_key,
    split_prefix,
)

NGHE_AN = "40"


@pytest.fixture(scope="module")
def legacy():
    return load_admin_units(NGHE_AN, "2025-06")


@pytest.fixture(scope="module")
def new():
    return load_admin_units(NGHE_AN, "2025-07")


def code_of(units, name):
    (code,) = units.loc[units["name"] == name, "code"]
    return code


# Folding


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Huyện Nghi Lộc", "nghiloc"),
        ("huyện nghi lộc", "nghiloc"),
        ("HUYỆN NGHI LỘC", "nghiloc"),
        ("HuyệnNghi Lộc", "nghiloc"),
        ("Huyen Nghi Loc", "nghiloc"),
        ("HuyenNghi Loc", "nghiloc"),
        ("H. Nghi Lộc", "nghiloc"),
        ("Nghi  Lộc", "nghiloc"),
        ("NghiLộc", "nghiloc"),
        (" Nghi-Lộc. ", "nghiloc"),
        ("Thành phố Vinh", "vinh"),
        ("Thanh pho Vinh", "vinh"),
        ("TP. Vinh", "vinh"),
        ("TP.Vinh", "vinh"),
        ("TP Vinh", "vinh"),
        ("Tp Vinh", "vinh"),
        ("TPVinh", "vinh"),
        ("Thị xã Thái Hòa", "thaihoa"),
        ("Thị xã Thái Hoà", "thaihoa"),
        ("Thi xa Thai Hoa", "thaihoa"),
        ("TX. Thái Hòa", "thaihoa"),
        ("TX.Thái Hoà", "thaihoa"),
        ("Thị trấn Quỳ Hợp", "quyhop"),
        ("Thi tran Quy Hop", "quyhop"),
        ("TT. Quỳ Hợp", "quyhop"),
        ("TT Quỳ Hợp", "quyhop"),
        ("Xã Hưng Hòa", "hunghoa"),
        ("Xa Hung Hoa", "hunghoa"),
        ("X. Hưng Hoà", "hunghoa"),
        ("Phường Bến Thủy", "benthuy"),
        ("Phường Bến Thuỷ", "benthuy"),
        ("Phuong Ben Thuy", "benthuy"),
        ("P.Bến Thủy", "benthuy"),
        ("Quận Ba Đình", "badinh"),
        ("Huyện Đô Lương", "doluong"),
        ("Huyện Ðô Lương", "doluong"),  # U+00D0, Icelandic eth
        ("Huyện ɖô Lương", "doluong"),  # U+0256, African d
        (unicodedata.normalize("NFD", "Huyện Đô Lương"), "doluong"),
        ("Phường 1", "1"),
        ("Phường 12", "12"),
        ("P. 1", "1"),
    ],
)
def test_fold_name_ignores_case_marks_spacing_punctuation_and_prefix(written, key):
    assert fold_name(written) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hoà", "Hòa"),
        ("Thuỵ", "Thụy"),
        ("Khoẻ", "Khỏe"),
        ("Thuý", "Thúy"),
        ("Quỳ", "Qùy"),
    ],
)
def test_tone_mark_placement_does_not_matter(a, b):
    assert fold_name(a) == fold_name(b)
    assert spelling_key(a) == spelling_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nghi Văn", "Nghi Vạn"),
        ("Châu Bính", "Châu Bình"),
        ("Đồng Thành", "Đông Thành"),
    ],
)
def test_spelling_key_keeps_the_marks_that_fold_name_drops(a, b):
    assert fold_name(a) == fold_name(b)
    assert spelling_key(a) != spelling_key(b)


@pytest.mark.parametrize(
    ("written", "unit_type", "rest"),
    [
        ("Xã Xá Lượng", "Xã", "Xá Lượng"),
        ("Xá Lượng", None, "Xá Lượng"),  # 'Xá' is a syllable, not the prefix 'Xã'
        ("Xaluong", None, "Xaluong"),  # ASCII prefix needs a separator
        ("Xa Luong", "Xã", "Luong"),  # ASCII: ambiguous, matching tries both
        ("Quan Thành", None, "Quan Thành"),  # 'Quan' is a syllable in accented text
        ("Quan Thanh", "Quận", "Thanh"),
        ("Phường", None, "Phường"),  # a prefix alone is a name
        ("Thành phốVinh", "Thành phố", "Vinh"),
        ("tpvinh", None, "tpvinh"),
        ("Thị  xã   Hoàng Mai", "Thị xã", "Hoàng Mai"),
        # Prefixes whose marks were lost, before a name that kept its own.
        ("Huyên Nghi Lộc", "Huyện", "Nghi Lộc"),
        ("Thi xa Thái Hòa", "Thị xã", "Thái Hòa"),
        ("Thanh pho Vinh", "Thành phố", "Vinh"),
        ("Thị trân Quỳ Hợp", "Thị trấn", "Quỳ Hợp"),
        ("Thịnh Sơn", None, "Thịnh Sơn"),
    ],
)
def test_split_prefix_takes_only_real_prefixes(written, unit_type, rest):
    assert split_prefix(written) == (unit_type, rest)


def test_strip_prefix_false_keeps_the_prefix():
    assert fold_name("Xã Xá Lượng", strip_prefix=False) == "xaxaluong"
    assert fold_name("Xa Luong", strip_prefix=False) == "xaluong"


@pytest.mark.parametrize("bad", [None, 12, b"Vinh"])
def test_fold_name_refuses_what_is_not_text(bad):
    with pytest.raises(InvalidInputError, match="'text'"):
        fold_name(bad)


# Index


def test_name_index_reaches_every_unit_by_full_and_short_name(legacy):
    index = build_name_index(legacy)
    for code, name, short in zip(
        legacy["code"], legacy["name"], legacy["short_name"], strict=True
    ):
        assert code in index[fold_name(name)]
        assert code in index[fold_name(short)]


def test_name_index_lists_every_unit_sharing_a_folded_name(legacy):
    index = build_name_index(legacy)
    assert sorted(index["minhson"]) == sorted(
        legacy.loc[legacy["short_name"] == "Minh Sơn", "code"]
    )
    assert len(index["minhson"]) == 2
    assert len(index["nghivan"]) == 2  # Nghi Văn and Nghi Vạn


def test_name_index_refuses_a_frame_without_code_and_name():
    with pytest.raises(InvalidInputError, match="'units'"):
        build_name_index([("16663", "Phường Đông Vĩnh")])


# Matching


@pytest.mark.parametrize(
    ("query", "parent", "expected"),
    [
        ("Huyện Nghi Lộc", None, "Huyện Nghi Lộc"),
        ("huyen nghi loc", None, "Huyện Nghi Lộc"),
        ("TP.Vinh", None, "Thành phố Vinh"),
        ("Thị xã Thái Hoà", None, "Thị xã Thái Hòa"),
        ("TX Hoang Mai", None, "Thị xã Hoàng Mai"),
        ("Huyện Quỳ Hợp", None, "Huyện Quỳ Hợp"),  # prefix picks the district...
        ("TT. Quỳ Hợp", None, "Thị trấn Quỳ Hợp"),  # ...or the township
        ("Xã Nghi Văn", None, "Xã Nghi Văn"),  # marks tell Văn from Vạn
        ("Nghi Vạn", None, "Xã Nghi Vạn"),
        ("Phường Bến Thuỷ", None, "Phường Bến Thủy"),
        ("Xã Xá Lượng", None, "Xã Xá Lượng"),
        ("Xa Luong", None, "Xã Xá Lượng"),  # 'Xa' was part of the name
        ("xa xa luong", None, "Xã Xá Lượng"),
        ("Minh Sơn", "Huyện Đô Lương", "Xã Minh Sơn"),
        ("Minh Son", "Ðo Luong", "Xã Minh Sơn"),
        ("Xã Nghĩa Thái", "Nam Đàn", "Xã Nghĩa Thái"),
        ("Xã Nghĩa Thái", "Tân Kỳ", "Xã Nghĩa Thái"),
        ("Huyên Nghi Lộc", None, "Huyện Nghi Lộc"),
        ("Thi xa Thái Hòa", None, "Thị xã Thái Hòa"),
        ("Thanh pho Vinh", None, "Thành phố Vinh"),
        ("Huyên Quỳ Hợp", None, "Huyện Quỳ Hợp"),
    ],
)
def test_match_unit_finds_real_nghe_an_units(legacy, query, parent, expected):
    code = match_unit(query, legacy, parent_name=parent)
    assert code is not None
    assert legacy.set_index("code").loc[code, "name"] == expected
    if parent:
        district = legacy.set_index("code").loc[
            legacy.set_index("code").loc[code, "parent_code"], "name"
        ]
        assert fold_name(district) == fold_name(parent)


def test_the_parent_decides_between_communes_of_the_same_name(legacy):
    in_do_luong = match_unit("Minh Sơn", legacy, parent_name="Đô Lương")
    in_thanh_chuong = match_unit("Minh Sơn", legacy, parent_name="Thanh Chương")
    assert {in_do_luong, in_thanh_chuong} == set(
        legacy.loc[legacy["name"] == "Xã Minh Sơn", "code"]
    )


def test_a_name_of_several_units_is_ambiguous_with_its_candidates(legacy):
    result = match_unit_detailed("Nghi Van", legacy)
    assert result.status == "ambiguous" and result.code is None
    assert set(result.candidates) == {
        code_of(legacy, "Xã Nghi Văn"),
        code_of(legacy, "Xã Nghi Vạn"),
    }
    assert "Xã Nghi Văn" in result.reason and "Xã Nghi Vạn" in result.reason
    assert match_unit("Nghi Van", legacy) is None


def test_a_name_shared_by_a_district_and_a_commune_is_ambiguous_without_prefix(legacy):
    result = match_unit_detailed("Quỳ Hợp", legacy)
    assert result.status == "ambiguous"
    assert match_unit("Quỳ Hợp", legacy, level="commune") == code_of(
        legacy, "Thị trấn Quỳ Hợp"
    )


def test_an_unknown_name_is_not_found_with_a_reason(legacy):
    result = match_unit_detailed("Xã Không Có", legacy)
    assert result.status == "not_found"
    assert "Xã Không Có" in result.reason


def test_cua_lo_is_not_a_unit_of_either_edition(legacy, new):
    assert match_unit("Thị xã Cửa Lò", legacy) is None
    assert match_unit("Phường Cửa Lò", new) == code_of(new, "Phường Cửa Lò")


def test_a_name_with_diacritics_never_falls_back_to_its_letters(legacy):
    result = match_unit_detailed("Xã Hùng Thành", legacy, level="commune")
    assert result.status == "not_found" and result.problem == "spelled_differently"
    assert result.candidates == (code_of(legacy, "Xã Hưng Thành"),)
    assert "Huyện Hưng Nguyên" in result.reason
    # Typed without any diacritics, the letters are all there is to go by.
    assert match_unit("Hung Thanh", legacy, level="commune") == code_of(
        legacy, "Xã Hưng Thành"
    )
    # A file written with diacritics spells 'Nghi Hoa' as it means it.
    matcher = NameMatcher(legacy)
    assert matcher.match("Nghi Hoa", level="commune").code == code_of(
        legacy, "Phường Nghi Hòa"
    )
    spelled = matcher.match("Nghi Hoa", level="commune", spelled=True)
    assert spelled.code is None and spelled.problem == "spelled_differently"


def test_a_namesake_in_another_district_is_never_matched(legacy):
    result = match_unit_detailed("Phường Hồng Sơn", legacy, parent_name="Vinh")
    assert result.status == "not_found" and result.problem == "not_in_parent"
    assert result.candidates == (code_of(legacy, "Xã Hồng Sơn"),)
    assert "Huyện Đô Lương" in result.reason


def test_a_commune_outside_the_named_district_is_not_found(legacy):
    result = match_unit_detailed("Xã Nghi Văn", legacy, parent_name="Nam Đàn")
    assert result.status == "not_found"
    assert "Huyện Nghi Lộc" in result.reason


def test_an_unknown_parent_is_ignored_and_said_so(legacy):
    result = match_unit_detailed("Minh Sơn", legacy, parent_name="Huyện Không Có")
    assert result.status == "ambiguous"
    assert "'Huyện Không Có' not found" in result.reason


@pytest.mark.parametrize("empty", ["", "  ", "--", None])
def test_an_empty_name_is_not_found(legacy, empty):
    assert match_unit_detailed(empty, legacy).status == "not_found"


def test_every_legacy_unit_is_found_by_its_own_name_and_district(legacy):
    matcher = NameMatcher(legacy)
    names = legacy.set_index("code")["name"]
    for code, name, parent in zip(
        legacy["code"], legacy["name"], legacy["parent_code"], strict=True
    ):
        parent_name = names[parent] if parent else None
        assert matcher.match(name, parent_name=parent_name).code == code, name


def test_every_new_commune_is_found_by_its_name_and_short_name(new):
    matcher = NameMatcher(new)
    for code, name, short in zip(
        new["code"], new["name"], new["short_name"], strict=True
    ):
        assert matcher.match(name).code == code
        assert matcher.match(short).code == code
