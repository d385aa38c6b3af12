"""Payload optimizer robustness: vehicles far from Falcon 9's size still converge."""

import math

import pytest

from spaceplan.core.errors import ImpossibleOrbitError
from spaceplan.launch.ascent import parse_orbit
from spaceplan.launch.payload import optimize_payload


def test_starship_expendable_converges_to_the_target_orbit():
    """Starship's lift-off margin allows a 2,300 t "payload" that cannot fly: the optimizer must
    stay in a trust region around feasible trials instead of jumping to that bound."""
    target = parse_orbit("200x200", 26.0)
    res = optimize_payload("starship", target, "boca-chica")
    assert res.payload_kg > 50_000.0  # SpaceX: 100-150 t reusable; expendable is more
    assert res.ascent.perigee_alt_m == pytest.approx(200e3, abs=2e3)
    assert math.degrees(res.ascent.inclination_rad) == pytest.approx(26.0, abs=0.1)


def test_a_vehicle_that_cannot_lift_off_is_a_clear_error():
    from dataclasses import replace

    from spaceplan.launch.vehicles import load_vehicle

    v = load_vehicle("falcon9")
    heavy = replace(v, stages=(replace(v.stages[0], dry_mass_kg=600_000.0),) + tuple(v.stages[1:]))
    with pytest.raises(ImpossibleOrbitError, match="lift"):
        optimize_payload(heavy, parse_orbit("200x200", 28.5), "cape-canaveral")
