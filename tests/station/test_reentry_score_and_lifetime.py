"""station.reentry_score (lead-time scoring, funnel) and station.lifetime (grid): behaviour and refusals."""

import math

import numpy as np
import pytest

from spaceplan.core.errors import InputError
from spaceplan.core.time import utc_to_tdb
from spaceplan.station.lifetime import lifetime_grid, numerical_lifetime
from spaceplan.station.reentry import ElementSet
from spaceplan.station.reentry_score import ReentryScore, funnel, score


def _sets(first="2024-01-05", days=10, h0=300e3, rate=15e3):
    t0 = float(utc_to_tdb(first))
    return [ElementSet("TEST", t0 + d * 86400.0, h0 - rate * d, math.radians(41.0), 1e-4, 2 * d + 1)
            for d in range(days)]


def test_score_skips_leads_without_element_sets_and_refuses_bad_actual():
    tles = _sets()
    actual = tles[-1].epoch_tdb + 2 * 86400.0
    s = score(tles, actual, leads=(30.0, 7.0), uncertainty_days=0.0)
    assert [lead for lead, _ in s.skipped] == [30.0]
    assert s.at(7.0) is not None and s.at(7.0).remaining_days == pytest.approx(7.0 + 0.0, abs=1.0)
    # an actual time known to half a day is not scored at a 1-day lead
    s = score(tles, actual, leads=(1.0,), uncertainty_days=0.5)
    assert not s.scored and "10 %" in s.skipped[0][1]
    with pytest.raises(InputError):
        score(tles, tles[0].epoch_tdb - 86400.0)


def test_funnel_counts_hits_and_medians():
    tles = _sets()
    actual = tles[-1].epoch_tdb + 2 * 86400.0
    s = score(tles, actual, leads=(7.0, 3.0))
    f = funnel([s, s], leads=(7.0, 3.0, 1.0))
    assert f.n == (2, 2, 0) and math.isnan(f.hit_rate[2])
    assert f.median_relative_error[0] == pytest.approx(s.at(7.0).relative_error)
    assert isinstance(s, ReentryScore) and s.to_dict()["forecasts"][0]["lead_days"] == 7.0


def test_lifetime_grid_orders_and_refuses():
    g = lifetime_grid([250.0, 300.0], [50.0, 100.0], (50,), "2026-11-01", numerical_max_days=15.0)
    kh = g.king_hele_days[0]
    assert kh[0, 0] < kh[0, 1] < kh[1, 1] and kh[0, 0] < kh[1, 0]
    ran = np.isfinite(g.numerical_days[0])
    assert ran.any() and np.all(kh[ran] <= 15.0)
    assert np.allclose(g.numerical_days[0][ran], kh[ran], rtol=0.15)
    for kwargs, field in (({"altitude_km": [100.0]}, "--alt"), ({"ballistic_kg_m2": [0.0]}, "--bc"),
                          ({"activities": (40,)}, "--activity")):
        args = {"altitude_km": [300.0], "ballistic_kg_m2": [50.0], **kwargs}
        with pytest.raises(InputError) as exc:
            lifetime_grid(**args)
        assert exc.value.field == field


def test_numerical_lifetime_returns_its_start_state():
    from spaceplan.core import nrlmsis

    t0 = float(utc_to_tdb("2026-11-01"))
    inc = math.radians(51.6)
    table = nrlmsis.density_table(t0, t0 + 40 * 86400.0, 100e3, 300e3, inc, 50)
    life = numerical_lifetime(250e3, 50.0, inc, t0, table, 40 * 86400.0)
    assert 2.0 < life.days < 20.0
    assert np.linalg.norm(life.r0) == pytest.approx(6378137.0 + life.start_altitude_m)
