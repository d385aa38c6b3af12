"""South-pole illumination statistics: Bussey et al. 2010 and Glaser et al. 2014.

References: Bussey et al. (2010), Icarus 208:558-564: the Shackleton-rim point (88.74 S, 124.5 E) is lit
86 % of 2020.  Glaser et al. (2014), Icarus 243:78-90: Connecting Ridge lit 92.27 % (2 m above ground)
and 95.65 % (10 m) over a 19-year precession cycle; longest darkness typically 3-5 days.

HONEST SCOPE: neither paper publishes horizon profiles.  The bundled horizons are representative
shapes whose uniform level was calibrated to these very fractions (see the preset files), so the
first test checks the calibration and that the fractions are stable under a different time step
(10 min vs the calibration's 1 h over 19 years) - it is *not* an independent validation of terrain.
The longest-darkness check at 10 m is out of sample (not calibrated); at 2 m the representative profile
misses it (~7.3 d against 3-5 d), which the test records rather than hides.
"""

from __future__ import annotations

import functools

import pytest

from spaceplan.surface_power.illumination import illumination
from spaceplan.surface_power.sites import parse_site


@functools.lru_cache(maxsize=None)
def _published_span(name: str, step_s: float):
    """Illumination of a preset over its published span (computed once per module)."""
    site = parse_site(name)
    return site, illumination([site], *site.published["span"], step_s)[0]


@pytest.mark.parametrize("name,step_s", [("shackleton-rim", 600.0), ("connecting-ridge", 3600.0),
                                         ("connecting-ridge-10m", 3600.0)])
def test_bussey_2010_glaser_2014_illumination_fraction_within_2pp(name, step_s):
    site, res = _published_span(name, step_s)
    assert abs(res.mean_disc_fraction - site.published["illuminated_fraction"]) <= 0.02


def test_glaser_2014_connecting_ridge_shorter_span_other_step():
    """The 19-year calibration at 1 h, re-evaluated over its first 2 years at 10 min: still within 2 pp."""
    site = parse_site("connecting-ridge-10m")
    res = illumination([site], "2018-10-22", "2020-10-22", 600.0)[0]
    assert abs(res.mean_disc_fraction - 0.9565) <= 0.02


def test_glaser_2014_longest_darkness_10m_mast_out_of_sample():
    site, res = _published_span("connecting-ridge-10m", 3600.0)
    lo, hi = site.published["longest_dark_days"]
    assert lo <= res.longest_dark_hours / 24.0 <= hi


def test_glaser_2014_longest_darkness_2m_known_miss():
    """Recorded limitation: the smooth representative profile gives longer darkness than the real ridge."""
    site, res = _published_span("connecting-ridge", 3600.0)
    assert res.longest_dark_hours / 24.0 > site.published["longest_dark_days"][1]  # 7.3 d: a miss, documented


def test_glaser_2014_shackleton_rim_longest_darkness_fitted_3_to_5_days():
    """Issue 24 finding 11: the rim point's horizon had been tied to its lit fraction only and gave 10.4-10.7 days of
    darkness (so the storage, and the solar-vs-fission verdict, were sized for twice Glaser's typical rim night).
    Its shape is now fitted to both statistics (preset source); this checks the fit over the published span - a
    consistency check, not a validation (the 3-5 days belong to Glaser's best rim sites)."""
    site, res = _published_span("shackleton-rim", 600.0)
    lo, hi = site.published["longest_dark_days"]
    assert lo <= res.longest_dark_hours / 24.0 <= hi
