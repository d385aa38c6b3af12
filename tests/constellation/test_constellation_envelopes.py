"""Validity envelopes of the constellation models (issue 19): shells (altitude vs drag and third bodies), latency,
deployment and capacity results carry ``warnings``; the meaningless is refused with the field and its range."""

from __future__ import annotations

import math

import numpy as np
import pytest

from spaceplan.constellation.capacity import estimate_capacity
from spaceplan.constellation.deployment import plan_deployment
from spaceplan.constellation.latency import compute_latency
from spaceplan.constellation.shells import WalkerShell, load_constellation, shell_warnings
from spaceplan.core.errors import InputError
from spaceplan.core.time import utc_to_tdb

T0 = utc_to_tdb("2026-01-01")


def test_shells_inside_150_km_to_geo_give_no_warning():
    assert shell_warnings(load_constellation("starlink_gen1")) == ()
    assert shell_warnings(load_constellation("oneweb")) == ()


@pytest.mark.parametrize("alt_km, code", [(120.0, "below_drag_limit"), (40_000.0, "above_geo")])
def test_shell_below_the_drag_limit_or_above_geo_warns_naming_the_shell_altitude(alt_km, code):
    w = shell_warnings(load_constellation("oneweb", altitude_km=alt_km))
    assert [x["code"] for x in w] == [code]
    assert w[0]["field"].endswith("altitude") and "km" in w[0]["message"]


@pytest.mark.parametrize("alt_m", [50e3, 60_000e3])
def test_shell_inside_the_atmosphere_or_far_beyond_geo_is_refused_in_km(alt_m):
    with pytest.raises(InputError) as exc:
        WalkerShell("x", alt_m, 0.9, 4, 4)
    assert "altitude" in exc.value.field and "100 to 50000 km" in str(exc.value)


def test_walker_phasing_outside_0_to_p_minus_1_is_refused():
    with pytest.raises(InputError) as exc:
        WalkerShell("x", 550e3, 0.9, 4, 4, phasing=4)
    assert "phasing" in exc.value.field and "0 to 3" in str(exc.value)


def test_latency_in_range_has_no_warning_and_a_low_mask_warns():
    const = load_constellation("starlink_gen1")
    tdb = T0 + np.array([0.0, 300.0])
    s = compute_latency(const, "london", "new-york", tdb)
    assert s.warnings == () and np.all(np.isfinite(s.rtt_s)) and np.all(s.rtt_s >= s.vacuum_rtt_s)
    low = compute_latency(const, "london", "new-york", tdb, min_elevation_deg=10.0)
    assert [w["field"] for w in low.warnings] == ["min_elevation_deg"]
    assert low.to_dict()["warnings"] == list(low.warnings)


def test_latency_isl_route_over_a_constellation_without_isls_is_refused():
    with pytest.raises(InputError) as exc:
        compute_latency(load_constellation("oneweb"), "london", "new-york", [T0], isl=True)
    assert exc.value.field == "isl"


def test_latency_steps_without_a_path_are_flagged():
    tiny = load_constellation("oneweb", planes=1, sats_per_plane=2)
    s = compute_latency(tiny, "london", "sydney", T0 + np.array([0.0, 600.0]), isl=False)
    assert s.unreachable == 2 and [w["code"] for w in s.warnings] == ["unreachable_steps"]


def test_deployment_in_range_has_no_warning():
    c = plan_deployment("starlink_gen1", "falcon9", "100/yr", T0)
    assert c.warnings == () and math.isfinite(c.foc_tdb)


def test_deployment_beyond_the_demonstrated_cadence_or_quoted_payload_warns():
    c = plan_deployment("starlink_gen1", "falcon9", "200/yr", T0)
    assert [(w["code"], w["field"]) for w in c.warnings] == [("beyond_demonstrated_cadence", "cadence")]
    assert "165" in c.warnings[0]["message"]
    over = plan_deployment("oneweb", "soyuz-2.1b", "12/yr", T0, sats_per_launch=42)  # 42 x 147.5 kg > 5,900 kg
    assert "above_quoted_payload" in [w["code"] for w in over.warnings]
    assert over.to_dict()["warnings"] == list(over.warnings)


def test_capacity_fixed_beams_in_range_no_warning_steerable_is_an_upper_bound():
    fixed = estimate_capacity("oneweb")
    assert fixed.warnings == () and fixed.system_bps > 0
    steer = estimate_capacity("starlink_gen1")
    assert [w["code"] for w in steer.warnings] == ["upper_bound"]
    assert steer.to_dict()["warnings"][0]["field"] == "served_system_tbps"
