"""Campaigns per window and the claims' verdicts (tanker load given: no ascent optimisation here)."""

import pytest

from spaceplan.core.errors import InputError
from spaceplan.missions.campaigns import claims, max_c3, window_campaign
from spaceplan.missions.starship_mars import evaluate

TANKER = 150e3


def test_max_c3_is_where_full_tanks_just_land_the_payload():
    a = evaluate("block2-cargo", year=2026, payload_kg=100e3, tanker_delivery_kg=TANKER, with_return=False)
    assert max_c3(a) > a.c3_m2s2  # the optimum leaves margin with full tanks


def test_a_late_start_is_limited_by_time_or_cadence():
    early = window_campaign(2026, ships=2, payload_kg=50e3, as_of="2026-01-01", tanker_delivery_kg=TANKER)
    assert early.feasible and early.limit == ""
    late = window_campaign(2026, ships=2, payload_kg=50e3, as_of="2027-12-01", tanker_delivery_kg=TANKER)
    assert not late.feasible and late.limit == "time" and "infeasible" in late.verdict
    slow = window_campaign(2026, ships=20, payload_kg=100e3, as_of="2026-12-20", cadence_per_day=1 / 14,
                           tanker_delivery_kg=TANKER)
    assert not slow.feasible and slow.limit == "cadence"


def test_claims_name_their_limits():
    c = claims(as_of="2026-12-07", tanker_delivery_kg=TANKER)
    assert "Optimus" in c["optimus_2026"].verdict
    assert "2029" in c["crew_2029_verdict"]
    assert c["optimus_2026"].to_dict()["launches"] >= 2


def test_bad_ship_count_is_named():
    with pytest.raises(InputError, match="--ships"):
        window_campaign(2026, ships=0, tanker_delivery_kg=TANKER)


def test_each_claim_flies_with_its_own_generations_tankers():
    """The 2029 crew claim names a Block 3 ship: it is refilled by Block 3 tankers, the Optimus ships by Block 2's."""
    loads = {"starship-tanker-block2": 150e3, "starship-tanker-block3": 210e3}
    c = claims(as_of="2026-12-07", tanker_loads=loads)
    assert c["optimus_2026"].architecture.tanker_delivery_kg == 150e3
    assert c["crew_2029"].architecture.tanker_delivery_kg == 210e3
    given = claims(as_of="2026-12-07", tanker_loads=loads, tanker_delivery_kg=TANKER)  # a load given applies to both
    assert given["crew_2029"].architecture.tanker_delivery_kg == TANKER
