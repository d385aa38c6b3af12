"""CZML documents (checked by czml3) and sampled Lambert arcs (checked against DE421 and the oem package)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from spaceplan.core.arcs import lambert_transfer_states, sample_times
from spaceplan.core.constants import DAY
from spaceplan.core.czml import document, moving_packet, point_packet, rectangle_packets, track_packet
from spaceplan.core.ephemeris import state
from spaceplan.core.errors import InputError
from spaceplan.core.oem import write_oem
from spaceplan.core.time import utc_to_tdb

czml3 = pytest.importorskip("czml3")
oem = pytest.importorskip("oem")


def test_czml_document_reads_back_through_czml3():
    t = float(utc_to_tdb("2026-01-01")) + 60.0 * np.arange(10)
    r = np.column_stack([7e6 * np.cos(t / 1e3), 7e6 * np.sin(t / 1e3), np.zeros(10)])
    packets = [moving_packet("sat", "sat", t, r), track_packet("trk", "track", [0, 10, 20], [0, 5, 10]),
               point_packet("nemo", "Point Nemo", -48.88, -123.39)]
    packets += rectangle_packets("cell", [0.0, 10.0], [0.0, 10.0], 0.5, [0.2, 0.9], "time covered", lo=0.0, hi=1.0)
    text = document("test", t[0], t[-1], packets)
    doc = czml3.Document.model_validate(json.loads(text))
    assert doc.packets[0].id == "document" and len(doc.packets) == 6
    first = json.loads(text)[1]["position"]
    assert first["referenceFrame"] == "FIXED" and first["epoch"] == "2026-01-01T00:00:00.000Z"
    assert len(first["cartesian"]) == 40


def test_czml_refuses_what_czml3_or_cesium_cannot_use():
    t = np.array([0.0, 60.0])
    with pytest.raises(InputError, match="increasing"):
        moving_packet("x", "x", t[::-1], np.ones((2, 3)) * 7e6)
    with pytest.raises(InputError, match="ground points"):
        track_packet("x", "x", [0.0], [0.0])
    bad = {"id": "p", "position": {"cartesian": [0, 1, 2], "cartographicDegrees": [0, 1, 2]}}  # two kinds
    with pytest.raises(Exception):
        document("bad", 0.0, 1.0, [bad])


def test_lambert_arc_joins_the_bodies_and_reads_back(tmp_path):
    t0, t1 = float(utc_to_tdb("2026-11-10")), float(utc_to_tdb("2027-09-01"))
    h = lambert_transfer_states("earth", "mars", t0, t1)
    r_e, _ = state("earth", t0, center="sun")
    r_m, _ = state("mars", t1, center="sun")
    assert np.linalg.norm(h.r[0] - r_e) < 1e-3
    assert np.linalg.norm(h.r[-1] - r_m) < 1e3  # Kepler propagation of the Lambert solution: < 1 km at arrival
    assert h.frame == "ICRF" and h.center == "SUN" and h.tdb[-1] == t1
    assert np.allclose(np.diff(h.tdb[:-1]), DAY)
    message = oem.OrbitEphemerisMessage.open(str(write_oem(tmp_path / "transfer.xml", h)))
    r = np.array([s.position for s in message.states]) * 1e3
    assert np.abs(r - h.r).max() < 1e-3
    assert message.segments[0].metadata["TIME_SYSTEM"] == "TDB"


def test_sample_times_keep_the_end_and_refuse_bad_steps():
    assert sample_times(0.0, 10.0, 3.0).tolist() == [0.0, 3.0, 6.0, 9.0, 10.0]
    assert sample_times(0.0, 9.0, 3.0).tolist() == [0.0, 3.0, 6.0, 9.0]
    with pytest.raises(InputError):
        sample_times(0.0, 1.0, 0.0)
    with pytest.raises(InputError):
        sample_times(1.0, 0.0, 1.0)
