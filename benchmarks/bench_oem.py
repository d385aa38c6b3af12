"""Benchmark: CCSDS OEM writing of a five-year, 60 s station trajectory (2.63 million states).

The states are a two-body ISS orbit (420 km, 51.64 deg) from 2027-01-01 every 60 s for five Julian
years, propagated with core Kepler (the writer does not care which force model made them; the
Cowell run itself is timed in bench_station).  Rows:

1. TEME -> EME2000 rotation of every state (skyfield matrices on a 12 h grid, cubic interpolation);
2. KVN write (UTC epochs through the leap-second table; numba state-line kernel), file on /tmp;
3. XML write (TDB epochs).
Peer: the ``oem`` package's own writer (``OrbitEphemerisMessage.save_as``, KVN) on the first
10,000 states read from our file, scaled linearly to 2.63 million.
Rows follow the benchmarks/run.py contract (ratio = peer_s / ours_s).
"""

from __future__ import annotations

import os
import tempfile
import time

import numpy as np

from _timing import best_of


def run() -> list[dict]:
    from spaceplan.core import kepler
    from spaceplan.core.constants import EARTH_GM, JULIAN_YEAR
    from spaceplan.core.frames import teme_to_eme2000
    from spaceplan.core.oem import StateHistory, write_oem
    from spaceplan.core.propagator import circular_state
    from spaceplan.core.time import utc_to_tdb

    t0 = float(utc_to_tdb("2027-01-01"))
    n = int(5 * JULIAN_YEAR / 60.0)
    t = t0 + 60.0 * np.arange(n)
    r0, v0 = circular_state(420e3, np.radians(51.64))
    r, v = kepler.propagate(np.tile(r0, (n, 1)), np.tile(v0, (n, 1)), t - t0, EARTH_GM)
    small = StateHistory("ISS", "ISS", "EARTH", "EME2000", t[:1000], r[:1000], v[:1000])
    folder = tempfile.mkdtemp(prefix="spaceplan-bench-oem-")
    write_oem(os.path.join(folder, "warm.oem"), small)  # compile the kernel
    out = {}

    def rotate():
        out["rv"] = teme_to_eme2000(r, v, t)

    t_rot = best_of(rotate, 1)
    history = StateHistory("ISS", "ISS", "EARTH", "EME2000", t, *out["rv"])
    kvn, xml = os.path.join(folder, "iss.oem"), os.path.join(folder, "iss.xml")
    t_kvn = best_of(lambda: write_oem(kvn, history), 1)
    t_xml = best_of(lambda: write_oem(xml, history, time_system="TDB"), 1)
    sizes = os.path.getsize(kvn) / 1e6, os.path.getsize(xml) / 1e6

    t_peer, peer = None, None
    try:
        import oem

        part = StateHistory("ISS", "ISS", "EARTH", "EME2000", t[:10_000], *(x[:10_000] for x in out["rv"]))
        src = os.path.join(folder, "part.oem")
        write_oem(src, part)
        message = oem.OrbitEphemerisMessage.open(src)
        start = time.perf_counter()
        message.save_as(os.path.join(folder, "peer.oem"), file_format="kvn")
        t_peer = (time.perf_counter() - start) * n / 10_000
        peer = "oem 0.4.5 save_as (10,000 states, scaled)"
    except ImportError:
        pass
    for name in os.listdir(folder):
        os.remove(os.path.join(folder, name))
    os.rmdir(folder)
    return [
        {"benchmark": f"TEME -> EME2000, {n:,} states (5 y at 60 s)", "ours_s": t_rot, "peer": None, "peer_s": None,
         "target": "", "note": "skyfield matrices every 12 h, cubic"},
        {"benchmark": f"OEM KVN write, {n:,} states, UTC", "ours_s": t_kvn, "peer": peer, "peer_s": t_peer,
         "target": "< 10 s", "note": f"{sizes[0]:.0f} MB, {n / t_kvn / 1e6:.2f} M states/s"},
        {"benchmark": f"OEM XML write, {n:,} states, TDB", "ours_s": t_xml, "peer": None, "peer_s": None,
         "target": "", "note": f"{sizes[1]:.0f} MB"},
    ]
