import math

import pytest

from spaceplan.core.errors import InputError
from spaceplan.propulsion.compare import compare, impulsive_option
from spaceplan.propulsion.presets import load_launcher, load_vehicle


def test_lunar_comparison_is_consistent():
    c = compare(7000.0, "lunar-orbit")
    by = {o.kind: o for o in c.options}
    assert all(o.feasible for o in c.options)
    nep = [o for o in c.options if o.kind == "nep"]
    assert nep[0].trip_time_s > nep[1].trip_time_s  # 0.5 MWe is slower than 1 MWe
    for o in c.options:
        assert o.imleo_kg > 7000.0 + o.propellant_kg
        assert all(n >= 1 for n in o.launches.values())
    assert by["ntp"].trip_time_s < 10 * 86400
    assert "spiral out of Earth orbit" in c.verdict and "0.5 MWe" in c.verdict
    assert c.to_dict()["options"][0]["imleo_t"] > 7


def test_chemical_stage_infeasible_says_why():
    from spaceplan.core.errors import InfeasibleError

    fregat = load_vehicle("fregat")
    with pytest.raises(InfeasibleError, match="mass ratio"):
        impulsive_option(fregat, 1000.0, 9000.0, 3000.0, 1e7, [load_launcher("angara-a5v")])


def test_bad_destination_and_cargo():
    with pytest.raises(InputError, match="destination"):
        compare(1000.0, "venus")
    with pytest.raises(InputError, match="cargo"):
        compare(-1.0, "lunar-orbit")
    assert math.isfinite(load_launcher("starship").leo_payload_kg)
