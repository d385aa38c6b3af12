"""Jupiter's heliocentric ecliptic longitude and latitude on 1980-01-01 00:00 UTC.

Source: JPL HORIZONS, astrometric heliocentric ecliptic (J2000) coordinates of
the Jupiter barycenter: longitude 151.3229 deg, latitude 1.013 deg, as tabulated
in Skyfield's test suite (skyfield/tests/test_against_horizons.py,
``test_ecliptic_frame``).  "Astrometric" means light-time corrected, which we
apply here by iteration.  Tolerance 0.001 deg, the precision HORIZONS printed.
"""

import numpy as np
import pytest

from spaceplan.core.constants import C_LIGHT
from spaceplan.core.ephemeris import position
from spaceplan.core.time import utc_to_tdb

OBLIQUITY_J2000 = np.radians(84381.406 / 3600.0)  # IAU 2006 (Hilton et al. 2006)


def test_horizons_jupiter_1980_heliocentric():
    t = utc_to_tdb("1980-01-01T00:00:00")
    r_sun = position("sun", t, center="ssb")
    light_time = 0.0
    for _ in range(4):
        r = position("jupiter", t - light_time, center="ssb") - r_sun
        light_time = np.linalg.norm(r) / C_LIGHT
    c, s = np.cos(OBLIQUITY_J2000), np.sin(OBLIQUITY_J2000)
    x, y, z = r[0], c * r[1] + s * r[2], -s * r[1] + c * r[2]
    lon = np.degrees(np.arctan2(y, x)) % 360.0
    lat = np.degrees(np.arcsin(z / np.linalg.norm(r)))
    assert lon == pytest.approx(151.3229, abs=1e-3)
    assert lat == pytest.approx(1.013, abs=1e-3)
