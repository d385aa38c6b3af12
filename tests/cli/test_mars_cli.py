"""CLI: spaceplan mars mission."""

import json

from typer.testing import CliRunner

from spaceplan.cli import app

runner = CliRunner()


def test_mars_mission_json_and_plot(tmp_path):
    png = tmp_path / "p.png"
    res = runner.invoke(app, ["mars", "mission", "--year", "2033", "--step", "6", "--json", "--plot", str(png)])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    classes = [o["mission_class"] for o in doc["options"]]
    assert classes == ["conjunction", "opposition"]
    assert doc["options"][0]["stay_days"] >= 300
    assert png.stat().st_size > 10_000


def test_mars_mission_table():
    res = runner.invoke(app, ["mars", "mission", "--year", "2033", "--class", "conjunction", "--step", "6"])
    assert res.exit_code == 0, res.output
    assert "conjunction" in res.stdout and "dv total" in res.stdout


def test_mars_mission_bad_year():
    import subprocess
    import sys

    from pathlib import Path

    exe = str(Path(sys.executable).parent / "spaceplan")
    proc = subprocess.run([exe, "mars", "mission", "--year", "2070"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "year" in proc.stderr


def test_help():
    res = runner.invoke(app, ["mars", "mission", "--help"])
    assert res.exit_code == 0 and "--venus" in res.stdout
