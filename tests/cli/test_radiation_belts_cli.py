"""``spaceplan radiation belts`` / ``orbit``, ``--model``, ``--shelter`` and the two figures (issue 22)."""

import json

import pytest
from typer.testing import CliRunner

from spaceplan.cli import app

runner = CliRunner()


def test_help_lists_new_commands():
    for args in (["radiation", "belts", "--help"], ["radiation", "orbit", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0 and "--model" in result.output


def test_orbit_json_polar_more_gcr():
    result = runner.invoke(app, ["radiation", "orbit", "--altitude", "420km", "--inclination", "51.6,97",
                                 "--date", "2019-06-01", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["orbits"]
    assert rows[1]["gcr_msv_per_day"] > rows[0]["gcr_msv_per_day"]
    assert all(0.1 < r["total_msv_per_day"] < 2.0 for r in rows)


def test_belts_tli_json_and_plot(tmp_path):
    fig = tmp_path / "passage.png"
    result = runner.invoke(app, ["radiation", "belts", "--trajectory", "tli", "--date", "1969-07-16", "--hours", "2",
                                 "--shielding", "7.5", "--json", "--plot", str(fig)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["trapped_msv"] > 0 and doc["outer_belt_days"] > 0 and fig.stat().st_size > 10_000


def test_rates_depth_dose_figure_and_model_choice(tmp_path):
    fig = tmp_path / "depth.png"
    a = runner.invoke(app, ["radiation", "rates", "--solar", "min", "--json", "--plot", str(fig)])
    b = runner.invoke(app, ["radiation", "rates", "--solar", "min", "--json", "--model", "transport"])
    assert a.exit_code == 0 and b.exit_code == 0, a.output + b.output
    ra = {r["location"]: r for r in json.loads(a.stdout)["locations"]}
    rb = {r["location"]: r for r in json.loads(b.stdout)["locations"]}
    assert rb["deep_space"]["rate_msv_per_day"] != pytest.approx(ra["deep_space"]["rate_msv_per_day"], rel=0.01)
    assert fig.stat().st_size > 10_000


@pytest.mark.parametrize("args, flag", [
    (["radiation", "belts", "--trajectory", "moon"], "--trajectory"),
    (["radiation", "belts", "--trajectory", "orbit", "--altitude", "50km"], "--altitude"),
    (["radiation", "orbit", "--inclination", "abc"], "--inclination"),
    (["radiation", "dose", "-t", "deep_space:10d", "--shelter", "20"], "--shelter"),
    (["radiation", "rates", "--model", "bon2020"], "--model"),
])
def test_errors_name_the_flag(args, flag):
    from spaceplan.core.errors import SpaceplanError

    result = runner.invoke(app, args)
    assert isinstance(result.exception, SpaceplanError) and flag in str(result.exception), result.output


def test_error_is_one_line_exit_2():
    import subprocess
    import sys

    cli = [sys.executable, "-c", "from spaceplan.cli import main; main()"]
    result = subprocess.run(cli + ["radiation", "belts", "--trajectory", "moon"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2 and result.stderr.strip().count("\n") == 0 and "--trajectory" in result.stderr


def test_dose_with_shelter_states_both_verdicts():
    result = runner.invoke(app, ["radiation", "dose", "-t", "deep_space:30d", "--spe", "design", "--shielding", "5",
                                 "--shelter", "20"], terminal_width=200)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "storm shelter" in text and "Without the shelter" in text
