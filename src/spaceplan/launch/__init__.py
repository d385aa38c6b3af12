"""Launch vehicles: ascent simulation, payload optimisation and first-stage recovery."""

from spaceplan.launch.vehicles import Engine, Stage, Vehicle, load_vehicle, vehicle_names

__all__ = ["Engine", "Stage", "Vehicle", "load_vehicle", "vehicle_names"]
