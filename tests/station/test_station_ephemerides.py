"""Station decay and deorbit trajectories as OEM files (read back by the oem package) and a CZML scene."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from spaceplan.core.frames import _teme_matrices, ecef_to_geodetic, eci_to_ecef
from spaceplan.core.oem import write_oem
from spaceplan.station.deorbit import FRAGMENT_BALLISTIC, deorbit_plan
from spaceplan.station.ephemerides import decay_states, deorbit_czml, deorbit_states
from spaceplan.station.presets import load_station, load_vehicle

oem = pytest.importorskip("oem")
czml3 = pytest.importorskip("czml3")


@pytest.fixture(scope="module")
def iss():
    return load_station("iss")


def test_decay_states_read_back_and_start_at_the_preset_altitude(tmp_path, iss):
    h = decay_states(iss, "2026-01-01", "2026-01-02")
    assert h.frame == "EME2000" and h.center == "EARTH"
    assert len(h) == 1441 and np.allclose(np.diff(h.tdb), 60.0)  # whole 60 s steps, start and end included
    message = oem.OrbitEphemerisMessage.open(str(write_oem(tmp_path / "iss.oem", h)))
    r = np.array([s.position for s in message.states]) * 1e3
    assert np.abs(r - h.r).max() < 1e-3
    height = np.linalg.norm(h.r, axis=1) - 6371e3
    assert abs(height.mean() / 1e3 - iss.altitude_km) < 25.0  # mean-sphere height vs the ellipsoid mean altitude


def test_deorbit_trajectory_ends_on_the_footprints_nominal_point(tmp_path, iss):
    plan = deorbit_plan(iss, load_vehicle("usdv"))
    h = deorbit_states(plan, iss)
    r_teme = _teme_matrices(h.tdb[-1:])[0].T @ h.r[-1]
    lat, lon, height = ecef_to_geodetic(eci_to_ecef(r_teme, h.tdb[-1]))
    nominal = FRAGMENT_BALLISTIC.index(100.0)
    assert math.degrees(float(lat)) == pytest.approx(plan.footprint_lat_deg[nominal], abs=1e-3)
    assert math.degrees(float(lon)) == pytest.approx(plan.footprint_lon_deg[nominal], abs=1e-3)
    # the propagator stops on its first-order-in-flattening height; exact geodetic height differs by tens of m
    assert float(height) == pytest.approx(70e3, abs=100.0)
    message = oem.OrbitEphemerisMessage.open(str(write_oem(tmp_path / "deorbit.xml", h)))
    assert np.abs(np.array([s.position for s in message.states]) * 1e3 - h.r).max() < 1e-3
    doc = json.loads(deorbit_czml(plan, iss))
    czml3.Document.model_validate(doc)
    ids = {p["id"] for p in doc}
    assert {"entry", "entry-track", "footprint", "point-nemo"} <= ids
    assert len([i for i in ids if i.startswith("fragment-")]) == len(FRAGMENT_BALLISTIC)
