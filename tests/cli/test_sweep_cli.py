"""`spaceplan sweep`: a serial run end to end, and its input errors as one line with exit 2."""

import subprocess
import sys

import pytest

CLI = [sys.executable, "-c", "from spaceplan.cli import main; main()"]

SCENARIO = """
[constellation_design]
region = "bbox:50,60,30,60"
grid_deg = 10.0
duration_s = 600.0
step_s = 300.0
milestone_samples = 2
[sweep]
objective = "constellation_design.coverage_fraction"
[sweep.parameters]
"constellation_design.altitude_km" = { values = [550.0, 800.0] }
"""


def run(*args):
    return subprocess.run(CLI + list(args), capture_output=True, text=True, timeout=300)


def test_serial_sweep_then_resume(tmp_path):
    scenario = tmp_path / "s.toml"
    scenario.write_text(SCENARIO)
    first = run("sweep", str(scenario), "--out", str(tmp_path / "out"), "--scheduler", "serial")
    assert first.returncode == 0, first.stderr
    assert "2 computed" in first.stdout and (tmp_path / "out" / "points.parquet").is_file()
    again = run("sweep", str(scenario), "--out", str(tmp_path / "out"), "--scheduler", "serial")
    assert "0 computed" in again.stdout and "2 already stored" in again.stdout


@pytest.mark.parametrize("extra, field", [
    (["--scheduler", "ftp://x"], "--scheduler"),
    (["--out", "FILE"], "--out"),
])
def test_bad_options_are_one_line(tmp_path, extra, field):
    scenario = tmp_path / "s.toml"
    scenario.write_text(SCENARIO)
    (tmp_path / "FILE").write_text("x")
    extra = [str(tmp_path / "FILE") if e == "FILE" else e for e in extra]
    proc = run("sweep", str(scenario), *extra)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and field in proc.stderr


def test_scenario_without_sweep_table(tmp_path):
    scenario = tmp_path / "s.toml"
    scenario.write_text("[constellation_design]\n")
    proc = run("sweep", str(scenario), "--out", str(tmp_path / "o"), "--scheduler", "serial")
    assert proc.returncode == 2 and "[sweep]" in proc.stderr
