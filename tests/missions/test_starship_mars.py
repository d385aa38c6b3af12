"""Starship to Mars architecture (tanker load given, so no ascent optimisation runs here)."""

import json

import pytest

from spaceplan.core.errors import InfeasibleError, InputError
from spaceplan.core.results import dumps
from spaceplan.missions.ships import load_ship, ship_for, ship_names
from spaceplan.missions.starship_mars import evaluate, fast_transfers

TANKER = 150e3


def test_ship_presets_load_with_sources():
    names = ship_names()
    assert {"block2-cargo", "block2-crew", "block3-cargo", "block3-crew", "hls-block2"} <= set(names)
    for n in names:
        s = load_ship(n)
        assert s.source and s.dry_mass_kg > 0 and s.propellant_capacity_kg > 0
    assert ship_for(3, "crew").key == "block3-crew"


def test_cargo_flight_2026_lands_the_payload_with_a_campaign():
    a = evaluate("block2-cargo", year=2026, payload_kg=100e3, tanker_delivery_kg=TANKER)
    assert a.feasible and a.campaign.tankers >= 1
    assert a.campaign.loaded_kg >= a.propellant_needed_kg
    assert a.entry.captured and a.landing_dv_m_s > 0
    assert a.return_trip.propellant_kg > 0
    d = json.loads(dumps(a.to_dict()))
    assert d["landed_payload_t"] == pytest.approx(100.0)


def test_crew_flight_has_a_dose():
    a = evaluate("block2-crew", year=2028, payload_kg=20e3, tanker_delivery_kg=TANKER)
    assert a.dose is not None and a.dose.total_sv > 0


def test_given_tankers_give_the_payload_never_negative():
    a = evaluate("block2-cargo", year=2026, payload_kg=None, tankers=2, tanker_delivery_kg=TANKER)
    assert a.payload_kg >= 0.0
    more = evaluate("block2-cargo", year=2026, payload_kg=None, tankers=6, tanker_delivery_kg=TANKER)
    assert more.payload_kg >= a.payload_kg


def test_bad_input_is_named_or_infeasible():
    with pytest.raises(InputError, match="--payload"):
        evaluate("block2-cargo", year=2026, payload_kg=400e3, tanker_delivery_kg=TANKER)
    with pytest.raises(InputError, match="--payload"):
        evaluate("block2-cargo", year=2026, payload_kg=-5.0, tanker_delivery_kg=TANKER)
    with pytest.raises(InputError, match="--year"):
        evaluate("block2-cargo", year=2027, payload_kg=50e3, tanker_delivery_kg=TANKER)
    with pytest.raises(InputError, match="--departure"):
        evaluate("block2-cargo", year=2026, departure_tdb=0.0, tanker_delivery_kg=TANKER)
    with pytest.raises(InfeasibleError, match="infeasible"):
        evaluate("block2-cargo", year=2026, payload_kg=100e3, tof_days=120.0, tanker_delivery_kg=TANKER)


def test_fast_transfers_trade_payload_for_days():
    rows = fast_transfers("block2-crew", 2026, [130, 180, 230], tanker_delivery_kg=TANKER)
    assert [r["tof_days"] for r in rows] == [130, 180, 230]
    assert rows[0]["c3_km2s2"] > rows[-1]["c3_km2s2"]
    assert rows[0]["outbound_dose_msv"] < rows[-1]["outbound_dose_msv"]
    assert all(r["landed_payload_t"] >= 0 for r in rows)
