"""Opportunity finder: synodic spacing, per-type optima, launch periods, errors."""

import numpy as np
import pytest

from spaceplan.core.constants import DAY
from spaceplan.core.errors import EphemerisRangeError, InputError, UnknownNameError
from spaceplan.interplanetary import find_opportunities, porkchop
from spaceplan.interplanetary.windows import default_tof_bounds, synodic_period


@pytest.fixture(scope="module")
def search():
    return find_opportunities("earth", "mars", 2026, 2029, c3_cap=12e6)


def test_synodic_period_earth_mars():
    assert synodic_period("earth", "mars") / DAY == pytest.approx(779.9, abs=0.5)
    assert default_tof_bounds("earth", "mars") == (90 * DAY, 500 * DAY)
    lo, hi = default_tof_bounds("earth", "venus")
    assert 40 * DAY < lo < hi < 400 * DAY


def test_one_opportunity_per_synodic_period(search):
    years = [o.year for o in search.opportunities]
    assert years == [2026, 2028]
    gap = search.opportunities[1].best.departure_tdb - search.opportunities[0].best.departure_tdb
    assert 650 * DAY < gap < 900 * DAY


def test_optimum_is_below_every_grid_cell_of_its_type(search):
    """The refined minimum is at least as low as a 2-day porkchop around it (same type, same exclusion)."""
    opp = search.opportunities[0]
    for k, name in enumerate(("I", "II")):
        p = opp.optima[name]
        t_dep = p.departure_tdb + np.arange(-20, 21, 2.0) * DAY
        t_arr = p.arrival_tdb + np.arange(-20, 21, 2.0) * DAY
        g = porkchop("earth", "mars", t_dep, t_arr, ridge_deg=search.ridge_deg)
        assert p.c3 <= np.nanmin(g.c3[k]) * (1 + 1e-6)
        assert p.transfer_type == name


def test_launch_period_contains_optimum_and_respects_cap(search):
    for opp in search.opportunities:
        lp = opp.launch_periods["any"]
        assert lp is not None
        assert lp.first_tdb <= opp.best.departure_tdb + DAY and opp.best.departure_tdb - DAY <= lp.last_tdb
        assert lp.days >= 1
        d = lp.to_dict()
        assert d["c3_cap_km2s2"] == pytest.approx(12.0)
        # just outside the period no arrival reaches the cap (checked on a 2-day arrival grid)
        if not lp.truncated:
            lo, hi = default_tof_bounds("earth", "mars")
            before = lp.first_tdb - DAY
            g = porkchop("earth", "mars", np.array([before]), before + np.arange(lo, hi, 2 * DAY),
                         ridge_deg=search.ridge_deg)
            assert np.nanmin(g.best_c3()) > 12e6


def test_low_cap_gives_no_launch_period():
    s = find_opportunities("earth", "mars", 2026, 2026, c3_cap=5e6)
    assert s.opportunities[0].launch_periods["any"] is None
    assert s.to_dict()["opportunities"][0]["launch_periods"]["any"] is None


def test_to_dict_units(search):
    d = search.to_dict()
    assert d["tof_bounds_days"] == [90.0, 500.0]
    best = d["opportunities"][0]["best"]
    assert 8.5 < best["c3_km2s2"] < 10 and 250 < best["tof_days"] < 350
    assert best["departure_utc"].startswith("2026-1")


@pytest.mark.parametrize(
    "args, kwargs, error",
    [
        (("earth", "marz", 2026, 2027), {}, UnknownNameError),
        (("earth", "mars", 2030, 2026), {}, InputError),
        (("earth", "earth", 2026, 2027), {}, InputError),
        (("earth", "moon", 2026, 2027), {}, InputError),
        (("earth", "mars", 2052, 2053), {}, EphemerisRangeError),
        (("earth", "mars", 1890, 1900), {}, EphemerisRangeError),
        (("earth", "mars", 2026, 2027), {"c3_cap": -1.0}, InputError),
        (("earth", "mars", 2026, 2027), {"tof_bounds": (200 * DAY, 100 * DAY)}, InputError),
    ],
)
def test_errors(args, kwargs, error):
    with pytest.raises(error):
        find_opportunities(*args, **kwargs)


def test_study_section_runs(tmp_path):
    from spaceplan.study.runner import SectionContext, run_section
    from spaceplan.study.sections import interplanetary

    cfg = {"start_year": 2026, "end_year": 2026, "c3_cap_km2s2": 12.0, "porkchop_step_days": 10.0}
    res = run_section(interplanetary, cfg, SectionContext(tmp_path))
    assert "| 2026 | II * | 2026-10-31" in res.markdown
    assert (tmp_path / res.figures[0]).stat().st_size > 10_000
    assert (tmp_path / res.figures[0]).with_suffix(".svg").stat().st_size > 10_000
    assert res.data["opportunities"]["opportunities"][0]["year"] == 2026
    with pytest.raises(UnknownNameError):
        run_section(interplanetary, {"start_yr": 2026}, SectionContext(tmp_path))
    with pytest.raises(UnknownNameError, match="interplanetary.arrival_body"):
        interplanetary.Config.from_table({"arrival_body": "vulcan"})
    with pytest.raises(InputError, match="interplanetary.end_year"):
        interplanetary.Config.from_table({"start_year": 2030, "end_year": 2028})
