"""The total lunar eclipse of 2011-06-15 seen from the Moon: the Earth covers the Sun.

Reference: F. Espenak, NASA Eclipse Web Site / Five Millennium Canon of Lunar Eclipses (Espenak &
Meeus 2009, NASA/TP-2009-214172): contacts P1 17:24:34, U1 18:22:56, U2 19:22:30, greatest 20:12:37,
U3 21:02:42, U4 22:02:15, P4 23:00:37 UT (umbral magnitude 1.70).

From any near-side site the Sun is wholly behind the Earth while the whole Moon is inside the
umbra (U2 to U3), wholly behind it at some moment only between U1 and U4, and partly behind it\nonly between P1 and P4.  spaceplan's Earth disc has no
atmosphere while the Canon enlarges the umbra by ~2 % (Danjon's rule), so our total phase may end a
few minutes inside [U2, U3]; tolerances: 10-minute steps plus 10 minutes.
"""

from __future__ import annotations

import numpy as np

from spaceplan.core.time import utc_to_tdb
from spaceplan.surface_power.illumination import earth_eclipses, span_epochs, sun_series


def test_espenak_2011_06_15_total_lunar_eclipse():
    tdb = span_epochs("2011-06-15T12:00", "2011-06-16T04:00", 120.0)
    sites = ["0,0", "20,30", "-30,-40", "60,10", "-10,80"]
    series = sun_series(sites, tdb)
    p1, u1, u2, greatest, u3, u4, p4 = (utc_to_tdb(f"2011-06-15T{x}") for x in (
        "17:24:34", "18:22:56", "19:22:30", "20:12:37", "21:02:42", "22:02:15", "23:00:37"))
    g = int(np.argmin(np.abs(tdb - greatest)))
    for k in range(len(sites)):
        events = earth_eclipses(series, k)
        assert len(events) == 1, sites[k]
        ev = events[0]
        assert ev.total
        assert ev.start_tdb >= p1 - 600 and ev.end_tdb <= p4 + 600, sites[k]
        assert series.unocculted[k, g] == 0.0  # totally dark at greatest eclipse
        total = tdb[series.unocculted[k] == 0.0]
        # a site is in the umbra only while some of the Moon is (U1-U4), and throughout U2-U3
        assert total.min() >= u1 - 600 and total.max() <= u4 + 600, sites[k]
        inside = (tdb > u2 + 600) & (tdb < u3 - 600)
        assert np.all(series.unocculted[k, inside] == 0.0), sites[k]


def test_espenak_2030_12_09_penumbral_eclipse_never_total():
    """Penumbral eclipse of 2030-12-09 (umbral magnitude -0.161): no site sees the whole Sun covered."""
    series = sun_series(["0,0", "-20,0", "20,0"], span_epochs("2030-12-09T12:00", "2030-12-10T08:00", 300.0))
    assert np.all(series.unocculted > 0.0)
    assert np.any(series.unocculted < 1.0)
