"""Walker constellations exported as TLE and CCSDS OMM, read back and propagated by ``sgp4``.

Tolerance on positions (fixed from SGP4's theory, not fitted): our Walker positions are *mean*
circular positions; SGP4 adds to the same mean elements its J2 short-period terms, ~(3/4) J2 R^2 / a
(4.6 km at 550 km), and its J3 long-period term, an eccentricity of (J3 / 2 J2)(R / a) sin i, i.e.
up to (J3 / 2 J2) R sin i ~ 7.5 km; radial and along-track parts add, so 2 x (4.6 + 7.5) ~ 25 km.
The secular rates are matched (Kozai -> Brouwer), which the along-track drift test checks tightly.
"""

from __future__ import annotations

import io
import json
import math

import numpy as np
import pytest

from spaceplan.constellation.export import omm_text, tle_text, walker_element_sets
from spaceplan.core.tle import omm_fields_for_sgp4, read_omm_kvn, read_tle
from spaceplan.constellation.shells import Constellation, WalkerShell, load_constellation, positions_eci
from spaceplan.core.errors import InputError
from spaceplan.core.time import utc_to_tdb

sgp4_api = pytest.importorskip("sgp4.api")
sgp4_omm = pytest.importorskip("sgp4.omm")

EPOCH = "2026-01-01"
TOL_M = 25e3  # see the module docstring


@pytest.fixture(scope="module")
def oneweb():
    c = load_constellation("oneweb")
    t = float(utc_to_tdb(EPOCH))
    return c, t, walker_element_sets(c, t)


def _sgp4_positions(sats, days_after: float = 0.0) -> np.ndarray:
    out = []
    for sat in sats:
        err, r, _ = sat.sgp4(sat.jdsatepoch, sat.jdsatepochF + days_after)
        assert err == 0
        out.append(r)
    return np.array(out) * 1e3


def test_tle_propagated_by_sgp4_reproduces_walker_positions(oneweb):
    c, t, sets = oneweb
    text = tle_text(sets)
    lines = text.splitlines()
    sats = [sgp4_api.Satrec.twoline2rv(lines[k + 1], lines[k + 2]) for k in range(0, len(lines), 3)]
    assert len(sats) == c.count == 648
    for days in (0.0, 1.0):
        ours = positions_eci(c, [t + days * 86400.0])[0]
        miss = np.linalg.norm(_sgp4_positions(sats, days) - ours, axis=1)
        assert miss.max() < TOL_M, (days, miss.max())
    records, issues = read_tle(text, "export.tle", strict=True)  # our own reader: checksums, columns
    assert len(records) == 648 and not issues


def _along_track_offset(sat, c, index, t, days):
    """Orbit-mean along-track separation (m) of SGP4 ahead of the Walker model over one orbit."""
    period = 2 * math.pi / sat.no_kozai * 60.0
    grid = np.linspace(0.0, period, 97)[:-1]
    ours = positions_eci(c, t + days * 86400.0 + grid)[:, index]
    theirs = np.array([sat.sgp4(sat.jdsatepoch, sat.jdsatepochF + days + g / 86400.0)[1] for g in grid]) * 1e3
    h = np.cross(ours, positions_eci(c, t + days * 86400.0 + grid + 1.0)[:, index])
    along = np.einsum("ij,ij->i", np.cross(h / np.linalg.norm(h, axis=1)[:, None], ours / np.linalg.norm(ours, axis=1)[:, None]),
                      theirs - ours)
    return float(along.mean())


def test_mean_motion_matches_the_walker_along_track_rate(oneweb):
    # Without the Kozai -> Brouwer step the drift would be ~ 1e-3 n: ~700 km a day at 1200 km.
    c, t, sets = oneweb
    for index in (0, 300, 647):
        sat = sets[index].satrec
        drift = _along_track_offset(sat, c, index, t, 1.0) - _along_track_offset(sat, c, index, t, 0.0)
        assert abs(drift) < 2e3, (index, drift)


@pytest.mark.parametrize("fmt", ["xml", "csv", "json", "kvn"])
def test_omm_read_by_sgp4_gives_the_same_element_sets(oneweb, fmt):
    c, t, sets = oneweb
    text = omm_text(sets[:40], fmt)
    if fmt == "xml":
        fields = list(sgp4_omm.parse_xml(io.StringIO(text)))
    elif fmt == "csv":
        fields = list(sgp4_omm.parse_csv(io.StringIO(text)))
    elif fmt == "json":
        fields = [{k: str(v) for k, v in row.items()} for row in json.loads(text)]
    else:  # sgp4 has no KVN reader: ours, then sgp4's initialize
        records, issues = read_omm_kvn(text, strict=True)
        assert not issues
        fields = [omm_fields_for_sgp4(r)[0] for r in records]
    assert len(fields) == 40
    sats = []
    for row in fields:
        sat = sgp4_api.Satrec()
        sgp4_omm.initialize(sat, row)
        sats.append(sat)
    for ours, theirs in zip(sets[:40], sats):
        assert theirs.satnum == ours.satrec.satnum
        assert theirs.no_kozai == pytest.approx(ours.satrec.no_kozai, rel=1e-14)
        assert theirs.nodeo == pytest.approx(ours.satrec.nodeo, abs=1e-14)
        assert theirs.mo == pytest.approx(ours.satrec.mo, abs=1e-14)
    miss = np.linalg.norm(_sgp4_positions(sats) - positions_eci(c, [t])[0, :40], axis=1)
    assert miss.max() < TOL_M


def test_project_catalog_reader_loads_the_exported_omm(tmp_path, oneweb):
    from spaceplan.constellation.catalog import load_catalog

    _, _, sets = oneweb
    path = tmp_path / "oneweb.xml"
    path.write_text(omm_text(sets, "xml"))
    cat = load_catalog(path)
    assert len(cat.satrecs) == 648
    assert not cat.issues


def test_tle_catalogue_numbers_beyond_five_digits_are_refused():
    shell = WalkerShell("big", 550e3, math.radians(53.0), 10, 10)
    sets = walker_element_sets(Constellation("big", (shell,)), 0.0, first_catalog_number=99_950)
    with pytest.raises(InputError, match="five digits"):
        tle_text(sets)
    assert "99950" in omm_text(sets[:1], "kvn")  # an OMM takes any number
    with pytest.raises(InputError, match="format"):
        omm_text(sets, "yaml")
