"""Round-trip search: structure, consistency, classes, Pareto front, bad input."""

import json

import numpy as np
import pytest

from spaceplan.core.constants import DAY, EARTH
from spaceplan.core.errors import EphemerisRangeError, InfeasibleError, InputError
from spaceplan.interplanetary import crew_phases, hyperbolic_burn, search_round_trips


@pytest.fixture(scope="module")
def search_2033():
    return search_round_trips(2033, step_days=5)


def test_best_conjunction_is_long_stay_and_consistent(search_2033):
    t = search_2033.best("conjunction")
    assert 300 * DAY <= t.stay_s <= 650 * DAY
    assert t.total_s == pytest.approx(t.outbound.tof_s + t.stay_s + t.return_leg.tof_s)
    assert t.deep_space_s == pytest.approx(t.total_s - t.stay_s)
    assert t.total_dv == pytest.approx(t.outbound.dv_departure + t.outbound.dv_arrival
                                       + t.return_leg.dv_departure + t.return_leg.dv_arrival)
    # departure burn is the LEO hyperbola for the leg's v-infinity
    assert t.outbound.dv_departure == pytest.approx(
        float(hyperbolic_burn(t.outbound.vinf_departure, EARTH.gm, EARTH.radius + 400e3)))
    assert 3.4e3 < t.outbound.dv_departure < 4.2e3


def test_opposition_short_stay_and_capped(search_2033):
    t = search_2033.best("opposition")
    assert 30 * DAY <= t.stay_s <= 90 * DAY
    assert t.total_s <= 650 * DAY + 1
    assert t.total_dv > search_2033.best("conjunction").total_dv


def test_pareto_front_is_monotone(search_2033):
    p = search_2033.pareto
    dur = np.array([t.total_s for t in p])
    dv = np.array([t.total_dv for t in p])
    assert len(p) > 5 and np.all(np.diff(dur) > 0) and np.all(np.diff(dv) < 0)


def test_objectives(search_2033):
    cheap = search_2033.best("opposition")
    fast = search_2033.best("opposition", "duration", max_dv=cheap.total_dv * 1.3)
    assert fast.total_s <= cheap.total_s and fast.total_dv <= cheap.total_dv * 1.3 + 1e-6
    deep = search_2033.best("conjunction", "deep_space", max_dv=9e3)
    assert deep.deep_space_s <= search_2033.best("conjunction").deep_space_s
    with pytest.raises(InfeasibleError):
        search_2033.best("conjunction", max_duration_days=200)


def test_to_dict_keys_and_json(search_2033):
    d = search_2033.best("conjunction").to_dict()
    for key in ("earth_departure_utc", "mars_arrival_utc", "mars_departure_utc", "earth_arrival_utc",
                "outbound_tof_days", "stay_days", "return_tof_days", "total_days", "deep_space_days",
                "dv_total_kms", "c3_km2s2", "entry_speed_kms", "venus_flyby"):
        assert key in d
    for leg in ("outbound", "return"):
        for key in ("c3_km2s2", "vinf_departure_kms", "vinf_arrival_kms", "dv_kms", "entry_speed_kms"):
            assert key in d[leg]
    from spaceplan.core.results import dumps

    json.loads(dumps(search_2033))


def test_crew_phases(search_2033):
    t = search_2033.best("conjunction")
    ph = crew_phases(t)
    assert [p[0] for p in ph] == ["deep_space", "mars_surface", "deep_space"]
    assert sum(p[1] for p in ph) == pytest.approx(t.total_s)


def test_aerocapture_zeroes_insertion():
    s = search_round_trips(2033, "conjunction", step_days=8, mars_capture="aerocapture")
    assert s.best("conjunction").outbound.dv_arrival == 0.0


def test_venus_leg_obeys_turn_limit():
    s = search_round_trips(departure_window=("2021-09-01", "2022-01-31"), mission_class="opposition",
                           venus=True, step_days=4)
    t = s.best("opposition")
    fb = t.outbound.flyby or t.return_leg.flyby
    assert fb is not None
    assert fb.turn <= fb.max_turn + 1e-9
    assert fb.periapsis_radius >= 6_051_800.0 + 250e3 - 1.0
    # at most one Venus flyby per trip
    assert all(not (p.outbound.flyby and p.return_leg.flyby) for p in s.pareto)


@pytest.mark.parametrize("kwargs, field", [
    (dict(year=2060), "year"),
    (dict(year=1850), "year"),
    (dict(year=2033, min_stay_days=100, max_stay_days=200), "min_stay_days/max_stay_days"),
    (dict(year=2033, min_stay_days=-5), "min_stay_days"),
    (dict(year=2033, max_stay_days=40, min_stay_days=60), "max_stay_days"),
    (dict(year=2033, mission_class="fast"), "mission_class"),
    (dict(year=2033, outbound_tof_days=(200, 100)), "outbound_tof_days"),
    (dict(year=2033, step_days=0), "step_days"),
])
def test_bad_input_names_field(kwargs, field):
    with pytest.raises(InputError) as err:
        search_round_trips(**kwargs)
    assert field in str(err.value)


def test_year_outside_ephemeris_is_ephemeris_error():
    with pytest.raises(EphemerisRangeError):
        search_round_trips(2052)


def test_mars_missions_study_section_small(tmp_path):
    """The study section runs on a coarse grid and writes its figures."""
    from spaceplan.study.runner import SectionContext, run_section
    from spaceplan.study.sections import mars_missions

    res = run_section(mars_missions, {"step_days": 10.0, "venus": False}, SectionContext(tmp_path))
    assert "2026" in res.markdown and "mSv" in res.markdown and "no Venus flyby" in res.markdown
    assert res.data["cargo"]["c3_km2s2"] < 20
    assert {o["mission_class"] for o in res.data["crewed"]} == {"conjunction", "opposition"}
    for fig in res.figures:
        assert (tmp_path / fig).stat().st_size > 5_000
    with pytest.raises(InputError, match="mars_missions.bogus"):
        run_section(mars_missions, {"bogus": 1}, SectionContext(tmp_path))
    with pytest.raises(InputError, match="mars_missions.late_departure"):
        mars_missions.Config.from_table({"late_departure": ["2030-12-31", "2030-01-01"]})


def test_unpowered_venus_flyby_matches_speeds():
    s = search_round_trips(departure_window=("2021-09-01", "2022-01-31"), mission_class="opposition",
                           venus=True, flyby="unpowered", step_days=4)
    fbs = [t.outbound.flyby or t.return_leg.flyby for t in s.pareto]
    fbs = [f for f in fbs if f is not None]
    assert fbs
    for f in fbs:
        # no periapsis burn; the |v-infinity| mismatch (<= 100 m/s) is paid as a trim burn
        assert f.dv == pytest.approx(abs(f.vinf_in - f.vinf_out), abs=1e-9) and not f.powered
        assert abs(f.vinf_in - f.vinf_out) <= 100.0 + 1e-6
        assert f.turn <= f.max_turn + 1e-6
        assert f.periapsis_radius >= 6_051_800.0 + 250e3 - 1.0
