"""Earth-Mars distances at the 2003 and 2018 close approaches.

Source: NASA/JPL, "Mars Close Approach" (mars.nasa.gov, 2003 and 2018 press
releases): 2003-08-27 09:51 UT, 55,758,006 km, the closest in ~60,000 years;
2018-07-31 07:50 UT, 57.6 million km (35.8 million miles).  Published values
are geometric centre-to-centre distances from JPL's DE ephemerides; DE421 vs
the ephemeris used then differs by far less than the tolerances below
(1 km for the 2003 value given to the kilometre; 0.05 million km for the
2018 value given to 0.1 million km).  Mars is DE421's Mars barycenter,
within ~20 cm of the planet's centre.
"""

import numpy as np
import pytest

from spaceplan.core.ephemeris import position
from spaceplan.core.time import utc_to_tdb


def test_nasa_mars_close_approach_2003():
    r = position("mars", utc_to_tdb("2003-08-27T09:51:00"), center="earth")
    assert np.linalg.norm(r) / 1e3 == pytest.approx(55_758_006, abs=1.0)


def test_nasa_mars_close_approach_2018():
    r = position("mars", utc_to_tdb("2018-07-31T07:50:00"), center="earth")
    assert np.linalg.norm(r) / 1e9 == pytest.approx(57.6, abs=0.05)
