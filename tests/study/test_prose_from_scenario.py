"""Issue 19, "prose from the scenario only": a scenario that names other bodies, stations, constellations and
vehicles gets a report in which no name or claim of the default scenario appears unless it configures it,
and in which an infeasible result is called infeasible.

The names checked are the default scenario's own (its presets' display names, its cities and regions, the
claims it quotes), each listed with the default-scenario key it comes from; a name this scenario configures
itself is allowed.
"""

from __future__ import annotations

import re

import pytest

from spaceplan.study import run_study

TUG = """
[vehicle]
kind = "nep"
name = "Kestrel test tug (200 kWe)"
electric_power_kwe = 200.0
thermal_power_kwt = 900.0
isp_s = 4000.0
efficiency = 0.6
reactor_conversion_kg_per_kwe = 10.0
radiator_kg_per_kwt = 1.0
thruster_kg_per_kwe = 2.0
structure_kg = 800.0
propellant_capacity_kg = 1500.0
tankage_fraction = 0.1
sources = "test vehicle (made up)"
"""

SCENARIO = """
[study]
title = "Other places: Venus windows, OneWeb against Telesat, Tiangong, a small tug"

[interplanetary]
departure_body = "earth"
arrival_body = "venus"
start_year = 2031
end_year = 2032
c3_cap_km2s2 = 15.0
porkchop_depart = ["2031-04-01", "2031-09-30"]
porkchop_arrive = ["2031-07-01", "2032-04-30"]
porkchop_step_days = 10.0

[constellations]
systems = ["oneweb", "telesat_lightspeed"]
start_utc = "2030-06-01"
min_elevation_deg = 30.0
coverage_regions = ["canada"]
coverage_grid_deg = 15.0
coverage_duration_s = 600.0
coverage_step_s = 300.0
latency_pairs = [["london", "new york"]]
latency_duration_s = 120.0
latency_step_s = 120.0
milestone_region = "canada"
milestone_threshold = 0.9
deployments = [["telesat_lightspeed", "soyuz-2.1b", "4/yr"]]

[launch]
vehicles = ["amur_lng"]
flights = [1, 5]
landing_cases = ["mars_blackmore2010_infeasible"]
landing_nodes = 30
stage_label = "methane booster"

[propulsion]
nep = ["{tug}"]
ntp = "ntp-dra5"
chemical = "fregat"
launchers = ["starship"]
mars_cargo_t = 0.0
lunar_cargo_t = 30.0
claim = "a 200 kWe tug hauls 30 t to lunar orbit."

[stations]
stations = ["tiangong"]
vehicle = "cygnus"
deorbit_vehicle = "cygnus"
start_year = 2030
end_years = [2031]
region = "china"
decay_years = 0.5

[surface_power]
sites = ["mid-latitude"]
powers_kwe = [10.0]
lander = "blue-moon-mk1"
span = ["2030-01-01", "2030-02-01"]
step_hours = 6.0
curve_kwe = [1.0, 20.0]
"""

# Names and claims of the default scenario (src/spaceplan/study/scenarios/default.toml), by where they come from.
DEFAULT_NAMES = {
    "constellations.systems": ["Starlink", "Rassvet", "Bureau 1440"],
    "constellations.latency_pairs": ["moscow", "Moscow", "vladivostok", "Vladivostok", "paris", "Luanda", "luanda"],
    "constellations.coverage_regions": ["Russia", "russia"],
    "constellations.deployments": ["Angara", "Amur-LNG-like"],
    "launch.vehicles": ["Falcon 9"],
    "launch.stage_label": ["Falcon 9-like"],
    "propulsion.nep": ["Zeus", "TEM", "ID-500", "Roscosmos"],
    "propulsion.chemical": ["Centaur"],
    "propulsion.launchers": ["Angara-A5V", "Falcon Heavy"],
    "stations.stations": ["ISS", "International Space Station", "ROS", "Russian Orbital Station"],
    "stations.vehicle": ["Progress"],
    "stations.deorbit_vehicle": ["USDV", "US Deorbit Vehicle", "Deorbit Vehicle"],
    "surface_power.claim": ["Russia-China", "Russia and China", "NASA's 100 kWe"],
    "surface_power.sites": ["Shackleton", "lunar-equator", "Lunar equator"],
    "surface_power.lander": ["generic-6t"],
}


@pytest.fixture(scope="module")
def other_report(tmp_path_factory):
    import tomllib

    folder = tmp_path_factory.mktemp("other")
    tug = folder / "kestrel_tug.toml"
    tug.write_text(TUG)
    scenario = tomllib.loads(SCENARIO.replace("{tug}", str(tug)))
    out = folder / "out"
    report = run_study(scenario, out)
    return report, (out / "report.md").read_text()


def test_no_default_scenario_name_or_claim_appears(other_report):
    report, text = other_report
    assert set(report.sections) == {"interplanetary", "constellations", "launch", "propulsion", "stations",
                                    "surface_power"}
    found = [(where, name) for where, names in DEFAULT_NAMES.items() for name in names
             if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)]
    assert not found, found


def test_the_configured_names_and_claim_do_appear(other_report):
    _, text = other_report
    for name in ("Earth to Venus", "OneWeb Gen1", "Telesat Lightspeed", "Canada", "Kestrel test tug", "Fregat",
                 "Tiangong", "Cygnus", "Amur-LNG", "Methane booster", "a 200 kWe tug hauls 30 t to lunar orbit."):
        assert name in text, name


def test_an_infeasible_result_is_called_infeasible(other_report):
    report, text = other_report
    # the landing case that cannot reach its target, and a deorbit with far too little propellant
    landing = report.sections["launch"].data["landing"][0]
    assert not landing["fuel_optimal_feasible"]
    assert re.search(r"\| \*\*infeasible\*\* \(target out of reach\)", text)
    deorbit = report.sections["stations"].data["deorbit"]
    assert deorbit["multi_burn_propellant_kg"] > 5 * deorbit["propellant_available_kg"]  # ~6 t against 0.7 t
    assert "**Infeasible** with one Cygnus" in text
