"""Badhwar, Cucinotta & O'Neill 1993 (Radiat. Res. 134:9, "Depth-dose equivalent relationship for cosmic
rays at various solar minima"), abstract: with the 1976-77 solar-minimum GCR spectra and ICRP 26 quality
factors, "the shielding required to stay below 0.5 Sv is 17.5 (-3, +8) g cm^-2 of aluminum, and
9 (-1.5, +5) g cm^-2 to stay below 0.6 Sv" per year; ICRP 60 quality factors give "about 15 % higher"
dose equivalent.

Independent of our normalization (fitted to MSL/RAD and Chang'E-4 only).  Test: at the 1977 minimum
(phi from our solar-cycle model, early 1977), the aluminium depths at which our model gives
0.6 x 1.15 and 0.5 x 1.15 Sv/yr lie inside the published depth ranges [7.5, 14] and [14.5, 25.5] g/cm^2.
"""

import numpy as np

from spaceplan.radiation import free_space_rate
from spaceplan.radiation.solar_cycle import modulation_potential_at_year

ICRP60_OVER_ICRP26 = 1.15


def _depth_for(annual_sv: float, phi: float) -> float:
    x = np.linspace(0.0, 100.0, 20001)
    rate = free_space_rate(x, phi) * 365.25
    return float(x[np.argmax(rate <= annual_sv)])


def test_badhwar1993_aluminium_shielding_depths():
    phi = float(modulation_potential_at_year(1977.0))
    assert 7.5 <= _depth_for(0.6 * ICRP60_OVER_ICRP26, phi) <= 14.0
    assert 14.5 <= _depth_for(0.5 * ICRP60_OVER_ICRP26, phi) <= 25.5
