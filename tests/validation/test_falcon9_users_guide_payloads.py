"""Falcon 9 published payloads, all from the one preset ``falcon9.toml``, within 10 %.

References (SpaceX; figures unchanged on the SpaceX site 2017-2023):
* SpaceX, "Capabilities & Services" page and the Falcon 9 vehicle page (spacex.com/vehicles/falcon-9):
  LEO 22,800 kg expendable (28.5 deg, from Cape Canaveral), GTO 8,300 kg expendable and 5,500 kg with the
  first stage recovered (drone ship), GTO at 27 deg.
* SpaceX, Falcon User's Guide (2021), sec. 4: GTO-1800, 185 x 35,786 km (1800 m/s to GEO at 27 deg).

Orbits flown here: LEO 200 x 200 km at 28.5 deg; GTO 185 x 35,786 km at 28.5 deg (a direct ascent from the
Cape cannot reach 27 deg; the 1.5 deg plane change the published figure includes costs ~11 m/s when done in
the perigee burn at the node, i.e. ~0.1 % payload, negligible against the 10 % band).

RTLS: SpaceX publishes no return-to-launch-site capacity (the capabilities page lists expendable and
"reusable" = drone ship only); it is not compared here, only checked against the drone-ship case
(tests/launch/test_recovery.py).  Issue 19, defect 26 (decision, 2026-12): the "~3,500 kg to GTO with RTLS"
often cited has no primary source (none of SpaceX's pages, user's guides or statements found carries it), so it
is not a validation target.  The model gives 4,187 kg (penalty 51 % of the 8,527 kg expendable; 4,423 kg before
the boost-back ignition was moved from an assumed 10 s to the 22 s after MECO seen in SpaceX's RTLS webcast
telemetry).  Its recovery budget is checked piece by piece instead: staging at 1,847 m/s, 54 km, 31 deg; the
boost-back 2,323 m/s (46 t) is 1.17 x an impulsive range-equation estimate from the same state
(tests/validation/test_range_equation_rtls_boostback.py), entry 378 m/s, landing 640 m/s, reserve 57.3 t.
Scaling the RTLS figure by this drone-ship figure's published/model ratio (5,500 / 5,953) gives ~3,870 kg;
reaching 3,500 kg would take ~11 t more recovery propellant (~370 m/s more recovery delta-v, or a 19 %
margin on the 57 t) than the physics needs; the landed stage's 4.1 t residual already exceeds the ~3.6 t
(8,000 lb) of propellant the LZ-1 environmental assessment allows to remain in a returning stage (as quoted
on r/SpaceXLounge, 2020-12), so no large hidden landing margin is missing.  See docs/launch.md.

Tolerance: 10 % of the published value, as the issue states (the published figures are rounded vendor
numbers that include SpaceX's undisclosed margins; the stage masses are Space Launch Report estimates).

History of the agreement (model - published):
* before the fairing fix the fairing jettison was booked as 1.7 t of burnt second-stage propellant (a hidden
  reserve); after it: LEO +10.4 %, GTO +18.7 %, GTO drone ship +32 % (then recorded here as strict xfail).
* three preset inconsistencies with published data were then corrected in ``falcon9.toml`` (each number has
  its source there; no payload figure was used to set any of them):
  - first-stage throttling: at the [SX] thrusts the 411 t load burns in 152 s, against SpaceX's published
    162 s (MECO T+164 s on the expendable GPS III SV01 timeline); the max-q throttle limit (an unsourced
    32 kPa assumption before) is set where the expendable burn lasts 159-161 s (20 kPa; 19 kPa, 161-162 s,
    gives 0.6 % less payload but SLSQP then fails on 400 x 400 km in tests/launch).  Lower average
    thrust means more gravity loss: -4 % payload.
  - MECO to second-stage ignition 6 s (SpaceX timelines: GPS III SV01, TESS) instead of an assumed 3 s.
  - unusable residual propellant 1 % of each stage's load (Sutton & Biblarz, propellant budget: typically
    0.5-2 %), instead of 0.36 % / 0.47 %: the second stage carries 0.6 t more to orbit, the landed booster
    2.6 t more.
  Result (dt = 1 s): LEO 23,062 kg (+1.1 %), GTO 8,527 kg (+2.7 %), GTO drone ship 5,946 kg (+8.1 %,
  recovery penalty 30 % against the published 34 %).  Loss budget, LEO: ideal 9.16 km/s, gravity 0.96,
  steering 0.74 (thrust off the inertial velocity, which includes the vertical rise through the pad's
  0.41 km/s eastward speed), drag 0.015, back-pressure 0.06; 1.78 km/s in all.
* events located by root finding and the optimum polished (issue 9: the answer had moved by ~10 kg with the
  machine): LEO 23,056 kg (+1.1 %), GTO 8,533 kg (+2.8 %), GTO drone ship 5,957 kg (+8.3 %, penalty 30 %),
  reproducible to 0.01 kg across processes and numba targets (tests/launch/test_reproducibility.py).

The drone-ship case is the one closest to the band: the model's recovery penalty is a little smaller than the
published one (SpaceX's "reusable" figure presumably holds landing margins the model does not book).
"""

import pytest

from spaceplan.launch.ascent import parse_orbit
from spaceplan.launch.payload import optimize_payload
from spaceplan.launch.recovery import payload_with_recovery
from spaceplan.launch.vehicles import load_vehicle

TOL = 0.10


@pytest.fixture(scope="module")
def results():
    v = load_vehicle("falcon9")
    leo = optimize_payload(v, parse_orbit("200x200", 28.5), "cape-canaveral")
    gto_t = parse_orbit("185x35786", 28.5)
    gto = optimize_payload(v, gto_t, "cape-canaveral")
    gto_ds = payload_with_recovery(v, gto_t, "cape-canaveral", "droneship", expendable=gto)
    return v, {"leo_expendable_kg": leo.payload_kg, "gto_expendable_kg": gto.payload_kg,
               "gto_droneship_kg": gto_ds.payload_kg, "leo": leo, "gto": gto}


@pytest.mark.parametrize("key, published", [
    ("leo_expendable_kg", 22_800.0),
    ("gto_expendable_kg", 8_300.0),
    ("gto_droneship_kg", 5_500.0),
])
def test_falcon9_published_payload(results, key, published):
    v, ours = results
    assert v.published[key] == published  # the preset quotes the same reference
    assert abs(ours[key] / published - 1.0) <= TOL, f"{key}: ours {ours[key]:.0f} kg vs {published:.0f} kg"


def test_recovery_penalty_direction(results):
    """Recovering the stage costs payload, and the drone-ship GTO penalty is a large fraction (published:
    (8300 - 5500) / 8300 = 34 %); the model's 20-40 % band is a sanity check, not a validation."""
    _, ours = results
    frac = 1.0 - ours["gto_droneship_kg"] / ours["gto_expendable_kg"]
    assert 0.20 < frac < 0.40


def test_first_stage_burn_matches_published_burn_time(results):
    """The throttle programme reproduces SpaceX's published 162 s first-stage burn (expendable), the constraint it
    was set from; the full-thrust burn of the same load would last 152 s."""
    _, ours = results
    for key in ("leo", "gto"):
        t_meco = ours[key].ascent.stages[0].t_burnout_s
        assert 158.0 < t_meco < 166.0, f"{key}: MECO at {t_meco:.1f} s"


def test_losses_come_out_of_the_simulation(results):
    """Losses are integrated along the trajectory and close the inertial-speed budget:
    |v|_end - |v|_pad = ideal - (gravity + drag + steering + back-pressure)."""
    import numpy as np

    from spaceplan.launch.ascent import initial_state, load_site

    v, ours = results
    a = ours["leo"].ascent
    v0 = np.linalg.norm(initial_state(load_site("cape-canaveral"), a.payload_kg, v, False)[3:6])
    v_end = np.linalg.norm(a.final_state[3:6])
    L = a.losses
    assert v_end - v0 == pytest.approx(L.ideal_ms - L.total_ms, abs=5.0)
    # sanity band: the 1.5-2 km/s of ascent losses usually quoted for LEO (e.g. Curtis, Orbital Mechanics, ch. 11)
    assert 1_500.0 < L.total_ms < 2_000.0  # 1.78 km/s here
