"""``python -m registry inspections form`` and ``import-odk``."""

from __future__ import annotations

import io

import pytest
from pyxform.xls2xform import convert

from registry.cli.main import main
from tests.factories import commune_centroid
from tests.inspections.odk_support import export_zip, submission
from tests.inspections.support import NEW_REGIME_DAY, OLD_REGIME_DAY, world_copy


@pytest.fixture
def world(open_world):
    return world_copy(open_world)


@pytest.fixture
def cli(world, monkeypatch, capsys):
    """Run the command line in-process against this test's database."""
    url = world.registry.engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("REGISTRY_DATABASE_URL", url)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_form_then_import(cli, world, tmp_path):
    code_hd = commune_centroid(world.registry, "Hưng Dũng")[2]
    output = tmp_path / "form.xlsx"
    code, out, err = cli(
        "--as", "xa.a", "inspections", "form", "--ruleset", "nd72-2013-nd27-2018",
        "--date", str(OLD_REGIME_DAY), "--commune", code_hd, "--output", str(output),
    )  # fmt: skip
    assert code == 0, err
    assert "rule set nd72-2013-nd27-2018 v1" in out and "2 point(s)" in out
    assert convert(io.BytesIO(output.read_bytes())).xform.count("<label") > 10
    code, _, err = cli(
        "--as", "xa.a", "inspections", "form", "--ruleset", "nd72-2013-nd27-2018",
        "--date", str(NEW_REGIME_DAY), "--commune", code_hd,
    )  # fmt: skip
    assert code == 1 and "rule set in force on 2025-03-10 (nd147-2024)" in err
    code, _, err = cli("--as", "xa.b", "inspections", "form", "--commune", code_hd)
    assert code == 1 and "error:" in err

    rows = [
        submission(world.game, "game_point", NEW_REGIME_DAY, instance="uuid:cli-1"),
        submission(
            world.agent,
            "internet_agent",
            NEW_REGIME_DAY,
            instance="uuid:cli-2",
            submitter="nobody",
        ),
    ]
    archive = tmp_path / "export.zip"
    archive.write_bytes(export_zip(rows))
    code, out, _ = cli(
        "--as", "xa.a", "inspections", "import-odk", str(archive), "--dry-run"
    )
    assert code == 1 and "would create" in out and "nothing stored" in out
    code, out, _ = cli("--as", "xa.a", "inspections", "import-odk", str(archive))
    assert code == 1
    assert "row 2 cli-1 by xa.a, point #" in out and ": created (inspection #" in out
    assert "row 3 cli-2 by nobody" in out and "refused: submitter" in out
    assert "1 created, 0 already imported, 1 refused" in out
    code, out, _ = cli("--as", "xa.a", "inspections", "import-odk", str(archive))
    assert "0 created, 1 already imported, 1 refused" in out
