"""Numba kernels of the coverage engine (see :mod:`spaceplan.constellation.coverage`).

Visibility test (spherical Earth, SMAD sec. 5.2): a ground point with unit vector g sees a
satellite with unit vector s and Earth central angle lambda_max when g . s >= cos(lambda_max).
Spatial index: ground points are sorted into lat/lon buckets; each satellite visits only the
buckets its coverage cap can touch (latitude band +/- lambda, longitude +/- asin(sin lambda /
cos lat_sub), all longitudes when the cap holds a pole).  Time steps of a chunk run in parallel,
each with its own count row: no write races.  Statistics then run in parallel over points.

Full global grids use :func:`grid_diff` instead: one contiguous run of cells per grid row and
satellite, accumulated as differences (O(rows) per satellite instead of O(cells)).
"""

from __future__ import annotations

import math

from numba import prange

from spaceplan.core.jit import kernel

_HALF_PI = 0.5 * math.pi
_MARGIN = 1e-9  # rad added to the cap radius for the bucket search only (never to the test)
_ULPS = 64 * 2.220446049250313e-16  # rounding allowance of a row's run ends (see _grid_diff)


@kernel(parallel=True, python_errors=True)
def bucket_counts_chunk(sat_u, sat_cos, sat_lam, pts_u, bucket_start, nlat, nlon, counts):
    """counts[t, p] = satellites point p sees at step t (T steps in parallel, one row each).

    sat_u (T, N, 3) unit vectors, sat_cos (T, N) cos(lambda_max), sat_lam (T, N) lambda_max
    (rad); pts_u (M, 3) unit vectors sorted by bucket, bucket_start (nlat*nlon + 1) CSR offsets.
    """
    for t in prange(sat_u.shape[0]):
        counts[t, :] = 0
        _bucket_step(sat_u[t], sat_cos[t], sat_lam[t], pts_u, bucket_start, nlat, nlon, counts[t])


@kernel(python_errors=True)
def _bucket_step(sat_u, sat_cos, sat_lam, pts_u, bucket_start, nlat, nlon, counts):
    n_sat = sat_u.shape[0]
    dlat = math.pi / nlat
    dlon = 2.0 * math.pi / nlon
    if True:
        for s in range(n_sat):
            ux = sat_u[s, 0]
            uy = sat_u[s, 1]
            uz = sat_u[s, 2]
            c = sat_cos[s]
            lam = sat_lam[s] + _MARGIN
            lat = math.asin(min(1.0, max(-1.0, uz)))
            lon = math.atan2(uy, ux)
            i0 = int(math.floor((lat - lam + _HALF_PI) / dlat))
            i1 = int(math.floor((lat + lam + _HALF_PI) / dlat))
            if i0 < 0:
                i0 = 0
            if i1 > nlat - 1:
                i1 = nlat - 1
            full = lat + lam >= _HALF_PI or lat - lam <= -_HALF_PI
            j0 = 0
            nj = nlon
            if not full:
                ratio = math.sin(lam) / math.cos(lat)
                if ratio >= 1.0:
                    full = True
                else:
                    w = math.asin(ratio) + _MARGIN
                    j0 = int(math.floor((lon - w + math.pi) / dlon))
                    j1 = int(math.floor((lon + w + math.pi) / dlon))
                    nj = j1 - j0 + 1
                    if nj >= nlon:
                        j0 = 0
                        nj = nlon
            for i in range(i0, i1 + 1):
                base = i * nlon
                for jj in range(nj):
                    j = (j0 + jj) % nlon
                    b = base + j
                    for p in range(bucket_start[b], bucket_start[b + 1]):
                        d = pts_u[p, 0] * ux + pts_u[p, 1] * uy + pts_u[p, 2] * uz
                        if d >= c:
                            counts[p] += 1


@kernel(inline=True, python_errors=True)
def _exact_cell(pts_u, nlon, i, j, ux, uy, uz, c, diff):
    jm = j  # callers pass -nlon <= j < 2 nlon: a compare instead of an integer modulo
    if jm < 0:
        jm += nlon
    elif jm >= nlon:
        jm -= nlon
    p = i * nlon + jm
    d = pts_u[p, 0] * ux + pts_u[p, 1] * uy + pts_u[p, 2] * uz
    if d >= c:
        diff[i, jm] += 1
        diff[i, jm + 1] -= 1


@kernel(parallel=True, python_errors=True)
def grid_counts_chunk(sat_u, sat_cos, sat_lam, pts_u, row_sin, row_cos, pad, nlat, nlon, diff, counts):
    """counts[t, i*nlon + j] = satellites grid cell (i, j) sees at step t; steps run in parallel,
    each with its own difference array diff[t] (T, nlat, nlon + 1), zero on entry and exit."""
    for t in prange(sat_u.shape[0]):
        _grid_diff(sat_u[t], sat_cos[t], sat_lam[t], pts_u, row_sin, row_cos, pad, nlat, nlon, diff[t])
        d = diff[t]
        out = counts[t]
        for i in range(nlat):
            run = 0
            for j in range(nlon):
                run += d[i, j]
                d[i, j] = 0
                out[i * nlon + j] = run
            d[i, nlon] = 0


@kernel(python_errors=True)
def _grid_diff(sat_u, sat_cos, sat_lam, pts_u, row_sin, row_cos, pad, nlat, nlon, diff):
    """Satellites in view on a full global lat/lon grid, row by row, as run-length differences.

    In grid row i (geocentric latitude phi_i) the cells seeing satellite s are those with
    cos(dlon) >= x = (cos lambda_max - sin phi_i sin phi_s) / (cos phi_i cos phi_s): one
    contiguous run of longitudes |dlon| <= acos(x), i.e. of cell indices L <= j <= R.  L and R
    carry a rounding error below eps = (1e-12 + 64 ulp (|cos lambda| + |a| + b) / (b sin(acos x)))
    / dlon cells (a = sin phi_i sin phi_s, b = cos phi_i cos phi_s: the error of x, amplified by
    d acos/dx, plus the cell-centre longitudes' own rounding).  Cells within eps of L or R (rarely
    more than one per row end), whole rows near tangency (|x| within 1e-6 of 1) and rows at the
    poles are decided by the exact dot-product test; the cells between are added to the
    difference array diff[i, :] (+1 at the start, -1 after the end).  The result equals the
    per-pair test exactly (the tests compare it with brute force).
    """
    n_sat = sat_u.shape[0]
    dlat = math.pi / nlat
    dlon = 2.0 * math.pi / nlon
    if True:
        for s in range(n_sat):
            ux = sat_u[s, 0]
            uy = sat_u[s, 1]
            uz = sat_u[s, 2]
            c = sat_cos[s]
            lam = sat_lam[s]
            cphi = math.sqrt(ux * ux + uy * uy)
            lat = math.atan2(uz, cphi)
            lon = math.atan2(uy, ux)
            i0 = int(math.floor((lat - lam + _HALF_PI) / dlat)) - pad
            i1 = int(math.floor((lat + lam + _HALF_PI) / dlat)) + pad
            if i0 < 0:
                i0 = 0
            if i1 > nlat - 1:
                i1 = nlat - 1
            for i in range(i0, i1 + 1):
                b = row_cos[i] * cphi
                a = row_sin[i] * uz
                if b < 1e-9:
                    for j in range(nlon):
                        _exact_cell(pts_u, nlon, i, j, ux, uy, uz, c, diff)
                    continue
                x = (c - a) / b
                if x > 1.0 + 1e-6:
                    continue
                if x < -1.0 + 1e-6:
                    for j in range(nlon):
                        _exact_cell(pts_u, nlon, i, j, ux, uy, uz, c, diff)
                    continue
                if x > 1.0 - 1e-6:  # near tangency: a run of at most a few cells, all tested exactly
                    dm = math.acos(max(x - 2e-6, -1.0))
                    ja = int(math.floor((lon - dm + math.pi) / dlon - 0.5))
                    jb = int(math.ceil((lon + dm + math.pi) / dlon - 0.5))
                    for j in range(ja, jb + 1):
                        _exact_cell(pts_u, nlon, i, j, ux, uy, uz, c, diff)
                    continue
                dm = math.acos(x)
                # cell j (centre longitude (j + 1/2) dlon - pi) sees the satellite iff left <= j <= right;
                # within eps cells of either end the exact test decides (see the docstring for eps)
                left = (lon - dm + math.pi) / dlon - 0.5
                right = (lon + dm + math.pi) / dlon - 0.5
                eps = (1e-12 + _ULPS * (abs(c) + abs(a) + b) / (b * math.sqrt(1.0 - x * x))) / dlon
                ja = int(math.ceil(left - eps))  # first cell that may see it
                jin0 = int(math.floor(left + eps)) + 1  # first cell that surely does
                jin1 = int(math.ceil(right - eps)) - 1  # last cell that surely does
                jb = int(math.floor(right + eps))  # last cell that may
                if jin1 - jin0 + 1 >= nlon:  # every cell of the row
                    diff[i, 0] += 1
                    diff[i, nlon] -= 1
                    continue
                if jb - ja + 1 >= nlon:
                    for j in range(nlon):
                        _exact_cell(pts_u, nlon, i, j, ux, uy, uz, c, diff)
                    continue
                if jin1 < jin0:
                    for j in range(ja, jb + 1):
                        _exact_cell(pts_u, nlon, i, j, ux, uy, uz, c, diff)
                    continue
                for j in range(ja, jin0):
                    _exact_cell(pts_u, nlon, i, j, ux, uy, uz, c, diff)
                for j in range(jin1 + 1, jb + 1):
                    _exact_cell(pts_u, nlon, i, j, ux, uy, uz, c, diff)
                start = jin0 % nlon
                length = jin1 - jin0 + 1
                if start + length <= nlon:
                    diff[i, start] += 1
                    diff[i, start + length] -= 1
                else:
                    diff[i, start] += 1
                    diff[i, nlon] -= 1
                    diff[i, 0] += 1
                    diff[i, start + length - nlon] -= 1


STATS_BLOCKS = 64  # fixed point blocks: the per-step sums add up in the same order on any thread count
_SUB_BLOCK = 256  # points whose running statistics stay in cache while the steps stream past


@kernel(parallel=True, python_errors=True)
def update_stats_chunk(counts, gather, weight, k_req, covered, cur_gap, max_gap, n_gaps, sum_gap, sum_count, hist,
                       area_part, mean_part):
    """Fold steps t = 0..T-1 of n = counts[t, gather[p]] into the running statistics of point p,
    and the weighted per-step sums area_part[b, t] = sum over block b of weight[p] [n >= k_req],
    mean_part[b, t] = sum of weight[p] n.

    Parallel over STATS_BLOCKS fixed blocks of points (time order kept per point); within a block,
    sub-blocks of points walk the steps so that counts rows are read contiguously.  The caller
    adds the blocks' partial sums in block order: the result does not depend on the thread count.
    """
    m = gather.shape[0]
    h = hist.shape[1]
    n_t = counts.shape[0]
    n_blocks = area_part.shape[0]
    size = (m + n_blocks - 1) // n_blocks
    for b in prange(n_blocks):
        for t in range(n_t):
            area_part[b, t] = 0.0
            mean_part[b, t] = 0.0
        p_end = min(m, (b + 1) * size)
        for s0 in range(b * size, p_end, _SUB_BLOCK):
            s1 = min(p_end, s0 + _SUB_BLOCK)
            for t in range(n_t):
                row = counts[t]
                area = 0.0
                mean = 0.0
                for p in range(s0, s1):
                    n = row[gather[p]]
                    w = weight[p]
                    if n >= k_req:
                        covered[p] += 1
                        area += w
                        g = cur_gap[p]
                        if g > 0:
                            n_gaps[p] += 1
                            sum_gap[p] += g
                            if g > max_gap[p]:
                                max_gap[p] = g
                            cur_gap[p] = 0
                    else:
                        cur_gap[p] += 1
                    sum_count[p] += n
                    mean += w * n
                    hist[p, min(n, h - 1)] += 1
                area_part[b, t] += area
                mean_part[b, t] += mean
