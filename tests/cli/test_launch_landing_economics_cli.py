"""CLI: ``spaceplan launch landing`` and ``spaceplan launch economics`` (the ``launch`` sub-app)."""

import json

import pytest
from typer.testing import CliRunner

from spaceplan.cli.launch import launch_app
from spaceplan.core.errors import InputError, UnknownNameError

runner = CliRunner()


@pytest.fixture(scope="module")
def app():
    return launch_app


def test_help(app):
    for cmd in ("landing", "economics"):
        r = runner.invoke(app, [cmd, "--help"])
        assert r.exit_code == 0 and "--json" in r.output


def test_landing_json_fixed_tf(app, tmp_path):
    png = tmp_path / "landing.png"
    r = runner.invoke(app, ["landing", "--case", "acikmese2007", "--tf", "78", "--nodes", "40", "--json",
                            "--plot", str(png)])
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert d["mode"] == "min_fuel" and d["lossless"] is True
    assert 380 < d["propellant_kg"] < 400
    assert png.stat().st_size > 10_000


def test_landing_overrides_and_table(app):
    r = runner.invoke(app, ["landing", "--case", "acikmese2007", "--tf", "80", "--nodes", "25",
                            "--v0", "-70,0,90", "--dry-mass", "1400"])
    assert r.exit_code == 0, r.output
    assert "propellant used" in r.output and "lossless" in r.output


def test_landing_bad_vector(app):
    r = runner.invoke(app, ["landing", "--r0", "1,2"])
    assert isinstance(r.exception, InputError)


def test_economics_json_two_vehicles(app, tmp_path):
    png = tmp_path / "cost.png"
    r = runner.invoke(app, ["economics", "falcon9", "amur_lng", "--flights", "1..10", "--json", "--plot", str(png)])
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert [v["vehicle"] for v in d["vehicles"]] == ["Falcon 9", "Amur-LNG"]
    assert len(d["vehicles"][0]["rows"]) == 10
    assert png.stat().st_size > 10_000


def test_economics_table_and_errors(app):
    r = runner.invoke(app, ["economics", "falcon9", "--flights", "1,5,10", "--mode", "rtls"])
    assert r.exit_code == 0 and "break-even" in r.output
    r = runner.invoke(app, ["economics", "nosuch"])
    assert isinstance(r.exception, UnknownNameError)
    r = runner.invoke(app, ["economics", "falcon9", "--flights", "0..3"])
    assert isinstance(r.exception, InputError)
