"""CCSDS OEM writer: what we write, the ``oem`` package (an independent reader) reads back to 0.1 mm."""

from __future__ import annotations

import numpy as np
import pytest

from spaceplan.core import kepler
from spaceplan.core.constants import EARTH_GM, J2000_JD
from spaceplan.core.errors import InputError
from spaceplan.core.frames import teme_to_eme2000
from spaceplan.core.oem import StateHistory, oem_text, write_oem
from spaceplan.core.propagator import circular_state
from spaceplan.core.time import utc_to_tdb

oem = pytest.importorskip("oem")

MM = 1e-3  # m: the round-trip tolerance the issue asks for (the file carries 0.1 mm)


def _history(n: int = 300, step: float = 60.0, start: str = "2026-03-01T00:00:00Z") -> StateHistory:
    r0, v0 = circular_state(420e3, np.radians(51.6), 0.3, 1.0)
    t = float(utc_to_tdb(start)) + step * np.arange(n)
    r, v = kepler.propagate(np.tile(r0, (n, 1)), np.tile(v0, (n, 1)), t - t[0], EARTH_GM)
    return StateHistory("ISS model", "ISS", "EARTH", "EME2000", t, r, v, ("two-body test arc",))


def _read(path):
    message = oem.OrbitEphemerisMessage.open(str(path))
    states = message.states
    r = np.array([s.position for s in states]) * 1e3
    v = np.array([s.velocity for s in states]) * 1e3
    epochs = [s.epoch for s in states]
    return message, r, v, epochs


def _tdb_seconds(epochs) -> np.ndarray:
    from astropy.time import Time

    t = Time(epochs).tdb
    return ((t.jd1 - J2000_JD) + t.jd2) * 86400.0


@pytest.mark.parametrize("fmt", ["kvn", "xml"])
@pytest.mark.parametrize("time_system", ["UTC", "TDB"])
def test_oem_package_reads_our_states_back_to_1_mm(tmp_path, fmt, time_system):
    h = _history()
    path = write_oem(tmp_path / f"iss.{fmt if fmt == 'xml' else 'oem'}", h, time_system=time_system)
    message, r, v, epochs = _read(path)
    assert len(r) == len(h)
    assert np.abs(r - h.r).max() < MM
    assert np.abs(v - h.v).max() < 1e-6  # m/s
    # TDB epochs are printed exactly; UTC ones go through core.time's TDB - TT (skyfield's short
    # Fairhead & Bretagnon series, "good to ~10 us") while astropy uses ERFA's full series: 3.7 us apart here
    tol = 1e-6 if time_system == "TDB" else 10e-6
    assert np.abs(_tdb_seconds(epochs) - h.tdb).max() < tol
    segment = message.segments[0]
    assert segment.metadata["REF_FRAME"] == "EME2000"
    assert segment.metadata["CENTER_NAME"] == "EARTH"
    assert segment.metadata["TIME_SYSTEM"] == time_system
    assert segment.metadata["OBJECT_NAME"] == "ISS model"
    assert message.version == "2.0"


def test_default_time_system_is_utc_for_earth_and_tdb_for_the_sun():
    h = _history(10)
    assert "TIME_SYSTEM = UTC" in oem_text(h)
    helio = StateHistory("arc", "ARC", "SUN", "ICRF", h.tdb, h.r * 1e4, h.v)
    assert "TIME_SYSTEM = TDB" in oem_text(helio)
    assert "<TIME_SYSTEM>TDB</TIME_SYSTEM>" in oem_text(helio, fmt="xml")


def test_two_segments_of_one_object_read_back(tmp_path):
    h = _history(40)
    first = StateHistory(h.name, h.object_id, h.center, h.frame, h.tdb[:20], h.r[:20], h.v[:20])
    second = StateHistory(h.name, h.object_id, h.center, h.frame, h.tdb[20:], h.r[20:], h.v[20:])
    message, r, _, _ = _read(write_oem(tmp_path / "two.oem", [first, second]))
    assert len(message.segments) == 2
    assert np.abs(r - h.r).max() < MM


def test_one_message_one_object_and_bad_input_refused():
    h = _history(5)
    other = StateHistory("other", "OTHER", "EARTH", "EME2000", h.tdb + 1e3, h.r, h.v)
    with pytest.raises(InputError, match="one object"):
        oem_text([h, other])
    with pytest.raises(InputError, match="increase"):
        StateHistory("x", "X", "EARTH", "EME2000", h.tdb[::-1], h.r, h.v)
    with pytest.raises(InputError, match="frame"):
        StateHistory("x", "X", "EARTH", "J2000-ish", h.tdb, h.r, h.v)
    with pytest.raises(InputError, match="non-finite"):
        StateHistory("x", "X", "EARTH", "EME2000", h.tdb, h.r * np.nan, h.v)
    with pytest.raises(InputError, match="time_system"):
        oem_text(h, time_system="GPS")
    with pytest.raises(InputError, match="format"):
        oem_text(h, fmt="json")


def test_teme_to_eme2000_is_the_precession_since_j2000_and_the_grid_matches_direct():
    # IAU 2006 general precession in longitude 5028.796"/century (Capitaine et al. 2003); the equinox of
    # 2026 is rotated from J2000's by that much, give or take nutation (<= 17.2" in longitude)
    t = float(utc_to_tdb("2026-01-01"))
    x = np.array([[7000e3, 0.0, 0.0], [0.0, 7000e3, 0.0], [0.0, 0.0, 7000e3]])
    r, _ = teme_to_eme2000(x, np.zeros_like(x), np.full(3, t))
    cos_angle = (np.trace(r / 7000e3) - 1.0) / 2.0
    angle_arcsec = np.degrees(np.arccos(cos_angle)) * 3600.0
    expected = 5028.796 * t / (36525 * 86400.0)
    assert abs(angle_arcsec - expected) < 25.0
    assert np.allclose(np.linalg.norm(r, axis=1), 7000e3, rtol=0, atol=1e-6)
    # the 12 h grid with cubic interpolation against the matrices at every epoch (0.2 mm at LEO)
    ts = t + 600.0 * np.arange(400)
    rr = np.tile([6800e3, 1000e3, 2000e3], (400, 1))
    some = np.arange(0, 400, 25)  # 16 epochs: computed directly
    direct, _ = teme_to_eme2000(rr[some], rr[some], ts[some])
    gridded, _ = teme_to_eme2000(rr, rr, ts)
    assert np.abs(direct - gridded[some]).max() < MM
