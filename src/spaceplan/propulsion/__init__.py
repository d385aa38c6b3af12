"""Nuclear-electric, nuclear-thermal and chemical propulsion; low-thrust transfers.

* :mod:`~spaceplan.propulsion.electric`: power-limited electric propulsion (F = 2 eta P / c), the
  vehicle mass model and Stuhlinger's optimum exhaust speed;
* :mod:`~spaceplan.propulsion.presets`: thrusters and vehicles (TOML, published vs assumed);
* :mod:`~spaceplan.propulsion.tem`: the consistency check of the published TEM/Zeus claims;
* :mod:`~spaceplan.propulsion.edelbaum`: Edelbaum circle-to-circle transfers (Kechichian 1997);
* :mod:`~spaceplan.propulsion.spiral`: tangential-thrust spiral escape and capture (numba);
* :mod:`~spaceplan.propulsion.sims_flanagan`: heliocentric low-thrust legs (Sims & Flanagan 1997);
* :mod:`~spaceplan.propulsion.compare`: NEP tug vs NTP stage vs chemical stack.
"""
