"""The solar-cycle model now lives in :mod:`spaceplan.core.solar_cycle` (shared with the station domain).

Kept as an import path so existing code and scenarios that name
``spaceplan.radiation.solar_cycle`` keep working.
"""

from spaceplan.core.solar_cycle import (  # noqa: F401
    DECAY_POWER,
    FORECAST_LIMIT_YEAR,
    first_year,
    modulation_potential,
    modulation_potential_at_year,
    sunspot_number,
    sunspot_number_at_year,
    tdb_to_year,
)
