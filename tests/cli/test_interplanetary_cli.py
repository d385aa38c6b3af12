"""CLI: ``spaceplan windows`` and ``spaceplan porkchop``."""

import json

import pytest
from typer.testing import CliRunner

from spaceplan.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, list(args))


def test_windows_table():
    res = run("windows", "Earth", "MARS", "--from", "2026", "--to", "2026", "--c3-max", "12")
    assert res.exit_code == 0, res.output
    assert "2026-10-31" in res.output and "9.18" in res.output


def test_windows_json():
    res = run("windows", "earth", "mars", "--from", "2028", "--to", "2028", "--json")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    opp = doc["opportunities"][0]
    assert opp["year"] == 2028 and opp["best"]["c3_km2s2"] == pytest.approx(9.0, abs=0.2)


def test_porkchop_json_and_plot(tmp_path):
    png = tmp_path / "pc.png"
    res = run("porkchop", "earth", "mars", "--depart", "2026-09-01:2026-12-31", "--arrive", "2027-06-01:2027-12-31",
              "--step", "5d", "--plot", str(png), "--json")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["minimum_c3"]["II"]["c3_km2s2"] == pytest.approx(9.2, abs=0.3)
    assert "grid" not in doc
    assert png.stat().st_size > 10_000


def test_porkchop_grid_json():
    res = run("porkchop", "earth", "mars", "--depart", "2026-10-01:2026-10-11", "--arrive", "2027-08-01:2027-08-21",
              "--step", "5d", "--json", "--grid")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert len(doc["grid"]["c3_km2s2"][1]) == 3 and len(doc["grid"]["c3_km2s2"][1][0]) == 5


def test_porkchop_table():
    res = run("porkchop", "earth", "mars", "--depart", "2026-09-01:2026-12-31", "--arrive", "2027-06-01:2027-12-31",
              "--step", "5d")
    assert res.exit_code == 0, res.output
    assert "minimum C3 per type" in res.output


@pytest.mark.parametrize(
    "args",
    [
        ["windows", "earth", "marz", "--from", "2026", "--to", "2027"],
        ["windows", "earth", "mars", "--from", "2030", "--to", "2026"],
        ["windows", "earth", "mars", "--from", "2052", "--to", "2053"],
        ["windows", "earth", "mars", "--from", "2026", "--to", "2027", "--c3-max", "-3"],
        ["porkchop", "venuss", "mars", "--depart", "2026-08-01:2027-01-31", "--arrive", "2027-03-01:2028-03-01"],
        ["porkchop", "earth", "mars", "--depart", "2027-01-31:2026-08-01", "--arrive", "2027-03-01:2028-03-01"],
        ["porkchop", "earth", "mars", "--depart", "2026-08-01:2026-08-01", "--arrive", "2027-03-01:2028-03-01"],
        ["porkchop", "earth", "mars", "--depart", "2026-08-01:2026-08-05", "--arrive", "2027-03-01:2028-03-01",
         "--step", "10d"],
        ["porkchop", "earth", "mars", "--depart", "2053-08-01:2054-01-31", "--arrive", "2054-03-01:2055-03-01"],
        ["porkchop", "earth", "mars", "--depart", "2026-08-01:2027-01-31", "--arrive", "2027-03-01:2028-03-01",
         "--plot", "x.gif"],
    ],
)
def test_errors_are_one_line_spaceplan_errors(args):
    from spaceplan.core.errors import SpaceplanError

    res = run(*args)
    assert isinstance(res.exception, SpaceplanError), res.output
    assert "\n" not in str(res.exception)
    assert res.stdout == ""


def test_error_exit_code_2_subprocess():
    import subprocess
    import sys

    args = ["windows", "earth", "marz", "--from", "2026", "--to", "2027"]
    proc = subprocess.run([sys.executable, "-c", "from spaceplan.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip().count("\n") == 0 and proc.stderr.startswith("error: body")
    assert proc.stdout == ""
