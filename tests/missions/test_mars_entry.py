"""Mars entry model: atmosphere, energy, skip-out, glide guidance."""

import math

import pytest

from spaceplan.core.constants import MARS
from spaceplan.core.errors import InputError
from spaceplan.missions.mars_entry import EntryVehicle, corridor, density, entry_speed, fly_entry


def test_density_profile_is_the_fact_sheet_exponential():
    assert float(density(0.0)) == pytest.approx(0.020)
    assert float(density(11_100.0)) == pytest.approx(0.020 / math.e)


def test_entry_speed_is_energy_conservation():
    v = entry_speed(3_000.0, 125e3)
    assert v ** 2 == pytest.approx(3_000.0 ** 2 + 2 * MARS.gm / (MARS.radius + 125e3))


def test_shallow_entries_skip_out_and_steep_ones_pull_more_g():
    v = EntryVehicle("test", 3_000.0, 150.0, 0.2, 1.0)
    assert not fly_entry(v, 6_000.0, -3.0).captured
    shallow, steep = fly_entry(v, 6_000.0, -12.0), fly_entry(v, 6_000.0, -20.0)
    assert shallow.captured and steep.captured
    assert steep.peak_deceleration_g > shallow.peak_deceleration_g
    assert steep.peak_heat_flux_w_m2 > 0 and steep.heat_load_j_m2 > 0


def test_glide_guidance_keeps_a_fast_lifting_body_in_the_atmosphere():
    v = EntryVehicle("ship", 250e3, 500.0, 0.3, 4.5)
    r = fly_entry(v, 7_000.0, -12.0, end_altitude_m=40e3, glide=True)
    assert r.captured and r.end_altitude_m == pytest.approx(40e3)
    assert r.end_speed_m_s < 7_000.0


def test_corridor_has_a_shallow_and_a_steep_edge():
    v = EntryVehicle("test", 3_000.0, 150.0, 0.2, 1.0)
    c = corridor(v, 6_000.0, 15.0, angles_deg=[-4, -8, -12, -16, -20, -25])
    assert c["shallow_deg"] is not None and c["steep_deg"] < c["shallow_deg"]


def test_bad_inputs_are_named():
    v = EntryVehicle("test", 3_000.0, 150.0, 0.2, 1.0)
    with pytest.raises(InputError, match="flight path"):
        fly_entry(v, 6_000.0, 5.0)
    with pytest.raises(InputError, match="ballistic"):
        EntryVehicle("bad", 1.0, -1.0, 0.2, 1.0)
