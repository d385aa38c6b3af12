"""``spaceplan radiation``: dose over a timeline, rates, JSON, plot, one-line errors."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from spaceplan.cli import app

runner = CliRunner()
CLI = [sys.executable, "-c", "from spaceplan.cli import main; main()"]
MARS = "deep_space:180d,mars_surface:500d,deep_space:180d"


def test_help():
    for args in (["radiation", "--help"], ["radiation", "dose", "--help"], ["radiation", "rates", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output


def test_dose_table_and_assessment():
    result = runner.invoke(app, ["radiation", "dose", "--timeline", MARS, "--start", "2031-01-01", "--spe", "aug1972"],
                           terminal_width=160)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())  # rich wraps long lines
    assert "mars_surface" in text and "NASA career limit" in text
    assert "radiation sickness" in text and "SPE 4 August 1972" in text


def test_dose_json_is_clean_and_matches_api():
    from spaceplan.radiation import mission_dose
    from spaceplan.radiation.timeline import parse_timeline

    result = runner.invoke(app, ["radiation", "dose", "-t", MARS, "--shielding", "30", "--material", "polyethylene",
                                 "--solar", "max", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    api = mission_dose(parse_timeline(MARS), shielding_gcm2=30.0, material="polyethylene", solar_activity="max")
    assert doc["total_msv"] == pytest.approx(api.total_sv * 1e3)
    assert [p["location"] for p in doc["phases"]] == ["deep_space", "mars_surface", "deep_space"]
    assert doc["solar_activity"] == "max" and doc["material"] == "polyethylene"


def test_dose_from_toml_file_with_plot(tmp_path):
    path = tmp_path / "mission.toml"
    path.write_text('start = "2033-06-01"\nspe = "oct1989"\n[[phase]]\nlocation = "cruise"\nduration_days = 200\n'
                    '[[phase]]\nlocation = "mars_orbit"\nduration_days = 30\n[[phase]]\nlocation = "deep_space"\n'
                    'duration = "7mo"\n')
    png = tmp_path / "t.png"
    result = runner.invoke(app, ["radiation", "dose", "--timeline", str(path), "--plot", str(png), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["spe"] == "oct1989" and doc["phases"][0]["spe"] is not None
    assert doc["phases"][0]["start_utc"] == "2033-06-01"
    assert png.stat().st_size > 10_000


def test_rates_json():
    result = runner.invoke(app, ["radiation", "rates", "--solar", "600", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    names = [r["location"] for r in doc["locations"]]
    assert "deep_space" in names and "mars_surface" in names and doc["phi_mv"] == 600.0


def test_rates_from_date_follow_the_cycle():
    lo = json.loads(runner.invoke(app, ["radiation", "rates", "--date", "2025-01-01", "--json"]).stdout)
    hi = json.loads(runner.invoke(app, ["radiation", "rates", "--date", "2020-06-01", "--json"]).stdout)
    assert lo["phi_mv"] > hi["phi_mv"]
    assert lo["locations"][0]["rate_msv_per_day"] < hi["locations"][0]["rate_msv_per_day"]


@pytest.mark.parametrize("args,needle", [
    (["-t", "venus:10d"], "location"),
    (["-t", MARS, "--material", "lead"], "material"),
    (["-t", MARS, "--shielding", "-2"], "shielding"),
    (["-t", MARS, "--spe", "1859x"], "spe"),
    (["-t", "deep_space:10d@2030-01-01,mars_orbit:5d@2030-01-05"], "overlap"),
    (["-t", MARS, "--plot", "x.gif"], "--plot"),
])
def test_errors_are_one_line(args, needle):
    result = subprocess.run(CLI + ["radiation", "dose", *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and needle in result.stderr
    assert "Traceback" not in result.stderr
