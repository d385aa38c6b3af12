"""JB2008 against NRLMSIS 2.1 on geomagnetically quiet days: two independent empirical models, same order.

Both models are built from different data and drivers (JB2008: SET's F10/S10/M10/Y10 and dTc, Bowman et al.
2008; NRLMSIS 2.1: F10.7 and ap, Emmert et al. 2022), so they are not expected to agree closely: model-to-model
differences of 10-30 % in quiet times are usual (e.g. Bruinsma et al. 2021, JSWSC 11, 12, their quiet-time
biases).  This is a consistency check of spaceplan's JB2008 inputs (indices, lags, Sun, sidereal time), not a
validation of either model.

Days: 6-7 January 2022 (daily Ap 2 and 3, CelesTrak; dTc 0-50 K, SET), 3-hour nodes; both as orbit-averaged tables
(spaceplan.core.density_grid: 8 points along a 53.2 deg orbit and 8 local times), NRLMSIS in its storm-time mode
as station.storm uses it.

Tolerances (both fixed before comparing): the JB2008 / NRLMSIS 2.1 density ratio at 200, 300, 400 and 500 km at
every 3-hour node is within a factor 10 ("the same order of magnitude", the criterion of the task) and, tightened
by us before the first run, within a factor 2 (0.5-2.0).

Result (2026-12-07), ratio min..max (mean) over the 17 nodes:

| height | JB2008 / NRLMSIS 2.1 |
|---|---|
| 200 km | 0.971..1.116 (1.014) |
| 300 km | 0.722..0.945 (0.780) |
| 400 km | 0.575..0.847 (0.634) |
| 500 km | 0.471..0.768 (0.527) |

Same order everywhere (pass); the factor-2 band fails at 500 km (0.471, strict xfail).  Against NRLMSISE-00 (pymsis
version 0) the 500 km ratio on 7 Jan 12 UT is 0.43, so it is JB2008 that is low there, not NRLMSIS 2.1 that is
high.  Cause, as far as checked: JB2008's temperature uses S10 (EUV), and SET's S10 ran well below F10 in January
2022 (S81c 84 vs F81c 103): a cooler thermosphere, whose density deficit grows with height (scale height); at the
storm's 200-210 km the two models agree within 12 %.  The routine itself reproduces Bowman's driver output to
0.005 % (test_bowman_2008_jb2008_driver_output.py), so this is the models differing, not a porting error.
"""

import math

import numpy as np
import pytest

from spaceplan.core import jb2008, nrlmsis
from spaceplan.core.time import utc_to_tdb

HEIGHTS = (200e3, 300e3, 400e3, 500e3)


@pytest.fixture(scope="module")
def ratios():
    t0, t1 = utc_to_tdb("2022-01-06"), utc_to_tdb("2022-01-08")
    inc = math.radians(53.2)
    jb = jb2008.density_table(t0, t1, 150e3, 550e3, inc, step_days=0.125)
    ms = nrlmsis.density_table(t0, t1, 150e3, 550e3, inc, 50, 0.125, storm_time_ap=True)
    times = t0 + 3 * 3600.0 * np.arange(17)
    out = {h: jb(times, h) / ms(times, h) for h in HEIGHTS}
    for h, r in out.items():
        print(f"{h / 1e3:.0f} km: JB2008/NRLMSIS 2.1 = {r.min():.3f}..{r.max():.3f} (mean {r.mean():.3f})")
    return out


def test_nrlmsis21_jb2008_quiet_days_same_order_of_magnitude(ratios):
    for r in ratios.values():
        assert np.all((r > 0.1) & (r < 10.0))


@pytest.mark.xfail(strict=True, reason="JB2008 is 0.471-0.768 x NRLMSIS 2.1 at 500 km on 6-7 Jan 2022 (0.43 x "
                   "NRLMSISE-00): S10 well below F10 in SET's indices, cooler JB2008 thermosphere; 200-400 km pass")
def test_nrlmsis21_jb2008_quiet_days_within_a_factor_2(ratios):
    for r in ratios.values():
        assert np.all((r > 0.5) & (r < 2.0))
