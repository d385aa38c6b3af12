"""Lunar surface power: sunlight site by site from the ephemeris, fission vs solar + storage sizing, trades.

Modules: ``orientation`` (IAU 2009 lunar rotation), ``sites`` (presets, horizons), ``illumination``
(Sun elevation/azimuth, horizon and Earth-eclipse occultation, dark periods), ``sizing`` (fission,
solar arrays, storage), ``trade`` (mass, landers, crossover power), ``plots``.
"""
