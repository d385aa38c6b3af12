"""Solar cycle model: sunspot numbers at known extrema and the modulation potential."""

import numpy as np
import pytest

from spaceplan.core.errors import InputError
from spaceplan.core.time import utc_to_tdb
from spaceplan.radiation import solar_cycle as sc


@pytest.mark.parametrize("date,ssn", [("2001-11-15", 180.3), ("2008-12-15", 2.2), ("2014-04-15", 116.4),
                                      ("2019-12-15", 1.8)])
def test_extrema_match_silso_table(date, ssn):
    assert float(sc.sunspot_number(utc_to_tdb(date))) == pytest.approx(ssn, abs=0.5)


def test_cycle_26_minimum_around_2030():
    years = np.linspace(2026.0, 2033.0, 400)
    r = sc.sunspot_number_at_year(years)
    assert 2029.5 < years[np.argmin(r)] < 2031.5


def test_modulation_range_and_lag():
    years = np.linspace(1970.0, 2060.0, 2000)
    phi = sc.modulation_potential_at_year(years)
    assert 290.0 < phi.min() and phi.max() < 1350.0
    # 2009 deep minimum: phi ~ 300 MV; 1990-91 maximum: ~1100-1200 MV (Usoskin et al. 2011)
    assert float(sc.modulation_potential_at_year(2009.7)) < 350.0
    assert 1050.0 < float(sc.modulation_potential_at_year(1990.5)) < 1300.0


def test_out_of_range_dates_raise():
    with pytest.raises(InputError, match="date"):
        sc.modulation_potential_at_year(1950.0)
    with pytest.raises(InputError, match="date"):
        sc.sunspot_number_at_year(2150.0)
