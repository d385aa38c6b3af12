"""``--oem``, ``--czml`` and ``constellation export``: files read back by oem, czml3 and sgp4; one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from typer.testing import CliRunner

from spaceplan.cli import app

oem = pytest.importorskip("oem")
czml3 = pytest.importorskip("czml3")
runner = CliRunner()
CLI = [sys.executable, "-c", "from spaceplan.cli import main; main()"]


def _ok(args):
    result = runner.invoke(app, args, terminal_width=160)
    assert result.exit_code == 0, result.output
    return result


def _states(path):
    message = oem.OrbitEphemerisMessage.open(str(path))
    return message, np.array([s.position for s in message.states])


def test_station_decay_and_deorbit_files(tmp_path):
    _ok(["station", "decay", "iss", "--from", "2026-01-01", "--to", "2026-01-02", "--activity", "50",
         "--oem", str(tmp_path / "iss.xml"), "--oem-step", "5min"])
    message, r = _states(tmp_path / "iss.xml")
    assert len(r) == 289 and message.segments[0].metadata["REF_FRAME"] == "EME2000"
    assert 6_700 < np.linalg.norm(r, axis=1).min() < 6_850  # km
    _ok(["station", "deorbit", "iss", "--oem", str(tmp_path / "deorbit.oem"), "--czml", str(tmp_path / "d.czml")])
    _, r = _states(tmp_path / "deorbit.oem")
    assert np.linalg.norm(r[-1]) < np.linalg.norm(r[0]) - 200  # descends to 70 km
    czml3.Document.model_validate(json.loads((tmp_path / "d.czml").read_text()))


def test_porkchop_spiral_and_transfer_files(tmp_path):
    _ok(["porkchop", "earth", "mars", "--depart", "2026-10-01:2026-12-01", "--arrive", "2027-07-01:2027-10-01",
         "--step", "10d", "--oem", str(tmp_path / "transfer.oem")])
    message, r = _states(tmp_path / "transfer.oem")
    assert message.segments[0].metadata["CENTER_NAME"] == "SUN"
    assert message.segments[0].metadata["TIME_SYSTEM"] == "TDB"
    assert 1.4e8 < np.linalg.norm(r[0]) < 1.6e8  # starts at the Earth, ~1 AU
    _ok(["propulsion", "spiral", "--thrust", "5", "--isp", "5000", "--mass", "10t", "--vehicle", "",
         "--oem", str(tmp_path / "spiral.oem")])
    message, r = _states(tmp_path / "spiral.oem")
    assert np.linalg.norm(r[0]) == pytest.approx(6378.137 + 800.0, abs=1e-3)
    _ok(["propulsion", "transfer", "earth", "mars", "--depart", "2028-09-01:2028-09-02", "--step", "90d", "--tof", "400:400",
         "--vehicle", "zeus", "--oem", str(tmp_path / "leg.oem")])
    message, _ = _states(tmp_path / "leg.oem")
    assert len(message.segments) == 14


def test_constellation_groundtrack_coverage_and_export(tmp_path):
    _ok(["constellation", "groundtrack", "oneweb", "--satellites", "2", "--duration", "1h",
         "--oem", str(tmp_path / "oem"), "--czml", str(tmp_path / "tracks.czml")])
    files = sorted((tmp_path / "oem").glob("*.oem"))
    assert len(files) == 2 and all(len(_states(f)[1]) == 120 for f in files)
    doc = json.loads((tmp_path / "tracks.czml").read_text())
    assert len([p for p in doc if p["id"].startswith("sat-")]) == 2
    _ok(["constellation", "coverage", "oneweb", "--region", "bbox:50,60,30,40", "--grid", "2deg", "--duration", "1h",
         "--czml", str(tmp_path / "cov.czml")])
    doc = json.loads((tmp_path / "cov.czml").read_text())
    assert len([p for p in doc if p["id"].startswith("cell-")]) == 25
    _ok(["constellation", "export", "oneweb", "--omm", str(tmp_path / "ow.csv"), "--tle", str(tmp_path / "ow.tle")])
    from sgp4.api import Satrec

    lines = (tmp_path / "ow.tle").read_text().splitlines()
    assert len(lines) == 3 * 648
    sat = Satrec.twoline2rv(lines[1], lines[2])
    err, r, _ = sat.sgp4(sat.jdsatepoch, sat.jdsatepochF)
    assert err == 0 and abs(np.linalg.norm(r) - (6378.137 + 1200.0)) < 25.0
    assert (tmp_path / "ow.csv").read_text().count("\n") == 649


def test_format_errors_are_one_line_and_come_first(tmp_path):
    cases = [(["constellation", "export", "oneweb"], "--omm"),
             (["constellation", "export", "oneweb", "--omm", str(tmp_path / "x.yaml")], "--omm"),
             (["constellation", "export", "starlink_gen1", "--tle", str(tmp_path / "x.tle"), "--first-number",
               "99000"], "--first-number"),
             (["station", "deorbit", "iss", "--czml", str(tmp_path / "x.kml")], "--czml"),
             (["station", "decay", "iss", "--to", "2026-01-02", "--oem", str(tmp_path / "x.oem"), "--oem-step", "90s"],
              "--oem-step"),
             (["porkchop", "earth", "mars", "--depart", "2026-10-01:2026-12-01", "--arrive", "2027-07-01:2027-10-01",
               "--oem", str(tmp_path)], "--oem")]
    for args, field in cases:
        proc = subprocess.run(CLI + args, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 2, (args, proc.stderr)
        assert proc.stderr.count("\n") == 1 and field in proc.stderr, proc.stderr
    assert not (tmp_path / "x.tle").exists()
