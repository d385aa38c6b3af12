"""search_round_trips split: RoundTripOptions (SI), the leg grid, the TDB search, and the radiation hand-off."""

import pytest

from spaceplan.core.constants import DAY
from spaceplan.core.errors import InputError, UnknownNameError
from spaceplan.missions import crew_dose
from spaceplan.interplanetary import (RoundTripOptions, build_leg_grid, crew_phases,
                                                departure_window_tdb, search_round_trips, search_window)


def test_options_are_si_and_day_keywords_are_the_edge():
    o = RoundTripOptions.from_days(step_days=4, outbound_tof_days=(120, 210), venus=True, max_c3=2e7)
    assert o.step_s == 4 * DAY and o.outbound_tof_s == (120 * DAY, 210 * DAY) and o.venus and o.max_c3 == 2e7
    assert o == RoundTripOptions(step_s=4 * DAY, outbound_tof_s=(120 * DAY, 210 * DAY), venus=True, max_c3=2e7)
    assert o.to_dict()["outbound_tof_days"] == [120.0, 210.0]
    with pytest.raises(UnknownNameError, match="step_days"):
        RoundTripOptions.from_days(stepdays=4)
    with pytest.raises(InputError, match="step_days"):
        RoundTripOptions(step_s=20 * DAY)


def test_leg_grid_indices():
    o = RoundTripOptions.from_days(step_days=5, mission_class="conjunction")
    t0, t1 = departure_window_tdb(2033)
    g = build_leg_grid(t0, t1, o)
    assert (g.jmin, g.jmax, g.kmin, g.kmax) == (16, 80, 16, 90)
    assert g.stay_steps == {"conjunction": (60, 130)}
    assert g.na == g.n_dep + g.jmax and g.n_total == g.nd + g.kmax + 1
    assert g.earth[0].shape == (g.n_total, 3) and g.venus is None


def test_tdb_search_equals_the_edge_form_and_dose_hand_off():
    o = RoundTripOptions.from_days(step_days=10)
    a = search_window(*departure_window_tdb(2033), o, year=2033)
    b = search_round_trips(2033, step_days=10)
    assert a.to_dict() == b.to_dict()
    with pytest.raises(InputError, match="options"):
        search_round_trips(2033, options=o, step_days=5)
    trip = a.best("conjunction")
    from spaceplan.radiation import Phase, mission_dose

    direct = mission_dose([Phase(*row) for row in crew_phases(trip)], shielding_gcm2=20.0)
    assert crew_dose(trip, 20.0).total_sv == direct.total_sv > 0
