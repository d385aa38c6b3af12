"""The powered-descent guidance's validity envelope (issue 19): refuse the meaningless, warn on extrapolation."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from spaceplan.core.errors import InputError, SpaceplanError
from spaceplan.launch.landing import envelope_warnings, load_case, solve_landing, surface_body


def test_paper_case_is_inside_the_envelope():
    sol = solve_landing(load_case("mars_acikmese2007"), n_nodes=20)
    assert sol.warnings == ()
    assert math.isfinite(sol.propellant_kg) and sol.propellant_kg > 0
    assert sol.to_dict()["warnings"] == []


def test_thrust_that_cannot_hold_the_dry_vehicle_is_refused_with_the_weight_in_newtons():
    p = load_case("mars_acikmese2007", thrust_max_n=5000.0)  # dry weight 1505 kg x 3.7114 = 5,586 N
    with pytest.raises(SpaceplanError) as exc:
        solve_landing(p, n_nodes=20)
    assert isinstance(exc.value, InputError) and exc.value.field == "thrust_max"
    assert ">= 5,585.66 N" in str(exc.value)


def test_start_at_or_below_the_landing_point_is_refused():
    with pytest.raises(InputError) as exc:
        load_case("mars_acikmese2007", r0_m=[0.0, 0.0, 0.0])
    assert exc.value.field == "r0"


def test_ignition_thrust_to_weight_below_one_warns():
    p = load_case("mars_acikmese2007", thrust_max_n=6500.0)  # below 7,070 N at ignition, above 5,586 N dry
    assert [w["code"] for w in envelope_warnings(p)] == ["thrust_below_weight_at_ignition"]
    assert envelope_warnings(p)[0]["field"] == "thrust_max"


def test_start_beyond_flat_ground_warns_naming_r0():
    assert surface_body(3.7114).name == "Mars" and surface_body(9.80665).name == "Earth"
    p = load_case("mars_acikmese2007")
    high = replace(p, r0=(20_000.0, 0.0, 2000.0))  # Mars: 0.5 % of 3,396 km = 17.0 km
    far = replace(p, r0=(1500.0, 0.0, 40_000.0), glide_slope_deg=None)  # 1 % = 34.0 km
    assert [w["field"] for w in envelope_warnings(high)] == ["r0 altitude"]
    assert [w["field"] for w in envelope_warnings(far)] == ["r0 horizontal distance"]
    assert envelope_warnings(p) == ()


def test_stage_landing_helper_carries_the_warnings():
    from spaceplan.launch.landing import landing_propellant

    kg, sol = landing_propellant(30_000.0, 845_000.0, 338_000.0, 282.0, 1200.0, -150.0, return_solution=True)
    assert kg > 0 and sol.warnings == ()
