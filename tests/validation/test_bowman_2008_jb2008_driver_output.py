"""JB2008 (spaceplan.core.jb2008) against the output of Bowman's own JB2008 Fortran and test driver.

Reference: the JB2008 distribution of Space Environment Technologies (Bowman's JB2008.for and its driver
JB08DRVY2K.for, http://sol.spacenvironment.net/~JB2008/), compiled and run by JuliaSpace/JB2008_Test (commit
ac41221) on its inputs 01 and 02; the outputs are stored as test/jb2008/JB2008_AUTO_OUTPUT_01.DAT and _02.DAT in
JuliaSpace/SatelliteToolboxAtmosphericModels.jl (commit 081f642).  Each file prints the epoch, the Sun's right
ascension and declination the driver computed (SUNPOS), the indices it read (F10, F10B, S10, S10B, M10, M10B, Y10,
Y10B already lagged, dTc) and, per height, east longitude and latitude, the exospheric temperature TINF, the local
temperature and the total density.  Rows below are copied from those files (a subset: 24 of 15,428).

spaceplan runs the density routine (pyatmos's numba port of the same Fortran) with the printed indices and Sun
position and its own time inputs: the modified Julian date, the day of the year and the point's right ascension
(spaceplan's GMST + longitude; the driver uses its THETA function).  The Sun position is checked on its own
against spaceplan's DE421 one.

Tolerances (fixed before comparing): density within 0.5 % (the files print 5 digits; the SatelliteToolbox test
of its own port uses 0.5 % too), temperatures within 1 K (printed to 0.1 K); the Sun's declination within
0.002 rad and right ascension within 0.006 rad of DE421 (SUNPOS is a low-precision formula in the equator of
date; DE421 is ICRF/J2000: the precession of 2009-2017 from J2000 is 0.1-0.25 deg in right ascension).

A second test runs the same rows on spaceplan's own Sun (DE421 precessed to the equator of date) instead of the
printed one; tolerance (fixed before comparing, 2026-12-07 review): densities within 0.05 %, ten times the printed
Sun's agreement (SUNPOS and DE421 of date differ by ~1e-4 rad).

Result (2026-12-07): all 24 densities within 0.005 %, temperatures within 0.1 K.  (A first run with the printed,
rounded indices was up to 1.0 % off; the unrounded indices were then looked up, the tolerance left as it was.)
"""

import math

import numpy as np
import pytest

from spaceplan.core import jb2008
from spaceplan.core.frames import gmst_from_tdb
from spaceplan.core.jb2008_kernel import jb2008_batch
from spaceplan.core.time import utc_to_tdb

# epoch, (Sun RA, Dec) rad as printed, (F10, F10B, S10, S10B, M10, M10B, Y10, Y10B, dTc).  The files print the
# indices rounded to whole sfu (format F8.0), which moves the densities by up to 1 %; the values below are the
# unrounded ones, read from the SOLFSMY.TXT the driver ran on (JuliaSpace/JB2008_Test commit 09d6f66) with the
# driver's lags (F10, S10: the day before; M10: 2 days; Y10: 5 days) -- each rounds to the printed one.  dTc is an
# integer in the driver (printed exactly).
CASES = {
    # 2017 day 196: F10/S10 of day 195, M10 of 194, Y10 of 191; printed 94 76 68 65 86 76 90 84 24
    "01": ("2017-07-15T19:06:19.5", (2.0129, 0.3734), (93.9, 76.2, 67.7, 64.7, 86.3, 76.3, 89.8, 84.1, 24)),
    # 2009 day 138: F10/S10 of day 137, M10 of 136, Y10 of 133; printed 74 70 57 54 71 65 60 58 31
    "02": ("2009-05-18T07:19:56.5", (0.9637, 0.3421), (74.0, 69.7, 57.2, 54.0, 70.8, 65.3, 60.0, 58.2, 31)),
}

# case, height km, east longitude deg, latitude deg, TINF K, TEMP K, density kg/m^3 (JB2008_AUTO_OUTPUT_<case>.DAT)
ROWS = [
    ("01", 120.0, 0.0, -90.0, 716.9, 324.9, 0.28412e-07),
    ("01", 420.0, 0.0, -90.0, 716.9, 710.6, 0.23690e-12),
    ("01", 970.0, 0.0, -90.0, 716.9, 716.9, 0.80042e-15),
    ("01", 220.0, 90.0, -90.0, 716.9, 687.8, 0.67869e-10),
    ("01", 1870.0, 0.0, 30.0, 787.4, 787.4, 0.17970e-15),
    ("01", 2970.0, 0.0, 30.0, 787.4, 787.4, 0.71478e-16),
    ("01", 120.0, 30.0, 30.0, 742.7, 328.7, 0.18855e-07),
    ("01", 220.0, 30.0, 30.0, 742.7, 704.4, 0.70553e-10),
    ("01", 420.0, 30.0, 30.0, 742.7, 739.9, 0.30176e-12),
    ("01", 720.0, 30.0, 30.0, 742.7, 741.1, 0.27443e-14),
    ("01", 1270.0, 30.0, 30.0, 742.7, 742.7, 0.52781e-15),
    ("01", 320.0, 60.0, 30.0, 710.9, 710.3, 0.30302e-11),
    ("01", 520.0, 60.0, 30.0, 710.9, 706.2, 0.25723e-13),
    ("01", 170.0, 90.0, 30.0, 696.2, 621.5, 0.50073e-09),
    ("01", 470.0, 90.0, 30.0, 696.2, 696.2, 0.65582e-13),
    ("01", 270.0, 120.0, 30.0, 694.0, 690.6, 0.11860e-10),
    ("01", 620.0, 120.0, 30.0, 694.0, 686.4, 0.48304e-14),
    ("01", 220.0, 150.0, 30.0, 697.9, 678.0, 0.64158e-10),
    ("02", 120.0, 0.0, -90.0, 693.4, 321.3, 0.29426e-07),
    ("02", 420.0, 0.0, -90.0, 693.4, 687.4, 0.26297e-12),
    ("02", 220.0, 30.0, -90.0, 693.4, 666.5, 0.74506e-10),
    ("02", 670.0, 30.0, -90.0, 693.4, 688.9, 0.44823e-14),
    ("02", 320.0, 60.0, -90.0, 693.4, 680.0, 0.32264e-11),
    ("02", 370.0, 90.0, -90.0, 693.4, 682.3, 0.86773e-12),
]


def _run(case, rows):
    utc, sun, idx = CASES[case]
    tdb = np.full(len(rows), utc_to_tdb(utc))
    mjd, doy = jb2008.time_inputs(tdb)
    h, lon, lat = (np.array([r[k] for r in rows]) for k in (1, 2, 3))
    sat_ra = np.mod(np.atleast_1d(gmst_from_tdb(tdb)) + np.radians(lon), 2.0 * math.pi)
    cols = [np.full(len(rows), float(v)) for v in idx]
    return jb2008_batch(mjd, doy, np.full(len(rows), sun[0]), np.full(len(rows), sun[1]), sat_ra, np.radians(lat), h,
                        *cols)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bowman_2008_jb2008_driver_output_density_and_temperatures(case):
    rows = [r for r in ROWS if r[0] == case]
    rho, temp = _run(case, rows)
    ref = np.array([r[6] for r in rows])
    for k, r in enumerate(rows):
        print(f"{case} {r[1]:7.1f} km lon {r[2]:5.1f} lat {r[3]:5.1f}: {rho[k]:.5e} vs {r[6]:.5e} "
              f"({100 * (rho[k] / r[6] - 1):+.3f} %), TINF {temp[k, 0]:.1f} vs {r[4]}, T {temp[k, 1]:.1f} vs {r[5]}")
    np.testing.assert_allclose(rho, ref, rtol=5e-3)
    np.testing.assert_allclose(temp[:, 0], [r[4] for r in rows], atol=1.0)
    np.testing.assert_allclose(temp[:, 1], [r[5] for r in rows], atol=1.0)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bowman_2008_sunpos_against_de421(case):
    utc, (ra, dec), _ = CASES[case]
    ours_ra, ours_dec = jb2008.sun_right_ascension_declination(utc_to_tdb(utc))
    assert float(ours_dec[0]) == pytest.approx(dec, abs=0.002)
    assert float(ours_ra[0]) == pytest.approx(ra, abs=0.006)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bowman_2008_jb2008_driver_output_on_spaceplans_own_sun(case):
    rows = [r for r in ROWS if r[0] == case]
    utc, _, idx = CASES[case]
    tdb = np.full(len(rows), utc_to_tdb(utc))
    h, lon, lat = (np.array([r[k] for r in rows]) for k in (1, 2, 3))
    mjd, doy = jb2008.time_inputs(tdb)
    drv = jb2008.Drivers(mjd, doy, np.tile(np.array(idx[:8], dtype=float), (len(rows), 1)), np.full(len(rows), idx[8]))
    rho, _ = jb2008._run(lat, lon, h * 1e3, drv, jb2008.sun_right_ascension_declination(tdb),
                         np.atleast_1d(gmst_from_tdb(tdb)))
    ref = np.array([r[6] for r in rows])
    print(case, np.round(100 * (rho / ref - 1), 4))
    np.testing.assert_allclose(rho, ref, rtol=5e-4)
