"""Validation: Larson & Wertz (eds.), *Space Mission Analysis and Design*, 3rd ed. 1999,
sec. 5.2 (Wertz, "Earth geometry viewed from space"), worked example of a spacecraft at
1,000 km altitude: angular radius of the Earth rho = 59.8 deg, maximum Earth central angle
lambda_0 = 30.2 deg, maximum range to the horizon D_max = 3,709 km (SMAD uses
R_E = 6,378.14 km; we use the WGS 84 6,378.137 km, a 3 m difference that changes D_max by
< 1 m and the angles by < 1e-6 deg).

Note: these values are quoted from the book; the book itself was not available offline
to re-read (the search corpus holds no copy), so the page number is not given.

Tolerance: half a unit of the published last digit (0.05 deg, 0.5 km): the reference
is rounded, our numbers are exact for a spherical Earth.
"""

from __future__ import annotations

import math

import pytest

from spaceplan.constellation.geometry import earth_angular_radius, earth_central_angle, horizon_range


def test_smad_1999_sec_5_2_spacecraft_at_1000_km():
    h = 1000e3
    assert math.degrees(earth_angular_radius(h)) == pytest.approx(59.8, abs=0.05)
    assert math.degrees(earth_central_angle(h, 0.0)) == pytest.approx(30.2, abs=0.05)
    assert horizon_range(h) / 1e3 == pytest.approx(3709.0, abs=0.5)
