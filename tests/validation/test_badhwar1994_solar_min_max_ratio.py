"""Solar minimum vs maximum GCR dose equivalent in free space.

Badhwar, Cucinotta & O'Neill 1994 (Radiat. Res. 138:201, "An analysis of interplanetary space radiation
exposure for various solar cycles"): "The maximum variation between solar minimum and maximum equivalent
dose is about a factor of three" (1954-1989 cycles); Mewaldt et al. 2005 (29th ICRC 2:433): about a
factor of 2 between typical minimum and maximum.  Test: ratio between 2 and 3 behind light shielding
(1-5 g/cm^2 Al) for the model's named min/max levels (350 / 1100 MV); "about a factor of three"
(2.5-3.5) for the extreme contrast of the 1954-1989 cycles (annual phi ~300 MV vs ~1300 MV, Usoskin et
al. 2011); and a smaller swing behind heavy shielding.
"""

import pytest

from spaceplan.radiation import free_space_rate
from spaceplan.radiation.gcr import named_phi


@pytest.mark.parametrize("depth", [1.0, 5.0])
def test_badhwar1994_solar_min_max_ratio(depth):
    ratio = free_space_rate(depth, named_phi("min")) / free_space_rate(depth, named_phi("max"))
    assert 2.0 <= ratio <= 3.0
    extreme = free_space_rate(depth, 300.0) / free_space_rate(depth, 1300.0)
    assert ratio < extreme and 2.5 <= extreme <= 3.5
    heavy = free_space_rate(50.0, named_phi("min")) / free_space_rate(50.0, named_phi("max"))
    assert heavy < ratio
