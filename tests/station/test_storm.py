"""Storm-time decay comparisons: inputs refused by name, and the previous-launch comparison's bookkeeping."""

import numpy as np
import pytest

from spaceplan.core.errors import InputError
from spaceplan.station.storm import drag_vs_previous_launches


def test_previous_launch_comparison_needs_an_earlier_launch():
    with pytest.raises(InputError, match="previous_utc"):
        drag_vs_previous_launches(210.0, 320.0, 53.2, "2022-02-03T18:30", (), 1.0, 260.0, 4.4)


@pytest.mark.parametrize("kw, field", [({"perigee_km": 90.0}, "perigee"), ({"days": 0.0}, "days"),
                                       ({"mass_kg": -1.0}, "mass")])
def test_previous_launch_comparison_refuses_bad_input(kw, field):
    args = {"perigee_km": 210.0, "apogee_km": 320.0, "inclination_deg": 53.2, "start_utc": "2022-02-03T18:30",
            "previous_utc": ("2022-01-19T02:19",), "days": 1.0, "mass_kg": 260.0, "cd_area_m2": 4.4}
    args.update(kw)
    with pytest.raises(InputError, match=field):
        drag_vs_previous_launches(**args)


def test_a_launch_compared_with_itself_has_no_increase():
    r = drag_vs_previous_launches(210.0, 320.0, 53.2, "2022-01-19T02:19", ("2022-01-19T02:19",), 1.0, 260.0, 4.4)
    np.testing.assert_allclose(r.ratio, 1.0, rtol=1e-12)
    d = r.to_dict()
    assert d["peak_drag_increase_percent"] == pytest.approx(0.0, abs=1e-9)
    assert d["previous_utc"] == ["2022-01-19T02:19"]


def test_an_unknown_model_is_refused_by_name():
    with pytest.raises(InputError, match=r"model.*nrlmsis, jb2008"):
        drag_vs_previous_launches(210.0, 320.0, 53.2, "2022-02-03T18:30", ("2022-01-19T02:19",), 1.0, 260.0, 4.4,
                                  model="msis")


def test_jb2008_runs_the_same_comparison_and_says_so():
    r = drag_vs_previous_launches(210.0, 320.0, 53.2, "2022-01-19T02:19", ("2022-01-19T02:19",), 1.0, 260.0, 4.4,
                                  model="jb2008")
    np.testing.assert_allclose(r.ratio, 1.0, rtol=1e-12)
    assert r.to_dict()["model"] == "jb2008"
    assert any("JB2008" in n for n in r.notes)


def test_jb2008_outside_its_bundled_indices_is_refused_with_the_span():
    with pytest.raises(InputError, match="outside the JB2008 indices"):
        drag_vs_previous_launches(210.0, 320.0, 53.2, "2023-02-03T18:30", ("2023-01-19T02:19",), 1.0, 260.0, 4.4,
                                  model="jb2008")
