"""Ground regions: bounding boxes, including the full-longitude and antimeridian cases."""

import numpy as np

from spaceplan.core.regions import bounding_box, global_grid


def test_full_longitude_box_is_a_latitude_cap():
    box = bounding_box(60, 90, -180, 180, 10.0)
    world = global_grid(10.0)
    assert box.size == np.count_nonzero(np.degrees(world.lat) >= 60)


def test_box_across_antimeridian():
    box = bounding_box(0, 10, 170, -170, 10.0)
    lon = np.degrees(box.lon)
    assert box.size == 2 and np.all(np.abs(lon) >= 170)
