"""Ranking two crew doses only beyond the model's uncertainty (issue 24 finding 7).

Hand calculation with MSL/RAD's measured rates (Zeitlin et al. 2013: 1.84 mSv/d in cruise; Hassler et al.
2014: 0.64 mSv/d on the surface of Mars): the 2028 long-stay trip (~2 x 180 d transits, ~540 d stay) gets
~1,139 mSv, the short-stay one ~1,075 mSv - the reverse of the model's 918 vs 964 mSv.  Both differences
(6 % and 5 %) are inside the model's +-25 %: the verdict is "depends".
"""

from types import SimpleNamespace

from spaceplan.core.constants import DAY
from spaceplan.missions import dose_order
from spaceplan.study.sections.mars_missions import _plain_words


def test_differences_inside_the_uncertainty_do_not_rank():
    assert dose_order(0.918, 0.964, 0.25) == "depends"
    assert dose_order(1.139, 1.075, 0.25) == "depends"
    assert dose_order(1.0, 0.5, 0.25) == "a"
    assert dose_order(0.5, 1.0, 0.25) == "b"
    assert dose_order(1.25, 1.0, 0.25) == "depends"  # exactly at the bound: still no ranking


def _option(cls, total_d, deep_d, dv, sv):
    trip = SimpleNamespace(mission_class=cls, total_s=total_d * DAY, deep_space_s=deep_d * DAY, total_dv=dv,
                           to_dict=lambda: {"earth_departure_utc": "2028-11-01"})
    dose = SimpleNamespace(total_sv=sv, assessment_detail=SimpleNamespace(uncertainty_fraction=0.25))
    return SimpleNamespace(kind="opportunity", window="2028 opportunity", trip=trip, dose=dose)


def test_plain_words_say_depends_not_an_order():
    text = _plain_words([_option("conjunction", 1000, 400, 5400.0, 0.964), _option("opposition", 620, 560, 13400.0,
                                                                                    0.918)])
    assert "depends" in text and "more dose for the long stay" not in text
    text = _plain_words([_option("conjunction", 1000, 400, 5400.0, 1.5), _option("opposition", 620, 560, 13400.0,
                                                                                  0.9)])
    assert "more dose for the long stay" in text
