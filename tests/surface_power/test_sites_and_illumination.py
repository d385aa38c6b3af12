"""Unit tests: sites, bad input, and illumination bookkeeping."""

from __future__ import annotations

import math

import numpy as np
import pytest

from spaceplan.core.errors import InputError, UnknownNameError
from spaceplan.surface_power.illumination import dark_periods, illumination, span_epochs, sun_series
from spaceplan.surface_power.sites import Site, parse_site, site_names


def test_presets_load():
    names = site_names()
    assert {"lunar-equator", "shackleton-rim", "connecting-ridge"} <= set(names)
    for n in names:
        s = parse_site(n)
        assert -math.pi / 2 <= s.latitude <= math.pi / 2
        assert s.to_dict()["name"] == n


def test_bad_sites_are_named_errors():
    with pytest.raises(InputError, match="latitude"):
        parse_site("95,10")
    with pytest.raises(InputError, match="latitude"):
        Site("x", math.radians(-91), 0.0)
    with pytest.raises(InputError, match="off the Moon"):
        parse_site("lunar-equator", height_m=400_000.0)
    with pytest.raises(InputError, match="off the Moon"):
        parse_site("lunar-equator", height_m=-5.0)
    with pytest.raises(UnknownNameError):
        parse_site("mars-base")
    with pytest.raises(InputError):
        parse_site("abc,def")


def test_empty_span_is_an_error():
    with pytest.raises(InputError, match="span"):
        span_epochs("2030-01-02", "2030-01-01")
    with pytest.raises(InputError, match="span"):
        span_epochs("2030-01-01", "2030-01-01")
    with pytest.raises(InputError):
        span_epochs("2030-01-01", "2030-02-01", -5.0)
    with pytest.raises(InputError):
        sun_series("0,0", np.array([]))


def test_horizon_raises_darkness():
    t = span_epochs("2030-01-01", "2030-03-01", 1800.0)
    flat = Site("flat", 0.0, 0.0)
    walled = Site("walled", 0.0, 0.0, horizon=np.full(720, math.radians(5.0)))
    s = sun_series([flat, walled], t)
    assert s.visible[1].mean() < s.visible[0].mean()
    # a 5 deg wall delays sunrise and advances sunset by ~5/12.19 days each
    n0 = [d.hours for d in dark_periods(s, 0) if not d.truncated]
    n1 = [d.hours for d in dark_periods(s, 1) if not d.truncated]
    assert np.mean(n1) - np.mean(n0) == pytest.approx(2 * 5 / 12.19 * 24, rel=0.05)


def test_summary_to_dict_is_json_ready():
    from spaceplan.core.results import dumps

    res = illumination(["lunar-equator"], "2030-01-01", "2030-02-15", 3600.0)[0]
    text = dumps(res)
    assert "longest_dark_hours" in text and "NaN" not in text
    assert 0.4 < res.lit_time_fraction < 0.6
