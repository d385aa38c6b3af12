"""First-order capacity model."""

import math

import numpy as np
import pytest

from spaceplan.core.errors import UnknownNameError
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
