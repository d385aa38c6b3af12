"""Issue 9: every constellation command takes a TLE/3LE/OMM catalog file, detected by its content.

The test catalog is a 3 x 8 Walker-like set at 780 km, 86.4 deg built with ``sgp4``'s own
``sgp4init`` and written with its exporters (``export_tle`` for the TLEs, ``export_omm`` for the
OMM JSON of the satellites read back from those TLEs): the same element sets in two formats.
"""

from __future__ import annotations

import json
import math

import pytest
from sgp4.api import WGS72, Satrec
from sgp4.exporter import export_omm, export_tle
from typer.testing import CliRunner

from spaceplan.cli import app

runner = CliRunner()
FAST = ["--grid", "10deg", "--duration", "30min", "--step", "60s", "--start", "2026-01-02"]


def _walker_tles() -> str:
    from sgp4.api import jday

    lines = []
    jd, fr = jday(2026, 1, 1, 12, 0, 0)
    epoch = jd + fr - 2433281.5  # days since 1949 December 31 00:00 UT
    for p in range(3):
        for s in range(8):
            sat = Satrec()
            sat.sgp4init(WGS72, "i", 90000 + 8 * p + s, epoch, 2e-5, 0.0, 0.0, 1e-4, math.radians(0.0),
                         math.radians(86.4), math.radians(360.0 * s / 8 + 15.0 * p), 2 * math.pi * 14.34 / 1440.0,
                         math.radians(60.0 * p))
            sat.intldesg = f"26001{'ABCDEFGHJKLMNPQRSTUVWXYZ'[8 * p + s]}"
            l1, l2 = export_tle(sat)
            lines += [f"SAT-{p}{s}", l1, l2]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("catalogs")
    tle = _walker_tles()
    (d / "walker.tle").write_text(tle)
    (d / "walker.txt").write_text(tle)  # extension says nothing: content decides
    names, sats = tle.splitlines()[0::3], [Satrec.twoline2rv(a, b) for a, b in zip(tle.splitlines()[1::3], tle.splitlines()[2::3])]
    omm = [export_omm(s, n) for s, n in zip(sats, names)]
    (d / "walker.json").write_text(json.dumps(omm, indent=1))
    (d / "omm_named.tle").write_text(json.dumps(omm))  # OMM JSON behind a .tle extension
    (d / "garbage.tle").write_text("hello = \nthis is not a catalog\n1 2 3\n")
    (d / "walker.toml").write_text("[[shell]]\naltitude_km = 780\ninclination_deg = 86.4\nplanes = 3\n"
                                   "sats_per_plane = 8\n")  # starts with '[' like a JSON array
    return d


def run(*args):
    return runner.invoke(app, ["constellation", *map(str, args)])


def _json(*args):
    res = run(*args, "--json")
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def _numbers(d):
    return {k: v for k, v in d.items() if k not in ("constellation", "wall_s", "inputs", "figure")}


def test_coverage_of_tle_equals_coverage_of_the_same_satellites_as_omm_json(files):
    tle = _json("coverage", files / "walker.tle", *FAST)
    omm = _json("coverage", files / "walker.json", *FAST)
    assert tle["satellites"] == omm["satellites"] == 24
    assert _numbers(tle) == _numbers(omm)
    assert 0.0 < tle["coverage_fraction"] < 1.0 and tle["missing_satellite_steps"] == 0
    for other in ("walker.txt", "omm_named.tle"):  # format by content, not by extension
        assert _numbers(_json("coverage", files / other, *FAST)) == _numbers(tle)


def test_compare_groundtrack_shells_latency_capacity_take_catalogs(files):
    d = _json("compare", files / "walker.tle", files / "walker.json", "oneweb", *FAST)
    rows = d["constellations"]
    assert [r["satellites"] for r in rows] == [24, 24, 648]
    assert rows[0]["regions"] == rows[1]["regions"] and rows[0]["shells"] == 1
    g = _json("groundtrack", files / "walker.json", "--satellites", "3", "--duration", "20min")
    assert len(g["satellites"]) == 3 and all(abs(s["start_lat_deg"]) <= 90 for s in g["satellites"])
    sh = _json("shells", files / "walker.tle")
    assert sh["satellites"] == 24 and len(sh["shells"]) == 1 and sh["shells"][0]["planes"] == 3
    assert sh["shells"][0]["inclination_deg"] == pytest.approx(86.4, abs=1e-6)
    lat = _json("latency", files / "walker.tle", "--from", "moscow", "--to", "london", "--bent-pipe",
                "--duration", "5min", "--step", "60s")
    assert lat["mode"] == "bent-pipe" and len(lat["rtt_ms"]) == 6
    cap = _json("capacity", files / "walker.tle", "--payload", "oneweb")
    assert cap["satellites"] == 24


def _error(*args) -> str:
    from spaceplan.core.errors import SpaceplanError

    res = run(*args)
    assert isinstance(res.exception, SpaceplanError), res.output
    msg = str(res.exception)
    assert "\n" not in msg
    return msg


def test_catalog_errors_name_the_field_and_the_formats_tried(files):
    msg = _error("coverage", files / "garbage.tle", *FAST)
    assert msg.startswith(str(files / "garbage.tle"))
    assert "as TOML [[shell]] file: " in msg and "as TLE/3LE (detected from the content): line 1:" in msg
    assert "OMM XML, KVN, JSON or CSV" in msg
    assert "--bent-pipe" in _error("latency", files / "walker.tle", "--from", "moscow", "--to", "london", "--isl")
    assert _error("capacity", files / "walker.tle").startswith("--payload")
    assert "already in orbit" in _error("deploy", files / "walker.tle", "--launcher", "falcon9")
    assert _error("coverage", files / "walker.tle", "--altitude", "600", *FAST).startswith("--altitude")
    assert "no such file" in _error("coverage", files / "missing.tle", *FAST)


def test_toml_starting_with_a_table_is_a_walker_file(files):
    d = _json("shells", files / "walker.toml")
    assert d["satellites"] == 24 and d["shells"][0]["planes"] == 3


def test_catalog_command_reads_by_content(files):
    d = _json("catalog", files / "omm_named.tle")
    assert d["satellites"] == 24 and d["rejected_records"] == 0
