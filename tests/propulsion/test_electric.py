"""Power-limited electric propulsion, presets and the TEM consistency table."""

import numpy as np
import pytest

from spaceplan.core.constants import G0
from spaceplan.core.errors import InputError, UnknownNameError
from spaceplan.propulsion import electric, presets
from spaceplan.propulsion.tem import tem_consistency


def test_thrust_and_mass_flow_from_power():
    f = electric.thrust(1e6, 0.75, 70e3)
    assert f == pytest.approx(2 * 0.75 * 1e6 / 70e3)
    assert electric.mass_flow(1e6, 0.75, 70e3) == pytest.approx(f / 70e3)
    assert electric.electric_power_for(f, 70e3, 0.75) == pytest.approx(1e6)
    arr = electric.thrust(np.array([1e5, 2e5]), 0.5, np.array([3e4, 6e4]))
    assert arr.shape == (2,)


@pytest.mark.parametrize("args, field", [((-1.0, 0.7, 3e4), "power_w"), ((1e5, 1.2, 3e4), "efficiency"),
                                         ((1e5, 0.7, 0.0), "exhaust_speed"), ((np.nan, 0.7, 3e4), "power_w")])
def test_bad_inputs_are_named(args, field):
    with pytest.raises(InputError, match=field):
        electric.thrust(*args)


def test_isp_must_be_positive():
    with pytest.raises(InputError, match="isp_s"):
        electric.exhaust_speed(0.0)


def test_stuhlinger_small_dv_limit_is_v_ch():
    """For dv << v_ch the optimum exhaust speed tends to v_ch (d/dc of 1 - dv/c - c dv/v_ch^2 = 0)."""
    opt = electric.stuhlinger_optimum(10.0, 3e7, 0.02, 0.7)
    assert opt.exhaust_speed_m_s == pytest.approx(opt.v_ch_m_s, rel=1e-3)


def test_stuhlinger_optimum_beats_neighbours_and_flags_infeasible():
    opt = electric.stuhlinger_optimum(np.array([5e3, 40e3]), 2e7, 0.03, 0.7, 0.1)
    for k in range(1):  # the feasible case
        c = opt.exhaust_speed_m_s[k]
        best = electric.payload_ratio(opt.dv_m_s[k], c, opt.v_ch_m_s[k], 0.1)
        for other in (0.9 * c, 1.1 * c):
            assert best >= electric.payload_ratio(opt.dv_m_s[k], other, opt.v_ch_m_s[k], 0.1)
    assert opt.feasible[0] and not opt.feasible[1]


def test_presets_load_and_mass_model_adds_up():
    z = presets.load_vehicle("zeus")
    assert z.thrust_n == pytest.approx(2 * 0.75 * 1e6 / (7000 * G0))
    assert z.dry_mass_kg == pytest.approx(sum(z.masses().values()))
    assert 18_000 < z.wet_mass_kg() < 23_000  # the ~20 t claim
    half = z.with_power(0.5e6)
    assert half.thrust_n == pytest.approx(z.thrust_n / 2)
    for name in presets.preset_names("vehicles"):
        assert presets.load_vehicle(name).isp_s > 0
    assert presets.load_thruster("id-500").power_max_w == pytest.approx(35e3)
    assert presets.load_launcher("falcon-heavy").leo_payload_kg == 63_800
    with pytest.raises(UnknownNameError):
        presets.load_vehicle("warp-drive")


def test_tem_consistency_numbers():
    """18 N at 7,000 s is 618 kW of jet power, ~824 kWe at eta 0.75 (issue 10)."""
    t = tem_consistency()
    assert t.jet_power_w == pytest.approx(617.8e3, rel=1e-3)
    assert t.electric_power_needed_w == pytest.approx(823.8e3, rel=1e-3)
    by = {c.claim: c for c in t.checks}
    assert by["... and 1 MWe"].consistent and not by["... and 0.5 MWe"].consistent
    assert by["7 t LEO -> lunar orbit at 0.5 MWe"].consistent  # Roscosmos' cargo claim is flyable


def test_stuhlinger_largest_reachable_dv_is_0805_v_ch():
    """Setting the payload ratio to zero, exp(-dv/c) = z^2 / (1 + z^2) with z = c / v_ch: the largest
    dv is 0.8047 v_ch at z ~ 0.505 (derived here; k = 0)."""
    ok = electric.stuhlinger_optimum(np.array([0.80, 0.81]) * 30e3, 1e7, 2 * 0.7 * 1e7 / 30e3 ** 2, 0.7)
    assert ok.v_ch_m_s[0] == pytest.approx(30e3)
    assert ok.feasible[0] and not ok.feasible[1]
    assert ok.exhaust_speed_m_s[0] / ok.v_ch_m_s[0] == pytest.approx(0.505, abs=0.05)
