"""Tangential-thrust spiral escape at constant acceleration, mu = r0 = v0 = 1.

Reference: space.stackexchange.com question 29456 ("delta-v of a low-thrust spiral escape"), numerical
values 0.7453 v0 at a = 1e-2 and 0.8563 v0 at a = 1e-3; the a -> 0 limit dv -> v0 is Wiesel (1989),
"Spaceflight Dynamics".  Tolerance 1e-3 (absolute, in units of v0), as stated there."""

import pytest

from spaceplan.propulsion.spiral import constant_acceleration_escape_dv


@pytest.mark.parametrize("accel, dv", [(1e-2, 0.7453), (1e-3, 0.8563)])
def test_wiesel_1989_spiral_escape_dv(accel, dv):
    assert constant_acceleration_escape_dv(accel) == pytest.approx(dv, abs=1e-3)


def test_wiesel_1989_limit_approaches_v0():
    assert constant_acceleration_escape_dv(1e-4) > 0.9
