"""Build the AE8/AP8 integral-flux table shipped as ``data/ae8ap8_table.npz`` (run: ``python -m
spaceplan.radiation.trapped_table``).

NASA's AE-8 (electrons, Vette 1991, NSSDC/WDC-A-R&S 91-24) and AP-8 (protons, Sawyer & Vette 1976,
NSSDC/WDC-A-R&S 76-06) trapped-particle models, evaluated by the ``radbelt`` package (Leo Singer, NASA;
licence NOSA 1.3 = "NASA Open Source Agreement", from its installed metadata ``License: NOSA`` and its
source headers ``SPDX-License-Identifier: NASA-1.3``) on a grid of McIlwain L, B/B0 and energy, for solar
minimum and maximum.  Runtime lookups interpolate this table (log flux, bilinear in L and ln B/B0):
``radbelt.aep8`` costs ~1.2 ms per point here, too slow for trajectories of 10^5 points.
``tests/radiation/test_trapped.py`` re-evaluates radbelt at off-grid points and checks the table.
"""

from __future__ import annotations

import numpy as np

PROTON_MEV = (1.0, 2.0, 4.0, 6.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 80.0, 100.0, 150.0, 200.0, 300.0, 400.0)
ELECTRON_MEV = (0.04, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0)
L_GRID = (1.0, 1.05, 1.1, 1.15, 1.2, 1.25, 1.3, 1.35, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0, 2.2, 2.4, 2.6, 2.8, 3.0,
          3.25, 3.5, 3.75, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 9.0, 10.0, 11.0, 12.0)
BB0_GRID = (1.0, 1.02, 1.05, 1.1, 1.2, 1.35, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0, 5.0, 6.5, 8.0, 10.0, 13.0, 17.0, 22.0,
            30.0, 40.0, 60.0, 100.0)


def build(path) -> None:
    """Evaluate radbelt on the grid and save ``path`` (npz): flux_{p,e}_{min,max}[energy, L, B/B0] in 1/(cm^2 s)."""
    from importlib.metadata import metadata

    from spaceplan.radiation.belts import radbelt_module

    rb = radbelt_module()
    L, bb = np.meshgrid(np.asarray(L_GRID), np.asarray(BB0_GRID), indexing="ij")
    out = {"proton_mev": np.asarray(PROTON_MEV), "electron_mev": np.asarray(ELECTRON_MEV),
           "l_grid": np.asarray(L_GRID), "bb0_grid": np.asarray(BB0_GRID),
           "provenance": np.asarray(f"radbelt {metadata('radbelt')['Version']} (licence "
                                    f"{metadata('radbelt')['License']}): AE-8/AP-8 aep8(E, L, B/B0)")}
    for particle, energies in (("p", PROTON_MEV), ("e", ELECTRON_MEV)):
        for solar in ("min", "max"):
            table = np.empty((len(energies), *L.shape), dtype=np.float64)
            for k, e in enumerate(energies):
                table[k] = rb.aep8(np.full(L.shape, e), L, bb, particle, solar)
            out[f"flux_{particle}_{solar}"] = table.astype(np.float32)
    np.savez_compressed(path, **out)


if __name__ == "__main__":  # pragma: no cover
    import importlib.resources

    target = importlib.resources.files("spaceplan.radiation").joinpath("data", "ae8ap8_table.npz")
    build(str(target))
    print(f"wrote {target}")
