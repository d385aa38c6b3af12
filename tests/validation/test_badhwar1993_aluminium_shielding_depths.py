"""Badhwar, Cucinotta & O'Neill 1993 (Radiat. Res. 134:9, "Depth-dose equivalent relationship for cosmic
rays at various solar minima"), abstract: with the 1976-77 solar-minimum GCR spectra and ICRP 26 quality
factors, "the shielding required to stay below 0.5 Sv is 17.5 (-3, +8) g cm^-2 of aluminum, and
9 (-1.5, +5) g cm^-2 to stay below 0.6 Sv" per year; ICRP 60 quality factors give "about 15 % higher"
dose equivalent.

A prediction (calibration: MSL/RAD cruise only).  Test: at the 1977 minimum (W from the bundled record),
the aluminium depths at which the model gives 0.6 x 1.15 and 0.5 x 1.15 Sv/yr lie inside the published
depth ranges [7.5, 14] and [14.5, 25.5] g/cm^2.  It misses (strict xfail): the model's 1977 free-space
dose equivalent is ~25 % above Badhwar's, so the depths come out ~26 and ~60 g/cm^2 (the same excess
at solar minimum as in the Chang'E-4 comparison).
"""

import numpy as np
import pytest

from spaceplan.core.time import utc_to_tdb
from spaceplan.radiation import spectrum
from spaceplan.radiation.gcr import rate_w

ICRP60_OVER_ICRP26 = 1.15


def _depth_for(annual_sv: float, w: float) -> float:
    x = np.linspace(0.0, 100.0, 20001)
    rate = rate_w(x, w) * 365.25
    return float(x[np.argmax(rate <= annual_sv)])


@pytest.mark.xfail(strict=True, reason="depths ~26 and ~60 g/cm^2 vs 7.5-14 and 14.5-25.5: 1977 dose ~25 % high")
def test_badhwar1993_aluminium_shielding_depths():
    w = float(spectrum.w_at(utc_to_tdb("1977-01-01")))
    assert 7.5 <= _depth_for(0.6 * ICRP60_OVER_ICRP26, w) <= 14.0
    assert 14.5 <= _depth_for(0.5 * ICRP60_OVER_ICRP26, w) <= 25.5
