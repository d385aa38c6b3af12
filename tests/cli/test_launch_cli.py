"""CLI: ``spaceplan launch payload`` (JSON keys, plot) and ``spaceplan launch vehicles``; errors exit 2 with one line."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from spaceplan.cli import app
from spaceplan.core.errors import SpaceplanError

runner = CliRunner()


def run(*args):
    return runner.invoke(app, ["launch", *args])


def test_payload_json_keys(tmp_path):
    png = tmp_path / "ascent.png"
    r = run("payload", "falcon9", "--orbit", "200x200", "--inclination", "28.5", "--json", "--plot", str(png))
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    for key in ("vehicle", "site", "target", "recovery", "payload_kg", "achieved", "losses", "guidance", "stages",
                "max_q_kpa", "liftoff_mass_kg", "expendable_payload_kg", "recovery_penalty_kg", "recovery_budget"):
        assert key in d, key
    assert set(d["losses"]) >= {"gravity_loss_m_s", "drag_loss_m_s", "steering_loss_m_s", "pressure_loss_m_s", "total_loss_m_s",
                                "ideal_dv_m_s"}
    assert set(d["stages"][0]) >= {"name", "t_ignition_s", "t_burnout_s", "altitude_km", "mass_kg"}
    assert d["target"] == pytest.approx({"perigee_km": 200.0, "apogee_km": 200.0, "inclination_deg": 28.5})
    assert d["achieved"]["inclination_deg"] == pytest.approx(28.5, abs=0.1)
    assert 15_000 < d["payload_kg"] < 30_000
    assert d["recovery_penalty_kg"] == 0.0
    assert png.stat().st_size > 10_000


def test_payload_table_droneship():
    r = run("payload", "falcon9", "--orbit", "200x200", "--recovery", "droneship")
    assert r.exit_code == 0, r.output
    assert "recovery costs" in r.output and "boost-back" in r.output and "Losses" in r.output


def test_vehicles_json_and_table():
    r = run("vehicles", "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    keys = [v["key"] for v in d]
    assert "falcon9" in keys and "soyuz-2.1b" in keys
    f9 = d[keys.index("falcon9")]
    assert f9["liftoff_mass_t"] == pytest.approx(549.0, rel=0.01)  # SpaceX: 549,054 kg
    assert f9["published"]["leo_expendable_kg"] == 22_800.0
    r = run("vehicles")
    assert r.exit_code == 0 and "falcon9" in r.output


@pytest.mark.parametrize("args", [
    ["payload", "falcon10"],
    ["payload", "falcon9", "--orbit", "400x300"],
    ["payload", "falcon9", "--orbit", "abc"],
    ["payload", "falcon9", "--inclination", "10"],
    ["payload", "falcon9", "--recovery", "parachute"],
    ["payload", "falcon9", "--site", "moon"],
    ["payload", "falcon9", "--plot", "x.gif"],
    ["payload", "soyuz-2.1b", "--site", "baikonur", "--orbit", "35786x35786", "--inclination", "51.8"],
])
def test_errors_are_one_line_spaceplan_errors(args):
    r = run(*args)
    assert isinstance(r.exception, SpaceplanError), r.output
    assert "\n" not in str(r.exception)
    assert r.stdout == ""


def test_error_exit_code_2_subprocess():
    proc = subprocess.run([sys.executable, "-c", "from spaceplan.cli import main; main()", "launch", "payload",
                           "falcon9", "--orbit", "400x300"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: --orbit: apogee")


@pytest.mark.parametrize("args, needle", [
    (["payload", "falcon9", "--orbit", "200x300x400"], "--orbit"),
    (["payload", "falcon9", "-i", "170"], "above 180 deg minus"),
    (["economics", "falcon9", "--flights", "1..100000000000"], "--flights"),
    (["landing", "--cant", "95"], "--cant"),
    (["landing", "--isp", "-3"], "--isp"),
])
def test_bad_launch_inputs_are_named_errors(args, needle):
    from spaceplan.cli import app as root
    from spaceplan.core.errors import SpaceplanError

    res = CliRunner().invoke(root, ["launch", *args])
    assert isinstance(res.exception, SpaceplanError) and needle in str(res.exception)
