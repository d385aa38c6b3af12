"""Issue 19 item 25: the deorbit footprint's fragment labels do not overlap, even when the points bunch up."""

import itertools
import types

import numpy as np


def test_fragment_labels_never_overlap():
    from matplotlib.text import Text

    from spaceplan.station.plots import footprint_figure

    # five fragment points 0.1 deg apart: the old alternating +6/-14 pt offsets put three labels on one another
    plan = types.SimpleNamespace(footprint_lon_deg=np.array([-130.0, -129.9, -129.8, -129.7, -129.6]),
                                 footprint_lat_deg=np.array([-48.0, -48.05, -48.1, -48.15, -48.2]),
                                 station="X", footprint_length_km=50.0, ballistic_spread_km=50.0)
    fig = footprint_figure(plan)
    renderer = fig.canvas.get_renderer()
    boxes = [Text.get_window_extent(t, renderer) for t in fig.axes[0].texts]
    assert len(boxes) == 5
    assert not any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))
