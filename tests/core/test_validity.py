"""The one validity mechanism (spaceplan.core.validity): declared ranges, warnings, refusals, output bounds."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from spaceplan.core.errors import InputError
from spaceplan.core.validity import REFUSE, Bound, Envelope, check, collect, physical, warning, with_warnings

ENV = Envelope("a test model",
               inputs=(Bound("power_w", 1e3, 100e3, unit="kWe", scale=1e-3, label="--power", why="fitted points"),
                       Bound("load_kg", None, "capacity_kg", code="over_capacity", unit="kg", label="load"),
                       Bound("r_m", "radius_m", None, REFUSE, unit="km", scale=1e-3, label="--alt")),
               outputs=(physical("mass_kg", "mass"), physical("share", "fraction")))


def test_inside_the_envelope_no_warning():
    assert check(ENV, power_w=40e3, load_kg=5.0, capacity_kg=6.0, r_m=7e6, radius_m=6.4e6, mass_kg=1.0,
                 share=0.5) == ()


def test_an_extrapolation_warns_in_display_units_naming_the_label():
    (w,) = check(ENV, power_w=1e9)
    assert w["code"] == "outside_validated_range" and w["field"] == "--power"
    assert "1,000,000 kWe is above 100 kWe" in w["message"] and "fitted points" in w["message"]


def test_a_bound_may_name_another_value():
    (w,) = check(ENV, load_kg=7.0, capacity_kg=6.0)
    assert w["code"] == "over_capacity" and "above 6 kg" in w["message"]
    assert check(ENV, load_kg=7.0) == ()  # the other value unknown: no bound


def test_a_meaningless_input_is_refused_naming_the_label():
    with pytest.raises(InputError, match=r"^--alt: 100 km is outside .*allowed: >= 6,400 km"):
        check(ENV, r_m=1e5, radius_m=6.4e6)
    with pytest.raises(InputError, match="--alt: got nan"):
        check(ENV, r_m=math.nan, radius_m=6.4e6)


@pytest.mark.parametrize("values", [dict(mass_kg=-1.0), dict(share=1.5), dict(mass_kg=np.array([1.0, np.nan]))])
def test_outputs_outside_physical_bounds_are_refused(values):
    with pytest.raises(InputError):
        check(ENV, **values)


def test_results_carry_and_collect_warnings():
    @dataclasses.dataclass(frozen=True)
    class Inner:
        warnings: tuple = ()

    @dataclasses.dataclass(frozen=True)
    class Outer:
        parts: tuple
        warnings: tuple = ()

    a, b = warning("a", "x", "first"), warning("b", "y", "second")
    inner = with_warnings(Inner(), [a])
    outer = with_warnings(Outer((inner, inner)), [b, b])
    assert outer.warnings == (b,)
    assert collect(outer) == [a, b]  # nested results first, in field order
    assert collect({"rows": [{"warnings": [a]}]}) == [a]


def test_length_grid_takes_the_unit_forms_of_every_length_flag():
    import pytest

    from spaceplan.core.errors import InputError
    from spaceplan.core.units import parse_length_grid

    assert parse_length_grid("--alt", "400km") == [400e3]
    assert parse_length_grid("--alt", "400") == [400e3]
    assert parse_length_grid("--alt", "400000m") == [400e3]
    assert parse_length_grid("--alt", "300000m:500km", default_step_m=100e3) == [300e3, 400e3, 500e3]
    assert parse_length_grid("--alt", "200:400:100km") == [200e3, 300e3, 400e3]
    assert parse_length_grid("--alt", "200:400", default="km") == [200e3, 400e3]
    for bad in ("400:300", "abc", "-5", "1:2:3:4", "0:1e9:1m"):
        with pytest.raises(InputError) as exc:
            parse_length_grid("--alt", bad)
        assert exc.value.field == "--alt"
