"""The reuse cost model's validity envelope (issue 19): more flights per stage than any booster has flown warns."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from spaceplan.launch.economics import BOOSTER_FLIGHTS_RECORD, load_cost_model, reuse_costs


def test_flights_within_the_fleet_leaders_record_give_no_warning():
    b = reuse_costs(load_cost_model("falcon9"), range(1, 31))
    assert b.warnings == () and np.all(np.isfinite(b.cost_per_kg_usd)) and np.all(b.cost_per_kg_usd > 0)


def test_more_flights_than_ever_flown_warn_naming_flights():
    b = reuse_costs(load_cost_model("falcon9"), range(1, 41))
    assert [(w["code"], w["field"]) for w in b.warnings] == [("beyond_flown_record", "flights")]
    assert "40 is above 30" in b.warnings[0]["message"] and "B1067" in b.warnings[0]["message"]
    assert b.to_dict()["warnings"] == list(b.warnings)


def test_a_vehicle_that_never_flew_warns_at_any_reuse():
    b = reuse_costs(load_cost_model("amur_lng"), range(1, 11))
    assert [w["code"] for w in b.warnings] == ["beyond_flown_record"]
    assert "none has flown" in b.warnings[0]["message"]


def test_without_a_record_the_orbital_booster_record_applies():
    m = replace(load_cost_model("falcon9"), flights_flown_record=None)
    assert reuse_costs(m, [BOOSTER_FLIGHTS_RECORD]).warnings == ()
    assert reuse_costs(m, [BOOSTER_FLIGHTS_RECORD + 1]).warnings[0]["field"] == "flights"
    assert math.isfinite(reuse_costs(m, [BOOSTER_FLIGHTS_RECORD + 1]).cost_per_launch_usd[0])
