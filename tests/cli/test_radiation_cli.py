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


# --- review fixes ---

PHASES = '[[phase]]\nlocation = "deep_space"\nduration_days = 180\n[[phase]]\nlocation = "mars_surface"\nduration_days = 500\n'


def _file(tmp_path, text, name="m.toml"):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize("make_args,needle", [
    (lambda p: ["-t", "deep_space:3d", "--spe", "aug1972", "--spe-phase", "3"], "--spe-phase: got 3, the timeline has 1 phase (allowed: 1 to 1)"),
    (lambda p: ["-t", "deep_space:3d", "--spe", "aug1972", "--spe-phase", "1.5"], "--spe-phase: expected a whole phase number"),
    (lambda p: ["-t", "deep_space:3d", "--spe-phase", "1"], "--spe-phase: phase 1 given without an SPE scenario"),
    (lambda p: ["-t", _file(p, "spe_phase = 1\n" + PHASES)], "m.toml: spe_phase: phase 1 given without an SPE"),
    (lambda p: ["-t", _file(p, 'spe = "aug1972"\nspe_phase = 1.5\n' + PHASES)], "m.toml: spe_phase: expected a whole"),
    (lambda p: ["-t", _file(p, "shieldng_gcm2 = 5\n" + PHASES)], "unknown name 'shieldng_gcm2'"),
    (lambda p: ["-t", _file(p, PHASES + "durration = 5\n")], "phase 2 key: unknown name 'durration'"),
    (lambda p: ["-t", _file(p, 'shielding_gcm2 = "lots"\n' + PHASES)], "m.toml: shielding_gcm2: expected a number"),
    (lambda p: ["-t", _file(p, json.dumps({"phases": [{"location": "leo", "duration_days": 9}], "spe": "aug1972",
                                           "spe_phase": "2"}), "m.json")], "m.json: spe_phase: expected a whole"),
    (lambda p: ["-t", MARS, "--spe", "aug1972", "--shielding", "200"], "--shielding: 200 g/cm^2 aluminium"),
    (lambda p: ["-t", _file(p, 'spe = "aug1972"\nshielding_gcm2 = 200\n' + PHASES)], "m.toml: shielding_gcm2: 200"),
    (lambda p: ["-t", MARS, "--material", "lead"], "--material: unknown name 'lead'"),
    (lambda p: ["-t", "deep_space:10d@2030-01-01,mars_orbit:5d@2030-01-05"], "--timeline phase 2 start: phase 2"),
])
def test_review_errors_are_one_line(tmp_path, make_args, needle):
    result = subprocess.run(CLI + ["radiation", "dose", *make_args(tmp_path)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().count("\n") == 0 and needle in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def test_file_spe_phase_and_cli_spe_phase_agree(tmp_path):
    path = _file(tmp_path, 'spe = "aug1972"\nspe_phase = 2\n' + PHASES)
    from_file = json.loads(runner.invoke(app, ["radiation", "dose", "-t", path, "--json"]).stdout)
    from_flag = json.loads(runner.invoke(app, ["radiation", "dose", "-t", "deep_space:180d,mars_surface:500d",
                                               "--spe", "aug1972", "--spe-phase", "2", "--json"]).stdout)
    assert from_file["phases"][1]["spe_dose_msv"] > 0 and from_file["phases"][0]["spe"] is None
    assert from_file["total_msv"] == pytest.approx(from_flag["total_msv"])


def test_timezone_aware_start_prints_no_warning(tmp_path):
    path = _file(tmp_path, PHASES.replace("duration_days = 180\n", "duration_days = 180\nstart = 2030-03-01T00:00:00Z\n"))
    result = subprocess.run(CLI + ["radiation", "dose", "-t", path, "--json"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout)["phases"][0]["start_utc"] == "2030-03-01"


def test_worst_30_days_same_for_split_phases():
    one = json.loads(runner.invoke(app, ["radiation", "dose", "-t", "deep_space:30d", "--json"]).stdout)
    three = json.loads(runner.invoke(app, ["radiation", "dose", "-t", "deep_space:10d,deep_space:10d,deep_space:10d",
                                           "--json"]).stdout)
    assert three["worst_30day_bfo_mgy_eq"] == pytest.approx(one["worst_30day_bfo_mgy_eq"])


def test_shielded_spe_text_matches_json():
    args = ["radiation", "dose", "-t", "leo:180d", "--spe", "aug1972", "--spe-phase", "1"]
    doc = json.loads(runner.invoke(app, args + ["--json"]).stdout)
    text = " ".join(runner.invoke(app, args, terminal_width=200).output.split())
    assert doc["spe"] == "aug1972"
    assert "No solar particle event" not in text and "requested in phase 1 (leo)" in text and "geomagnetic" in text


def test_spe_extrapolation_is_stated():
    args = ["radiation", "dose", "-t", "deep_space:30d", "--spe", "aug1972", "--shielding", "40",
            "--material", "polyethylene"]
    result = runner.invoke(app, args, terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Note: SPE in phase 1 (deep_space)" in result.output and "extrapolated log-log" in result.output
    doc = json.loads(runner.invoke(app, args + ["--json"]).stdout)
    assert doc["notes"] and doc["phases"][0]["spe"]["note"]


@pytest.mark.parametrize("args,needle", [
    (["--shielding", "5000"], "--shielding: got 5000"),
    (["--material", "lead"], "--material: unknown name 'lead'"),
    (["--solar", "9000"], "--solar: got 9000 MV"),
])
def test_rates_errors_name_the_flag(args, needle):
    result = subprocess.run(CLI + ["radiation", "rates", *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and result.stderr.strip().count("\n") == 0 and needle in result.stderr, result.stderr
