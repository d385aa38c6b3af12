"""Bank-angle entry guidance (prebank, predictor-corrector range control, bank hold, bank reversals): it steers, it
is not a constant."""

import dataclasses

import pytest

from spaceplan.core.errors import InputError
from spaceplan.missions import entry_guidance_kernel as kern
from spaceplan.missions.entry_guidance import EntryGuidance, reference_bank
from spaceplan.missions.mars_entry import RHO0_KG_M3, SCALE_HEIGHT_M, EntryVehicle, fly_entry
from spaceplan.core.constants import MARS

MSL = EntryVehicle("MSL", 3_257.0, 146.0, 0.24, 1.125)
V0, FPA, DEPLOY = 5_845.0, -15.5, 470.0


@pytest.fixture(scope="module")
def bank():
    return reference_bank(MSL, V0, FPA, DEPLOY, 10e3)


def _guided(bank, **atmosphere):
    return fly_entry(MSL, V0, FPA, end_altitude_m=0.0, guidance=EntryGuidance(bank, DEPLOY), **atmosphere)


def _open_loop(bank, **atmosphere):
    return fly_entry(dataclasses.replace(MSL, bank_deg=bank), V0, FPA, end_altitude_m=0.0, end_speed_m_s=DEPLOY,
                     **atmosphere)


def test_undispersed_guided_entry_flies_its_reference(bank):
    g, o = _guided(bank), _open_loop(bank)
    assert g.peak_deceleration_g == pytest.approx(o.peak_deceleration_g, rel=5e-3)
    assert g.time_s == pytest.approx(o.time_s, abs=1.0)
    assert g.guidance["bank_min_deg"] == pytest.approx(bank, abs=0.5)
    assert g.guidance["bank_max_deg"] == pytest.approx(bank, abs=0.5)
    assert g.guidance["range_control_start_s"] > 0.0  # prebank until 0.2 g


@pytest.mark.parametrize("atmosphere", [{"density_factor": 0.8}, {"density_factor": 1.2},
                                        {"scale_height_m": 0.9 * SCALE_HEIGHT_M},
                                        {"scale_height_m": 1.1 * SCALE_HEIGHT_M}],
                         ids=["rho-20%", "rho+20%", "H-10%", "H+10%"])
def test_dispersed_atmosphere_guided_entry_reaches_the_target_open_loop_misses(bank, atmosphere):
    g = _guided(bank, **atmosphere)
    target = g.guidance["target_downrange_m"]
    open_miss = abs(_open_loop(bank, **atmosphere).downrange_m - target)  # planar: all downrange
    assert open_miss > 5_000.0  # the dispersion matters
    assert abs(g.guidance["downrange_error_m"]) < 0.2 * open_miss  # range control
    assert g.guidance["miss_distance_m"] < 2_500.0  # with the crossrange the reversals leave
    assert g.end_speed_m_s == pytest.approx(DEPLOY)


def test_bank_reversals_hold_the_crossrange_that_one_sided_lateral_lift_builds(bank):
    steered = _guided(bank)
    one_sided = fly_entry(MSL, V0, FPA, end_altitude_m=0.0,
                          guidance=EntryGuidance(bank, DEPLOY, deadband_km=(1_000.0, 1_000.0)))
    assert steered.guidance["bank_reversals"] >= 2 and one_sided.guidance["bank_reversals"] == 0
    assert abs(one_sided.guidance["crossrange_error_m"]) > 20_000.0  # 41 km
    assert abs(steered.guidance["crossrange_error_m"]) < 2_500.0
    assert steered.peak_deceleration_g == pytest.approx(_guided_planar(bank).peak_deceleration_g, rel=1e-3)


def _guided_planar(bank):
    return fly_entry(MSL, V0, FPA, end_altitude_m=0.0, guidance=EntryGuidance(bank, DEPLOY, lateral=False))


def test_density_estimate_tracks_a_uniform_dispersion(bank):
    assert _guided(bank, density_factor=0.8).guidance["density_estimate"] == pytest.approx(0.8, rel=0.02)


def test_unreachable_target_saturates_and_warns(bank):
    r = fly_entry(MSL, V0, FPA, end_altitude_m=0.0, guidance=EntryGuidance(bank, DEPLOY, target_downrange_m=2e6))
    codes = {w["code"] for w in r.warnings}
    assert {"guidance_saturated", "guidance_miss"} <= codes
    assert r.guidance["saturated_lift_up_s"] > 0.0 and r.guidance["bank_min_deg"] == pytest.approx(0.0)


def test_result_json_carries_the_guidance_in_display_units(bank):
    d = _guided(bank).to_dict()["guidance"]
    assert d["target_downrange_km"] == pytest.approx(574.2, abs=2.0)
    assert abs(d["downrange_error_km"]) < 1.0 and d["miss_distance_km"] < 2.5 and d["bank_reversals"] >= 1
    assert "range control" in d["law"] and "reversals" in d["law"]
    assert "guidance" not in _open_loop(bank).to_dict()


def test_corrector_hits_the_predicted_target_and_matches_python():
    args = (5_000.0, -0.2, 60e3, 0.0)
    model = (146.0, RHO0_KG_M3, SCALE_HEIGHT_M, MARS.gm, MARS.radius, 1.0, 3_000.0)
    s_half = kern.predict(*args, 0.24 * 0.5, DEPLOY, 0.0, 125e3, *model)[0]
    u, miss, status = kern.solve_bank(*args, s_half, 0.24, 0.9, DEPLOY, 125e3, *model, 10.0)
    assert status == kern.OK and abs(miss) <= 10.0 and u == pytest.approx(0.5, abs=1e-3)
    compiled = kern.predict(*args, 0.1, DEPLOY, 0.0, 125e3, *model)
    interpreted = kern.predict.py_func(*args, 0.1, DEPLOY, 0.0, 125e3, *model)
    assert compiled == pytest.approx(interpreted, rel=1e-12)


def test_bad_guidance_inputs_are_named(bank):
    with pytest.raises(InputError, match="glide"):
        fly_entry(MSL, V0, FPA, guidance=EntryGuidance(bank, DEPLOY), glide=True)
    with pytest.raises(InputError, match="lift"):
        fly_entry(dataclasses.replace(MSL, lift_to_drag=0.0), V0, FPA, guidance=EntryGuidance(bank, DEPLOY))
    with pytest.raises(InputError, match="reference bank"):
        EntryGuidance(200.0, DEPLOY)
    with pytest.raises(InputError, match="deadband"):
        EntryGuidance(bank, DEPLOY, deadband_km=(5.0, 1.0))
    with pytest.raises(InputError, match="density factor"):
        fly_entry(MSL, V0, FPA, density_factor=0.0)


def test_msl_entry_preset_carries_the_published_states():
    from spaceplan.missions.entry_guidance import entry_case_names, load_entry_case

    assert "msl" in entry_case_names()
    case = load_entry_case("curiosity")
    assert case.vehicle.mass_kg == 3_257.0 and case.entry_speed_m_s == 5_845.0
    assert (case.deploy_speed_m_s, case.deploy_altitude_m) == (470.0, 10e3) and "Way" in case.source


def test_overflown_short_target_stays_lift_down_with_the_lateral_channel(bank):
    """A target short of the lift-down range is overflown: the range to go must turn negative behind it (still
    long), not grow again as an unsigned distance that commands lift up (review fix: 35 s saturated lift up and
    521 km flown instead of 456 km for a 300 km target)."""
    short = dict(target_downrange_m=3e5)
    lateral = fly_entry(MSL, V0, FPA, end_altitude_m=0.0, guidance=EntryGuidance(bank, DEPLOY, **short))
    planar = fly_entry(MSL, V0, FPA, end_altitude_m=0.0, guidance=EntryGuidance(bank, DEPLOY, lateral=False, **short))
    assert lateral.guidance["saturated_lift_up_s"] == 0.0 and lateral.guidance["saturated_lift_down_s"] > 0.0
    assert lateral.downrange_m == pytest.approx(planar.downrange_m, abs=1_000.0)


@pytest.mark.parametrize("cycle_s", [0.1, 0.75])
def test_saturated_time_counts_the_time_each_command_is_held(bank, cycle_s):
    """The guidance runs once per integration step at most (0.5 s): a 0.1 s cycle holds each command 0.5 s, a
    0.75 s cycle 1 s; the saturated time must not count the nominal cycle (review fix: 0.1 s cycle reported 5x
    too little)."""
    ref = fly_entry(MSL, V0, FPA, end_altitude_m=0.0, guidance=EntryGuidance(bank, DEPLOY, target_downrange_m=2e6))
    r = fly_entry(MSL, V0, FPA, end_altitude_m=0.0,
                  guidance=EntryGuidance(bank, DEPLOY, target_downrange_m=2e6, cycle_s=cycle_s))
    assert r.guidance["saturated_lift_up_s"] == pytest.approx(ref.guidance["saturated_lift_up_s"], abs=1.0)
