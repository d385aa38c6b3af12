"""Issue 19 item 25: the Van Allen belt labels of the spiral figure sit inside their belts."""

import math
import types

import numpy as np


def test_belt_labels_sit_inside_their_bands():
    from spaceplan.core.constants import EARTH_RADIUS
    from spaceplan.propulsion.plots import spiral_figure
    from spaceplan.propulsion.spiral import INNER_BELT_ALT_M, OUTER_BELT_ALT_M

    ang = np.linspace(0.0, 40 * np.pi, 4000)
    r = EARTH_RADIUS + 800e3 + 1.5e4 * ang ** 1.5
    history = np.column_stack([ang, r * np.cos(ang), r * np.sin(ang)])
    result = types.SimpleNamespace(history=history, body="earth", mode="escape", dv_m_s=7000.0, time_s=3e7,
                                   revolutions=20.0)
    fig = spiral_figure(result)
    labels = {t.get_text(): t for t in fig.axes[0].texts}
    for name, (lo, hi) in (("inner belt", INNER_BELT_ALT_M), ("outer belt", OUTER_BELT_ALT_M)):
        x, y = labels[name].get_position()
        radius = math.hypot(x, y) * 1e6
        assert EARTH_RADIUS + lo < radius < EARTH_RADIUS + hi, (name, radius)
        assert labels[name].get_ha() == "center" and labels[name].get_va() == "center"
