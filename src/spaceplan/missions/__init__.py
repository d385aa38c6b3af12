"""Missions: compositions across domains (a round trip with its crew dose, the Starship architecture, a tug hauling
cargo for a crewed ship).  This layer sits above the domains and below ``study``, ``cli`` and ``api``: it may import
``spaceplan.core`` and the domains' public names; no domain imports it."""

from spaceplan.missions.crew import crew_dose, dose_order
from spaceplan.missions.radiation_exposure import spiral_dose, spiral_track, station_dose_per_year

__all__ = ["crew_dose", "dose_order", "spiral_dose", "spiral_track", "station_dose_per_year"]
