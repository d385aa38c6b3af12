"""Validation of the first-order capacity model against del Portillo, Cameron & Crawley (2019),
"A technical comparison of three low earth orbit satellite constellation systems to provide
global broadband", Acta Astronautica 159:123-135 (doi:10.1016/j.actaastro.2019.03.040).

Published results (their summary table, as reproduced by L. Press, "Simulation of OneWeb,
SpaceX and Telesat's proposed global broadband constellations", cis471.blogspot.com,
2019-01-02; the paper itself could not be opened offline):
                                        SpaceX   OneWeb   Telesat
  average data rate per satellite, Gbps   5.36     2.17     22.74
  total system throughput (sellable), Tbps 23.70   1.56      2.66
  ground stations for full capacity        123      71        42
Constellations as in their table 1 (the 2016-18 FCC filings): SpaceX 4425 = 1600 @1150 km/53 deg
(32x50) + 1600 @1110/53.8 (32x50) + 400 @1130/74 (8x50) + 375 @1275/81 (5x75) + 450 @1325/70 (6x75);
OneWeb 720 = 18x40 @1200/87.9; Telesat 117 = 6x12 @1000/99.5 + 5x9 @1248/37.4.

Same quantity?  Yes: 23.70 Tbps = 4425 x 5.36 Gbps, 1.56 = 720 x 2.17, 2.66 = 117 x 22.74, i.e.
their total is the sum over *all* satellites (over land and sea) of each one's time-average
sold data rate, which is what ``CapacityEstimate.system_bps`` is (N x C_sat x u per shell).

Tolerance, fixed before running: a factor 1.5 (ratio 0.67-1.5), the spread a first-order
model (no interference, rain, gateway optimization or traffic matrix) can claim.
Result: OneWeb agrees (0.79); SpaceX (0.64) and Telesat (0.47) fall below.  Modelling reason:
the sold fraction u.  Ours is the inhabited-land fraction under the *sub-satellite point*
(SpaceX 0.27, OneWeb 0.24, Telesat 0.26 of the per-satellite peak 12.6 / 7.25 / 42.0 Gbps);
matching the published averages needs u = 0.42 / 0.30 / 0.54.  Steerable beams can serve
demand anywhere in the field of view (cap radius 9.5 / 6.1 / 15.7-18.2 deg at the 40 / 55 /
20 deg minimum elevations of the paper), so the sub-point weight is a lower bound; the opposite
bound, "full capacity whenever inhabited land is in view" (Natural Earth land, 60 S - 80 N),
gives u = 0.60 / 0.47 / 0.74 (a Monte Carlo estimate made while reviewing this test, not part of
the package), ratios 1.42 / 1.58 / 1.37.  The published values lie between the two bounds
for all three systems, but neither bound fits all three within 1.5 (the upper one fails OneWeb),
so the real answer needs what the paper models and we do not: the population-based demand
per cell, gateway siting (their Telesat needs 42 gateways, SpaceX 123) and ISL routing.
SpaceX and Telesat therefore stay strict xfails, not hidden by a wider tolerance or a
weight chosen to fit.
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


@pytest.mark.xfail(strict=True, reason="sub-satellite land weight u=0.27 vs the 0.42 their 5.36 Gbps/satellite implies (module docstring): ratio 0.64")
def test_del_portillo_2019_spacex_throughput():
    assert 1 / TOL <= _ratio(SPACEX, "starlink_gen1", 23.7) <= TOL


@pytest.mark.xfail(strict=True, reason="feeder-limited 42 Gbps x u=0.26 vs their 22.74 Gbps/satellite (u=0.54 needed; module docstring): ratio 0.47")
def test_del_portillo_2019_telesat_throughput():
    assert 1 / TOL <= _ratio(TELESAT, "telesat_lightspeed", 2.66) <= TOL


def test_del_portillo_2019_ranking_spacex_largest():
    values = {k: estimate_capacity(c, p).system_bps for k, c, p in
              (("spacex", SPACEX, "starlink_gen1"), ("oneweb", ONEWEB, "oneweb"), ("telesat", TELESAT, "telesat_lightspeed"))}
    assert values["spacex"] > 5 * max(values["oneweb"], values["telesat"])  # published: 23.7 vs 2.66 / 1.56
