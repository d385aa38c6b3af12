"""``spaceplan mars entry``: constant bank and MSL-style guided entries of a preset capsule."""

import json

import pytest

from cli_run import refused, run_cli


def test_guided_msl_entry_json(monkeypatch, capsys):
    code, out, _ = run_cli(["mars", "entry", "--guided", "--json"], monkeypatch, capsys)
    d = json.loads(out)
    assert code == 0 and d["end_speed_m_s"] == pytest.approx(470.0)
    assert d["guidance"]["reference_bank_deg"] == pytest.approx(59.9, abs=0.1)
    assert d["peak_deceleration_g"] == pytest.approx(10.3, abs=0.1) and d["peak_deceleration_time_s"] > 0


def test_constant_bank_table(monkeypatch, capsys):
    code, out, _ = run_cli(["mars", "entry", "--bank", "0"], monkeypatch, capsys)
    assert code == 0 and "constant" in out and "9.0 g" in out


def test_dispersed_guided_entry_names_the_atmosphere(monkeypatch, capsys):
    code, out, _ = run_cli(["mars", "entry", "--guided", "--density-factor", "1.2"], monkeypatch, capsys)
    assert code == 0 and "dispersed" in out and "x1.200" in out


@pytest.mark.parametrize("argv, flag", [
    (["--bank", "200"], "--bank"), (["--angle", "3"], "--angle"), (["--vehicle", "nope"], "--vehicle"),
    (["--density-factor", "0"], "--density-factor"),
    (["--deploy-speed", "400"], "--deploy-speed"),  # a constant-bank flight ignored it silently (review fix)
    (["--guided", "--bank", "60", "--deploy-altitude", "12"], "--deploy-altitude")])  # likewise: not calibrated
def test_bad_input_is_one_line(argv, flag, monkeypatch, capsys):
    refused(["mars", "entry", *argv], monkeypatch, capsys, flag)


def test_guided_reference_bank_that_never_slows_to_the_deploy_speed_names_bank(monkeypatch, capsys):
    refused(["mars", "entry", "--guided", "--bank", "60", "--deploy-speed", "50"], monkeypatch, capsys, "--bank")


def test_deploy_speed_not_reached_above_ground_says_so(monkeypatch, capsys):
    code, out, err = run_cli(["mars", "entry", "--guided", "--deploy-speed", "50"], monkeypatch, capsys)
    assert code == 2 and out == "" and "none of them slows to it above the ground" in err


def test_unreachable_deploy_state_is_infeasible(monkeypatch, capsys):
    code, out, err = run_cli(["mars", "entry", "--guided", "--deploy-speed", "405", "--deploy-altitude", "11"],
                             monkeypatch, capsys)
    assert code == 2 and out == "" and err.startswith("error: infeasible: the deploy state 405 m/s at 11.0 km")


def test_guided_entry_figure(tmp_path, monkeypatch, capsys):
    path = tmp_path / "entry.png"
    code, out, _ = run_cli(["mars", "entry", "--guided", "--plot", str(path)], monkeypatch, capsys)
    assert code == 0 and path.stat().st_size > 10_000 and "figure written" in out
