"""``spaceplan power``: illumination, size, trade, JSON, plots and one-line errors."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from spaceplan.cli import app
from spaceplan.cli.power import parse_power, parse_power_range
from spaceplan.core.errors import InputError

runner = CliRunner()
CLI = [sys.executable, "-c", "from spaceplan.cli import main; main()"]


def test_parse_power():
    assert parse_power("p", "100kW") == 100e3
    assert parse_power("p", "40 kWe") == 40e3
    assert parse_power("p", "1MW") == 1e6
    assert parse_power("p", "500W") == 500.0
    assert parse_power_range("p", "10kW:200kW") == (10e3, 200e3)
    for bad in ("-5kW", "0kW", "abc", "10kW:5kW"):
        with pytest.raises(InputError):
            parse_power_range("p", bad)


def test_illumination_json_and_plot(tmp_path):
    fig = tmp_path / "sun.png"
    result = runner.invoke(app, ["power", "illumination", "--site", "lunar-equator", "--from", "2030-01-01",
                                 "--to", "2030-03-01", "--step", "1h", "--plot", str(fig), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc[0]["site"]["name"] == "lunar-equator" and 300 < doc[0]["longest_dark_hours"] < 360
    assert fig.is_file()


def test_size_and_trade_tables(tmp_path):
    result = runner.invoke(app, ["power", "size", "--site", "lunar-equator", "--power", "100kW"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "fission" in result.output and "solar+rfc" in result.output
    fig = tmp_path / "trade.png"
    result = runner.invoke(app, ["power", "trade", "--sites", "lunar-equator,connecting-ridge-10m", "--power",
                                 "10kW:200kW", "--plot", str(fig)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "crossover" in result.output and fig.is_file()


@pytest.mark.parametrize("args,word", [
    (["power", "size", "--site", "lunar-equator", "--power", "-5kW"], "--power"),
    (["power", "illumination", "--site", "95,0"], "latitude"),
    (["power", "illumination", "--site", "lunar-equator", "--from", "2030-02-01", "--to", "2030-01-01"], "span"),
    (["power", "size", "--site", "mars-base", "--power", "5kW"], "site"),
])
def test_bad_input_one_line_exit_2(args, word):
    proc = subprocess.run(CLI + args, capture_output=True, text=True)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and word in proc.stderr and "Traceback" not in proc.stderr


def test_size_day_only_load():
    result = runner.invoke(app, ["power", "size", "--site", "connecting-ridge-10m", "--power", "20kW",
                                 "--night-power", "0kW", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["night_kwe"] == 0.0 and not any(o["option"].startswith("hybrid") for o in doc["options"])
