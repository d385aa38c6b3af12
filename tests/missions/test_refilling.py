"""Refilling campaign: tanker arithmetic, boil-off fixed point, calendar and named errors."""

import math

import pytest

from spaceplan.core.errors import InfeasibleError, InputError
from spaceplan.missions.refilling import campaign, loaded_after


def test_lossless_campaign_is_the_division():
    c = campaign(1_200e3, 150e3, boiloff_per_day=0.0, transfer_loss=0.0, final_coast_days=0.0)
    assert c.tankers == 8 and c.launches == 9
    assert c.loaded_kg == pytest.approx(1_200e3)


def test_boiloff_and_losses_add_tankers_and_lengthen_the_campaign():
    ideal = campaign(1_000e3, 100e3, boiloff_per_day=0.0, transfer_loss=0.0)
    real = campaign(1_000e3, 100e3, boiloff_per_day=0.003, transfer_loss=0.03, cadence_per_day=1 / 7)
    assert real.tankers > ideal.tankers
    assert real.duration_days > ideal.duration_days
    assert real.loaded_kg >= 1_000e3
    assert real.boiloff_kg > 0 and real.transfer_loss_kg > 0
    assert real.launch_days[0] == 0.0 and real.launch_days[-1] == pytest.approx(real.tankers * 7.0)


def test_loaded_after_matches_a_step_by_step_simulation():
    q, b, dt, coast = 100e3, 0.002, 3.5, 2.0
    load = 0.0
    for k in range(6):
        if k:
            load *= (1 - b) ** dt
        load += q
    load *= (1 - b) ** coast
    assert loaded_after(6, q, 0.0, dt, b, 0.0, coast) == pytest.approx(load, rel=1e-12)


def test_loaded_after_boils_the_initial_load_from_day_0_to_the_last_tanker():
    """The receiving ship is on station at day 0, tanker k arrives at day k dt: what it brought up itself boils for
    n dt days before the coast (it had been charged (n - 1) dt)."""
    q, b, dt, coast, initial = 100e3, 0.002, 3.5, 2.0, 50e3
    load = initial
    for _ in range(6):
        load *= (1 - b) ** dt
        load += q
    load *= (1 - b) ** coast
    assert loaded_after(6, q, initial, dt, b, 0.0, coast) == pytest.approx(load, rel=1e-12)
    assert loaded_after(0, q, initial, dt, b, 0.0, coast) == pytest.approx(initial * (1 - b) ** coast, rel=1e-12)


def test_boiloff_saturation_is_a_named_infeasibility():
    with pytest.raises(InfeasibleError, match="infeasible: boil-off"):
        campaign(1_500e3, 100e3, boiloff_per_day=0.02, cadence_per_day=1 / 7)


@pytest.mark.parametrize("kw, field", [({"cadence_per_day": 0.0}, "cadence"), ({"boiloff_per_day": 1.0}, "boiloff"),
                                       ({"transfer_loss": 1.0}, "transfer_loss")])
def test_meaningless_rates_are_refused(kw, field):
    with pytest.raises(InputError, match=field):
        campaign(1_000e3, 100e3, **kw)


def test_given_tankers_report_the_load_never_negative():
    c = campaign(0.0, 100e3, tankers=0)
    assert c.tankers == 0 and c.loaded_kg == 0.0
    assert math.isfinite(campaign(0.0, 100e3, tankers=3).loaded_kg)
