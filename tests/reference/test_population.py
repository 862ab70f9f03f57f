"""Population import by commune code: encodings, headers, errors with rows, CLI."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from sqlalchemy import select

from registry.access.users import create_user
from registry.cli.main import main
from registry.kernel.errors import ImportFileError, PermissionDeniedError
from registry.kernel.models import AuditEntry
from registry.reference.population import import_population, population_table
from tests.factories import commune_centroid
from tests.files.test_readers import cp1258_bytes


@pytest.fixture
def codes(registry):
    """Codes of two 2025-06 communes and one 2025-07 commune."""
    return (
        commune_centroid(registry, "Hưng Dũng")[2],
        commune_centroid(registry, "Châu Khê")[2],
        commune_centroid(registry, "Trường Vinh", "2025-07")[2],
    )


def stored(registry, admin, edition="2025-06") -> pd.Series:
    table = population_table(registry, admin, edition)
    return table.dropna(subset=["population"]).set_index("code")["population"]


def test_a_utf8_file_with_bom_replaces_the_editions_populations(registry, admin, codes):
    ward, rural, _ = codes
    first = f"ma_xa,dan_so,nam\n{ward},45.210,2024\n{rural},8120,2024\n"
    report = import_population(
        registry, admin, first.encode("utf-8-sig"), edition="2025-06", filename="a.csv"
    )
    assert report.ok and report.stored == 2 and report.total == 53_330
    assert stored(registry, admin).to_dict() == {ward: 45_210, rural: 8_120}
    second = f"commune_code;population;year\n{ward};46000;2025\n"
    import_population(
        registry, admin, second.encode(), edition="2025-06", filename="b.csv"
    )
    assert stored(registry, admin).to_dict() == {ward: 46_000}
    with registry.reading() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "import_population")
        ).all()[-1]
    after = json.loads(entry.after)
    assert (
        after["communes"] == 1 and after["replaced"] == 2 and after["file"] == "b.csv"
    )


def test_a_windows_1258_file_with_vietnamese_headers_is_read(registry, admin, codes):
    _, _, new_ward = codes
    text = f"Mã xã;Dân số;Năm\n{new_ward};120000;2024\n"
    report = import_population(
        registry, admin, cp1258_bytes(text), edition="2025-07", filename="p.csv"
    )
    assert report.ok, report.errors
    assert stored(registry, admin, "2025-07").to_dict() == {new_ward: 120_000}
    assert stored(registry, admin, "2025-06").empty


def test_errors_name_their_rows_and_nothing_is_stored(registry, admin, codes):
    ward, rural, _ = codes
    import_population(
        registry, admin, f"ma_xa,dan_so\n{ward},100\n".encode(), edition="2025-06",
        filename="ok.csv",
    )  # fmt: skip
    bad = (
        "ma_xa,dan_so,nam\n"
        f"{rural},5000,2024\n"
        "99999,5000,2024\n"  # no such commune
        f"{rural},6000,2024\n"  # twice
        f"{ward},nhiều,2024\n"
        f"{ward[1:]},10,1800\n"  # a truncated code, and a bad year
    )
    report = import_population(
        registry, admin, bad.encode(), edition="2025-06", filename="bad.csv"
    )
    problems = {(p.row, p.column) for p in report.errors}
    assert problems == {
        (3, "ma_xa"),
        (4, "ma_xa"),
        (5, "dan_so"),
        (6, "ma_xa"),
        (6, "nam"),
    }
    assert not report.ok and report.stored == 0
    assert "nothing was imported" in report.summary()
    assert stored(registry, admin).to_dict() == {ward: 100}


def test_a_dry_run_stores_nothing(registry, admin, codes):
    ward, _, _ = codes
    report = import_population(
        registry,
        admin,
        f"ma_xa,dan_so\n{ward},100\n".encode(),
        edition="2025-06",
        filename="p.csv",
        dry_run=True,
    )
    assert report.ok and report.stored == 0
    assert stored(registry, admin).empty


def test_a_file_without_the_columns_is_refused(registry, admin):
    with pytest.raises(ImportFileError, match="dan_so"):
        import_population(
            registry,
            admin,
            b"ma_xa,ten\n16675,x\n",
            edition="2025-06",
            filename="p.csv",
        )


def test_only_the_department_and_admins_import(registry, admin, codes):
    ward, _, _ = codes
    staff = create_user(
        registry,
        admin,
        username="xa",
        display_name="Xã",
        role="commune",
        area_edition="2025-06",
        area_code=ward,
    )
    with pytest.raises(PermissionDeniedError):
        import_population(
            registry, staff, b"ma_xa,dan_so\n", edition="2025-06", filename="p.csv"
        )


def test_the_command_line_imports_population(
    registry, database_url, codes, tmp_path, monkeypatch, capsys
):
    ward, _, _ = codes
    monkeypatch.setenv("REGISTRY_DATABASE_URL", database_url)
    path = tmp_path / "dan_so.csv"
    path.write_text(f"ma_xa,dan_so,nam\n{ward},45210,2024\n", encoding="utf-8")
    assert main(["import", "population", str(path), "--edition", "2025-06"]) == 0
    assert "population of 1 commune(s) imported" in capsys.readouterr().out
    path.write_text("ma_xa,dan_so\n99999,1\n", encoding="utf-8")
    code = main(["import", "population", str(path), "--edition", "2025-06"])
    assert code == 1
    assert "row 2, ma_xa = '99999'" in capsys.readouterr().out
