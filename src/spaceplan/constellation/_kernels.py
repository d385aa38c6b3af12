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

from numba import njit, prange

_HALF_PI = 0.5 * math.pi
_MARGIN = 1e-9  # rad added to the cap radius for the bucket search only (never to the test)


@njit(cache=True, parallel=True)
def bucket_counts_chunk(sat_u, sat_cos, sat_lam, pts_u, bucket_start, nlat, nlon, counts):
    """counts[t, p] = satellites point p sees at step t (T steps in parallel, one row each).

    sat_u (T, N, 3) unit vectors, sat_cos (T, N) cos(lambda_max), sat_lam (T, N) lambda_max
    (rad); pts_u (M, 3) unit vectors sorted by bucket, bucket_start (nlat*nlon + 1) CSR offsets.
    """
    for t in prange(sat_u.shape[0]):
        counts[t, :] = 0
        _bucket_step(sat_u[t], sat_cos[t], sat_lam[t], pts_u, bucket_start, nlat, nlon, counts[t])


@njit(cache=True)
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


@njit(cache=True, inline="always")
def _exact_cell(pts_u, nlon, i, j, ux, uy, uz, c, diff):
    jm = j % nlon
    p = i * nlon + jm
    d = pts_u[p, 0] * ux + pts_u[p, 1] * uy + pts_u[p, 2] * uz
    if d >= c:
        diff[i, jm] += 1
        diff[i, jm + 1] -= 1


@njit(cache=True, parallel=True)
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


@njit(cache=True)
def _grid_diff(sat_u, sat_cos, sat_lam, pts_u, row_sin, row_cos, pad, nlat, nlon, diff):
    """Satellites in view on a full global lat/lon grid, row by row, as run-length differences.

    In grid row i (geocentric latitude phi_i) the cells seeing satellite s are those with
    cos(dlon) >= x = (cos lambda_max - sin phi_i sin phi_s) / (cos phi_i cos phi_s): one
    contiguous run of longitudes |dlon| <= acos(x).  With cell indices L <= j <= R of that run,
    cells floor(L), floor(L)+1, ceil(R)-1, ceil(R) (and whole rows near tangency, |x| within
    1e-6 of 1, or at the poles) are decided by the exact dot-product test; cells strictly
    between are added to the difference array diff[i, :] (+1 at the start, -1 after the end).
    They lie more than one cell inside the boundary, so their dot product exceeds
    cos(lambda_max) by >= 2 sin^2(dlon/2) cos phi_i cos phi_s (>= 1e-7 on a 1 deg grid), far
    above rounding (1e-16): the result equals the per-pair test exactly.
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
                near = x > 1.0 - 1e-6
                dm = math.acos(max(x - 2e-6, -1.0)) if near else math.acos(x)
                left = (lon - dm + math.pi) / dlon - 0.5
                right = (lon + dm + math.pi) / dlon - 0.5
                ja = int(math.floor(left))
                jb = int(math.ceil(right))
                if jb - ja + 1 >= nlon:
                    for j in range(nlon):
                        _exact_cell(pts_u, nlon, i, j, ux, uy, uz, c, diff)
                    continue
                if near or jb - ja + 1 <= 4:
                    for j in range(ja, jb + 1):
                        _exact_cell(pts_u, nlon, i, j, ux, uy, uz, c, diff)
                    continue
                _exact_cell(pts_u, nlon, i, ja, ux, uy, uz, c, diff)
                _exact_cell(pts_u, nlon, i, ja + 1, ux, uy, uz, c, diff)
                _exact_cell(pts_u, nlon, i, jb - 1, ux, uy, uz, c, diff)
                _exact_cell(pts_u, nlon, i, jb, ux, uy, uz, c, diff)
                start = (ja + 2) % nlon
                length = (jb - 2) - (ja + 2) + 1
                if start + length <= nlon:
                    diff[i, start] += 1
                    diff[i, start + length] -= 1
                else:
                    diff[i, start] += 1
                    diff[i, nlon] -= 1
                    diff[i, 0] += 1
                    diff[i, start + length - nlon] -= 1


@njit(cache=True, parallel=True)
def update_stats_chunk(counts, gather, k_req, covered, cur_gap, max_gap, n_gaps, sum_gap, sum_count, hist):
    """Fold steps t = 0..T-1 of n = counts[t, gather[p]] into the running statistics of point p
    (parallel over points, time order kept per point)."""
    m = gather.shape[0]
    h = hist.shape[1]
    for p in prange(m):
        q = gather[p]
        for t in range(counts.shape[0]):
            n = counts[t, q]
            if n >= k_req:
                covered[p] += 1
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
            hist[p, min(n, h - 1)] += 1
