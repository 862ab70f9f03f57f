"""Reading import files: encodings, delimiters, workbooks, headers."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from datetime import date, datetime, time

import openpyxl
import pytest

from registry.files import readers as tabular
from registry.files.readers import header_keys, normalise_columns, read_table
from registry.kernel.errors import ImportFileError

SITE_HEADER = "Mã mạng,Mã trạm,Tên trạm,Vĩ độ,Kinh độ,Loại công trình"
SITE_ROW = "04,NA0001,Trạm Nghệ An – Vĩnh,18.6789,105.6812,ground_tower"


def cp1258_bytes(text: str) -> bytes:
    """Encode as Windows-1258 does: â ê ô ơ ư ă đ precomposed, tone marks combining.

    cp1258 has no 'ệ' or 'ĩ': they are written as 'ê' + combining dot below and
    'i' + combining tilde, so the NFC text cannot be encoded directly.
    """
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", char)
        for index, mark in enumerate(marks):
            composed = unicodedata.normalize("NFC", base + mark)
            if len(composed) == 1 and _encodable(composed):
                base = composed
                del marks[index]
                break
        out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)


def _encodable(char: str) -> bool:
    try:
        char.encode("cp1258")
    except UnicodeEncodeError:
        return False
    return True


def write_xlsx(path, rows) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)


# -- encodings -----------------------------------------------------------------


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: text.encode("utf-8"), id="utf-8"),
        pytest.param(lambda text: text.encode("utf-8-sig"), id="utf-8 with BOM"),
        pytest.param(lambda text: text.encode("utf-16"), id="utf-16 with BOM"),
        pytest.param(cp1258_bytes, id="windows-1258"),
        pytest.param(
            lambda text: unicodedata.normalize("NFD", text).encode("utf-8"),
            id="utf-8 decomposed (NFD)",
        ),
    ],
)
def test_read_table_decodes_vietnamese_text_in_every_supported_encoding(
    tmp_path, encode
):
    path = tmp_path / "sites.csv"
    path.write_bytes(encode(f"{SITE_HEADER}\n{SITE_ROW}\n"))
    df = read_table(path)
    assert list(df.columns) == SITE_HEADER.split(",")
    assert df.loc[0, "Tên trạm"] == "Trạm Nghệ An – Vĩnh"
    assert unicodedata.is_normalized("NFC", df.loc[0, "Tên trạm"])


def test_cp1258_test_bytes_really_are_not_utf8():
    data = cp1258_bytes("Nghệ An, Vĩnh")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert b"\xea\xf2" in data  # 'ê' followed by the combining dot below


@pytest.mark.parametrize(
    ("data", "in_reason"),
    [
        pytest.param(b"Ma,Ten\nA1,Tr\x81m\n", "byte 0x81 on line 2", id="undefined"),
        pytest.param(
            "Ma,Ten\nA1,東京\n".encode("shift_jis"), "neither UTF-8 nor", id="sjis"
        ),
        pytest.param(
            "Mã,Tên\nA1,Nghệ An\nA2,Caf".encode() + b"\xe9\n",
            "mostly UTF-8 but byte 0xE9 on line 3",
            id="mixed utf-8 and latin-1",
        ),
        pytest.param(
            "Mã,Tên\nA1,Nghệ\n".encode("utf-16-le"), "NUL bytes", id="utf-16 no BOM"
        ),
    ],
)
def test_read_table_rejects_undecodable_text_with_a_clear_reason(data, in_reason):
    with pytest.raises(ImportFileError) as error:
        read_table(data, "sites.csv")
    assert in_reason in error.value.reason
    assert "sites.csv" in str(error.value)


# -- delimiters and cells ------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_read_table_sniffs_the_delimiter(delimiter):
    text = f"a{delimiter}b{delimiter}c\n1,5{delimiter}2{delimiter}3\n"
    if delimiter == ",":
        text = 'a,b,c\n"1,5",2,3\n'
    df = read_table(text.encode(), "t.txt")
    assert list(df.columns) == ["a", "b", "c"]
    assert df.iloc[0].tolist() == ["1,5", "2", "3"]


def test_read_table_cleans_every_cell():
    text = (
        "Tên,Ghi chú\n"
        '"  Trạm\u200b A  ","dòng 1\ndòng\t2"\n'
        '"Nghe\u0302\u0323 \x07An",\u00a0x\u00a0\n'
    )
    df = read_table(text.encode(), "t.csv")
    assert df["Tên"].tolist() == ["Trạm A", "Nghệ An"]
    assert df["Ghi chú"].tolist() == ["dòng 1 dòng 2", "x"]
    assert all(isinstance(cell, str) for cell in df.to_numpy().ravel())


def test_read_table_keeps_interior_blank_rows_so_positions_match_file_rows():
    df = read_table(b"a,b\n1,2\n\n3,4\n,\n\n", "t.csv")
    assert df["a"].tolist() == ["1", "", "3"]  # file rows 2, 3, 4


def test_read_table_accepts_rows_longer_than_the_header():
    df = read_table(b"a,b\n1,2,extra\n3,4\n", "t.csv")
    assert list(df.columns) == ["a", "b", "(column 3)"]
    assert df["(column 3)"].tolist() == ["extra", ""]


def test_read_table_drops_unnamed_empty_columns_from_trailing_delimiters():
    df = read_table(b"a;b;\n1;2;\n", "t.csv")
    assert list(df.columns) == ["a", "b"]


def test_read_table_reads_a_binary_file_object_with_its_name():
    df = read_table(io.BytesIO(b"a,b\n1,2\n"), "upload.csv")
    assert df.attrs["source"] == "upload.csv"
    assert df.loc[0, "b"] == "2"


# -- Excel ---------------------------------------------------------------------


def test_read_table_reads_xlsx_values_as_the_text_a_person_sees(tmp_path):
    path = tmp_path / "sites.xlsx"
    write_xlsx(
        path,
        [
            ["Tên trạm", "Ngày", "Giờ", "Số", "Vĩ độ", "Cao", "Trống", "Lúc"],
            [
                "  Trạm Vĩnh ",
                datetime(2024, 3, 31),
                time(8, 30),
                12,
                18.6789,
                12.0,
                None,
                datetime(2024, 3, 31, 14, 5),
            ],
            [
                "Nghe\u0302\u0323 An",
                date(2009, 10, 12),
                time(22, 0, 15),
                -3,
                105.5,
                0.5,
                None,
                None,
            ],
        ],
    )
    df = read_table(path)
    assert df.iloc[0].tolist() == [
        "Trạm Vĩnh",
        "2024-03-31",
        "08:30",
        "12",
        "18.6789",
        "12",
        "",
        "2024-03-31 14:05",
    ]
    assert df.iloc[1].tolist()[:6] == [
        "Nghệ An",
        "2009-10-12",
        "22:00:15",
        "-3",
        "105.5",
        "0.5",
    ]


def test_read_table_reads_only_the_first_sheet(tmp_path):
    path = tmp_path / "two.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["a"])
    workbook.active.append(["first"])
    workbook.create_sheet("other").append(["b"])
    workbook.save(path)
    assert read_table(path)["a"].tolist() == ["first"]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"this is not a workbook", id="not a zip"),
        pytest.param("zip", id="a zip without a workbook"),
    ],
)
def test_read_table_rejects_a_corrupt_workbook(tmp_path, content):
    path = tmp_path / "broken.xlsx"
    if content == "zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "xin chào")
    else:
        path.write_bytes(content)
    with pytest.raises(ImportFileError, match="not a valid Excel .xlsx workbook"):
        read_table(path)


# -- files that cannot be imported ---------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "in_reason"),
    [
        (b"a,b\n1,2\n", "sites.xls", "unsupported file extension '.xls'"),
        (b"{}", "sites.json", "use .csv, .txt or .xlsx"),
        (b"a,b\n", "sites", "extension '(none)'"),
        (b"", "sites.csv", "the file is empty"),
        (b"\xef\xbb\xbf \r\n\r\n", "sites.csv", "the file is empty"),
        (b"", "sites.xlsx", "the file is empty"),
        (b"\n\na,b\n1,2\n", "sites.csv", "no header"),
        (b"18.5,105.6\n19,105\n", "sites.csv", "holds numbers, not column names"),
        (b"a,b\n\n\n", "sites.csv", "a header but no data rows"),
        (b'a,b\n"1,2\n', "sites.csv", "not valid CSV"),
    ],
)
def test_read_table_refuses_files_it_cannot_import(data, name, in_reason):
    with pytest.raises(ImportFileError) as error:
        read_table(data, name)
    assert in_reason in error.value.reason
    assert error.value.path == name


def test_read_table_refuses_a_missing_path(tmp_path):
    with pytest.raises(ImportFileError, match="cannot open the file"):
        read_table(tmp_path / "nowhere.csv")


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_read_table_refuses_more_rows_than_the_limit(tmp_path, monkeypatch, extension):
    monkeypatch.setattr(tabular, "MAX_ROWS", 3)
    path = tmp_path / f"big.{extension}"
    rows = [["a", "b"]] + [[str(i), "x"] for i in range(4)]
    if extension == "csv":
        path.write_text("\n".join(",".join(row) for row in rows))
    else:
        write_xlsx(path, rows)
    with pytest.raises(ImportFileError, match="more than 3 data rows"):
        read_table(path)
    path.write_bytes(b"")
    rows.pop()
    if extension == "csv":
        path.write_text("\n".join(",".join(row) for row in rows))
    else:
        write_xlsx(path, rows)
    assert len(read_table(path)) == 3


# -- column names --------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("latitude", "latitude"),
        ("Vĩ độ", "latitude"),
        ("VI_DO", "latitude"),
        ("vido", "latitude"),
        ("Lat", "latitude"),
        ("Kinh độ", "longitude"),
        ("lng", "longitude"),
        ("Longitude", "longitude"),
        ("MNC", "network_code"),
        ("Nhà mạng", "network_code"),
        ("doanh nghiep", "network_code"),
        ("Mã mạng (MNC 452)", "network_code"),
        ("Mã mạng", "network_code"),
        ("Mã trạm", "site_code"),
        ("ma_tram", "site_code"),
        ("Operator site code", "site_code"),
        ("Chiều cao cột (m)", "structure_height_m"),
        ("chieu cao cot", "structure_height_m"),
        ("Nguồn tọa độ", "coord_source"),  # tone mark on 'o' instead of 'a'
        ("NGUỒN TOẠ ĐỘ", "coord_source"),
        ("Phát sóng 4G từ", "on_air_4g"),
        ("Ghi chú", "notes"),
    ],
)
def test_normalise_columns_matches_names_labels_and_aliases(header, field):
    row = {
        "Mã mạng": "04",
        "Mã trạm": "A",
        "Tên trạm": "T",
        "Vĩ độ": "18",
        "Kinh độ": "105",
        "Loại công trình": "indoor",
    }
    df = read_table(_csv_bytes({**_drop_same_field(row, header), header: "v"}), "t.csv")
    renamed, unknown = normalise_columns(df, "site")
    assert unknown == []
    assert field in renamed.columns
    assert renamed[field].tolist() == ["v"]


def _drop_same_field(row: dict, header: str) -> dict:
    keys = header_keys("site")
    field = keys[tabular.match_key(header)]
    return {k: v for k, v in row.items() if keys[tabular.match_key(k)] != field}


def _csv_bytes(row: dict) -> bytes:
    return (",".join(row) + "\n" + ",".join(row.values()) + "\n").encode()


def test_normalise_columns_reports_unknown_columns_and_leaves_them_out():
    df = read_table(f"{SITE_HEADER},Màu sắc,Zone\n{SITE_ROW},đỏ,A\n".encode(), "t.csv")
    renamed, unknown = normalise_columns(df, "site")
    assert unknown == ["Màu sắc", "Zone"]
    assert list(renamed.columns) == [
        "network_code",
        "site_code",
        "name",
        "latitude",
        "longitude",
        "structure_type",
    ]
    assert renamed.attrs["source"] == "t.csv"


def test_normalise_columns_names_every_missing_required_column():
    df = read_table("Tên trạm,Vĩ độ\nA,18\n".encode(), "thieu.csv")
    with pytest.raises(ImportFileError) as error:
        normalise_columns(df, "site")
    reason = error.value.reason
    for expected in (
        "network_code (Mã mạng (MNC 452) / Network code (MNC 452))",
        "site_code (Mã trạm / Operator site code)",
        "longitude (Kinh độ / Longitude)",
        "structure_type (Loại công trình / Structure type)",
    ):
        assert expected in reason
    assert "latitude" not in reason and "name (" not in reason
    assert "thieu.csv" in str(error.value)


def test_normalise_columns_uses_the_point_catalogue_for_points():
    df = read_table(
        "Loại điểm,Tên điểm,Vĩ độ,Kinh độ,SĐT\nx,y,1,2,3\n".encode(), "p.csv"
    )
    renamed, unknown = normalise_columns(df, "point")
    assert list(renamed.columns) == [
        "kind",
        "name",
        "latitude",
        "longitude",
        "owner_phone",
    ]
    assert unknown == []


def test_normalise_columns_refuses_two_columns_for_one_field():
    df = read_table(f"{SITE_HEADER},lat\n{SITE_ROW},18\n".encode(), "t.csv")
    with pytest.raises(ImportFileError, match="'Vĩ độ' and 'lat' both mean the field"):
        normalise_columns(df, "site")


def test_normalise_columns_refuses_the_same_header_twice():
    df = read_table(f"{SITE_HEADER},Tên trạm\n{SITE_ROW},B\n".encode(), "t.csv")
    with pytest.raises(ImportFileError, match="both mean the field 'name'"):
        normalise_columns(df, "site")


@pytest.mark.parametrize("record_type", ["site", "point"])
def test_header_aliases_never_mean_two_fields(record_type):
    keys = header_keys(record_type)
    assert len(keys) > 60


def test_normalise_columns_checks_the_record_type():
    df = read_table(b"a\n1\n", "t.csv")
    with pytest.raises(ValueError, match="'record_type' should be 'site' or 'point'"):
        normalise_columns(df, "sites")


def test_normalise_columns_fills_defaults_for_left_out_fields():
    text = "Loại điểm,Tên điểm,Vĩ độ,Kinh độ\n,Điểm A,18.7,105.6\nvenue,B,18.7,105.6\n"
    df = read_table(text.encode(), "p.csv")
    renamed, _ = normalise_columns(df, "point", defaults={"kind": "game_point"})
    assert renamed["kind"].tolist() == ["game_point", "venue"]
    without_kind = df.drop(columns="Loại điểm")
    renamed, _ = normalise_columns(
        without_kind, "point", defaults={"kind": "game_point", "status": "pending"}
    )
    assert renamed["kind"].tolist() == ["game_point", "game_point"]
    assert renamed["status"].tolist() == ["pending", "pending"]
    with pytest.raises(ImportFileError, match=r"missing required column\(s\): kind"):
        normalise_columns(without_kind, "point")
    with pytest.raises(ValueError, match="unknown fields"):
        normalise_columns(df, "point", defaults={"colour": "red"})
