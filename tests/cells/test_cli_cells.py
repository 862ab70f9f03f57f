"""``python -m registry import cells`` and ``cells findings`` (both databases)."""

from __future__ import annotations

import csv
import json

import pytest

from registry.cli.main import main
from tests.cells.support import WORLD, build_world, file_bytes, make_world


@pytest.fixture
def cli_world(open_world, monkeypatch, capsys):
    registry, _ = open_world(WORLD, build_world)
    url = registry.engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("REGISTRY_DATABASE_URL", url)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return registry, make_world(registry), run


def test_import_then_findings_in_every_format(cli_world, tmp_path):
    registry, truth, run = cli_world
    source = tmp_path / "cell_towers_452.csv.gz"
    source.write_bytes(file_bytes(truth, header=False, packed=True))
    code, out, _ = run("import", "cells", str(source), "--dry-run")
    assert code == 0 and "Dry run: nothing stored." in out
    code, out, err = run("cells", "findings")
    assert code == 1 and "no cell snapshot" in err
    code, out, _ = run("import", "cells", str(source), "--source", "OpenCelliD")
    assert code == 0 and "Snapshot #" in out and "5 broken" in out
    target = tmp_path / "candidates.csv"
    code, out, _ = run(
        "cells", "findings", "--kind", "unregistered", "--output", str(target)
    )
    assert code == 0
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(truth.towers) + len(truth.moved)
    assert {r["kind"] for r in rows} == {"unregistered"}
    geo = tmp_path / "all.geojson"
    assert run("cells", "findings", "--format", "geojson", "--output", str(geo))[0] == 0
    features = json.loads(geo.read_text())["features"]
    assert {f["properties"]["kind"] for f in features} == {
        "unregistered",
        "unseen",
        "technology",
    }
    xlsx = tmp_path / "all.xlsx"
    assert run("cells", "findings", "--format", "xlsx", "--output", str(xlsx))[0] == 0


def test_a_file_that_is_not_a_cell_file_is_refused_by_name(cli_world, tmp_path):
    _, _, run = cli_world
    bad = tmp_path / "bad.csv"
    bad.write_text("name,lat,lon\nx,1,2\n")
    code, _, err = run("import", "cells", str(bad))
    assert code == 1 and "bad.csv" in err and "14 comma-separated columns" in err


def test_a_missing_file_is_named(cli_world, tmp_path):
    _, _, run = cli_world
    code, _, err = run("import", "cells", str(tmp_path / "absent.csv"))
    assert code == 1 and "absent.csv" in err
