"""CLI: ``spaceplan propulsion`` commands (JSON keys, plots); errors exit 2 with one line."""

import json

import pytest
from typer.testing import CliRunner

from spaceplan.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, ["propulsion", *args])


def test_edelbaum_json():
    r = run("edelbaum", "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["dv_km_s"] == pytest.approx(5.78378, rel=1e-5) and d["tof_days"] == pytest.approx(191.263, rel=1e-5)


def test_zero_cargo_in_any_unit_is_no_cargo():
    """``--cargo 0kg`` with a vehicle was refused ("> 0") while ``0`` and ``0t`` were accepted."""
    outs = [json.loads(run("edelbaum", "--vehicle", "zeus", "--cargo", c, "--json").stdout) for c in ("0", "0t", "0kg")]
    assert outs[0] == outs[1] == outs[2]
    r = run("edelbaum", "--cargo", "0kg", "--json")
    assert r.exit_code == 0, r.output


def test_spiral_json_and_plot(tmp_path):
    png = tmp_path / "spiral.png"
    r = run("spiral", "--vehicle", "zeus", "--cargo", "7t", "--json", "--plot", str(png))
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    for key in ("dv_km_s", "time_days", "propellant_kg", "inner_belt_days", "outer_belt_days", "revolutions"):
        assert key in d
    assert png.stat().st_size > 10_000


def test_tem_and_presets():
    r = run("tem", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["jet_power_kw"] == pytest.approx(617.8, rel=1e-3)
    r = run("presets")
    assert r.exit_code == 0 and "zeus-official" in r.stdout


def test_compare_lunar_table_and_plot(tmp_path):
    png = tmp_path / "trade.png"
    r = run("compare", "--cargo", "7t", "--to", "lunar-orbit", "--plot", str(png))
    assert r.exit_code == 0, r.output
    assert "spiral out of Earth orbit" in r.stdout
    assert png.stat().st_size > 10_000


def test_transfer_small_grid_json(tmp_path):
    png = tmp_path / "leg.png"
    r = run("transfer", "earth", "mars", "--vehicle", "zeus", "--depart", "2028-09-01:2028-09-02", "--tof", "400:400",
            "--segments", "8", "--json", "--plot", str(png))
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["best"]["feasible"] and d["best"]["propellant_kg"] > 0
    assert len(d["best"]["thrust_profile"]) == 8
    assert png.stat().st_size > 10_000


@pytest.mark.parametrize("args, text", [
    (("spiral", "--vehicle", "", "--isp", "3000", "--power-kwe", "100", "--efficiency", "1.2"), "efficiency"),
    (("spiral", "--vehicle", "", "--isp", "0", "--thrust", "1", "--mass", "1000"), "--isp"),
    (("spiral", "--vehicle", "", "--isp", "3000", "--power-kwe", "-5", "--mass", "1000"), "--power-kwe"),
    (("compare", "--cargo", "-3t"), "--cargo"),
    (("compare", "--to", "venus"), "destination"),
    (("spiral", "--vehicle", "ntp-dra5"), "not a nuclear-electric"),
])
def test_bad_input_is_one_line_exit_2(monkeypatch, capsys, args, text):
    import sys

    from spaceplan.cli import main

    monkeypatch.setattr(sys, "argv", ["spaceplan", "propulsion", *args])
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert text in err and len(err.strip().splitlines()) == 1
