"""The ascent optimizer's input envelope (issue 19): low perigees, apogees beyond the Moon and payloads above the
vehicle's published capability warn; an inclination below the site latitude (no dog-leg) is refused."""

from __future__ import annotations

import pytest

from spaceplan.core.errors import InputError
from spaceplan.core.validity import check
from spaceplan.launch.ascent import launch_azimuth, load_site
from spaceplan.launch.payload import input_envelope
from spaceplan.launch.vehicles import load_vehicle


def _codes(**values):
    return [w["code"] for w in check(input_envelope(load_vehicle("falcon9")), **values)]


def test_inside_the_envelope_no_warning():
    assert _codes(perigee_alt_m=200e3, apogee_alt_m=35_786e3, payload_kg=22_800.0) == []


@pytest.mark.parametrize("values, code", [
    (dict(perigee_alt_m=140e3), "below_drag_limit"),
    (dict(apogee_alt_m=500_000e3), "beyond_the_moon"),
    (dict(payload_kg=26_000.0), "above_published_payload"),  # 22,800 kg x 1.1 = 25,080 kg
])
def test_outside_the_envelope_warns(values, code):
    assert _codes(**values) == [code]


def test_vehicle_without_published_payloads_has_no_payload_bound():
    from dataclasses import replace

    v = replace(load_vehicle("falcon9"), published={})
    assert [b.field for b in input_envelope(v).inputs] == ["perigee_alt_m", "apogee_alt_m"]


def test_inclination_below_the_site_latitude_is_refused():
    import math

    lat = math.radians(load_site("cape-canaveral").geocentric_latitude_deg)
    with pytest.raises(InputError) as exc:
        launch_azimuth(math.radians(20.0), lat)
    assert exc.value.field == "inclination" and "dog-leg" in str(exc.value)


def test_expendable_ascent_is_held_to_the_expendable_figures_only():
    starship = load_vehicle("starship")  # publishes reusable figures only
    assert [b.field for b in input_envelope(starship).inputs] == ["perigee_alt_m", "apogee_alt_m"]
    assert input_envelope(starship, "droneship").bound("payload_kg").hi == pytest.approx(1.1 * 150_000.0)
    f9 = input_envelope(load_vehicle("falcon9"))  # 22,800 kg LEO expendable; 5,500 kg GTO droneship left out
    assert f9.bound("payload_kg").hi == pytest.approx(1.1 * 22_800.0)
