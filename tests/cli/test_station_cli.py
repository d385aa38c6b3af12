"""``spaceplan station``: decay, reboost, deorbit, reentry; JSON, plots and one-line errors."""

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from spaceplan.cli import app

runner = CliRunner()
CLI = [sys.executable, "-c", "from spaceplan.cli import main; main()"]
TLE = Path(__file__).parents[1] / "validation" / "data" / "tiangong1_2017_2018.tle"


def test_decay_json_and_plot(tmp_path):
    out = tmp_path / "decay.png"
    result = runner.invoke(app, ["station", "decay", "iss", "--from", "2026-01-01", "--to", "2026-02-01",
                                 "--activity", "50", "--json", "--plot", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    run = doc["runs"][0]
    assert run["activity_percentile"] == 50 and 30 < run["mean_decay_m_per_day"] < 300
    assert out.stat().st_size > 10_000


def test_reentry_and_presets():
    result = runner.invoke(app, ["station", "reentry", str(TLE), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["window_start_utc"] < "2018-04-02T00:16Z" < doc["window_end_utc"]
    # CMSE's published orbit of 25 March 2018 narrows the window to a few days around the reentry
    result = runner.invoke(app, ["station", "reentry", str(TLE), "--orbit", "2018-03-25=208.1x224.3km", "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["window_start_utc"] < "2018-04-02T00:16Z" < doc["window_end_utc"] and doc["window_days"] < 5
    result = runner.invoke(app, ["station", "presets"], terminal_width=160)
    assert result.exit_code == 0 and "usdv" in result.output


def test_errors_are_one_line_exit_2(tmp_path):
    bad = tmp_path / "bad.tle"
    lines = TLE.read_text().splitlines()
    bad.write_text("\n".join(lines[6:9] + lines[0:3]) + "\n")  # out of time order
    for args, needle in ((["station", "reboost", "iss", "--band", "420:400km"], "--band"),
                         (["station", "reentry", str(bad)], "time order")):
        proc = subprocess.run(CLI + args, capture_output=True, text=True)
        assert proc.returncode == 2, (args, proc.stderr)
        assert needle in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_bad_names_and_levels_raise_named_errors():
    from spaceplan.core.errors import InputError

    for args, field in ((["station", "decay", "iss", "--activity", "40"], "--activity"),
                        (["station", "decay", "skylab"], "station"),
                        (["station", "reentry", "nofile.tle"], "TLE_FILE")):
        result = runner.invoke(app, args)
        assert isinstance(result.exception, InputError) and result.exception.field == field, result.output


def test_reentry_score_prints_the_funnel_table():
    kz1a = Path(__file__).parents[1] / "validation" / "data" / "reentry" / "kz1a_rb_58704.tle"
    result = runner.invoke(app, ["station", "reentry", str(kz1a), "--score", "2024-01-16T12:00"], terminal_width=120)
    assert result.exit_code == 0, result.output
    assert "forecasts vs the actual reentry 2024-01-16T12:00Z" in result.output and "err/rem" in result.output
    result = runner.invoke(app, ["station", "reentry", str(kz1a), "--score", "2024-01-16T12:00", "--json"])
    doc = json.loads(result.output)
    leads = {f["lead_days"] for f in doc["forecasts"]} | {s["lead_days"] for s in doc["skipped"]}
    assert leads == {30, 14, 7, 3, 1} and all(0 < f["remaining_days"] for f in doc["forecasts"])


def test_lifetime_table_json_and_errors():
    result = runner.invoke(app, ["station", "lifetime", "--alt", "250:300km", "--bc", "25:100", "--activity", "50",
                                 "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["altitude_km"] == [250.0, 300.0] and doc["ballistic_kg_m2"] == [25.0, 50.0, 100.0]
    days = doc["king_hele_days"][0]
    assert 0 < days[0][0] < days[0][1] < days[0][2] and days[0][2] < days[1][2]  # grows with m/CdA and altitude
    for args, field in ((["station", "lifetime", "--alt", "800:200km"], "--alt"),
                        (["station", "lifetime", "--bc", "0:100"], "--bc"),
                        (["station", "lifetime", "--alt", "100:200km"], "--alt")):
        result = runner.invoke(app, args)
        assert getattr(result.exception, "field", None) == field, (args, result.output)


def test_lifetime_alt_takes_the_length_forms_of_other_flags():
    # the unit of HIGH applies to a bare LOW (as --band); metres, per-part units and a STEP with its unit
    for alt in ("200:800:300km", "200km:800km:300km", "200000:800000:300000m", "200000m:0.8e6m:300km", "200:800:300"):
        result = runner.invoke(app, ["station", "lifetime", "--alt", alt, "--bc", "50:50", "--activity", "50", "--json"])
        assert result.exit_code == 0, (alt, result.output)
        assert json.loads(result.output)["altitude_km"] == [200.0, 500.0, 800.0], alt
    result = runner.invoke(app, ["station", "lifetime", "--alt", "200:800parsec"])
    assert getattr(result.exception, "field", None) == "--alt", result.output


def test_reentry_score_skips_leads_the_actual_time_is_too_uncertain_for():
    """KZ-1A's reentry is known to +-0.5 d (reentries.toml): with --uncertainty 12h the 3- and 1-day leads are
    skipped (half-width over 10 % of the lead), as the validation set does; --uncertainty alone is refused."""
    kz1a = Path(__file__).parents[1] / "validation" / "data" / "reentry" / "kz1a_rb_58704.tle"
    result = runner.invoke(app, ["station", "reentry", str(kz1a), "--score", "2024-01-16T12:00", "--uncertainty", "12h",
                                 "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["actual_uncertainty_days"] == 0.5
    assert {s["lead_days"] for s in doc["skipped"]} >= {3, 1}
    assert {f["lead_days"] for f in doc["forecasts"]}.isdisjoint({3, 1})
    from spaceplan.core.errors import InputError

    result = runner.invoke(app, ["station", "reentry", str(kz1a), "--uncertainty", "1d"])
    assert isinstance(result.exception, InputError) and result.exception.field == "--uncertainty"
