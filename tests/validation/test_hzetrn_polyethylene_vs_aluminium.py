"""Shielding materials: polyethylene vs aluminium per g/cm^2 for GCR dose equivalent.

HZETRN studies (Wilson et al. 1995 NASA TP-3495; Shinn et al. 1994 Adv. Space Res. 14(10):863;
Slaba et al. 2017 Life Sci. Space Res. 12:1; summarized in NCRP Report 153, 2006, sec. 5) find hydrogen-rich
polyethylene lowers the GCR dose equivalent by roughly 10-30 % relative to the same areal density of
aluminium at ~20 g/cm^2, with the advantage growing with depth.  Tolerance: that published range.
"""

from spaceplan.radiation import free_space_rate


def test_hzetrn_polyethylene_vs_aluminium():
    ratio20 = free_space_rate(20.0, 350.0, "polyethylene") / free_space_rate(20.0, 350.0, "aluminium")
    assert 0.70 <= ratio20 <= 0.90
    ratio50 = free_space_rate(50.0, 350.0, "polyethylene") / free_space_rate(50.0, 350.0, "aluminium")
    assert ratio50 < ratio20
