"""CLI: spaceplan constellation presets / shells / coverage / compare / groundtrack (and the net commands)."""

import json
import sys

import pytest
from typer.testing import CliRunner

from spaceplan.cli import app, main
from spaceplan.core.errors import SpaceplanError

runner = CliRunner()

SMALL = """
name = "Test polar"
operator = "tests"
[[shell]]
name = "1000 km polar"
altitude_km = 1000.0
inclination_deg = 87.0
planes = 6
sats_per_plane = 8
phasing = 1
"""

FAST = ["--grid", "10deg", "--duration", "20min", "--step", "60s"]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = tmp_path_factory.mktemp("const") / "small.toml"
    path.write_text(SMALL)
    return str(path)


def run(*args):
    return runner.invoke(app, ["constellation", *args])


def _json(*args):
    res = run(*args)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_help_lists_every_command_and_options_have_help():
    res = run("--help")
    assert res.exit_code == 0
    for cmd in ("presets", "shells", "coverage", "compare", "groundtrack", "catalog", "latency", "deploy", "capacity"):
        assert cmd in res.output
    from spaceplan.cli.constellation import compare_command, coverage_command, groundtrack, presets, shells

    for fn in (presets, shells, coverage_command, compare_command, groundtrack):
        for param in fn.__defaults__:
            assert getattr(param, "help", None), f"{fn.__name__}: option without --help text"
    res = run("coverage", "--help")
    assert res.exit_code == 0 and "--min-elevation" in res.output and "--region" in res.output


def test_presets_and_shells():
    d = _json("presets", "--json")
    by_key = {p["key"]: p for p in d["presets"]}
    assert by_key["starlink_gen1"]["satellites"] == 4408 and by_key["starlink_gen1"]["shells"] == 5
    assert "rassvet_2027" in by_key
    res = run("shells", "oneweb")
    assert res.exit_code == 0 and "OneWeb" in res.output
    d = _json("shells", "starlink_gen1", "--json")
    assert sum(s["satellites"] for s in d["shells"]) == 4408


def test_shells_analytic_geometry_matches_geometry_module():
    """550 km, 25 deg: lambda = 90 - 25 - asin(cos 25 sin rho) (SMAD 3rd ed. eq. 5-16..5-18)."""
    import math

    d = _json("shells", "starlink_gen1", "--min-elevation", "25", "--json")
    s550 = next(s for s in d["shells"] if abs(s["altitude_km"] - 550) < 1 and abs(s["inclination_deg"] - 53) < 0.1)
    r = 6378137.0
    rho = math.asin(r / (r + 550e3))
    lam = 90 - 25 - math.degrees(math.asin(math.cos(math.radians(25)) * math.sin(rho)))
    assert s550["analytic"]["earth_central_angle_deg"] == pytest.approx(lam, rel=1e-3)  # sphere radius may differ
    assert s550["analytic"]["max_latitude_deg"] == pytest.approx(53 + lam, rel=1e-3)
    bad = run("shells", "oneweb", "--min-elevation", "95")
    assert isinstance(bad.exception, SpaceplanError) and "--min-elevation" in str(bad.exception)


def test_coverage_json_small_case(small):
    d = _json("coverage", small, *FAST, "--json")
    assert d["constellation"] == "Test polar" and d["satellites"] == 48
    assert d["points"] == 18 * 36 and d["steps"] == 20 and d["step_s"] == 60.0
    assert 0.0 < d["coverage_fraction"] <= 1.0 and d["min_elevation_deg"] == 25.0
    assert d["inputs"]["grid_deg"] == 10.0 and d["inputs"]["region"] == "world"
    strict = _json("coverage", small, *FAST, "--min-elevation", "40", "--min-sats", "2", "--json")
    assert strict["coverage_fraction"] < d["coverage_fraction"] and strict["min_sats"] == 2


def test_coverage_table_region_and_cities(small):
    res = run("coverage", small, "--region", "bbox:40,70,20,180", *FAST)
    assert res.exit_code == 0, res.output
    assert "coverage" in res.output and "longest gap" in res.output
    d = _json("coverage", small, "--region", "moscow,vladivostok", "--duration", "10min", "--json")
    assert [p["name"].lower() for p in d["points_detail"]] == ["moscow", "vladivostok"]


def test_coverage_plot_writes_png(small, tmp_path):
    for quantity in ("fraction", "sats"):
        png = tmp_path / f"map_{quantity}.png"
        res = run("coverage", small, *FAST, "--map", quantity, "--plot", str(png))
        assert res.exit_code == 0, res.output
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000


def test_compare_table_and_json(small):
    res = run("compare", small, "rassvet_2027", *FAST)
    assert res.exit_code == 0, res.output
    assert "rassvet_2027" in res.output and "small" in res.output and "mean in view" in res.output
    d = _json("compare", small, "oneweb", "--region", "world", "--region", "russia", *FAST, "--json")
    rows = d["constellations"]
    assert [r["satellites"] for r in rows] == [48, 648]
    assert all(len(r["regions"]) == 2 for r in rows)
    oneweb = rows[1]["regions"]
    assert all(0.0 <= v["coverage_fraction"] <= 1.0 for v in oneweb.values())


def test_groundtrack_json_and_plot(tmp_path):
    png = tmp_path / "gt.png"
    d = _json("groundtrack", "starlink_gen1", "--satellites", "5", "--duration", "100min", "--step", "60s",
              "--json", "--plot", str(png))
    assert len(d["satellites"]) == 5 and d["steps"] == 100
    assert len({s["shell"] for s in d["satellites"]}) == 5  # one per shell
    for s in d["satellites"]:
        assert len(s["lat_deg"]) == 100
        assert max(abs(x) for x in s["lat_deg"]) <= 82.5  # <= 180 - 97.6 deg (polar) and 53/70 deg shells
    assert png.stat().st_size > 20_000


@pytest.mark.parametrize(
    "args, field",
    [
        (["coverage", "starlink_gen9"], "constellation"),
        (["coverage", "starlink_gen1", "--min-elevation", "95"], "--min-elevation"),
        (["coverage", "starlink_gen1", "--min-elevation", "-1"], "--min-elevation"),
        (["coverage", "starlink_gen1", "--grid", "7deg"], "--grid"),
        (["coverage", "starlink_gen1", "--grid", "fine"], "--grid"),
        (["coverage", "starlink_gen1", "--step", "2h", "--duration", "1h"], "--step"),
        (["coverage", "starlink_gen1", "--duration", "-1h"], "--duration"),
        (["coverage", "starlink_gen1", "--region", "atlantis"], "--region"),
        (["coverage", "starlink_gen1", "--plot", "map.gif"], "--plot"),
        (["coverage", "starlink_gen1", "--map", "heat"], "--map"),
        (["coverage", "starlink_gen1", "--min-sats", "0"], "--min-sats"),
        (["compare", "oneweb", "kuipr"], "constellation"),
        (["groundtrack", "oneweb", "--satellites", "0"], "--satellites"),
    ],
)
def test_bad_input_is_a_one_line_spaceplan_error(args, field):
    res = run(*args)
    assert isinstance(res.exception, SpaceplanError), res.output
    msg = str(res.exception)
    assert "\n" not in msg and msg.startswith(field)
    assert res.stdout == ""


@pytest.mark.parametrize(
    "args, field",
    [(["coverage", "no_such_preset"], "constellation"), (["coverage", "oneweb", "--min-elevation", "90"], "--min-elevation")],
)
def test_main_exits_2_with_one_line(monkeypatch, capsys, args, field):
    monkeypatch.setattr(sys, "argv", ["spaceplan", "constellation", *args])
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err.startswith(f"error: {field}") and out.err.strip().count("\n") == 0
    if field == "--min-elevation":
        assert "0 to 89 deg" in out.err
