"""Validation of the first-order capacity model against del Portillo, Cameron & Crawley (2019),
"A technical comparison of three low earth orbit satellite constellation systems to provide
global broadband", Acta Astronautica 159:123-135 (doi:10.1016/j.actaastro.2019.03.040).

Published total system throughput (sellable, forward): Telesat 2.66 Tbps, OneWeb 1.56 Tbps,
SpaceX 23.7 Tbps (abstract and sec. 5; the numbers as given in the task brief: the paper text
could not be opened offline to re-check them).  Constellations as in their table 1 (the 2016-18
FCC filings): SpaceX 4425 = 1600 @1150 km/53 deg (32x50) + 1600 @1110/53.8 (32x50) + 400
@1130/74 (8x50) + 375 @1275/81 (5x75) + 450 @1325/70 (6x75); OneWeb 720 = 18x40 @1200/87.9;
Telesat 117 = 6x12 @1000/99.5 + 5x9 @1248/37.4.

Tolerance, fixed before running: a factor 1.5 (ratio 0.67-1.5), the spread a first-order
model (no interference, rain, gateway optimization or traffic matrix) can claim.
Result: OneWeb agrees (0.79); SpaceX (0.64) and Telesat (0.47) fall below.  Reason (not a
tuning knob): our demand weight is the inhabited-land fraction under the orbit (~0.25),
while del Portillo's statistical demand model lets a satellite sell a larger share of its
peak (their Telesat average is ~60 % of its peak, aided by ISLs and maritime/aero demand).
Those two cases are recorded as strict xfails, not hidden by a wider tolerance.
"""

from __future__ import annotations

import math

import pytest

from spaceplan.constellation.capacity import estimate_capacity
from spaceplan.constellation.shells import Constellation, WalkerShell as W

r = math.radians
SPACEX = Constellation("SpaceX 4425", (W("a", 1150e3, r(53), 32, 50), W("b", 1110e3, r(53.8), 32, 50),
                                       W("c", 1130e3, r(74), 8, 50), W("d", 1275e3, r(81), 5, 75),
                                       W("e", 1325e3, r(70), 6, 75)))
ONEWEB = Constellation("OneWeb 720", (W("a", 1200e3, r(87.9), 18, 40, pattern="star"),))
TELESAT = Constellation("Telesat 117", (W("p", 1000e3, r(99.5), 6, 12, pattern="star"), W("i", 1248e3, r(37.4), 5, 9)))
TOL = 1.5


def _ratio(const, payload, published_tbps):
    return estimate_capacity(const, payload).system_bps / 1e12 / published_tbps


def test_del_portillo_2019_oneweb_throughput():
    assert 1 / TOL <= _ratio(ONEWEB, "oneweb", 1.56) <= TOL


@pytest.mark.xfail(strict=True, reason="first-order land-weighted demand undercounts (see module docstring): ratio 0.64")
def test_del_portillo_2019_spacex_throughput():
    assert 1 / TOL <= _ratio(SPACEX, "starlink_gen1", 23.7) <= TOL


@pytest.mark.xfail(strict=True, reason="feeder-limited and land-weighted: ratio 0.47; del Portillo sells ~60 % of peak")
def test_del_portillo_2019_telesat_throughput():
    assert 1 / TOL <= _ratio(TELESAT, "telesat_lightspeed", 2.66) <= TOL


def test_del_portillo_2019_ranking_spacex_largest():
    values = {k: estimate_capacity(c, p).system_bps for k, c, p in
              (("spacex", SPACEX, "starlink_gen1"), ("oneweb", ONEWEB, "oneweb"), ("telesat", TELESAT, "telesat_lightspeed"))}
    assert values["spacex"] > 5 * max(values["oneweb"], values["telesat"])  # published: 23.7 vs 2.66 / 1.56
