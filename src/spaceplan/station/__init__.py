"""Space stations: orbit decay and lifetime, reentry windows from TLEs, reboost and controlled deorbit.

Built on :mod:`spaceplan.core.propagator` (numerical Cowell with NRLMSIS 2.1 drag),
:mod:`spaceplan.core.space_weather` (observed and 5/50/95 % forecast solar activity)
and the King-Hele orbit-averaged decay kernels.
"""
