"""The command line on both databases: python -m registry ..."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
import shapely

from registry.cli.main import main
from registry.units.divisions import unit_polygons
from tests.factories import commune_centroid
from tests.units.support import communes, write_layer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli(database_url, monkeypatch, capsys):
    """Run the command line in-process against this test's database."""
    monkeypatch.setenv("REGISTRY_DATABASE_URL", database_url)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["init"],
        ["demo"],
        ["import", "sites"],
        ["import", "internet-points"],
        ["import", "game-points"],
        ["import", "boundaries"],
        ["export"],
        ["stats"],
        ["users", "add"],
    ],
)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as caught:
        main([*command, "--help"])
    assert caught.value.code == 0
    assert "usage: python -m registry" in capsys.readouterr().out


def test_python_dash_m_registry_runs_as_a_program(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "registry", "init"],
        cwd=ROOT,
        env={
            "REGISTRY_DATABASE_URL": f"sqlite:///{tmp_path / 'r.sqlite3'}",
            "REGISTRY_PASSWORD_HASHING": "insecure-fast-for-tests-only",
            "REGISTRY_ADMIN_PASSWORD": "a-long-admin-password",
            "PATH": "",
        },
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "2025-06: 432 units" in result.stdout
    assert "2025-07: 130 units" in result.stdout
    assert "Administrator 'admin' created." in result.stdout


def test_demo_then_stats_then_exports_in_every_format(cli, tmp_path):
    code, out, _ = cli("demo", "--sites", "400")
    assert code == 0 and "400 BTS sites" in out and "DEMO" in out
    code, out, _ = cli("stats")
    assert code == 0 and "sites_by_operator" in out and "Viettel" in out
    for fmt in ("csv", "xlsx", "geojson", "gpkg", "kml"):
        target = tmp_path / f"sites.{fmt}"
        code, out, err = cli(
            "export", "sites", "--format", fmt, "--output", str(target)
        )
        assert code == 0, err
        assert target.exists() and target.stat().st_size > 0
    csv_rows = pd.read_csv(tmp_path / "sites.csv", encoding="utf-8-sig")
    assert len(csv_rows) == 400
    assert (csv_rows["boundaries"] == "approximate").all()
    assert len(gpd.read_file(tmp_path / "sites.geojson")) == 400
    assert len(gpd.read_file(tmp_path / "sites.gpkg")) == 400
    book = openpyxl.load_workbook(tmp_path / "sites.xlsx")
    assert book.active.max_row == 401
    assert "GẦN ĐÚNG" in str([c.value for row in book.worksheets[-1] for c in row])


def test_the_demo_refuses_a_registry_that_has_records(cli):
    assert cli("demo", "--sites", "200")[0] == 0
    code, _, err = cli("demo", "--sites", "200")
    assert code == 1 and "already holds" in err


def test_import_reports_each_bad_row_and_exits_non_zero(cli, registry, tmp_path):
    lat, lon, _ = commune_centroid(registry, "Hưng Dũng")
    path = tmp_path / "sites.csv"
    path.write_text(
        "network_code,site_code,name,latitude,longitude,structure_type\n"
        f"04,A1,Trạm A,{lat},{lon},ground_tower\n"
        f"04,A2,Trạm B,{lat},999,ground_tower\n",
        encoding="utf-8",
    )
    code, out, _ = cli("import", "sites", str(path), "--dry-run")
    assert code == 1
    assert "row 3, longitude = '999'" in out
    assert "nothing was imported" in out
    path.write_text(path.read_text().replace(",999,", f",{lon},"), encoding="utf-8")
    assert cli("import", "sites", str(path), "--dry-run")[0] == 0
    code, out, _ = cli("import", "sites", str(path))
    assert code == 0 and "2 record(s) created" in out


def test_errors_name_what_was_wrong_without_a_traceback(cli, tmp_path):
    code, _, err = cli("import", "sites", str(tmp_path / "missing.csv"))
    assert code == 1 and err.startswith("error:") and "Traceback" not in err
    code, _, err = cli("--as", "nobody", "stats")
    assert code == 1 and "nobody" in err


def test_a_boundary_dry_run_reports_and_stores_nothing(cli, registry, tmp_path):
    layer = communes(registry, "2025-07").iloc[:3]
    path = write_layer(layer.to_crs("EPSG:3405"), tmp_path / "ba_xa.gpkg")
    args = ("import", "boundaries", str(path), "--edition", "2025-07")
    code, out, _ = cli(*args, "--level", "commune", "--dry-run")
    assert code == 0, out
    assert "3 unit(s) of 2025-07/commune matched (3 by code" in out
    assert "dry run, nothing was written" in out
    assert "127 unit(s) not in the file keep the polygon they had" in out
    sources = unit_polygons(registry, "2025-07", "commune")["boundary_source"]
    assert set(sources) == {"approximate"}
    code, out, _ = cli(*args, "--level", "commune")
    assert code == 0 and "dry run" not in out
    sources = unit_polygons(registry, "2025-07", "commune")["boundary_source"]
    assert (sources == "official").sum() == 3


def test_boundary_errors_speak_of_command_line_options(cli, registry, tmp_path):
    layer = communes(registry, "2025-07").iloc[:3]
    metres = tmp_path / "met.gpkg"
    layer.to_crs("EPSG:3405").set_crs(None, allow_override=True).to_file(metres)
    args = ("import", "boundaries", "--edition", "2025-07", "--level", "commune")
    code, _, err = cli(*args, str(metres))
    assert code == 1 and "declares no CRS" in err
    assert "give it with --crs, e.g. --crs EPSG:3405" in err and "crs=" not in err
    code, _, err = cli(*args, str(metres), "--crs", "VN-2000 please")
    assert code == 1 and err.startswith("error: --crs VN-2000 please: expected a CRS")
    assert cli(*args, str(metres), "--crs", "EPSG:3405")[0] == 0
    code, _, err = cli(*args, str(metres), "--crs", "EPSG:3405", "--code-field", "ma")
    assert code == 1 and err.startswith("error: --code-field ma: expected one of")
    swapped = layer.assign(
        geometry=layer.geometry.map(
            lambda g: shapely.transform(g, lambda xy: xy[:, ::-1])
        )
    )
    path = write_layer(swapped, tmp_path / "dao.geojson")
    code, _, err = cli(*args, str(path))
    assert code == 1 and "longitude and latitude are swapped" in err


def test_users_can_be_added_and_listed(cli):
    code, out, _ = cli(
        "users", "add", "so.tttt", "--name", "Sở", "--role", "department",
        "--password", "long-enough",
    )  # fmt: skip
    assert code == 0
    code, out, _ = cli("users", "list")
    assert "so.tttt" in out and "admin" in out
    code, _, err = cli("users", "add", "bad", "--name", "x", "--role", "king")
    assert code == 1 and "role" in err
