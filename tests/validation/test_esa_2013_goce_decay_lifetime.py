"""GOCE's natural decay after fuel depletion (21 Oct - 10 Nov 2013) against our King-Hele lifetime.

This is a documented actual reentry, not a lifetime table: no published table of lifetime against
altitude and m/(Cd A) (ISO 27852 annexes, ESSB-HB-U-002, SMAD, spaceacademy.net.au) could be read offline
(only the opening pages of those documents are in the reference store), so the issue's "published
lifetime table or ISO 27852 guidance" remains open; this case is the best-documented lifetime available.

Sources (public pages, read 2026-12-03):

* ESA, "Benchmarking re-entry prediction uncertainties" (nebula.esa.int): fuel depletion on
  21 October 2013 at about 225 km; uncontrolled reentry on 11 November 2013 at 00:16 UTC (~80 km).
* ESA Rocket Science blog, 11 Nov 2013 (H. Klinkrad, ESA Space Debris Office): on the Troll pass that
  ended at 20:18 UTC on 10 November GOCE flew at 122 km (GPS navigation fixes).
* M. Langbroek (SatTrackCam Leiden, from the TLEs), 31 Oct and 5 Nov 2013: average orbital altitude
  227.5 km before 21 October; below 191.5 km on the morning of 5 November (forecast issued Nov 5.22).
* Swedish National Space Agency blog, Oct 2013: the fuel ran out on the morning of 21 October.
* Mass and size: launch mass 1,077 kg with 41 kg of xenon (ESA via kosmonauta.net), 5.3 m x 2.3 m
  (fin span); inclination 96.6 deg (final element set, NORAD 34602).

Method (fixed before the first run): B = Cd A/m is fitted (Brent, as station.reentry does, ISO 27852's
"ballistic coefficient from observed decay") so that the King-Hele decay on the NRLMSIS 2.1 table with the
OBSERVED space weather of 2013 goes from 227.5 km at Oct 21.25 to 191.5 km at Nov 5.22; the decay is then
continued to 120 km with the density x1 (nominal), x1.25 and x0.8.  Reference: GOCE at 122 km at
20:18 UTC on 10 November, so 120 km at about 20:30 UTC.

Tolerance (fixed before the first run, from the physics, never widened):

* the actual 120-km time lies inside the +-25 % density window: ISO 27852:2016 sec. 6 and IADC
  reentry-campaign practice put thermosphere-model error at 20-25 %, the same window station.reentry
  gives (CCSDS's Re-entry Data Message annex quotes +-20 % of the remaining lifetime as 1 sigma);
* the published altitudes' convention is unknown (TLE "average altitude" is often a - R_equator, ours is
  a minus the orbit-averaged ellipsoid radius, 10.6 km less at 96.6 deg), so both readings are run and the
  actual time must fall in the union of their windows;
* the fitted m/(Cd A) must be that of a ~1,036 kg slender body: frontal area 0.83 m^2 (the ~1 m octagonal
  body) to 2.3 m^2 (fin span x 1 m), Cd 2-4 (free-molecular flow) -> 110-630 kg/m^2.

Results (2026-12-03): m/(Cd A) 326 kg/m^2 (as published) and 244 kg/m^2 (a - R_eq reading); 120 km
reached 5.38 and 6.09 days after Nov 5.22 (actual 5.63), windows 4.33-6.69 and 4.90-7.61 days; the whole
arc from Oct 21.25 takes 20.35 and 21.06 days (actual 20.6, but 15 of those days are inside the fit).
The first run started the x1.25/x0.8 runs at Oct 21 instead of continuing from the fit's end point as
stated above (a coding slip, corrected; that run's window, 16.5-25.2 days, also held the actual 20.6);
no tolerance was changed.  Limits: one object, one B, 191.5 -> 120 km is predicted, the rest fitted.
"""

import math

import numpy as np
import pytest
from scipy.optimize import brentq

from spaceplan.core import king_hele_kernel, nrlmsis
from spaceplan.core.constants import EARTH_GM, EARTH_RADIUS
from spaceplan.core.time import utc_to_tdb
from spaceplan.station.decay import REENTRY_ALTITUDE, mean_radius, rotation_factor

INC = math.radians(96.6)
T0 = float(utc_to_tdb("2013-10-21T06:00"))  # fuel depleted in the morning of 21 October
T1 = float(utc_to_tdb("2013-11-05T05:17"))  # Langbroek's Nov 5.22 altitude
H0, H1 = 227.5e3, 191.5e3  # m, published average altitudes
ACTUAL_120 = float(utc_to_tdb("2013-11-10T20:30"))  # 122 km at 20:18 UTC (ESA)
OFFSET = EARTH_RADIUS - mean_radius(INC)  # a - R_eq -> our mean altitude, 10.6 km
B_RANGE = (110.0, 630.0)  # kg/m^2, m/(Cd A) of a 1,036 kg slender body (docstring)


def _decay(a0, t0, t1, h_stop, bc, table, scale=1.0):
    re = mean_radius(INC)
    cap = 200_000
    t_out, h_out = np.empty(cap), np.empty(cap)
    n, hit, t_hit = king_hele_kernel.king_hele_decay(a0, t0, t1, h_stop, float(rotation_factor(a0 - re, INC)), bc,
                                             EARTH_GM, re, table.t0, table.dt, table.alt,
                                             table.log_rho + math.log(scale), 86400.0, t_out, h_out)
    return h_out[:n], hit, t_hit


def _case(offset):
    """Fit B on (H0, H1) read with ``offset`` added; the 120-km times at density x1, x1.25, x0.8."""
    re = mean_radius(INC)
    h0, h1 = H0 + offset, H1 + offset
    table = nrlmsis.density_table(T0 - 86400.0, T0 + 40 * 86400.0, 100e3, h0 + 40e3, INC, 50, step_days=1.0)

    def miss(log_b):
        h, _, _ = _decay(re + h0, T0, T1, 0.0, math.exp(log_b), table)
        return h[-1] - h1

    bc = math.exp(brentq(miss, math.log(1e-4), math.log(1.0), xtol=1e-5))
    times = {}
    for scale in (1.0, 1.25, 0.8):  # continued from the fit's end point (Nov 5.22, h1)
        _, hit, t_hit = _decay(re + h1, T1, T0 + 40 * 86400.0, REENTRY_ALTITUDE, bc, table, scale)
        assert hit
        times[scale] = t_hit
    _, hit, t_whole = _decay(re + h0, T0, T0 + 40 * 86400.0, REENTRY_ALTITUDE, bc, table)  # whole arc, x1
    assert hit
    return bc, times, t_whole


@pytest.fixture(scope="module")
def cases():
    return {"as published": _case(0.0), "a - R_eq read": _case(OFFSET)}


def test_esa_2013_goce_decay_lifetime(cases):
    assert 10e3 < OFFSET < 11e3
    windows = []
    for name, (bc, times, _) in cases.items():
        mass_per_area = 1.0 / bc
        assert B_RANGE[0] < mass_per_area < B_RANGE[1], f"{name}: m/(Cd A) = {mass_per_area:.0f} kg/m^2"
        windows.append((min(times.values()), max(times.values())))
    assert any(lo <= ACTUAL_120 <= hi for lo, hi in windows), (
        "actual 120-km time outside both windows: "
        + "; ".join(f"{(lo - T0) / 86400:.2f}-{(hi - T0) / 86400:.2f} d" for lo, hi in windows)
        + f" vs {(ACTUAL_120 - T0) / 86400:.2f} d")
