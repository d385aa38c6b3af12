"""Spirals and Sims-Flanagan legs as OEM state histories (read back by the oem package)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from spaceplan.core.constants import body
from spaceplan.core.ephemeris import state
from spaceplan.core.oem import write_oem
from spaceplan.core.time import utc_to_tdb
from spaceplan.propulsion.ephemerides import leg_states, spiral_states
from spaceplan.propulsion.sims_flanagan import FEAS_TOL, AU, LowThrustSpacecraft, solve_leg
from spaceplan.propulsion.spiral import spiral_capture, spiral_escape

oem = pytest.importorskip("oem")

T0 = float(utc_to_tdb("2028-10-01"))


def test_leg_states_fly_the_solution_and_meet_at_the_match_point(tmp_path):
    leg = solve_leg("earth", "mars", T0, 400 * 86400.0, LowThrustSpacecraft(0.6, 3000.0, 1500.0), 12)
    assert leg.feasible
    segs = leg_states(leg)
    assert len(segs) == 14  # 12 impulses and the match point cut the leg into 14 arcs
    r_e, _ = state("earth", T0, center="sun")
    r_m, _ = state("mars", T0 + leg.tof_s, center="sun")
    assert np.linalg.norm(segs[0].r[0] - r_e) < 1e-3 and np.linalg.norm(segs[-1].r[-1] - r_m) < 1e-3
    for a, b in zip(segs[:-1], segs[1:]):
        assert a.tdb[-1] == pytest.approx(b.tdb[0], abs=1e-6)
        assert np.linalg.norm(a.r[-1] - b.r[0]) < FEAS_TOL * AU  # 15 km at the match point, 0 elsewhere
    assert np.linalg.norm(segs[6].r[-1] - segs[7].r[0]) == pytest.approx(leg.miss_position_m, rel=1e-3, abs=1.0)
    message = oem.OrbitEphemerisMessage.open(str(write_oem(tmp_path / "leg.oem", segs)))
    assert len(message.segments) == 14
    r = np.array([s.position for s in message.states]) * 1e3
    assert np.abs(r - np.vstack([s.r for s in segs])).max() < 1e-3


def test_spiral_states_start_circular_and_capture_ends_prograde(tmp_path):
    mu = body("earth").gm
    r0 = 6378.137e3 + 800e3
    up = spiral_states(spiral_escape("earth", r0, 1.0, 50e3, 10_000.0), T0)
    assert up.frame == "EME2000" and np.linalg.norm(up.r[0]) == pytest.approx(r0)
    assert np.linalg.norm(up.v[0]) == pytest.approx(math.sqrt(mu / r0), rel=1e-12)
    energy = 0.5 * np.sum(up.v[-1] ** 2) - mu / np.linalg.norm(up.r[-1])
    assert abs(energy) < 1e-3 * mu / r0  # ends at C3 = 0
    down = spiral_states(spiral_capture("earth", r0, 1.0, 50e3, 10_000.0), T0)
    assert np.linalg.norm(down.r[-1]) == pytest.approx(r0)
    assert np.cross(down.r, down.v)[:, 2].min() > 0  # counter-clockwise all the way
    message = oem.OrbitEphemerisMessage.open(str(write_oem(tmp_path / "spiral.oem", up)))
    assert np.abs(np.array([s.position for s in message.states[:500]]) * 1e3 - up.r[:500]).max() < 1e-3
