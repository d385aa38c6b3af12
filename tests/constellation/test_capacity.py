"""First-order capacity model."""

import math

import pytest

from spaceplan.core.errors import InputError, UnknownNameError
from spaceplan.constellation.capacity import (
    DVBS2X_MAX_EFFICIENCY, CapacityParams, demand_weight, estimate_capacity, spectral_efficiency,
)


def test_spectral_efficiency_shannon_and_cap():
    assert spectral_efficiency(10.0, gap_db=0.0) == pytest.approx(math.log2(11.0))
    assert spectral_efficiency(60.0) == DVBS2X_MAX_EFFICIENCY
    assert spectral_efficiency(10.0, gap_db=3.0) < spectral_efficiency(10.0, gap_db=0.0)


def test_demand_weight_bounds():
    w_eq = demand_weight(0.0)
    w53 = demand_weight(math.radians(53))
    w_polar = demand_weight(math.radians(90))
    assert 0.2 < w_eq < 0.26
    assert 0.2 < w53 < 0.35 and 0.15 < w_polar < 0.3
    # retrograde equals prograde mirror
    assert demand_weight(math.radians(97.6)) == pytest.approx(demand_weight(math.radians(82.4)), abs=1e-12)


def test_capacity_equations():
    p = CapacityParams("t", beams=10, beam_bandwidth_hz=100e6, polarizations=2, spectral_efficiency=2.0,
                       gateway_links=1, feeder_bandwidth_hz=1e9, feeder_efficiency=1.0)
    assert p.user_capacity_bps == pytest.approx(4e9)
    assert p.feeder_capacity_bps == pytest.approx(2e9)
    assert p.satellite_capacity_bps == pytest.approx(2e9)
    est = estimate_capacity("starlink_gen1", p)
    assert est.satellites == 4408
    assert est.system_bps < est.peak_system_bps
    d = est.to_dict()
    assert d["limited_by"] == "gateway feeder" and d["capacity_per_satellite_gbps"] == pytest.approx(2.0)


def test_presets_and_unknown():
    d = estimate_capacity("rassvet_2027").to_dict()
    assert d["satellites"] == 288 and "beams" in d["assumed"]
    with pytest.raises(UnknownNameError):
        estimate_capacity("kuiper")


def test_steerable_weight_grows_with_the_field_of_view_and_bounds_the_nadir_weight():
    """Steerable beams sell whenever inhabited land is within lambda: at least the nadir land weight
    (lambda -> 0 tends to it, up to the 1-deg grid), more for a wider view, never above 1."""
    from spaceplan.constellation.capacity import steerable_demand_weight

    inc = math.radians(53.0)
    nadir = demand_weight(inc)
    small, mid, wide = (steerable_demand_weight(inc, math.radians(x)) for x in (0.5, 8.0, 25.0))
    assert small == pytest.approx(nadir, abs=0.04)
    assert nadir <= mid < wide <= 1.0
    with pytest.raises(InputError, match="central_angle_rad"):
        steerable_demand_weight(inc, 0.0)


def test_fixed_beams_use_the_nadir_weight():
    from spaceplan.constellation.capacity import load_payload, shell_demand_weight
    from spaceplan.constellation.shells import WalkerShell

    shell = WalkerShell("ow", 1200e3, math.radians(87.9), 18, 40, pattern="star")
    assert not load_payload("oneweb").steerable
    assert shell_demand_weight(shell, load_payload("oneweb")) == demand_weight(shell.inclination_rad)
    assert shell_demand_weight(shell, load_payload("starlink_gen1")) > demand_weight(shell.inclination_rad)
