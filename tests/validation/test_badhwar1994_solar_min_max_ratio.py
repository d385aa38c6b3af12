"""Solar minimum vs maximum GCR dose equivalent in free space.

Badhwar, Cucinotta & O'Neill 1994 (Radiat. Res. 138:201, "An analysis of interplanetary space radiation
exposure for various solar cycles"): "The maximum variation between solar minimum and maximum equivalent
dose is about a factor of three" (1954-1989 cycles); Mewaldt et al. 2005 (29th ICRC 2:433): about a
factor of 2 between typical minimum and maximum.  Tests (tolerances fixed before comparing): the ratio
between the model's named levels (mean W of the record's six cosmic-ray maxima vs its six minima) lies in
2-3 behind light shielding (1-5 g/cm^2 Al), and is smaller behind heavy shielding.  The extreme contrast
of the record (annual W 6 in 2009 vs 163 in 1958) against "about a factor of three" (2.5-3.5) misses:
ISO 15390 with our W gives ~5 at 1 g/cm^2 (strict xfail with the number).
"""

import pytest

from spaceplan.radiation import free_space_rate
from spaceplan.radiation.gcr import named_phi, rate_w


@pytest.mark.parametrize("depth", [1.0, 5.0])
def test_badhwar1994_solar_min_max_ratio(depth):
    ratio = free_space_rate(depth, named_phi("min")) / free_space_rate(depth, named_phi("max"))
    assert 2.0 <= ratio <= 3.0
    heavy = free_space_rate(50.0, named_phi("min")) / free_space_rate(50.0, named_phi("max"))
    assert heavy < ratio


@pytest.mark.xfail(strict=True, reason="extreme annual contrast W 6 / 163 gives ~4.9 at 1 g/cm^2, above 3.5")
def test_badhwar1994_extreme_cycle_contrast():
    assert 2.5 <= float(rate_w(1.0, 6.0) / rate_w(1.0, 163.0)) <= 3.5
