"""Validation: the Iridium constellation is the Adams & Rider (1987) streets-of-coverage
minimum for its altitude and minimum elevation.

Reference: Pratt, Raines, Fossa & Temple (1999), "An operational and performance overview
of the IRIDIUM low Earth orbit satellite system", IEEE Communications Surveys 2(2):
66 satellites in 6 near-polar planes of 11, 780 km altitude, 86.4 deg inclination,
minimum elevation angle 8.2 deg.  (The 8.2 deg figure is quoted from that paper as
widely cited; the paper was not available offline to re-read.)

Method: Adams & Rider 1987, J. Astronaut. Sci. 35(2) (geometry.min_satellites_streets):
polar planes, single global coverage, spherical Earth R = 6378.137 km.

What is checked: the smallest streets constellation at 780 km / 8.2 deg is 66 = 6 x 11.
No tolerance (integer result).  The margin is thin: 6 x 11 needs 5.990 planes, so Iridium
sits at the Adams-Rider optimum; at 8.0 deg or 781 km the answer is still 66.
"""

from __future__ import annotations

import math

from spaceplan.constellation.geometry import min_satellites_streets


def test_pratt_1999_iridium_is_the_streets_of_coverage_minimum():
    design = min_satellites_streets(780e3, math.radians(8.2))
    assert (design.planes, design.sats_per_plane, design.count) == (6, 11, 66)
