"""Earth-entry limit of a returning capsule and the braking it charges (issue 24 finding 1: opposition-class
trips braked at Earth for free, returning at 17-19 km/s; Stardust's 12.9 km/s is the fastest entry flown)."""

import math

import pytest

from spaceplan.core.constants import EARTH
from spaceplan.core.errors import InputError
from spaceplan.interplanetary import RoundTripOptions, entry_speed, search_round_trips
from spaceplan.interplanetary.capsules import (DEFAULT_CAPSULE, DEFAULT_ENTRY_SPEED_LIMIT, entry_braking,
                                               load_capsule)


def test_entry_speed_hand_calculation():
    """v_entry = sqrt(vinf^2 + 2 mu / r) at 125 km: vinf 13.0 km/s -> sqrt(169e6 + 2 x 3.986e14 / 6.503e6)
    = sqrt(169e6 + 122.6e6) = 17.08 km/s (the 2028 opposition return of the issue)."""
    r = EARTH.radius + 125e3
    assert float(entry_speed(13.0e3)) == pytest.approx(math.sqrt(13.0e3**2 + 2 * EARTH.gm / r), rel=1e-12)
    assert 17.0e3 < float(entry_speed(13.0e3)) < 17.2e3


def test_braking_is_the_entry_speed_above_the_limit():
    """At the same radius, the burn that turns a hyperbola with entry speed v into one with entry speed
    v_lim costs v - v_lim: 17.08 km/s against the 12.5 km/s default is 4.58 km/s; below the limit, nothing."""
    v = float(entry_speed(13.0e3))
    assert float(entry_braking(v, 12.5e3)) == pytest.approx(v - 12.5e3)
    assert float(entry_braking(12.0e3, 12.5e3)) == 0.0
    assert float(entry_braking(v, None)) == 0.0


def test_presets_and_the_stated_default():
    assert load_capsule(DEFAULT_CAPSULE).max_entry_speed == DEFAULT_ENTRY_SPEED_LIMIT == 12.5e3
    assert load_capsule("orion").max_entry_speed == 11.0e3
    aero = load_capsule("earth-aerocapture")
    assert aero.mode == "aerocapture" and aero.max_entry_speed > DEFAULT_ENTRY_SPEED_LIMIT
    o = RoundTripOptions.from_days(capsule="orion")
    assert o.entry_speed_limit == 11.0e3 and o.capsule == "orion"
    with pytest.raises(InputError, match="entry_speed_limit"):
        RoundTripOptions(entry_speed_limit=30e3)


@pytest.fixture(scope="module")
def opposition_2028():
    kw = dict(mission_class="opposition", departure_window=("2028-09-01", "2029-03-31"), step_days=6)
    return search_round_trips(**kw), search_round_trips(entry_speed_limit=None, **kw)


def test_opposition_return_pays_for_braking_and_the_optimiser_sees_it(opposition_2028):
    charged, free = opposition_2028
    t = charged.best("opposition").to_dict()
    # the braking is in the total and leaves the capsule at its limit
    assert t["dv_earth_arrival_kms"] == pytest.approx(max(0.0, t["entry_speed_kms"] - 12.5), abs=1e-9)
    assert t["entry_speed_final_kms"] == pytest.approx(min(t["entry_speed_kms"], 12.5), abs=1e-9)
    f = free.best("opposition").to_dict()
    assert f["dv_earth_arrival_kms"] == 0.0 and f["entry_speed_kms"] > 12.9  # free braking: faster than Stardust
    # the charged optimum is never cheaper than the free one priced with its braking
    assert t["dv_total_kms"] <= f["dv_total_kms"] + max(0.0, f["entry_speed_kms"] - 12.5) + 1e-9
    assert t["dv_total_kms"] > f["dv_total_kms"]
    # every point of the re-run Pareto front carries its braking
    for trip in charged.pareto:
        d = trip.to_dict()
        assert d["dv_earth_arrival_kms"] == pytest.approx(max(0.0, d["entry_speed_kms"] - 12.5), abs=1e-9)
