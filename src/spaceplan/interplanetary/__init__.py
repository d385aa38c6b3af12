"""Interplanetary mission design: porkchop grids, launch-window finder and crewed Mars round trips.

Round trips live in three flat modules: :mod:`.roundtrip_options` (what a search explores and how a trip is
priced), :mod:`.roundtrip_search` (the search) and :mod:`.roundtrip_results` (trips, curves, Pareto front).
"""

from spaceplan.core.porkchop import CellStatus, Porkchop, TransferPoint, porkchop, transfer
from spaceplan.interplanetary.roundtrip_options import (DRA5_MARS_APOAPSIS_ALT, DRA5_MARS_PERIAPSIS_ALT,
                                                        ENTRY_ALTITUDE, LEO_ALTITUDE, MISSION_CLASSES, LegCosts,
                                                        RoundTripOptions, entry_speed, hyperbolic_burn)
from spaceplan.interplanetary.roundtrip_results import (ClassCurves, Flyby, Leg, RoundTrip, RoundTripSearch,
                                                        crew_phases)
from spaceplan.interplanetary.roundtrip_search import (LegGrid, build_leg_grid, departure_window_tdb,
                                                       search_round_trips, search_window)
from spaceplan.interplanetary.windows import LaunchPeriod, Opportunity, OpportunitySearch, find_opportunities

__all__ = [
    "CellStatus", "Porkchop", "TransferPoint", "porkchop", "transfer",
    "LaunchPeriod", "Opportunity", "OpportunitySearch", "find_opportunities",
    "DRA5_MARS_APOAPSIS_ALT", "DRA5_MARS_PERIAPSIS_ALT", "ENTRY_ALTITUDE", "LEO_ALTITUDE", "MISSION_CLASSES",
    "LegCosts", "RoundTripOptions", "entry_speed", "hyperbolic_burn",
    "ClassCurves", "Flyby", "Leg", "RoundTrip", "RoundTripSearch", "crew_phases",
    "LegGrid", "build_leg_grid", "departure_window_tdb", "search_round_trips", "search_window",
]
