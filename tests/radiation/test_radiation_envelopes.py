"""The radiation models' input envelope (issue 19): shielding beyond the published depth response and thin shields
in the belts warn, depths outside the transport tables are refused, LEO altitudes outside 150-2,000 km refused."""

from __future__ import annotations

import math

import pytest

from spaceplan.core.errors import InputError
from spaceplan.core.time import utc_to_tdb
from spaceplan.radiation import gcr, trajectory
from spaceplan.radiation.timeline import Phase, mission_dose

T0 = utc_to_tdb("2030-01-01")


def test_shielding_inside_the_published_response_gives_no_warning():
    assert gcr.shielding_warnings(20.0) == () and gcr.shielding_warnings(200.0) == ()


def test_shielding_beyond_the_published_response_warns_naming_shielding():
    w = gcr.shielding_warnings(250.0)
    assert [(x["code"], x["field"]) for x in w] == [("beyond_published_depth_response", "shielding")]


def test_shielding_beyond_the_transport_tables_is_refused():
    with pytest.raises(InputError) as exc:
        gcr.rate_w(5000.0, 50.0)
    assert exc.value.field == "shielding_gcm2" and "g/cm^2" in str(exc.value)


def test_mission_dose_carries_the_shielding_warning():
    phases = [Phase("deep_space", 30 * 86400.0, T0)]
    ok = mission_dose(phases, 20.0)
    assert ok.warnings == () and math.isfinite(ok.total_sv) and ok.to_dict()["warnings"] == []
    deep = mission_dose(phases, 300.0)
    assert [w["field"] for w in deep.warnings] == ["shielding"] and deep.total_sv > 0


def test_thin_shield_in_the_belts_warns():
    t, r = trajectory.circular_orbit(T0, 800e3, 51.6, 3 * 3600.0, 60.0)
    assert trajectory.dose_along(t, r, 10.0).warnings == ()
    thin = trajectory.dose_along(t, r, 0.5)
    assert [w["code"] for w in thin.warnings] == ["thin_shield_bremsstrahlung"]
    assert thin.to_dict()["warnings"] == list(thin.warnings)


@pytest.mark.parametrize("alt_m", [100e3, 5000e3])
def test_leo_altitude_outside_150_to_2000_km_is_refused(alt_m):
    with pytest.raises(InputError) as exc:
        trajectory.circular_orbit(T0, alt_m, 51.6, 3600.0)
    assert exc.value.field == "altitude" and "150 to 2000 km" in str(exc.value)
