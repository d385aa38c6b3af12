"""A constellation's satellites as OEM files (read back by the oem package) and CZML scenes (czml3)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from spaceplan.constellation.plots import select_satellites
from spaceplan.constellation.scenes import constellation_czml, coverage_czml, satellite_states
from spaceplan.constellation.shells import load_constellation
from spaceplan.core.oem import write_oem
from spaceplan.core.time import utc_to_tdb

oem = pytest.importorskip("oem")
czml3 = pytest.importorskip("czml3")


@pytest.fixture(scope="module")
def oneweb():
    c = load_constellation("oneweb")
    return c, select_satellites(c, 4), float(utc_to_tdb("2026-01-01")) + 60.0 * np.arange(120)


@pytest.mark.parametrize("suffix", [".oem", ".xml"])
def test_walker_satellites_as_oem_read_back_to_1_mm(tmp_path, oneweb, suffix):
    c, idx, tdb = oneweb
    histories = satellite_states(c, idx, tdb)
    assert len(histories) == len(idx) and len({h.name for h in histories}) == len(idx)
    for h in histories:
        message = oem.OrbitEphemerisMessage.open(str(write_oem(tmp_path / f"{h.object_id}{suffix}", h)))
        r = np.array([s.position for s in message.states]) * 1e3
        assert np.abs(r - h.r).max() < 1e-3
        # a rotation of the circular Walker orbit: the radius is the shell's a
        assert np.allclose(np.linalg.norm(h.r, axis=1), c.shells[0].semi_major_axis, rtol=0, atol=1e-3)


def test_constellation_czml_moves_on_the_shell_and_tracks_stay_under_the_inclination(oneweb):
    c, idx, tdb = oneweb
    doc = json.loads(constellation_czml(c, idx, tdb))
    czml3.Document.model_validate(doc)
    sats = [p for p in doc if p["id"].startswith("sat-")]
    tracks = [p for p in doc if p["id"].startswith("track-")]
    assert len(sats) == len(tracks) == len(idx)
    xyz = np.array(sats[0]["position"]["cartesian"]).reshape(-1, 4)[:, 1:]
    assert np.allclose(np.linalg.norm(xyz, axis=1), c.shells[0].semi_major_axis, atol=1.0)
    lat = np.array(tracks[0]["polyline"]["positions"]["cartographicDegrees"]).reshape(-1, 3)[:, 1]
    # geodetic latitude of a 1200 km, 87.9 deg orbit: up to 87.9 deg + the geodetic-geocentric difference
    assert np.abs(lat).max() <= math.degrees(c.shells[0].inclination_rad) + 0.2


def test_coverage_snapshot_czml_has_one_rectangle_per_cell():
    from spaceplan.constellation.coverage import coverage
    from spaceplan.core.regions import parse_region

    c = load_constellation("oneweb")
    res = coverage(c, parse_region("bbox:40,60,20,60", 2.0), float(utc_to_tdb("2026-01-01")) + 300.0 * np.arange(12),
                   math.radians(25.0))
    doc = json.loads(coverage_czml(res))
    czml3.Document.model_validate(doc)
    cells = [p for p in doc if p["id"].startswith("cell-")]
    assert len(cells) == res.ground.size
    w, s, e, n = cells[0]["rectangle"]["coordinates"]["wsenDegrees"]
    assert e - w == pytest.approx(2.0) and n - s == pytest.approx(2.0)
