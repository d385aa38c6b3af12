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

The sold fraction u is what decides (their averages imply u = 0.42 / 0.30 / 0.54 of our
per-satellite peaks 12.6 / 7.25 / 42.0 Gbps).  It depends on the antennas (capacity module
docstring): OneWeb's 16 fixed beams sell in proportion to the inhabited land under the
footprint (u = 0.24); SpaceX's and Telesat's steerable beams sell whenever inhabited land is in
the field of view at the paper's 40 / 20 deg masks (u = 0.55-0.61 / 0.69-0.81 per shell).
History: a first version weighted every system by the land under its nadir point (SpaceX 0.64x,
Telesat 0.47x: strict xfails); the fixed/steerable distinction comes from the filings' antenna
descriptions, not from these numbers.  Result: OneWeb 0.79x, SpaceX 1.41x, Telesat 1.36x.
The steerable systems come out high because "sell whenever users are in view" ignores demand
saturation and the gateway count (their SpaceX needs 123 gateways, Telesat 42): read our
steerable figures as upper bounds.
"""

from __future__ import annotations

import math

from spaceplan.constellation.capacity import estimate_capacity
from spaceplan.constellation.shells import Constellation, WalkerShell as W

r = math.radians
SPACEX = Constellation("SpaceX 4425", (W("a", 1150e3, r(53), 32, 50), W("b", 1110e3, r(53.8), 32, 50),
                                       W("c", 1130e3, r(74), 8, 50), W("d", 1275e3, r(81), 5, 75),
                                       W("e", 1325e3, r(70), 6, 75)))
ONEWEB = Constellation("OneWeb 720", (W("a", 1200e3, r(87.9), 18, 40, pattern="star"),))
TELESAT = Constellation("Telesat 117", (W("p", 1000e3, r(99.5), 6, 12, pattern="star"), W("i", 1248e3, r(37.4), 5, 9)))
TOL = 1.5


def _ratio(const, payload, published_tbps, **kw):
    return estimate_capacity(const, payload, **kw).system_bps / 1e12 / published_tbps


def test_del_portillo_2019_oneweb_throughput():
    assert 1 / TOL <= _ratio(ONEWEB, "oneweb", 1.56) <= TOL


def test_del_portillo_2019_spacex_throughput():
    # their SpaceX is the 2016 filing: 40 deg user elevation mask
    assert 1 / TOL <= _ratio(SPACEX, "starlink_gen1", 23.7, min_elevation_deg=40.0) <= TOL


def test_del_portillo_2019_telesat_throughput():
    assert 1 / TOL <= _ratio(TELESAT, "telesat_lightspeed", 2.66) <= TOL


def test_del_portillo_2019_ranking_spacex_largest():
    values = {k: estimate_capacity(c, p, min_elevation_deg=e).system_bps for k, c, p, e in
              (("spacex", SPACEX, "starlink_gen1", 40.0), ("oneweb", ONEWEB, "oneweb", None),
               ("telesat", TELESAT, "telesat_lightspeed", None))}
    assert values["spacex"] > 5 * max(values["oneweb"], values["telesat"])  # published: 23.7 vs 2.66 / 1.56


def test_del_portillo_2019_spacex_above_published_is_labelled_an_upper_bound():
    """Issue 24 finding 12: our steerable-beam figure exceeds their 23.7 Tbit/s (no demand saturation, no gateway
    limit); the number must travel with that assumption, and a fixed-beam figure must not be called a bound."""
    spacex = estimate_capacity(SPACEX, "starlink_gen1", min_elevation_deg=40.0).to_dict()
    assert spacex["served_system_tbps"] > 23.7
    assert spacex["served_is"] == "upper bound"
    assert "gateway" in spacex["served_assumption"] and "steerable" in spacex["served_assumption"]
    oneweb = estimate_capacity(ONEWEB, "oneweb").to_dict()
    assert oneweb["served_is"] == "estimate" and "fixed beams" in oneweb["served_assumption"]
