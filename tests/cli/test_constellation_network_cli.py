"""CLI: spaceplan constellation catalog / latency / deploy / capacity (the ``constellation`` sub-app on a test root)."""

import json
import os

import pytest
import sgp4
import typer
from typer.testing import CliRunner

from spaceplan.cli import constellation
from spaceplan.core.errors import SpaceplanError

VER = os.path.join(os.path.dirname(sgp4.__file__), "SGP4-VER.TLE")


@pytest.fixture(scope="module")
def app():
    root = typer.Typer()
    constellation.register(root)
    return root


runner = CliRunner()


def _json(app, args):
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_help(app):
    for cmd in ("catalog", "latency", "deploy", "capacity"):
        res = runner.invoke(app, ["constellation", cmd, "--help"])
        assert res.exit_code == 0 and "--json" in res.output


def test_catalog_json_reports_rejected_lines(app, tmp_path):
    lines = open(VER).read().splitlines()
    path = tmp_path / "ver.tle"
    path.write_text("\n".join(ln[:69] for ln in lines) + "\n")
    d = _json(app, ["constellation", "catalog", str(path), "--group-shells", "--json", "--at", "2006-06-25"])
    assert d["satellites"] == 30 and d["rejected_records"] == 3
    assert {i["norad_id"] for i in d["issues"]} == {33333, 33334, 33335}
    assert d["shells"] and d["propagation"]["failures"]
    res = runner.invoke(app, ["constellation", "catalog", str(path), "--strict"])
    assert res.exit_code != 0 and isinstance(res.exception, SpaceplanError)


def test_latency_json_and_plot(app, tmp_path):
    fig = tmp_path / "rtt.png"
    d = _json(app, ["constellation", "latency", "starlink_gen1", "--shell", "1", "--from", "moscow", "--to", "vladivostok",
                    "--duration", "10min", "--step", "60s", "--json", "--plot", str(fig)])
    assert d["mode"] == "isl" and len(d["rtt_ms"]) == 11 and d["rtt_min_ms"] > d["vacuum_great_circle_rtt_ms"]
    assert fig.stat().st_size > 10_000
    res = runner.invoke(app, ["constellation", "latency", "starlink_gen1", "--shell", "1", "--from", "paris", "--to",
                              "moscow", "--duration", "2min", "--bent-pipe"])
    assert res.exit_code == 0 and "bent-pipe" in res.output


def test_deploy_json_and_plot(app, tmp_path):
    fig = tmp_path / "dep.png"
    d = _json(app, ["constellation", "deploy", "rassvet_2027", "--launcher", "soyuz-2.1b", "--cadence", "6/yr",
                    "--start", "2026-01-01", "--json", "--plot", str(fig)])
    assert d["launches"] == 17 and d["full_operational_capability_utc"] > "2028"
    assert fig.stat().st_size > 10_000
    res = runner.invoke(app, ["constellation", "deploy", "rassvet_2027", "--launcher", "saturn-v"])
    assert res.exit_code != 0 and "saturn-v" in str(res.exception)


def test_deploy_unknown_launcher_lists_the_spelling_it_accepts(app):
    """Issue 14.6: the allowed list used to say ``soyuz-2_1b`` while docs and parser said ``soyuz-2.1b``."""
    res = runner.invoke(app, ["constellation", "deploy", "rassvet_2027", "--launcher", "saturnV"])
    allowed = res.exception.known
    assert "soyuz-2.1b" in allowed and not any("_" in name for name in allowed)
    for name in allowed:  # every listed spelling is accepted as written
        d = _json(app, ["constellation", "deploy", "oneweb", "--launcher", name, "--json"])
        assert d["launcher"]["key"] == name


def test_capacity_json(app):
    d = _json(app, ["constellation", "capacity", "rassvet_2027", "--json"])
    assert d["satellites"] == 288 and d["served_system_tbps"] > 0


def test_deploy_coverage_milestone(app):
    d = _json(app, ["constellation", "deploy", "rassvet_2027", "--launcher", "angara-a5", "--cadence", "2/yr",
                    "--coverage-region", "russia", "--coverage-threshold", "0.5", "--json"])
    m = d["coverage_milestone"]
    assert m["region"] and m["threshold"] == 0.5 and m["samples"]
